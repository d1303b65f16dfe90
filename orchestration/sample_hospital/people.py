"""Patients and staff. Names are common surnames and given names; none is a real person.

Northgate's systems write UTF-8 (ISO_IR 192), so its patients include names outside
Latin-1; Riverside writes ISO 8859-1 (ISO_IR 100), so its names stay within it. That
gives the extractor real character-set decoding to do.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta

from orchestration.sample_hospital import ids
from orchestration.sample_hospital.catalogue import DEPARTMENTS, INSTITUTIONS
from orchestration.sample_hospital.model import Patient, Staff

LATIN1_FAMILIES = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Müller",
    "Sánchez",
    "O'Brien",
    "Nuñez",
    "Gómez",
    "Søren",
    "Khan",
    "Ali",
    "Murphy",
    "Kelly",
    "Hughes",
    "Edwards",
    "Lewis",
    "Martin",
    "Cooper",
)
UTF8_FAMILIES = ("Nguyễn", "Łukasik", "Dvořák", "Öztürk", "Kowalczyk", "Wiśniewski", "Chen")
FEMALE = (
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Sophie",
    "Grace",
    "Chloé",
    "Zoë",
    "Fatima",
    "Aoife",
    "Margaret",
    "Susan",
    "Helen",
    "Priya",
    "Ingrid",
)
MALE = (
    "Oliver",
    "George",
    "Harry",
    "Noah",
    "Jack",
    "Leo",
    "Arthur",
    "Muhammad",
    "José",
    "Liam",
    "David",
    "Peter",
    "Rajesh",
    "Tomás",
    "Sean",
    "William",
)

# MRN ranges: both hospitals allocate sequential seven-digit numbers.
MRN_START = {"NGH": 4_100_000, "RCH": 1_300_000}

# Staff per institution and department: (role, count).
READER_ROLE = {
    "Radiology": "radiologist",
    "Cardiology": "cardiologist",
    "Pathology": "pathologist",
}
STAFFING = {"NGH": {"reader": 5, "technologist": 4}, "RCH": {"reader": 3, "technologist": 2}}
REFERRERS = {"NGH": 16, "RCH": 8}
NURSES_AND_CLERKS = {"NGH": 8, "RCH": 4}


def _ascii(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalpha())


def patients(seed: int, count: int, shares: dict[str, float]) -> list[Patient]:
    draw = ids.rng(seed, "patients")
    result = []
    next_mrn = dict(MRN_START)
    institutions = list(shares)
    weights = [shares[k] for k in institutions]
    for _ in range(count):
        key = institutions[draw.choice(len(institutions), p=weights)]
        families = LATIN1_FAMILIES + (UTF8_FAMILIES if key == "NGH" else ())
        sex = "F" if draw.random() < 0.52 else "M"
        given = FEMALE if sex == "F" else MALE
        born = date(1935, 1, 1) + timedelta(days=int(draw.integers(0, 365 * 88)))
        next_mrn[key] += int(draw.integers(1, 40))
        result.append(
            Patient(
                patient_id=str(next_mrn[key]),
                issuer=key,
                family=str(draw.choice(families)),
                given=str(draw.choice(given)),
                sex=sex,
                birth_date=born,
            )
        )
    return result


def staff(seed: int) -> list[Staff]:
    """The staff directory: readers, technologists, referrers, nurses and clerks."""
    draw = ids.rng(seed, "staff")
    people: list[Staff] = []
    taken: set[str] = set()

    def hire(role: str, institution: str, department: str) -> None:
        family = str(draw.choice(LATIN1_FAMILIES))
        given = str(draw.choice(FEMALE + MALE))
        user_id = f"{_ascii(given)[0]}{_ascii(family)}"
        while user_id in taken:
            user_id += str(int(draw.integers(0, 10)))
        taken.add(user_id)
        people.append(Staff(user_id, family, given, role, institution, department))

    for institution in INSTITUTIONS:
        counts = STAFFING[institution.key]
        for department in DEPARTMENTS:
            if department not in institution.departments:
                continue
            for _ in range(counts["reader"]):
                hire(READER_ROLE.get(department, "physician"), institution.key, department)
            for _ in range(counts["technologist"]):
                hire("technologist", institution.key, department)
        for _ in range(REFERRERS[institution.key]):
            hire("physician", institution.key, "Medicine")
        for index in range(NURSES_AND_CLERKS[institution.key]):
            hire("nurse" if index % 2 else "clerk", institution.key, "Wards")
    return people

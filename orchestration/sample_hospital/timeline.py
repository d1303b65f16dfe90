"""Plan the enterprise: every study with its order, exam, report times and series.

Studies are allocated to institutions and protocols by quota (largest remainder, at
least one per protocol an institution offers) so even the ci scale covers every
department and modality; times, priorities and people are then drawn per study from
its own random stream, so a study's content does not depend on any other's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import numpy as np

from orchestration.sample_hospital import catalogue, ids, people, reference
from orchestration.sample_hospital.catalogue import INSTITUTIONS
from orchestration.sample_hospital.devices import devices_for
from orchestration.sample_hospital.model import Dose, Patient, Staff, Study
from orchestration.sample_hospital.protocols import Protocol, offered
from orchestration.sample_hospital.reference import EMERGENCY, INPATIENT, OUTPATIENT
from orchestration.sample_hospital.scales import Scale
from orchestration.sample_hospital.series_plan import plan_series

SETTINGS = (EMERGENCY, INPATIENT, OUTPATIENT)
HOURS = {
    EMERGENCY: reference.EMERGENCY_HOURS,
    INPATIENT: reference.INPATIENT_HOURS,
    OUTPATIENT: reference.OUTPATIENT_HOURS,
}
DAYS = {
    EMERGENCY: reference.EMERGENCY_DAYS,
    INPATIENT: reference.INPATIENT_DAYS,
    OUTPATIENT: reference.OUTPATIENT_DAYS,
}
ACCESSION_PREFIX = {"NGH": "NG", "RCH": "RC"}


@dataclass
class Enterprise:
    seed: int
    scale: Scale
    patients: list[Patient]
    staff: list[Staff]
    studies: list[Study] = field(default_factory=list)
    # (PatientID, issuer) of patients flagged VIP in the EHR.
    vips: frozenset[tuple[str, str]] = frozenset()

    @property
    def as_of(self) -> datetime:
        """End of the simulated period: nothing later has happened yet."""
        return datetime.combine(self.scale.start, time()) + timedelta(days=self.scale.days)


def allocate(total: int, weights: list[float], minimum: int = 1) -> list[int]:
    """Largest-remainder allocation of `total` with at least `minimum` each."""
    rest = max(0, total - minimum * len(weights))
    shares = np.array(weights) / sum(weights) * rest
    counts = np.floor(shares).astype(int)
    order = np.argsort(-(shares - counts), kind="stable")
    counts[order[: rest - counts.sum()]] += 1
    return [int(c) + minimum for c in counts]


def delay(draw: np.random.Generator, spec: reference.LogNormal) -> timedelta:
    """A log-normal delay, whole seconds (the resolution of DICOM and HL7 times)."""
    minutes = spec.median_minutes * math.exp(draw.normal(0, spec.sigma))
    return timedelta(seconds=round(minutes * 60))


def _pick(draw: np.random.Generator, options: list):
    return options[int(draw.integers(0, len(options)))]


def _exam_start(enterprise: Enterprise, setting: str, draw: np.random.Generator) -> datetime:
    start = enterprise.scale.start
    day_weights = np.array([DAYS[setting][(start + timedelta(days=d)).weekday()] for d in range(enterprise.scale.days)])
    day = int(draw.choice(len(day_weights), p=day_weights / day_weights.sum()))
    hours = np.array(HOURS[setting])
    hour = int(draw.choice(24, p=hours / hours.sum()))
    minute = int(draw.integers(0, 60))
    return datetime.combine(start + timedelta(days=day), time(hour, minute))


def _out_of_hours(moment: datetime) -> bool:
    return moment.weekday() >= 5 or not 8 <= moment.hour < 18


def _next_morning(moment: datetime) -> datetime:
    day = moment.date() + timedelta(days=1 if moment.hour >= 8 else 0)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, time(8))


def _patient_for(protocol: Protocol, pool: list[Patient], draw) -> Patient:
    if protocol.department == catalogue.RADIOLOGY and protocol.modality == "MG":
        pool = [p for p in pool if p.sex == "F"]
    elif protocol.key == "mr_prostate":
        pool = [p for p in pool if p.sex == "M"]
    return _pick(draw, pool)


def _dose(protocol: Protocol, draw) -> Dose | None:
    factor = reference.DOSE_MEDIAN_OF_REFERENCE * math.exp(draw.normal(0, reference.DOSE_SIGMA))
    if protocol.key in reference.CT_REFERENCE:
        ctdi_ref, dlp_ref = reference.CT_REFERENCE[protocol.key]
        ctdivol = round(ctdi_ref * factor, 2)
        dlp = round(ctdivol * protocol.scan_length_cm * math.exp(draw.normal(0, 0.1)), 1)
        return Dose(ctdivol, dlp, None, ctdi_ref, dlp_ref, None)
    if protocol.key in reference.DAP_REFERENCE:
        dap_ref = reference.DAP_REFERENCE[protocol.key]
        return Dose(None, None, round(dap_ref * factor, 4), None, None, dap_ref)
    return None


def _report_times(study: Study, draw) -> None:
    if study.department == catalogue.PATHOLOGY:
        study.final_at = study.exam_end + delay(draw, reference.PATHOLOGY_TURNAROUND)
    else:
        study.final_at = study.exam_end + delay(draw, reference.TURNAROUND[study.priority])
    emergency_read = study.department == catalogue.RADIOLOGY and study.priority != "ROUTINE"
    chance = reference.PRELIMINARY_OUT_OF_HOURS if _out_of_hours(study.exam_end) else (reference.PRELIMINARY_IN_HOURS)
    if emergency_read and draw.random() < chance:
        study.preliminary_at = study.exam_end + delay(draw, reference.PRELIMINARY_DELAY)
        morning = _next_morning(study.preliminary_at)
        if _out_of_hours(study.preliminary_at):
            study.final_at = max(study.final_at, morning + timedelta(minutes=int(draw.integers(0, 150))))
        study.final_at = max(study.final_at, study.preliminary_at + timedelta(minutes=5))
        study.preliminary_changed = bool(draw.random() < reference.PRELIMINARY_CHANGED)
    if draw.random() < reference.CORRECTED_RATE:
        study.corrected_at = study.final_at + delay(draw, reference.CORRECTION_DELAY)
    if draw.random() < reference.ADDENDUM_RATE:
        study.addendum_at = study.final_at + delay(draw, reference.ADDENDUM_DELAY)


def _study(enterprise: Enterprise, index: int, institution, protocol: Protocol) -> Study:
    seed = enterprise.seed
    draw = ids.rng(seed, "study", index)
    setting = SETTINGS[int(draw.choice(3, p=np.array(protocol.setting) / sum(protocol.setting)))]
    mix = np.array(reference.PRIORITY_MIX[setting])
    priority = reference.PRIORITIES[int(draw.choice(3, p=mix / mix.sum()))]
    exam_start = _exam_start(enterprise, setting, draw)
    exam_end = exam_start + timedelta(minutes=int(draw.integers(*protocol.minutes)) + 1)
    if setting == OUTPATIENT:
        low, high = reference.OUTPATIENT_BOOKING_DAYS
        booked = exam_start.date() - timedelta(days=int(draw.integers(low, high + 1)))
        ordered_at = datetime.combine(booked, time(int(draw.integers(8, 17)), int(draw.integers(60))))
        scheduled_at = exam_start.replace(minute=exam_start.minute // 15 * 15)
        registered_at = exam_start - timedelta(minutes=int(draw.integers(10, 40)))
    else:
        ordered_at = exam_start - delay(draw, reference.ORDER_TO_EXAM[(setting, priority)])
        scheduled_at = max(ordered_at, exam_start - timedelta(minutes=10))
        registered_at = ordered_at - timedelta(minutes=int(draw.integers(20, 240)))
    key = institution.key
    department = protocol.department
    staff = enterprise.staff
    readers = [
        s for s in staff if s.institution == key and s.department == department and s.role not in ("technologist",)
    ]
    study_uid = ids.uid(seed, "study", index)
    study = Study(
        index=index,
        study_uid=study_uid,
        accession="",
        patient=_patient_for(protocol, [p for p in enterprise.patients if p.issuer == key], draw),
        institution=institution,
        department=department,
        protocol=protocol.key,
        procedure_code=protocol.code,
        description=protocol.description,
        device=_pick(draw, devices_for(key, department, protocol.modality)),
        priority=priority,
        patient_class=setting,
        referrer=_pick(draw, [s for s in staff if s.institution == key and s.department == "Medicine"]),
        technologist=_pick(
            draw, [s for s in staff if s.institution == key and s.department == department and s.role == "technologist"]
        ),
        reader=_pick(draw, readers),
        ordered_at=ordered_at,
        scheduled_at=scheduled_at,
        exam_start=exam_start,
        exam_end=exam_end,
        registered_at=registered_at,
        encounter_id=f"V{int(ids.digest(seed, 'visit', index)[:4].hex(), 16) % 10**9:09d}",
    )
    study.series = plan_series(study_uid, protocol, enterprise.scale, draw)
    study.dose = _dose(protocol, draw)
    _report_times(study, draw)
    study.text_report_sr = bool(
        key == "RCH" and department == catalogue.RADIOLOGY and draw.random() < reference.TEXT_SR_RATE
    )
    return study


def plan(scale: Scale, seed: int) -> Enterprise:
    enterprise = Enterprise(
        seed=seed,
        scale=scale,
        patients=people.patients(seed, scale.patients, catalogue.INSTITUTION_SHARE),
        staff=people.staff(seed),
    )
    slots = []
    for institution in INSTITUTIONS:
        protocols = offered(institution)
        department_weight = {p.department: 0.0 for p in protocols}
        for p in protocols:
            department_weight[p.department] += p.weight
        weights = [
            catalogue.DEPARTMENT_SHARE[p.department] * p.weight / department_weight[p.department] for p in protocols
        ]
        total = round(scale.studies * catalogue.INSTITUTION_SHARE[institution.key])
        for protocol, count in zip(protocols, allocate(total, weights), strict=True):
            slots.extend([(institution, protocol)] * count)
    studies = [_study(enterprise, i, inst, proto) for i, (inst, proto) in enumerate(slots)]
    studies.sort(key=lambda s: (s.ordered_at, s.index))
    sequence = dict.fromkeys(ACCESSION_PREFIX, 0)
    for study in studies:
        key = study.institution.key
        sequence[key] += 1
        study.accession = f"{ACCESSION_PREFIX[key]}{study.ordered_at:%y}{sequence[key]:06d}"
    enterprise.studies = sorted(studies, key=lambda s: (s.exam_start, s.index))
    for study in enterprise.studies:
        censor(study, enterprise.as_of)
    return enterprise


def censor(study: Study, as_of: datetime) -> None:
    """Reports not yet signed at the end of the period do not exist yet."""
    for name in ("preliminary_at", "final_at", "corrected_at", "addendum_at"):
        value = getattr(study, name)
        if value is not None and value >= as_of:
            setattr(study, name, None)


def flag_vips(enterprise: Enterprise) -> None:
    """Flag about 1 % of imaged, reported patients VIP (public figures), at least 2.

    Only patients with a study reported early enough for anomalous look-ups to follow
    within the period are eligible, so every VIP can be the subject of one.
    """
    cutoff = enterprise.as_of - timedelta(days=reference.ANOMALY_LEAD_DAYS)
    imaged = sorted(
        {
            (s.patient.patient_id, s.patient.issuer)
            for s in enterprise.studies
            if s.has_images and s.final_at and s.final_at < cutoff
        }
    )
    draw = ids.rng(enterprise.seed, "vips")
    count = max(2, round(len(imaged) * reference.VIP_RATE))
    chosen = draw.choice(len(imaged), size=count, replace=False)
    enterprise.vips = frozenset(imaged[i] for i in chosen)

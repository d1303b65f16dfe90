"""Defects real archives have, injected at documented rates and recorded exactly.

Study-level defects change the plan (no images, no order message, no report); header
defects alter datasets as they are written; file defects damage or add files after
writing. Every rate has a floor (`MINIMUM`) so even the ci scale has each kind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from orchestration.sample_hospital import ids, pixels, reference
from orchestration.sample_hospital.dicom_iods import Slot
from orchestration.sample_hospital.model import FileRecord
from orchestration.sample_hospital.timeline import Enterprise

MINIMUM = reference.MINIMUM_PER_KIND
# (0020,000D) UI in Explicit VR Little Endian; headers put it well inside the first 64 KB.
STUDY_INSTANCE_UID_TAG = b"\x20\x00\x0d\x00UI"
HEADER_SCAN_BYTES = 65_536
BODY_PART_EXAMINED = 0x00180015
# Share of image series missing type 1/2 attributes, and the attributes a broken
# device or interface drops (never the identities the warehouse keys on).
MISSING_ATTRIBUTES_RATE = 0.02
MISSABLE = (
    "PatientSex",
    "PatientBirthDate",
    "ReferringPhysicianName",
    "StudyID",
    "SeriesNumber",
    "InstanceNumber",
    "Manufacturer",
)
WRONG_BODY_PART_RATE = 0.02
EMPTY_BODY_PART_RATE = 0.015
# What a technologist picks instead of the right BodyPartExamined.
WRONG_BODY_PART = {"CHEST": "ABDOMEN", "HEAD": "NECK", "ABDOMEN": "CHEST", "KNEE": "LEG"}
UNMAPPED_DESCRIPTION_RATE = 0.03
DUPLICATE_UID_RATE = 0.002
TRUNCATED_RATE = 0.002
# Free text typed at the modality instead of the procedure description.
LOCAL_DESCRIPTIONS = (
    "{modality} PER PROTOCOL",
    "{modality} (OUTSIDE REQUEST)",
    "{modality} - see req form",
    "Study {modality} rpt",
    "{modality} ADHOC",
)
# Files that are not DICOM at all, as found in real export folders.
NOT_DICOM = (
    ("Thumbs.db", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
    ("export_error.dcm", b"<html><body><h1>502 Bad Gateway</h1></body></html>\n"),
    ("empty.dcm", b""),
    ("scan_0001.dcm", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200) + b"\xff\xd9"),
)


@dataclass(frozen=True)
class Defect:
    kind: str
    study_uid: str | None
    accession: str | None
    series_uid: str | None
    sop_instance_uid: str | None
    path: str | None
    detail: str


@dataclass
class HeaderPlan:
    """Header defects by series UID, applied by `apply` as each instance is written."""

    missing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    body_part: dict[str, str] = field(default_factory=dict)

    def apply(self, ds, slot: Slot | None) -> None:
        series_uid = ds.SeriesInstanceUID
        for keyword in self.missing.get(series_uid, ()):
            if keyword in ds:
                delattr(ds, keyword)
        if series_uid in self.body_part:
            # A new element, not an edit: the series template's element is shared.
            ds.add_new(BODY_PART_EXAMINED, "CS", self.body_part[series_uid])


def _count(population: int, rate: float) -> int:
    return min(population, max(MINIMUM, round(population * rate)))


def _sample(draw, items: list, rate: float) -> list:
    chosen = draw.choice(len(items), size=_count(len(items), rate), replace=False)
    return [items[i] for i in sorted(chosen)]


def study_defects(enterprise: Enterprise) -> list[Defect]:
    """No images (cancelled or no-show), no order message, never reported: disjoint sets."""
    draw = ids.rng(enterprise.seed, "defects", "studies")
    pool = sorted(enterprise.studies, key=lambda s: s.index)
    draw.shuffle(pool)
    found = []
    plans = [
        ("order_without_images", reference.ORDER_WITHOUT_IMAGES_RATE),
        ("image_without_order", reference.IMAGES_WITHOUT_ORDER_RATE),
        ("never_reported", reference.NEVER_REPORTED_RATE),
    ]
    for kind, rate in plans:
        count = _count(len(enterprise.studies), rate)
        chosen, pool = pool[:count], pool[count:]
        for i, study in enumerate(chosen):
            if kind == "order_without_images":
                study.has_images = False
                study.order_cancelled = i % 2 == 0
                study.series = []
                detail = "cancelled" if study.order_cancelled else "no-show"
            elif kind == "image_without_order":
                study.has_order = False
                detail = "order message never sent"
            else:
                detail = "no preliminary or final report"
            if kind != "image_without_order":
                study.preliminary_at = study.final_at = None
                study.corrected_at = study.addendum_at = None
                study.text_report_sr = False
            found.append(Defect(kind, study.study_uid, study.accession, None, None, None, detail))
    return found


def shared_patient_id(enterprise: Enterprise) -> Defect:
    """Give a Riverside patient the MRN of a different Northgate patient (issuers differ)."""
    draw = ids.rng(enterprise.seed, "defects", "shared-id")
    by_issuer = {"NGH": [], "RCH": []}
    for study in enterprise.studies:
        if study.has_images and study.patient not in by_issuer[study.patient.issuer]:
            by_issuer[study.patient.issuer].append(study.patient)
    ngh = by_issuer["NGH"][int(draw.integers(len(by_issuer["NGH"])))]
    rch = by_issuer["RCH"][int(draw.integers(len(by_issuer["RCH"])))]
    renamed = replace(rch, patient_id=ngh.patient_id)
    for study in enterprise.studies:
        if study.patient == rch:
            study.patient = renamed
    enterprise.patients = [renamed if p == rch else p for p in enterprise.patients]
    return Defect(
        "shared_patient_id",
        None,
        None,
        None,
        None,
        None,
        f"PatientID {ngh.patient_id} issued by NGH to {ngh.dicom_name} and by RCH "
        f"to {renamed.dicom_name} (was {rch.patient_id})",
    )


def header_defects(enterprise: Enterprise) -> tuple[HeaderPlan, list[Defect]]:
    draw = ids.rng(enterprise.seed, "defects", "headers")
    plan = HeaderPlan()
    found: list[Defect] = []
    imaged = [s for s in enterprise.studies if s.has_images]
    series = [(study, s) for study in imaged for s in study.series if s.kind != "ecg"]
    for study, s in _sample(draw, series, MISSING_ATTRIBUTES_RATE):
        size = int(draw.integers(1, 3))
        missing = tuple(sorted(draw.choice(MISSABLE, size=size, replace=False).tolist()))
        plan.missing[s.uid] = missing
        found.append(
            Defect("missing_required_attribute", study.study_uid, study.accession, s.uid, None, None, ",".join(missing))
        )
    with_part = [(st, s) for st, s in series if s.body_part in WRONG_BODY_PART and s.uid not in plan.missing]
    for study, s in _sample(draw, with_part, WRONG_BODY_PART_RATE + EMPTY_BODY_PART_RATE):
        value = "" if draw.random() < 0.45 else WRONG_BODY_PART[s.body_part]
        plan.body_part[s.uid] = value
        kind = "empty_body_part" if value == "" else "wrong_body_part"
        found.append(
            Defect(kind, study.study_uid, study.accession, s.uid, None, None, f"{s.body_part} written as {value!r}")
        )
    for study in _sample(draw, imaged, UNMAPPED_DESCRIPTION_RATE):
        template = LOCAL_DESCRIPTIONS[int(draw.integers(len(LOCAL_DESCRIPTIONS)))]
        study.dicom_description = template.format(modality=study.device.modality)
        found.append(
            Defect(
                "unmapped_study_description",
                study.study_uid,
                study.accession,
                None,
                None,
                None,
                study.dicom_description,
            )
        )
    return plan, found


def file_defects(out: Path, enterprise: Enterprise, records: list[FileRecord]):
    """Truncate some files, duplicate some SOP Instance UIDs, add files that are not DICOM.

    Returns the updated records and the defects. A truncated file is cut before its
    Study Instance UID, so no reader can attribute it to a study: a study whose only
    file is truncated (a 12-lead ECG is chosen when there is one) never lands.
    """
    draw = ids.rng(enterprise.seed, "defects", "files")
    found: list[Defect] = []
    images = [r for r in records if r.modality != "SR"]
    single = [r for r in images if r.modality == "ECG"]
    victims = _sample(draw, images, TRUNCATED_RATE)
    if single and not any(v.modality == "ECG" for v in victims):
        victims[0] = single[int(draw.integers(len(single)))]
    truncated = {v.path for v in victims}
    updated = []
    for record in records:
        if record.path in truncated:
            damaged, defect = _truncate(out, record, draw)
            updated.append(damaged)
            found.append(defect)
        else:
            updated.append(record)
    single_modality = _single_modality_studies(updated)
    candidates = [r for r in updated if r.lands and r.modality != "SR" and r.study_uid in single_modality]
    for record in _sample(draw, candidates, DUPLICATE_UID_RATE):
        source = Path(record.path)
        copy = (source.parent.parent / "resend" / source.name).as_posix()
        (out / copy).parent.mkdir(parents=True, exist_ok=True)
        pixels.sparse_copy(out / record.path, out / copy)
        updated.append(FileRecord(**{**record.__dict__, "path": copy}))
        found.append(
            Defect(
                "duplicate_sop_instance_uid",
                record.study_uid,
                None,
                record.series_uid,
                record.sop_instance_uid,
                copy,
                f"same SOP Instance UID as {record.path}",
            )
        )
    for institution, (name, content) in zip(("NGH", "RCH", "NGH", "RCH"), NOT_DICOM, strict=True):
        path = f"dicom/{institution}/{name}"
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(content)
        found.append(Defect("non_dicom_file", None, None, None, None, path, _describe(content)))
    return updated, found


def _truncate(out: Path, record: FileRecord, draw) -> tuple[FileRecord, Defect]:
    """Cut a file somewhere after its preamble and before its Study Instance UID."""
    with open(out / record.path, "rb") as f:
        header = f.read(HEADER_SCAN_BYTES)
    cut = int(draw.integers(140, header.find(STUDY_INSTANCE_UID_TAG)))
    os.truncate(out / record.path, cut)
    defect = Defect(
        "truncated_file",
        record.study_uid,
        None,
        record.series_uid,
        record.sop_instance_uid,
        record.path,
        f"cut at byte {cut}",
    )
    return replace(record, size_bytes=cut, lands=False), defect


def _single_modality_studies(records: list[FileRecord]) -> set[str]:
    modalities: dict[str, set[str]] = {}
    for r in records:
        if r.modality != "SR":
            modalities.setdefault(r.study_uid, set()).add(r.modality)
    return {uid for uid, found in modalities.items() if len(found) == 1}


def _describe(content: bytes) -> str:
    if not content:
        return "empty file"
    if content.startswith(b"\xff\xd8"):
        return "JPEG image"
    if content.startswith(b"<html"):
        return "HTML error page"
    return "Windows thumbnail cache"

"""The generated enterprise as plain data: who, where, what was ordered, acquired, reported.

`timeline` fills these in; the writers only read them. Times are naive local datetimes
of the hospital's time zone (`catalogue.TIMEZONE_OFFSET`), as DICOM and HL7 carry them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Institution:
    key: str
    name: str
    # IssuerOfPatientID / PID-3.4 assigning authority of the institution's MRNs.
    issuer: str
    departments: tuple[str, ...]
    # Archive policy for single-frame grayscale: "native" or "jpeg2000" (lossless).
    archive_encoding: str
    # DICOM Specific Character Set its systems write.
    charset: str
    # HL7 v2 order message and version its RIS sends.
    order_message: str
    hl7_version: str


@dataclass(frozen=True)
class Device:
    key: str
    institution: str
    department: str
    modality: str
    manufacturer: str
    model: str
    software: str
    serial: str
    station: str


@dataclass(frozen=True)
class Patient:
    patient_id: str
    issuer: str
    family: str
    given: str
    sex: str
    birth_date: date

    @property
    def dicom_name(self) -> str:
        return f"{self.family}^{self.given}"


@dataclass(frozen=True)
class Staff:
    user_id: str
    family: str
    given: str
    # One of the roles the audit feeds use: radiologist, cardiologist, pathologist,
    # physician, technologist, nurse, clerk.
    role: str
    institution: str
    department: str

    @property
    def dicom_name(self) -> str:
        return f"{self.family}^{self.given}"


@dataclass(frozen=True)
class SeriesPlan:
    uid: str
    number: int
    kind: str
    description: str
    body_part: str
    instances: int
    frames: int
    laterality: str = ""


@dataclass(frozen=True)
class Dose:
    """Radiation dose of one exam, with the reference levels it is judged against."""

    ctdivol_mgy: float | None
    dlp_mgy_cm: float | None
    dap_gy_cm2: float | None
    reference_ctdivol_mgy: float | None
    reference_dlp_mgy_cm: float | None
    reference_dap_gy_cm2: float | None

    @property
    def above_reference(self) -> bool:
        pairs = [
            (self.ctdivol_mgy, self.reference_ctdivol_mgy),
            (self.dlp_mgy_cm, self.reference_dlp_mgy_cm),
            (self.dap_gy_cm2, self.reference_dap_gy_cm2),
        ]
        return any(v is not None and ref is not None and v > ref for v, ref in pairs)


@dataclass(frozen=True)
class Observation:
    """One observer's call on one finding of a study: present or not, and its size."""

    present: bool
    value: float | None = None


@dataclass(frozen=True)
class AiResult:
    """What an AI algorithm reported on a study, and when."""

    version: str
    at: datetime
    observation: Observation


@dataclass
class Reading:
    """One finding of one study as the radiologist reported it, and the AI if it ran.

    The radiologist's observation is the reference (it is also in the free-text report);
    it is coded (a TID 1500 report with a person observer) only when `coded_at` is set.
    """

    algorithm: str
    radiologist: Observation
    ai: AiResult | None = None
    coded_at: datetime | None = None


@dataclass
class Study:
    index: int
    study_uid: str
    accession: str
    patient: Patient
    institution: Institution
    department: str
    protocol: str
    procedure_code: str
    description: str
    device: Device
    priority: str
    patient_class: str
    referrer: Staff
    technologist: Staff
    reader: Staff
    ordered_at: datetime
    scheduled_at: datetime
    exam_start: datetime
    exam_end: datetime
    preliminary_at: datetime | None = None
    final_at: datetime | None = None
    corrected_at: datetime | None = None
    addendum_at: datetime | None = None
    preliminary_changed: bool = False
    has_order: bool = True
    has_images: bool = True
    order_cancelled: bool = False
    series: list[SeriesPlan] = field(default_factory=list)
    dose: Dose | None = None
    # The finding an AI algorithm looks for on this kind of study (None when none does).
    reading: Reading | None = None
    text_report_sr: bool = False
    encounter_id: str = ""
    registered_at: datetime | None = None
    # What the modality typed instead of the catalogue description (a defect), if anything.
    dicom_description: str | None = None


@dataclass(frozen=True)
class FileRecord:
    """One file written under the output folder, as the ground truth lists it."""

    path: str
    study_uid: str
    series_uid: str
    sop_instance_uid: str
    sop_class_uid: str
    modality: str
    size_bytes: int
    transfer_syntax: str
    # When the image was acquired (None for documents such as SR).
    acquired_at: datetime | None = None
    # False for files the pipeline must quarantine (truncated, not DICOM).
    lands: bool = True

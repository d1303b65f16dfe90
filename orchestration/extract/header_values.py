"""The attributes a `dicom_instances` row reads, and how a pydicom value becomes a row value.

Both header paths (the lean reader and pydicom) share these definitions, so a row is the
same whichever path read the file.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.multival import MultiValue

from orchestration.land.schemas import DICOM_DECIMAL_ATTRIBUTES, DICOM_INTEGER_ATTRIBUTES, DICOM_TEXT_ATTRIBUTES

IDENTITY_ATTRIBUTES = ["PatientID", "PatientName", "PatientBirthDate", "AccessionNumber"]
# Read for the age at study only; not a column of its own.
AGE_ATTRIBUTE = "PatientAge"
# The row's keys in order; the last three are derived, not read.
ROW_KEYS = [
    *DICOM_TEXT_ATTRIBUTES,
    *DICOM_INTEGER_ATTRIBUTES,
    *DICOM_DECIMAL_ATTRIBUTES,
    *IDENTITY_ATTRIBUTES,
    "TransferSyntaxUID",
    "PatientAgeAtStudyYears",
    "MissingRequiredAttributes",
]


def _fields() -> dict[str, tuple[int, str, type | None]]:
    """keyword -> (tag, dictionary VR, number type or None for text), for every attribute read."""
    kinds: dict[str, type | None] = dict.fromkeys([*DICOM_TEXT_ATTRIBUTES, *IDENTITY_ATTRIBUTES, AGE_ATTRIBUTE])
    kinds.update({name: int for name in DICOM_INTEGER_ATTRIBUTES})
    kinds.update({name: float for name in DICOM_DECIMAL_ATTRIBUTES})
    return {name: (tag_for_keyword(name), dictionary_VR(name), kind) for name, kind in kinds.items()}


FIELDS = _fields()


def as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, MultiValue | list):
        return "\\".join(str(item) for item in value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def as_number(value: Any, kind: type) -> int | float | None:
    if isinstance(value, MultiValue | list):
        value = value[0] if value else None
    if value is None or value == "":
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None


def age_at_study(birth_date: str | None, study_date: str | None, patient_age: str | None) -> int | None:
    """Whole years at the study date, from the birth date when both dates parse, else PatientAge."""
    if birth_date and study_date:  # often empty (anonymised): skip the cost of a failed parse
        try:
            born = date(int(birth_date[:4]), int(birth_date[4:6]), int(birth_date[6:8]))
            studied = date(int(study_date[:4]), int(study_date[4:6]), int(study_date[6:8]))
            return studied.year - born.year - ((studied.month, studied.day) < (born.month, born.day))
        except (TypeError, ValueError, IndexError):
            pass
    if patient_age and len(patient_age) == 4 and patient_age[:3].isdigit():
        return int(patient_age[:3]) if patient_age[3] == "Y" else 0
    return None

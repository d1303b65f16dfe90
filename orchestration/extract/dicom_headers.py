"""Read the header of one DICOM file into plain values (pure: no Dagster, no I/O but the file).

Values keep the standard's representation: strings exactly as pydicom decodes them with
the file's Specific Character Set, multi-valued attributes joined by the standard's
backslash, IS and DS as numbers. Identifiers are returned as they are (the caller
pseudonymises them before anything lands). Anything that cannot be read raises
`UnreadableInputError` with a class and a reason for the quarantine table.
"""

from __future__ import annotations

import struct
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pydicom
from pydicom.errors import InvalidDicomError
from pydicom.multival import MultiValue

from orchestration.extract.dicom_structure import StructureError, check_structure
from orchestration.land.schemas import (
    DICOM_DECIMAL_ATTRIBUTES,
    DICOM_INTEGER_ATTRIBUTES,
    DICOM_TEXT_ATTRIBUTES,
)

DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10"
DEFLATED_TRANSFER_SYNTAXES = {"1.2.840.10008.1.2.1.99", "1.2.840.10008.1.2.8.1"}
IDENTITY_ATTRIBUTES = ["PatientID", "PatientName", "PatientBirthDate", "AccessionNumber"]

# Attributes required (Type 1) or required-but-may-be-empty (Type 2) in the modules every
# composite image IOD shares: Patient, General Study, General Series, General Equipment,
# SOP Common (PS3.3 C.7.1.1, C.7.2.1, C.7.3.1, C.7.5.1, C.12.1). Reported when absent or
# empty, since an empty Type 2 value is as useless to analytics as a missing one.
COMMON_REQUIRED_ATTRIBUTES = [
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "PatientSex",
    "StudyInstanceUID",
    "StudyDate",
    "StudyTime",
    "ReferringPhysicianName",
    "StudyID",
    "AccessionNumber",
    "Modality",
    "SeriesInstanceUID",
    "SeriesNumber",
    "Manufacturer",
    "SOPClassUID",
    "SOPInstanceUID",
]


class UnreadableInputError(Exception):
    """An input that cannot land, with a class and a human reason for the quarantine."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


def _looks_like_raw_dataset(head: bytes) -> bool:
    """A file without preamble may still be DICOM: it then starts with group 0002 or 0008."""
    if len(head) < 4:
        return False
    little, big = struct.unpack("<H", head[:2])[0], struct.unpack(">H", head[:2])[0]
    return little in (0x0002, 0x0008) or big in (0x0002, 0x0008)


def _read_dataset(path: Path) -> pydicom.Dataset:
    size = path.stat().st_size
    if size == 0:
        raise UnreadableInputError("EmptyFile", "the file is empty (0 bytes)")
    with path.open("rb") as handle:
        head = handle.read(132)
        has_preamble = head[128:132] == b"DICM"
        if not has_preamble and not _looks_like_raw_dataset(head):
            raise UnreadableInputError(
                "NotDicom", "no 'DICM' prefix at byte 128 and the file does not start with a DICOM element"
            )
        handle.seek(0)
        try:
            dataset = pydicom.dcmread(handle, stop_before_pixels=True, force=not has_preamble)
        except RecursionError:
            raise UnreadableInputError("NestingTooDeep", "sequences nested too deeply to read") from None
        except (InvalidDicomError, EOFError, OSError, ValueError, KeyError, struct.error) as error:
            raise UnreadableInputError(type(error).__name__, str(error) or "unreadable DICOM") from None
        implicit_vr, little_endian = dataset.original_encoding
        syntax = _transfer_syntax(dataset)
        try:
            check_structure(
                handle,
                size,
                little_endian=bool(little_endian),
                implicit_vr=bool(implicit_vr),
                deflated=syntax in DEFLATED_TRANSFER_SYNTAXES,
            )
        except StructureError as error:
            raise UnreadableInputError("TruncatedFile", f"truncated or corrupt: {error}") from None
    return dataset


def _transfer_syntax(dataset: pydicom.Dataset) -> str | None:
    meta = getattr(dataset, "file_meta", None)
    value = meta.get("TransferSyntaxUID") if meta is not None else None
    return str(value) if value else None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, MultiValue | list):
        return "\\".join(str(item) for item in value)
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return str(value)


def _as_number(value: Any, kind: type) -> int | float | None:
    if isinstance(value, MultiValue | list):
        value = value[0] if value else None
    if value is None or value == "":
        return None
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None


def _get(dataset: pydicom.Dataset, keyword: str) -> Any:
    """The attribute's value, or None when absent or undecodable (never raises)."""
    try:
        return dataset.get(keyword)
    except Exception:  # noqa: BLE001 - a hostile value must not stop the whole header
        return None


def _age_at_study(birth_date: str | None, study_date: str | None, patient_age: str | None) -> int | None:
    """Whole years at the study date, from the birth date when both dates parse, else PatientAge."""
    try:
        born = date(int(birth_date[:4]), int(birth_date[4:6]), int(birth_date[6:8]))
        studied = date(int(study_date[:4]), int(study_date[4:6]), int(study_date[6:8]))
        return studied.year - born.year - ((studied.month, studied.day) < (born.month, born.day))
    except (TypeError, ValueError, IndexError):
        pass
    if patient_age and len(patient_age) == 4 and patient_age[:3].isdigit():
        return int(patient_age[:3]) if patient_age[3] == "Y" else 0
    return None


def missing_required(dataset: pydicom.Dataset) -> list[str]:
    return [keyword for keyword in COMMON_REQUIRED_ATTRIBUTES if _get(dataset, keyword) in (None, "")]


def read_header(path: Path) -> dict[str, Any]:
    """The header values of one file, identifiers included; raises UnreadableInputError."""
    # pydicom warns about every non-conformant value real devices write; the values are
    # still landed as read, so the warnings would only flood the logs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _header_values(_read_dataset(path))


def _header_values(dataset: pydicom.Dataset) -> dict[str, Any]:
    meta = getattr(dataset, "file_meta", None)
    if meta is not None and str(meta.get("MediaStorageSOPClassUID", "")) == DICOMDIR_SOP_CLASS:
        raise UnreadableInputError("NotAnInstance", "a DICOMDIR media directory, not a SOP instance")
    values: dict[str, Any] = {name: _as_text(_get(dataset, name)) for name in DICOM_TEXT_ATTRIBUTES}
    values.update({name: _as_number(_get(dataset, name), int) for name in DICOM_INTEGER_ATTRIBUTES})
    values.update({name: _as_number(_get(dataset, name), float) for name in DICOM_DECIMAL_ATTRIBUTES})
    values.update({name: _as_text(_get(dataset, name)) for name in IDENTITY_ATTRIBUTES})
    values["TransferSyntaxUID"] = _transfer_syntax(dataset)
    values["PatientAgeAtStudyYears"] = _age_at_study(
        values["PatientBirthDate"], values["StudyDate"], _as_text(_get(dataset, "PatientAge"))
    )
    values["MissingRequiredAttributes"] = missing_required(dataset)
    return values

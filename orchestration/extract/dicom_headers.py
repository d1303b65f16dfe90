"""Read the header of one DICOM file into plain values (pure: no Dagster, no I/O but the file).

Values keep the standard's representation: strings exactly as pydicom decodes them with
the file's Specific Character Set, multi-valued attributes joined by the standard's
backslash, IS and DS as numbers. Identifiers are returned as they are (the caller
pseudonymises them before anything lands). Anything that cannot be read raises
`UnreadableInputError` with a class and a reason for the quarantine table.

Two paths give the same row: the lean reader (`lean_reader.py`, one pass over the bytes,
6-12x faster than pydicom alone, docs/benchmarks.md) for ordinary files, and pydicom for
everything the lean reader is unsure of. pydicom's answer is the reference: the lean
reader is tested against it field by field on every sample file.
"""

from __future__ import annotations

import struct
import warnings
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pydicom
from pydicom.dataelem import RawDataElement

from orchestration.extract.dicom_structure import (
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
    StructureError,
    check_structure,
    looks_like_dataset,
)
from orchestration.extract.header_values import AGE_ATTRIBUTE, FIELDS, IDENTITY_ATTRIBUTES, ROW_KEYS, age_at_study
from orchestration.extract.header_values import as_number as _as_number
from orchestration.extract.header_values import as_text as _as_text
from orchestration.extract.iod_requirements import COMMON_REQUIRED_ATTRIBUTES, missing_required
from orchestration.extract.lean_reader import read_lean_header
from orchestration.extract.lean_walk import NeedsFallback

__all__ = [
    "COMMON_REQUIRED_ATTRIBUTES",
    "IDENTITY_ATTRIBUTES",
    "UnreadableInputError",
    "read_header",
    "read_header_with_pydicom",
]

DICOMDIR_SOP_CLASS = "1.2.840.10008.1.3.10"


class UnreadableInputError(Exception):
    """An input that cannot land, with a class and a human reason for the quarantine."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


def read_header(path: str | Path) -> dict[str, Any]:
    """The header values of one file, identifiers included; raises UnreadableInputError."""
    try:
        return read_lean_header(path)
    except NeedsFallback:
        return read_header_with_pydicom(path)


def read_header_with_pydicom(path: str | Path) -> dict[str, Any]:
    """The same row, read by pydicom: the fallback, and the reference the lean reader is tested against."""
    # pydicom warns about every non-conformant value real devices write; the values are
    # still landed as read, so the warnings would only flood the logs.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset, value_lengths = _read_dataset(Path(path))
        return _header_values(dataset, value_lengths)


def _read_dataset(path: Path) -> tuple[pydicom.Dataset, dict[int, int]]:
    size = path.stat().st_size
    if size == 0:
        raise UnreadableInputError("EmptyFile", "the file is empty (0 bytes)")
    with path.open("rb") as handle:
        head = handle.read(132)
        has_preamble = head[128:132] == b"DICM"
        if not has_preamble and not looks_like_dataset(head):
            raise UnreadableInputError(
                "NotDicom", "no 'DICM' prefix at byte 128 and the file does not start with a DICOM element"
            )
        handle.seek(0)
        try:
            dataset = pydicom.dcmread(handle, stop_before_pixels=True, force=not has_preamble)
        except RecursionError:
            raise UnreadableInputError("NestingTooDeep", "sequences nested too deeply to read") from None
        except Exception as error:  # noqa: BLE001 - hostile bytes make pydicom raise all kinds of errors (R1)
            raise UnreadableInputError(_error_class(error), str(error) or "unreadable DICOM") from None
        implicit_vr, little_endian = dataset.original_encoding
        try:
            value_lengths = check_structure(
                handle,
                size,
                little_endian=bool(little_endian),
                implicit_vr=bool(implicit_vr),
                deflated=_transfer_syntax(dataset) == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            )
        except StructureError as error:
            raise UnreadableInputError("TruncatedFile", f"truncated or corrupt: {error}") from None
    return dataset, value_lengths


def _error_class(error: Exception) -> str:
    """The quarantine's error class: the exception's name, with its module when the name alone says nothing."""
    if isinstance(error, struct.error | zlib.error):
        return f"{type(error).__module__}.{type(error).__name__}"
    return type(error).__name__


def _transfer_syntax(dataset: pydicom.Dataset) -> str | None:
    meta = getattr(dataset, "file_meta", None)
    value = _get(meta, "TransferSyntaxUID") if meta is not None else None
    return str(value) if value else None


def _get(dataset: pydicom.Dataset, keyword: str) -> Any:
    """The attribute's value, or None when absent or undecodable (never raises)."""
    try:
        return dataset.get(keyword)
    except Exception:  # noqa: BLE001 - a hostile value must not stop the whole header
        return None


def _dataset_value_lengths(dataset: pydicom.Dataset) -> dict[int, int]:
    """tag -> value length, from a dataset that has no file behind it (0 when empty)."""
    return {
        int(element.tag): element.length if isinstance(element, RawDataElement) else int(not element.is_empty)
        for element in dataset.elements()
    }


def _header_values(dataset: pydicom.Dataset, value_lengths: Mapping[int, int] | None = None) -> dict[str, Any]:
    """The row from a dataset; `value_lengths` (tag -> length) says which attributes the file holds."""
    meta = getattr(dataset, "file_meta", None)
    if meta is not None and str(_get(meta, "MediaStorageSOPClassUID")) == DICOMDIR_SOP_CLASS:
        raise UnreadableInputError("NotAnInstance", "a DICOMDIR media directory, not a SOP instance")
    values: dict[str, Any] = dict.fromkeys(ROW_KEYS)
    for keyword, (_, _, kind) in FIELDS.items():
        value = _get(dataset, keyword)
        values[keyword] = _as_text(value) if kind is None else _as_number(value, kind)
    patient_age = values.pop(AGE_ATTRIBUTE)
    values["TransferSyntaxUID"] = _transfer_syntax(dataset)
    values["PatientAgeAtStudyYears"] = age_at_study(values["PatientBirthDate"], values["StudyDate"], patient_age)
    if value_lengths is None:
        value_lengths = _dataset_value_lengths(dataset)
    values["MissingRequiredAttributes"] = missing_required(values["SOPClassUID"], value_lengths)
    return values

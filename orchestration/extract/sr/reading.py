"""Read a whole SR file with pydicom, or say why it cannot be read.

SRs are a small share of an archive's files and their value is in every item, so there is
no fast path here: pydicom reads the full dataset and the structural walk the header reader
uses (`dicom_structure`) refuses a file cut short, whose tree pydicom would silently return
shorter.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pydicom

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.dicom_structure import (
    DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
    StructureError,
    check_structure,
    looks_like_dataset,
)


def read_dataset(path: Path) -> pydicom.Dataset:
    """The file's dataset; raises UnreadableInputError for anything that is not a complete DICOM file."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise UnreadableInputError("FileNotReadable", f"cannot read the file: {error.strerror or error}") from None
    if size == 0:
        raise UnreadableInputError("EmptyFile", "the file is empty (0 bytes)")
    # pydicom warns about each non-conformant value; they are recorded as oddities instead.
    with warnings.catch_warnings(), path.open("rb") as handle:
        warnings.simplefilter("ignore")
        head = handle.read(132)
        has_preamble = head[128:132] == b"DICM"
        if not has_preamble and not looks_like_dataset(head):
            raise UnreadableInputError(
                "NotDicom", "no 'DICM' prefix at byte 128 and the file does not start with a DICOM element"
            )
        handle.seek(0)
        try:
            dataset = pydicom.dcmread(handle, force=not has_preamble)
        except RecursionError:
            raise UnreadableInputError("NestingTooDeep", "sequences nested too deeply to read") from None
        except Exception as error:  # noqa: BLE001 - hostile bytes make pydicom raise all kinds of errors (R1)
            raise UnreadableInputError(type(error).__name__, str(error) or "unreadable DICOM") from None
        implicit_vr, little_endian = dataset.original_encoding
        meta = getattr(dataset, "file_meta", None)
        transfer_syntax = str(meta.get("TransferSyntaxUID", "")) if meta is not None else ""
        try:
            check_structure(
                handle,
                size,
                little_endian=bool(little_endian),
                implicit_vr=bool(implicit_vr),
                deflated=transfer_syntax == DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN,
            )
        except StructureError as error:
            # The walk refuses hostile nesting too, which is no truncation: say which it was.
            error_class = "NestingTooDeep" if str(error).startswith("sequences nested deeper") else "TruncatedFile"
            raise UnreadableInputError(error_class, f"truncated or corrupt: {error}") from None
    return dataset

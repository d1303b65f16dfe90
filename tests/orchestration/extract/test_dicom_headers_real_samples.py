"""The extractor on every real sample in ../shared/data/dicom (vendors, charsets, hostile files)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pydicom
import pytest
from pydicom.multival import MultiValue

from orchestration.extract.dicom_headers import UnreadableInputError, read_header
from orchestration.land.schemas import DICOM_TEXT_ATTRIBUTES

pytestmark = pytest.mark.unit


def pydicom_text(dataset: pydicom.Dataset, keyword: str) -> str | None:
    value = dataset.get(keyword)
    if value is None:
        return None
    return "\\".join(str(item) for item in value) if isinstance(value, MultiValue) else str(value)


def test_every_real_sample_lands_with_pydicoms_values_or_is_quarantined(shared_dicom: Path) -> None:
    landed, refused = 0, {}
    for path in sorted(p for p in shared_dicom.rglob("*") if p.is_file()):
        try:
            header = read_header(path)
        except UnreadableInputError as error:
            refused[path.name] = error.error_class
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected = pydicom.dcmread(path, stop_before_pixels=True, force=True)
        for keyword in DICOM_TEXT_ATTRIBUTES:
            assert header[keyword] == pydicom_text(expected, keyword), (path, keyword)
        landed += 1
    assert landed > 150
    assert refused.get("2026-05-06-Deeply-Nested-Sequence.dcm") == "NestingTooDeep"
    assert refused.get("DICOMDIR") == "NotAnInstance"
    assert all(name.endswith((".md", ".txt", ".json", ".dump")) for name, kind in refused.items() if kind == "NotDicom")

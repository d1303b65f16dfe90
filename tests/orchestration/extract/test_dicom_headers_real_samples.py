"""Exactness: the lean reader against the pydicom path, field by field, on every real file.

The real samples (../shared/data/dicom: many vendors, character sets, hostile files) and
pydicom's bundled test files are read by both paths once per session. Whenever the lean
reader returns a row it must be the pydicom path's row exactly; a file pydicom cannot read
must be quarantined with a reason, never guessed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.extract.dicom_headers import UnreadableInputError, read_header
from tests.orchestration.extract.header_helpers import Reading, differences, read_both

pytestmark = pytest.mark.unit

# Ordinary files the fast path reads; the rest (deflated, undefined-length UN, encapsulated
# pixel data in implicit VR...) go to pydicom.
MIN_FAST_PATH_SHARE = 0.95


def read_all(folder: Path) -> list[Reading]:
    return [read_both(path) for path in sorted(p for p in folder.rglob("*") if p.is_file())]


@pytest.fixture(scope="session")
def shared_readings(shared_dicom: Path) -> list[Reading]:
    return read_all(shared_dicom)


@pytest.fixture(scope="session")
def bundled_readings(pydicom_files: Path) -> list[Reading]:
    return read_all(pydicom_files)


@pytest.fixture(params=["shared_readings", "bundled_readings"])
def readings(request: pytest.FixtureRequest) -> list[Reading]:
    return request.getfixturevalue(request.param)


def test_lean_reader_gives_the_pydicom_row_field_by_field(readings: list[Reading]) -> None:
    both = [r for r in readings if isinstance(r.lean, dict) and isinstance(r.reference, dict)]
    assert {r.path.name: diff for r in both if (diff := differences(r.lean, r.reference))} == {}
    assert len(both) > 150


def test_lean_reader_never_lands_a_file_pydicom_refuses(readings: list[Reading]) -> None:
    assert [r.path.name for r in readings if isinstance(r.lean, dict) and not isinstance(r.reference, dict)] == []


def test_files_pydicom_cannot_read_are_quarantined_with_a_reason(readings: list[Reading]) -> None:
    refused = [r for r in readings if isinstance(r.reference, UnreadableInputError)]
    for reading in refused:
        with pytest.raises(UnreadableInputError) as raised:
            read_header(reading.path)
        assert (raised.value.error_class, raised.value.message) == (
            reading.reference.error_class,
            reading.reference.message,
        )
        assert raised.value.error_class and raised.value.message
    assert len(refused) > 5


def test_fast_path_reads_the_large_majority_of_files_that_land(readings: list[Reading]) -> None:
    landed = [r for r in readings if isinstance(r.reference, dict)]
    fast = [r for r in landed if isinstance(r.lean, dict)]
    assert len(fast) >= MIN_FAST_PATH_SHARE * len(landed), [(r.path.name, str(r.lean)) for r in landed if r not in fast]


def test_read_header_gives_the_reference_row_whichever_path_reads_the_file(readings: list[Reading]) -> None:
    for reading in readings:
        if isinstance(reading.reference, dict):
            assert differences(read_header(reading.path), reading.reference) == {}, reading.path


def test_hostile_and_non_instance_samples_are_refused_for_what_they_are(shared_readings: list[Reading]) -> None:
    refused = {r.path.name: r.reference.error_class for r in shared_readings if not isinstance(r.reference, dict)}
    assert refused.get("2026-05-06-Deeply-Nested-Sequence.dcm") == "NestingTooDeep"
    assert refused.get("DICOMDIR") == "NotAnInstance"
    assert all(name.endswith((".md", ".txt", ".json", ".dump")) for name, kind in refused.items() if kind == "NotDicom")

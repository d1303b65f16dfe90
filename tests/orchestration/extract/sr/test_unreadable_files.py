"""R1: files that cannot land as a structured report are refused with a class and a reason, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.sr import extract_sr, is_structured_report
from tests.orchestration.extract.sr.builders import as_file_bytes, code, container, document, item

pytestmark = pytest.mark.unit

TITLE = code("18748-4", "LN", "Diagnostic Imaging Report")
FINDING = code("121071", "DCM", "Finding")


def refusal(path: Path) -> UnreadableInputError:
    with pytest.raises(UnreadableInputError) as refused:
        extract_sr(path, lambda name: None)
    assert refused.value.message
    return refused.value


def nested(depth: int) -> bytes:
    node = item("CONTAINS", "TEXT", FINDING, TextValue="deepest")
    for _ in range(depth):
        node = container(FINDING, [node])
    return as_file_bytes(document(TITLE, [node]))


def test_refuses_an_empty_file(tmp_path):
    (tmp_path / "empty.dcm").write_bytes(b"")
    assert refusal(tmp_path / "empty.dcm").error_class == "EmptyFile"


def test_refuses_a_file_that_is_not_dicom(tmp_path):
    (tmp_path / "notes.txt").write_text("The scanner's maintenance notes.\n")
    assert refusal(tmp_path / "notes.txt").error_class == "NotDicom"


def test_refuses_a_missing_file(tmp_path):
    assert refusal(tmp_path / "gone.dcm").error_class == "FileNotReadable"


def test_refuses_an_image_as_not_a_structured_report(pydicom_files):
    assert refusal(pydicom_files / "test_files" / "CT_small.dcm").error_class == "NotStructuredReport"


def test_refuses_a_report_cut_short(tmp_path, pydicom_files):
    data = (pydicom_files / "test_files" / "test-SR.dcm").read_bytes()
    (tmp_path / "cut.dcm").write_bytes(data[: len(data) * 2 // 3])
    assert refusal(tmp_path / "cut.dcm").error_class == "TruncatedFile"


def test_refuses_a_content_tree_deeper_than_any_report(tmp_path):
    (tmp_path / "deep.dcm").write_bytes(nested(33))
    assert refusal(tmp_path / "deep.dcm").error_class == "SRTreeTooDeep"


def test_refuses_a_hostile_tree_nested_eighty_deep(tmp_path):
    (tmp_path / "hostile.dcm").write_bytes(nested(80))
    assert refusal(tmp_path / "hostile.dcm").error_class == "SRTreeTooDeep"


def test_refuses_the_hostile_deeply_nested_sample_before_reading_its_tree(shared_dicom):
    # Undefined-length sequences nested past the structure walk's limit (dicom_structure.MAX_DEPTH).
    assert refusal(shared_dicom / "orthanc-tests" / "2026-05-06-Deeply-Nested-Sequence.dcm").error_class == (
        "NestingTooDeep"
    )


def test_reads_a_tree_as_deep_as_the_limit_allows(tmp_path):
    (tmp_path / "deep-but-fine.dcm").write_bytes(nested(30))
    items = extract_sr(tmp_path / "deep-but-fine.dcm", lambda name: None).tables["sr_content_items"]
    assert max(row["ContentDepth"] for row in items) == 31


@pytest.mark.parametrize(
    ("sop_class", "expected"),
    [
        ("1.2.840.10008.5.1.4.1.1.88.11", True),  # Basic Text SR
        ("1.2.840.10008.5.1.4.1.1.88.22", True),  # Enhanced SR
        ("1.2.840.10008.5.1.4.1.1.88.33", True),  # Comprehensive SR
        ("1.2.840.10008.5.1.4.1.1.88.34", True),  # Comprehensive 3D SR
        ("1.2.840.10008.5.1.4.1.1.88.67", True),  # X-Ray Radiation Dose SR
        ("1.2.840.10008.5.1.4.1.1.88.68", True),  # Radiopharmaceutical Radiation Dose SR
        ("1.2.840.10008.5.1.4.1.1.88.71", True),  # Acquisition Context SR
        ("1.2.840.10008.5.1.4.1.1.88.59", True),  # Key Object Selection Document
        ("1.2.840.10008.5.1.4.1.1.88.1", False),  # retired trial: another encoding
        ("1.2.840.10008.5.1.4.1.1.2", False),  # CT Image
        (None, False),
    ],
)
def test_selects_structured_reports_by_sop_class(sop_class, expected):
    assert is_structured_report(sop_class) is expected

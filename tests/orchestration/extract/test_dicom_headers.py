"""The header extractor against pydicom's bundled test files, with pydicom as the reference."""

from __future__ import annotations

import warnings
from pathlib import Path

import pydicom
import pytest

from orchestration.extract.dicom_headers import UnreadableInputError, read_header

pytestmark = pytest.mark.unit


def reference(path: Path) -> pydicom.Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pydicom.dcmread(path, stop_before_pixels=True, force=True)


def test_reads_ct_header_values_as_pydicom_does(pydicom_files: Path) -> None:
    path = pydicom_files / "test_files" / "CT_small.dcm"
    header, expected = read_header(path), reference(path)
    assert header["Modality"] == "CT"
    for keyword in ("SOPInstanceUID", "StudyInstanceUID", "SeriesInstanceUID", "StationName", "Manufacturer"):
        assert header[keyword] == str(expected[keyword].value)
    assert (header["Rows"], header["Columns"], header["BitsAllocated"]) == (128, 128, 16)
    assert header["KVP"] == float(expected.KVP)
    assert header["TransferSyntaxUID"] == "1.2.840.10008.1.2.1"


def test_joins_multi_valued_attributes_with_backslash(pydicom_files: Path) -> None:
    header = read_header(pydicom_files / "test_files" / "CT_small.dcm")
    assert header["ImageType"] == "ORIGINAL\\PRIMARY\\AXIAL"


@pytest.mark.parametrize("name", ["chrH31.dcm", "chrGreek.dcm", "chrRuss.dcm", "chrArab.dcm", "chrX1.dcm"])
def test_decodes_text_with_the_files_specific_character_set(pydicom_files: Path, name: str) -> None:
    path = pydicom_files / "charset_files" / name
    header = read_header(path)
    expected = reference(path)
    assert header["PatientName"] == str(expected.PatientName)
    assert not header["PatientName"].isascii()


@pytest.mark.parametrize("name", ["ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm"])
def test_reads_files_without_preamble_or_meta(pydicom_files: Path, name: str) -> None:
    path = pydicom_files / "test_files" / name
    assert read_header(path)["SOPInstanceUID"] == str(reference(path).SOPInstanceUID)


@pytest.mark.parametrize("cut", [0.02, 0.3, 0.6, 0.97])
def test_quarantines_file_cut_anywhere_as_truncated(pydicom_files: Path, tmp_path: Path, cut: float) -> None:
    whole = (pydicom_files / "test_files" / "CT_small.dcm").read_bytes()
    path = tmp_path / "cut.dcm"
    path.write_bytes(whole[: int(len(whole) * cut)])
    with pytest.raises(UnreadableInputError) as raised:
        read_header(path)
    assert raised.value.error_class in {"TruncatedFile", "NotDicom"}
    assert raised.value.message


def test_quarantines_pydicoms_own_truncated_samples(pydicom_files: Path) -> None:
    for name in ("MR_truncated.dcm", "rtplan_truncated.dcm"):
        with pytest.raises(UnreadableInputError, match="truncated"):
            read_header(pydicom_files / "test_files" / name)


def test_quarantines_empty_file_with_reason(tmp_path: Path) -> None:
    path = tmp_path / "empty.dcm"
    path.write_bytes(b"")
    with pytest.raises(UnreadableInputError) as raised:
        read_header(path)
    assert raised.value.error_class == "EmptyFile"


def test_quarantines_text_file_as_not_dicom(pydicom_files: Path) -> None:
    with pytest.raises(UnreadableInputError) as raised:
        read_header(pydicom_files / "test_files" / "README.txt")
    assert raised.value.error_class == "NotDicom"


def test_recognises_dicomdir_as_not_an_instance(pydicom_files: Path) -> None:
    with pytest.raises(UnreadableInputError) as raised:
        read_header(pydicom_files / "test_files" / "dicomdirtests" / "DICOMDIR")
    assert raised.value.error_class == "NotAnInstance"


def test_lists_missing_required_attributes(pydicom_files: Path) -> None:
    header = read_header(pydicom_files / "test_files" / "CT_small.dcm")
    assert "AccessionNumber" in header["MissingRequiredAttributes"]
    assert "SOPInstanceUID" not in header["MissingRequiredAttributes"]


def test_every_bundled_file_lands_or_is_refused_with_a_reason(pydicom_files: Path) -> None:
    outcomes = {"landed": 0, "refused": 0}
    for path in sorted(p for p in pydicom_files.rglob("*") if p.is_file()):
        try:
            header = read_header(path)
        except UnreadableInputError as error:
            assert error.error_class and error.message
            outcomes["refused"] += 1
        else:
            expected = reference(path).get("SOPInstanceUID")
            assert header["SOPInstanceUID"] == (None if expected is None else str(expected))
            outcomes["landed"] += 1
    assert outcomes["landed"] > 150 and outcomes["refused"] > 10

"""MissingRequiredAttributes: the Type 1 and 2 attributes of the object's IOD, absent or empty."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from orchestration.extract.dicom_headers import read_header_with_pydicom
from orchestration.extract.iod_requirements import COMMON_REQUIRED_ATTRIBUTES, missing_required, required_attributes
from orchestration.extract.lean_reader import read_lean_header
from tests.orchestration.extract.header_helpers import (
    ITEM,
    ITEM_DELIMITER,
    SEQUENCE_DELIMITER,
    dataset,
    element,
    part10,
    text,
)

pytestmark = pytest.mark.unit

CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"
PATIENT_NAME, MODALITY, SOP_CLASS = 0x00100010, 0x00080060, 0x00080016
PERFORMED_PROCEDURE_CODES = 0x0040A372


def keywords(sop_class_uid: str | None) -> list[str]:
    return [keyword for _, keyword in required_attributes(sop_class_uid)]


def test_an_image_must_carry_its_iods_image_attributes() -> None:
    required = keywords(CT_IMAGE)
    assert {"ImagePositionPatient", "KVP", "Rows", "PixelSpacing", "SOPInstanceUID"} <= set(required)


def test_a_structured_report_must_carry_its_document_attributes_but_not_those_of_content_items() -> None:
    required = keywords(COMPREHENSIVE_SR)
    assert {"ContentDate", "CompletionFlag", "VerificationFlag", "ValueType", "PerformedProcedureCodeSequence"} <= set(
        required
    )
    assert not {"KVP", "Rows", "GraphicData", "MeasuredValueSequence", "TabulatedValuesSequence"} & set(required)


def test_an_unknown_sop_class_must_carry_the_modules_every_composite_object_shares() -> None:
    assert sorted(keywords("1.2.3.999")) == sorted(COMMON_REQUIRED_ATTRIBUTES)
    assert sorted(keywords(None)) == sorted(COMMON_REQUIRED_ATTRIBUTES)


def test_absent_and_empty_attributes_are_missing_in_tag_order() -> None:
    lengths = {tag: 8 for tag, _ in required_attributes(CT_IMAGE)}
    lengths[PATIENT_NAME] = 0
    del lengths[MODALITY]
    assert missing_required(CT_IMAGE, lengths) == ["Modality", "PatientName"]


def test_both_paths_list_the_same_missing_attributes_of_a_file(write_file: Callable) -> None:
    path = write_file(part10(dataset((PATIENT_NAME, b"PN", b""))))
    lean = read_lean_header(path)["MissingRequiredAttributes"]
    assert lean == read_header_with_pydicom(path)["MissingRequiredAttributes"]
    assert {"Modality", "PatientName", "ImagePositionPatient"} <= set(lean)
    assert "SOPInstanceUID" not in lean


@pytest.mark.parametrize("items", [0, 1])
def test_a_sequence_without_items_is_missing_and_one_with_items_is_not(write_file: Callable, items: int) -> None:
    item = element(ITEM, b"", None) + element(0x00080100, b"SH", text("T-1")) + element(ITEM_DELIMITER, b"", b"")
    codes = element(PERFORMED_PROCEDURE_CODES, b"SQ", None) + item * items + element(SEQUENCE_DELIMITER, b"", b"")
    elements = dataset((SOP_CLASS, b"UI", text(COMPREHENSIVE_SR, pad=b"\0")))
    path = write_file(part10(elements + codes, sop_class=COMPREHENSIVE_SR))
    lean = read_lean_header(path)["MissingRequiredAttributes"]
    assert lean == read_header_with_pydicom(path)["MissingRequiredAttributes"]
    assert ("PerformedProcedureCodeSequence" in lean) is (items == 0)


@pytest.mark.parametrize("values", [(b"", b"Doe"), (b"Doe", b"")])
def test_a_repeated_attribute_counts_as_its_last_occurrence(write_file: Callable, values: tuple[bytes, bytes]) -> None:
    first, last = (element(PATIENT_NAME, b"PN", value) for value in values)
    path = write_file(part10(dataset() + element(MODALITY, b"CS", b"CT") + first + last))
    lean = read_lean_header(path)["MissingRequiredAttributes"]
    assert lean == read_header_with_pydicom(path)["MissingRequiredAttributes"]
    assert ("PatientName" in lean) is (values[1] == b"")


def test_committed_table_matches_the_standard_tables_highdicom_ships() -> None:
    from orchestration.extract.iod_requirements import TABLE, derive_requirements

    assert json.loads(TABLE.read_text()) == derive_requirements(), (
        "regenerate with `python -m orchestration.extract.iod_requirements`"
    )

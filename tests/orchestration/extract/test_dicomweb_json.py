"""DICOM JSON (WADO-RS metadata) into the header values a file gives (no archive needed)."""

from __future__ import annotations

from typing import Any

import pytest

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.dicomweb_json import header_from_json


@pytest.mark.unit
def test_person_name_groups_give_the_string_pydicom_reads_from_the_file() -> None:
    instance = {
        "00080018": {"vr": "UI", "Value": ["1.2.3"]},
        "00100010": {
            "vr": "PN",
            "Value": [{"Alphabetic": "Yamada^Tarou", "Ideographic": "山田^太郎", "Phonetic": "やまだ^たろう"}],
        },
        "00080008": {"vr": "CS", "Value": ["ORIGINAL", "PRIMARY", "AXIAL "]},
        "00180060": {"vr": "DS", "Value": [120.0]},
        "00280010": {"vr": "US", "Value": [512]},
    }
    header = header_from_json(instance, transfer_syntax_uid=None)
    assert header["PatientName"] == "Yamada^Tarou=山田^太郎=やまだ^たろう"
    assert (header["ImageType"], header["KVP"], header["Rows"]) == ("ORIGINAL\\PRIMARY\\AXIAL", 120.0, 512)


@pytest.mark.unit
@pytest.mark.parametrize(
    ("instance", "error_class"),
    [([], "MalformedMetadata"), ({"00100020": {"vr": "LO", "Value": ["12"]}}, "MissingInstanceUID")],
)
def test_unusable_instance_metadata_is_refused_with_a_class(instance: Any, error_class: str) -> None:
    with pytest.raises(UnreadableInputError) as refused:
        header_from_json(instance, transfer_syntax_uid=None)
    assert refused.value.error_class == error_class


@pytest.mark.unit
def test_hostile_values_are_absent_not_fatal() -> None:
    instance = {
        "00080018": {"vr": "UI", "Value": ["1.2.3"]},
        "00280010": {"vr": "US", "Value": ["not a number"]},
        "00100010": {"vr": "PN", "Value": ["not an object"]},
        "00080060": {"vr": "CS", "Value": "not a list"},
    }
    header = header_from_json(instance, transfer_syntax_uid=None)
    assert (header["Rows"], header["PatientName"], header["Modality"]) == (None, None, None)
    assert "Modality" in header["MissingRequiredAttributes"]

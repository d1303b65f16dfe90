"""The lean reader's value decoding against pydicom's, on awkward values written by hand.

Each case is a small file holding one awkward value; the lean reader must read it (not
fall back) and give exactly the row the pydicom path gives. The cheap decoders replay
pydicom's string rules, so these cases probe the edges of those rules: padding, nulls,
backslashes, signs, malformed numbers, wrong lengths, character sets.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from pydicom.charset import python_encoding
from pydicom.values import converters

from orchestration.extract.dicom_headers import read_header, read_header_with_pydicom
from orchestration.extract.lean_reader import read_lean_header
from orchestration.extract.lean_walk import LONG_LENGTH
from tests.orchestration.extract.header_helpers import dataset, differences, part10, text

pytestmark = pytest.mark.unit

SERIES_NUMBER, KVP, EXPOSURE, ROWS, CTDI_VOL = 0x00200011, 0x00180060, 0x00181152, 0x00280010, 0x00189345
IMAGE_TYPE, STUDY_DATE, MODALITY, MANUFACTURER = 0x00080008, 0x00080020, 0x00080060, 0x00080070
STUDY_UID, PATIENT_NAME, PATIENT_AGE, ACCESSION = 0x0020000D, 0x00100010, 0x00101010, 0x00080050
CHARACTER_SET = 0x00080005

AWKWARD_NUMBERS = [
    *((SERIES_NUMBER, b"IS", raw) for raw in [b"1 ", b" 12", b"+5", b"-3 ", b"1.5 ", b"1.0 ", b"abc ", b"", b"  "]),
    *((SERIES_NUMBER, b"IS", raw) for raw in [b"\x0012", b"12\\13 ", b"1_000 ", b"99999999999999999999", b"12\x00"]),
    *((EXPOSURE, b"IS", raw) for raw in [b"170 ", b"1e3 ", b" 0", b"-0", b"7.5 "]),
    *((KVP, b"DS", raw) for raw in [b"120 ", b"1.5e2 ", b".5", b"5.", b"-0.0", b"nan ", b"inf ", b"1,5 ", b""]),
    *((KVP, b"DS", raw) for raw in [b"  ", b"120\\130 ", b"1e999 ", b"1_0 ", b"12345678901234567", b" 7 \x00"]),
    *((ROWS, b"US", raw) for raw in [struct.pack("<H", 512), b"", struct.pack("<HH", 1, 2), b"\x01\x02\x03"]),
    *((CTDI_VOL, b"FD", raw) for raw in [struct.pack("<d", 12.5), b"", struct.pack("<d", float("nan"))]),
    *((CTDI_VOL, b"FD", raw) for raw in [struct.pack("<dd", 1.0, 2.0), b"\0\0\0\0"]),
]
AWKWARD_TEXT = [
    *((IMAGE_TYPE, b"CS", raw) for raw in [b"ORIGINAL\\PRIMARY\\AXIAL ", b"  ", b"\0\0", b"A\\ ", b"\xe9T", b" CT"]),
    *((STUDY_DATE, b"DA", raw) for raw in [b"20240101", b"2024010 ", b"", b"2024\\2025"]),
    *((STUDY_UID, b"UI", raw) for raw in [b"1.2.3\0", b" 1.2.3 ", b"1.2\\3.4\0", b"1.2\t\0", b"\x1c1.2", b"1.2\xa0 "]),
    *((MANUFACTURER, b"LO", raw) for raw in [b"ACME ", b"ACME\\B ", b"A\0 ", b"  A", b"\\", b"\xe9"]),
    *((PATIENT_NAME, b"PN", raw) for raw in [b"Doe^John ", b"Doe^John==", b"Doe^John=", b"=Ideo", b"A\\B "]),
    *((PATIENT_NAME, b"PN", raw) for raw in [b"A=\\B==", b"  ", b"Doe^J = ", b"M\xfcller"]),
    *((ACCESSION, b"SH", raw) for raw in [b"A1 ", b"", b"A\\B\\"]),
    *((PATIENT_AGE, b"AS", raw) for raw in [b"034Y", b"", b"34Y "]),
]
# (Specific Character Set, value encoded in it): single-byte, UTF-8, multi-byte, ISO 2022, unknown.
CHARACTER_SETS = [
    (b"ISO_IR 100", "Müller^Jürgen".encode("latin-1")),
    (b"ISO_IR 192", "Müller^Jürgen=山田^太郎".encode()),
    (b"ISO_IR 192", b"\xff\xfe broken UTF-8"),
    (b"GB18030", "王^小东=王^小东".encode("gb18030")),
    (b"ISO_IR 144", "Люкceмбypг".encode("iso8859_5")),
    (b"\\ISO 2022 IR 87", b"Yamada^Tarou=\x1b$B;3ED\x1b(B^\x1b$BB@O:\x1b(B"),
    (b"ISO 2022 IR 6\\ISO 2022 IR 100", b"M\xfcller"),
    (b"ISO_IR 13", "ﾔﾏﾀﾞ^ﾀﾛｳ".encode("shift_jis")),
    (b"FOO", b"M\xfcller"),
    (b"", b"M\xfcller"),
]


def assert_same_row(write_file: Callable[[bytes], Path], data: bytes) -> None:
    path = write_file(data)
    lean, reference = read_lean_header(path), read_header_with_pydicom(path)
    assert differences(lean, reference) == {}


@pytest.mark.parametrize(("tag", "vr", "raw"), AWKWARD_NUMBERS + AWKWARD_TEXT)
def test_awkward_values_read_as_pydicom_reads_them(write_file: Callable, tag: int, vr: bytes, raw: bytes) -> None:
    assert_same_row(write_file, part10(dataset((tag, vr, raw))))


@pytest.mark.parametrize(("character_set", "raw"), CHARACTER_SETS)
@pytest.mark.parametrize(("tag", "vr"), [(PATIENT_NAME, b"PN"), (MANUFACTURER, b"LO"), (ACCESSION, b"SH")])
def test_text_decodes_with_the_files_character_set_as_pydicom_does(
    write_file: Callable, character_set: bytes, raw: bytes, tag: int, vr: bytes
) -> None:
    elements = [(CHARACTER_SET, b"CS", text(character_set.decode())), (tag, vr, raw + b" " * (len(raw) % 2))]
    assert_same_row(write_file, part10(dataset(*elements)))


@pytest.mark.parametrize(
    ("transfer_syntax", "little", "explicit"),
    [("1.2.840.10008.1.2", True, False), ("1.2.840.10008.1.2.2", False, True)],
)
def test_implicit_vr_and_big_endian_values_read_as_pydicom_reads_them(
    write_file: Callable, transfer_syntax: str, little: bool, explicit: bool
) -> None:
    order = "<" if little else ">"
    elements = [
        (MODALITY, b"CS", b"CT"),
        (SERIES_NUMBER, b"IS", b"7 "),
        (ROWS, b"US", struct.pack(order + "H", 512)),
        (CTDI_VOL, b"FD", struct.pack(order + "d", 3.25)),
        (PATIENT_NAME, b"PN", b"Doe^John"),
    ]
    data = part10(dataset(*elements, little=little, explicit=explicit), transfer_syntax=transfer_syntax)
    assert_same_row(write_file, data)
    assert read_lean_header(write_file(data))["Rows"] == 512


@pytest.mark.parametrize(
    ("tag", "vr", "raw"), [(MODALITY, b"LO", b"CT"), (ROWS, b"SS", b"\0\2"), (ROWS, b"UN", b"\0\2")]
)
def test_a_value_with_another_vr_than_the_dictionarys_reads_as_pydicom_reads_it(
    write_file: Callable, tag: int, vr: bytes, raw: bytes
) -> None:
    path = write_file(part10(dataset((tag, vr, raw))))
    assert differences(read_header(path), read_header_with_pydicom(path)) == {}


def test_plain_ascii_decodes_alike_in_every_character_set_pydicom_knows() -> None:
    ascii_bytes = bytes(code for code in range(128) if code != 0x1B)
    assert {name: ascii_bytes.decode(codec) for name, codec in python_encoding.items()} == dict.fromkeys(
        python_encoding, ascii_bytes.decode("ascii")
    )


def test_the_walk_knows_exactly_the_vrs_pydicom_knows() -> None:
    assert {vr.decode() for vr in LONG_LENGTH} == {str(vr) for vr in converters if len(vr) == 2}

"""R1: malformed inputs never crash the header reader and never land as rows they are not.

Every input here must either raise UnreadableInputError with a class and a message, or
land with exactly the row the pydicom path gives (a file cut at an element boundary of its
top-level dataset is a complete, smaller dataset: nothing in its bytes says it was cut).
"""

from __future__ import annotations

import random
import struct
from collections.abc import Callable
from pathlib import Path

import pytest

from orchestration.extract.dicom_headers import UnreadableInputError, read_header, read_header_with_pydicom
from orchestration.extract.lean_reader import _file_meta
from tests.orchestration.extract.header_helpers import (
    ITEM,
    ITEM_DELIMITER,
    LONG_LENGTH_VRS,
    SEQUENCE_DELIMITER,
    dataset,
    differences,
    element,
    element_starts,
    part10,
)

pytestmark = pytest.mark.unit

SEED = 20240611
# Nested deeper than the structure check allows (dicom_structure.MAX_DEPTH is 64).
HOSTILE_DEPTH = 70


def landed_or_refused(path: Path) -> dict | None:
    """The row, or None when refused with a reason; fails on any other outcome."""
    try:
        row = read_header(path)
    except UnreadableInputError as error:
        assert error.error_class and error.message, path
        return None
    assert differences(row, read_header_with_pydicom(path)) == {}, path
    return row


def cuts_around(boundaries: list[int], size: int, spread: int) -> list[int]:
    return sorted(
        {cut for boundary in boundaries for cut in range(boundary - spread, boundary + spread + 1) if 0 < cut < size}
    )


def assert_every_cut_is_refused_unless_at_a_top_level_boundary(write_file: Callable, data: bytes, spread: int) -> None:
    start, _ = _file_meta(data[:16384])
    starts, top_level = element_starts(data, start)
    for cut in cuts_around(starts, len(data), spread):
        row = landed_or_refused(write_file(data[:cut]))
        assert row is None or cut in top_level or cut == start, f"a file cut at byte {cut} landed"


def test_file_cut_around_any_element_or_fragment_boundary_is_refused(write_file: Callable, pydicom_files: Path) -> None:
    data = (pydicom_files / "test_files" / "SC_rgb_rle.dcm").read_bytes()
    assert_every_cut_is_refused_unless_at_a_top_level_boundary(write_file, data, spread=2)


def test_structured_report_cut_inside_any_nested_item_is_refused(write_file: Callable, shared_dicom: Path) -> None:
    data = (shared_dicom / "highdicom" / "sr_document.dcm").read_bytes()
    assert_every_cut_is_refused_unless_at_a_top_level_boundary(write_file, data, spread=1)


def test_empty_file_is_refused_as_empty(write_file: Callable) -> None:
    with pytest.raises(UnreadableInputError) as raised:
        read_header(write_file(b""))
    assert raised.value.error_class == "EmptyFile"


def test_random_bytes_are_refused_however_they_start(write_file: Callable) -> None:
    generator = random.Random(SEED)
    header = part10(b"")
    for _ in range(100):
        noise = generator.randbytes(generator.randint(1, 4096))
        assert landed_or_refused(write_file(noise)) is None
        assert landed_or_refused(write_file(b"\0" * 128 + b"DICM" + noise)) is None
        landed_or_refused(write_file(header + noise))


def test_corrupt_length_fields_never_crash_or_land_a_wrong_row(write_file: Callable, pydicom_files: Path) -> None:
    data = (pydicom_files / "test_files" / "MR_small.dcm").read_bytes()
    start, _ = _file_meta(data[:16384])
    _, top_level = element_starts(data, start)
    for offset in sorted(top_level):
        long_length = data[offset + 4 : offset + 6] in LONG_LENGTH_VRS
        layout, at = ("<L", offset + 8) if long_length else ("<H", offset + 6)
        (length,) = struct.unpack_from(layout, data, at)
        limit = 0xFFFFFFFF if long_length else 0xFFFF
        for wrong in {length + 2, max(length - 2, 0), length + 1, limit}:
            corrupt = data[:at] + struct.pack(layout, min(wrong, limit)) + data[at + struct.calcsize(layout) :]
            landed_or_refused(write_file(corrupt))


def test_randomly_flipped_header_bytes_never_crash_or_land_a_wrong_row(
    write_file: Callable, pydicom_files: Path
) -> None:
    data = bytearray((pydicom_files / "test_files" / "MR_small.dcm").read_bytes())
    header_end = data.find(b"\xe0\x7f\x10\x00")
    generator = random.Random(SEED)
    for _ in range(300):
        mutant = bytearray(data)
        for _ in range(generator.randint(1, 4)):
            mutant[generator.randrange(132, header_end)] = generator.randrange(256)
        landed_or_refused(write_file(bytes(mutant)))


def nested_sequences(depth: int, *, undefined_length: bool) -> bytes:
    """A sequence holding one item holding a sequence... `depth` levels down, in explicit VR."""
    inner = element(0x00081030, b"LO", b"DEEP")
    for _ in range(depth):
        if undefined_length:
            item = element(ITEM, b"", None) + inner + element(ITEM_DELIMITER, b"", b"")
            inner = element(0x00081032, b"SQ", None) + item + element(SEQUENCE_DELIMITER, b"", b"")
        else:
            inner = element(0x00081032, b"SQ", element(ITEM, b"", inner))
    return inner


def test_moderately_nested_sequences_land(write_file: Callable) -> None:
    path = write_file(part10(dataset() + nested_sequences(20, undefined_length=True)))
    assert landed_or_refused(path) is not None


def test_hostile_nesting_depth_is_refused(write_file: Callable) -> None:
    path = write_file(part10(dataset() + nested_sequences(HOSTILE_DEPTH, undefined_length=True)))
    assert landed_or_refused(path) is None


def test_deep_nesting_inside_a_defined_length_sequence_is_never_parsed(write_file: Callable) -> None:
    # Neither path reads inside a defined-length sequence it has no use for, however deep.
    path = write_file(part10(dataset() + nested_sequences(2000, undefined_length=False)))
    assert landed_or_refused(path) is not None


def test_hostile_real_samples_never_crash_or_land_a_wrong_row(shared_dicom: Path) -> None:
    for path in sorted(p for p in (shared_dicom / "orthanc-tests").rglob("*") if p.is_file()):
        landed_or_refused(path)


def test_a_wanted_attribute_of_undefined_length_never_lands_a_wrong_row(write_file: Callable) -> None:
    def implicit(tag: int, value: bytes | None) -> bytes:
        return element(tag, b"", value, explicit=False)

    item = implicit(ITEM, None) + implicit(0x00081030, b"XX") + implicit(ITEM_DELIMITER, b"")
    modality = implicit(0x00080060, None) + item + implicit(SEQUENCE_DELIMITER, b"")
    landed_or_refused(write_file(part10(dataset(explicit=False) + modality, transfer_syntax="1.2.840.10008.1.2")))


def test_deflated_dataset_cut_short_is_refused(write_file: Callable, pydicom_files: Path) -> None:
    data = (pydicom_files / "test_files" / "image_dfl.dcm").read_bytes()
    start, _ = _file_meta(data[:16384])
    for cut in range(start + 1, len(data) - 2, (len(data) - start) // 10):
        assert landed_or_refused(write_file(data[:cut])) is None, cut

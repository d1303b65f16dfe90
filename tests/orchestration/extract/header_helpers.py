"""Helpers for the header tests: both header paths on one file, and hand-built DICOM bytes."""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orchestration.extract.dicom_headers import UnreadableInputError, read_header_with_pydicom
from orchestration.extract.lean_reader import read_lean_header
from orchestration.extract.lean_walk import NeedsFallback

EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1"
CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2"
LONG_LENGTH_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
ITEM, ITEM_DELIMITER, SEQUENCE_DELIMITER = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
UNDEFINED = 0xFFFFFFFF


@dataclass
class Reading:
    """One file read by both paths: a row, or why it was refused (pydicom) or left (lean)."""

    path: Path
    reference: dict[str, Any] | UnreadableInputError
    lean: dict[str, Any] | NeedsFallback


def read_both(path: Path) -> Reading:
    try:
        reference: dict[str, Any] | UnreadableInputError = read_header_with_pydicom(path)
    except UnreadableInputError as error:
        reference = error
    try:
        lean: dict[str, Any] | NeedsFallback = read_lean_header(path)
    except NeedsFallback as error:
        lean = error
    return Reading(path, reference, lean)


def differences(lean: dict[str, Any], reference: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Fields whose values differ (a NaN equals a NaN: both paths read the same bytes)."""

    def same(a: Any, b: Any) -> bool:
        return a == b or (isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b))

    keys = lean.keys() | reference.keys()
    return {key: (lean.get(key), reference.get(key)) for key in keys if not same(lean.get(key), reference.get(key))}


def element(tag: int, vr: bytes, value: bytes | None, *, little: bool = True, explicit: bool = True) -> bytes:
    """One encoded element; `value` is written as given (no padding); None gives an undefined length."""
    order = "<" if little else ">"
    header = struct.pack(order + "HH", tag >> 16, tag & 0xFFFF)
    length = UNDEFINED if value is None else len(value)
    body = b"" if value is None else value
    if not explicit or tag >> 16 == 0xFFFE:
        return header + struct.pack(order + "L", length) + body
    if vr in LONG_LENGTH_VRS:
        return header + vr + b"\0\0" + struct.pack(order + "L", length) + body
    return header + vr + struct.pack(order + "H", length) + body


def text(value: str, encoding: str = "ascii", pad: bytes = b" ") -> bytes:
    raw = value.encode(encoding)
    return raw + pad * (len(raw) % 2)


def part10(
    dataset: bytes, *, transfer_syntax: str = EXPLICIT_VR_LITTLE_ENDIAN, sop_class: str = CT_IMAGE_STORAGE
) -> bytes:
    """A file: preamble, 'DICM', the file meta group (explicit VR little endian), then `dataset`."""
    meta = b"".join(
        [
            element(0x00020001, b"OB", b"\0\1"),
            element(0x00020002, b"UI", text(sop_class, pad=b"\0")),
            element(0x00020003, b"UI", text("1.2.3.4", pad=b"\0")),
            element(0x00020010, b"UI", text(transfer_syntax, pad=b"\0")),
        ]
    )
    group_length = element(0x00020000, b"UL", struct.pack("<L", len(meta)))
    return b"\0" * 128 + b"DICM" + group_length + meta + dataset


def dataset(*elements: tuple[int, bytes, bytes | None], little: bool = True, explicit: bool = True) -> bytes:
    """A dataset of (tag, VR, value) elements, in tag order, with SOP Class and Instance UIDs unless given."""
    given = {tag for tag, _, _ in elements}
    defaults = [
        (0x00080016, b"UI", text(CT_IMAGE_STORAGE, pad=b"\0")),
        (0x00080018, b"UI", text("1.2.3.4", pad=b"\0")),
    ]
    chosen = sorted([*elements, *(default for default in defaults if default[0] not in given)], key=lambda e: e[0])
    return b"".join(element(tag, vr, value, little=little, explicit=explicit) for tag, vr, value in chosen)


def element_starts(data: bytes, start: int) -> tuple[list[int], set[int]]:
    """(offsets where elements and items start, at any depth; those of top-level elements) of an
    explicit VR little endian dataset from `start`, descending into every sequence."""
    starts: list[int] = []
    top_level: set[int] = set()

    def walk(position: int, end: int | None, top: bool) -> int:
        while position < (len(data) if end is None else end):
            starts.append(position)
            if top:
                top_level.add(position)
            group, number = struct.unpack_from("<HH", data, position)
            tag, vr = group << 16 | number, data[position + 4 : position + 6]
            if tag == ITEM_DELIMITER:
                return position + 8
            if vr in LONG_LENGTH_VRS:
                (length,) = struct.unpack_from("<L", data, position + 8)
                position += 12
            else:
                (length,) = struct.unpack_from("<H", data, position + 6)
                position += 8
            if vr == b"SQ" or length == UNDEFINED:
                position = items(position, None if length == UNDEFINED else position + length)
            else:
                position += length
        return position

    def items(position: int, end: int | None) -> int:
        while end is None or position < end:
            starts.append(position)
            tag, length = struct.unpack_from("<LL", data, position)
            tag = (tag & 0xFFFF) << 16 | tag >> 16
            position += 8
            if tag == SEQUENCE_DELIMITER:
                return position
            if length == UNDEFINED:
                position = walk(position, None, top=False)
            elif data[position - 8 : position - 6] == b"\xfe\xff" and tag == ITEM and _is_dataset(data, position):
                position = walk(position, position + length, top=False)
            else:
                position += length
        return position

    walk(start, None, top=True)
    return starts, top_level


def _is_dataset(data: bytes, position: int) -> bool:
    """Whether an item holds a dataset (its first element has a VR) rather than a pixel data fragment."""
    return data[position + 4 : position + 6].isalpha() and data[position + 4 : position + 6].isupper()

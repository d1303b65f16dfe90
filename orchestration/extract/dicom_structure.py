"""Structural walk of a DICOM file's top-level elements, to catch truncation.

pydicom is deliberately lenient: a file cut in the middle of its header or its pixel data
still reads, silently shorter. An archive report must not count such a file as an image,
so before trusting pydicom's values we walk the element stream by tag and length only
(seeks, no value reads: cheap even for a multi-gigabyte slide) and check that every value
fits in the file and the last element ends exactly at end of file. The walk also notes
each top-level element's value length, which tells which required attributes are absent
or empty, including those pydicom does not read (after `stop_before_pixels`).

This is the pydicom path's check; the lean reader (`lean_walk.py`) does the same in its
own pass and leaves to this one every file it does not handle.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import BinaryIO

UNDEFINED_LENGTH = 0xFFFFFFFF
ITEM = 0xFFFEE000
ITEM_DELIMITER = 0xFFFEE00D
SEQUENCE_DELIMITER = 0xFFFEE0DD
# VRs whose explicit encoding has two reserved bytes and a 4-byte length (PS3.5 7.1.2).
LONG_LENGTH_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
# Deeper nesting than this is hostile input, not a real object.
MAX_DEPTH = 64
# The transfer syntax whose whole dataset is deflated (PS3.5 A.5), the one pydicom inflates.
DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99"


class StructureError(Exception):
    """The element stream does not fit the file: truncated or corrupt."""


def looks_like_dataset(head: bytes) -> bool:
    """A file without preamble may still be DICOM: it then starts with group 0002 or 0008."""
    if len(head) < 4:
        return False
    little, big = struct.unpack("<H", head[:2])[0], struct.unpack(">H", head[:2])[0]
    return little in (0x0002, 0x0008) or big in (0x0002, 0x0008)


class _Walker:
    def __init__(self, handle: BinaryIO, size: int, little: bool) -> None:
        self.handle = handle
        self.size = size
        self.endian = "<" if little else ">"
        # tag -> value length of every top-level element; 0 for a sequence without items.
        self.value_lengths: dict[int, int] = {}

    def _read(self, count: int) -> bytes:
        data = self.handle.read(count)
        if len(data) < count:
            raise StructureError(f"file ends inside an element header at byte {self.handle.tell()}")
        return data

    def _header(self, implicit: bool) -> tuple[int, bytes | None, int]:
        group, element = struct.unpack(f"{self.endian}HH", self._read(4))
        tag = group << 16 | element
        if group == 0xFFFE or implicit:
            (length,) = struct.unpack(f"{self.endian}L", self._read(4))
            return tag, None, length
        vr = self._read(2)
        if not (b"AA" <= vr <= b"ZZ"):
            # An implicit VR element inside an explicit VR dataset: a common writer bug
            # that pydicom tolerates the same way, by reading the 4 bytes as a length.
            self.handle.seek(-2, 1)
            (length,) = struct.unpack(f"{self.endian}L", self._read(4))
            return tag, None, length
        if vr in LONG_LENGTH_VRS:
            self._read(2)
            (length,) = struct.unpack(f"{self.endian}L", self._read(4))
        else:
            (length,) = struct.unpack(f"{self.endian}H", self._read(2))
        return tag, vr, length

    def _skip(self, length: int) -> None:
        end = self.handle.tell() + length
        if end > self.size:
            raise StructureError(f"a value of {length} bytes runs past end of file ({self.size} bytes)")
        self.handle.seek(end)

    def walk_dataset(self, implicit: bool, depth: int = 0, until_delimiter: bool = False) -> None:
        if depth > MAX_DEPTH:
            raise StructureError(f"sequences nested deeper than {MAX_DEPTH} levels")
        while until_delimiter or self.handle.tell() < self.size:
            tag, vr, length = self._header(implicit)
            if tag == ITEM_DELIMITER:
                return
            if length == UNDEFINED_LENGTH:
                # An undefined-length UN holds implicit VR little endian items (PS3.5 6.2.2).
                items = self._walk_items(implicit or vr == b"UN", depth + 1)
                length = UNDEFINED_LENGTH if items else 0
            else:
                self._skip(length)
            if depth == 0:
                self.value_lengths[tag] = length

    def _walk_items(self, implicit: bool, depth: int) -> int:
        items = 0
        while True:
            tag, _, length = self._header(implicit=True)
            if tag == SEQUENCE_DELIMITER:
                return items
            items += 1
            if tag != ITEM:
                raise StructureError(f"expected an item tag, found ({tag >> 16:04X},{tag & 0xFFFF:04X})")
            if length == UNDEFINED_LENGTH:
                self.walk_dataset(implicit, depth, until_delimiter=True)
            else:
                self._skip(length)


def locate_dataset(handle: BinaryIO, size: int) -> int:
    """Offset of the dataset: after the preamble and File Meta group when present."""
    handle.seek(128)
    position = 132 if handle.read(4) == b"DICM" else 0
    handle.seek(position)
    # The File Meta group is always explicit VR little endian (PS3.10 7.1).
    while len(head := handle.read(8)) == 8 and struct.unpack("<H", head[:2])[0] == 0x0002:
        if head[4:6] in LONG_LENGTH_VRS:
            long_length = handle.read(4)
            if len(long_length) < 4:
                raise StructureError("file ends inside the file meta group")
            (length,) = struct.unpack("<L", long_length)
        else:
            (length,) = struct.unpack("<H", head[6:8])
        position = handle.tell() + length
        if position > size:
            raise StructureError(f"a file meta value of {length} bytes runs past end of file ({size} bytes)")
        handle.seek(position)
    return position


def _inflated(handle: BinaryIO) -> tuple[BinaryIO, int]:
    """The dataset of a deflated transfer syntax (PS3.5 A.5), inflated in memory as pydicom does."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        dataset = inflater.decompress(handle.read())
    except zlib.error as error:
        raise StructureError(f"the deflated dataset is corrupt: {error}") from None
    if not inflater.eof:
        raise StructureError("the deflated dataset ends before its end mark")
    return io.BytesIO(dataset), len(dataset)


def check_structure(
    handle: BinaryIO, size: int, *, little_endian: bool, implicit_vr: bool, deflated: bool
) -> dict[int, int]:
    """Raise StructureError unless the dataset's elements fill the file exactly.

    Returns the value length of every top-level element, by tag.
    """
    offset = locate_dataset(handle, size)
    handle.seek(offset)
    if deflated:
        handle, size = _inflated(handle)
        offset = 0
    if offset >= size:
        raise StructureError("no dataset after the file meta group")
    walker = _Walker(handle, size, little_endian)
    walker.walk_dataset(implicit_vr)
    return walker.value_lengths

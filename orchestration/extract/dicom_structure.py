"""Structural walk of a DICOM file's top-level elements, to catch truncation.

pydicom is deliberately lenient: a file cut in the middle of its header or its pixel data
still reads, silently shorter. An archive report must not count such a file as an image,
so before trusting pydicom's values we walk the element stream by tag and length only
(seeks, no value reads: cheap even for a multi-gigabyte slide) and check that every value
fits in the file and the last element ends exactly at end of file.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

UNDEFINED_LENGTH = 0xFFFFFFFF
ITEM = 0xFFFEE000
ITEM_DELIMITER = 0xFFFEE00D
SEQUENCE_DELIMITER = 0xFFFEE0DD
# VRs whose explicit encoding has two reserved bytes and a 4-byte length (PS3.5 7.1.2).
LONG_LENGTH_VRS = {b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV"}
# Deeper nesting than this is hostile input, not a real object.
MAX_DEPTH = 64


class StructureError(Exception):
    """The element stream does not fit the file: truncated or corrupt."""


class _Walker:
    def __init__(self, handle: BinaryIO, size: int, little: bool) -> None:
        self.handle = handle
        self.size = size
        self.endian = "<" if little else ">"

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
                self._walk_items(implicit or vr == b"UN", depth + 1)
            else:
                self._skip(length)

    def _walk_items(self, implicit: bool, depth: int) -> None:
        while True:
            tag, _, length = self._header(implicit=True)
            if tag == SEQUENCE_DELIMITER:
                return
            if tag != ITEM:
                raise StructureError(f"expected an item tag, found ({tag >> 16:04X},{tag & 0xFFFF:04X})")
            if length == UNDEFINED_LENGTH:
                self.walk_dataset(implicit, depth, until_delimiter=True)
            else:
                self._skip(length)


def locate_dataset(handle: BinaryIO) -> int:
    """Offset of the dataset: after the preamble and File Meta group when present."""
    handle.seek(128)
    position = 132 if handle.read(4) == b"DICM" else 0
    handle.seek(position)
    # The File Meta group is always explicit VR little endian (PS3.10 7.1).
    while len(head := handle.read(6)) == 6 and struct.unpack("<H", head[:2])[0] == 0x0002:
        if head[4:6] in LONG_LENGTH_VRS:
            handle.read(2)
            (length,) = struct.unpack("<L", handle.read(4))
        else:
            (length,) = struct.unpack("<H", handle.read(2))
        handle.seek(length, 1)
        position = handle.tell()
    return position


def check_structure(handle: BinaryIO, size: int, *, little_endian: bool, implicit_vr: bool, deflated: bool) -> None:
    """Raise StructureError unless the dataset's elements fill the file exactly."""
    if deflated:
        return  # the stream is compressed; zlib reports truncation when pydicom inflates it
    offset = locate_dataset(handle)
    handle.seek(offset)
    _Walker(handle, size, little_endian).walk_dataset(implicit_vr)

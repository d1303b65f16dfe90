"""Pixel data of the logical size a real image has, written as a sparse file.

The header bytes are written for real; the pixel values are a hole in the file (read
back as zeros) so a 2 GB slide costs a few kilobytes of disk. Native pixel data is one
element of the full length; encapsulated pixel data (JPEG, JPEG 2000) is an empty Basic
Offset Table and one fragment per frame, each fragment's item header written where it
falls so the encapsulation stays valid for any reader. Pixel values are zeros, so the
encapsulated fragments are not decodable images: Lantern reads metadata, not pixels.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

PIXEL_DATA_TAG = (0x7FE0, 0x0010)
ITEM = 0xE000
SEQUENCE_DELIMITER = 0xE0DD
UNDEFINED_LENGTH = 0xFFFFFFFF


def _element_header(vr: bytes, length: int) -> bytes:
    group, element = PIXEL_DATA_TAG
    return struct.pack("<HH2sHI", group, element, vr, 0, length)


def _item(tag: int, length: int) -> bytes:
    return struct.pack("<HHI", 0xFFFE, tag, length)


def _even(n: int) -> int:
    return n + (n & 1)


def native_length(frame_bytes: int, frames: int) -> int:
    return _even(frame_bytes * frames)


def fragment_length(frame_bytes: int, compression_ratio: float) -> int:
    return _even(max(2, round(frame_bytes / compression_ratio)))


def write_native(path: Path, header: bytes, frame_bytes: int, frames: int, vr: bytes) -> int:
    """Write header + native pixel data; returns the file's logical size."""
    length = native_length(frame_bytes, frames)
    with open(path, "wb") as f:
        f.write(header)
        f.write(_element_header(vr, length))
        size = f.tell() + length
        f.truncate(size)
    return size


def write_encapsulated(path: Path, header: bytes, frame_bytes: int, frames: int, compression_ratio: float) -> int:
    """Write header + encapsulated pixel data, one fragment per frame; returns the size."""
    fragment = fragment_length(frame_bytes, compression_ratio)
    with open(path, "wb") as f:
        f.write(header)
        f.write(_element_header(b"OB", UNDEFINED_LENGTH))
        f.write(_item(ITEM, 0))
        for _ in range(frames):
            f.write(_item(ITEM, fragment))
            f.seek(fragment, 1)
        f.write(_item(SEQUENCE_DELIMITER, 0))
        return f.tell()


def sparse_copy(source: Path, target: Path) -> None:
    """Copy a sparse file keeping its holes (shutil.copyfile would allocate them)."""
    with open(source, "rb") as src, open(target, "wb") as dst:
        end = os.fstat(src.fileno()).st_size
        offset = 0
        while offset < end:
            try:
                offset = os.lseek(src.fileno(), offset, os.SEEK_DATA)
            except OSError:  # no data after offset: the rest is a hole
                break
            hole = os.lseek(src.fileno(), offset, os.SEEK_HOLE)
            src.seek(offset)
            dst.seek(offset)
            dst.write(src.read(hole - offset))
            offset = hole
        dst.truncate(end)

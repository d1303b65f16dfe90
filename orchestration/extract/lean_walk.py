"""One pass over a DICOM file's element stream: where the interesting elements are, and
whether the stream fills the file exactly.

Why: pydicom builds a Python object for every element and reads every nested sequence,
about 0.5-2 ms a file; a header row needs some 45 values. This walk reads the file in
16 KiB chunks (one read for most headers), unpacks each element's tag, VR and length with
one precompiled struct call, notes the offset of the elements it was asked about and
jumps over every value (pixel data costs a seek, not a read). It is also the truncation
check of `dicom_structure.py`, in the same pass: every value must fit in the file and the
last element must end exactly at end of file. It descends into undefined-length
sequences and encapsulated pixel data, where the only way to find the end is to walk.

It handles what conformant writers produce. Anything else (an unknown VR, implicit VR
elements inside an explicit VR dataset, undefined-length UN, nesting deeper than
`MAX_DEPTH`, a stream that does not end at end of file) raises `NeedsFallback`, and the
caller reads the file with pydicom, which decides what the file is.
"""

from __future__ import annotations

import os
import struct
from typing import Any

CHUNK = 16384
# Enough for an item header (8 bytes) and the walk's lookahead.
FRAGMENT_HEADER_READ = 32
# Zero bytes after the last chunk, so that a header read near end of file never fails;
# an element that reads into them ends past end of file and is rejected.
PADDING = bytes(12)
UNDEFINED = 0xFFFFFFFF
# An item or delimiter header: a tag and a 4-byte length.
ITEM_HEADER_BYTES = 8
MAX_DEPTH = 64
# The VRs whose explicit encoding has a 4-byte length (PS3.5 7.1.2), and the others.
LONG_LENGTH_VRS = (b"OB", b"OD", b"OF", b"OL", b"OV", b"OW", b"SQ", b"SV", b"UC", b"UN", b"UR", b"UT", b"UV")
SHORT_LENGTH_VRS = (b"AE", b"AS", b"AT", b"CS", b"DA", b"DS", b"DT", b"FD", b"FL", b"IS", b"LO", b"LT", b"PN")
SHORT_LENGTH_VRS += (b"SH", b"SL", b"SS", b"ST", b"TM", b"UI", b"UL", b"US")
# VR -> is its length 4 bytes? A missing key is not a VR.
LONG_LENGTH = dict.fromkeys(LONG_LENGTH_VRS, True) | dict.fromkeys(SHORT_LENGTH_VRS, False)
ITEM, ITEM_DELIMITER, SEQUENCE_DELIMITER = 0xFFFEE000, 0xFFFEE00D, 0xFFFEE0DD
PIXEL_TAGS = (0x7FE00010, 0x7FE00009, 0x7FE00008)
SPECIFIC_CHARACTER_SET = 0x00080005
# Why a walk over an item's dataset stopped before the end of its chunk.
DELIMITER, UNDEFINED_LENGTH_VALUE = object(), object()


class NeedsFallback(Exception):  # noqa: N818 - a signal to use the other path, not an error
    """The lean reader cannot read this file exactly; pydicom must."""


def key_of(tag: int, little_endian: bool) -> int:
    """A tag as the walk sees it: its four bytes read as one unsigned int in the file's byte order.

    Reading (group, element) as one int saves a shift and an or per element; for little
    endian the int is element << 16 | group.
    """
    return (tag & 0xFFFF) << 16 | tag >> 16 if little_endian else tag


class ByteOrder:
    """The precompiled struct readers, special keys and VR codes of one byte order.

    The walk reads a VR as a code, its two bytes as one 16-bit number, and looks up its
    length size in a list indexed by that code: about 15 % faster per element than
    hashing the two bytes for a dict.
    """

    def __init__(self, little_endian: bool) -> None:
        prefix = "<" if little_endian else ">"
        self.little_endian = little_endian
        self.explicit_header = struct.Struct(prefix + "LHH").unpack_from
        self.vr_codes = {vr: int.from_bytes(vr, "little" if little_endian else "big") for vr in LONG_LENGTH}
        self.vr_names = {code: vr for vr, code in self.vr_codes.items()}
        # VR code -> does its length take 4 bytes? None: not a VR.
        self.long_length_of: list[bool | None] = [None] * 0x10000
        for vr, code in self.vr_codes.items():
            self.long_length_of[code] = LONG_LENGTH[vr]
        self.sequence, self.other_byte, self.other_word = (self.vr_codes[vr] for vr in (b"SQ", b"OB", b"OW"))
        self.implicit_header = struct.Struct(prefix + "LL").unpack_from
        self.long_length = struct.Struct(prefix + "L").unpack_from
        self.item, self.item_delimiter, self.sequence_delimiter = (
            key_of(tag, little_endian) for tag in (ITEM, ITEM_DELIMITER, SEQUENCE_DELIMITER)
        )
        self.pixel_keys = frozenset(key_of(tag, little_endian) for tag in PIXEL_TAGS)
        self.character_set = key_of(SPECIFIC_CHARACTER_SET, little_endian)


LITTLE, BIG = ByteOrder(True), ByteOrder(False)


class Walk:
    """The state of one pass: the current chunk and what was found.

    `interest` maps the key of each interesting tag to a label of the caller's, truthy when
    the caller will read the value (which must then have a defined length); `found`
    maps the key of each interesting top-level element to (label, value offset, value
    length, VR code or None when implicit), and `empty` holds those whose value is empty: zero
    length, or an undefined-length sequence without items. `pixel_offset` is where the
    first top-level pixel data value starts (pydicom reads nothing after it).
    `nested_character_sets` holds the raw Specific Character Sets of items of
    undefined-length sequences, which pydicom reads (and may fail on) as it reads the file.
    """

    def __init__(self, fd: int, size: int, order: ByteOrder, explicit: bool) -> None:
        self.fd, self.size, self.order, self.explicit = fd, size, order, explicit
        self.buffer, self.base, self.end = b"", 0, 0
        self.found: dict[int, tuple[Any, int, int, int | None]] = {}
        self.empty: set[int] = set()
        self.nested_character_sets: list[bytes] = []
        self.pixel_offset = size

    def load(self, offset: int, data: bytes | None = None, size: int = CHUNK) -> None:
        """Make the chunk start at `offset`; `end` is where the last full header may start."""
        if data is None:
            data = os.pread(self.fd, size, offset)
        self.base = offset
        if offset + len(data) >= self.size:
            self.buffer, self.end = data + PADDING, len(data)
        else:
            self.buffer, self.end = data, len(data) - 11

    def seek(self, offset: int, size: int = CHUNK) -> int:
        """The chunk position of file offset `offset`, reading `size` bytes from there if needed."""
        position = offset - self.base
        if 0 <= position < self.end:
            return position
        if offset >= self.size:
            raise NeedsFallback("the element stream ends inside a sequence")
        self.load(offset, size=size)
        return 0

    def top_level(self, offset: int, interest: dict[int, Any]) -> None:
        """Walk the top-level dataset from `offset` to exactly end of file."""
        walk_chunk = self._explicit_chunk if self.explicit else self._implicit_chunk
        position = self.seek(offset)
        while True:
            offset, undefined = walk_chunk(position, interest)
            if undefined is not None:
                key, vr = undefined
                start = offset
                holds_datasets = self._is_sequence(key, vr)
                if not holds_datasets and self._ends_with_sequence_delimiter():
                    # Encapsulated pixel data that ends the file: a file cut anywhere in its
                    # fragments cannot end with the sequence delimiter, so they need not be
                    # walked one by one (an echo loop has one per frame, hundreds of reads).
                    offset, items = self.size, int(self.size - start > ITEM_HEADER_BYTES)
                else:
                    offset, items = self.items(start, holds_datasets, 1)
                label = interest.get(key)
                if label:
                    raise NeedsFallback("a wanted value of undefined length")
                if label is not None:
                    self.found[key] = (label, start, UNDEFINED, vr)
                    if not items:
                        self.empty.add(key)
                    elif self.empty:
                        self.empty.discard(key)  # a repeated tag: the last one counts, as on the pydicom path
            if offset >= self.size:
                if offset > self.size:
                    raise NeedsFallback("a value runs past end of file")
                return
            position = self.seek(offset)

    def _explicit_chunk(self, position: int, interest: dict[int, Any]) -> tuple[int, tuple | None]:
        """Walk elements while their headers lie in the chunk: the inner loop every file runs."""
        buffer, base, end, found, empty, order = self.buffer, self.base, self.end, self.found, self.empty, self.order
        header, long_length, long_length_of = order.explicit_header, order.long_length, order.long_length_of
        while position < end:
            key, vr, length = header(buffer, position)
            is_long = long_length_of[vr]
            if is_long:
                (length,) = long_length(buffer, position + 8)
                position += 12
                if key in order.pixel_keys:
                    self.pixel_offset = min(self.pixel_offset, base + position)
                if length == UNDEFINED:
                    return base + position, (key, vr)
            elif is_long is None:
                raise NeedsFallback("not a VR: implicit VR elements in an explicit VR dataset?")
            else:
                position += 8
            label = interest.get(key)
            if label is not None:
                found[key] = (label, base + position, length, vr)
                if not length:
                    empty.add(key)
                elif empty:
                    empty.discard(key)  # a repeated tag: the last one counts, as on the pydicom path
            position += length
        return base + position, None

    def _implicit_chunk(self, position: int, interest: dict[int, Any]) -> tuple[int, tuple | None]:
        buffer, base, end, found, empty = self.buffer, self.base, self.end, self.found, self.empty
        header, pixel_keys = self.order.implicit_header, self.order.pixel_keys
        while position < end:
            key, length = header(buffer, position)
            position += 8
            if key in pixel_keys:
                self.pixel_offset = min(self.pixel_offset, base + position)
            if length == UNDEFINED:
                return base + position, (key, None)
            label = interest.get(key)
            if label is not None:
                found[key] = (label, base + position, length, None)
                if not length:
                    empty.add(key)
                elif empty:
                    empty.discard(key)
            position += length
        return base + position, None

    def _ends_with_sequence_delimiter(self) -> bool:
        if self.size < ITEM_HEADER_BYTES:
            return False
        tail = os.pread(self.fd, ITEM_HEADER_BYTES, self.size - ITEM_HEADER_BYTES)
        return self.order.implicit_header(tail, 0) == (self.order.sequence_delimiter, 0)

    def _is_sequence(self, key: int, vr: int | None) -> bool:
        """Whether an undefined-length value holds datasets (else it is encapsulated pixel data)."""
        order = self.order
        if key in order.pixel_keys:
            if vr in (None, order.other_byte, order.other_word):
                return False
        elif vr in (None, order.sequence):
            return True
        raise NeedsFallback(f"an undefined-length {order.vr_names.get(vr)!r} value")

    def items(self, offset: int, holds_datasets: bool, depth: int) -> tuple[int, int]:
        """Walk the items of an undefined-length value; return the offset after it and the item count."""
        if depth > MAX_DEPTH:
            raise NeedsFallback(f"sequences nested deeper than {MAX_DEPTH} levels")
        order, count = self.order, 0
        # Between pixel data fragments there is nothing but the next item's header to read.
        read_size = CHUNK if holds_datasets else FRAGMENT_HEADER_READ
        while True:
            position = self.seek(offset, read_size)
            key, length = order.implicit_header(self.buffer, position)
            offset += 8
            if key == order.sequence_delimiter:
                return offset, count
            if key != order.item:
                raise NeedsFallback("expected an item in a sequence")
            count += 1
            if length != UNDEFINED:
                offset += length
            elif holds_datasets:
                offset = self._nested(offset, depth)
            else:
                raise NeedsFallback("an undefined-length pixel data fragment")

    def _nested(self, offset: int, depth: int) -> int:
        """Walk an undefined-length item's dataset; return the offset after its delimiter."""
        walk_chunk = self._explicit_item_chunk if self.explicit else self._implicit_item_chunk
        while True:
            offset, stop = walk_chunk(self.seek(offset))
            if stop is DELIMITER:
                return offset
            if stop is UNDEFINED_LENGTH_VALUE:
                offset, _ = self.items(offset, True, depth + 1)

    def _explicit_item_chunk(self, position: int) -> tuple[int, object]:
        buffer, base, end, order = self.buffer, self.base, self.end, self.order
        header, long_length, delimiter = order.explicit_header, order.long_length, order.item_delimiter
        while position < end:
            key, vr, length = header(buffer, position)
            if key == delimiter:
                return base + position + 8, DELIMITER
            is_long = order.long_length_of[vr]
            if is_long:
                (length,) = long_length(buffer, position + 8)
                position += 12
                if length == UNDEFINED:
                    if vr != order.sequence:
                        raise NeedsFallback(f"an undefined-length {order.vr_names[vr]!r} value inside a sequence")
                    return base + position, UNDEFINED_LENGTH_VALUE
            elif is_long is None:
                raise NeedsFallback("not a VR inside a sequence item")
            else:
                position += 8
                if key == order.character_set:
                    self._note_character_set(base + position, length)
            position += length
        return base + position, None

    def _implicit_item_chunk(self, position: int) -> tuple[int, object]:
        buffer, base, end, order = self.buffer, self.base, self.end, self.order
        header, delimiter = order.implicit_header, order.item_delimiter
        while position < end:
            key, length = header(buffer, position)
            position += 8
            if key == delimiter:
                return base + position, DELIMITER
            if length == UNDEFINED:
                return base + position, UNDEFINED_LENGTH_VALUE
            if key == order.character_set:
                self._note_character_set(base + position, length)
            position += length
        return base + position, None

    def _note_character_set(self, offset: int, length: int) -> None:
        # Rare enough to read again rather than track where the chunk's real bytes end.
        self.nested_character_sets.append(os.pread(self.fd, length, offset))

"""Raw header values decoded exactly as pydicom decodes them, cheaply in the common case.

Going through pydicom's converters costs 5-20 µs a value (a DataElement, validation, a
MultiValue), as much as walking a whole header. Most values are short and plain, so for
them the few string operations pydicom's converters apply are replayed here (each
decoder names the pydicom function it mirrors). Anything else returns `UNUSUAL`, and
`UnusualValues` takes over: text in the file's one character set is decoded with the
same `bytes.decode` pydicom runs, and the rest (ISO 2022 escapes, a malformed number, an
unexpected length) goes through pydicom's own `convert_raw_data_element`, so the rare
cases never depend on replaying pydicom's rules. The exactness tests compare every field
with the pydicom path on every sample file.
"""

from __future__ import annotations

import re
import struct
import warnings
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from pydicom.charset import convert_encodings, default_encoding, python_encoding
from pydicom.dataelem import RawDataElement, convert_raw_data_element
from pydicom.tag import BaseTag

from orchestration.extract.header_values import as_number, as_text
from orchestration.extract.lean_walk import SPECIFIC_CHARACTER_SET, NeedsFallback

UNUSUAL = object()
ESCAPE, BACKSLASH = b"\x1b", b"\\"
# The Python codecs of the character sets pydicom knows by name; each decodes plain ASCII
# as ASCII (tests/orchestration/extract/test_lean_values.py), which the cheap decoders rely on.
KNOWN_CODECS = frozenset(python_encoding.values()) | {default_encoding}
# A plain IS or DS value. Longer numbers are left to pydicom: IS turns an integer that a
# float cannot hold exactly into an ISfloat, and a DS exponent past 2 digits may overflow.
MAX_EXACT_DIGITS = 15
PLAIN_INTEGER = re.compile(rb" *[+-]?[0-9]{1,15}[ \x00]*")
PLAIN_DECIMAL = re.compile(rb" *[+-]?(?:[0-9]{1,16}(?:\.[0-9]{0,16})?|\.[0-9]{1,16})(?:[eE][+-]?[0-9]{1,2})?[ \x00]*")


def _code_string(raw: bytes) -> str:
    """CS, DA, TM, DT, AS: values.convert_string, always Latin-1, trailing padding off."""
    return raw.rstrip(b" \x00").decode("latin-1")


def unique_identifier(raw: bytes) -> str:
    """UI: values.convert_UI, then uid.UID strips each value (str.strip: more than bytes.strip strips)."""
    values = raw.decode("latin-1").rstrip("\x00 ")
    if "\\" not in values:
        return values.strip()
    return "\\".join(value.strip() for value in values.split("\\"))


def _text_values(text: str) -> str:
    """SH, LO, UC once decoded: values.convert_text strips each value's trailing padding."""
    return "\\".join(value.rstrip("\x00 ") for value in text.split("\\"))


def _person_name_values(text: str) -> str:
    """PN once decoded (trailing padding already off): valuerep.PersonName drops empty trailing groups."""
    return "\\".join(value.rstrip("=") for value in text.split("\\"))


def _short_text(raw: bytes) -> Any:
    """SH, LO, UC: values.convert_text; plain ASCII decodes alike in every character set."""
    if not raw.isascii() or ESCAPE in raw:
        return UNUSUAL
    if BACKSLASH not in raw:
        return raw.rstrip(b"\x00 ").decode("ascii")
    return _text_values(raw.decode("ascii"))


def _person_name(raw: bytes) -> Any:
    """PN: values.convert_PN, which strips trailing padding before decoding."""
    if not raw.isascii() or ESCAPE in raw:
        return UNUSUAL
    raw = raw.rstrip(b"\x00 ")
    if BACKSLASH not in raw:
        return raw.rstrip(b"=").decode("ascii")
    return _person_name_values(raw.decode("ascii"))


def _integer_string(raw: bytes) -> Any:
    """IS: values.convert_IS_string and valuerep.IS, for one plain integer."""
    digits = raw.rstrip(b" \x00").lstrip(b" ")
    if digits.isdigit() and len(digits) <= MAX_EXACT_DIGITS:
        return int(digits)
    if PLAIN_INTEGER.fullmatch(raw):
        return int(raw.rstrip(b" \x00"))
    return None if not raw else UNUSUAL


def _decimal_string(raw: bytes) -> Any:
    """DS: values.convert_DS_string and valuerep.DSfloat, for one plain decimal."""
    if PLAIN_DECIMAL.fullmatch(raw):
        return float(raw.rstrip(b" \x00"))
    return None if not raw else UNUSUAL


def _binary(size: int, layout: str) -> Callable[[bytes], Any]:
    """One binary number (US, FD): values.convert_numbers."""
    unpack = struct.Struct(layout).unpack

    def decode(raw: bytes) -> Any:
        if len(raw) == size:
            return unpack(raw)[0]
        return None if not raw else UNUSUAL

    return decode


def _pydicom_only(raw: bytes) -> Any:
    return UNUSUAL


def _as_float(decode: Callable[[bytes], Any]) -> Callable[[bytes], Any]:
    """An integer VR landed in a decimal column (e.g. Exposure, IS): header_values.as_number."""

    def decode_as_float(raw: bytes) -> Any:
        value = decode(raw)
        return value if value is None or value is UNUSUAL else float(value)

    return decode_as_float


_TEXT = {vr: _code_string for vr in ("CS", "DA", "TM", "DT", "AS")}
_TEXT.update({"UI": unique_identifier, "SH": _short_text, "LO": _short_text, "UC": _short_text, "PN": _person_name})
# VR -> (little endian decoder, big endian decoder, the type it gives)
_NUMBERS = {"IS": (_integer_string, _integer_string, int), "DS": (_decimal_string, _decimal_string, float)}
_NUMBERS["US"] = (_binary(2, "<H"), _binary(2, ">H"), int)
_NUMBERS["FD"] = (_binary(8, "<d"), _binary(8, ">d"), float)


def decoder(vr: str, little_endian: bool, kind: type | None) -> Callable[[bytes], Any]:
    """The cheap decoder of a field: raw bytes -> its row value, or UNUSUAL when pydicom must convert them."""
    if kind is None:
        return _TEXT.get(vr, _pydicom_only)
    if vr not in _NUMBERS:
        return _pydicom_only
    little, big, gives = _NUMBERS[vr]
    decode = little if little_endian else big
    if gives is kind:
        return decode
    if kind is float:
        return _as_float(decode)
    return _pydicom_only


# VR -> (strip trailing padding before decoding?, what follows decoding) for text in the file's character set.
_CHARACTER_SET_TEXT = {"SH": (False, _text_values), "LO": (False, _text_values), "UC": (False, _text_values)}
_CHARACTER_SET_TEXT["PN"] = (True, _person_name_values)


@lru_cache(maxsize=256)
def file_encodings(character_set: bytes | None) -> Any:
    """A raw Specific Character Set value as the Python encodings pydicom decodes text with.

    pydicom converts it whenever a dataset has one (filereader.read_dataset), and refuses the
    file when that fails, so this raises NeedsFallback then. It does too when the first
    encoding is not one pydicom knows by a DICOM name: pydicom also accepts any Python codec
    name (say "cp500"), in which plain ASCII is not ASCII, and the cheap decoders assume it is.
    """
    if character_set is None:
        return default_encoding
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = RawDataElement(
                BaseTag(SPECIFIC_CHARACTER_SET), "CS", len(character_set), character_set, 0, False, True
            )
            encodings = convert_encodings(convert_raw_data_element(raw).value)
    except Exception as error:  # noqa: BLE001 - pydicom raises on it too, and refuses the file
        raise NeedsFallback(f"Specific Character Set not understood: {error}") from None
    if encodings[0] not in KNOWN_CODECS:
        raise NeedsFallback(f"Specific Character Set {character_set!r} names a codec of Python's")
    return encodings


def _single_codec(encodings: Any) -> str | None:
    """The one Python codec a value without escape sequences decodes with (charset.decode_bytes), if
    re-encoding a person name with it gives the same bytes back (not so for ISO 2022 code extensions)."""
    codec = encodings if isinstance(encodings, str) else encodings[0] if len(encodings) == 1 else None
    return codec if codec and "2022" not in codec else None


class UnusualValues:
    """The row values of one file's values the cheap decoders left, as the pydicom path gives them.

    Text in the file's single character set is decoded here (`Dataset.get` would run the same
    `bytes.decode`); the rest goes through pydicom's `convert_raw_data_element`.
    """

    def __init__(self, little_endian: bool, explicit: bool, encodings: Any) -> None:
        self.little_endian, self.explicit = little_endian, explicit
        self.encodings = encodings
        self.codec = _single_codec(encodings)

    def row_value(self, tag: int, vr: str, vr_on_file: bytes | None, raw: bytes, kind: type | None) -> Any:
        recipe = _CHARACTER_SET_TEXT.get(vr)
        if recipe and self.codec and ESCAPE not in raw:
            strip_first, values = recipe
            try:
                return values((raw.rstrip(b"\x00 ") if strip_first else raw).decode(self.codec))
            except UnicodeError:
                pass  # pydicom then decodes with replacement characters
        value = self._pydicom_value(tag, vr_on_file, raw)
        return as_text(value) if kind is None else as_number(value, kind)

    def _pydicom_value(self, tag: int, vr_on_file: bytes | None, raw: bytes) -> Any:
        vr = vr_on_file.decode("ascii") if vr_on_file is not None else None
        element = RawDataElement(BaseTag(tag), vr, len(raw), raw, 0, not self.explicit, self.little_endian)
        # pydicom warns about every non-conformant value; the value is still what it reads.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                return convert_raw_data_element(element, encoding=self.encodings).value
            except Exception:  # noqa: BLE001 - as in the pydicom path, an undecodable value is absent
                return None

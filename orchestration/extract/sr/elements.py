"""Read single attributes of an SR item without ever raising: a value that cannot be decoded
becomes an oddity, never an exception (SPEC R1).

pydicom converts values when they are first read, and real devices write values that fail
that conversion (a DS of "10.50/ 15.00", a sequence encoded as UN); the tree reader must
record them and go on with the next item.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydicom import Dataset
from pydicom.datadict import tag_for_keyword
from pydicom.multival import MultiValue
from pydicom.sequence import Sequence
from pydicom.tag import BaseTag

from orchestration.extract.sr.codes import Code

# Values quoted in oddities are cut here: an oddity names the problem, it does not carry the data.
QUOTE_CHARS = 40


def quoted(value: Any) -> str:
    text = str(value)
    return repr(text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "…")


@cache
def tag(keyword: str) -> BaseTag:
    # pydicom resolves a keyword on every access; resolving once makes a large tree's walk ~2x faster.
    return BaseTag(tag_for_keyword(keyword))


def has(dataset: Dataset, keyword: str) -> bool:
    return tag(keyword) in dataset


def get(dataset: Dataset, keyword: str, oddities: list[str]) -> Any:
    """The attribute's value, or None when absent or undecodable (noted in `oddities`)."""
    try:
        if not has(dataset, keyword):
            return None
        return dataset[tag(keyword)].value
    except Exception as error:  # noqa: BLE001 - any decoding failure of a hostile value is an oddity (R1)
        oddities.append(f"{keyword}: unreadable value ({type(error).__name__})")
        return None


def text(dataset: Dataset, keyword: str, oddities: list[str]) -> str | None:
    """A string attribute as written (multiple values joined by backslash); None when absent or empty."""
    value = get(dataset, keyword, oddities)
    if value is None or isinstance(value, Sequence):
        return None
    if isinstance(value, bytes):
        oddities.append(f"{keyword}: undecoded bytes")
        value = value.decode("latin-1")
    result = "\\".join(str(part) for part in value) if isinstance(value, MultiValue | list) else str(value)
    return result or None


def sequence(dataset: Dataset, keyword: str, oddities: list[str]) -> Sequence | None:
    """The sequence's items, or None when absent or not a sequence (noted)."""
    value = get(dataset, keyword, oddities)
    if value is None:
        return None
    if not isinstance(value, Sequence):
        oddities.append(f"{keyword}: not a sequence")
        return None
    return value


def code(dataset: Dataset, keyword: str, label: str, oddities: list[str]) -> Code | None:
    """The first code of a code sequence; each departure from PS3.3 8.8 is an oddity under `label`."""
    items = sequence(dataset, keyword, oddities)
    if items is None:
        return None
    if not items:
        oddities.append(f"{label}: empty sequence")
        return None
    if len(items) > 1:
        oddities.append(f"{label}: {len(items)} items, first used")
    item = items[0]
    found: list[str] = []
    value = text(item, "CodeValue", found) or text(item, "LongCodeValue", found) or text(item, "URNCodeValue", found)
    scheme = text(item, "CodingSchemeDesignator", found)
    meaning = text(item, "CodeMeaning", found)
    oddities.extend(f"{label}: {oddity}" for oddity in found)
    if value is None and scheme is None and meaning is None:
        oddities.append(f"{label}: empty code")
        return None
    if value is None:
        oddities.append(f"{label}: no code value")
    # A URN code carries its own scheme; every other code needs a designator (PS3.3 8.8).
    if scheme is None and not has(item, "URNCodeValue"):
        oddities.append(f"{label}: no coding scheme")
    if meaning is None:
        oddities.append(f"{label}: no code meaning")
    return Code(_stripped(value), _stripped(scheme), meaning)


def _stripped(value: str | None) -> str | None:
    # SH values pad with spaces that carry no meaning (PS3.5 6.2); matching needs them gone.
    if value is None:
        return None
    return value.strip() or None

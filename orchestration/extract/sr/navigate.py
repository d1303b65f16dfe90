"""Find a template's values among a container's items, noting what is repeated, mistyped or unitised oddly.

Readers look concepts up by code, never by position: devices order items freely and nest
optional containers differently, and a reader relying on order would silently miss values.
The caller says where to look: a container's children, or everything below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from orchestration.extract.sr.codes import Code, Concept
from orchestration.extract.sr.content_item import ContentItem
from orchestration.extract.sr.units import Quantity, convert

Items = Sequence[ContentItem]
T = TypeVar("T")


def label(concept: Concept) -> str:
    return concept.code.meaning or str(concept.code.value)


def pick(items: Items, concept: Concept, oddities: list[str], value_type: str) -> ContentItem | None:
    """The first item that is `concept`; a repeat, or a Value Type other than `value_type`, is noted."""
    found = [item for item in items if item.is_a(concept)]
    if not found:
        return None
    if len(found) > 1:
        oddities.append(f"{label(concept)}: {len(found)} items, first used")
    item = found[0]
    if item.value_type != value_type:
        oddities.append(f"{label(concept)}: value type {item.value_type or 'missing'}, not {value_type}")
    return item


def number(items: Items, concept: Concept, quantity: Quantity, oddities: list[str]) -> float | None:
    """The concept's value in `quantity`'s unit; None when absent, not one number, or in unknown units."""
    item = pick(items, concept, oddities, "NUM")
    if item is None:
        return None
    if item.number is None:
        oddities.append(f"{label(concept)}: no numeric value")
        return None
    value, notes = convert(item.number, item.units, quantity, label(concept))
    oddities.extend(notes)
    return value


def count(items: Items, concept: Concept, oddities: list[str]) -> int | None:
    """A NUM that counts (units such as {events}): a whole number, or None."""
    item = pick(items, concept, oddities, "NUM")
    if item is None or item.number is None:
        return None
    if not item.number.is_integer():
        oddities.append(f"{label(concept)}: not a whole number")
        return None
    return int(item.number)


def text(items: Items, concept: Concept, oddities: list[str]) -> str | None:
    item = pick(items, concept, oddities, "TEXT")
    return _noted(item.text if item is not None else None, item, concept, oddities)


def code(items: Items, concept: Concept, oddities: list[str]) -> Code | None:
    item = pick(items, concept, oddities, "CODE")
    return _noted(item.code if item is not None else None, item, concept, oddities)


def uid(items: Items, concept: Concept, oddities: list[str]) -> str | None:
    item = pick(items, concept, oddities, "UIDREF")
    return _noted(item.uid if item is not None else None, item, concept, oddities)


def datetime(items: Items, concept: Concept, oddities: list[str]) -> str | None:
    item = pick(items, concept, oddities, "DATETIME")
    return _noted(item.datetime if item is not None else None, item, concept, oddities)


def _noted(value: T | None, item: ContentItem | None, concept: Concept, oddities: list[str]) -> T | None:
    if item is not None and value is None:
        oddities.append(f"{label(concept)}: no value")
    return value

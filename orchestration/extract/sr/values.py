"""The value of one content item (PS3.3 C.17.3 and Table C.18.x), read leniently.

Every value attribute the item holds is read whatever its Value Type says: a device that
writes a code under Value Type TEXT still loses nothing. The Value Type then only decides
what is missing and what does not belong, and both are noted as oddities. Person names are
pseudonymised here, the one place a name is ever seen (SPEC §5 PHI rule).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import numpy as np
from pydicom import Dataset
from pydicom.multival import MultiValue

from orchestration.extract.sr import elements
from orchestration.extract.sr.codes import PATIENT_IDENTIFIER_CONCEPTS, PERSON_NAME_CONCEPTS
from orchestration.extract.sr.content_item import ContentItem
from orchestration.extract.sr.units import unit_oddities

Pseudonymise = Callable[[str], str | None]

NAME = re.compile(r"\bnames?\b", re.IGNORECASE)
PERSON = re.compile(
    r"\b(person|patient|subject|physician|radiologist|technologist|operator|performer|performing|author)",
    re.IGNORECASE,
)

# The attributes each Value Type requires, and those it may hold (PS3.3 Table C.17-6 and C.18).
REQUIRED: dict[str, tuple[str, ...]] = {
    "TEXT": ("TextValue",),
    "NUM": (),  # MeasuredValueSequence or NumericValueQualifierCodeSequence: checked in _number
    "CODE": ("ConceptCodeSequence",),
    "DATETIME": ("DateTime",),
    "DATE": ("Date",),
    "TIME": ("Time",),
    "UIDREF": ("UID",),
    "PNAME": ("PersonName",),
    "IMAGE": ("ReferencedSOPSequence",),
    "COMPOSITE": ("ReferencedSOPSequence",),
    "WAVEFORM": ("ReferencedSOPSequence",),
    "SCOORD": ("GraphicType", "GraphicData"),
    "SCOORD3D": ("GraphicType", "GraphicData", "ReferencedFrameOfReferenceUID"),
    "TCOORD": ("TemporalRangeType",),
    "CONTAINER": ("ContinuityOfContent",),
    "TABLE": (),  # Extensible SR tables (PS3.3 C.18.11): recorded, their cells not read
}
ALLOWED: dict[str, tuple[str, ...]] = {
    **REQUIRED,
    "NUM": ("MeasuredValueSequence", "NumericValueQualifierCodeSequence"),
    "TCOORD": ("TemporalRangeType", "ReferencedSamplePositions", "ReferencedTimeOffsets", "ReferencedDateTime"),
}
VALUE_ATTRIBUTES = sorted({keyword for keywords in ALLOWED.values() for keyword in keywords})
VALUE_TYPES = frozenset(REQUIRED)
# Value Types whose items must name their concept (PS3.3 Table C.17-6, Concept Name Code Sequence 1C).
NAMED_VALUE_TYPES = frozenset({"TEXT", "NUM", "CODE", "DATETIME", "DATE", "TIME", "UIDREF", "PNAME"})


def read_value(dataset: Dataset, item: ContentItem, pseudonymise: Pseudonymise) -> None:
    """Fill `item`'s value fields from its dataset, noting what is missing, foreign or unreadable."""
    odd = item.oddities
    present = {keyword for keyword in VALUE_ATTRIBUTES if elements.has(dataset, keyword)}
    _check_value_type(item, present)
    item.text = elements.text(dataset, "TextValue", odd)
    item.code = elements.code(dataset, "ConceptCodeSequence", "code", odd)
    item.datetime = _date_time(dataset, item)
    item.uid = elements.text(dataset, "UID", odd)
    if "MeasuredValueSequence" in present or item.value_type == "NUM":
        _number(dataset, item)
    if "ReferencedSOPSequence" in present:
        _reference(dataset, item)
    if "GraphicData" in present or "GraphicType" in present:
        _spatial(dataset, item)
    if "TemporalRangeType" in present:
        _temporal(dataset, item)
    name = elements.text(dataset, "PersonName", odd)
    if name is not None:
        item.person_pseudonym = pseudonymise(name)
    _protect_people(item, pseudonymise)


def _check_value_type(item: ContentItem, present: set[str]) -> None:
    value_type = item.value_type
    if value_type is None:
        if item.referenced_position is None:
            item.oddities.append("value type: missing")
        return
    if value_type not in VALUE_TYPES:
        item.oddities.append(f"value type: unknown {elements.quoted(value_type)}")
        return
    if item.concept is None and value_type in NAMED_VALUE_TYPES:
        item.oddities.append("concept name: missing")
    item.oddities.extend(
        f"{value_type} without {keyword}" for keyword in REQUIRED[value_type] if keyword not in present
    )
    item.oddities.extend(f"{value_type} holds {keyword}" for keyword in sorted(present - set(ALLOWED[value_type])))


def _date_time(dataset: Dataset, item: ContentItem) -> str | None:
    """DATETIME, DATE or TIME as the file holds it (DT, DA, TM), the Value Type's own attribute first."""
    own = {"DATE": "Date", "TIME": "Time"}.get(item.value_type or "", "DateTime")
    for keyword in (own, *(keyword for keyword in ("DateTime", "Date", "Time") if keyword != own)):
        value = elements.text(dataset, keyword, item.oddities)
        if value is not None:
            return value
    return None


def _number(dataset: Dataset, item: ContentItem) -> None:
    """NUM (PS3.3 C.18.1): one measured value with its units, or a qualifier saying why there is none."""
    odd = item.oddities
    item.qualifier = elements.code(dataset, "NumericValueQualifierCodeSequence", "numeric value qualifier", odd)
    values = elements.sequence(dataset, "MeasuredValueSequence", odd)
    if values is None or not values:
        if item.qualifier is None:
            odd.append(
                "NUM without MeasuredValueSequence" if values is None else "NUM with empty MeasuredValueSequence"
            )
        return
    if len(values) > 1:
        odd.append(f"MeasuredValueSequence: {len(values)} items, first used")
    measured = values[0]
    item.units = elements.code(measured, "MeasurementUnitsCodeSequence", "units", odd)
    if item.units is None and not elements.has(measured, "MeasurementUnitsCodeSequence"):
        odd.append("units: missing")
    odd.extend(unit_oddities(item.units))
    raw = elements.get(measured, "NumericValue", odd)
    if raw is None or raw == "":
        raw = elements.get(measured, "FloatingPointValue", odd)
    if raw is None or raw == "":
        odd.append("NumericValue: empty")
        return
    item.number = _single_number(raw, item)


def _single_number(raw: object, item: ContentItem) -> float | None:
    """The value as a finite float; anything else is kept as written in TextValue, noted, never guessed."""
    written = "\\".join(str(part) for part in raw) if isinstance(raw, MultiValue | list) else str(raw)
    if isinstance(raw, MultiValue | list):
        oddity = f"NumericValue: {len(raw)} values"
    else:
        try:
            number = float(raw)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            oddity = f"NumericValue not a number: {elements.quoted(raw)}"
        else:
            if math.isfinite(number):
                return number
            oddity = f"NumericValue not finite: {elements.quoted(raw)}"
    item.oddities.append(oddity)
    # A NUM that also holds a TextValue keeps it: that text is data, the unreadable number is quoted above.
    if item.text is None:
        item.text = written
    return None


def _reference(dataset: Dataset, item: ContentItem) -> None:
    """IMAGE, COMPOSITE, WAVEFORM (PS3.3 C.18.3-C.18.5): the referenced instance, frames, segments."""
    odd = item.oddities
    references = elements.sequence(dataset, "ReferencedSOPSequence", odd)
    if not references:
        if references is not None:
            odd.append("ReferencedSOPSequence: empty")
        return
    if len(references) > 1:
        odd.append(f"ReferencedSOPSequence: {len(references)} items, first used")
    reference = references[0]
    item.referenced_sop_class = elements.text(reference, "ReferencedSOPClassUID", odd)
    item.referenced_sop_instance = elements.text(reference, "ReferencedSOPInstanceUID", odd)
    item.referenced_frames = elements.text(reference, "ReferencedFrameNumber", odd)
    item.referenced_segments = elements.text(reference, "ReferencedSegmentNumber", odd)
    if item.referenced_sop_instance is None:
        odd.append("reference without ReferencedSOPInstanceUID")


def _spatial(dataset: Dataset, item: ContentItem) -> None:
    """SCOORD and SCOORD3D (PS3.3 C.18.6, C.18.9): graphic type, points, frame of reference."""
    odd = item.oddities
    item.graphic_type = elements.text(dataset, "GraphicType", odd)
    item.frame_of_reference = elements.text(dataset, "ReferencedFrameOfReferenceUID", odd)
    data = elements.get(dataset, "GraphicData", odd)
    if data is None:
        return
    values = list(data) if isinstance(data, MultiValue | list | tuple) else [data]
    if not all(isinstance(value, int | float) for value in values):
        item.graphic_data = "\\".join(str(value) for value in values)
        odd.append("GraphicData: not numbers")
        return
    # FL values print as the shortest decimal that reads back to the same 32-bit float.
    single = dataset[elements.tag("GraphicData")].VR == "FL"
    item.graphic_data = "\\".join(str(np.float32(value)) if single else repr(float(value)) for value in values)
    dimensions = 3 if item.value_type == "SCOORD3D" else 2
    if len(values) % dimensions:
        odd.append(f"GraphicData: {len(values)} values, not {dimensions}-D points")


def _temporal(dataset: Dataset, item: ContentItem) -> None:
    """TCOORD (PS3.3 C.18.7): the range type as the graphic type, its positions, offsets or times as data."""
    odd = item.oddities
    item.graphic_type = elements.text(dataset, "TemporalRangeType", odd)
    item.graphic_data = (
        elements.text(dataset, "ReferencedSamplePositions", odd)
        or elements.text(dataset, "ReferencedTimeOffsets", odd)
        or elements.text(dataset, "ReferencedDateTime", odd)
    )


def _names_a_person(item: ContentItem) -> bool:
    """A concept whose meaning says it holds someone's name: vendors put staff names in private
    concepts (Philips' (027, 99PHI-IXR-XPER, "Performing Physicians Name")) no code list can foresee."""
    meaning = item.concept.meaning if item.concept is not None else None
    return meaning is not None and bool(NAME.search(meaning) and PERSON.search(meaning))


def _protect_people(item: ContentItem, pseudonymise: Pseudonymise) -> None:
    """Names written as text become pseudonyms; a patient's identifiers are withheld altogether."""
    if item.text is not None and (item.is_a(*PERSON_NAME_CONCEPTS) or _names_a_person(item)):
        item.person_pseudonym = item.person_pseudonym or pseudonymise(item.text)
        item.text = None
    if item.is_a(*PATIENT_IDENTIFIER_CONCEPTS):
        if any((item.text, item.datetime, item.person_pseudonym, item.uid)):
            item.oddities.append("value withheld: patient identifier")
        item.text = item.datetime = item.person_pseudonym = item.uid = None

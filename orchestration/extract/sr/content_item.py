"""One content item of an SR tree, as read: where it sits, what it says, what was odd about it.

The template readers navigate these; `row()` flattens one into its `sr_content_items` row.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from orchestration.extract.sr.codes import Code, Concept


@dataclass(eq=False)
class ContentItem:
    position: str
    parent: ContentItem | None
    depth: int
    relationship: str | None = None
    value_type: str | None = None
    template: str | None = None
    concept: Code | None = None
    text: str | None = None
    number: float | None = None
    units: Code | None = None
    qualifier: Code | None = None
    code: Code | None = None
    datetime: str | None = None
    uid: str | None = None
    person_pseudonym: str | None = None
    referenced_sop_class: str | None = None
    referenced_sop_instance: str | None = None
    referenced_frames: str | None = None
    referenced_segments: str | None = None
    graphic_type: str | None = None
    graphic_data: str | None = None
    frame_of_reference: str | None = None
    observation_datetime: str | None = None
    # A by-reference item (PS3.3 C.17.3.2.4) points at another item's position instead of holding a value.
    referenced_position: str | None = None
    oddities: list[str] = field(default_factory=list)
    children: list[ContentItem] = field(default_factory=list)

    def is_a(self, *concepts: Concept) -> bool:
        return any(concept.matches(self.concept) for concept in concepts)

    def find(self, *concepts: Concept) -> list[ContentItem]:
        """The children that are any of these concepts, in tree order."""
        return [child for child in self.children if child.is_a(*concepts)]

    def descendants(self) -> Iterator[ContentItem]:
        """Every item below this one, in tree order (depth first, like the positions)."""
        stack = list(reversed(self.children))
        while stack:
            item = stack.pop()
            yield item
            stack.extend(reversed(item.children))

    def row(self) -> dict[str, Any]:
        """The item's `sr_content_items` columns (the document columns are added by the caller)."""
        return {
            "ContentPosition": self.position,
            "ParentPosition": self.parent.position if self.parent is not None else None,
            "ContentDepth": self.depth,
            "RelationshipType": self.relationship,
            "ValueType": self.value_type,
            "ItemTemplateIdentifier": self.template,
            **code_columns("ConceptName", self.concept),
            "TextValue": self.text,
            "NumericValue": self.number,
            **code_columns("MeasurementUnits", self.units),
            **code_columns("NumericValueQualifier", self.qualifier),
            **code_columns("ConceptCode", self.code),
            "DateTimeValue": self.datetime,
            "UIDValue": self.uid,
            "PersonNamePseudonym": self.person_pseudonym,
            "ReferencedSOPClassUID": self.referenced_sop_class,
            "ReferencedSOPInstanceUID": self.referenced_sop_instance,
            "ReferencedFrameNumber": self.referenced_frames,
            "ReferencedSegmentNumber": self.referenced_segments,
            "GraphicType": self.graphic_type,
            "GraphicData": self.graphic_data,
            "ReferencedFrameOfReferenceUID": self.frame_of_reference,
            "ObservationDateTime": self.observation_datetime,
            "ReferencedContentItemIdentifier": self.referenced_position,
            "Oddities": list(self.oddities),
        }


def code_columns(prefix: str, code: Code | None) -> dict[str, str | None]:
    """A code's three columns, named as in `sr_schemas` (value, scheme, meaning)."""
    value, scheme, meaning = code if code is not None else (None, None, None)
    return {
        f"{prefix}CodeValue": value,
        f"{prefix}CodingSchemeDesignator": scheme,
        f"{prefix}CodeMeaning": meaning,
    }

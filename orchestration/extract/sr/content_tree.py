"""Walk an SR document's content tree into content items, bounded and without recursion.

Positions follow the standard's own addressing of by-reference items (PS3.3 C.17.3.2.5,
Referenced Content Item Identifier) and dcmtk's `dsrdump`: the root is "1", its third child
"1.3", that item's second child "1.3.2". Items keep their place even when invalid, so that
a by-reference item's target and dsrdump's output name the same item.

The walk uses an explicit stack: a hostile file nests as deep as it likes without costing
Python's recursion limit, and trees deeper or larger than any real report are refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydicom import Dataset
from pydicom.multival import MultiValue

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.sr import elements
from orchestration.extract.sr.content_item import ContentItem
from orchestration.extract.sr.values import Pseudonymise, read_value

# Real reports nest 4-8 levels (TID 1500 measurement groups, TID 10003 filters); 32 leaves
# room for any template while refusing trees built to exhaust the reader.
MAX_TREE_DEPTH = 32
# The largest real report in the samples holds 14,737 items (a long fluoroscopy RDSR); a day
# of interventional work stays far below this bound, which keeps one report's rows in memory.
MAX_CONTENT_ITEMS = 100_000

RELATIONSHIP_TYPES = frozenset(
    {
        "CONTAINS",
        "HAS PROPERTIES",
        "HAS OBS CONTEXT",
        "HAS ACQ CONTEXT",
        "INFERRED FROM",
        "SELECTED FROM",
        "HAS CONCEPT MOD",
    }
)


@dataclass(frozen=True)
class ContentTree:
    root: ContentItem
    items: list[ContentItem]  # every item, the root first, in tree order (the order of positions)


def read_tree(dataset: Dataset, pseudonymise: Pseudonymise) -> ContentTree:
    """The document's content items; raises UnreadableInputError when the tree is too deep or too large."""
    root = ContentItem(position="1", parent=None, depth=0)
    _read_item(dataset, root, pseudonymise)
    if root.value_type not in (None, "CONTAINER"):
        root.oddities.append(f"root: value type {elements.quoted(root.value_type)}, not CONTAINER")
    items: list[ContentItem] = []
    stack = [(dataset, root)]
    while stack:
        node, item = stack.pop()
        items.append(item)
        children = elements.sequence(node, "ContentSequence", item.oddities)
        if children is None:
            continue
        if not children:
            item.oddities.append("ContentSequence: empty")
            continue
        if item.depth >= MAX_TREE_DEPTH:
            raise UnreadableInputError("SRTreeTooDeep", f"content tree nested deeper than {MAX_TREE_DEPTH} levels")
        if len(items) + len(stack) + len(children) > MAX_CONTENT_ITEMS:
            raise UnreadableInputError("SRTreeTooLarge", f"more than {MAX_CONTENT_ITEMS} content items")
        for index, child_node in enumerate(children, start=1):
            child = ContentItem(position=f"{item.position}.{index}", parent=item, depth=item.depth + 1)
            _read_item(child_node, child, pseudonymise)
            item.children.append(child)
        leaves = zip(item.children, children, strict=True)
        _note_duplicates([child for child, node in leaves if not elements.has(node, "ContentSequence")])
        stack.extend(reversed(list(zip(children, item.children, strict=True))))
    _resolve_references(items)
    return ContentTree(root, items)


def _read_item(node: Dataset, item: ContentItem, pseudonymise: Pseudonymise) -> None:
    odd = item.oddities
    item.value_type = elements.text(node, "ValueType", odd)
    item.concept = elements.code(node, "ConceptNameCodeSequence", "concept name", odd)
    item.observation_datetime = elements.text(node, "ObservationDateTime", odd)
    item.template = _template(node, odd)
    identifier = elements.get(node, "ReferencedContentItemIdentifier", odd)
    if identifier is not None:
        parts = list(identifier) if isinstance(identifier, MultiValue | list | tuple) else [identifier]
        item.referenced_position = ".".join(str(part) for part in parts) or None
    if item.parent is not None:
        item.relationship = elements.text(node, "RelationshipType", odd)
        if item.relationship is None:
            odd.append("relationship type: missing")
        elif item.relationship not in RELATIONSHIP_TYPES:
            odd.append(f"relationship type: unknown {elements.quoted(item.relationship)}")
    read_value(node, item, pseudonymise)


def _template(node: Dataset, oddities: list[str]) -> str | None:
    """The item's Template Identifier (Content Template Sequence), noted when not a TID number."""
    templates = elements.sequence(node, "ContentTemplateSequence", oddities)
    if not templates:
        return None
    identifier = elements.text(templates[0], "TemplateIdentifier", oddities)
    if identifier is not None and not (identifier.isdigit() and not identifier.startswith("0")):
        oddities.append(f"template identifier: not a TID number {elements.quoted(identifier)}")
    return identifier


def _note_duplicates(leaves: list[ContentItem]) -> None:
    """A leaf repeated verbatim under the same parent is a writer's slip: noted on the repeat."""
    first_seen: dict[tuple, str] = {}
    for item in leaves:
        signature = (
            item.relationship,
            item.value_type,
            item.concept,
            item.text,
            item.number,
            item.units,
            item.code,
            item.datetime,
            item.uid,
            item.person_pseudonym,
            item.referenced_sop_instance,
            item.graphic_data,
            item.referenced_position,
        )
        if signature in first_seen:
            item.oddities.append(f"duplicate of {first_seen[signature]}")
        else:
            first_seen[signature] = item.position


def _resolve_references(items: list[ContentItem]) -> None:
    """Check each by-reference item's target exists and is not its own ancestor (which would be a cycle)."""
    by_position = {item.position: item for item in items}
    for item in items:
        target = item.referenced_position
        if target is None:
            continue
        if target not in by_position:
            item.oddities.append(f"by-reference: no item at {elements.quoted(target)}")
        elif item.position == target or item.position.startswith(target + "."):
            item.oddities.append(f"by-reference: points at its own ancestor {target}")
        elif by_position[target].referenced_position is not None:
            item.oddities.append(f"by-reference: target {target} is itself a reference")

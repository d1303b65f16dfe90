"""The text of a narrative report (Basic Text, Enhanced, Comprehensive SR): one `sr_report_texts` row.

The report reads as its author's system would show it: the document title, then in tree
order each container's heading on its own line after a blank line, and each value as
"Concept: value". Observation and acquisition context (who observed, the language, the
device) is not report text and is left out with everything below it, as are references
to images and coordinates, which have no text. Names never appear: PNAME items are skipped.
"""

from __future__ import annotations

from typing import Any

from orchestration.extract.sr.content_item import ContentItem
from orchestration.extract.sr.content_tree import ContentTree
from orchestration.extract.sr.rows import Document, new_row

CONTEXT_RELATIONSHIPS = frozenset({"HAS OBS CONTEXT", "HAS ACQ CONTEXT"})


def read(tree: ContentTree, document: Document) -> dict[str, list[dict[str, Any]]]:
    lines: list[str] = []
    skipped: set[str] = set()
    for item in tree.items:
        parent = item.parent
        if item.relationship in CONTEXT_RELATIONSHIPS or (parent is not None and parent.position in skipped):
            skipped.add(item.position)
            continue
        line = _line(item)
        if line is None:
            continue
        if item.value_type == "CONTAINER" and lines:
            lines.append("")
        lines.append(line)
    text = "\n".join(lines) or None
    return {"sr_report_texts": [new_row("sr_report_texts", document, {"ReportText": text})]}


def _line(item: ContentItem) -> str | None:
    name = item.concept.meaning if item.concept is not None else None
    if item.value_type == "CONTAINER":
        return name
    value = _value(item)
    if value is None:
        return None
    return f"{name}: {value}" if name else value


def _value(item: ContentItem) -> str | None:
    if item.value_type in ("TEXT", "DATETIME", "DATE", "TIME"):
        return item.text if item.value_type == "TEXT" else item.datetime
    if item.value_type == "CODE" and item.code is not None:
        return item.code.meaning or item.code.value
    if item.value_type == "NUM":
        if item.number is None:
            return item.text
        units = item.units.value if item.units is not None else None
        return f"{item.number:.15g} {units}" if units and units != "1" else f"{item.number:.15g}"
    return None

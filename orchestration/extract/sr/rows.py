"""Rows of the SR tables, shaped by their landing schemas (`orchestration.land.sr_schemas`).

Every row holds every column of its table (None when unknown) except those the landing adds:
the lineage fields and the file path. A template reader names only the columns it knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from orchestration.extract.sr.content_item import ContentItem
from orchestration.land.schemas import LINEAGE_FIELDS
from orchestration.land.sr_schemas import SR_TABLES

LANDING_COLUMNS = frozenset({field.name for field in LINEAGE_FIELDS} | {"file_path"})
COLUMNS = {table: [name for name in schema.names if name not in LANDING_COLUMNS] for table, schema in SR_TABLES.items()}


@dataclass(frozen=True)
class Document:
    """What every row of one document repeats, and the header facts the template readers fall back on."""

    sop_instance_uid: str
    study_instance_uid: str | None
    sop_class_uid: str
    manufacturer: str | None = None
    model_name: str | None = None
    serial_number: str | None = None
    content_datetime: str | None = None

    def keys(self) -> dict[str, str | None]:
        return {
            "SOPInstanceUID": self.sop_instance_uid,
            "StudyInstanceUID": self.study_instance_uid,
            "SOPClassUID": self.sop_class_uid,
        }


def new_row(table: str, document: Document, values: Mapping[str, Any]) -> dict[str, Any]:
    """A full row of `table`: the document's keys, `values`, None elsewhere, and no oddities yet."""
    row: dict[str, Any] = dict.fromkeys(COLUMNS[table])
    row["Oddities"] = []
    row.update(document.keys())
    unknown = values.keys() - row.keys()
    if unknown:
        raise KeyError(f"{table} has no columns {sorted(unknown)}")
    row.update(values)
    return row


def content_item_row(document: Document, item: ContentItem) -> dict[str, Any]:
    """The item's `sr_content_items` row, with the by-reference target the schema has no column for yet."""
    return {**document.keys(), **item.row()}

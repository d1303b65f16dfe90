"""The ingest manifest: every input considered, with its size, mtime and outcome.

Re-ingest skips any input whose size and mtime are unchanged since it was last
landed or quarantined (see orchestration/ingest/inventory.py). A batch's manifest part
is written after its data parts, so a crash in between only means that batch is read
again (staging keeps one row per record id). Outcomes: landed, quarantined, deleted.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from orchestration.land.schemas import INGEST_MANIFEST

MANIFEST_TABLE = "ingest_manifest"


class ManifestEntry(NamedTuple):
    locator: str
    record_id: str
    source: str
    size_bytes: int
    mtime_ns: int
    outcome: str


def manifest_dir(raw_dir: Path, source_kind: str) -> Path:
    return raw_dir / MANIFEST_TABLE / f"source_kind={source_kind}"


def load_manifest(raw_dir: Path, source_kind: str) -> dict[str, ManifestEntry]:
    """The latest entry per input locator for one kind of source."""
    directory = manifest_dir(raw_dir, source_kind)
    if not directory.exists():
        return {}
    columns = ["input_locator", "_record_id", "_source", "size_bytes", "mtime_ns", "outcome", "_ingested_at"]
    # Part by part with ParquetFile: pyarrow.dataset would import pandas, a second or two
    # that an unchanged re-ingest should not pay.
    parts = [pq.ParquetFile(part).read(columns=columns) for part in sorted(directory.glob("*.parquet"))]
    table = pa.concat_tables(parts) if parts else INGEST_MANIFEST.empty_table().select(columns)
    # Sorted oldest first, so that the dict keeps each locator's latest entry.
    table = table.take(pc.sort_indices(table, sort_keys=[("_ingested_at", "ascending")]))
    columns = [table.column(name).to_pylist() for name in table.column_names[:-1]]
    # Built by zip and map, in C: a Python loop over a million entries would take seconds.
    return dict(zip(columns[0], map(ManifestEntry._make, zip(*columns, strict=True)), strict=True))


def manifest_row(
    *,
    source_kind: str,
    record_id: str,
    source: str,
    locator: str,
    size_bytes: int,
    mtime_ns: int,
    outcome: str,
    at: datetime,
) -> dict[str, Any]:
    return {
        "_record_id": record_id,
        "_source": source,
        "_ingested_at": at,
        "source_kind": source_kind,
        "input_locator": locator,
        "size_bytes": size_bytes,
        "mtime_ns": mtime_ns,
        "outcome": outcome,
    }


def deleted_row(entry: ManifestEntry, source_kind: str, at: datetime) -> dict[str, Any]:
    """The manifest row saying that a known input is gone from its source."""
    return manifest_row(
        source_kind=source_kind,
        record_id=entry.record_id,
        source=entry.source,
        locator=entry.locator,
        size_bytes=0,
        mtime_ns=0,
        outcome="deleted",
        at=at,
    )

"""The ingest manifest: every input considered, with its size, mtime and outcome.

Re-ingest skips any input whose size and mtime are unchanged since it was last
landed or quarantined: a stat is hundreds of times cheaper than a parse, and it is
what makes a re-run change nothing (SPEC R2). The manifest part of a batch is written
after the batch's data parts, so a crash in between only means that batch is read again
(staging keeps one row per record id).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyarrow.dataset as ds

from orchestration.land.schemas import INGEST_MANIFEST

MANIFEST_TABLE = "ingest_manifest"


@dataclass(frozen=True)
class ManifestEntry:
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
    columns = ["input_locator", "size_bytes", "mtime_ns", "outcome", "_ingested_at"]
    # The schema is given so that a folder whose parts were all removed still reads as empty.
    dataset = ds.dataset(directory, format="parquet", schema=INGEST_MANIFEST, exclude_invalid_files=True)
    table = dataset.to_table(columns=columns)
    latest: dict[str, ManifestEntry] = {}
    order = table.sort_by("_ingested_at").to_pydict()
    for locator, size, mtime, outcome in zip(
        order["input_locator"], order["size_bytes"], order["mtime_ns"], order["outcome"], strict=True
    ):
        latest[locator] = ManifestEntry(size, mtime, outcome)
    return latest

"""Which structured reports to read: the SR files among the landed DICOM files.

The DICOM ingest has already found, read and classified every file; an SR's content is
read only for files it landed whose SOP Class is a structured report, and only again when
the file's size or mtime changed (the same manifest rule as for headers). A report whose
file is gone, or no longer lands, is recorded as deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

from orchestration.ingest.inventory import IngestPlan, InputFile, compare_with_manifest
from orchestration.land.manifest import MANIFEST_TABLE, load_manifest
from orchestration.land.source_kinds import DICOM_FILES, STRUCTURED_REPORTS
from orchestration.land.tables import ensure_landing_tables


def _parquet(directory: Path) -> str:
    glob = str(directory / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', union_by_name = true)"


def landed_reports(raw_dir: Path, sr_sop_classes: Iterable[str]) -> list[InputFile]:
    """SR files whose latest DICOM outcome is 'landed', with the size and mtime then seen."""
    ensure_landing_tables(raw_dir)
    manifest = raw_dir / MANIFEST_TABLE / f"source_kind={DICOM_FILES}"
    if not any(manifest.glob("*.parquet")):
        return []
    query = f"""
        with
        outcomes as (
            select _record_id, input_locator, size_bytes, mtime_ns, outcome
            from {_parquet(manifest)}
            qualify row_number() over (partition by _record_id order by _ingested_at desc) = 1
        ),
        headers as (
            select _record_id, _source, SOPClassUID
            from {_parquet(raw_dir / "dicom_instances")}
            qualify row_number() over (partition by _record_id order by _ingested_at desc) = 1
        )
        select outcomes.input_locator, headers._source, outcomes.size_bytes, outcomes.mtime_ns
        from headers
        join outcomes on headers._record_id = outcomes._record_id
        where outcomes.outcome = 'landed' and list_contains(?, headers.SOPClassUID)
        order by outcomes.input_locator
    """
    with duckdb.connect() as connection:
        rows = connection.execute(query, [sorted(sr_sop_classes)]).fetchall()
    return [InputFile(*row) for row in rows]


def plan_reports(raw_dir: Path, sr_sop_classes: Iterable[str]) -> IngestPlan:
    """Reports new or changed since their content was last read, and those now gone."""
    seen = load_manifest(raw_dir, STRUCTURED_REPORTS)
    return compare_with_manifest(landed_reports(raw_dir, sr_sop_classes), seen, lambda _: True)

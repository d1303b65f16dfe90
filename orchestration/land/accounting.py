"""Checks that every input read is accounted for: landed or quarantined (SPEC R1)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.land.manifest import MANIFEST_TABLE
from orchestration.land.source_kinds import DICOM_FILES, DICOMWEB
from orchestration.land.tables import ensure_landing_tables


@dataclass(frozen=True)
class Accounting:
    inputs: int
    landed: int
    quarantined: int
    unaccounted: int


def _parquet(directory: Path) -> str:
    glob = str(directory / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{glob}', union_by_name = true)"


def account_inputs(raw_dir: Path, source_kind: str, data_table: str) -> Accounting:
    """Compare each input's latest manifest outcome with the rows that back it.

    Inputs deleted from their source since are not counted: nothing is read of them.
    """
    manifest = raw_dir / MANIFEST_TABLE / f"source_kind={source_kind}"
    if not any(manifest.rglob("*.parquet")):
        return Accounting(0, 0, 0, 0)
    ensure_landing_tables(raw_dir)
    landed_rows = f"select _record_id from {_parquet(raw_dir / data_table)}"
    quarantined_rows = f"select _record_id from {_parquet(raw_dir / 'quarantine')} where source_kind = $kind"
    query = f"""
        with latest as (
            select _record_id, outcome from {_parquet(manifest)}
            qualify row_number() over (partition by input_locator order by _ingested_at desc) = 1
        )
        select
            count(*),
            count(*) filter (where outcome = 'landed'),
            count(*) filter (where outcome = 'quarantined'),
            count(*) filter (where
                (outcome = 'landed' and _record_id not in ({landed_rows}))
                or (outcome = 'quarantined' and _record_id not in ({quarantined_rows}))
                or outcome not in ('landed', 'quarantined'))
        from latest
        where outcome != 'deleted'
    """
    with duckdb.connect() as connection:
        inputs, landed, quarantined, unaccounted = connection.execute(query, {"kind": source_kind}).fetchone()
    return Accounting(inputs, landed, quarantined, unaccounted)


def duplicate_instances(raw_dir: Path) -> tuple[int, int]:
    """SOP Instance UIDs carried by more than one current file, and how many files carry them.

    Current means each file's latest landing, unless the file was quarantined or deleted
    afterwards: the same rule the warehouse applies (int_instances_deduplicated).
    """
    ensure_landing_tables(raw_dir)
    query = f"""
        with
        outcomes as (
            select _record_id, outcome, _ingested_at as recorded_at
            from {_parquet(raw_dir / MANIFEST_TABLE)}
            where source_kind in ('{DICOM_FILES}', '{DICOMWEB}')
            qualify row_number() over (partition by _record_id order by _ingested_at desc) = 1
        ),
        current_files as (
            select rows._record_id, rows.SOPInstanceUID
            from {_parquet(raw_dir / "dicom_instances")} as rows
            left join outcomes
                on rows._record_id = outcomes._record_id
                and outcomes.outcome != 'landed'
                and rows._ingested_at <= outcomes.recorded_at
            where outcomes._record_id is null and rows.SOPInstanceUID is not null
            qualify row_number() over (partition by rows._record_id order by rows._ingested_at desc) = 1
        ),
        shared as (
            select SOPInstanceUID, count(*) as files
            from current_files
            group by SOPInstanceUID
            having count(*) > 1
        )
        select count(*), coalesce(sum(files), 0) from shared
    """
    with duckdb.connect() as connection:
        uids, files = connection.execute(query).fetchone()
    return int(uids), int(files)

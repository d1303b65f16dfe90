"""Checks that every input read is accounted for: landed or quarantined (SPEC R1)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.land.manifest import MANIFEST_TABLE
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
    """Compare each input's latest manifest outcome with the rows that back it."""
    manifest = raw_dir / MANIFEST_TABLE / f"source_kind={source_kind}"
    if not any(manifest.rglob("*.parquet")):
        return Accounting(0, 0, 0, 0)
    ensure_landing_tables(raw_dir)
    landed_rows = f"select _record_id from {_parquet(raw_dir / data_table)}"
    quarantined_rows = f"select _record_id from {_parquet(raw_dir / 'quarantine')}"
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
    """
    with duckdb.connect() as connection:
        inputs, landed, quarantined, unaccounted = connection.execute(query).fetchone()
    return Accounting(inputs, landed, quarantined, unaccounted)

"""Atomic Parquet parts in the landing zone (Hive-style partitions, SPEC §3).

A part is written under a temporary name and renamed into place, so a reader (dbt,
a crash-recovery re-run) sees either the whole part or nothing.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

RECORD_ID_HEX_CHARS = 32


def record_id(*parts: str) -> str:
    """A stable row identity: the same input always gets the same id, across runs."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:RECORD_ID_HEX_CHARS]


def new_run_id(now: datetime) -> str:
    return f"{now:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


def utc_now() -> datetime:
    return datetime.now(UTC)


def write_part(
    table_dir: Path,
    rows: list[dict[str, Any]],
    schema: pa.Schema,
    name: str,
    *,
    partition: dict[str, str] | None = None,
    mode: int | None = None,
) -> Path | None:
    """Write rows as one Parquet part under table_dir/<key=value>/...; None when no rows."""
    if not rows:
        return None
    directory = table_dir.joinpath(*(f"{key}={value}" for key, value in (partition or {}).items()))
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / f"{name}.parquet"
    temporary = directory / f".{name}.{uuid.uuid4().hex}.tmp"
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, temporary, compression="zstd")
    if mode is not None:
        os.chmod(temporary, mode)
    os.replace(temporary, final)
    return final


def write_table_file(path: Path, rows: list[dict[str, Any]], schema: pa.Schema) -> Path:
    """Write rows (possibly none) to one named Parquet file, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), temporary, compression="zstd")
    os.replace(temporary, path)
    return path

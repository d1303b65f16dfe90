"""The raw landing tables and their schemas; each exists from the first ingest on.

A table with no part yet would make every reader fail ("no files found"), so each table
gets a zero-row `_empty.parquet` carrying its schema: dbt then builds an empty warehouse
instead of erroring, and an ingest that had no bad input still has a quarantine table.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from orchestration.land import schemas
from orchestration.land.parts import write_table_file

RAW_TABLES: dict[str, pa.Schema] = {
    "dicom_instances": schemas.DICOM_INSTANCES,
    "quarantine": schemas.QUARANTINE,
    "ingest_manifest": schemas.INGEST_MANIFEST,
}
EMPTY_PART = "_empty.parquet"


def ensure_landing_tables(raw_dir: Path) -> None:
    for table, schema in RAW_TABLES.items():
        placeholder = raw_dir / table / EMPTY_PART
        if not placeholder.exists():
            write_table_file(placeholder, [], schema)

"""The raw landing tables and their schemas; each exists from the first ingest on.

A table with no part yet would make every reader fail ("no files found"), so each table
gets a zero-row `_empty.parquet` carrying its schema: dbt then builds an empty warehouse
instead of erroring, and an ingest that had no bad input still has a quarantine table.
The placeholder is rewritten when the schema gains a column, so that readers, which
union parts by name, see the new column (null in older parts) after an upgrade.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from orchestration.land import schemas
from orchestration.land.parts import write_table_file
from orchestration.land.sr_schemas import SR_TABLES

RAW_TABLES: dict[str, pa.Schema] = {
    "dicom_instances": schemas.DICOM_INSTANCES,
    "quarantine": schemas.QUARANTINE,
    "ingest_manifest": schemas.INGEST_MANIFEST,
    **SR_TABLES,
}
EMPTY_PART = "_empty.parquet"


def ensure_landing_tables(raw_dir: Path) -> None:
    for table, schema in RAW_TABLES.items():
        placeholder = raw_dir / table / EMPTY_PART
        if not placeholder.exists() or not pq.read_schema(placeholder).equals(schema, check_metadata=False):
            write_table_file(placeholder, [], schema)

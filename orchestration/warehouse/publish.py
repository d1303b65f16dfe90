"""Publish the built warehouse as a new read-only serving copy (SPEC §3, R3).

Only the marts (tables of the main schema) are copied: staging views read the landing
zone's files, which the locked readers may not open, and analysts query marts only.
Table and column descriptions go along so the data catalogue can show them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from dashboards.serving import switch_serving

# The previous copy stays for readers that still hold it open; older ones are removed.
KEEP_VERSIONS = 2


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _copy_marts(build_db: Path, target: Path) -> list[str]:
    connection = duckdb.connect(str(target))
    try:
        connection.execute(f"attach {_literal(str(build_db))} as build (read_only)")
        tables = connection.execute(
            "select table_name, comment from duckdb_tables() "
            "where database_name = 'build' and schema_name = 'main' order by table_name"
        ).fetchall()
        for table, comment in tables:
            connection.execute(f"create table main.{_quote(table)} as select * from build.main.{_quote(table)}")
            if comment:
                connection.execute(f"comment on table main.{_quote(table)} is {_literal(comment)}")
        columns = connection.execute(
            "select table_name, column_name, comment from duckdb_columns() "
            "where database_name = 'build' and schema_name = 'main' and comment is not null"
        ).fetchall()
        for table, column, comment in columns:
            connection.execute(f"comment on column main.{_quote(table)}.{_quote(column)} is {_literal(comment)}")
        connection.execute("detach build")
        connection.execute("checkpoint")
    finally:
        connection.close()
    return [table for table, _ in tables]


def _remove_old_versions(serving_dir: Path, keep: int) -> None:
    versions = sorted(serving_dir.glob("lantern-*.duckdb"))
    for old in versions[:-keep]:
        old.unlink(missing_ok=True)
        Path(f"{old}.wal").unlink(missing_ok=True)


def publish(build_db: Path, serving_dir: Path) -> tuple[Path, list[str]]:
    """Copy the marts to a new serving file and switch readers to it."""
    if not build_db.exists():
        raise FileNotFoundError(f"no built warehouse at {build_db}: run `lantern build` first")
    serving_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = serving_dir / f"lantern-{stamp}.duckdb"
    partial = serving_dir / f".{target.name}.partial"
    partial.unlink(missing_ok=True)
    tables = _copy_marts(build_db, partial)
    os.chmod(partial, 0o444)
    os.replace(partial, target)
    switch_serving(serving_dir, target)
    _remove_old_versions(serving_dir, KEEP_VERSIONS)
    return target, tables

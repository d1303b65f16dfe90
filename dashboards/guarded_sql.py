"""The one guarded path for analysts' SQL: the workbench and `lantern sql` (SPEC §7, R4).

Defence in depth: the statement is parsed and refused unless it is a single SELECT/WITH
query that reads only warehouse tables; then it runs on a read-only connection with
external access disabled and configuration locked, under a time limit and a row cap.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from dashboards.serving import connect_read_only

# Table functions that compute rows rather than read anything outside the warehouse.
ALLOWED_TABLE_FUNCTIONS = {"range", "generate_series", "unnest"}


class RefusedQueryError(ValueError):
    """The statement is not allowed; the message says why."""


class QueryTimeoutError(RuntimeError):
    """The query ran past the time limit and was stopped."""


@dataclass(frozen=True)
class QueryResult:
    table: pa.Table
    truncated: bool
    elapsed_s: float

    @property
    def row_count(self) -> int:
        return self.table.num_rows


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def check_query(sql: str) -> None:
    """Raise RefusedQueryError unless `sql` is one read-only query over warehouse tables."""
    parser = duckdb.connect(config=dict(enable_external_access=False))
    try:
        statements = parser.extract_statements(sql)
    except duckdb.Error as error:
        raise RefusedQueryError(f"the query does not parse: {error}") from None
    if len(statements) != 1:
        raise RefusedQueryError(f"exactly one statement is allowed, found {len(statements)}")
    kind = statements[0].type
    if kind != duckdb.StatementType.SELECT:
        raise RefusedQueryError(f"only SELECT or WITH queries are allowed, not {kind.name}")
    tree = json.loads(parser.execute("select json_serialize_sql(?)", [sql]).fetchone()[0])
    for node in _walk(tree.get("statements", [])):
        if node.get("type") == "TABLE_FUNCTION":
            name = (node.get("function") or {}).get("function_name", "").lower()
            if name not in ALLOWED_TABLE_FUNCTIONS:
                raise RefusedQueryError(
                    f"table function {name}() is not allowed: queries read the warehouse's tables only"
                )
        if node.get("type") == "BASE_TABLE" and any(c in node.get("table_name", "") for c in "/\\:"):
            raise RefusedQueryError("reading files or URLs is not allowed: queries read the warehouse's tables only")


def run_guarded_query(sql: str, serving_dir: Path, row_cap: int, timeout_s: float) -> QueryResult:
    """Check, then run under the time limit; at most `row_cap` rows come back."""
    check_query(sql)
    connection = connect_read_only(serving_dir)
    timer = threading.Timer(timeout_s, connection.interrupt)
    started = time.perf_counter()
    timer.start()
    try:
        reader = connection.sql(sql).to_arrow_reader(min(row_cap + 1, 65_536))
        batches, rows = [], 0
        for batch in reader:
            batches.append(batch)
            rows += batch.num_rows
            if rows > row_cap:
                break
        table = pa.Table.from_batches(batches, schema=reader.schema)
    except duckdb.InterruptException:
        raise QueryTimeoutError(f"the query was stopped at the time limit of {timeout_s:g} s") from None
    except duckdb.PermissionException as error:
        raise RefusedQueryError(f"file and network access are disabled: {error}") from None
    finally:
        timer.cancel()
        connection.close()
    return QueryResult(table.slice(0, row_cap), rows > row_cap, time.perf_counter() - started)

"""The guarded SQL path refuses anything but one read-only query (SPEC §7, R4)."""

from __future__ import annotations

import pytest

from dashboards.guarded_sql import QueryTimeoutError, RefusedQueryError, check_query, run_guarded_query
from dashboards.settings import Settings

HOSTILE = [
    "delete from studies",
    "update studies set size_bytes = 0",
    "insert into studies select * from studies",
    "drop table studies",
    "create table x as select 1",
    "attach '/tmp/other.duckdb' as other",
    "copy studies to '/tmp/studies.csv'",
    "export database '/tmp/dump'",
    "install httpfs",
    "load httpfs",
    "set enable_external_access = true",
    "pragma database_list",
    "call pragma_version()",
    "select 1; drop table studies",
    "select * from read_csv('/etc/passwd')",
    "select * from read_parquet('/tmp/*.parquet')",
    "select * from glob('/etc/*')",
    "select * from '/etc/passwd'",
    "select * from 'https://example.org/data.csv'",
    "with files as (select * from read_text('/etc/hostname')) select * from files",
    "select * from studies where study_instance_uid in (select * from read_json('/tmp/x.json'))",
]


@pytest.mark.unit
@pytest.mark.parametrize("query", HOSTILE)
def test_refuses_hostile_statement(query: str) -> None:
    with pytest.raises(RefusedQueryError):
        check_query(query)


@pytest.mark.unit
@pytest.mark.parametrize(
    "query",
    [
        "select count(*) from studies",
        "with m as (select primary_modality from studies) select * from m",
        "select * from range(10)",
        "select unnest([1, 2])",
    ],
)
def test_accepts_read_only_queries(query: str) -> None:
    check_query(query)


@pytest.mark.integration
def test_caps_rows_and_says_so(published_demo: Settings) -> None:
    result = run_guarded_query("select * from instances", published_demo.serving_dir, row_cap=5, timeout_s=10)
    assert result.row_count == 5 and result.truncated


@pytest.mark.integration
def test_stops_a_long_query_at_the_time_limit(published_demo: Settings) -> None:
    endless = "select count(*) from range(1000000000000) a, range(1000000) b"
    with pytest.raises(QueryTimeoutError, match="time limit"):
        run_guarded_query(endless, published_demo.serving_dir, row_cap=5, timeout_s=0.5)


@pytest.mark.integration
def test_locked_connection_cannot_read_files_even_if_the_check_were_bypassed(published_demo: Settings) -> None:
    from dashboards.serving import connect_read_only

    connection = connect_read_only(published_demo.serving_dir)
    with pytest.raises(Exception, match="disabled by configuration"):
        connection.execute("select * from read_csv('/etc/passwd')")
    with pytest.raises(Exception, match="locked"):
        connection.execute("set enable_external_access = true")

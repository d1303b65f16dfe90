"""`lantern build`, `lantern serve` and `lantern sql`: the warehouse and its readers."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

import dashboards
from dashboards.settings import Settings
from orchestration.cli.progress import console, stepped_bar

if TYPE_CHECKING:
    from orchestration.warehouse.build import BuildResult

APP_SCRIPT = Path(dashboards.__file__).with_name("app.py")


def build(settings: Settings) -> BuildResult:
    from orchestration.warehouse.build import build_and_publish

    with stepped_bar("Building the warehouse (dbt build)") as update:
        result = build_and_publish(settings, update)
    console.print(f"dbt: {result.summary}")
    console.print(f"Published {len(result.tables)} tables to {result.serving_path}")
    return result


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> NoReturn:
    """Become the dashboards' server (exec): a signal to this process reaches Streamlit itself."""
    host, port = host or settings.serve_host, port or settings.serve_port
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_SCRIPT),
        "--server.address", host, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
    ]  # fmt: skip
    # The app reads the same settings; pin the data directory so the cwd does not matter.
    environment = {**os.environ, "LANTERN_DATA_DIR": str(settings.data_dir)}
    console.print(f"Serving the dashboards on http://{host}:{port} (Ctrl-C to stop)")
    sys.stderr.flush()
    os.execve(sys.executable, command, environment)


def build_command(ctx: typer.Context) -> None:
    """Build the warehouse with dbt (models and tests), then publish a read-only serving copy."""
    build(ctx.obj)


def serve_command(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (default from settings).")] = None,
) -> None:
    """Serve the dashboards over the published serving copy."""
    serve(ctx.obj, host, port)


def sql_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="One SELECT or WITH query over the warehouse's tables.")],
    as_csv: Annotated[bool, typer.Option("--csv", help="Write CSV to standard output instead of a table.")] = False,
) -> None:
    """Run one read-only query on the serving copy (same guardrails as the SQL workbench)."""
    import duckdb

    from dashboards.guarded_sql import QueryTimeoutError, RefusedQueryError, run_guarded_query
    from dashboards.serving import NoServingCopyError

    settings: Settings = ctx.obj
    try:
        result = run_guarded_query(query, settings.serving_dir, settings.sql_row_cap, settings.sql_timeout_s)
    except (RefusedQueryError, QueryTimeoutError) as error:
        console.print(f"[red]Refused:[/red] {error}")
        raise typer.Exit(2) from None
    except NoServingCopyError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from None
    except duckdb.Error as error:
        console.print(f"[red]Query failed:[/red] {error}")
        raise typer.Exit(1) from None
    rows = result.table.to_pylist()
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(result.table.column_names)
        writer.writerows([row.values() for row in rows])
    else:
        table = Table(*result.table.column_names)
        for row in rows:
            table.add_row(*("" if value is None else str(value) for value in row.values()))
        Console().print(table)
    if result.truncated:
        console.print(f"[yellow]Only the first {settings.sql_row_cap} rows are shown (row cap).[/yellow]")

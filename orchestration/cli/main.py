"""The `lantern` command (SPEC §10). Settings are read once here and passed down.

Commands import their heavy modules when they run, not here: pydicom, highdicom and
pyarrow take seconds to import on a small machine, which `lantern --help` and
`lantern sql` should not pay.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from dashboards.settings import load_settings
from orchestration.cli import warehouse
from orchestration.cli.bench import bench_app
from orchestration.cli.demo import demo_command
from orchestration.cli.generate import generate_command
from orchestration.cli.ingest import extract_app, ingest_app
from orchestration.cli.progress import console
from orchestration.governance.pseudonym import MissingPseudonymKeyError, create_key_file
from orchestration.warehouse.dbt_runner import run_dbt_interactive

app = typer.Typer(
    name="lantern",
    help="Lantern: analytics and structured reporting for enterprise imaging.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Data directory (default: LANTERN_DATA_DIR or ./.lantern).")
    ] = None,
) -> None:
    overrides = {"data_dir": data_dir} if data_dir is not None else {}
    try:
        ctx.obj = load_settings(**overrides)
    except ValidationError as error:
        console.print(f"[red]Invalid settings:[/red] {error}")
        raise typer.Exit(2) from None


@app.command("init")
def init_command(ctx: typer.Context) -> None:
    """Create the data directory and a random pseudonym key (kept if one exists)."""
    path = create_key_file(ctx.obj)
    console.print(f"Pseudonym key: {path} (owner-only). Back it up: pseudonyms cannot be recomputed without it.")


@app.command(
    "dbt", context_settings={"allow_extra_args": True, "ignore_unknown_options": True, "help_option_names": []}
)
def dbt_command(ctx: typer.Context) -> None:
    """Run a dbt command on Lantern's warehouse, e.g. `lantern dbt docs generate`."""
    raise typer.Exit(run_dbt_interactive(ctx.args, ctx.obj))


app.command("demo")(demo_command)
app.command("generate")(generate_command)
app.command("build")(warehouse.build_command)
app.command("serve")(warehouse.serve_command)
app.command("sql")(warehouse.sql_command)
app.add_typer(ingest_app, name="ingest")
app.add_typer(extract_app, name="extract")
app.add_typer(bench_app, name="bench")


def run() -> None:
    """Console-script entry point: known failures end with a message, not a traceback."""
    try:
        app()
    except (MissingPseudonymKeyError, FileNotFoundError, RuntimeError) as error:
        console.print(f"[red]Error:[/red] {error}")
        raise SystemExit(1) from None


if __name__ == "__main__":
    run()

"""`lantern demo`: a sample hospital generated, ingested, built, published and served."""

from __future__ import annotations

from typing import Annotated

import typer

from dashboards.settings import Settings
from orchestration.cli.generate import DEFAULT_SEED, generate_hospital, generated_summary
from orchestration.cli.ingest import ingest_dicom, ingest_reports
from orchestration.cli.progress import console
from orchestration.cli.warehouse import build, serve
from orchestration.governance.pseudonym import create_key_file
from orchestration.sample_hospital.scales import SCALES


def demo_command(
    ctx: typer.Context,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after publishing.")] = False,
    scale: Annotated[str, typer.Option(help=f"Sample hospital size: {', '.join(SCALES)}.")] = "demo",
    seed: Annotated[int, typer.Option(help="Seed of the sample hospital.")] = DEFAULT_SEED,
) -> None:
    """Generate a sample hospital, ingest it, build and publish the warehouse, then serve the dashboards."""
    settings: Settings = ctx.obj
    if scale not in SCALES:
        raise typer.BadParameter(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}", param_hint="--scale")
    if settings.pseudonym_key is None:
        create_key_file(settings)  # demo mode only: a real site sets its own key
    hospital = settings.data_dir / "sample-hospital" / scale
    existing = generated_summary(hospital)
    if existing is not None and existing.get("seed") == seed:
        console.print(f"Using the {scale} sample hospital already generated in {hospital}")
    else:
        generate_hospital(scale, seed, hospital)
    ingest_dicom(settings, [hospital / "dicom"])
    ingest_reports(settings)
    build(settings)
    if no_serve:
        console.print(
            'Demo warehouse published. Try: lantern sql "select department_name, count(*) from studies group by all"'
        )
        return
    serve(settings)

"""`lantern demo`: sample data in, warehouse built and published, dashboards served."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pydicom.data
import typer

from orchestration.cli.ingest import ingest_dicom
from orchestration.cli.progress import console
from orchestration.cli.warehouse import build, serve
from orchestration.governance.pseudonym import create_key_file


def demo_sample_folder() -> Path:
    """pydicom's bundled test files: installed with pydicom, so present on any machine."""
    return Path(pydicom.data.__file__).parent


def demo_command(
    ctx: typer.Context,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after publishing.")] = False,
) -> None:
    """Ingest built-in sample data, build and publish the warehouse, then serve the dashboards."""
    settings = ctx.obj
    if settings.pseudonym_key is None:
        create_key_file(settings)  # demo mode only: a real site sets its own key
    ingest_dicom(settings, [demo_sample_folder()])
    build(settings)
    if no_serve:
        console.print(
            'Demo warehouse published. Try: lantern sql "select primary_modality, count(*) from studies group by all"'
        )
        return
    serve(settings)

"""`lantern ingest ...` and `lantern extract ...`: land or extract source data.

The readers import on use (see orchestration/cli/main.py): pydicom alone takes seconds.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from dashboards.settings import Settings
from orchestration.cli.progress import console, progress_bar

if TYPE_CHECKING:
    from orchestration.ingest.inventory import IngestReport

ingest_app = typer.Typer(help="Land source data in the Parquet landing zone (new and changed inputs only).")
extract_app = typer.Typer(help="Extract raw rows from inputs to a Parquet file, without landing them.")

PathsArgument = Annotated[list[Path], typer.Argument(help="Files or folders to read (folders recursively).")]


def ingest_dicom(settings: Settings, paths: list[Path]) -> IngestReport:
    from orchestration.governance.pseudonym import load_pseudonymiser
    from orchestration.ingest.inventory import IngestReport, plan_ingest
    from orchestration.land.source_kinds import DICOM_FILES

    pseudonymiser = load_pseudonymiser(settings)
    with console.status("Comparing files with the ingest manifest"):
        plan = plan_ingest(paths, settings.raw_dir, DICOM_FILES)
    if not plan.pending and not plan.deleted:
        # Nothing to read: the readers (seconds of imports) are not even loaded.
        console.print(f"Nothing new: {plan.unchanged} files unchanged since the last ingest.")
        return IngestReport(unchanged=plan.unchanged)
    from orchestration.ingest.dicom_files import ingest_dicom_files

    with progress_bar("Reading DICOM headers", len(plan.pending)) as advance:
        report = ingest_dicom_files(
            plan,
            raw_dir=settings.raw_dir,
            restricted_dir=settings.restricted_dir,
            pseudonymiser=pseudonymiser,
            batch_size=settings.ingest_batch_size,
            workers=settings.ingest_workers,
            progress=advance,
        )
    console.print(
        f"{report.landed} landed, {report.quarantined} quarantined, {report.deleted} gone since the last "
        f"ingest, {report.unchanged} unchanged (skipped)."
    )
    return report


@ingest_app.command("dicom")
def ingest_dicom_command(ctx: typer.Context, paths: PathsArgument) -> None:
    """Land DICOM headers (identifiers pseudonymised) and quarantine unreadable files."""
    ingest_dicom(ctx.obj, paths)


@ingest_app.command("dicomweb")
def ingest_dicomweb_command(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="The archive's DICOMweb root, e.g. https://pacs.example.org/dicom-web")],
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="First study date (default: where the last run ended)."),
    ] = None,
    until: Annotated[
        datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Last study date (default: today).")
    ] = None,
    window_days: Annotated[int, typer.Option(min=1, help="Study dates asked for per QIDO-RS search.")] = 1,
) -> None:
    """Land DICOM headers from a DICOMweb archive (QIDO-RS + WADO-RS metadata), resuming where it stopped."""
    from orchestration.governance.pseudonym import load_pseudonymiser
    from orchestration.ingest.dicomweb import ingest_dicomweb

    settings: Settings = ctx.obj
    with progress_bar("Reading instances from the archive", None) as advance:
        report = ingest_dicomweb(
            url.rstrip("/"),
            raw_dir=settings.raw_dir,
            restricted_dir=settings.restricted_dir,
            pseudonymiser=load_pseudonymiser(settings),
            state_dir=settings.dicomweb_state_dir,
            since=since.date() if since else None,
            until=until.date() if until else None,
            window_days=window_days,
            batch_size=settings.ingest_batch_size,
            progress=advance,
        )
    console.print(f"{report.landed} landed, {report.quarantined} quarantined, {report.unchanged} unchanged.")


def ingest_reports(settings: Settings) -> IngestReport:
    """Land the content of the structured reports among the landed DICOM files."""
    from orchestration.extract.sr.storage_classes import STRUCTURED_REPORT_SOP_CLASSES
    from orchestration.governance.pseudonym import load_pseudonymiser
    from orchestration.ingest.sr_files import ingest_reports as land_reports
    from orchestration.ingest.sr_inventory import plan_reports

    plan = plan_reports(settings.raw_dir, STRUCTURED_REPORT_SOP_CLASSES)
    with progress_bar("Reading structured reports", len(plan.pending)) as advance:
        report = land_reports(
            plan,
            raw_dir=settings.raw_dir,
            pseudonymiser=load_pseudonymiser(settings),
            batch_size=settings.ingest_batch_size,
            workers=settings.ingest_workers,
            progress=advance,
        )
    console.print(
        f"Structured reports: {report.landed} landed, {report.quarantined} quarantined, {report.deleted} gone, "
        f"{report.unchanged} unchanged."
    )
    return report


@ingest_app.command("sr")
def ingest_sr_command(ctx: typer.Context) -> None:
    """Land the content of the structured reports (dose, measurements, text) among the landed DICOM files."""
    ingest_reports(ctx.obj)


@extract_app.command("sr")
def extract_sr_command(
    ctx: typer.Context,
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", help="Parquet file for the sr_content_items rows.")],
) -> None:
    """Write sr_content_items rows for the reports, and <out>.quarantine.parquet for unreadable ones."""
    from orchestration.governance.pseudonym import load_pseudonymiser
    from orchestration.ingest.inventory import discover
    from orchestration.ingest.sr_files import read_reports
    from orchestration.land import schemas
    from orchestration.land.parts import utc_now, write_table_file
    from orchestration.land.sr_schemas import SR_CONTENT_ITEMS

    items = list(discover(paths))
    with progress_bar("Reading structured reports", len(items)) as advance:
        rows = read_reports(items, load_pseudonymiser(ctx.obj), utc_now(), advance)
    content_items, quarantine_path = rows.tables["sr_content_items"], out.with_suffix(".quarantine.parquet")
    write_table_file(out, content_items, SR_CONTENT_ITEMS)
    write_table_file(quarantine_path, rows.quarantine, schemas.QUARANTINE)
    console.print(
        f"{len(content_items)} content items -> {out}; {len(rows.quarantine)} quarantined -> {quarantine_path}"
    )


@extract_app.command("dicom")
def extract_dicom_command(
    ctx: typer.Context,
    paths: PathsArgument,
    out: Annotated[Path, typer.Option("--out", help="Parquet file for the dicom_instances rows.")],
) -> None:
    """Write dicom_instances rows for the files, and <out>.quarantine.parquet for unreadable ones."""
    from orchestration.governance.pseudonym import load_pseudonymiser
    from orchestration.ingest.dicom_files import extract_files
    from orchestration.ingest.inventory import discover
    from orchestration.land import schemas
    from orchestration.land.parts import utc_now, write_table_file

    pseudonymiser = load_pseudonymiser(ctx.obj)
    items = list(discover(paths))
    with progress_bar("Reading DICOM headers", len(items)) as advance:
        extracted = extract_files(items, pseudonymiser, utc_now(), advance)
    quarantine_path = out.with_suffix(".quarantine.parquet")
    write_table_file(out, extracted.instances, schemas.DICOM_INSTANCES)
    write_table_file(quarantine_path, extracted.quarantine, schemas.QUARANTINE)
    console.print(
        f"{len(extracted.instances)} rows -> {out}; {len(extracted.quarantine)} quarantined -> {quarantine_path}"
    )

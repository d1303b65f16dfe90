"""Land the content of structured reports: `lantern ingest sr` and the Dagster SR asset.

Reads the SR files the DICOM ingest landed (orchestration/ingest/sr_inventory.py), in
worker processes, each batch writing its parts of every SR table and then its manifest
part, like the header ingest. A report whose content cannot be read is quarantined with
its reason under the source kind "sr" (its header stays landed as an instance).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.sr.document import extract_sr
from orchestration.governance.pseudonym import Pseudonymiser
from orchestration.ingest.batched import BatchResult, run_ingest
from orchestration.ingest.dicom_files import quarantine_row
from orchestration.ingest.inventory import IngestPlan, IngestReport, InputFile
from orchestration.land import schemas
from orchestration.land.manifest import manifest_dir, manifest_row
from orchestration.land.parts import record_id, utc_now, write_part
from orchestration.land.source_kinds import STRUCTURED_REPORTS
from orchestration.land.sr_schemas import SR_TABLES

SOURCE_KIND = STRUCTURED_REPORTS
Progress = Callable[[int], None]


@dataclass(frozen=True)
class ReportBatchJob:
    raw_dir: Path
    key: bytes
    run_id: str
    partition: dict[str, str]


@dataclass
class ReportRows:
    tables: dict[str, list[dict[str, Any]]]
    quarantine: list[dict[str, Any]]
    manifest: list[dict[str, Any]]


def read_reports(
    batch: list[InputFile], pseudonymiser: Pseudonymiser, at: datetime, progress: Progress | None = None
) -> ReportRows:
    """Every SR table's rows for the reports, quarantine rows for the unreadable ones."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in SR_TABLES}
    quarantine, manifest = [], []
    for item in batch:
        lineage = {"_record_id": record_id(item.source, item.path), "_source": item.source, "_ingested_at": at}
        try:
            extraction = extract_sr(item.path, pseudonymiser.person)
        except UnreadableInputError as error:
            quarantine.append(quarantine_row(item, error, "sr_content", at, SOURCE_KIND))
            outcome = "quarantined"
        else:
            for name, rows in extraction.tables.items():
                extra = {**lineage, "file_path": item.path} if name == "sr_documents" else lineage
                tables[name].extend({**row, **extra} for row in rows)
            outcome = "landed"
        manifest.append(
            manifest_row(
                source_kind=SOURCE_KIND,
                record_id=lineage["_record_id"],
                source=item.source,
                locator=item.path,
                size_bytes=item.size_bytes,
                mtime_ns=item.mtime_ns,
                outcome=outcome,
                at=at,
            )
        )
        if progress is not None:
            progress(1)
    return ReportRows(tables, quarantine, manifest)


def land_report_batch(job: ReportBatchJob, number: int, batch: list[InputFile]) -> BatchResult:
    """Read one batch of reports and land it: every SR table's part, then the manifest part."""
    at = utc_now()
    rows = read_reports(batch, Pseudonymiser(job.key), at)
    name = f"part-{job.run_id}-{number:05d}"
    by_kind = {"source_kind": SOURCE_KIND}
    written = [
        write_part(job.raw_dir / table, table_rows, SR_TABLES[table], name, partition=job.partition)
        for table, table_rows in rows.tables.items()
    ]
    written.append(write_part(job.raw_dir / "quarantine", rows.quarantine, schemas.QUARANTINE, name, partition=by_kind))
    # Last, so that an interrupted batch is read again (orchestration/land/manifest.py).
    manifests = manifest_dir(job.raw_dir, SOURCE_KIND).parent
    written.append(write_part(manifests, rows.manifest, schemas.INGEST_MANIFEST, name, partition=by_kind))
    quarantined = len(rows.quarantine)
    return BatchResult(
        len(batch), len(batch) - quarantined, quarantined, [path for path in written if path is not None]
    )


def ingest_reports(
    plan: IngestPlan,
    *,
    raw_dir: Path,
    pseudonymiser: Pseudonymiser,
    batch_size: int,
    workers: int = 1,
    progress: Progress | None = None,
) -> IngestReport:
    """Land the content of the plan's reports, then record those that are gone."""
    return run_ingest(
        plan,
        land_report_batch,
        lambda run_id, partition: ReportBatchJob(raw_dir, pseudonymiser.key, run_id, partition),
        raw_dir=raw_dir,
        source_kind=SOURCE_KIND,
        batch_size=batch_size,
        workers=workers,
        progress=progress,
    )

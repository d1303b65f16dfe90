"""The run of an ingest: pending inputs in batches over worker processes, then the gone.

Shared by every file-based source (DICOM headers, structured-report content). A batch
function reads its inputs and writes its own parts, the manifest part last (see
orchestration/land/manifest.py); the run only splits the work, counts, and finally
records the inputs that disappeared from their source.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from orchestration.ingest.inventory import IngestPlan, IngestReport, InputFile
from orchestration.ingest.workers import run_batches
from orchestration.land import schemas
from orchestration.land.manifest import deleted_row, manifest_dir
from orchestration.land.parts import new_run_id, utc_now, write_part
from orchestration.land.tables import ensure_landing_tables

# Several batches per worker even for a small ingest, so that every process has work.
BATCHES_PER_WORKER = 4
Job = TypeVar("Job")
Progress = Callable[[int], None]


@dataclass
class BatchResult:
    read: int
    landed: int
    quarantined: int
    parts: list[Path]


def split(pending: list[InputFile], batch_size: int, workers: int) -> list[list[InputFile]]:
    size = max(1, min(batch_size, math.ceil(len(pending) / (workers * BATCHES_PER_WORKER))))
    return [pending[start : start + size] for start in range(0, len(pending), size)]


def run_ingest(
    plan: IngestPlan,
    land: Callable[[Job, int, list[InputFile]], BatchResult],
    make_job: Callable[[str, dict[str, str]], Job],
    *,
    raw_dir: Path,
    source_kind: str,
    batch_size: int,
    workers: int,
    progress: Progress | None = None,
) -> IngestReport:
    """Land the plan's pending inputs with `land` (given the job `make_job(run_id, partition)`)."""
    report = IngestReport(considered=len(plan.pending), unchanged=plan.unchanged)
    ensure_landing_tables(raw_dir)
    started = utc_now()
    run_id = new_run_id(started)
    job = make_job(run_id, {"ingest_date": f"{started:%F}"})
    for _, result in run_batches(land, job, split(plan.pending, batch_size, workers), workers):
        report.parts.extend(result.parts)
        report.landed += result.landed
        report.quarantined += result.quarantined
        if progress is not None:
            progress(result.read)
    if plan.deleted:
        at = utc_now()
        rows = [deleted_row(entry, source_kind, at) for entry in plan.deleted]
        manifests = manifest_dir(raw_dir, source_kind).parent
        write_part(
            manifests, rows, schemas.INGEST_MANIFEST, f"part-{run_id}-deleted", partition={"source_kind": source_kind}
        )
        report.deleted = len(plan.deleted)
    return report

"""Land DICOM headers from folders of files: the work behind `lantern ingest dicom`
and the Dagster DICOM asset (which only wires it up).

Each input is either landed as a dicom_instances row or quarantined with a reason,
never both and never neither: inputs read = rows landed + rows quarantined (SPEC R1).
Batches are read by worker processes, each writing its own Parquet parts, so memory
stays bounded by the batch size whatever the size of the archive (SPEC P2, P4).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from orchestration.extract.dicom_headers import IDENTITY_ATTRIBUTES, UnreadableInputError, read_header
from orchestration.governance.pseudonym import Pseudonymiser
from orchestration.ingest.batched import BatchResult, run_ingest
from orchestration.ingest.inventory import IngestPlan, IngestReport, InputFile
from orchestration.land.batches import write_instance_batch
from orchestration.land.manifest import manifest_row
from orchestration.land.parts import record_id, utc_now
from orchestration.land.source_kinds import DICOM_FILES

SOURCE_KIND = DICOM_FILES
Progress = Callable[[int], None]


@dataclass
class Extracted:
    instances: list[dict[str, Any]] = field(default_factory=list)
    identities: dict[str, dict[str, Any]] = field(default_factory=dict)
    quarantine: list[dict[str, Any]] = field(default_factory=list)


def landing_row(
    header: dict[str, Any], item: InputFile, pseudonymiser: Pseudonymiser, ingested_at: datetime
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The dicom_instances row (identifiers replaced) and the restricted identity row."""
    row = {key: value for key, value in header.items() if key not in IDENTITY_ATTRIBUTES}
    patient = pseudonymiser.patient(header["PatientID"], header["IssuerOfPatientID"])
    row.update(
        _record_id=record_id(item.source, item.path),
        _source=item.source,
        _ingested_at=ingested_at,
        file_path=item.path,
        file_size_bytes=item.size_bytes,
        PatientPseudonym=patient,
        AccessionPseudonym=pseudonymiser.accession(header["AccessionNumber"]),
    )
    identity = None
    if patient is not None:
        identity = {
            "PatientPseudonym": patient,
            "PatientID": header["PatientID"],
            "IssuerOfPatientID": header["IssuerOfPatientID"],
            "PatientName": header["PatientName"],
            "PatientBirthDate": header["PatientBirthDate"],
            "_source": item.source,
            "_ingested_at": ingested_at,
        }
    return row, identity


def quarantine_row(
    item: InputFile, error: UnreadableInputError, stage: str, at: datetime, source_kind: str = DICOM_FILES
) -> dict[str, Any]:
    return {
        "_record_id": record_id(item.source, item.path),
        "_source": item.source,
        "_ingested_at": at,
        "source_kind": source_kind,
        "input_locator": item.path,
        "stage": stage,
        "error_class": error.error_class,
        "message": error.message,
        "first_seen": at,
    }


def extract_files(
    items: Iterable[InputFile], pseudonymiser: Pseudonymiser, ingested_at: datetime, progress: Progress | None = None
) -> Extracted:
    """Read each file; good headers become rows, bad inputs quarantine rows."""
    out = Extracted()
    for item in items:
        try:
            header = read_header(item.path)
        except UnreadableInputError as error:
            out.quarantine.append(quarantine_row(item, error, "read_header", ingested_at))
        except OSError as error:
            unreadable = UnreadableInputError(type(error).__name__, error.strerror or str(error))
            out.quarantine.append(quarantine_row(item, unreadable, "open", ingested_at))
        else:
            row, identity = landing_row(header, item, pseudonymiser, ingested_at)
            out.instances.append(row)
            if identity is not None:
                out.identities[identity["PatientPseudonym"]] = identity
        if progress is not None:
            progress(1)
    return out


@dataclass(frozen=True)
class BatchJob:
    """Everything a worker process needs to land one batch (picklable)."""

    raw_dir: Path
    restricted_dir: Path
    key: bytes
    run_id: str
    partition: dict[str, str]


def land_batch(job: BatchJob, number: int, batch: list[InputFile]) -> BatchResult:
    """Read one batch and land it, manifest part included (run in a worker process)."""
    at = utc_now()
    extracted = extract_files(batch, Pseudonymiser(job.key), at)
    quarantined = {row["input_locator"] for row in extracted.quarantine}
    manifest = [
        manifest_row(
            source_kind=SOURCE_KIND,
            record_id=record_id(item.source, item.path),
            source=item.source,
            locator=item.path,
            size_bytes=item.size_bytes,
            mtime_ns=item.mtime_ns,
            outcome="quarantined" if item.path in quarantined else "landed",
            at=at,
        )
        for item in batch
    ]
    parts = write_instance_batch(
        raw_dir=job.raw_dir,
        restricted_dir=job.restricted_dir,
        name=f"part-{job.run_id}-{number:05d}",
        instances=extracted.instances,
        quarantine=extracted.quarantine,
        identities=list(extracted.identities.values()),
        manifest=manifest,
        source_kind=SOURCE_KIND,
        partition=job.partition,
    )
    return BatchResult(len(batch), len(extracted.instances), len(extracted.quarantine), parts)


def ingest_dicom_files(
    plan: IngestPlan,
    *,
    raw_dir: Path,
    restricted_dir: Path,
    pseudonymiser: Pseudonymiser,
    batch_size: int,
    workers: int = 1,
    progress: Progress | None = None,
) -> IngestReport:
    """Land the plan's pending files in batches, then record the files that disappeared."""
    restricted_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(restricted_dir, 0o700)  # identities are PHI: owner only
    return run_ingest(
        plan,
        land_batch,
        lambda run_id, partition: BatchJob(raw_dir, restricted_dir, pseudonymiser.key, run_id, partition),
        raw_dir=raw_dir,
        source_kind=SOURCE_KIND,
        batch_size=batch_size,
        workers=workers,
        progress=progress,
    )

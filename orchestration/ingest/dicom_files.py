"""Land DICOM headers from folders of files: the work behind `lantern ingest dicom`
and the Dagster DICOM asset (which only wires it up).

Each input is either landed as a dicom_instances row or quarantined with a reason,
never both and never neither: inputs read = rows landed + rows quarantined (SPEC R1).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from orchestration.extract.dicom_headers import IDENTITY_ATTRIBUTES, UnreadableInputError, read_header
from orchestration.governance.pseudonym import Pseudonymiser
from orchestration.land import schemas
from orchestration.land.manifest import load_manifest, manifest_dir
from orchestration.land.parts import new_run_id, record_id, utc_now, write_part
from orchestration.land.tables import ensure_landing_tables

SOURCE_KIND = "dicom"
Progress = Callable[[int], None]


@dataclass(frozen=True)
class InputFile:
    path: Path
    source: str
    size_bytes: int
    mtime_ns: int


@dataclass
class Extracted:
    instances: list[dict[str, Any]] = field(default_factory=list)
    identities: list[dict[str, Any]] = field(default_factory=list)
    quarantine: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class IngestReport:
    considered: int = 0
    unchanged: int = 0
    landed: int = 0
    quarantined: int = 0
    parts: list[Path] = field(default_factory=list)


def discover(paths: Iterable[Path]) -> Iterator[InputFile]:
    """Every regular file under the given files and folders, in a stable order."""
    for given in paths:
        root = given.expanduser().resolve()
        source = f"file://{root}"
        if root.is_file():
            candidates: Iterable[Path] = [root]
        elif root.is_dir():
            candidates = sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())
        else:
            raise FileNotFoundError(f"no such file or folder: {root}")
        for path in candidates:
            stat = path.stat()
            yield InputFile(path, source, stat.st_size, stat.st_mtime_ns)


def landing_row(
    header: dict[str, Any], item: InputFile, pseudonymiser: Pseudonymiser, ingested_at: datetime
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The dicom_instances row (identifiers replaced) and the restricted identity row."""
    row = {key: value for key, value in header.items() if key not in IDENTITY_ATTRIBUTES}
    patient = pseudonymiser.patient(header["PatientID"], header["IssuerOfPatientID"])
    row.update(
        _record_id=record_id(item.source, str(item.path)),
        _source=item.source,
        _ingested_at=ingested_at,
        file_path=str(item.path),
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


def quarantine_row(item: InputFile, error: UnreadableInputError, stage: str, at: datetime) -> dict[str, Any]:
    return {
        "_record_id": record_id(item.source, str(item.path)),
        "_source": item.source,
        "_ingested_at": at,
        "input_locator": str(item.path),
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
            unreadable = UnreadableInputError(type(error).__name__, os.strerror(error.errno or 0) or str(error))
            out.quarantine.append(quarantine_row(item, unreadable, "open", ingested_at))
        else:
            row, identity = landing_row(header, item, pseudonymiser, ingested_at)
            out.instances.append(row)
            if identity is not None:
                out.identities.append(identity)
        if progress is not None:
            progress(1)
    return out


def _manifest_rows(batch: list[InputFile], extracted: Extracted, at: datetime) -> list[dict[str, Any]]:
    quarantined = {row["input_locator"] for row in extracted.quarantine}
    return [
        {
            "_record_id": record_id(item.source, str(item.path)),
            "_source": item.source,
            "_ingested_at": at,
            "input_locator": str(item.path),
            "size_bytes": item.size_bytes,
            "mtime_ns": item.mtime_ns,
            "outcome": "quarantined" if str(item.path) in quarantined else "landed",
        }
        for item in batch
    ]


def pending_inputs(paths: Iterable[Path], raw_dir: Path) -> tuple[list[InputFile], int]:
    """Inputs that are new or changed since the manifest last saw them, and how many are not."""
    seen = load_manifest(raw_dir, SOURCE_KIND)
    pending, unchanged = [], 0
    for item in discover(paths):
        entry = seen.get(str(item.path))
        if entry is not None and (entry.size_bytes, entry.mtime_ns) == (item.size_bytes, item.mtime_ns):
            unchanged += 1
        else:
            pending.append(item)
    return pending, unchanged


def ingest_dicom_files(
    pending: list[InputFile],
    *,
    raw_dir: Path,
    restricted_dir: Path,
    pseudonymiser: Pseudonymiser,
    batch_size: int,
    progress: Progress | None = None,
) -> IngestReport:
    """Land the pending inputs in batches: data parts first, the manifest part last."""
    report = IngestReport(considered=len(pending))
    ensure_landing_tables(raw_dir)
    restricted_dir.mkdir(parents=True, exist_ok=True)
    os.chmod(restricted_dir, 0o700)  # identities are PHI: owner only
    started = utc_now()
    run_id = new_run_id(started)
    partition = {"ingest_date": started.date().isoformat()}
    for number, start in enumerate(range(0, len(pending), batch_size)):
        batch = pending[start : start + batch_size]
        at = utc_now()
        extracted = extract_files(batch, pseudonymiser, at, progress)
        name = f"part-{run_id}-{number:05d}"
        written = [
            write_part(
                raw_dir / "dicom_instances", extracted.instances, schemas.DICOM_INSTANCES, name, partition=partition
            ),
            write_part(
                raw_dir / "quarantine",
                extracted.quarantine,
                schemas.QUARANTINE,
                name,
                partition={"source_kind": SOURCE_KIND},
            ),
            write_part(
                restricted_dir / "patient_identity", extracted.identities, schemas.PATIENT_IDENTITY, name, mode=0o600
            ),
            write_part(
                manifest_dir(raw_dir, SOURCE_KIND).parent,
                _manifest_rows(batch, extracted, at),
                schemas.INGEST_MANIFEST,
                name,
                partition={"source_kind": SOURCE_KIND},
            ),
        ]
        report.parts.extend(path for path in written if path is not None)
        report.landed += len(extracted.instances)
        report.quarantined += len(extracted.quarantine)
    return report

"""Land one batch of DICOM header rows: the data parts first, the manifest part last.

The order is what makes an interrupted run safe (see orchestration/land/manifest.py): a
batch whose manifest part is missing is read again, and staging keeps one row per record.
Shared by every DICOM source (files, DICOMweb).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from orchestration.land import schemas
from orchestration.land.manifest import manifest_dir
from orchestration.land.parts import write_part


def write_instance_batch(
    *,
    raw_dir: Path,
    restricted_dir: Path,
    name: str,
    instances: list[dict[str, Any]],
    quarantine: list[dict[str, Any]],
    identities: list[dict[str, Any]],
    manifest: list[dict[str, Any]],
    source_kind: str,
    partition: dict[str, str],
) -> list[Path]:
    """Write the batch's parts; the paths of those written (a part with no rows is not)."""
    by_kind = {"source_kind": source_kind}
    manifests = manifest_dir(raw_dir, source_kind).parent
    written = [
        write_part(raw_dir / "dicom_instances", instances, schemas.DICOM_INSTANCES, name, partition=partition),
        write_part(raw_dir / "quarantine", quarantine, schemas.QUARANTINE, name, partition=by_kind),
        write_part(restricted_dir / "patient_identity", identities, schemas.PATIENT_IDENTITY, name, mode=0o600),
        write_part(manifests, manifest, schemas.INGEST_MANIFEST, name, partition=by_kind),
    ]
    return [path for path in written if path is not None]

"""The DICOM header asset: a thin wire around the pure ingest in orchestration.ingest."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg
from pydantic import Field

from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.dicom_files import SOURCE_KIND, ingest_dicom_files
from orchestration.ingest.inventory import plan_ingest
from orchestration.resources import LanternSettings

DICOM_INSTANCES_KEY = dg.AssetKey(["raw", "dicom_instances"])
QUARANTINE_KEY = dg.AssetKey(["raw", "quarantine"])


class DicomIngestConfig(dg.Config):
    paths: list[str] = Field(
        default_factory=list, description="Files or folders to read; empty means the configured DICOM roots."
    )


@dg.multi_asset(
    name="dicom_files",
    specs=[
        dg.AssetSpec(
            DICOM_INSTANCES_KEY,
            group_name="raw",
            kinds={"parquet", "dicom"},
            description="DICOM headers landed as Parquet, identifiers pseudonymised.",
        ),
        dg.AssetSpec(
            QUARANTINE_KEY,
            group_name="raw",
            kinds={"parquet"},
            description="Inputs that could not be landed, with their reasons.",
        ),
    ],
)
def dicom_files(
    context: dg.AssetExecutionContext, config: DicomIngestConfig, lantern: LanternSettings
) -> Iterator[dg.MaterializeResult]:
    settings = lantern.load()
    roots = [Path(path) for path in config.paths] or settings.effective_dicom_roots
    if not config.paths and not settings.dicom_roots:
        roots[0].mkdir(parents=True, exist_ok=True)  # the default drop folder may not exist yet
    plan = plan_ingest(roots, settings.raw_dir, SOURCE_KIND)
    context.log.info(f"{len(plan.pending)} new or changed files, {plan.unchanged} unchanged, {len(plan.deleted)} gone")
    report = ingest_dicom_files(
        plan,
        raw_dir=settings.raw_dir,
        restricted_dir=settings.restricted_dir,
        pseudonymiser=load_pseudonymiser(settings),
        batch_size=settings.ingest_batch_size,
        workers=settings.ingest_workers,
    )
    yield dg.MaterializeResult(
        asset_key=DICOM_INSTANCES_KEY,
        metadata={
            "considered": report.considered,
            "landed": report.landed,
            "unchanged": report.unchanged,
            "deleted": report.deleted,
            "parts_written": len(report.parts),
        },
    )
    yield dg.MaterializeResult(asset_key=QUARANTINE_KEY, metadata={"quarantined": report.quarantined})

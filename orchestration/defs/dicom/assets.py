"""The DICOM file assets: a thin wire around the pure ingest in orchestration.ingest."""

from collections.abc import Iterator
from pathlib import Path

import dagster as dg

from orchestration.defs.dicom.partitions import dicom_source_roots
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.dicom_files import SOURCE_KIND, ingest_dicom_files
from orchestration.ingest.inventory import plan_ingest
from orchestration.resources import LanternSettings

DICOM_INSTANCES_KEY = dg.AssetKey(["raw", "dicom_instances"])
QUARANTINE_KEY = dg.AssetKey(["raw", "quarantine"])


@dg.multi_asset(
    name="dicom_files",
    partitions_def=dicom_source_roots,
    specs=[
        dg.AssetSpec(
            DICOM_INSTANCES_KEY,
            group_name="raw",
            kinds={"parquet", "dicom"},
            description="DICOM headers landed as Parquet, identifiers pseudonymised; one partition per source root.",
        ),
        dg.AssetSpec(
            QUARANTINE_KEY,
            group_name="raw",
            kinds={"parquet"},
            description="Inputs that could not be landed, with their reasons.",
        ),
    ],
)
def dicom_files(context: dg.AssetExecutionContext, lantern: LanternSettings) -> Iterator[dg.MaterializeResult]:
    settings = lantern.load()
    root = Path(context.partition_key)
    plan = plan_ingest([root], settings.raw_dir, SOURCE_KIND)
    context.log.info(
        f"{root}: {len(plan.pending)} new or changed, {plan.unchanged} unchanged, {len(plan.deleted)} gone"
    )
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

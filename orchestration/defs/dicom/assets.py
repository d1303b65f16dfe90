"""The DICOM assets: thin wires around the pure ingests of folders and DICOMweb archives."""

from collections.abc import Iterator

import dagster as dg

from dashboards.settings import Settings
from orchestration.defs.dicom.partitions import dicom_sources, folder_of, is_archive
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest import dicom_files, dicomweb
from orchestration.ingest.dicom_files import IngestReport
from orchestration.ingest.inventory import plan_ingest
from orchestration.resources import LanternSettings

DICOM_INSTANCES_KEY = dg.AssetKey(["raw", "dicom_instances"])
QUARANTINE_KEY = dg.AssetKey(["raw", "quarantine"])


def ingest_source(source: str, settings: Settings, log: dg.DagsterLogManager) -> IngestReport:
    common = {
        "raw_dir": settings.raw_dir,
        "restricted_dir": settings.restricted_dir,
        "pseudonymiser": load_pseudonymiser(settings),
        "batch_size": settings.ingest_batch_size,
    }
    if is_archive(source):
        return dicomweb.ingest_dicomweb(source, state_dir=settings.dicomweb_state_dir, **common)
    plan = plan_ingest([folder_of(source)], settings.raw_dir, dicom_files.SOURCE_KIND)
    log.info(f"{source}: {len(plan.pending)} new or changed, {plan.unchanged} unchanged, {len(plan.deleted)} gone")
    return dicom_files.ingest_dicom_files(plan, workers=settings.ingest_workers, **common)


@dg.multi_asset(
    name="dicom_files",
    partitions_def=dicom_sources,
    specs=[
        dg.AssetSpec(
            DICOM_INSTANCES_KEY,
            group_name="raw",
            kinds={"parquet", "dicom"},
            description="DICOM headers landed as Parquet, identifiers pseudonymised; one partition per source.",
        ),
        dg.AssetSpec(
            QUARANTINE_KEY,
            group_name="raw",
            kinds={"parquet"},
            description="Inputs that could not be landed, with their reasons.",
        ),
    ],
)
def dicom_files_asset(context: dg.AssetExecutionContext, lantern: LanternSettings) -> Iterator[dg.MaterializeResult]:
    report = ingest_source(context.partition_key, lantern.load(), context.log)
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

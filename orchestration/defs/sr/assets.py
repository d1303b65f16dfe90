"""The structured-report assets: the content of the SRs among the landed DICOM files."""

import dagster as dg

from orchestration.defs.dicom.assets import DICOM_INSTANCES_KEY
from orchestration.extract.sr.storage_classes import STRUCTURED_REPORT_SOP_CLASSES
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.sr_files import ingest_reports
from orchestration.ingest.sr_inventory import plan_reports
from orchestration.land.sr_schemas import SR_TABLES
from orchestration.resources import LanternSettings

SR_KEYS = {name: dg.AssetKey(["raw", name]) for name in SR_TABLES}


@dg.multi_asset(
    name="structured_reports",
    specs=[
        dg.AssetSpec(
            key,
            group_name="raw",
            kinds={"parquet", "dicom"},
            deps=[DICOM_INSTANCES_KEY],
            description=f"Structured reports: {name}.",
            # Read the new reports as soon as a DICOM ingest has landed them.
            automation_condition=dg.AutomationCondition.eager(),
        )
        for name, key in SR_KEYS.items()
    ],
)
def structured_reports(context: dg.AssetExecutionContext, lantern: LanternSettings):
    settings = lantern.load()
    plan = plan_reports(settings.raw_dir, STRUCTURED_REPORT_SOP_CLASSES)
    context.log.info(f"{len(plan.pending)} reports to read, {plan.unchanged} unchanged, {len(plan.deleted)} gone")
    report = ingest_reports(
        plan,
        raw_dir=settings.raw_dir,
        pseudonymiser=load_pseudonymiser(settings),
        batch_size=settings.ingest_batch_size,
        workers=settings.ingest_workers,
    )
    metadata = {"landed": report.landed, "quarantined": report.quarantined, "unchanged": report.unchanged}
    for key in SR_KEYS.values():
        yield dg.MaterializeResult(asset_key=key, metadata=metadata)

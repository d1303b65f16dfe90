"""Checks beside the DICOM asset."""

import dagster as dg

from orchestration.defs.dicom.assets import DICOM_INSTANCES_KEY
from orchestration.ingest.dicom_files import SOURCE_KIND
from orchestration.land.accounting import account_inputs
from orchestration.resources import LanternSettings


@dg.asset_check(
    asset=DICOM_INSTANCES_KEY,
    name="every_input_landed_or_quarantined",
    description="Inputs read = rows landed + rows quarantined (SPEC R1), judged by the ingest manifest.",
    blocking=True,
)
def every_input_landed_or_quarantined(lantern: LanternSettings) -> dg.AssetCheckResult:
    settings = lantern.load()
    result = account_inputs(settings.raw_dir, SOURCE_KIND, "dicom_instances")
    return dg.AssetCheckResult(
        passed=result.unaccounted == 0,
        metadata={
            "inputs": result.inputs,
            "landed": result.landed,
            "quarantined": result.quarantined,
            "unaccounted": result.unaccounted,
        },
    )

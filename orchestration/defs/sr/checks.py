"""Checks beside the structured-report assets."""

import dagster as dg

from orchestration.defs.sr.assets import SR_KEYS
from orchestration.land.accounting import account_inputs
from orchestration.land.source_kinds import STRUCTURED_REPORTS
from orchestration.resources import LanternSettings


@dg.asset_check(
    asset=SR_KEYS["sr_documents"],
    name="every_report_landed_or_quarantined",
    description="Reports read = reports landed + reports quarantined (SPEC R1), judged by the ingest manifest.",
    blocking=True,
)
def every_report_landed_or_quarantined(lantern: LanternSettings) -> dg.AssetCheckResult:
    result = account_inputs(lantern.load().raw_dir, STRUCTURED_REPORTS, "sr_documents")
    return dg.AssetCheckResult(
        passed=result.unaccounted == 0,
        metadata={"reports": result.inputs, "landed": result.landed, "quarantined": result.quarantined},
    )

"""Checks beside the DICOM assets."""

from datetime import timedelta

import dagster as dg

from orchestration.defs.dicom.assets import DICOM_INSTANCES_KEY
from orchestration.ingest import dicom_files, dicomweb
from orchestration.land.accounting import account_inputs, duplicate_instances
from orchestration.resources import LanternSettings

SOURCE_KINDS = (dicom_files.SOURCE_KIND, dicomweb.SOURCE_KIND)
# An archive that sends images every day: a day without a landing is worth a look.
FRESHNESS_WINDOW = timedelta(hours=24)


@dg.asset_check(
    asset=DICOM_INSTANCES_KEY,
    name="every_input_landed_or_quarantined",
    description="Inputs read = rows landed + rows quarantined (SPEC R1), judged by the ingest manifest.",
    blocking=True,
)
def every_input_landed_or_quarantined(lantern: LanternSettings) -> dg.AssetCheckResult:
    raw_dir = lantern.load().raw_dir
    results = [account_inputs(raw_dir, kind, "dicom_instances") for kind in SOURCE_KINDS]
    unaccounted = sum(result.unaccounted for result in results)
    return dg.AssetCheckResult(
        passed=unaccounted == 0,
        metadata={
            "inputs": sum(result.inputs for result in results),
            "landed": sum(result.landed for result in results),
            "quarantined": sum(result.quarantined for result in results),
            "unaccounted": unaccounted,
        },
    )


@dg.asset_check(
    asset=DICOM_INSTANCES_KEY,
    name="no_duplicate_sop_instance_uids",
    description="No SOP Instance UID is carried by two current files (an archive defect to report, not to block).",
)
def no_duplicate_sop_instance_uids(lantern: LanternSettings) -> dg.AssetCheckResult:
    uids, files = duplicate_instances(lantern.load().raw_dir)
    return dg.AssetCheckResult(
        passed=uids == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"duplicated_uids": uids, "files_involved": files},
    )


freshness_checks = dg.build_last_update_freshness_checks(
    assets=[DICOM_INSTANCES_KEY], lower_bound_delta=FRESHNESS_WINDOW
)
freshness_sensor = dg.build_sensor_for_freshness_checks(freshness_checks=freshness_checks)

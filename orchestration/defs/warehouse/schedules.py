"""The warehouse rebuild: everything downstream of the landing zone, nightly and on demand."""

import dagster as dg

WAREHOUSE_GROUPS = ("reference", "staging", "intermediate", "marts", "serving")

warehouse_build = dg.define_asset_job(
    name="warehouse_build",
    selection=dg.AssetSelection.groups(*WAREHOUSE_GROUPS),
    description="dbt build (models and tests) and a new serving copy, from what has landed.",
)

nightly_warehouse_build = dg.ScheduleDefinition(
    job=warehouse_build,
    cron_schedule="0 2 * * *",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Rebuild after the night's landings, before the morning's readers.",
)

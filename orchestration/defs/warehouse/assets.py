"""The warehouse: dbt models and tests as assets, then the published serving copy."""

import os

import dagster as dg
from dagster_dbt import DbtCliResource, dbt_assets

from orchestration.defs.warehouse.resources import dbt_project
from orchestration.defs.warehouse.translator import LanternDbtTranslator
from orchestration.resources import LanternSettings
from orchestration.warehouse.dbt_runner import dbt_variables
from orchestration.warehouse.publish import publish

MART_KEYS = [dg.AssetKey(["marts", "instances"]), dg.AssetKey(["marts", "studies"])]


@dbt_assets(manifest=dbt_project.manifest_path, dagster_dbt_translator=LanternDbtTranslator())
def lantern_dbt_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, lantern: LanternSettings):
    # dagster-dbt passes this process's environment to dbt; profiles.yml and the sources
    # read the settings-derived paths from it.
    os.environ.update(dbt_variables(lantern.load()))
    yield from dbt.cli(["build"], context=context).stream()


@dg.asset(
    key=dg.AssetKey(["serving", "warehouse"]),
    deps=MART_KEYS,
    group_name="serving",
    kinds={"duckdb"},
    description="Read-only copy of the marts that the dashboards and `lantern sql` open.",
)
def serving_warehouse(lantern: LanternSettings) -> dg.MaterializeResult:
    settings = lantern.load()
    path, tables = publish(settings.build_db_path, settings.serving_dir)
    return dg.MaterializeResult(metadata={"path": str(path), "tables": ", ".join(tables)})

"""The dbt resource and project: dbt_project/ tied in as a sibling folder."""

from __future__ import annotations

from dagster_dbt import DbtCliResource, DbtProject

from orchestration.warehouse.dbt_runner import DBT_PROJECT_DIR, dbt_executable

# The manifest must exist before definitions load (`dbt parse`, run by `make` targets).
dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


def dbt_resource() -> DbtCliResource:
    return DbtCliResource(project_dir=dbt_project, profiles_dir=DBT_PROJECT_DIR, dbt_executable=dbt_executable())

"""Build the warehouse with dbt, then publish a serving copy: `lantern build`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dashboards.settings import Settings
from orchestration.land.tables import ensure_landing_tables
from orchestration.warehouse.dbt_runner import run_dbt
from orchestration.warehouse.publish import publish


@dataclass(frozen=True)
class BuildResult:
    summary: str
    serving_path: Path
    tables: list[str]


def build_and_publish(settings: Settings, on_progress: Callable[[int, int, str], None] | None = None) -> BuildResult:
    ensure_landing_tables(settings.raw_dir)  # an empty landing zone builds an empty warehouse
    run = run_dbt(["build"], settings, on_progress)
    serving_path, tables = publish(settings.build_db_path, settings.serving_dir)
    return BuildResult(run.summary, serving_path, tables)

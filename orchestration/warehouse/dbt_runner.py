"""Run dbt against Lantern's settings: the one place that knows how dbt is invoked.

Both `lantern build` and the Dagster dbt resource use `dbt_environment`, so the command
line and the orchestrator build the same warehouse from the same landing zone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from dashboards.settings import Settings

DBT_PROJECT_DIR = Path(__file__).resolve().parents[2] / "dbt_project"


class DbtFailedError(RuntimeError):
    """dbt exited with errors; the message lists them."""


@dataclass
class DbtRun:
    errors: list[str] = field(default_factory=list)
    summary: str = ""


def dbt_executable() -> str:
    """The venv's dbt, next to this interpreter (never whatever dbt is first on PATH)."""
    return str(Path(sys.executable).with_name("dbt"))


def dbt_variables(settings: Settings) -> dict[str, str]:
    """What profiles.yml and the sources read: the paths derived from the settings."""
    settings.build_db_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "LANTERN_RAW_DIR": str(settings.raw_dir),
        "LANTERN_BUILD_DB": str(settings.build_db_path),
        "LANTERN_DBT_TARGET": settings.dbt_target,
        "DBT_PROFILES_DIR": str(DBT_PROJECT_DIR),
        "DBT_PROJECT_DIR": str(DBT_PROJECT_DIR),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def dbt_environment(settings: Settings) -> dict[str, str]:
    return {**os.environ, **dbt_variables(settings)}


def run_dbt(
    arguments: list[str],
    settings: Settings,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> DbtRun:
    """Run a dbt command; report (done, total, node) as nodes finish; raise on failure."""
    command = [dbt_executable(), "--log-format", "json", *arguments]
    run = DbtRun()
    process = subprocess.Popen(
        command, cwd=DBT_PROJECT_DIR, env=dbt_environment(settings), stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        info, data = event.get("info", {}), event.get("data", {})
        if info.get("name", "").endswith("Result") and "index" in data and on_progress:
            on_progress(int(data["index"]), int(data.get("total", 0)), data.get("node_info", {}).get("node_name", ""))
        if info.get("level") == "error":
            run.errors.append(info.get("msg", ""))
        if info.get("name") == "StatsLine":
            run.summary = info.get("msg", "")
    if process.wait() != 0:
        details = "\n".join(message for message in run.errors if message.strip()) or "see dbt's log"
        raise DbtFailedError(f"dbt {' '.join(arguments)} failed:\n{details}")
    return run


def run_dbt_interactive(arguments: list[str], settings: Settings) -> int:
    """Run any dbt command with Lantern's paths, its output going straight to the terminal."""
    command = [dbt_executable(), *arguments]
    return subprocess.run(command, cwd=DBT_PROJECT_DIR, env=dbt_environment(settings), check=False).returncode

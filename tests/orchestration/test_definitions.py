"""The real Dagster graph: definitions load, and one run materializes it on small data."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dashboards.serving import current_serving_path
from orchestration.definitions import build_definitions, defs
from orchestration.resources import LanternSettings

pytestmark = pytest.mark.integration


def test_definitions_load_with_every_layer_and_the_ingest_check() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {"raw/dicom_instances", "staging/stg_dicom__instances", "marts/studies", "serving/warehouse"} <= keys
    check_names = {key.name for key in graph.asset_check_keys}
    assert "every_input_landed_or_quarantined" in check_names


@pytest.mark.slow
def test_materializes_the_whole_graph_from_files_to_serving_copy(
    tmp_path: Path, mixed_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANTERN_PSEUDONYM_KEY", "dagster-test-key")
    data_dir = tmp_path / "lantern"
    definitions = build_definitions(LanternSettings(data_dir=str(data_dir)))
    job = definitions.resolve_implicit_global_asset_job_def()
    run_config = {"ops": {"dicom_files": {"config": {"paths": [str(mixed_folder)]}}}}
    with dg.instance_for_test() as instance:
        result = job.execute_in_process(run_config=run_config, instance=instance)
    assert result.success
    checks = result.get_asset_check_evaluations()
    assert checks and all(evaluation.passed for evaluation in checks)
    landed, quarantined = result.asset_materializations_for_node("dicom_files")
    assert landed.metadata["landed"].value == 3 and quarantined.metadata["quarantined"].value == 3
    serving = current_serving_path(data_dir / "warehouse" / "serving")
    with duckdb.connect(str(serving), read_only=True) as connection:
        assert connection.execute("select count(*) from studies").fetchone() == (3,)

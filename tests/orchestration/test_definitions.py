"""The real Dagster graph: definitions load, the sensor sees new files, a run materializes it all."""

from __future__ import annotations

import shutil
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from dashboards.serving import current_serving_path
from orchestration.definitions import build_definitions, defs
from orchestration.defs.dicom.partitions import dicom_sources, folder_key
from orchestration.defs.dicom.sensors import dicom_source_changes
from orchestration.resources import LanternSettings

pytestmark = pytest.mark.integration


def test_definitions_load_with_every_layer_and_the_dicom_checks() -> None:
    graph = defs.resolve_asset_graph()
    keys = {key.to_user_string() for key in graph.get_all_asset_keys()}
    assert {"raw/dicom_instances", "staging/stg_dicom__instances", "marts/studies", "serving/warehouse"} <= keys
    checks = {key.name for key in graph.asset_check_keys if key.asset_key == dg.AssetKey(["raw", "dicom_instances"])}
    assert {"every_input_landed_or_quarantined", "no_duplicate_sop_instance_uids", "freshness_check"} <= checks


def test_sensor_registers_roots_and_requests_a_run_only_when_files_change(
    tmp_path: Path, mixed_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANTERN_PSEUDONYM_KEY", "dagster-test-key")
    monkeypatch.setenv("LANTERN_DICOM_ROOTS", f'["{mixed_folder}"]')
    lantern = LanternSettings(data_dir=str(tmp_path / "lantern"))
    with dg.instance_for_test() as instance:
        context = dg.build_sensor_context(instance=instance, resources={"lantern": lantern})
        result = dicom_source_changes(context)
        assert [request.partition_key for request in result.run_requests] == [folder_key(mixed_folder)]
        assert result.dynamic_partitions_requests[0].partition_keys == [folder_key(mixed_folder)]
        again = dicom_source_changes(dg.build_sensor_context(instance=instance, resources={"lantern": lantern}))
        assert again.run_requests[0].run_key == result.run_requests[0].run_key


def test_sensor_polls_each_dicomweb_archive_once_an_hour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANTERN_DICOMWEB_URLS", '["http://127.0.0.1:8042/dicom-web/"]')
    monkeypatch.setenv("LANTERN_DICOM_ROOTS", f'["{tmp_path / "absent"}"]')
    lantern = LanternSettings(data_dir=str(tmp_path / "lantern"))
    with dg.instance_for_test() as instance:
        result = dicom_source_changes(dg.build_sensor_context(instance=instance, resources={"lantern": lantern}))
    (request,) = result.run_requests
    assert request.partition_key == "http://127.0.0.1:8042/dicom-web"
    assert request.run_key.startswith("http://127.0.0.1:8042/dicom-web:")


@pytest.mark.slow
def test_materializes_the_whole_graph_from_files_to_serving_copy(
    tmp_path: Path, mixed_folder: Path, pydicom_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANTERN_PSEUDONYM_KEY", "dagster-test-key")
    second_root = tmp_path / "second-archive"
    second_root.mkdir()
    shutil.copy(pydicom_files / "test_files" / "rtplan.dcm", second_root)
    data_dir = tmp_path / "lantern"
    definitions = build_definitions(LanternSettings(data_dir=str(data_dir)))
    roots = [folder_key(mixed_folder), folder_key(second_root)]
    with dg.instance_for_test() as instance:
        instance.add_dynamic_partitions(dicom_sources.name, roots)
        dicom_job = definitions.resolve_job_def("dicom_ingest")
        for root in roots:
            result = dicom_job.execute_in_process(instance=instance, partition_key=root)
            assert result.success
            assert all(check.passed for check in result.get_asset_check_evaluations())
        landed, quarantined = result.asset_materializations_for_node("dicom_files")
        assert landed.metadata["landed"].value == 1 and quarantined.metadata["quarantined"].value == 0
        result = definitions.resolve_job_def("warehouse_build").execute_in_process(instance=instance)
    assert result.success
    assert all(check.passed for check in result.get_asset_check_evaluations())
    serving = current_serving_path(data_dir / "warehouse" / "serving")
    with duckdb.connect(str(serving), read_only=True) as connection:
        assert connection.execute("select count(*) from studies").fetchone() == (4,)
        assert connection.execute("select count(*) from quarantined_inputs").fetchone() == (3,)

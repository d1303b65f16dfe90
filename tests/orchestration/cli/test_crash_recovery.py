"""R2: an ingest killed mid-run and run again gives the same warehouse as one clean run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboards.serving import connect_read_only

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SITE_KEY = "crash-recovery-test-key"
COMPARED = {
    "instances": "select * exclude (ingested_at) from instances order by sop_instance_uid",
    "studies": "select * from studies order by study_instance_uid",
    "quarantined_inputs": "select input_locator, error_class, message from quarantined_inputs order by 1",
}


def lantern_process(data_dir: Path, *arguments: str) -> subprocess.Popen:
    environment = {
        **os.environ,
        "LANTERN_DATA_DIR": str(data_dir),
        "LANTERN_PSEUDONYM_KEY": SITE_KEY,
        "LANTERN_INGEST_BATCH_SIZE": "20",
        "LANTERN_INGEST_WORKERS": "2",
    }
    command = [sys.executable, "-m", "orchestration.cli.main", *arguments]
    # A session of its own, so the kill reaches the worker processes too.
    return subprocess.Popen(command, env=environment, start_new_session=True, stderr=subprocess.DEVNULL)


def lantern(data_dir: Path, *arguments: str) -> None:
    assert lantern_process(data_dir, *arguments).wait(timeout=600) == 0


def warehouse(data_dir: Path) -> dict[str, list[tuple]]:
    with connect_read_only(data_dir / "warehouse" / "serving") as connection:
        return {name: connection.execute(sql).fetchall() for name, sql in COMPARED.items()}


@pytest.fixture
def corpus(tmp_path: Path, pydicom_files: Path, mixed_folder: Path) -> Path:
    """pydicom's test files three times over (duplicate instances included) and some bad files."""
    folder = tmp_path / "corpus"
    for copy in range(3):
        shutil.copytree(pydicom_files / "test_files", folder / f"copy-{copy}")
    shutil.copytree(mixed_folder, folder / "mixed")
    return folder


def test_killed_ingest_rerun_gives_the_same_warehouse_as_a_clean_run(tmp_path: Path, corpus: Path) -> None:
    clean, crashed = tmp_path / "clean", tmp_path / "crashed"
    lantern(clean, "ingest", "dicom", str(corpus))
    lantern(clean, "build")

    process = lantern_process(crashed, "ingest", "dicom", str(corpus))
    manifest = crashed / "lake" / "raw" / "ingest_manifest"
    deadline = time.monotonic() + 120
    while len(list(manifest.rglob("part-*.parquet"))) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    landed_before_rerun = len(list(manifest.rglob("part-*.parquet")))
    assert 3 <= landed_before_rerun < len(list((clean / "lake" / "raw" / "ingest_manifest").rglob("part-*.parquet")))

    lantern(crashed, "ingest", "dicom", str(corpus))
    lantern(crashed, "build")
    assert warehouse(crashed) == warehouse(clean)

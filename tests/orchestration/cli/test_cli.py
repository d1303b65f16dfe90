"""The `lantern` command end to end: ingest, build, publish, query (SPEC §10)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pyarrow.parquet as pq
import pydicom
import pytest
from typer.testing import CliRunner

from dashboards.settings import Settings
from orchestration.cli.main import app

pytestmark = pytest.mark.integration
runner = CliRunner()


def lantern(*arguments: str) -> str:
    result = runner.invoke(app, list(arguments))
    assert result.exit_code == 0, result.output
    return result.output


def csv_rows(output: str) -> list[list[str]]:
    return [line.split(",") for line in output.strip().splitlines()]


def studies_in(folder: Path) -> set[str]:
    """The reference answer, from pydicom: studies of the readable, complete instance files."""
    uids = set()
    for path in folder.rglob("*"):
        if not path.is_file() or "truncated" in path.name:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                dataset = pydicom.dcmread(path, stop_before_pixels=True, force=True)
            except Exception:  # noqa: BLE001 - not DICOM, so no study
                continue
        media_class = str(getattr(dataset, "file_meta", {}).get("MediaStorageSOPClassUID", ""))
        if dataset.get("SOPInstanceUID") and dataset.get("StudyInstanceUID") and not media_class.endswith("1.3.10"):
            uids.add(str(dataset.StudyInstanceUID))
    return uids


def test_sql_counts_the_studies_of_the_ingested_files(
    published_demo: Settings, pydicom_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANTERN_DATA_DIR", str(published_demo.data_dir))
    rows = csv_rows(lantern("sql", "select count(*) as studies from studies", "--csv"))
    assert rows == [["studies"], [str(len(studies_in(pydicom_files)))]]


@pytest.mark.slow
def test_ingesting_twice_leaves_the_warehouse_unchanged(lantern_env: Settings, pydicom_files: Path) -> None:
    query = "select count(*), count(distinct sop_instance_uid), sum(size_bytes) from instances"
    lantern("ingest", "dicom", str(pydicom_files))
    lantern("build")
    first = lantern("sql", query, "--csv")
    second_ingest = lantern("ingest", "dicom", str(pydicom_files))
    assert f"{len(list(pydicom_files.rglob('*')))}" not in second_ingest and "Nothing new" in second_ingest
    lantern("build")
    assert lantern("sql", query, "--csv") == first


@pytest.mark.slow
def test_a_crash_between_landing_and_manifest_does_not_duplicate_instances(
    lantern_env: Settings, mixed_folder: Path
) -> None:
    query = "select count(*) from instances"
    lantern("ingest", "dicom", str(mixed_folder))
    # As if the run had died after writing its data parts but before its manifest part:
    for part in (lantern_env.raw_dir / "ingest_manifest").rglob("part-*.parquet"):
        part.unlink()
    lantern("ingest", "dicom", str(mixed_folder))
    lantern("build")
    assert csv_rows(lantern("sql", query, "--csv")) == [["count_star()"], ["3"]]
    quarantined = csv_rows(lantern("sql", "select error_class from quarantined_inputs order by 1", "--csv"))
    assert quarantined == [["error_class"], ["EmptyFile"], ["NotDicom"], ["TruncatedFile"]]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("delete from studies", "only SELECT or WITH"),
        ("drop table studies", "only SELECT or WITH"),
        ("select * from read_csv('/etc/passwd')", "read_csv() is not allowed"),
        ("select * from '/etc/passwd'", "reading files or URLs is not allowed"),
        ("select 1; select 2", "exactly one statement"),
    ],
)
def test_sql_refuses_writes_and_file_readers_with_a_clear_error(
    published_demo: Settings, monkeypatch: pytest.MonkeyPatch, query: str, reason: str
) -> None:
    monkeypatch.setenv("LANTERN_DATA_DIR", str(published_demo.data_dir))
    result = runner.invoke(app, ["sql", query])
    assert result.exit_code == 2
    assert "Refused" in result.output and reason in " ".join(result.output.split())


def test_extract_writes_rows_and_a_quarantine_file(lantern_env: Settings, mixed_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "extract" / "headers.parquet"
    lantern("extract", "dicom", str(mixed_folder), "--out", str(out))
    rows = pq.read_table(out).to_pylist()
    quarantine = pq.read_table(out.with_suffix(".quarantine.parquet")).to_pylist()
    assert sorted(Path(row["file_path"]).name for row in rows) == ["CT_small.dcm", "JPEG2000.dcm", "MR_small.dcm"]
    assert {Path(row["input_locator"]).name: row["error_class"] for row in quarantine} == {
        "truncated.dcm": "TruncatedFile",
        "empty.dcm": "EmptyFile",
        "notes.txt": "NotDicom",
    }
    assert all(row["message"] for row in quarantine)


def test_ingest_without_a_key_fails_with_guidance(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LANTERN_PSEUDONYM_KEY", raising=False)
    monkeypatch.setenv("LANTERN_DATA_DIR", str(tmp_path / "fresh"))
    result = runner.invoke(app, ["ingest", "dicom", str(tmp_path)])
    assert result.exit_code != 0
    assert "LANTERN_PSEUDONYM_KEY" in str(result.exception) + result.output


@pytest.mark.slow
def test_deleted_and_spoiled_files_leave_the_warehouse(lantern_env: Settings, mixed_folder: Path) -> None:
    lantern("ingest", "dicom", str(mixed_folder))
    (mixed_folder / "CT_small.dcm").unlink()
    (mixed_folder / "MR_small.dcm").write_bytes(b"overwritten by a failed copy")
    assert "1 gone since the last ingest" in " ".join(lantern("ingest", "dicom", str(mixed_folder)).split())
    lantern("build")
    assert csv_rows(lantern("sql", "select count(*) from instances", "--csv"))[1] == ["1"]
    names = csv_rows(lantern("sql", "select input_locator from quarantined_inputs order by 1", "--csv"))[1:]
    assert sorted(Path(name[0]).name for name in names) == ["MR_small.dcm", "empty.dcm", "notes.txt", "truncated.dcm"]


def test_ingest_dicomweb_lands_the_archives_instances_like_their_files(
    lantern_env: Settings, orthanc, pydicom_files: Path
) -> None:
    for name in ("CT_small.dcm", "MR_small.dcm"):
        assert orthanc.upload(pydicom_files / "test_files" / name)
    output = " ".join(lantern("ingest", "dicomweb", orthanc.dicomweb_url).split())
    assert "2 landed, 0 quarantined" in output
    again = " ".join(lantern("ingest", "dicomweb", orthanc.dicomweb_url).split())
    assert "0 landed" in again

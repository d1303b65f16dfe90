"""Landing DICOM headers: every input landed or quarantined, re-runs change nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboards.settings import Settings
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.dicom_files import SOURCE_KIND, IngestReport, ingest_dicom_files
from orchestration.ingest.inventory import plan_ingest
from orchestration.land.accounting import account_inputs

pytestmark = pytest.mark.integration


def ingest(settings: Settings, folder: Path, workers: int = 1) -> IngestReport:
    return ingest_dicom_files(
        plan_ingest([folder], settings.raw_dir, SOURCE_KIND),
        raw_dir=settings.raw_dir,
        restricted_dir=settings.restricted_dir,
        pseudonymiser=load_pseudonymiser(settings),
        batch_size=2,
        workers=workers,
    )


def raw(settings: Settings, table: str) -> duckdb.DuckDBPyRelation:
    return duckdb.sql(f"select * from read_parquet('{settings.raw_dir / table}/**/*.parquet', union_by_name = true)")


def test_lands_good_files_and_quarantines_bad_ones_with_reasons(lantern_env: Settings, mixed_folder: Path) -> None:
    report = ingest(lantern_env, mixed_folder)
    assert (report.considered, report.landed, report.quarantined) == (6, 3, 3)
    reasons = dict(raw(lantern_env, "quarantine").select("input_locator, error_class").fetchall())
    assert reasons == {
        str(mixed_folder / "truncated.dcm"): "TruncatedFile",
        str(mixed_folder / "empty.dcm"): "EmptyFile",
        str(mixed_folder / "notes.txt"): "NotDicom",
    }
    assert account_inputs(lantern_env.raw_dir, "dicom", "dicom_instances").unaccounted == 0


def test_no_identifier_lands_outside_the_restricted_identity_table(lantern_env: Settings, mixed_folder: Path) -> None:
    ingest(lantern_env, mixed_folder)
    values = {str(value) for row in raw(lantern_env, "dicom_instances").fetchall() for value in row}
    assert values.isdisjoint({"CompressedSamples^CT1", "1CT1", "CompressedSamples^MR1", "4MR1"})
    identities = duckdb.sql(
        f"select PatientID from read_parquet('{lantern_env.restricted_dir}/patient_identity/*.parquet')"
    ).fetchall()
    assert ("1CT1",) in identities


def test_second_ingest_of_unchanged_files_reads_nothing(lantern_env: Settings, mixed_folder: Path) -> None:
    ingest(lantern_env, mixed_folder)
    report = ingest(lantern_env, mixed_folder)
    assert (report.considered, report.unchanged) == (0, 6)
    assert len(raw(lantern_env, "dicom_instances").fetchall()) == 3


def test_changed_file_is_read_again(lantern_env: Settings, mixed_folder: Path, pydicom_files: Path) -> None:
    ingest(lantern_env, mixed_folder)
    (mixed_folder / "empty.dcm").write_bytes((pydicom_files / "test_files" / "rtplan.dcm").read_bytes())
    report = ingest(lantern_env, mixed_folder)
    assert (report.landed, report.quarantined, report.unchanged) == (1, 0, 5)
    assert account_inputs(lantern_env.raw_dir, "dicom", "dicom_instances").unaccounted == 0


def test_deleted_file_is_recorded_as_gone(lantern_env: Settings, mixed_folder: Path) -> None:
    ingest(lantern_env, mixed_folder)
    (mixed_folder / "CT_small.dcm").unlink()
    report = ingest(lantern_env, mixed_folder)
    assert (report.considered, report.deleted, report.unchanged) == (0, 1, 5)
    outcomes = dict(
        raw(lantern_env, "ingest_manifest").order("_ingested_at").select("input_locator, outcome").fetchall()
    )
    assert outcomes[str(mixed_folder / "CT_small.dcm")] == "deleted"
    assert account_inputs(lantern_env.raw_dir, "dicom", "dicom_instances").unaccounted == 0
    assert ingest(lantern_env, mixed_folder).deleted == 0


def test_files_outside_the_scanned_folder_are_not_taken_for_deleted(
    lantern_env: Settings, mixed_folder: Path, tmp_path: Path, pydicom_files: Path
) -> None:
    ingest(lantern_env, mixed_folder)
    other = tmp_path / "other"
    other.mkdir()
    (other / "MR.dcm").write_bytes((pydicom_files / "test_files" / "MR_small.dcm").read_bytes())
    assert ingest(lantern_env, other).deleted == 0


def test_parallel_workers_land_the_same_rows_as_one_process(
    lantern_env: Settings, pydicom_files: Path, tmp_path: Path
) -> None:
    from dashboards.settings import load_settings

    parallel = load_settings(data_dir=tmp_path / "parallel", pseudonym_key="lantern-test-site-key")
    ingest(lantern_env, pydicom_files, workers=1)
    report = ingest(parallel, pydicom_files, workers=2)
    columns = "file_path, SOPInstanceUID, PatientPseudonym, StudyDate, Rows, MissingRequiredAttributes"
    one = raw(lantern_env, "dicom_instances").select(columns).order("file_path").fetchall()
    two = raw(parallel, "dicom_instances").select(columns).order("file_path").fetchall()
    assert one == two and report.landed == len(two)
    assert account_inputs(parallel.raw_dir, "dicom", "dicom_instances").unaccounted == 0

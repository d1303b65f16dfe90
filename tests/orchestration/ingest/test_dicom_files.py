"""Landing DICOM headers: every input landed or quarantined, re-runs change nothing."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboards.settings import Settings
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.dicom_files import ingest_dicom_files, pending_inputs
from orchestration.land.accounting import account_inputs

pytestmark = pytest.mark.integration


def ingest(settings: Settings, folder: Path):
    pending, unchanged = pending_inputs([folder], settings.raw_dir)
    report = ingest_dicom_files(
        pending,
        raw_dir=settings.raw_dir,
        restricted_dir=settings.restricted_dir,
        pseudonymiser=load_pseudonymiser(settings),
        batch_size=2,
    )
    return report, unchanged


def raw(settings: Settings, table: str) -> duckdb.DuckDBPyRelation:
    return duckdb.sql(f"select * from read_parquet('{settings.raw_dir / table}/**/*.parquet', union_by_name = true)")


def test_lands_good_files_and_quarantines_bad_ones_with_reasons(lantern_env: Settings, mixed_folder: Path) -> None:
    report, _ = ingest(lantern_env, mixed_folder)
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
    report, unchanged = ingest(lantern_env, mixed_folder)
    assert (report.considered, unchanged) == (0, 6)
    assert len(raw(lantern_env, "dicom_instances").fetchall()) == 3


def test_changed_file_is_read_again(lantern_env: Settings, mixed_folder: Path, pydicom_files: Path) -> None:
    ingest(lantern_env, mixed_folder)
    (mixed_folder / "empty.dcm").write_bytes((pydicom_files / "test_files" / "rtplan.dcm").read_bytes())
    report, unchanged = ingest(lantern_env, mixed_folder)
    assert (report.landed, report.quarantined, unchanged) == (1, 0, 5)
    assert account_inputs(lantern_env.raw_dir, "dicom", "dicom_instances").unaccounted == 0

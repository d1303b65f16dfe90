"""Patient identity at ingest: one ID from two issuers is two patients (../shared/data samples)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pydicom
import pytest

from dashboards.settings import Settings
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.dicom_files import SOURCE_KIND, ingest_dicom_files
from orchestration.ingest.inventory import plan_ingest

pytestmark = pytest.mark.integration


@pytest.fixture
def collision_files(shared_dicom: Path) -> list[Path]:
    """Three images of three different people who were all given the Patient ID 'COMMON'."""
    return sorted((shared_dicom / "orthanc-tests" / "PatientIdsCollision").glob("Image*.dcm"))


def land(settings: Settings, folder: Path) -> list[tuple[str, str]]:
    ingest_dicom_files(
        plan_ingest([folder], settings.raw_dir, SOURCE_KIND),
        raw_dir=settings.raw_dir,
        restricted_dir=settings.restricted_dir,
        pseudonymiser=load_pseudonymiser(settings),
        batch_size=10,
    )
    parts = settings.raw_dir / "dicom_instances"
    return duckdb.sql(
        f"select SOPInstanceUID, PatientPseudonym from read_parquet('{parts}/**/*.parquet') order by 1"
    ).fetchall()


def test_same_patient_id_from_different_issuers_lands_as_distinct_patients(
    lantern_env: Settings, collision_files: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "issuers"
    folder.mkdir()
    for number, path in enumerate(collision_files):
        dataset = pydicom.dcmread(path)
        dataset.IssuerOfPatientID = f"HOSPITAL-{number}"
        dataset.save_as(folder / path.name)
    rows = land(lantern_env, folder)
    assert len(rows) == 3
    assert len({pseudonym for _, pseudonym in rows}) == 3


def test_same_patient_id_without_issuer_is_one_pseudonym(
    lantern_env: Settings, collision_files: list[Path], tmp_path: Path
) -> None:
    folder = tmp_path / "no-issuer"
    folder.mkdir()
    for path in collision_files:
        (folder / path.name).write_bytes(path.read_bytes())
    rows = land(lantern_env, folder)
    assert len(rows) == 3 and len({pseudonym for _, pseudonym in rows}) == 1

"""Fixtures shared by the whole suite: isolated data directories and a built warehouse."""

from __future__ import annotations

import shutil
from pathlib import Path

import pydicom.data
import pytest

from dashboards.settings import Settings, load_settings
from tests.services.orthanc import orthanc

__all__ = ["orthanc"]  # a real Orthanc with its DICOMweb plugin, for any test that asks

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
TEST_KEY = "lantern-test-site-key"


def make_settings(data_dir: Path) -> Settings:
    return load_settings(data_dir=data_dir, pseudonym_key=TEST_KEY)


@pytest.fixture
def lantern_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """LANTERN_* variables pointing at a fresh data directory; the settings they give."""
    data_dir = tmp_path / "lantern"
    monkeypatch.setenv("LANTERN_DATA_DIR", str(data_dir))
    monkeypatch.setenv("LANTERN_PSEUDONYM_KEY", TEST_KEY)
    monkeypatch.delenv("LANTERN_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return load_settings()


@pytest.fixture(scope="session")
def pydicom_files() -> Path:
    """pydicom's bundled test files: real DICOM from many vendors, plus a few non-DICOM files."""
    return Path(pydicom.data.__file__).parent


@pytest.fixture(scope="session")
def shared_dicom() -> Path:
    folder = SHARED_DATA / "dicom"
    if not folder.is_dir():
        pytest.skip(f"real samples are not present at {folder} (they live beside the project, not in it)")
    return folder


@pytest.fixture
def mixed_folder(tmp_path: Path, pydicom_files: Path) -> Path:
    """Three good DICOM files beside a truncated file, an empty file and a text file."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in ("CT_small.dcm", "MR_small.dcm", "JPEG2000.dcm"):
        shutil.copy(pydicom_files / "test_files" / name, folder / name)
    good = (pydicom_files / "test_files" / "CT_small.dcm").read_bytes()
    (folder / "truncated.dcm").write_bytes(good[: len(good) // 2])
    (folder / "empty.dcm").write_bytes(b"")
    (folder / "notes.txt").write_text("Not an image: the scanner's maintenance notes.\n")
    return folder


@pytest.fixture(scope="session")
def published_demo(tmp_path_factory: pytest.TempPathFactory, pydicom_files: Path) -> Settings:
    """pydicom's test files ingested, built with dbt and published once for the session."""
    from orchestration.governance.pseudonym import load_pseudonymiser
    from orchestration.ingest.dicom_files import SOURCE_KIND, ingest_dicom_files
    from orchestration.ingest.inventory import plan_ingest
    from orchestration.warehouse.build import build_and_publish

    settings = make_settings(tmp_path_factory.mktemp("published") / "lantern")
    ingest_dicom_files(
        plan_ingest([pydicom_files], settings.raw_dir, SOURCE_KIND),
        raw_dir=settings.raw_dir,
        restricted_dir=settings.restricted_dir,
        pseudonymiser=load_pseudonymiser(settings),
        batch_size=settings.ingest_batch_size,
    )
    build_and_publish(settings)
    return settings

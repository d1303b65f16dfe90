"""TID 1500 measurement groups agree with dcmqi's tid1500reader, the reference reader of the QIICR project."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import highdicom as hd
import numpy as np
import pydicom
import pytest
from pydicom.sr.codedict import codes

from orchestration.extract.sr import extract_sr

TID1500READER = Path(sys.executable).parent / "tid1500reader"

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not TID1500READER.exists(), reason="dcmqi's tid1500reader is not installed (dev dependency dcmqi)"
    ),
]


def dcmqi_groups(report: Path, tmp_path: Path) -> tuple[list[dict], dict]:
    """The report's measurement groups and observer context as tid1500reader reads them."""
    output = tmp_path / f"{report.stem}.json"
    # tid1500reader exits 0 even when it fails: its output is the only evidence it read the file.
    subprocess.run(
        [str(TID1500READER), "--inputDICOM", str(report), "--outputMetadata", str(output)],
        capture_output=True,
        check=False,
    )
    assert output.exists(), f"tid1500reader wrote nothing for {report}"
    metadata = json.loads(output.read_text())
    assert metadata.get("Measurements"), f"tid1500reader found no measurement groups in {report}"
    return metadata["Measurements"], metadata.get("observerContext", {})


def code_of(row: dict, prefix: str) -> tuple[str | None, str | None]:
    return row[f"{prefix}CodeValue"], row[f"{prefix}CodingSchemeDesignator"]


def code_in(entry: dict | None) -> tuple[str | None, str | None]:
    return (entry["CodeValue"], entry["CodingSchemeDesignator"]) if entry else (None, None)


def assert_agrees_with_dcmqi(report: Path, tmp_path: Path, pseudonymise) -> None:
    expected, observer = dcmqi_groups(report, tmp_path)
    tables = extract_sr(report, pseudonymise).tables
    groups = tables["sr_measurement_groups"]
    assert len(groups) == len(expected)
    for group, theirs in zip(groups, expected, strict=True):
        assert group["TrackingIdentifier"] == theirs.get("TrackingIdentifier")
        assert group["TrackingUniqueIdentifier"] == theirs.get("TrackingUniqueIdentifier")
        assert code_of(group, "FindingType") == code_in(theirs.get("Finding"))
        if "FindingSite" in theirs:
            assert code_of(group, "FindingSite") == code_in(theirs["FindingSite"])
        else:
            # dcmqi knows Finding Site only by its SCT code; Lantern also by the retired SRT code G-C0E3.
            assert group["FindingSiteCodingSchemeDesignator"] in (None, "SRT")
        if "PersonObserverName" in observer:
            assert group["ObserverPersonPseudonym"] == pseudonymise(observer["PersonObserverName"])
        mine = [row for row in tables["sr_measurements"] if row["GroupPosition"] == group["GroupPosition"]]
        numbers = [row for row in mine if row["ValueType"] == "NUM"]
        assert len(numbers) == len(theirs.get("measurementItems", []))
        for row, item in zip(numbers, theirs.get("measurementItems", []), strict=True):
            assert code_of(row, "ConceptName") == code_in(item["quantity"])
            assert code_of(row, "MeasurementUnits") == code_in(item["units"])
            assert math.isclose(row["NumericValue"], float(item["value"]), rel_tol=1e-9)
            assert code_of(row, "Derivation") == code_in(item.get("derivationModifier"))
            algorithm = item.get("measurementAlgorithmIdentification")
            if algorithm:
                assert (group["AlgorithmName"], group["AlgorithmVersion"]) == (
                    algorithm["AlgorithmName"],
                    algorithm["AlgorithmVersion"],
                )
        evaluations = [row for row in mine if row["ValueType"] == "CODE"]
        assert [(code_of(row, "ConceptName"), code_of(row, "ConceptCode")) for row in evaluations] == [
            (code_in(item["conceptCode"]), code_in(item["conceptValue"]))
            for item in theirs.get("qualitativeEvaluations", [])
        ]


@pytest.mark.parametrize("name", ["sr_document.dcm", "sr_document_with_multiple_groups.dcm"])
def test_highdicom_sample_reports_agree_with_dcmqi(shared_dicom, tmp_path, pseudonymiser, name):
    assert_agrees_with_dcmqi(shared_dicom / "highdicom" / name, tmp_path, pseudonymiser.person)


def ai_measurement_report(image: pydicom.Dataset) -> hd.sr.Comprehensive3DSR:
    """An algorithm's nodule measurement, reviewed by a radiologist: both observers, derivation, version."""
    person = hd.sr.ObserverContext(
        observer_type=codes.DCM.Person,
        observer_identifying_attributes=hd.sr.PersonObserverIdentifyingAttributes(name="Doe^Jane"),
    )
    device = hd.sr.ObserverContext(
        observer_type=codes.DCM.Device,
        observer_identifying_attributes=hd.sr.DeviceObserverIdentifyingAttributes(
            uid="1.2.826.0.1.3680043.10.511.7.1", name="Lung CAD", manufacturer_name="Acme", model_name="LN-1"
        ),
    )
    region = hd.sr.ImageRegion(
        graphic_type=hd.sr.GraphicTypeValues.CIRCLE,
        graphic_data=np.array([[10.0, 10.0], [10.0, 20.0]]),
        source_image=hd.sr.SourceImageForRegion.from_source_image(image),
    )
    diameter = hd.sr.Measurement(
        name=codes.SCT.Diameter,
        value=12.5,
        unit=codes.UCUM.Millimeter,
        derivation=codes.SCT.Maximum,
        algorithm_id=hd.sr.AlgorithmIdentification(name="LN-1", version="2.3"),
    )
    group = hd.sr.PlanarROIMeasurementsAndQualitativeEvaluations(
        referenced_region=region,
        tracking_identifier=hd.sr.TrackingIdentifier(uid="1.2.826.0.1.3680043.10.511.7.2", identifier="nodule 1"),
        finding_type=codes.SCT.Nodule,
        finding_sites=[hd.sr.FindingSite(codes.SCT.Lung)],
        measurements=[diameter],
        qualitative_evaluations=[
            hd.sr.QualitativeEvaluation(name=codes.DCM.LevelOfSignificance, value=codes.SCT.NotSignificant)
        ],
    )
    report = hd.sr.MeasurementReport(
        observation_context=hd.sr.ObservationContext(observer_person_context=person, observer_device_context=device),
        procedure_reported=codes.LN.CTUnspecifiedBodyRegion,
        imaging_measurements=[group],
    )
    return hd.sr.Comprehensive3DSR(
        evidence=[image],
        content=report,
        series_number=1,
        series_instance_uid="1.2.826.0.1.3680043.10.511.7.3",
        sop_instance_uid="1.2.826.0.1.3680043.10.511.7.4",
        instance_number=1,
        manufacturer="Lantern tests",
    )


def test_an_algorithms_report_agrees_with_dcmqi_and_names_the_algorithm(pydicom_files, tmp_path, pseudonymiser):
    image = pydicom.dcmread(pydicom_files / "test_files" / "CT_small.dcm")
    report = tmp_path / "ai_report.dcm"
    ai_measurement_report(image).save_as(report)
    assert_agrees_with_dcmqi(report, tmp_path, pseudonymiser.person)
    [group] = extract_sr(report, pseudonymiser.person).tables["sr_measurement_groups"]
    assert group["ObserverType"] == "DEVICE"
    assert (group["ObserverDeviceName"], group["ObserverManufacturer"], group["ObserverModelName"]) == (
        "Lung CAD",
        "Acme",
        "LN-1",
    )
    assert group["ObserverDeviceUID"] == "1.2.826.0.1.3680043.10.511.7.1"
    assert group["ObserverPersonPseudonym"] == pseudonymiser.person("Doe^Jane")
    assert (group["AlgorithmName"], group["AlgorithmVersion"]) == ("LN-1", "2.3")

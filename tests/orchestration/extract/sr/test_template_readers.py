"""The template readers on small trees: dose (TID 10011, 10001), radiopharmaceutical (10021), TID 1500, text."""

from __future__ import annotations

import pytest

from orchestration.extract.sr import extract_sr_dataset
from orchestration.extract.sr.codes import Code
from orchestration.extract.sr.units import GY_M2, MBQ, MGY_CM, convert
from tests.orchestration.extract.sr.builders import XRAY_DOSE_SR, code, container, document, item, num, ucum

pytestmark = pytest.mark.unit

DOSE_REPORT = code("113701", "DCM", "X-Ray Radiation Dose Report")
CT_ACQUISITION = code("113819", "DCM", "CT Acquisition")
CT_DOSE = code("113829", "DCM", "CT Dose")
CTDIVOL = code("113830", "DCM", "Mean CTDIvol")
DLP = code("113838", "DCM", "DLP")
KVP = code("113733", "DCM", "KVP")
SOURCE = code("113831", "DCM", "CT X-Ray Source Parameters")
ACCUMULATED_CT = code("113811", "DCM", "CT Accumulated Dose Data")
DLP_TOTAL = code("113813", "DCM", "CT Dose Length Product Total")
ACCUMULATED_XRAY = code("113702", "DCM", "Accumulated X-Ray Dose Data")
DAP_TOTAL = code("113722", "DCM", "Dose Area Product Total")
XRAY_EVENT = code("113706", "DCM", "Irradiation Event X-Ray Data")
DAP = code("122130", "DCM", "Dose Area Product")
RETIRED_EXPOSURE_TIME = code("113735", "DCM", "Exposure Time")


def tables(dataset):
    return extract_sr_dataset(dataset, lambda name: f"pseudonym({len(name)})").tables


@pytest.mark.parametrize(
    ("number", "units", "quantity", "expected", "note"),
    [
        (126.596, Code("dGy.cm2", "UCUM", None), GY_M2, 126.596e-5, "Value: converted from dGy.cm2 to Gy.m2"),
        (7.46, Code("mGycm", "UCUM", None), MGY_CM, 7.46, "Value: units mGycm read as mGy.cm"),
        (2.0, Code("Gy.m2", "UCM", None), GY_M2, 2.0, "Value: units UCM:Gy.m2 read as UCUM Gy.m2"),
        (10.0, Code("mCi", "UCUM", None), MBQ, 370.0, "Value: converted from mCi to MBq"),
    ],
)
def test_converts_the_units_devices_write_and_says_how(number, units, quantity, expected, note):
    value, notes = convert(number, units, quantity, "Value")
    assert value == pytest.approx(expected)
    assert note in notes


@pytest.mark.parametrize(
    ("units", "note"),
    [
        (Code("mBq", "UCUM", None), "Activity: unknown units UCUM:mBq"),  # millibecquerel: UCUM is case-sensitive
        (Code("cGy", "99X", None), "Activity: unknown units 99X:cGy"),
        (None, "Activity: no units"),
    ],
)
def test_refuses_to_guess_unknown_units(units, note):
    assert convert(5.0, units, MBQ, "Activity") == (None, [note])


def ct_report(*events, totals=True):
    children = list(events)
    if totals:
        children.insert(0, container(ACCUMULATED_CT, [num(DLP_TOTAL, "416.5", ucum("mGy.cm"))]))
    return document(DOSE_REPORT, children, sop_class=XRAY_DOSE_SR, template="10011")


def ct_event(ctdivol="12.5", dlp_units=None, sources=(("120",),)):
    dlp_units = dlp_units if dlp_units is not None else ucum("mGy.cm")
    parameters = [container(SOURCE, [num(KVP, kvp, ucum("kV"))]) for (kvp,) in sources]
    return container(
        CT_ACQUISITION,
        [
            item("CONTAINS", "TEXT", code("125203", "DCM", "Acquisition Protocol"), TextValue="Chest"),
            container(code("113822", "DCM", "CT Acquisition Parameters"), parameters),
            container(CT_DOSE, [num(CTDIVOL, ctdivol, ucum("mGy")), num(DLP, "400", dlp_units)]),
        ],
    )


def test_ct_report_gives_one_row_per_acquisition_and_its_totals():
    result = tables(ct_report(ct_event(), ct_event(ctdivol="3.1")))
    assert [row["CTDIvolMGy"] for row in result["sr_dose_events"]] == [12.5, 3.1]
    first = result["sr_dose_events"][0]
    assert (first["DLPMGyCm"], first["KVP"], first["AcquisitionProtocol"], first["TemplateIdentifier"]) == (
        400.0,
        120.0,
        "Chest",
        "10011",
    )
    assert first["EventPosition"] == "1.2"
    [totals] = result["sr_dose_totals"]
    assert (totals["CTDoseLengthProductTotalMGyCm"], totals["Oddities"]) == (416.5, [])


def test_ct_value_in_unknown_units_is_withheld_and_noted():
    [event] = tables(ct_report(ct_event(dlp_units=code("mGycm", "99PHI", "mGy.cm"))))["sr_dose_events"]
    assert event["DLPMGyCm"] == 400.0  # a known spelling under a private scheme is read, and noted
    assert "DLP: units 99PHI:mGycm read as UCUM mGy.cm" in event["Oddities"]
    [event] = tables(ct_report(ct_event(dlp_units=ucum("Gy.in"))))["sr_dose_events"]
    assert event["DLPMGyCm"] is None
    assert "DLP: unknown units UCUM:Gy.in" in event["Oddities"]


def test_dual_source_ct_keeps_the_first_tube_and_says_why():
    [event] = tables(ct_report(ct_event(sources=(("100",), ("140",)))))["sr_dose_events"]
    assert event["KVP"] == 100.0
    assert event["Oddities"] == ["2 X-ray sources: kVp and tube current of the first"]


def test_ct_report_without_accumulated_dose_still_gives_its_totals_row():
    [totals] = tables(ct_report(ct_event(), totals=False))["sr_dose_totals"]
    assert totals["CTDoseLengthProductTotalMGyCm"] is None
    assert "no CT Accumulated Dose Data" in totals["Oddities"]


def plane(dap_total, units="Gy.m2"):
    children = [num(DAP_TOTAL, dap_total, ucum(units))] if dap_total is not None else []
    return container(ACCUMULATED_XRAY, children)


def xray_event(dap="0.001", units="dGy.cm2"):
    return container(
        XRAY_EVENT,
        [
            num(DAP, dap, ucum(units)),
            num(RETIRED_EXPOSURE_TIME, "0.5", ucum("s")),
            item("CONTAINS", "CODE", code("113721", "DCM", "Irradiation Event Type"), ConceptCodeSequence=[
                code("P5-06000", "SRT", "Fluoroscopy")
            ]),
        ],
    )  # fmt: skip


def projection_report(*children):
    return document(DOSE_REPORT, list(children), sop_class=XRAY_DOSE_SR, template="10001")


def test_biplane_totals_are_summed_and_say_so():
    result = tables(projection_report(plane("0.002"), plane("0.003"), xray_event()))
    [totals] = result["sr_dose_totals"]
    assert totals["DoseAreaProductTotalGyM2"] == pytest.approx(0.005)
    assert totals["TotalNumberOfIrradiationEvents"] == 1
    assert "2 planes: totals summed" in totals["Oddities"]


def test_a_plane_without_its_total_leaves_the_sum_empty_rather_than_short():
    [totals] = tables(projection_report(plane("0.002"), plane(None)))["sr_dose_totals"]
    assert totals["DoseAreaProductTotalGyM2"] is None
    assert "Dose Area Product Total: missing for 1 of 2 planes" in totals["Oddities"]


def test_projection_event_converts_dap_and_reads_the_retired_exposure_time_code():
    [event] = tables(projection_report(plane("0.1"), xray_event(dap="12.5")))["sr_dose_events"]
    assert event["DoseAreaProductGyM2"] == pytest.approx(12.5e-5)
    assert event["ExposureTimeMs"] == 500.0
    assert event["IrradiationEventTypeCodeMeaning"] == "Fluoroscopy"
    assert "Dose Area Product: converted from dGy.cm2 to Gy.m2" in event["Oddities"]


def test_radiopharmaceutical_administration_lands_in_mbq():
    agent = item(
        "CONTAINS",
        "CODE",
        code("F-61FDB", "SRT", "Radiopharmaceutical agent"),
        ConceptCodeSequence=[code("C-B1031", "SRT", "Fluorodeoxyglucose F^18^")],
        children=[
            item("HAS PROPERTIES", "CODE", code("89457008", "SCT", "Radionuclide"), ConceptCodeSequence=[
                code("77004003", "SCT", "^18^Fluorine")
            ])
        ],
    )  # fmt: skip
    administration = container(
        code("113502", "DCM", "Radiopharmaceutical Administration"),
        [agent, num(code("113507", "DCM", "Administered activity"), "10", ucum("mCi"))],
    )
    report = document(code("113500", "DCM", "Radiopharmaceutical Radiation Dose Report"), [administration])
    [row] = tables(report)["sr_radiopharmaceutical_administrations"]
    assert row["AdministeredActivityMBq"] == pytest.approx(370.0)
    assert (row["RadiopharmaceuticalCodeValue"], row["RadionuclideCodeValue"]) == ("C-B1031", "77004003")
    assert "Administered activity: converted from mCi to MBq" in row["Oddities"]


MEASUREMENT_REPORT = code("126000", "DCM", "Imaging Measurement Report")
OBSERVER_TYPE = code("121005", "DCM", "Observer Type")
GROUP = code("125007", "DCM", "Measurement Group")


def measurement_group(*extra):
    return container(
        GROUP,
        [
            item("HAS OBS CONTEXT", "TEXT", code("112039", "DCM", "Tracking Identifier"), TextValue="lesion 1"),
            item("CONTAINS", "CODE", code("121071", "DCM", "Finding"), ConceptCodeSequence=[
                code("27925004", "SCT", "Nodule")
            ]),
            item("HAS CONCEPT MOD", "CODE", code("G-C0E3", "SRT", "Finding Site"), ConceptCodeSequence=[
                code("T-28000", "SRT", "Lung")
            ]),
            item("HAS CONCEPT MOD", "CODE", code("121401", "DCM", "Derivation"), ConceptCodeSequence=[
                code("255619001", "SCT", "Total")
            ]),
            num(code("81827009", "SCT", "Diameter"), "7", ucum("mm")),
            item("CONTAINS", "CODE", code("121403", "DCM", "Level of Significance"), ConceptCodeSequence=[
                code("371928007", "SCT", "Not significant")
            ]),
            *extra,
        ],
    )  # fmt: skip


def test_measurement_group_reads_finding_site_by_its_retired_code_and_the_groups_derivation():
    person = [
        item("HAS OBS CONTEXT", "CODE", OBSERVER_TYPE, ConceptCodeSequence=[code("121006", "DCM", "Person")]),
        item("HAS OBS CONTEXT", "PNAME", code("121008", "DCM", "Person Observer Name"), PersonName="Doe^Jane"),
    ]
    result = tables(document(MEASUREMENT_REPORT, [*person, measurement_group()]))
    [group] = result["sr_measurement_groups"]
    assert (group["TrackingIdentifier"], group["FindingTypeCodeMeaning"], group["FindingSiteCodeMeaning"]) == (
        "lesion 1",
        "Nodule",
        "Lung",
    )
    assert (group["ObserverType"], group["ObserverPersonPseudonym"]) == ("PERSON", "pseudonym(8)")
    assert group["ObservationDateTime"] == "20240611101500"
    diameter, significance = result["sr_measurements"]
    assert (diameter["NumericValue"], diameter["DerivationCodeMeaning"]) == (7.0, "Total")
    assert (significance["ValueType"], significance["ConceptCodeCodeMeaning"]) == ("CODE", "Not significant")


def test_a_groups_own_device_observer_and_algorithm_override_the_documents():
    device = [
        item("HAS OBS CONTEXT", "CODE", OBSERVER_TYPE, ConceptCodeSequence=[code("121007", "DCM", "Device")]),
        item("HAS OBS CONTEXT", "UIDREF", code("121012", "DCM", "Device Observer UID"), UID="1.2.3"),
        item("HAS CONCEPT MOD", "TEXT", code("111001", "DCM", "Algorithm Name"), TextValue="Nodule AI"),
    ]
    person = item("HAS OBS CONTEXT", "PNAME", code("121008", "DCM", "Person Observer Name"), PersonName="Doe^Jane")
    [group] = tables(document(MEASUREMENT_REPORT, [person, measurement_group(*device)]))["sr_measurement_groups"]
    assert (group["ObserverType"], group["ObserverDeviceUID"], group["AlgorithmName"]) == (
        "DEVICE",
        "1.2.3",
        "Nodule AI",
    )
    assert group["ObserverPersonPseudonym"] is None


def test_an_observer_without_observer_type_is_read_and_noted():
    person = item("HAS OBS CONTEXT", "PNAME", code("121008", "DCM", "Person Observer Name"), PersonName="Doe^Jane")
    [group] = tables(document(MEASUREMENT_REPORT, [person, measurement_group()]))["sr_measurement_groups"]
    assert group["ObserverType"] == "PERSON"
    assert "observer context without Observer Type" in group["Oddities"]


def test_report_text_reads_in_tree_order_with_headings_and_without_context_or_names():
    findings = container(code("121070", "DCM", "Findings"), [
        item("CONTAINS", "TEXT", code("121071", "DCM", "Finding"), TextValue="No focal lesion."),
        num(code("81827009", "SCT", "Diameter"), "7", ucum("mm")),
    ])  # fmt: skip
    observer = item("HAS OBS CONTEXT", "PNAME", code("121008", "DCM", "Person Observer Name"), PersonName="Doe^Jane")
    report = document(code("18748-4", "LN", "Diagnostic Imaging Report"), [observer, findings])
    report.SOPClassUID = "1.2.840.10008.5.1.4.1.1.88.11"
    [row] = tables(report)["sr_report_texts"]
    assert row["ReportText"] == "Diagnostic Imaging Report\n\nFindings\nFinding: No focal lesion.\nDiameter: 7 mm"


def test_a_key_object_selection_gives_its_tree_and_no_template_rows():
    selection = document(code("113000", "DCM", "Of Interest"), [
        item("CONTAINS", "TEXT", code("113012", "DCM", "Key Object Description"), TextValue="for the tumour board"),
    ], sop_class="1.2.840.10008.5.1.4.1.1.88.59")  # fmt: skip
    result = tables(selection)
    assert len(result["sr_content_items"]) == 2
    assert [table for table, rows in result.items() if rows] == ["sr_documents", "sr_content_items"]

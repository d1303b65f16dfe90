"""Dose values from every vendor's RDSR match the file: derived here independently, and pinned by hand.

The expected numbers come from a few lines of pydicom below (a direct walk by concept code with
its own unit table), not from the extractor's navigation or unit code.
"""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import pydicom
import pytest

pytestmark = pytest.mark.integration

CT_REPORTS = {
    "GE Optima (Enhanced SR)": "CT-ESR-GE_Optima.dcm",
    "GE LightSpeed VCT (Enhanced SR)": "CT-ESR-GE_VCT.dcm",
    "GE via PixelMed": "CT-RDSR-GEPixelMed.dcm",
    "Philips Big Bore": "CT-RDSR-Philips_BigBore4DCT.dcm",
    "Siemens continued 1": "CT-RDSR-Siemens-Continued-1.dcm",
    "Siemens continued 2": "CT-RDSR-Siemens-Continued-2.dcm",
    "Siemens multi 1": "CT-RDSR-Siemens-Multi-1.dcm",
    "Siemens multi 2": "CT-RDSR-Siemens-Multi-2.dcm",
    "Siemens multi 3": "CT-RDSR-Siemens-Multi-3.dcm",
    "Siemens Flash dual source": "CT-RDSR-Siemens_Flash-QA-DS.dcm",
    "Siemens Flash TAP": "CT-RDSR-Siemens_Flash-TAP-SS.dcm",
    "Siemens PET/CT": "NM-CT-RDSR-Siemens.dcm",
    "Spectrum Dynamics": "CT-RDSR-SpectrumDynamics.dcm",
    "Toshiba via PixelMed": "CT-RDSR-ToshibaPixelMed.dcm",
    "Toshiba dose check": "CT-RDSR-Toshiba_DoseCheck.dcm",
    "Toshiba multi-valued SD": "CT-RDSR-Toshiba_MultiValSD.dcm",
}
PROJECTION_REPORTS = {
    "Canon CXDI": "DX-RDSR-Canon_CXDI.dcm",
    "Canon CXDI without DAP": "DX-RDSR-Canon_CXDI_noDAP.dcm",
    "Carestream DRX Evolution": "DX-RDSR-Carestream_DRXEvolution.dcm",
    "Siemens DX": "Dual-RDSR-DX.dcm",
    "Siemens RF": "Dual-RDSR-RF.dcm",
    "GE Pristina 2D": "MG-RDSR-GEPristina-2D.dcm",
    "GE Pristina DBT": "MG-RDSR-GEPristina-DBT.dcm",
    "IMS Giotto DBT": "MG-RDSR-Giotto-DBT.dcm",
    "Hologic 2D": "MG-RDSR-Hologic_2D.dcm",
    "Hologic mix": "MG-RDSR-Hologic_mix.dcm",
    "Philips, no kVp": "RF-No-kVp-and-others.dcm",
    "no orientation modifier": "RF-Pat-Orientation-Modifier-Missing.dcm",
    "Canon Alphenix": "RF-RDSR-Canon-Alphenix-rotational.dcm",
    "Canon Ultimax (mGy at RP)": "RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm",
    "Eurocolumbus": "RF-RDSR-Eurocolumbus.dcm",
    "GE OEC Elite": "RF-RDSR-GE-OECEliteMiniView.dcm",
    "GE": "RF-RDSR-GE.dcm",
    "Philips Allura": "RF-RDSR-Philips_Allura.dcm",
    "Philips Azurion": "RF-RDSR-Philips_Azurion.dcm",
    "Siemens Zee": "RF-RDSR-Siemens-Zee.dcm",
    "Siemens Zee adjusted": "RF-RDSR-Siemens-Zee_adjusted.dcm",
}
# The test's own unit table: what each spelling found in the samples is worth in the landed unit.
TO_MGY_CM = {"mGy.cm": 1.0, "mGycm": 1.0}
TO_MGY = {"mGy": 1.0}
TO_GY_M2 = {"Gy.m2": 1.0, "Gym2": 1.0, "dGy.cm2": 1e-5}
TO_MBQ = {"MBq": 1.0}


def content(path: Path) -> pydicom.Dataset:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pydicom.dcmread(path)


def below(node: pydicom.Dataset, code_value: str) -> list[pydicom.Dataset]:
    """Items below `node` whose concept has this code value, in tree order."""
    found, stack = [], list(reversed(node.get("ContentSequence") or []))
    while stack:
        item = stack.pop()
        concept = item.get("ConceptNameCodeSequence")
        if concept and concept[0].get("CodeValue") == code_value:
            found.append(item)
        stack.extend(reversed(item.get("ContentSequence") or []))
    return found


def value_of(node: pydicom.Dataset, code_value: str, units: dict[str, float]) -> float | None:
    items = below(node, code_value)
    measured = items[0].get("MeasuredValueSequence") if items else None
    if not measured:
        return None
    unit = measured[0].MeasurementUnitsCodeSequence[0].CodeValue
    return float(measured[0].NumericValue) * units[unit]


def close(mine: float | None, expected: float | None) -> bool:
    if expected is None:
        return mine is None
    return mine is not None and math.isclose(mine, expected, rel_tol=1e-9)


@pytest.mark.parametrize("vendor", CT_REPORTS)
def test_ct_dose_per_exam_matches_the_file(openrem, extracted, vendor):
    path = openrem / CT_REPORTS[vendor]
    dataset = content(path)
    tables = extracted(path).tables
    [accumulated] = below(dataset, "113811")
    [totals] = tables["sr_dose_totals"]
    assert close(totals["CTDoseLengthProductTotalMGyCm"], value_of(accumulated, "113813", TO_MGY_CM))
    events = below(dataset, "113819")
    for row, event in zip(tables["sr_dose_events"], events, strict=True):
        assert close(row["CTDIvolMGy"], value_of(event, "113830", TO_MGY)), (vendor, row["EventPosition"])
        assert close(row["DLPMGyCm"], value_of(event, "113838", TO_MGY_CM)), (vendor, row["EventPosition"])


@pytest.mark.parametrize("vendor", PROJECTION_REPORTS)
def test_projection_dose_area_products_match_the_file(openrem, extracted, vendor):
    path = openrem / PROJECTION_REPORTS[vendor]
    dataset = content(path)
    tables = extracted(path).tables
    [totals] = tables["sr_dose_totals"]
    planes = below(dataset, "113702")
    per_plane = [value_of(plane, "113722", TO_GY_M2) for plane in planes]
    expected = None if None in per_plane else sum(per_plane)  # type: ignore[arg-type]
    assert close(totals["DoseAreaProductTotalGyM2"], expected), vendor
    events = below(dataset, "113706")
    assert totals["TotalNumberOfIrradiationEvents"] == len(events) == len(tables["sr_dose_events"])
    for row, event in zip(tables["sr_dose_events"], events, strict=True):
        assert close(row["DoseAreaProductGyM2"], value_of(event, "122130", TO_GY_M2)), (vendor, row["EventPosition"])


@pytest.mark.parametrize(
    ("name", "activity_mbq"), [("NM-RRDSR-Siemens.dcm", 394.0), ("NM-RRDSR-Siemens-Extended.dcm", 250.0)]
)
def test_administered_activity_matches_the_file(openrem, extracted, name, activity_mbq):
    path = openrem / name
    [administration] = extracted(path).tables["sr_radiopharmaceutical_administrations"]
    [container] = below(content(path), "113502")
    assert administration["AdministeredActivityMBq"] == value_of(container, "113507", TO_MBQ) == activity_mbq
    assert administration["RadionuclideCodeMeaning"] == "^18^Fluorine"
    assert administration["RadiopharmaceuticalCodeMeaning"] == "Fluorodeoxyglucose F^18^"
    assert administration["RouteOfAdministrationCodeMeaning"] == "Intravenous route"


@pytest.mark.parametrize(
    ("name", "dlp_total", "ctdivol"),
    [
        ("CT-RDSR-Siemens-Multi-1.dcm", 7.46, [0.15]),
        ("CT-ESR-GE_Optima.dcm", 415.82, [3.23, 5.3]),
        ("CT-RDSR-Philips_BigBore4DCT.dcm", 541.1, [23.7]),
        ("CT-RDSR-GEPixelMed.dcm", 586.34, [60.41, 222.59]),
        ("CT-RDSR-ToshibaPixelMed.dcm", 349.70, [25.40, 24.70]),
        ("CT-RDSR-Siemens_Flash-TAP-SS.dcm", 724.52, [0.14, 1.2]),
        ("NM-CT-RDSR-Siemens.dcm", 667.72, None),
    ],
)
def test_ct_dose_pinned_by_hand_from_dsrdump(openrem, extracted, name, dlp_total, ctdivol):
    tables = extracted(openrem / name).tables
    assert tables["sr_dose_totals"][0]["CTDoseLengthProductTotalMGyCm"] == pytest.approx(dlp_total)
    measured = [row["CTDIvolMGy"] for row in tables["sr_dose_events"] if row["CTDIvolMGy"] is not None]
    if ctdivol is not None:
        assert measured[: len(ctdivol)] == pytest.approx(ctdivol)


@pytest.mark.parametrize(
    ("name", "dap_total_gy_m2", "note"),
    [
        ("Dual-RDSR-DX.dcm", 0.0000023900, "Dose Area Product Total: units Gym2 read as Gy.m2"),
        (
            "RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm",
            126.596e-5,
            "Dose Area Product Total: converted from dGy.cm2 to Gy.m2",
        ),
        ("RF-RDSR-Siemens-Zee.dcm", 1.6e-5, "Dose Area Product Total: units Gym2 read as Gy.m2"),
        ("RF-RDSR-Philips_Azurion.dcm", 0.00247409, None),
        ("DX-RDSR-Carestream_DRXEvolution.dcm", 0.00000580999970, None),
        ("RF-RDSR-GE.dcm", 0.00024126, None),
        ("RF-RDSR-Philips_Allura.dcm", 0.00015356864017, None),
    ],
)
def test_projection_dap_totals_pinned_by_hand_from_dsrdump(openrem, extracted, name, dap_total_gy_m2, note):
    [totals] = extracted(openrem / name).tables["sr_dose_totals"]
    assert totals["DoseAreaProductTotalGyM2"] == pytest.approx(dap_total_gy_m2, rel=1e-9)
    if note is not None:
        assert note in totals["Oddities"]


def test_dose_at_the_reference_point_in_mgy_lands_in_gy_and_says_so(openrem, extracted):
    tables = extracted(openrem / "RF-RDSR-Canon-Ultimaxi-mGyDoseAtRP.dcm").tables
    [totals] = tables["sr_dose_totals"]
    assert totals["DoseRPTotalGy"] == pytest.approx(30.573e-3)
    assert "Dose (RP) Total: converted from mGy to Gy" in totals["Oddities"]
    assert all("Dose (RP): converted from mGy to Gy" in row["Oddities"] for row in tables["sr_dose_events"])


def test_a_dual_source_ct_reports_the_first_tubes_parameters_and_says_so(openrem, extracted):
    events = extracted(openrem / "CT-RDSR-Siemens_Flash-QA-DS.dcm").tables["sr_dose_events"]
    dual = [row for row in events if "2 X-ray sources: kVp and tube current of the first" in row["Oddities"]]
    assert dual
    assert all(row["KVP"] is not None for row in dual)


def test_per_pulse_kvp_is_not_guessed_into_one_value(openrem, extracted):
    events = extracted(openrem / "RF-RDSR-Eurocolumbus.dcm").tables["sr_dose_events"]
    assert all(row["KVP"] is None for row in events)
    assert all("KVP: no numeric value" in row["Oddities"] for row in events)

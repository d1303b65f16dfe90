"""Every structured report in the real samples is extracted, whole, in the landing schemas' shape."""

from __future__ import annotations

import warnings
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pydicom
import pytest

from orchestration.extract.sr import is_structured_report
from orchestration.extract.sr.rows import COLUMNS
from orchestration.land.sr_schemas import SR_TABLES

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BASIC_TEXT, ENHANCED, COMPREHENSIVE, COMPREHENSIVE_3D, XRAY_DOSE, RADIOPHARMACEUTICAL_DOSE = (
    f"1.2.840.10008.5.1.4.1.1.88.{suffix}" for suffix in (11, 22, 33, 34, 67, 68)
)
# Content concepts whose values name people (TID 1003, TID 1020, TID 10002, TID 1007).
PERSON_CONCEPTS = {"121008", "113870", "128774", "113871", "113724", "121029"}


def sop_classes(paths: list[Path]) -> Counter:
    return Counter(str(pydicom.dcmread(path, specific_tags=["SOPClassUID"]).SOPClassUID) for path in paths)


def names_in(path: Path) -> tuple[set[str], set[str]]:
    """The people's names the file's content tree holds, and every other text it holds, by pydicom alone."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset = pydicom.dcmread(path)
    names, others = set(), {str(element.value) for element in dataset if element.VR in ("LO", "SH", "ST", "PN")}
    stack = list(dataset.get("ContentSequence") or [])
    while stack:
        node = stack.pop()
        concept = node.get("ConceptNameCodeSequence")
        text = str(node.get("TextValue") or "").strip()
        if concept and concept[0].get("CodeValue") in PERSON_CONCEPTS and text:
            names.add(text)
        elif text:
            others.add(text)
        if "PersonName" in node and str(node.PersonName).strip():
            names.add(str(node.PersonName).strip())
        stack.extend(node.get("ContentSequence") or [])
    return names, others


def test_finds_every_kind_of_structured_report_in_the_samples(shared_reports, pydicom_reports):
    assert sop_classes(shared_reports) == {
        COMPREHENSIVE_3D: 2,  # highdicom TID 1500
        ENHANCED: 4,  # GE CT dose as Enhanced SR, a diagnostic report, a Siemens radiation summary
        XRAY_DOSE: 35,  # CT, projection, mammography RDSRs from ~15 vendors
        RADIOPHARMACEUTICAL_DOSE: 2,
        BASIC_TEXT: 2,  # orthanc-tests
    }
    assert sop_classes(pydicom_reports) == {BASIC_TEXT: 2, COMPREHENSIVE: 1}
    assert all(is_structured_report(uid) for uid in sop_classes([*shared_reports, *pydicom_reports]))


def test_extracts_every_sample_report_with_one_document_row_and_all_its_items(
    shared_reports, pydicom_reports, extracted
):
    for path in [*shared_reports, *pydicom_reports]:
        tables = extracted(path).tables
        assert tables.keys() == SR_TABLES.keys(), path
        [document] = tables["sr_documents"]
        assert document["ContentItemCount"] == len(tables["sr_content_items"]) >= 1, path
        positions = [row["ContentPosition"] for row in tables["sr_content_items"]]
        assert len(set(positions)) == len(positions), path


def test_every_row_holds_exactly_the_columns_of_its_table(shared_reports, pydicom_reports, extracted):
    for path in [*shared_reports, *pydicom_reports]:
        for table, rows in extracted(path).tables.items():
            # The by-reference target waits for its column (docs/structured-reports.md, limitations).
            extra = {"ReferencedContentItemIdentifier"} if table == "sr_content_items" else set()
            for row in rows:
                assert set(row) == set(COLUMNS[table]) | extra, (path, table)


def test_rows_land_under_the_arrow_schemas(shared_reports, pydicom_reports, extracted):
    landing = {"_record_id": "r", "_source": "test", "_ingested_at": datetime.now(UTC), "file_path": "f.dcm"}
    for path in [*shared_reports, *pydicom_reports]:
        for table, rows in extracted(path).tables.items():
            landed = pa.Table.from_pylist([{**row, **landing} for row in rows], schema=SR_TABLES[table])
            assert landed.num_rows == len(rows)


def test_person_names_never_leave_the_extractor_in_clear(shared_reports, pydicom_reports, extracted, pseudonymiser):
    checked = 0
    for path in [*shared_reports, *pydicom_reports]:
        names, others = names_in(path)
        if not names:
            continue
        checked += 1
        tables = extracted(path).tables
        texts = [value for rows in tables.values() for row in rows for value in row.values() if isinstance(value, str)]
        # A name may also be a legitimate value elsewhere ("Siemens" as calibration party and as manufacturer).
        for name in names - others:
            assert name not in texts, (path, name)
            assert not any(name in text for text in texts if "\n" in text), (path, name)
        pseudonyms = {row["PersonNamePseudonym"] for row in tables["sr_content_items"]}
        assert {pseudonymiser.person(name) for name in names} <= pseudonyms, path
        for row in tables["sr_content_items"]:
            if row["ValueType"] == "PNAME" or row["ConceptNameCodeValue"] in PERSON_CONCEPTS:
                assert row["TextValue"] is None, (path, row["ContentPosition"])
    assert checked >= 8


@pytest.mark.parametrize(
    ("sample", "oddity"),
    [
        ("openrem/CT-RDSR-SpectrumDynamics.dcm", "value type: unknown 'PERSON NAME'"),
        ("openrem/NM-RRDSR-Siemens-Extended.dcm", "value type: unknown 'HAS CONCEPT MOD'"),
        ("openrem/RF-RDSR-Eurocolumbus.dcm", "relationship type: missing"),
        ("openrem/RF-RDSR-Eurocolumbus.dcm", "NumericValue: 22 values"),
        ("openrem/CT-RDSR-Toshiba_MultiValSD.dcm", "NumericValue not a number: '10.50/ 15.00'"),
        ("openrem/CT-RDSR-Toshiba_MultiValSD.dcm", "CODE without ConceptCodeSequence"),
        ("openrem/RF-RDSR-Philips_Azurion.dcm", "template identifier: not a TID number '005'"),
        ("openrem/RF-RDSR-Philips_Azurion.dcm", "NumericValue: empty"),
        ("openrem/DX-RDSR-Canon_CXDI_noDAP.dcm", "NUM with empty MeasuredValueSequence"),
        ("openrem/CT-RDSR-Philips_BigBore4DCT.dcm", "code: empty sequence"),
        ("openrem/MG-RDSR-Hologic_2D.dcm", "ContentSequence: empty"),
        ("openrem/Dual-RDSR-DX.dcm", "units: not a UCUM code: Gym2"),
        ("openrem/CT-ESR-GE_Optima.dcm", "units: not a UCUM code: mGycm"),
        ("openrem/RF-RDSR-GE.dcm", "units: not UCUM: UCM:Gy.m2"),
        ("openrem/MG-RDSR-Giotto-DBT.dcm", "duplicate of 1.9.24"),
    ],
)
def test_notes_what_real_devices_get_wrong_without_dropping_the_item(shared_dicom, extracted, sample, oddity):
    items = extracted(shared_dicom / sample).tables["sr_content_items"]
    assert any(oddity in row["Oddities"] for row in items)


def test_the_report_without_content_lands_as_a_document_with_its_title(shared_dicom, extracted):
    tables = extracted(shared_dicom / "openrem/ESR_non-dose.dcm").tables
    [document] = tables["sr_documents"]
    assert document["ConceptNameCodeMeaning"] == "Diagnostic Imaging Report"
    assert document["ContentItemCount"] == 1
    assert "no content below the root" in document["Oddities"]

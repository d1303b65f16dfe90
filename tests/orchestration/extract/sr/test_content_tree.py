"""The content tree reader: positions, every value type, and what it notes about non-conformant items."""

from __future__ import annotations

import pytest
from pydicom import Dataset
from pydicom.dataelem import RawDataElement
from pydicom.tag import BaseTag

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.sr import extract_sr_dataset
from orchestration.extract.sr.content_tree import MAX_CONTENT_ITEMS, MAX_TREE_DEPTH
from tests.orchestration.extract.sr.builders import code, container, document, item, num, round_trip, ucum

pytestmark = pytest.mark.unit

TITLE = code("18748-4", "LN", "Diagnostic Imaging Report")
FINDING = code("121071", "DCM", "Finding")
DIAMETER = code("81827009", "SCT", "Diameter")
OBSERVER_NAME = code("121008", "DCM", "Person Observer Name")
CONCEPT_NAME = BaseTag(0x0040A043)


def pseudonym(name: str) -> str:
    return f"pseudonym-of-{len(name)}-chars"


def content_rows(dataset: Dataset) -> dict[str, dict]:
    rows = extract_sr_dataset(dataset, pseudonym).tables["sr_content_items"]
    return {row["ContentPosition"]: row for row in rows}


def only(dataset_children: list[Dataset]) -> dict:
    """The row of the single item below the root."""
    return content_rows(document(TITLE, dataset_children))["1.1"]


def test_positions_parents_and_depths_follow_the_tree():
    tree = document(
        TITLE,
        [
            item("CONTAINS", "TEXT", FINDING, TextValue="first"),
            container(code("121070", "DCM", "Findings"), [item("CONTAINS", "TEXT", FINDING, TextValue="nested")]),
        ],
    )
    rows = content_rows(tree)
    assert list(rows) == ["1", "1.1", "1.2", "1.2.1"]
    assert [(row["ParentPosition"], row["ContentDepth"]) for row in rows.values()] == [
        (None, 0),
        ("1", 1),
        ("1", 1),
        ("1.2", 2),
    ]
    assert rows["1.2.1"]["TextValue"] == "nested"
    assert rows["1.2"]["RelationshipType"] == "CONTAINS"


def test_reads_a_measurement_with_its_units_and_qualifier():
    row = only([num(DIAMETER, "12.5", ucum("mm"))])
    assert (row["ValueType"], row["NumericValue"], row["MeasurementUnitsCodeValue"]) == ("NUM", 12.5, "mm")
    assert row["Oddities"] == []
    qualified = item(
        "CONTAINS",
        "NUM",
        DIAMETER,
        MeasuredValueSequence=[],
        NumericValueQualifierCodeSequence=[code("114006", "DCM", "Measurement failure")],
    )
    row = only([qualified])
    assert (row["NumericValue"], row["NumericValueQualifierCodeMeaning"]) == (None, "Measurement failure")
    assert row["Oddities"] == []


@pytest.mark.parametrize(
    ("value", "oddity"),
    [
        ("10.50/ 15.00", "NumericValue not a number: '10.50/ 15.00'"),
        (["120", "125"], "NumericValue: 2 values"),
        ("", "NumericValue: empty"),
    ],
)
def test_keeps_a_numeric_value_that_is_not_one_number_as_written(value, oddity):
    row = only([num(DIAMETER, value, ucum("mm"))])
    assert row["NumericValue"] is None
    assert oddity in row["Oddities"]
    assert row["TextValue"] == ("\\".join(value) if isinstance(value, list) else value or None)


def test_notes_a_num_without_measured_value_and_units_outside_ucum():
    assert "NUM without MeasuredValueSequence" in only([item("CONTAINS", "NUM", DIAMETER)])["Oddities"]
    row = only([num(DIAMETER, "3", code("mGycm", "99PHI", "mGy.cm"))])
    assert row["NumericValue"] == 3.0
    assert "units: private code 99PHI:mGycm" in row["Oddities"]
    assert "units: missing" in only([num(DIAMETER, "3", None)])["Oddities"]


def test_reads_every_value_type():
    reference = Dataset()
    reference.ReferencedSOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    reference.ReferencedSOPInstanceUID = "1.2.3.4"
    reference.ReferencedFrameNumber = [1, 3]
    rows = content_rows(
        document(
            TITLE,
            [
                item("CONTAINS", "CODE", FINDING, ConceptCodeSequence=[code("27925004", "SCT", "Nodule")]),
                item(
                    "HAS ACQ CONTEXT", "DATETIME", code("111526", "DCM", "DateTime Started"), DateTime="20240611101500"
                ),
                item("HAS ACQ CONTEXT", "DATE", code("111018", "DCM", "Content Date"), Date="20240611"),
                item("HAS ACQ CONTEXT", "TIME", code("111019", "DCM", "Content Time"), Time="101500"),
                item("HAS OBS CONTEXT", "UIDREF", code("121012", "DCM", "Device Observer UID"), UID="1.2.3"),
                item("CONTAINS", "IMAGE", code("260753009", "SCT", "Source"), ReferencedSOPSequence=[reference]),
                item(
                    "CONTAINS",
                    "SCOORD",
                    code("111030", "DCM", "Image Region"),
                    GraphicType="POINT",
                    GraphicData=[0.1, 2],
                ),
            ],
        )
    )
    assert (rows["1.1"]["ConceptCodeCodeValue"], rows["1.1"]["ConceptCodeCodeMeaning"]) == ("27925004", "Nodule")
    assert [rows[position]["DateTimeValue"] for position in ("1.2", "1.3", "1.4")] == [
        "20240611101500",
        "20240611",
        "101500",
    ]
    assert rows["1.5"]["UIDValue"] == "1.2.3"
    assert (rows["1.6"]["ReferencedSOPInstanceUID"], rows["1.6"]["ReferencedFrameNumber"]) == ("1.2.3.4", "1\\3")
    assert (rows["1.7"]["GraphicType"], rows["1.7"]["GraphicData"]) == ("POINT", "0.1\\2.0")
    assert all(row["Oddities"] == [] for row in rows.values())


def test_graphic_data_read_from_a_file_prints_each_32_bit_float_shortest():
    region = item(
        "CONTAINS", "SCOORD", code("111030", "DCM", "Image Region"), GraphicType="POINT", GraphicData=[0.1, 2]
    )
    rows = content_rows(round_trip(document(TITLE, [region])))
    assert rows["1.1"]["GraphicData"] == "0.1\\2.0"


def test_person_names_become_pseudonyms_whether_pname_or_text():
    rows = content_rows(
        document(
            TITLE,
            [
                item("HAS OBS CONTEXT", "PNAME", OBSERVER_NAME, PersonName="Doe^Jane"),
                item("HAS OBS CONTEXT", "TEXT", OBSERVER_NAME, TextValue="Doe^John"),
                item("CONTAINS", "TEXT", code("027", "99PHI-IXR-XPER", "Performing Physicians Name"), TextValue="Dr X"),
                item("HAS OBS CONTEXT", "TEXT", code("121030", "DCM", "Subject ID"), TextValue="PAT-001"),
            ],
        )
    )
    assert [rows[p]["PersonNamePseudonym"] for p in ("1.1", "1.2", "1.3")] == [
        pseudonym("Doe^Jane"),
        pseudonym("Doe^John"),
        pseudonym("Dr X"),
    ]
    assert all(rows[p]["TextValue"] is None for p in ("1.1", "1.2", "1.3", "1.4"))
    assert "value withheld: patient identifier" in rows["1.4"]["Oddities"]


def test_notes_missing_and_unknown_value_and_relationship_types():
    rows = content_rows(
        document(
            TITLE,
            [
                item(None, "TEXT", FINDING, TextValue="no relationship"),
                item("CONTAINS", "PERSON NAME", code("113870", "DCM", "Person Name"), TextValue="Doe"),
                item("CONTAINS", None, FINDING),
                item("IS ABOUT", "TEXT", None, TextValue="x"),
            ],
        )
    )
    assert "relationship type: missing" in rows["1.1"]["Oddities"]
    assert "value type: unknown 'PERSON NAME'" in rows["1.2"]["Oddities"]
    assert rows["1.2"]["PersonNamePseudonym"] == pseudonym("Doe")
    assert "value type: missing" in rows["1.3"]["Oddities"]
    assert {"relationship type: unknown 'IS ABOUT'", "concept name: missing"} <= set(rows["1.4"]["Oddities"])


def test_reads_the_value_a_mistyped_item_holds_and_notes_both_sides():
    mistyped = item("CONTAINS", "TEXT", FINDING, ConceptCodeSequence=[code("27925004", "SCT", "Nodule")])
    row = only([mistyped])
    assert row["ConceptCodeCodeMeaning"] == "Nodule"
    assert {"TEXT without TextValue", "TEXT holds ConceptCodeSequence"} <= set(row["Oddities"])


def test_notes_bad_codes_without_losing_what_they_hold():
    incomplete = Dataset()
    incomplete.CodeMeaning = "Nodule"
    row = only([item("CONTAINS", "CODE", FINDING, ConceptCodeSequence=[incomplete, incomplete])])
    assert row["ConceptCodeCodeMeaning"] == "Nodule"
    assert {"code: 2 items, first used", "code: no code value", "code: no coding scheme"} <= set(row["Oddities"])
    assert "code: empty sequence" in only([item("CONTAINS", "CODE", FINDING, ConceptCodeSequence=[])])["Oddities"]


def test_records_by_reference_items_and_notes_broken_and_cyclic_ones():
    rows = content_rows(
        document(
            TITLE,
            [
                num(DIAMETER, "3", ucum("mm")),
                item("CONTAINS", "TEXT", FINDING, TextValue="x", children=[
                    item("INFERRED FROM", None, None, ReferencedContentItemIdentifier=[1, 1]),
                    item("INFERRED FROM", None, None, ReferencedContentItemIdentifier=[1, 9]),
                    item("INFERRED FROM", None, None, ReferencedContentItemIdentifier=[1, 2]),
                ]),
            ],
        )
    )  # fmt: skip
    assert (rows["1.2.1"]["ReferencedContentItemIdentifier"], rows["1.2.1"]["Oddities"]) == ("1.1", [])
    assert rows["1.2.1"]["RelationshipType"] == "INFERRED FROM"
    assert "by-reference: no item at '1.9'" in rows["1.2.2"]["Oddities"]
    assert "by-reference: points at its own ancestor 1.2" in rows["1.2.3"]["Oddities"]


def test_notes_a_leaf_repeated_verbatim_and_an_empty_content_sequence():
    rows = content_rows(document(TITLE, [num(DIAMETER, "3", ucum("mm")), num(DIAMETER, "3", ucum("mm"))]))
    assert "duplicate of 1.1" in rows["1.2"]["Oddities"]
    assert "ContentSequence: empty" in content_rows(document(TITLE, []))["1"]["Oddities"]


def test_a_value_pydicom_cannot_decode_is_noted_not_raised():
    broken = item("CONTAINS", "TEXT", None, TextValue="kept")
    # A concept name sequence whose bytes hold no item: pydicom raises when the value is first read.
    garbage = b"\x01\x02\x03"
    broken[CONCEPT_NAME] = RawDataElement(CONCEPT_NAME, "SQ", len(garbage), garbage, 0, False, True)
    row = only([broken])
    assert row["TextValue"] == "kept"
    assert "ConceptNameCodeSequence: unreadable value (OSError)" in row["Oddities"]


def test_refuses_a_tree_deeper_than_any_report():
    node = item("CONTAINS", "TEXT", FINDING, TextValue="deepest")
    for _ in range(MAX_TREE_DEPTH + 1):
        node = container(FINDING, [node])
    with pytest.raises(UnreadableInputError) as refused:
        extract_sr_dataset(document(TITLE, [node]), pseudonym)
    assert refused.value.error_class == "SRTreeTooDeep"


def test_refuses_a_tree_larger_than_any_report():
    leaf = item("CONTAINS", "TEXT", FINDING, TextValue="x")
    with pytest.raises(UnreadableInputError) as refused:
        extract_sr_dataset(document(TITLE, [leaf] * (MAX_CONTENT_ITEMS + 1)), pseudonym)
    assert refused.value.error_class == "SRTreeTooLarge"


def test_refuses_a_dataset_that_is_not_a_structured_report():
    ct = document(TITLE, [])
    ct.SOPClassUID = "1.2.840.10008.5.1.4.1.1.2"
    with pytest.raises(UnreadableInputError) as refused:
        extract_sr_dataset(ct, pseudonym)
    assert refused.value.error_class == "NotStructuredReport"


def test_document_row_carries_title_template_flags_and_item_count():
    tree = document(TITLE, [num(DIAMETER, "3", ucum("mm"))], template="2000")
    [row] = extract_sr_dataset(tree, pseudonym).tables["sr_documents"]
    assert (row["TemplateIdentifier"], row["MappingResource"], row["ConceptNameCodeValue"]) == (
        "2000",
        "DCMR",
        "18748-4",
    )
    assert (row["CompletionFlag"], row["VerificationFlag"], row["ContentItemCount"]) == ("COMPLETE", "UNVERIFIED", 2)
    del tree.CompletionFlag
    assert "CompletionFlag: missing" in extract_sr_dataset(tree, pseudonym).tables["sr_documents"][0]["Oddities"]

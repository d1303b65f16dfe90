"""The content items agree with dcmtk's dsrdump, an independent reader, item by item and value by value."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from orchestration.extract.sr.content_tree import RELATIONSHIP_TYPES
from tests.orchestration.extract.sr import dsrdump
from tests.orchestration.extract.sr.test_real_samples import PERSON_CONCEPTS

pytestmark = [
    pytest.mark.integration,
    pytest.mark.slow,
    pytest.mark.skipif(not dsrdump.available(), reason="dcmtk's dsrdump is not installed (Debian package dcmtk)"),
]

# dsrdump stops at a Value Type it does not know; these real files have one (Lantern notes it and goes on).
REFUSED_BY_DSRDUMP = {"CT-RDSR-SpectrumDynamics.dcm": "PERSON NAME", "NM-RRDSR-Siemens-Extended.dcm": "HAS CONCEPT MOD"}


def test_dsrdump_reads_every_sample_report_but_those_with_unknown_value_types(shared_reports, pydicom_reports):
    refused = {path.name for path in [*shared_reports, *pydicom_reports] if dsrdump.dump(path) is None}
    assert refused == set(REFUSED_BY_DSRDUMP)


def test_content_items_agree_with_dsrdump(shared_reports, pydicom_reports, extracted, pseudonymiser):
    compared = 0
    for path in [*shared_reports, *pydicom_reports]:
        dump = dsrdump.dump(path)
        if dump is None:
            continue
        rows = extracted(path).tables["sr_content_items"]
        assert [row["ContentPosition"] for row in rows] == [item.position for item in dump.items], path
        for row, item in zip(rows, dump.items, strict=True):
            problems = differences(row, item, dump.utf8, pseudonymiser.person)
            assert not problems, (path.name, item.position, problems)
            compared += 1
    assert compared > 30_000


def differences(row: dict, item: dsrdump.DumpedItem, utf8: bool, pseudonymise) -> list[str]:
    """What the row says differently from dsrdump's line for the same position."""
    problems = []
    if item.relationship == "unknown relationship type":
        if row["RelationshipType"] in RELATIONSHIP_TYPES:
            problems.append("relationship")
    elif row["RelationshipType"] != item.relationship:
        problems.append("relationship")
    if item.reference is not None:
        return problems + ([] if row["ReferencedContentItemIdentifier"] == item.reference else ["reference"])
    if row["ValueType"] != item.value_type:
        problems.append("value type")
    if not same_code(row, "ConceptName", item.concept, utf8):
        problems.append("concept name")
    if not same_value(row, item, utf8, pseudonymise):
        problems.append("value")
    return problems


def same_code(row: dict, prefix: str, code: tuple[str, str, str] | None, utf8: bool) -> bool:
    mine = (row[f"{prefix}CodeValue"] or "", row[f"{prefix}CodingSchemeDesignator"] or "", row[f"{prefix}CodeMeaning"])
    theirs = code or ("", "", "")
    if mine[:2] != (theirs[0].strip(), theirs[1].strip()):
        return False
    return comparable(theirs[2], utf8) is None or (mine[2] or "") == theirs[2]


def comparable(text: str, utf8: bool) -> str | None:
    """dsrdump's text when it can be compared: without UTF-8 conversion only ASCII is printed as decoded."""
    return text if utf8 or text.isascii() else None


def same_value(row: dict, item: dsrdump.DumpedItem, utf8: bool, pseudonymise) -> bool:  # noqa: PLR0911 - one case per value type
    value_type, printed = item.value_type, item.value
    names_a_person = row["ConceptNameCodeValue"] in PERSON_CONCEPTS or row["PersonNamePseudonym"] is not None
    if value_type == "PNAME" or (value_type == "TEXT" and names_a_person):
        name = dsrdump.quoted(printed)
        return not name or comparable(name, utf8) is None or row["PersonNamePseudonym"] == pseudonymise(name)
    if value_type == "TEXT":
        text = comparable(dsrdump.quoted(printed), utf8)
        return text is None or dsrdump.escaped(row["TextValue"] or "") == text
    if value_type == "NUM":
        return same_number(row, printed)
    if value_type == "CODE":
        return same_code(row, "ConceptCode", dsrdump.parse_code(printed), utf8)
    if value_type in ("DATETIME", "DATE", "TIME"):
        return (row["DateTimeValue"] or "") == dsrdump.quoted(printed)
    if value_type == "UIDREF":
        return (row["UIDValue"] or "") == dsrdump.quoted(printed)
    if value_type in ("IMAGE", "COMPOSITE", "WAVEFORM"):
        return same_reference(row, printed)
    if value_type in ("SCOORD", "SCOORD3D", "TCOORD"):
        return same_coordinates(row, printed)
    return value_type == "CONTAINER"


def same_number(row: dict, printed: str) -> bool:
    number, units = dsrdump.number_and_units(printed)
    if number is None:
        return row["NumericValue"] is None
    if units is not None and (row["MeasurementUnitsCodeValue"], row["MeasurementUnitsCodingSchemeDesignator"]) != (
        units[0],
        units[1],
    ):
        return False
    if row["NumericValue"] is not None:
        return math.isclose(row["NumericValue"], float(number), rel_tol=1e-12)
    # Not one number: Lantern keeps it as written; dsrdump prints the first of several values.
    return (row["TextValue"] or "").split("\\")[0].strip() == number.strip()


def same_reference(row: dict, printed: str) -> bool:
    first = printed[1:].split(")", maxsplit=1)[0].split(",")
    sop_class, instance = (dsrdump.quoted(part) for part in first[:2])
    return (row["ReferencedSOPClassUID"] or "", row["ReferencedSOPInstanceUID"] or "") == (sop_class, instance)


def same_coordinates(row: dict, printed: str) -> bool:
    parts = printed[1:-1].split(",")
    graphic_type, points = parts[0], [part for part in parts[1:] if not part.startswith('"')]
    theirs = [float(number) for point in points for number in point.split("/") if number]
    mine = [float(number) for number in (row["GraphicData"] or "").split("\\") if number]
    frame = [dsrdump.quoted(part) for part in parts[1:] if part.startswith('"')]
    return (
        row["GraphicType"] == graphic_type
        and len(mine) == len(theirs)
        and all(math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6) for a, b in zip(mine, theirs, strict=True))
        and frame in ([], [row["ReferencedFrameOfReferenceUID"]])
    )


def test_item_counts_agree_with_dsrdump_for_every_report_it_reads(shared_reports, pydicom_reports, extracted):
    for path in [*shared_reports, *pydicom_reports]:
        dump = dsrdump.dump(path)
        if dump is not None:
            assert extracted(path).tables["sr_documents"][0]["ContentItemCount"] == len(dump.items), Path(path).name

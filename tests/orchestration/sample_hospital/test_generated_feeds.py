"""HL7 messages parse, FHIR AuditEvents validate, ATNA messages follow the audit schema."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import hl7
import pytest
from fhir.resources.auditevent import AuditEvent as AuditEventR5
from fhir.resources.R4B.auditevent import AuditEvent as AuditEventR4

SCHEMA = Path(__file__).resolve().parents[3].parent / "shared/data/audit/schema/audit-message.xsd"
XS = "{http://www.w3.org/2001/XMLSchema}"
SYSLOG = re.compile(
    r"^<(\d{1,3})>1 (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d) (\S+) (\S+) (\S+) "
    r"(\S+) - \ufeff(<\?xml.*</AuditMessage>)$"
)


def hl7_messages(path: Path) -> list[str]:
    """Split a feed file into messages whatever its framing and segment terminators."""
    encoding = "utf-8" if "/NGH/" in path.as_posix() else "latin-1"
    text = path.read_bytes().decode(encoding)
    text = text.replace("\x0b", "").replace("\x1c", "").replace("\r\n", "\r").replace("\n", "\r")
    return [m.strip("\r") for m in re.split(r"\r(?=MSH\|)", text) if m.strip("\r")]


@pytest.mark.integration
def test_every_hl7_message_parses(ci_out):
    triggers = set()
    count = 0
    for path in sorted((ci_out / "hl7").rglob("*")):
        if path.is_file():
            for text in hl7_messages(path):
                message = hl7.parse(text)
                triggers.add(str(message.segment("MSH")[9][0][0]) + "^" + str(message.segment("MSH")[9][0][1]))
                count += 1
    assert count > 500
    assert {"ADT^A01", "ADT^A04", "ORM^O01", "OMI^O23", "ORU^R01"} <= triggers


@pytest.mark.integration
def test_results_cover_preliminary_final_corrected_and_addenda(ci_out):
    statuses = set()
    for path in (ci_out / "hl7" / "results").rglob("*.hl7"):
        for text in hl7_messages(path):
            message = hl7.parse(text)
            obr = message.segment("OBR")
            statuses.add(str(obr[25]))
            if "ADDENDUM" in text:
                statuses.add("addendum")
    assert {"P", "F", "C", "addendum"} <= statuses


@pytest.mark.integration
def test_every_fhir_audit_event_validates(ci_out):
    r4 = r5 = 0
    for path in (ci_out / "audit" / "fhir").glob("*.ndjson"):
        for line in path.read_text(encoding="utf-8").splitlines():
            AuditEventR4.model_validate_json(line)
            r4 += 1
    for path in (ci_out / "audit" / "fhir").glob("*.json"):
        bundle = json.loads(path.read_text(encoding="utf-8"))
        for entry in bundle["entry"]:
            AuditEventR5.model_validate(entry["resource"])
            r5 += 1
    assert r4 > 0 and r5 > 0


class AuditSchema:
    """Enough of XSD to check the DICOM audit schema: sequences, choices, attributes."""

    def __init__(self, path: Path) -> None:
        root = ET.parse(path).getroot()
        self.elements = {e.get("name"): e for e in root.findall(f"{XS}element")}
        self.types = {t.get("name"): t for t in root.findall(f"{XS}complexType")}
        self.groups = {g.get("name"): g for g in root.findall(f"{XS}attributeGroup")}

    def _type(self, name: str):
        declaration = self.elements[name]
        inline = declaration.find(f"{XS}complexType")
        return inline if inline is not None else self.types.get(declaration.get("type"))

    def _attributes(self, node) -> list:
        found = list(node.findall(f"{XS}attribute"))
        for ref in node.findall(f"{XS}attributeGroup"):
            found += self._attributes(self.groups[ref.get("ref")])
        return found

    def check(self, element: ET.Element, problems: list[str]) -> None:
        kind = self._type(element.tag)
        if kind is None:
            return
        self._check_attributes(element, kind, problems)
        self._check_children(element, kind, problems)
        for child in element:
            if child.tag in self.elements:
                self.check(child, problems)

    def _check_attributes(self, element: ET.Element, kind, problems: list[str]) -> None:
        declared = {a.get("name"): a for a in self._attributes(kind)}
        for name, attribute in declared.items():
            value = element.get(name)
            if attribute.get("use") == "required" and value is None:
                problems.append(f"{element.tag} lacks @{name}")
            # A union admits other tokens besides its enumerations: only plain lists bind.
            allowed = [e.get("value") for e in attribute.iter(f"{XS}enumeration")]
            is_union = attribute.find(f".//{XS}union") is not None
            if value is not None and allowed and not is_union and value not in allowed:
                problems.append(f"{element.tag}/@{name}={value!r} not in {allowed}")
        problems.extend(f"{element.tag} has undeclared @{name}" for name in element.attrib if name not in declared)

    def _check_children(self, element: ET.Element, kind, problems: list[str]) -> None:
        children = list(element)
        sequence = kind.find(f"{XS}sequence")
        position = 0
        for particle in list(sequence) if sequence is not None else []:
            if particle.tag == f"{XS}element":
                names = {particle.get("ref") or particle.get("name")}
            else:
                names = {e.get("ref") for e in particle.findall(f"{XS}element")}
            maximum = particle.get("maxOccurs", "1")
            limit = len(children) if maximum == "unbounded" else int(maximum)
            count = 0
            while position < len(children) and children[position].tag in names and count < limit:
                count += 1
                position += 1
            if count < int(particle.get("minOccurs", "1")):
                problems.append(f"{element.tag} lacks {sorted(names)}")
        problems.extend(f"{element.tag} has unexpected <{extra.tag}>" for extra in children[position:])


def atna_documents(ci_out: Path) -> list[str]:
    documents = [p.read_text(encoding="utf-8") for p in (ci_out / "audit" / "atna").glob("*.xml")]
    for path in (ci_out / "audit" / "syslog").glob("*.log"):
        for line in path.read_text(encoding="utf-8").splitlines():
            match = SYSLOG.match(line)
            assert match, line[:120]
            documents.append(match.group(7))
    return documents


@pytest.mark.integration
def test_every_atna_message_matches_the_audit_schema(ci_out):
    if not SCHEMA.exists():
        pytest.skip(f"DICOM audit schema not found at {SCHEMA}")
    schema = AuditSchema(SCHEMA)
    documents = atna_documents(ci_out)
    event_ids = set()
    for document in documents:
        root = ET.fromstring(document)
        problems: list[str] = []
        schema.check(root, problems)
        assert problems == [], problems
        event_ids.add(root.find("EventIdentification/EventID").get("csd-code"))
    assert {"110103", "110104", "110106", "110113"} <= event_ids


@pytest.mark.integration
def test_viewer_log_lists_accesses_with_patient_and_study(ci_out):
    with open(ci_out / "audit" / "viewer_access.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows
    assert {"OPEN_STUDY", "EXPORT_STUDY", "BREAK_GLASS_OPEN"} <= {r["action"] for r in rows}
    assert all(r["study_instance_uid"].startswith("2.25.") for r in rows)

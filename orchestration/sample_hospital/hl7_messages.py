"""HL7 v2 messages around each study: registration, order, cancellation and results.

Northgate's RIS sends ORM^O01 (v2.3); Riverside's sends OMI^O23 (v2.5.1, IHE SWF with
the accession number and Study Instance UID in IPC). Results are ORU^R01 from each
department's reporting system: preliminary (OBR-25 P), final (F), corrected (C) and
addendum (C, with an addendum OBX). The accession number is in OBR-18 in every order
and result, as most RIS put it there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from orchestration.sample_hospital import report_text
from orchestration.sample_hospital.catalogue import TIMEZONE_OFFSET
from orchestration.sample_hospital.model import Staff, Study
from orchestration.sample_hospital.reference import HL7_PRIORITY

# Sending application of results, by department.
RESULT_APPLICATION = {
    "Radiology": "RIS",
    "Cardiology": "CVIS",
    "Pathology": "LIS",
    "Ophthalmology": "EHR",
    "Dermatology": "EHR",
    "Endoscopy": "EHR",
}
# HL7 table 0074 diagnostic service section by modality.
SERVICE_SECTION = {
    "CT": "CT",
    "MR": "MR",
    "US": "US",
    "DX": "RAD",
    "CR": "RAD",
    "MG": "RAD",
    "RF": "RAD",
    "XA": "VR",
    "NM": "NMS",
    "PT": "NMS",
    "ECG": "EC",
    "SM": "SP",
    "OP": "OTH",
    "OPT": "OTH",
    "XC": "OTH",
    "ES": "OTH",
}
FINDINGS = "18782-3^Radiology Study observation (narrative)^LN"
IMPRESSION = "19005-8^Radiology Imaging study [Impression] (narrative)^LN"
ADDENDUM = "ADDENDUM^Addendum^L"


@dataclass(frozen=True)
class Message:
    at: datetime
    institution: str
    stream: str  # adt | orders | results
    trigger: str
    segments: tuple[str, ...]


def ts(moment: datetime, version: str) -> str:
    stamp = moment.strftime("%Y%m%d%H%M%S")
    return stamp + TIMEZONE_OFFSET if version.startswith("2.5") else stamp


def _escape(text: str) -> str:
    for raw, escaped in (("\\", "\\E\\"), ("|", "\\F\\"), ("^", "\\S\\"), ("&", "\\T\\"), ("~", "\\R\\")):
        text = text.replace(raw, escaped)
    return text


def seg(name: str, fields: dict[int, str]) -> str:
    """A segment with each value at its field number (1-based), empty fields between."""
    values = [""] * max(fields)
    for number, value in fields.items():
        values[number - 1] = value
    return "|".join([name, *values])


def _xcn(person: Staff) -> str:
    return f"{person.user_id}^{person.family}^{person.given}"


class Builder:
    """Builds messages for one enterprise, numbering control IDs in the order asked."""

    def __init__(self, vips: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.control = 0
        # (PatientID, issuer) of VIPs: the EHR flags them in PV1-16 (VIP Indicator).
        self.vips = vips

    def _msh(self, study: Study, app: str, at: datetime, kind: str) -> str:
        self.control += 1
        inst = study.institution
        charset = "UNICODE UTF-8" if inst.charset == "ISO_IR 192" else "8859/1"
        return (
            f"MSH|^~\\&|{inst.key}_{app}|{inst.key}|LANTERN|{inst.key}|"
            f"{ts(at, inst.hl7_version)}||{kind}|{inst.key}{self.control:08d}|P|"
            f"{inst.hl7_version}||||||{charset}"
        )

    def _pid(self, study: Study) -> str:
        p = study.patient
        return (
            f"PID|1||{p.patient_id}^^^{p.issuer}^MR||{_escape(p.family)}^{_escape(p.given)}"
            f"||{p.birth_date:%Y%m%d}|{p.sex}"
        )

    def _pv1(self, study: Study) -> str:
        location = {"E": "ED^^^", "I": "WARD4^12^A^", "O": "OPD^^^"}[study.patient_class]
        fields = {
            1: "1",
            2: study.patient_class,
            3: f"{location}{study.institution.key}",
            8: _xcn(study.referrer),
            19: study.encounter_id,
        }
        if (study.patient.patient_id, study.patient.issuer) in self.vips:
            fields[16] = "VIP"
        return seg("PV1", fields)

    def admission(self, study: Study) -> Message:
        trigger = "A01" if study.patient_class == "I" else "A04"
        kind = f"ADT^{trigger}" + ("^ADT_A01" if study.institution.hl7_version >= "2.5" else "")
        at = study.registered_at
        evn = f"EVN|{trigger}|{ts(at, study.institution.hl7_version)}"
        segments = (self._msh(study, "ADT", at, kind), evn, self._pid(study), self._pv1(study))
        return Message(at, study.institution.key, "adt", trigger, segments)

    def _obr(self, study: Study, at: datetime, status: str = "") -> str:
        v = study.institution.hl7_version
        priority = HL7_PRIORITY[study.priority]
        fields = {
            1: "1",
            2: f"{study.accession}P",
            3: study.accession,
            4: f"{study.procedure_code}^{_escape(study.description)}^{study.institution.key}PROC",
            5: priority,
            6: ts(study.ordered_at, v),
            16: _xcn(study.referrer),
            18: study.accession,
            19: study.accession,
            24: SERVICE_SECTION[study.device.modality],
            27: f"^^^{ts(study.scheduled_at, v)}^^{priority}",
        }
        if status:
            reader = study.reader
            fields |= {
                7: ts(study.exam_start, v),
                22: ts(at, v),
                25: status,
                32: f"{reader.user_id}&{reader.family}&{reader.given}",
            }
        return seg("OBR", fields)

    def order(self, study: Study, control: str = "NW") -> Message:
        inst = study.institution
        v = inst.hl7_version
        at = study.ordered_at if control == "NW" else study.scheduled_at
        status = "SC" if control == "NW" else "CA"
        orc = seg(
            "ORC",
            {
                1: control,
                2: f"{study.accession}P",
                3: study.accession,
                5: status,
                7: f"^^^{ts(study.scheduled_at, v)}^^{HL7_PRIORITY[study.priority]}",
                9: ts(at, v),
                12: _xcn(study.referrer),
            },
        )
        if inst.order_message == "OMI^O23":
            kind = "OMI^O23^OMI_O23"
            tq1 = seg("TQ1", {1: "1", 7: ts(study.scheduled_at, v), 9: HL7_PRIORITY[study.priority]})
            ipc = (
                f"IPC|{study.accession}|{study.accession}R|{study.study_uid}|{study.accession}S|{study.device.modality}"
            )
            body = (orc, tq1, self._obr(study, at), ipc)
        else:
            kind = "ORM^O01"
            body = (orc, self._obr(study, at))
        head = (self._msh(study, "RIS", at, kind), self._pid(study), self._pv1(study))
        return Message(at, inst.key, "orders", f"{kind[:7]}-{control}", head + body)

    def result(self, study: Study, status: str, at: datetime, addendum: bool = False) -> Message:
        v = study.institution.hl7_version
        if status == "P":
            findings, impression = report_text.preliminary_text(study)
        else:
            findings, impression = report_text.final_text(study)
        if status == "C" and not addendum:
            impression = f"{report_text.CORRECTION} {impression}"
        radiology = study.department == "Radiology"
        codes = (FINDINGS, IMPRESSION) if radiology else ("FIND^Findings^L", "IMP^Impression^L")
        values = [
            ("ST", "113014^DICOM Study^DCM", study.study_uid),
            ("TX", codes[0], _escape(findings)),
            ("TX", codes[1], _escape(impression)),
        ]
        if addendum:
            values.append(("TX", ADDENDUM, report_text.ADDENDUM))
        obx = [
            seg("OBX", {1: str(n), 2: vt, 3: code, 5: value, 11: status, 14: ts(at, v)})
            for n, (vt, code, value) in enumerate(values, start=1)
        ]
        kind = "ORU^R01" + ("^ORU_R01" if v >= "2.5" else "")
        head = (
            self._msh(study, RESULT_APPLICATION[study.department], at, kind),
            self._pid(study),
            self._pv1(study),
            f"ORC|RE|{study.accession}P|{study.accession}||CM",
            self._obr(study, at, status),
        )
        trigger = "ORU-addendum" if addendum else f"ORU-{status}"
        return Message(at, study.institution.key, "results", trigger, head + tuple(obx))

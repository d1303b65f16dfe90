"""DICOM PS3.15 / IHE ATNA AuditMessage XML for archive events.

Messages follow the DICOM audit schema (shared/data/audit/schema) element by element,
in the style of dcm4chee-arc's messages: the requesting user, the archive, the study
(with accession and SOP class counts) and the patient as participant objects.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from orchestration.sample_hospital.audit_events import (
    BREAK_GLASS,
    EXPORT,
    STORE,
    VIEW,
    AccessEvent,
)
from orchestration.sample_hospital.catalogue import TIMEZONE_OFFSET
from orchestration.sample_hospital.image_kinds import KINDS
from orchestration.sample_hospital.model import Patient, Study

ARCHIVE_AE = {"NGH": "NGHPACS", "RCH": "RCHVNA"}
# (EventID code, meaning, EventActionCode) by action.
EVENTS = {
    STORE: ("110104", "DICOM Instances Transferred", "C"),
    VIEW: ("110103", "DICOM Instances Accessed", "R"),
    EXPORT: ("110106", "Export", "R"),
    BREAK_GLASS: ("110113", "Security Alert", "E"),
}
EMERGENCY_OVERRIDE = ("110127", "Emergency Override Started")


def iso(event: AccessEvent) -> str:
    offset = f"{TIMEZONE_OFFSET[:3]}:{TIMEZONE_OFFSET[3:]}"
    return event.at.strftime("%Y-%m-%dT%H:%M:%S.000") + offset


def _code(parent: ET.Element, tag: str, code: str, meaning: str, system: str = "DCM") -> None:
    ET.SubElement(parent, tag, {"csd-code": code, "codeSystemName": system, "originalText": meaning})


def _participant(parent, user_id, requestor, *, role=None, name=None, address=None) -> None:
    attributes = {"UserID": user_id}
    if name:
        attributes["UserName"] = name
    attributes["UserIsRequestor"] = "true" if requestor else "false"
    if address:
        attributes |= {"NetworkAccessPointID": address, "NetworkAccessPointTypeCode": "2"}
    element = ET.SubElement(parent, "ActiveParticipant", attributes)
    if role:
        _code(element, "RoleIDCode", *role)


def _study_object(parent: ET.Element, study: Study) -> None:
    element = ET.SubElement(
        parent,
        "ParticipantObjectIdentification",
        {
            "ParticipantObjectID": study.study_uid,
            "ParticipantObjectTypeCode": "2",
            "ParticipantObjectTypeCodeRole": "3",
        },
    )
    _code(element, "ParticipantObjectIDTypeCode", "110180", "Study Instance UID")
    description = ET.SubElement(element, "ParticipantObjectDescription")
    ET.SubElement(description, "Accession", {"Number": study.accession})
    counts: dict[str, int] = {}
    for series in study.series:
        counts[series.kind] = counts.get(series.kind, 0) + series.instances
    for kind, count in sorted(counts.items()):
        if kind in KINDS:
            ET.SubElement(description, "SOPClass", {"UID": KINDS[kind].sop_class_uid, "NumberOfInstances": str(count)})
    contains = ET.SubElement(description, "ParticipantObjectContainsStudy")
    ET.SubElement(contains, "StudyIDs", {"UID": study.study_uid})


def _patient_object(parent: ET.Element, patient: Patient) -> None:
    element = ET.SubElement(
        parent,
        "ParticipantObjectIdentification",
        {
            "ParticipantObjectID": f"{patient.patient_id}^^^{patient.issuer}",
            "ParticipantObjectTypeCode": "1",
            "ParticipantObjectTypeCodeRole": "1",
        },
    )
    _code(element, "ParticipantObjectIDTypeCode", "2", "Patient Number", "RFC-3881")
    ET.SubElement(element, "ParticipantObjectName").text = patient.dicom_name
    description = ET.SubElement(element, "ParticipantObjectDescription")
    ET.SubElement(description, "ParticipantObjectContainsStudy")


def message(event: AccessEvent) -> ET.Element:
    code, meaning, action = EVENTS[event.action]
    institution = event.studies[0].institution.key
    root = ET.Element("AuditMessage")
    outcome = "4" if event.action == BREAK_GLASS else "0"
    identification = ET.SubElement(
        root,
        "EventIdentification",
        {
            "EventActionCode": action,
            "EventDateTime": iso(event),
            "EventOutcomeIndicator": outcome,
        },
    )
    _code(identification, "EventID", code, meaning)
    if event.action == BREAK_GLASS:
        _code(identification, "EventTypeCode", *EMERGENCY_OVERRIDE)
        ET.SubElement(identification, "EventOutcomeDescription").text = event.reason
    archive = ARCHIVE_AE[institution]
    user = event.user
    if event.action == STORE:
        _participant(root, user.user_id, True, role=("110153", "Source Role ID"), address=event.workstation)
        _participant(root, archive, False, role=("110152", "Destination Role ID"))
    else:
        _participant(root, user.user_id, True, name=f"{user.given} {user.family}", address=event.workstation)
        _participant(root, archive, False, role=("110153", "Source Role ID"))
    source = ET.SubElement(
        root,
        "AuditSourceIdentification",
        {
            "AuditEnterpriseSiteID": institution,
            "AuditSourceID": archive,
        },
    )
    ET.SubElement(source, "AuditSourceTypeCode", {"csd-code": "4"})
    for study in event.studies:
        _study_object(root, study)
    for patient in dict.fromkeys(study.patient for study in event.studies):
        _patient_object(root, patient)
    return root


def to_xml(event: AccessEvent, pretty: bool) -> str:
    root = message(event)
    if pretty:
        ET.indent(root, space="    ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>' + ("\n" if pretty else "") + body

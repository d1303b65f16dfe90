"""FHIR AuditEvent resources from the two EHRs: Northgate's speaks R4, Riverside's R5.

The same access is shaped differently by each release (R4 `type`/`purposeOfEvent`,
R5 `category`/`code`/`authorization`), which is what an ingest of both has to map.
"""

from __future__ import annotations

from orchestration.sample_hospital.atna import iso
from orchestration.sample_hospital.audit_events import BREAK_GLASS, AccessEvent

DCM = "http://dicom.nema.org/resources/ontology/DCM"
ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason"
INTERACTION = "http://hl7.org/fhir/restful-interaction"
MRN_SYSTEM = "urn:lantern:sample-hospital:mrn:{issuer}"
USER_SYSTEM = "urn:lantern:sample-hospital:user:{institution}"
PATIENT_RECORD = {"system": DCM, "code": "110110", "display": "Patient Record"}


def _purpose(event: AccessEvent) -> dict:
    code = "BTG" if event.action == BREAK_GLASS else "TREAT"
    display = "break the glass" if code == "BTG" else "treatment"
    return {"coding": [{"system": ACT_REASON, "code": code, "display": display}]}


def _who(event: AccessEvent) -> dict:
    user = event.user
    return {
        "identifier": {"system": USER_SYSTEM.format(institution=user.institution), "value": user.user_id},
        "display": f"{user.given} {user.family}",
    }


def _patient(event: AccessEvent) -> dict:
    patient = event.patient
    return {
        "identifier": {"system": MRN_SYSTEM.format(issuer=patient.issuer), "value": patient.patient_id},
        "display": f"{patient.family}, {patient.given}",
    }


def _study_entity(event: AccessEvent, r5: bool) -> dict:
    study = event.studies[0]
    detail_type = {"text": "AccessionNumber"} if r5 else "AccessionNumber"
    return {
        "what": {"identifier": {"system": "urn:dicom:uid", "value": f"urn:oid:{study.study_uid}"}},
        "detail": [{"type": detail_type, "valueString": study.accession}],
    }


def r4(event: AccessEvent) -> dict:
    resource = {
        "resourceType": "AuditEvent",
        "id": event.event_id,
        "type": PATIENT_RECORD,
        "subtype": [{"system": INTERACTION, "code": "read", "display": "read"}],
        "action": "R",
        "recorded": iso(event),
        "outcome": "0",
        "purposeOfEvent": [_purpose(event)],
        "agent": [
            {
                "who": _who(event),
                "requestor": True,
                "role": [{"text": event.user.role}],
                "network": {"address": event.workstation, "type": "2"},
            }
        ],
        "source": {"site": event.user.institution, "observer": {"display": "NGH EHR"}},
        "entity": [
            {
                "what": _patient(event),
                "role": {
                    "system": "http://terminology.hl7.org/CodeSystem/object-role",
                    "code": "1",
                    "display": "Patient",
                },
            },
            _study_entity(event, r5=False),
        ],
    }
    if event.reason:
        resource["outcomeDesc"] = event.reason
    return resource


def r5(event: AccessEvent) -> dict:
    resource = {
        "resourceType": "AuditEvent",
        "id": event.event_id,
        "category": [{"coding": [PATIENT_RECORD]}],
        "code": {"coding": [{"system": INTERACTION, "code": "read", "display": "read"}]},
        "action": "R",
        "recorded": iso(event),
        "outcome": {
            "code": {
                "system": "http://terminology.hl7.org/CodeSystem/audit-event-outcome",
                "code": "0",
                "display": "Success",
            }
        },
        "authorization": [_purpose(event)],
        "patient": _patient(event),
        "agent": [
            {
                "who": _who(event),
                "requestor": True,
                "role": [{"text": event.user.role}],
                "networkString": event.workstation,
            }
        ],
        "source": {"site": {"display": event.user.institution}, "observer": {"display": "RCH EHR"}},
        "entity": [{"what": _patient(event)}, _study_entity(event, r5=True)],
    }
    if event.reason:
        resource["outcome"]["detail"] = [{"text": event.reason}]
    return resource

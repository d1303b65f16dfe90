"""Who touched which record, when: normal access around each study plus anomalies.

Normal use: the modality stores the images, the reader opens them before signing, the
referrer opens them after the final report, and the referrer's EHR session reads the
patient record when ordering. Anomalies are injected on top and listed in the ground
truth: a VIP record opened with no order or care relationship, a look-up of a patient
who shares the user's surname, an after-hours bulk export, and a break-glass access.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from orchestration.sample_hospital import ids, reference
from orchestration.sample_hospital.model import Patient, Staff, Study
from orchestration.sample_hospital.timeline import Enterprise

STORE, VIEW, RECORD, EXPORT, BREAK_GLASS = "store", "view", "record", "export", "break_glass"
# Share of final reports after which the referrer opens the images.
REFERRER_VIEW_RATE = 0.6
# Share of orders for which the EHR logs the referrer reading the patient record.
ORDER_RECORD_RATE = 0.5
# Anomalies of each kind: about one per this many studies, at least two.
STUDIES_PER_ANOMALY = 200
BULK_EXPORT_STUDIES = (25, 40)


@dataclass(frozen=True)
class AccessEvent:
    event_id: str
    at: datetime
    action: str
    user: Staff
    patient: Patient
    studies: tuple[Study, ...]
    # Where the event is logged: archive (ATNA), ehr (FHIR R4), viewer (CSV + FHIR R5).
    source: str
    workstation: str
    anomaly: str | None = None
    reason: str = ""
    # Identifies one anomalous incident across the feeds that log it.
    incident: str = ""


def _workstation(user: Staff) -> str:
    octet = int.from_bytes(ids.digest("ws", user.user_id)[:1], "big")
    subnet = 10 if user.institution == "NGH" else 20
    return f"10.{subnet}.{octet // 16}.{octet % 200 + 20}"


def _event(seed, at, action, user, studies, *, source, anomaly=None, reason="", incident=0) -> AccessEvent:
    key = (action, user.user_id, at.isoformat(), tuple(s.study_uid for s in studies), source)
    return AccessEvent(
        event_id=ids.uid(seed, "audit", *key).split(".")[-1][-32:],
        at=at,
        action=action,
        user=user,
        patient=studies[0].patient,
        studies=tuple(studies),
        source=source,
        workstation=_workstation(user),
        anomaly=anomaly,
        reason=reason,
        incident=f"{anomaly}-{incident}" if anomaly else "",
    )


def _device_user(study: Study) -> Staff:
    """The modality as an audit participant (its AE title stands in for a user)."""
    return Staff(study.device.station, study.device.model, "", "device", study.institution.key, study.department)


def normal_events(enterprise: Enterprise) -> list[AccessEvent]:
    seed = enterprise.seed
    events = []
    for study in enterprise.studies:
        draw = ids.rng(seed, "audit", study.index)
        if study.has_order and draw.random() < ORDER_RECORD_RATE:
            events.append(_event(seed, study.ordered_at, RECORD, study.referrer, [study], source="ehr"))
        if not study.has_images:
            continue
        stored = study.exam_end + timedelta(minutes=int(draw.integers(1, 6)))
        events.append(_event(seed, stored, STORE, _device_user(study), [study], source="archive"))
        first_read = study.preliminary_at or study.final_at
        if first_read:
            opened = max(first_read - timedelta(minutes=int(draw.integers(3, 20))), stored + timedelta(minutes=1))
            for source in ("viewer", "archive"):
                events.append(_event(seed, opened, VIEW, study.reader, [study], source=source))
        if study.final_at and draw.random() < REFERRER_VIEW_RATE:
            seen = study.final_at + timedelta(minutes=int(draw.integers(10, 600)))
            events.append(_event(seed, seen, VIEW, study.referrer, [study], source="viewer"))
    return events


def _count(enterprise: Enterprise) -> int:
    return max(2, len(enterprise.studies) // STUDIES_PER_ANOMALY)


def _vip_lookups(enterprise: Enterprise, imaged: list[Study], draw) -> list[AccessEvent]:
    clerks = [u for u in enterprise.staff if u.role in ("nurse", "clerk")]
    vip_studies = [s for s in imaged if (s.patient.patient_id, s.patient.issuer) in enterprise.vips]
    events = []
    for i in range(_count(enterprise)):
        study = vip_studies[i % len(vip_studies)]
        user = clerks[int(draw.integers(len(clerks)))]
        at = study.final_at + timedelta(hours=int(draw.integers(2, 72)))
        for source in ("viewer", "archive"):
            kind = "vip_lookup_without_order"
            events.append(_event(enterprise.seed, at, VIEW, user, [study], source=source, anomaly=kind, incident=i))
    return events


def _same_surname_lookups(enterprise: Enterprise, imaged: list[Study], draw) -> list[AccessEvent]:
    by_surname: dict[str, Study] = {}
    for study in imaged:
        by_surname.setdefault(study.patient.family, study)
    matches = [
        (user, by_surname[user.family])
        for user in enterprise.staff
        if user.family in by_surname and user not in (by_surname[user.family].referrer, by_surname[user.family].reader)
    ]
    events = []
    for i in range(min(_count(enterprise), len(matches))):
        user, study = matches[int(draw.integers(len(matches)))] if i else matches[0]
        at = study.final_at + timedelta(hours=int(draw.integers(1, 48)))
        kind = "same_surname_lookup"
        events.append(_event(enterprise.seed, at, RECORD, user, [study], source="ehr", anomaly=kind, incident=i))
        later = at + timedelta(minutes=2)
        events.append(_event(enterprise.seed, later, VIEW, user, [study], source="viewer", anomaly=kind, incident=i))
    return events


def _bulk_exports(enterprise: Enterprise, imaged: list[Study], draw) -> list[AccessEvent]:
    readers = [u for u in enterprise.staff if u.role in ("radiologist", "physician")]
    kind = "after_hours_bulk_export"
    events = []
    for i in range(_count(enterprise)):
        user = readers[int(draw.integers(len(readers)))]
        size = min(len(imaged), int(draw.integers(*BULK_EXPORT_STUDIES)))
        chosen = [imaged[j] for j in sorted(draw.choice(len(imaged), size=size, replace=False))]
        night = max(s.final_at for s in chosen).date() + timedelta(days=1)
        at = datetime.combine(night, time(int(draw.integers(1, 4)), int(draw.integers(60))))
        for offset, study in enumerate(chosen):
            moment = at + timedelta(seconds=20 * offset)
            events.append(
                _event(enterprise.seed, moment, EXPORT, user, [study], source="viewer", anomaly=kind, incident=i)
            )
        events.append(_event(enterprise.seed, at, EXPORT, user, chosen, source="archive", anomaly=kind, incident=i))
    return events


def _break_glass(enterprise: Enterprise, imaged: list[Study], draw) -> list[AccessEvent]:
    clerks = [u for u in enterprise.staff if u.role in ("nurse", "clerk")]
    reason = "Emergency: patient deteriorating, treating clinician unavailable"
    events = []
    for i in range(_count(enterprise)):
        study = imaged[int(draw.integers(len(imaged)))]
        user = clerks[int(draw.integers(len(clerks)))]
        at = study.exam_end + timedelta(minutes=int(draw.integers(30, 600)))
        for source in ("ehr", "viewer", "archive"):
            events.append(
                _event(
                    enterprise.seed,
                    at,
                    BREAK_GLASS,
                    user,
                    [study],
                    source=source,
                    anomaly="break_glass",
                    reason=reason,
                    incident=i,
                )
            )
    return events


def anomalies(enterprise: Enterprise) -> list[AccessEvent]:
    draw = ids.rng(enterprise.seed, "anomalies")
    # Anomalies follow reported studies, early enough that they happen within the period.
    cutoff = enterprise.as_of - timedelta(days=reference.ANOMALY_LEAD_DAYS)
    imaged = [s for s in enterprise.studies if s.has_images and s.final_at and s.final_at < cutoff]
    return [
        *_vip_lookups(enterprise, imaged, draw),
        *_same_surname_lookups(enterprise, imaged, draw),
        *_bulk_exports(enterprise, imaged, draw),
        *_break_glass(enterprise, imaged, draw),
    ]


def plan(enterprise: Enterprise) -> list[AccessEvent]:
    """All events up to the end of the period, in time order."""
    events = normal_events(enterprise) + anomalies(enterprise)
    events = [e for e in events if e.at < enterprise.as_of]
    return sorted(events, key=lambda e: (e.at, e.event_id))

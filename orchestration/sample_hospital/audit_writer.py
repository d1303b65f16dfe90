"""Write the audit feeds: archive ATNA (syslog and XML spool), EHR FHIR, viewer CSV.

- audit/syslog/nghpacs-YYYYMMDD.log: Northgate's PACS sends ATNA over syslog; one
  RFC 5424 line per message (PRI authpriv, MSGID IHE+RFC-3881, BOM then the XML).
- audit/atna/rchvna-<event>.xml: Riverside's VNA spools one AuditMessage per file.
- audit/fhir/ngh-ehr-auditevent-r4-YYYYMMDD.ndjson: Northgate's EHR, R4, one per line.
- audit/fhir/rch-ehr-auditevent-r5-<week>.json: Riverside's EHR, R5 Bundles by week.
- audit/viewer_access.csv: the enterprise viewer's access log.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from pathlib import Path

from orchestration.sample_hospital import atna, fhir_audit
from orchestration.sample_hospital.audit_events import BREAK_GLASS, EXPORT, AccessEvent

# RFC 5424 PRI = facility x 8 + severity: authpriv (10), notice (5) or warning (4).
PRI_NOTICE, PRI_WARNING = 85, 84
VIEWER_COLUMNS = [
    "timestamp",
    "user_id",
    "user_name",
    "user_role",
    "workstation_ip",
    "action",
    "patient_id",
    "issuer_of_patient_id",
    "patient_name",
    "accession_number",
    "study_instance_uid",
    "modality",
    "image_count",
    "outcome",
    "reason",
]
VIEWER_ACTION = {"view": "OPEN_STUDY", EXPORT: "EXPORT_STUDY", BREAK_GLASS: "BREAK_GLASS_OPEN"}


def syslog_line(event: AccessEvent) -> str:
    pri = PRI_WARNING if event.action == BREAK_GLASS else PRI_NOTICE
    host = "nghpacs.ngh.example.org"
    body = atna.to_xml(event, pretty=False)
    return f"<{pri}>1 {atna.iso(event)} {host} NGHPACS 4711 IHE+RFC-3881 - \ufeff{body}\n"


def _viewer_row(event: AccessEvent) -> list[str]:
    study = event.studies[0]
    patient = event.patient
    return [
        atna.iso(event),
        event.user.user_id,
        f"{event.user.given} {event.user.family}",
        event.user.role,
        event.workstation,
        VIEWER_ACTION[event.action],
        patient.patient_id,
        patient.issuer,
        patient.dicom_name,
        study.accession,
        study.study_uid,
        study.device.modality,
        str(sum(s.instances for s in study.series)),
        "SUCCESS",
        event.reason,
    ]


def write(out: Path, events: list[AccessEvent]) -> int:
    """Write every event to its feed; returns the number of files written."""
    files: dict[Path, list[str]] = defaultdict(list)
    bundles: dict[Path, list[dict]] = defaultdict(list)
    viewer = io.StringIO()
    rows = csv.writer(viewer, lineterminator="\n")
    rows.writerow(VIEWER_COLUMNS)
    for event in events:
        day = f"{event.at:%Y%m%d}"
        institution = event.studies[0].institution.key
        if event.source == "archive" and institution == "NGH":
            files[out / "audit" / "syslog" / f"nghpacs-{day}.log"].append(syslog_line(event))
        elif event.source == "archive":
            name = f"rchvna-{day}-{event.event_id}.xml"
            files[out / "audit" / "atna" / name].append(atna.to_xml(event, pretty=True) + "\n")
        elif event.source == "ehr" and event.patient.issuer == "NGH":
            line = json.dumps(fhir_audit.r4(event), ensure_ascii=False) + "\n"
            files[out / "audit" / "fhir" / f"ngh-ehr-auditevent-r4-{day}.ndjson"].append(line)
        elif event.source == "ehr":
            week = f"{event.at:%G-W%V}"
            path = out / "audit" / "fhir" / f"rch-ehr-auditevent-r5-{week}.json"
            bundles[path].append({"resource": fhir_audit.r5(event)})
        else:
            rows.writerow(_viewer_row(event))
    for path, entries in bundles.items():
        bundle = {"resourceType": "Bundle", "type": "collection", "entry": entries}
        files[path].append(json.dumps(bundle, ensure_ascii=False, indent=1) + "\n")
    files[out / "audit" / "viewer_access.csv"].append(viewer.getvalue())
    for path, parts in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(parts), encoding="utf-8")
    return len(files)

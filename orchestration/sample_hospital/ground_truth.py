"""The ground truth written beside the data: what was generated, landed and injected.

Tables (Parquet, under ground_truth/): studies, files, counts, defects, anomalies,
patients, users, procedures, and the SR tables of ground_truth_sr (ai_algorithms,
ai_results, findings, dose_events, dose_exams); plus kpis.json (expected KPI values)
and summary.json.
Study counts follow the warehouse's definitions: a study counts if any of its files
lands; its primary modality is the most frequent Modality among its landed image
instances (documents SR, KO, PR, SEG, DOC ignored, ties broken alphabetically, falling
back to any modality when a study has only documents); its department is the
InstitutionalDepartmentName its files carry.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from orchestration.sample_hospital import ground_truth_sr, kpis, kpis_sr, protocols
from orchestration.sample_hospital.audit_events import VIEW, AccessEvent
from orchestration.sample_hospital.defects import Defect
from orchestration.sample_hospital.hl7_messages import Message
from orchestration.sample_hospital.model import FileRecord
from orchestration.sample_hospital.timeline import Enterprise

DOCUMENT_MODALITIES = frozenset({"SR", "KO", "PR", "SEG", "DOC"})


def primary_modality(modalities: list[str]) -> str | None:
    images = [m for m in modalities if m not in DOCUMENT_MODALITIES] or modalities
    if not images:
        return None
    counts = Counter(images)
    return min(counts, key=lambda m: (-counts[m], m))


def _minutes(later, earlier):
    if later is None or earlier is None or pd.isna(later) or pd.isna(earlier):
        return None
    return round((later - earlier).total_seconds() / 60, 3)


def studies_table(enterprise: Enterprise, records: list[FileRecord], events) -> pd.DataFrame:
    landed = defaultdict(list)
    for record in records:
        if record.lands:
            landed[record.study_uid].append(record)
    first_view = {}
    for event in events:
        if event.action == VIEW and event.anomaly is None:
            for study in event.studies:
                first_view.setdefault(study.study_uid, event.at)
    rows = []
    for s in enterprise.studies:
        files = landed.get(s.study_uid, [])
        acquired = [r.acquired_at for r in files if r.acquired_at is not None]
        first, last = (min(acquired), max(acquired)) if acquired else (None, None)
        dose = s.dose
        rows.append(
            {
                "study_instance_uid": s.study_uid,
                "accession_number": s.accession,
                "patient_id": s.patient.patient_id,
                "issuer_of_patient_id": s.patient.issuer,
                "institution": s.institution.key,
                "institution_name": s.institution.name,
                "department": s.department,
                "protocol": s.protocol,
                "procedure_code": s.procedure_code,
                "study_description": s.description,
                "dicom_study_description": s.dicom_description or s.description,
                "primary_modality": primary_modality([r.modality for r in files]),
                "device_station": s.device.station,
                "priority": s.priority,
                "patient_class": s.patient_class,
                "ordered_at": s.ordered_at,
                "scheduled_at": s.scheduled_at,
                "first_acquired_at": first,
                "last_acquired_at": last,
                "preliminary_at": s.preliminary_at,
                "final_at": s.final_at,
                "corrected_at": s.corrected_at,
                "addendum_at": s.addendum_at,
                "first_viewed_at": first_view.get(s.study_uid),
                "preliminary_changed": s.preliminary_changed if s.preliminary_at else None,
                "has_order": s.has_order,
                "order_cancelled": s.order_cancelled,
                "has_images": s.has_images,
                "has_report": s.final_at is not None,
                "lands": bool(files),
                "landed_files": len(files),
                "landed_bytes": sum(r.size_bytes for r in files),
                "ctdivol_mgy": dose.ctdivol_mgy if dose else None,
                "dlp_mgy_cm": dose.dlp_mgy_cm if dose else None,
                "dap_gy_cm2": dose.dap_gy_cm2 if dose else None,
                "reference_ctdivol_mgy": dose.reference_ctdivol_mgy if dose else None,
                "reference_dlp_mgy_cm": dose.reference_dlp_mgy_cm if dose else None,
                "reference_dap_gy_cm2": dose.reference_dap_gy_cm2 if dose else None,
                "dose_above_reference": dose.above_reference if dose else None,
                "order_to_exam_minutes": _minutes(first, s.ordered_at) if s.has_order else None,
                "turnaround_minutes": _minutes(s.final_at, last),
                "study_date": first.date() if first else None,
            }
        )
    return pd.DataFrame(rows)


def counts_table(studies: pd.DataFrame) -> pd.DataFrame:
    landed = studies[studies["lands"]]
    keys = ["institution", "department", "primary_modality", "study_date"]
    grouped = landed.groupby(keys, sort=True).agg(
        studies=("study_instance_uid", "count"),
        instances=("landed_files", "sum"),
        size_bytes=("landed_bytes", "sum"),
    )
    return grouped.reset_index()


def anomalies_table(events: list[AccessEvent]) -> pd.DataFrame:
    rows = [
        {
            "incident": e.incident,
            "kind": e.anomaly,
            "event_id": e.event_id,
            "source": e.source,
            "action": e.action,
            "occurred_at": e.at,
            "user_id": e.user.user_id,
            "user_role": e.user.role,
            "patient_id": e.patient.patient_id,
            "issuer_of_patient_id": e.patient.issuer,
            "study_instance_uid": e.studies[0].study_uid,
            "accession_number": e.studies[0].accession,
            "study_count": len(e.studies),
        }
        for e in events
        if e.anomaly
    ]
    return pd.DataFrame(rows)


def _write(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table.replace_schema_metadata(None), path)


def write(
    out: Path,
    enterprise: Enterprise,
    *,
    records: list[FileRecord],
    found: list[Defect],
    events: list[AccessEvent],
    messages: list[Message],
) -> dict:
    folder = out / "ground_truth"
    folder.mkdir(parents=True, exist_ok=True)
    studies = studies_table(enterprise, records, events)
    anomalies = anomalies_table(events)
    sr_tables = {
        "ai_algorithms": ground_truth_sr.ai_algorithms_table(),
        "ai_results": ground_truth_sr.ai_results_table(enterprise, studies),
        "findings": ground_truth_sr.findings_table(enterprise),
        "dose_events": ground_truth_sr.dose_events_table(enterprise),
        "dose_exams": ground_truth_sr.dose_exams_table(enterprise),
    }
    tables = {
        "studies": studies,
        "files": pd.DataFrame([r.__dict__ for r in records]),
        "counts": counts_table(studies),
        "defects": pd.DataFrame([d.__dict__ for d in found]),
        "anomalies": anomalies,
        "patients": pd.DataFrame(
            [
                {
                    "patient_id": p.patient_id,
                    "issuer_of_patient_id": p.issuer,
                    "patient_name": p.dicom_name,
                    "patient_sex": p.sex,
                    "birth_date": p.birth_date,
                    "is_vip": (p.patient_id, p.issuer) in enterprise.vips,
                }
                for p in enterprise.patients
            ]
        ),
        "users": pd.DataFrame([u.__dict__ for u in enterprise.staff]),
        "procedures": pd.DataFrame(
            [
                {
                    "procedure_code": p.code,
                    "study_description": p.description,
                    "department": p.department,
                    "modality": p.modality,
                    "body_part": p.body_part,
                }
                for p in protocols.PROTOCOLS
            ]
        ),
        **sr_tables,
    }
    for name, frame in tables.items():
        _write(frame, folder / f"{name}.parquet")
    expected = kpis.compute(studies, anomalies, enterprise.as_of)
    expected |= kpis_sr.compute(sr_tables["ai_results"], sr_tables["ai_algorithms"], studies, sr_tables["dose_exams"])
    (folder / "kpis.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
    summary = {
        "scale": enterprise.scale.name,
        "seed": enterprise.seed,
        "as_of": enterprise.as_of.isoformat(),
        "studies_planned": len(studies),
        "landed_studies": int(studies["lands"].sum()),
        "files": len(records),
        "hl7_messages": len(messages),
        "hl7_messages_by_type": dict(sorted(Counter(m.trigger for m in messages).items())),
        "audit_events": len(events),
        "defects": dict(sorted(Counter(d.kind for d in found).items())),
        "anomalies": anomalies["incident"].nunique() if len(anomalies) else 0,
        "ai_results": len(sr_tables["ai_results"]),
        "coded_findings_reports": sum(1 for s in enterprise.studies if s.reading and s.reading.coded_at),
    }
    (folder / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    return summary

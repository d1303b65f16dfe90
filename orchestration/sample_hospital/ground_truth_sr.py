"""Ground-truth tables of what the SR documents carry, for the findings, dose and AI marts.

- ai_algorithms: one row per algorithm release: identity, finding codes, eligible
  procedure codes, the performance it was drawn with.
- ai_results: one row per AI result (TID 1500, device observer), beside the radiologist's
  finding for the same study and finding (from the coded report, when there is one) and
  the agreement outcome (TP, FP, FN, TN) that follows.
- findings: one row per numeric measurement (NUM) and qualitative evaluation (CODE) of
  every TID 1500 measurement group, AI's and radiologists' alike.
- dose_events: one row per irradiation event of every dose SR, values as written.
- dose_exams: one row per dose SR: its accumulated totals, the reference levels the
  generator draws around, and which of them the exam exceeds.
"""

from __future__ import annotations

import pandas as pd

from orchestration.sample_hospital import dose_events, protocols
from orchestration.sample_hospital.ai_algorithms import ALGORITHMS, BY_KEY
from orchestration.sample_hospital.model import Observation, Study
from orchestration.sample_hospital.sr_measurement import evaluations, measurements
from orchestration.sample_hospital.sr_writer import (
    AI_RESULT_SERIES,
    CODED_FINDINGS_SERIES,
    DOSE_SERIES,
    sop_instance_uid,
)
from orchestration.sample_hospital.timeline import Enterprise

CODE_BY_PROTOCOL = {p.key: p.code for p in protocols.PROTOCOLS}
DEVICE, PERSON = "device", "person"


def _minutes(later, earlier) -> float | None:
    return None if later is None else round((later - earlier).total_seconds() / 60, 3)


def ai_algorithms_table() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "algorithm_key": a.key,
                "algorithm_name": a.name,
                "algorithm_version": r.version,
                "released_on": r.released_on,
                "manufacturer": a.manufacturer,
                "model_name": a.model,
                "device_serial_number": a.serial,
                "device_observer_name": a.station,
                "device_observer_uid": a.device_uid,
                "finding_type_code": a.finding.value,
                "finding_site_code": a.site.value,
                "measurement_code": a.measure.concept.value,
                "unit_code": a.measure.unit.value,
                "critical_category_code": a.critical.value if a.critical else None,
                "procedure_codes": sorted(CODE_BY_PROTOCOL[key] for key in a.prevalence),
                "sensitivity": r.sensitivity,
                "specificity": r.specificity,
                "coverage": a.coverage,
            }
            for a in ALGORITHMS
            for r in a.releases
        ]
    )


def _outcome(ai: Observation, radiologist: Observation) -> str:
    if ai.present:
        return "TP" if radiologist.present else "FP"
    return "FN" if radiologist.present else "TN"


def _status(study: Study) -> str:
    if study.reading.coded_at is not None:
        return "coded"
    return "unreported" if study.final_at is None else "free_text_only"


def ai_results_table(enterprise: Enterprise, studies: pd.DataFrame) -> pd.DataFrame:
    modality = studies.set_index("study_instance_uid")["primary_modality"]
    rows = []
    for study in enterprise.studies:
        reading = study.reading
        if reading is None or reading.ai is None:
            continue
        algorithm = BY_KEY[reading.algorithm]
        ai, coded = reading.ai, reading.coded_at is not None
        radiologist = reading.radiologist if coded else None
        critical = algorithm.critical is not None
        rows.append(
            {
                "study_instance_uid": study.study_uid,
                "accession_number": study.accession,
                "sop_instance_uid": sop_instance_uid(study, AI_RESULT_SERIES),
                "algorithm_name": algorithm.name,
                "algorithm_version": ai.version,
                "device_observer_uid": algorithm.device_uid,
                "finding_type_code": algorithm.finding.value,
                "unit_code": algorithm.measure.unit.value,
                "ai_present": ai.observation.present,
                "ai_value": ai.observation.value,
                "ai_critical": critical and ai.observation.present,
                "ai_result_at": ai.at,
                "result_month": ai.at.strftime("%Y-%m"),
                "primary_modality": modality[study.study_uid],
                "priority": study.priority,
                "final_at": study.final_at,
                "final_minutes_after_result": _minutes(study.final_at, ai.at),
                "radiologist_status": _status(study),
                "radiologist_sop_instance_uid": sop_instance_uid(study, CODED_FINDINGS_SERIES) if coded else None,
                "radiologist_coded_at": reading.coded_at,
                "radiologist_present": radiologist.present if coded else None,
                "radiologist_value": radiologist.value if coded else None,
                "radiologist_critical": (critical and radiologist.present) if coded else None,
                "outcome": _outcome(ai.observation, radiologist) if coded else None,
                "agreement": (
                    ("agree" if ai.observation.present == radiologist.present else "disagree") if coded else None
                ),
            }
        )
    return pd.DataFrame(rows)


def _finding_rows(study: Study, observer: str) -> list[dict]:
    reading = study.reading
    algorithm = BY_KEY[reading.algorithm]
    if observer == DEVICE:
        observation, at, series = reading.ai.observation, reading.ai.at, AI_RESULT_SERIES
        name, algorithm_name, version = algorithm.station, algorithm.name, reading.ai.version
    else:
        observation, at, series = reading.radiologist, reading.coded_at, CODED_FINDINGS_SERIES
        name, algorithm_name, version = study.reader.dicom_name, None, None
    base = {
        "study_instance_uid": study.study_uid,
        "sop_instance_uid": sop_instance_uid(study, series),
        "observer_type": observer,
        "observer_name": name,
        "algorithm_name": algorithm_name,
        "algorithm_version": version,
        "observed_at": at,
        "finding_type_code": algorithm.finding.value,
        "finding_type_scheme": algorithm.finding.scheme_designator,
        "finding_site_code": algorithm.site.value,
        "finding_site_scheme": algorithm.site.scheme_designator,
    }
    rows = [
        _item(base, "NUM", concept, numeric=value, unit=unit)
        for concept, value, unit in measurements(algorithm, observation)
    ]
    rows += [_item(base, "CODE", concept, code=value) for concept, value in evaluations(algorithm, observation)]
    return rows


def _item(base: dict, value_type: str, concept, *, numeric=None, unit=None, code=None) -> dict:
    return {
        **base,
        "value_type": value_type,
        "concept_code": concept.value,
        "concept_scheme": concept.scheme_designator,
        "concept_meaning": concept.meaning,
        "numeric_value": numeric,
        "unit_code": unit.value if unit else None,
        "value_code": code.value if code else None,
        "value_scheme": code.scheme_designator if code else None,
    }


def findings_table(enterprise: Enterprise) -> pd.DataFrame:
    rows = []
    for study in enterprise.studies:
        reading = study.reading
        if reading is not None and reading.ai is not None:
            rows += _finding_rows(study, DEVICE)
        if reading is not None and reading.coded_at is not None:
            rows += _finding_rows(study, PERSON)
    return pd.DataFrame(rows)


def _dosed(enterprise: Enterprise) -> list[Study]:
    return [s for s in enterprise.studies if s.has_images and s.dose is not None]


def _gy_cm2(gy_m2: float | None) -> float | None:
    return None if gy_m2 is None else round(gy_m2 * dose_events.CM2_PER_M2, 10)


def dose_events_table(enterprise: Enterprise) -> pd.DataFrame:
    rows = [
        {
            "study_instance_uid": study.study_uid,
            "accession_number": study.accession,
            "sop_instance_uid": sop_instance_uid(study, DOSE_SERIES),
            "template_id": dose_events.totals(study).template,
            "irradiation_event_uid": event.uid,
            "event_kind": event.kind,
            "acquisition_protocol": event.protocol,
            "started_at": event.started_at,
            "ctdivol_mgy": event.ctdivol_mgy,
            "dlp_mgy_cm": event.dlp_mgy_cm,
            "dap_gy_cm2": _gy_cm2(event.dap_gy_m2),
        }
        for study in _dosed(enterprise)
        for event in dose_events.events(study)
    ]
    return pd.DataFrame(rows)


def _above(value: float | None, reference: float | None) -> bool | None:
    return None if value is None or reference is None else value > reference


def dose_exams_table(enterprise: Enterprise) -> pd.DataFrame:
    rows = []
    for study in _dosed(enterprise):
        totals, dose = dose_events.totals(study), study.dose
        ctdivol = max((e.ctdivol_mgy for e in dose_events.events(study) if e.ctdivol_mgy is not None), default=None)
        dap = _gy_cm2(totals.dap_gy_m2)
        flags = {
            "above_ctdivol_reference": _above(ctdivol, dose.reference_ctdivol_mgy),
            "above_dlp_reference": _above(totals.dlp_mgy_cm, dose.reference_dlp_mgy_cm),
            "above_dap_reference": _above(dap, dose.reference_dap_gy_cm2),
        }
        rows.append(
            {
                "study_instance_uid": study.study_uid,
                "accession_number": study.accession,
                "sop_instance_uid": sop_instance_uid(study, DOSE_SERIES),
                "template_id": totals.template,
                "protocol": study.protocol,
                "procedure_code": study.procedure_code,
                "device_station": study.device.station,
                "event_count": totals.count,
                "ctdivol_mgy": ctdivol,
                "dlp_total_mgy_cm": totals.dlp_mgy_cm,
                "dap_total_gy_cm2": dap,
                "reference_ctdivol_mgy": dose.reference_ctdivol_mgy,
                "reference_dlp_mgy_cm": dose.reference_dlp_mgy_cm,
                "reference_dap_gy_cm2": dose.reference_dap_gy_cm2,
                **flags,
                "above_reference": any(flags.values()),
            }
        )
    return pd.DataFrame(rows)

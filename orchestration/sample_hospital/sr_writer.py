"""Write a study's SR documents: dose report, AI result, text report, coded findings."""

from __future__ import annotations

from pathlib import Path

from pydicom.uid import ExplicitVRLittleEndian

from orchestration.sample_hospital import dicom_common, dose_events, ids, report_text, sr_measurement
from orchestration.sample_hospital.ai_algorithms import BY_KEY
from orchestration.sample_hospital.dicom_writer import study_folder
from orchestration.sample_hospital.model import FileRecord, SeriesPlan, Study
from orchestration.sample_hospital.sr_content import document
from orchestration.sample_hospital.sr_dose import (
    DOSE_REPORT,
    XRAY_RADIATION_DOSE_SR,
    ct_content,
    projection_content,
)
from orchestration.sample_hospital.sr_text import (
    BASIC_TEXT_SR,
    IMAGING_REPORT,
    report_content,
    verify,
)

DOSE_SERIES = 990
AI_RESULT_SERIES = 991
TEXT_SERIES = 992
CODED_FINDINGS_SERIES = 993


def _series_uid(study: Study, number: int) -> str:
    return ids.uid(study.study_uid, "sr", number)


def _series(study: Study, number: int, description: str) -> SeriesPlan:
    return SeriesPlan(_series_uid(study, number), number, "sr", description, "", 1, 1)


def sop_instance_uid(study: Study, number: int) -> str:
    """The SOP Instance UID of the study's SR in series `number` (one instance each)."""
    return ids.uid(_series_uid(study, number), "instance", 0)


def _write(out: Path, study: Study, series: SeriesPlan, ds) -> FileRecord:
    folder = out / study_folder(study) / f"S{series.number:03d}"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "I0001.dcm"
    data = dicom_common.encode(ds, ExplicitVRLittleEndian)
    path.write_bytes(data)
    return FileRecord(
        path=path.relative_to(out).as_posix(),
        study_uid=study.study_uid,
        series_uid=series.uid,
        sop_instance_uid=str(ds.SOPInstanceUID),
        sop_class_uid=str(ds.SOPClassUID),
        modality="SR",
        size_bytes=len(data),
        transfer_syntax=ExplicitVRLittleEndian,
    )


def dose_report(out: Path, study: Study) -> FileRecord:
    series = _series(study, DOSE_SERIES, "Radiation Dose Information")
    children = ct_content(study) if dose_events.is_ct(study) else projection_content(study)
    ds = document(
        study,
        study.device,
        series,
        sop_class_uid=XRAY_RADIATION_DOSE_SR,
        title=DOSE_REPORT,
        children=children,
        template_id=dose_events.totals(study).template,
        when=study.exam_end,
    )
    return _write(out, study, series, ds)


def ai_result_report(out: Path, study: Study) -> FileRecord:
    algorithm = BY_KEY[study.reading.algorithm]
    series = _series(study, AI_RESULT_SERIES, f"{algorithm.name} results")
    return _write(out, study, series, sr_measurement.ai_report(study, series))


def coded_findings_report(out: Path, study: Study) -> FileRecord:
    series = _series(study, CODED_FINDINGS_SERIES, "Coded findings")
    return _write(out, study, series, sr_measurement.radiologist_report(study, series))


def text_report(out: Path, study: Study) -> FileRecord:
    series = _series(study, TEXT_SERIES, "Radiology Report")
    findings, impression = report_text.final_text(study)
    ds = document(
        study,
        study.device,
        series,
        sop_class_uid=BASIC_TEXT_SR,
        title=IMAGING_REPORT,
        children=report_content(study, findings, impression),
        template_id="2000",
        when=study.final_at,
    )
    verify(ds, study, study.final_at)
    return _write(out, study, series, ds)

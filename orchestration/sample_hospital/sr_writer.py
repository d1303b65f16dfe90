"""Write a study's SR documents: dose report, AI measurement report, text report."""

from __future__ import annotations

from pathlib import Path

from pydicom.uid import ExplicitVRLittleEndian

from orchestration.sample_hospital import dicom_common, ids, report_text, sr_measurement
from orchestration.sample_hospital.dicom_writer import study_folder
from orchestration.sample_hospital.image_kinds import KINDS
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
MEASUREMENT_SERIES = 991
TEXT_SERIES = 992


def _series(study: Study, number: int, description: str) -> SeriesPlan:
    return SeriesPlan(ids.uid(study.study_uid, "sr", number), number, "sr", description, "", 1, 1)


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
    if study.dose.ctdivol_mgy is not None:
        _, children = ct_content(study)
        template = "10011"
    else:
        _, children = projection_content(study)
        template = "10001"
    ds = document(
        study,
        study.device,
        series,
        sop_class_uid=XRAY_RADIATION_DOSE_SR,
        title=DOSE_REPORT,
        children=children,
        template_id=template,
        when=study.exam_end,
    )
    return _write(out, study, series, ds)


def measurement_report(out: Path, study: Study) -> FileRecord:
    series = _series(study, MEASUREMENT_SERIES, sr_measurement.series_description())
    image_series = next(s for s in study.series if s.kind == "ct" and "scout" not in s.description.lower())
    image_uid = ids.uid(image_series.uid, "instance", image_series.instances // 2)
    ds = sr_measurement.build(study, series, image_series, image_uid, KINDS["ct"].sop_class_uid)
    return _write(out, study, series, ds)


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
    verify(ds, study)
    return _write(out, study, series, ds)

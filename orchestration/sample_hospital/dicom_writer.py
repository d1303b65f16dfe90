"""Write a study's image series as DICOM Part 10 files of realistic logical size."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pydicom import Dataset
from pydicom.uid import ExplicitVRLittleEndian, JPEG2000Lossless, JPEGBaseline8Bit

from orchestration.sample_hospital import (
    dicom_common,
    dicom_enhanced,
    dicom_iods,
    dicom_nuclear,
    dicom_ophthalmic,
    dicom_projection,
    dicom_waveform,
    ids,
    pixels,
)
from orchestration.sample_hospital.dicom_iods import Slot
from orchestration.sample_hospital.image_kinds import ARCHIVE, JPEG, KINDS, ImageKind
from orchestration.sample_hospital.model import FileRecord, SeriesPlan, Study

# kind: (series module function, instance module function, has a Frame of Reference)
MODULES = {
    "ct": (dicom_iods.ct_series, dicom_iods.ct_instance, True),
    "mr": (dicom_iods.mr_series, dicom_iods.mr_instance, True),
    "us": (dicom_iods.us_series, dicom_iods.us_instance, False),
    "us_cine": (dicom_iods.us_series, dicom_iods.us_instance, False),
    "xc": (dicom_iods.photo_series, dicom_iods.photo_instance, False),
    "es": (dicom_iods.photo_series, dicom_iods.photo_instance, False),
    "cr": (dicom_projection.projection_series, dicom_projection.projection_instance, False),
    "dx": (dicom_projection.projection_series, dicom_projection.projection_instance, False),
    "mg": (dicom_projection.projection_series, dicom_projection.projection_instance, False),
    "xa": (dicom_projection.xray_series, dicom_projection.xray_instance, False),
    "rf": (dicom_projection.xray_series, dicom_projection.xray_instance, False),
    "nm": (dicom_nuclear.nm_series, dicom_nuclear.nm_instance, False),
    "pt": (dicom_nuclear.pt_series, dicom_nuclear.pt_instance, True),
    "bto": (dicom_enhanced.bto_series, dicom_enhanced.bto_instance, True),
    "sm": (dicom_enhanced.sm_series, dicom_enhanced.sm_instance, True),
    "op": (dicom_ophthalmic.op_series, dicom_ophthalmic.op_instance, False),
    "opt": (dicom_ophthalmic.opt_series, dicom_ophthalmic.opt_instance, True),
}

# A hook the defect injector uses to alter a dataset before it is encoded.
DatasetHook = Callable[[Dataset, Slot], None]


def transfer_syntax(kind: ImageKind, study: Study, frames: int) -> str:
    if kind.encoding == JPEG:
        return JPEGBaseline8Bit
    if kind.encoding == ARCHIVE and study.institution.archive_encoding == "jpeg2000":
        return JPEG2000Lossless if frames == 1 else ExplicitVRLittleEndian
    return ExplicitVRLittleEndian


def study_folder(study: Study) -> str:
    return f"dicom/{study.institution.key}/{study.department}/{study.exam_start:%Y/%m/%d}/{study.accession}"


def series_slots(study: Study, series: SeriesPlan, position: int, count: int) -> list[Slot]:
    """The instances of a series, spread evenly over its share of the exam."""
    kind = KINDS.get(series.kind)
    span = (study.exam_end - study.exam_start) / count
    start = study.exam_start + span * position
    step = span / max(series.instances, 1)
    return [Slot(study, series, kind, i, series.frames, start + step * i) for i in range(series.instances)]


def write_series(
    out: Path,
    study: Study,
    series: SeriesPlan,
    *,
    position: int,
    count: int,
    hook: DatasetHook | None = None,
) -> list[FileRecord]:
    """Write every instance of one series; `position` of `count` places it in the exam."""
    folder = out / study_folder(study) / f"S{series.number:03d}"
    folder.mkdir(parents=True, exist_ok=True)
    if series.kind == "ecg":
        return [dicom_waveform.write_ecg(out, folder, study, series, hook)]
    kind = KINDS[series.kind]
    series_fn, instance_fn, has_frame_of_reference = MODULES[series.kind]
    slots = series_slots(study, series, position, count)
    template = dicom_common.series_dataset(study, series, kind.modality, study.device)
    if has_frame_of_reference:
        dicom_common.frame_of_reference(template, study)
    series_fn(template, slots[0])
    encoder = dicom_common.SeriesEncoder(template)
    return [_write_instance(out, folder, encoder, instance_fn, slot, hook=hook) for slot in slots]


def _write_instance(out, folder, encoder, instance_fn, slot: Slot, *, hook) -> FileRecord:
    kind = slot.kind
    ds = encoder.instance()
    sop_uid = ids.uid(slot.series.uid, "instance", slot.index)
    dicom_common.instance_identity(ds, kind.sop_class_uid, sop_uid, slot.index + 1)
    dicom_common.content_time(ds, slot.acquired)
    instance_fn(ds, slot)
    if hook:
        hook(ds, slot)
    syntax = transfer_syntax(kind, slot.study, slot.frames)
    header = encoder.encode(ds, syntax)
    path = folder / f"I{slot.index + 1:04d}.dcm"
    frame_bytes = dicom_common.frame_bytes(ds)
    frames = int(ds.get("NumberOfFrames", 1))
    if syntax == ExplicitVRLittleEndian:
        vr = b"OB" if kind.bits_allocated == 8 else b"OW"
        size = pixels.write_native(path, header, frame_bytes, frames, vr)
    else:
        size = pixels.write_encapsulated(path, header, frame_bytes, frames, kind.compression_ratio)
    return FileRecord(
        path=path.relative_to(out).as_posix(),
        study_uid=slot.study.study_uid,
        series_uid=slot.series.uid,
        sop_instance_uid=sop_uid,
        sop_class_uid=kind.sop_class_uid,
        modality=ds.Modality,
        size_bytes=size,
        transfer_syntax=syntax,
        acquired_at=slot.acquired,
    )

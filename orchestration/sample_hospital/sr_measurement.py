"""TID 1500 measurement reports: an AI algorithm's result and the radiologist's coded findings.

Both are Comprehensive 3D SR documents whose content tree highdicom builds (it encodes
the template), and both use the same finding codes, so AI and radiologist can be
compared per study and finding from the DICOM alone. They differ in the observer (a
device, TID 1004, with TID 4019 Algorithm Identification in each measurement group; or a
person, TID 1003) and in status: the AI's result is preliminary and unverified, the
radiologist's final and verified. A present finding is a region group (TID 1410 planar,
or TID 1411 volumetric over adjacent slices) with its measurement; an absent one is a
group without a region (TID 1501) whose qualitative evaluation says so.

The document around the tree comes from `sr_content.document`, as for the dose and text
reports, rather than from highdicom's SOP class: that class re-parses and deep-copies
the tree and reads the clock, three quarters of the cost of a report.
"""

from __future__ import annotations

from datetime import datetime

import highdicom as hd
import numpy as np
from pydicom import Dataset
from pydicom.sequence import Sequence
from pydicom.sr.codedict import codes
from pydicom.sr.coding import Code
from pydicom.uid import Comprehensive3DSRStorage

from orchestration.sample_hospital import ids, sr_codes
from orchestration.sample_hospital.ai_algorithms import BY_KEY, Algorithm
from orchestration.sample_hospital.image_kinds import KINDS, ImageKind
from orchestration.sample_hospital.model import Device, Observation, SeriesPlan, Study
from orchestration.sample_hospital.sr_content import document
from orchestration.sample_hospital.sr_text import verify

# The reporting system that archives the radiologist's coded findings as SR.
REPORTING_SYSTEM = Device(
    key="reporting-system",
    institution="",
    department="Radiology",
    modality="SR",
    manufacturer="Meridian Health IT",
    model="Meridian Reporting",
    software="7.4.2",
    serial="MRS-0042",
    station="RISREPORT",
)
# Slices a volumetric region spans; the pixel size that turns a diameter into a radius.
VOLUMETRIC_SLICES = 3
CT_PIXEL_MM = 0.7

KeyImages = tuple[ImageKind, SeriesPlan, list[str]]


def measurements(algorithm: Algorithm, observation: Observation) -> list[tuple[Code, float, Code]]:
    """(concept, value, unit) of each numeric measurement of a group."""
    if not observation.present:
        return []
    return [(algorithm.measure.concept, observation.value, algorithm.measure.unit)]


def evaluations(algorithm: Algorithm, observation: Observation) -> list[tuple[Code, Code]]:
    """(concept, value) of each qualitative evaluation: presence, then the critical flag."""
    items = [(sr_codes.PRESENCE, sr_codes.PRESENT if observation.present else sr_codes.ABSENT)]
    if observation.present and algorithm.critical is not None:
        items.append((sr_codes.PRIORITY, algorithm.critical))
    return items


def ai_report(study: Study, series: SeriesPlan) -> Dataset:
    algorithm = BY_KEY[study.reading.algorithm]
    result = study.reading.ai
    identity = hd.sr.AlgorithmIdentification(
        name=algorithm.name, version=result.version, manufacturer=algorithm.manufacturer
    )
    observer = hd.sr.ObserverContext(
        observer_type=codes.DCM.Device,
        observer_identifying_attributes=hd.sr.DeviceObserverIdentifyingAttributes(
            uid=algorithm.device_uid,
            name=algorithm.station,
            manufacturer_name=algorithm.manufacturer,
            model_name=algorithm.model,
            serial_number=algorithm.serial,
        ),
    )
    images = _key_images(study, algorithm)
    group = _group(study, algorithm, result.observation, images, observer="ai", identity=identity)
    context = hd.sr.ObservationContext(observer_device_context=observer)
    device = Device(
        key=algorithm.key,
        institution="",
        department="Radiology",
        modality="SR",
        manufacturer=algorithm.manufacturer,
        model=algorithm.model,
        software=result.version,
        serial=algorithm.serial,
        station=algorithm.station,
    )
    sr = _document(study, series, _report(algorithm, context, group), images, device=device, when=result.at)
    sr.PreliminaryFlag = "PRELIMINARY"
    return sr


def radiologist_report(study: Study, series: SeriesPlan) -> Dataset:
    algorithm = BY_KEY[study.reading.algorithm]
    reader = study.reader
    observer = hd.sr.ObserverContext(
        observer_type=codes.DCM.Person,
        observer_identifying_attributes=hd.sr.PersonObserverIdentifyingAttributes(
            name=reader.dicom_name,
            login_name=reader.user_id,
            organization_name=study.institution.name,
            role_in_organization=sr_codes.CONSULTANT,
        ),
    )
    images = _key_images(study, algorithm)
    group = _group(study, algorithm, study.reading.radiologist, images, observer="radiologist", identity=None)
    context = hd.sr.ObservationContext(observer_person_context=observer)
    coded_at = study.reading.coded_at
    sr = _document(study, series, _report(algorithm, context, group), images, device=REPORTING_SYSTEM, when=coded_at)
    verify(sr, study, coded_at)
    return sr


def _key_images(study: Study, algorithm: Algorithm) -> KeyImages:
    """The images a finding is measured on: the middle of the first diagnostic series."""
    series = next(s for s in study.series if s.kind in KINDS and "scout" not in s.description.lower())
    count = VOLUMETRIC_SLICES if algorithm.roi == "volumetric" else 1
    first = max(0, min(series.instances // 2 - count // 2, series.instances - count))
    indexes = range(first, min(series.instances, first + count))
    return KINDS[series.kind], series, [ids.uid(series.uid, "instance", i) for i in indexes]


def _region(kind: ImageKind, algorithm: Algorithm, value: float, sop_uid: str) -> hd.sr.ImageRegion:
    source = hd.sr.SourceImageForRegion(kind.sop_class_uid, sop_uid)
    if kind.modality == "CT":
        # A circle around the lesion: its diameter where that is what is measured.
        radius = value / 2 / CT_PIXEL_MM if algorithm.measure.concept == sr_codes.DIAMETER else 20.0
        centre = (kind.columns * 0.6, kind.rows * 0.45)
        data = np.array([centre, (centre[0] + radius, centre[1])])
        return hd.sr.ImageRegion(graphic_type=hd.sr.GraphicTypeValues.CIRCLE, graphic_data=data, source_image=source)
    # On a radiograph, the outline of the apical air space (a closed polygon).
    x, y = kind.columns, kind.rows
    data = np.array([[0.15 * x, 0.1 * y], [0.35 * x, 0.1 * y], [0.3 * x, 0.3 * y], [0.15 * x, 0.1 * y]])
    return hd.sr.ImageRegion(graphic_type=hd.sr.GraphicTypeValues.POLYLINE, graphic_data=data, source_image=source)


def _group(study: Study, algorithm: Algorithm, observation: Observation, images: KeyImages, *, observer, identity):
    kind, _, uids = images
    common = {
        "tracking_identifier": hd.sr.TrackingIdentifier(
            uid=ids.uid(study.study_uid, "finding", algorithm.key, observer), identifier=algorithm.finding.meaning
        ),
        "finding_type": algorithm.finding,
        "finding_sites": [hd.sr.FindingSite(algorithm.site)],
        "algorithm_id": identity,
        "measurements": [hd.sr.Measurement(name=c, value=v, unit=u) for c, v, u in measurements(algorithm, observation)]
        or None,
        "qualitative_evaluations": [hd.sr.QualitativeEvaluation(c, v) for c, v in evaluations(algorithm, observation)],
    }
    if not observation.present:
        sources = [hd.sr.SourceImageForMeasurementGroup(kind.sop_class_uid, uid) for uid in uids]
        return hd.sr.MeasurementsAndQualitativeEvaluations(**common, source_images=sources)
    regions = [_region(kind, algorithm, observation.value, uid) for uid in uids]
    if algorithm.roi == "volumetric":
        return hd.sr.VolumetricROIMeasurementsAndQualitativeEvaluations(**common, referenced_regions=regions)
    return hd.sr.PlanarROIMeasurementsAndQualitativeEvaluations(**common, referenced_region=regions[0])


def _report(algorithm: Algorithm, context: hd.sr.ObservationContext, group) -> hd.sr.MeasurementReport:
    return hd.sr.MeasurementReport(
        observation_context=context,
        procedure_reported=algorithm.procedure_reported,
        imaging_measurements=[group],
    )


def _document(study, series, report, images: KeyImages, *, device: Device, when: datetime) -> Dataset:
    root = report[0]
    title = root.ConceptNameCodeSequence[0]
    ds = document(
        study,
        device,
        series,
        sop_class_uid=Comprehensive3DSRStorage,
        title=(title.CodeValue, title.CodingSchemeDesignator, title.CodeMeaning),
        children=list(root.ContentSequence),
        template_id="1500",
        when=when,
    )
    ds.CurrentRequestedProcedureEvidenceSequence = _evidence(study, images)
    return ds


def _evidence(study: Study, images: KeyImages) -> Sequence:
    """The images the report references (Hierarchical SOP Instance Reference Macro)."""
    kind, image_series, uids = images
    instances = []
    for uid in uids:
        instance = Dataset()
        instance.ReferencedSOPClassUID = kind.sop_class_uid
        instance.ReferencedSOPInstanceUID = uid
        instances.append(instance)
    series = Dataset()
    series.SeriesInstanceUID = image_series.uid
    series.ReferencedSOPSequence = Sequence(instances)
    evidence = Dataset()
    evidence.StudyInstanceUID = study.study_uid
    evidence.ReferencedSeriesSequence = Sequence([series])
    return Sequence([evidence])

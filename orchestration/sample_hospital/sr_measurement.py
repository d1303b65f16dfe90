"""TID 1500 measurement reports of lung nodules, written by an AI detection device.

Built with highdicom, which encodes the template. highdicom stamps creation and
verification times from the clock, so those are reset to the study's own times to keep
output deterministic; every UID it would otherwise draw at random is passed in.
"""

from __future__ import annotations

import highdicom as hd
import numpy as np
from pydicom import Dataset
from pydicom.sr.codedict import codes

from orchestration.sample_hospital import dicom_common, ids
from orchestration.sample_hospital.dicom_common import da, dt, tm
from orchestration.sample_hospital.model import Device, SeriesPlan, Study

# The AI device: an observer of type Device, so the warehouse can tell its findings from
# the radiologist's (SPEC §6 KPI 20).
AI_DEVICE = Device(
    key="ai-lung-nodule",
    institution="",
    department="Radiology",
    modality="SR",
    manufacturer="Northgate AI Lab",
    model="NoduleFinder",
    software="2.3.1",
    serial="NAI-0001",
    station="AINODULE",
)


def _evidence(study: Study, image_series: SeriesPlan, image_uid: str, sop_class: str) -> Dataset:
    ds = dicom_common.series_dataset(study, image_series, "CT", study.device)
    dicom_common.instance_identity(ds, sop_class, image_uid, 1)
    return ds


def build(study: Study, series: SeriesPlan, image_series: SeriesPlan, image_uid: str, sop_class: str) -> Dataset:
    """The measurement report of one nodule on one image of `image_series`."""
    region = hd.sr.ImageRegion(
        graphic_type=hd.sr.GraphicTypeValues.CIRCLE,
        graphic_data=np.array([[256.0, 240.0], [256.0 + study.lung_nodule_mm / 1.4, 240.0]]),
        source_image=hd.sr.SourceImageForRegion(sop_class, image_uid),
    )
    diameter = hd.sr.Measurement(
        name=codes.SCT.Diameter,
        value=study.lung_nodule_mm,
        unit=codes.UCUM.Millimeter,
    )
    group = hd.sr.PlanarROIMeasurementsAndQualitativeEvaluations(
        tracking_identifier=hd.sr.TrackingIdentifier(
            uid=ids.uid(study.study_uid, "nodule-tracking"), identifier="Nodule 1"
        ),
        referenced_region=region,
        finding_type=codes.SCT.Nodule,
        finding_sites=[hd.sr.FindingSite(codes.SCT.Lung)],
        measurements=[diameter],
    )
    observer = hd.sr.ObserverContext(
        observer_type=codes.DCM.Device,
        observer_identifying_attributes=hd.sr.DeviceObserverIdentifyingAttributes(
            uid=ids.uid(AI_DEVICE.key),
            name=AI_DEVICE.station,
            manufacturer_name=AI_DEVICE.manufacturer,
            model_name=AI_DEVICE.model,
            serial_number=AI_DEVICE.serial,
        ),
    )
    report = hd.sr.MeasurementReport(
        observation_context=hd.sr.ObservationContext(observer_device_context=observer),
        procedure_reported=codes.LN.CTUnspecifiedBodyRegion,
        imaging_measurements=[group],
    )
    sr = hd.sr.Comprehensive3DSR(
        evidence=[_evidence(study, image_series, image_uid, sop_class)],
        content=report,
        series_instance_uid=series.uid,
        series_number=series.number,
        sop_instance_uid=ids.uid(series.uid, "instance", 0),
        instance_number=1,
        manufacturer=AI_DEVICE.manufacturer,
        is_complete=True,
        institution_name=study.institution.name,
        institutional_department_name=study.department,
        specific_character_set=study.institution.charset,
    )
    _stamp(sr, study)
    return sr


def _stamp(sr: Dataset, study: Study) -> None:
    """Deterministic times and the equipment and identity attributes highdicom omits."""
    when = study.exam_end
    for prefix in ("InstanceCreation", "Content", "Series"):
        setattr(sr, f"{prefix}Date", da(when))
        setattr(sr, f"{prefix}Time", tm(when))
    for contributor in sr.get("ContributingEquipmentSequence", []):
        contributor.ContributionDateTime = dt(when)
    sr.IssuerOfPatientID = study.patient.issuer
    sr.StudyDescription = study.description
    sr.SeriesDescription = series_description()
    sr.StationName = AI_DEVICE.station
    sr.ManufacturerModelName = AI_DEVICE.model
    sr.DeviceSerialNumber = AI_DEVICE.serial
    sr.SoftwareVersions = AI_DEVICE.software


def series_description() -> str:
    return f"{AI_DEVICE.model} measurements"

"""Modules every generated DICOM object shares: patient, study, series, equipment, SOP.

A series is built once as a template and each instance is a shallow copy with its own
instance-level elements added, because building ~80 elements per file is most of the
cost of writing a small object.
"""

from __future__ import annotations

import struct
from datetime import date, datetime
from functools import cache

from pydicom import Dataset
from pydicom.sequence import Sequence
from pydicom.uid import ExplicitVRLittleEndian

from orchestration.sample_hospital import encoding, ids
from orchestration.sample_hospital.model import Device, SeriesPlan, Study

# Implementation identity written in every file's meta header (PS3.7 §D.3.3.2).
IMPLEMENTATION_CLASS_UID = ids.uid("lantern", "sample-hospital", "implementation")
IMPLEMENTATION_VERSION = "LANTERN_SH_1"


def da(value: date | datetime) -> str:
    return value.strftime("%Y%m%d")


def tm(value: datetime) -> str:
    return value.strftime("%H%M%S")


def dt(value: datetime) -> str:
    return value.strftime("%Y%m%d%H%M%S")


@cache
def code(value: str, scheme: str, meaning: str) -> Dataset:
    """A code item; cached, since one item may sit in any number of sequences."""
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


@cache
def code_sequence(value: str, scheme: str, meaning: str) -> Sequence:
    return Sequence([code(value, scheme, meaning)])


def age(study: Study) -> str:
    born = study.patient.birth_date
    on = study.exam_start.date()
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return f"{years:03d}Y"


def study_dataset(study: Study, modality: str, device: Device) -> Dataset:
    """Patient, General Study, Patient Study, General Equipment and the series' modality."""
    ds = Dataset()
    ds.SpecificCharacterSet = study.institution.charset
    ds.StudyDate = da(study.exam_start)
    ds.StudyTime = tm(study.exam_start)
    ds.AccessionNumber = study.accession
    ds.Modality = modality
    ds.Manufacturer = device.manufacturer
    ds.InstitutionName = study.institution.name
    ds.ReferringPhysicianName = study.referrer.dicom_name
    ds.StationName = device.station
    ds.StudyDescription = study.dicom_description or study.description
    ds.InstitutionalDepartmentName = study.department
    ds.ManufacturerModelName = device.model
    ds.PatientName = study.patient.dicom_name
    ds.PatientID = study.patient.patient_id
    ds.IssuerOfPatientID = study.patient.issuer
    ds.PatientBirthDate = da(study.patient.birth_date)
    ds.PatientSex = study.patient.sex
    ds.PatientAge = age(study)
    ds.DeviceSerialNumber = device.serial
    ds.SoftwareVersions = device.software
    ds.StudyInstanceUID = study.study_uid
    ds.StudyID = study.accession[-8:]
    return ds


def series_dataset(study: Study, series: SeriesPlan, modality: str, device: Device) -> Dataset:
    """The study dataset plus General Series; series time is the exam start."""
    ds = study_dataset(study, modality, device)
    ds.SeriesDate = da(study.exam_start)
    ds.SeriesTime = tm(study.exam_start)
    ds.SeriesDescription = series.description
    ds.OperatorsName = study.technologist.dicom_name
    ds.SeriesInstanceUID = series.uid
    ds.SeriesNumber = series.number
    if series.body_part:
        ds.BodyPartExamined = series.body_part
    # DX and MG carry ImageLaterality instead (both together is an error).
    if series.laterality and series.kind not in ("dx", "mg", "bto"):
        ds.Laterality = series.laterality
    return ds


def frame_of_reference(ds: Dataset, study: Study) -> None:
    ds.FrameOfReferenceUID = ids.uid(study.study_uid, "frame-of-reference")
    ds.PositionReferenceIndicator = ""


def instance_identity(ds: Dataset, sop_class_uid: str, sop_instance_uid: str, number: int) -> None:
    ds.SOPClassUID = sop_class_uid
    ds.SOPInstanceUID = sop_instance_uid
    ds.InstanceNumber = number


def content_time(ds: Dataset, when: datetime) -> None:
    ds.InstanceCreationDate = da(when)
    ds.InstanceCreationTime = tm(when)
    ds.ContentDate = da(when)
    ds.ContentTime = tm(when)


def frame_bytes(ds: Dataset) -> int:
    return ds.Rows * ds.Columns * ds.SamplesPerPixel * ds.BitsAllocated // 8


class SeriesEncoder:
    """Encodes a series' template once; each instance re-encodes only what it added.

    Instance module functions only add elements to their copy of the template (they
    never change an element the series set), so an element still identical to the
    template's reuses the template's bytes.
    """

    def __init__(self, template: Dataset) -> None:
        self.template = template
        self.codec = encoding.codec_for(template)
        self.encoded = {element.tag: encoding.encode_element(element, self.codec) for element in template.elements()}

    def instance(self) -> Dataset:
        """A new dataset holding the template's elements (shared, not copied)."""
        return Dataset({element.tag: element for element in self.template.elements()})

    def encode(self, ds: Dataset, transfer_syntax: str) -> bytes:
        parts = []
        for tag in sorted(ds.keys()):
            element = ds[tag]
            if self.template.get_item(tag) is element:
                parts.append(self.encoded[tag])
            else:
                parts.append(encoding.encode_element(element, self.codec))
        return _meta(ds, transfer_syntax) + b"".join(parts)


def _meta(ds: Dataset, transfer_syntax: str) -> bytes:
    """Preamble, "DICM" and the File Meta Information group with its group length."""
    meta = Dataset()
    meta.FileMetaInformationVersion = b"\x00\x01"
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = transfer_syntax
    meta.ImplementationClassUID = IMPLEMENTATION_CLASS_UID
    meta.ImplementationVersionName = IMPLEMENTATION_VERSION
    body = encoding.encode_dataset(meta, "ascii")
    group_length = struct.pack("<HH2sHI", 0x0002, 0x0000, b"UL", 4, len(body))
    return b"\x00" * 128 + b"DICM" + group_length + body


def encode(ds: Dataset, transfer_syntax: str = ExplicitVRLittleEndian) -> bytes:
    """The Part 10 bytes of a dataset (preamble, meta header, data set)."""
    return _meta(ds, transfer_syntax) + encoding.encode_dataset(ds, encoding.codec_for(ds))

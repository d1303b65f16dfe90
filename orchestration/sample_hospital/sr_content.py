"""SR content items (PS3.3 §C.17.3) and the document modules hand-built SRs share.

The dose and text reports are built directly with pydicom: their templates are flat
and a few helpers make them read like the template tables in PS3.16.
"""

from __future__ import annotations

from datetime import datetime

from pydicom import Dataset
from pydicom.sequence import Sequence

from orchestration.sample_hospital import dicom_common, ids
from orchestration.sample_hospital.dicom_common import code, code_sequence, dt
from orchestration.sample_hospital.model import Device, SeriesPlan, Study

Code = tuple[str, str, str]

# Standard codes used by more than one template.
OBSERVER_TYPE: Code = ("121005", "DCM", "Observer Type")
DEVICE: Code = ("121007", "DCM", "Device")
PERSON: Code = ("121006", "DCM", "Person")
LANGUAGE: Code = ("121049", "DCM", "Language of Content Item and Descendants")
ENGLISH_US: Code = ("en-US", "RFC5646", "English (United States)")
UCUM = "UCUM"


def _item(relationship: str | None, value_type: str, concept: Code) -> Dataset:
    item = Dataset()
    if relationship:
        item.RelationshipType = relationship
    item.ValueType = value_type
    item.ConceptNameCodeSequence = code_sequence(*concept)
    return item


def container(concept: Code, children: list[Dataset], relationship: str | None = None) -> Dataset:
    item = _item(relationship, "CONTAINER", concept)
    item.ContinuityOfContent = "SEPARATE"
    item.ContentSequence = Sequence(children)
    return item


def coded(relationship: str, concept: Code, value: Code, children=None) -> Dataset:
    item = _item(relationship, "CODE", concept)
    item.ConceptCodeSequence = code_sequence(*value)
    if children:
        item.ContentSequence = Sequence(children)
    return item


def text(relationship: str, concept: Code, value: str) -> Dataset:
    item = _item(relationship, "TEXT", concept)
    item.TextValue = value
    return item


def pname(relationship: str, concept: Code, value: str) -> Dataset:
    item = _item(relationship, "PNAME", concept)
    item.PersonName = value
    return item


def uidref(relationship: str, concept: Code, value: str) -> Dataset:
    item = _item(relationship, "UIDREF", concept)
    item.UID = value
    return item


def datetime_item(relationship: str, concept: Code, value: datetime) -> Dataset:
    item = _item(relationship, "DATETIME", concept)
    item.DateTime = dt(value)
    return item


def significant(value: float) -> float:
    """A value as a numeric content item holds it: six significant digits.

    Significant digits, not decimal places: a per-image DAP of a hand radiograph is a
    few 1e-6 Gy·m², which six decimal places would round to nothing.
    """
    return float(f"{value:.6g}")


def num(relationship: str, concept: Code, value: float, unit: str, meaning: str) -> Dataset:
    item = _item(relationship, "NUM", concept)
    measured = Dataset()
    measured.NumericValue = significant(value)
    measured.MeasurementUnitsCodeSequence = Sequence([code(unit, UCUM, meaning)])
    item.MeasuredValueSequence = Sequence([measured])
    return item


def device_observer(device: Device) -> list[Dataset]:
    """TID 1002/1004: the device that made the observations."""
    return [
        coded("HAS OBS CONTEXT", OBSERVER_TYPE, DEVICE),
        uidref("HAS OBS CONTEXT", ("121012", "DCM", "Device Observer UID"), ids.uid(device.key)),
        text("HAS OBS CONTEXT", ("121013", "DCM", "Device Observer Name"), device.station),
        text("HAS OBS CONTEXT", ("121014", "DCM", "Device Observer Manufacturer"), device.manufacturer),
        text("HAS OBS CONTEXT", ("121015", "DCM", "Device Observer Model Name"), device.model),
        text("HAS OBS CONTEXT", ("121016", "DCM", "Device Observer Serial Number"), device.serial),
    ]


def document(
    study: Study,
    device: Device,
    series: SeriesPlan,
    *,
    sop_class_uid: str,
    title: Code,
    children: list[Dataset],
    template_id: str,
    when: datetime,
) -> Dataset:
    """An SR document: the study's modules, SR Document Series/General and the tree."""
    ds = dicom_common.series_dataset(study, series, "SR", device)
    del ds.OperatorsName
    dicom_common.instance_identity(ds, sop_class_uid, ids.uid(series.uid, "instance", 0), 1)
    dicom_common.content_time(ds, when)
    ds.ReferencedPerformedProcedureStepSequence = Sequence()
    ds.PerformedProcedureCodeSequence = Sequence()
    ds.CompletionFlag = "COMPLETE"
    ds.VerificationFlag = "UNVERIFIED"
    ds.ValueType = "CONTAINER"
    ds.ConceptNameCodeSequence = code_sequence(*title)
    ds.ContinuityOfContent = "SEPARATE"
    template = Dataset()
    template.MappingResource = "DCMR"
    template.TemplateIdentifier = template_id
    ds.ContentTemplateSequence = Sequence([template])
    ds.ContentSequence = Sequence(children)
    return ds

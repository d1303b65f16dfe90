"""Small builders of SR datasets in memory, so that each test shows the tree it reads."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pydicom import Dataset, dcmread
from pydicom.dataelem import RawDataElement
from pydicom.dataset import FileMetaDataset
from pydicom.tag import BaseTag
from pydicom.uid import ExplicitVRLittleEndian

COMPREHENSIVE_SR = "1.2.840.10008.5.1.4.1.1.88.33"
XRAY_DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.67"
NUMERIC_VALUE = BaseTag(0x0040A30A)


def code(value: str, scheme: str, meaning: str) -> Dataset:
    item = Dataset()
    item.CodeValue = value
    item.CodingSchemeDesignator = scheme
    item.CodeMeaning = meaning
    return item


def item(relationship: str | None, value_type: str | None, concept: Dataset | None, **attributes: Any) -> Dataset:
    """A content item; `children` becomes its Content Sequence, other keywords its attributes."""
    node = Dataset()
    if relationship is not None:
        node.RelationshipType = relationship
    if value_type is not None:
        node.ValueType = value_type
    if concept is not None:
        node.ConceptNameCodeSequence = [concept]
    children = attributes.pop("children", None)
    for keyword, value in attributes.items():
        setattr(node, keyword, value)
    if children is not None:
        node.ContentSequence = children
    return node


def num(
    concept: Dataset, value: str | list[str], units: Dataset | None, relationship: str = "CONTAINS", **extra: Any
) -> Dataset:
    """A NUM whose Numeric Value is held as a file holds it: raw bytes, even when they are not a valid DS."""
    measured = Dataset()
    written = ("\\".join(value) if isinstance(value, list) else value).encode()
    measured[NUMERIC_VALUE] = RawDataElement(NUMERIC_VALUE, "DS", len(written), written, 0, False, True)
    if units is not None:
        measured.MeasurementUnitsCodeSequence = [units]
    return item(relationship, "NUM", concept, MeasuredValueSequence=[measured], **extra)


def ucum(unit: str) -> Dataset:
    return code(unit, "UCUM", unit)


def container(concept: Dataset, children: list[Dataset], relationship: str = "CONTAINS") -> Dataset:
    return item(relationship, "CONTAINER", concept, ContinuityOfContent="SEPARATE", children=children)


def document(
    title: Dataset | None, children: list[Dataset], sop_class: str = COMPREHENSIVE_SR, template: str | None = None
) -> Dataset:
    """An SR document whose root container is `title` with these children."""
    root = item(None, "CONTAINER", title, ContinuityOfContent="SEPARATE", children=children)
    root.SOPClassUID = sop_class
    root.SOPInstanceUID = "1.2.826.0.1.3680043.10.511.9.1"
    root.StudyInstanceUID = "1.2.826.0.1.3680043.10.511.9.2"
    root.SeriesInstanceUID = "1.2.826.0.1.3680043.10.511.9.3"
    root.Modality = "SR"
    root.CompletionFlag = "COMPLETE"
    root.VerificationFlag = "UNVERIFIED"
    root.ContentDate = "20240611"
    root.ContentTime = "101500"
    if template is not None:
        identification = Dataset()
        identification.MappingResource = "DCMR"
        identification.TemplateIdentifier = template
        root.ContentTemplateSequence = [identification]
    return root


def as_file_bytes(dataset: Dataset) -> bytes:
    """The dataset written as a Part 10 file (explicit VR little endian)."""
    dataset.file_meta = FileMetaDataset()
    dataset.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    dataset.file_meta.MediaStorageSOPClassUID = dataset.get("SOPClassUID", COMPREHENSIVE_SR)
    dataset.file_meta.MediaStorageSOPInstanceUID = dataset.get("SOPInstanceUID", "1.2.3")
    buffer = BytesIO()
    dataset.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def round_trip(dataset: Dataset) -> Dataset:
    """The dataset as pydicom reads it back from its file: values raw until first accessed."""
    return dcmread(BytesIO(as_file_bytes(dataset)))

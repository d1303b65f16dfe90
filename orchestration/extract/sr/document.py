"""Extract one structured report: its document row, every content item, and the rows its template gives.

`extract_sr` reads a file; `extract_sr_dataset` a dataset already in memory (a DICOMweb
metadata response, a test). Either returns every SR table's rows, or raises
`UnreadableInputError` with a class and a reason for the quarantine, and nothing else
(SPEC R1): a non-conformant document lands with its oddities noted, never dropped.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydicom import Dataset

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.sr import elements, text_report, tid1500, tid10001, tid10011, tid10021
from orchestration.extract.sr.codes import (
    IMAGING_MEASUREMENT_REPORT,
    RADIOPHARMACEUTICAL_RADIATION_DOSE_REPORT,
    XRAY_RADIATION_DOSE_REPORT,
)
from orchestration.extract.sr.content_item import ContentItem, code_columns
from orchestration.extract.sr.content_tree import ContentTree, read_tree
from orchestration.extract.sr.reading import read_dataset
from orchestration.extract.sr.rows import Document, content_item_row, new_row
from orchestration.extract.sr.storage_classes import NARRATIVE_SOP_CLASSES, is_structured_report
from orchestration.land.sr_schemas import SR_TABLES

Reader = Callable[[ContentTree, Document], dict[str, list[dict[str, Any]]]]


@dataclass(frozen=True)
class SrExtraction:
    """Rows for every table of `SR_TABLES` (empty lists where the document has none)."""

    tables: dict[str, list[dict[str, Any]]]


def extract_sr(path: str | Path, pseudonymise_person: Callable[[str], str | None]) -> SrExtraction:
    """Every SR table's rows for one file; raises UnreadableInputError (e.g. "NotStructuredReport")."""
    return extract_sr_dataset(read_dataset(Path(path)), pseudonymise_person)


def extract_sr_dataset(dataset: Dataset, pseudonymise_person: Callable[[str], str | None]) -> SrExtraction:
    """The same for a dataset in memory."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return _extract(dataset, pseudonymise_person)
        except UnreadableInputError:
            raise
        except RecursionError:
            raise UnreadableInputError("NestingTooDeep", "sequences nested too deeply to read") from None
        except Exception as error:  # noqa: BLE001 - the last guard of R1: a bug must quarantine, never crash a run
            raise UnreadableInputError("SRExtractionFailed", f"{type(error).__name__}: {error}") from None


def _extract(dataset: Dataset, pseudonymise: Callable[[str], str | None]) -> SrExtraction:
    oddities: list[str] = []
    document = _document(dataset, oddities)
    tree = read_tree(dataset, pseudonymise)
    tables: dict[str, list[dict[str, Any]]] = {table: [] for table in SR_TABLES}
    tables["sr_documents"].append(_document_row(dataset, tree.root, len(tree.items), document, oddities))
    tables["sr_content_items"] = [content_item_row(document, item) for item in tree.items]
    for reader in _readers(tree.root, document.sop_class_uid):
        for table, rows in reader(tree, document).items():
            tables[table].extend(rows)
    return SrExtraction(tables)


def _readers(root: ContentItem, sop_class_uid: str) -> list[Reader]:
    """The template readers for this document, chosen by its title (or, failing that, its template)."""
    if root.is_a(XRAY_RADIATION_DOSE_REPORT) or root.template in (tid10011.TEMPLATE, tid10001.TEMPLATE):
        # One root for CT and projection dose: each reader takes the content that is its own.
        return [tid10011.read, tid10001.read]
    if root.is_a(RADIOPHARMACEUTICAL_RADIATION_DOSE_REPORT) or root.template == "10021":
        return [tid10021.read]
    readers: list[Reader] = []
    if root.is_a(IMAGING_MEASUREMENT_REPORT) or root.template == "1500":
        readers.append(tid1500.read)
    if sop_class_uid in NARRATIVE_SOP_CLASSES:
        readers.append(text_report.read)
    return readers


def _document(dataset: Dataset, oddities: list[str]) -> Document:
    meta = getattr(dataset, "file_meta", None) or Dataset()
    sop_class = elements.text(dataset, "SOPClassUID", oddities)
    if sop_class is None and (sop_class := elements.text(meta, "MediaStorageSOPClassUID", oddities)):
        oddities.append("SOPClassUID: missing, taken from the file meta")
    if not is_structured_report(sop_class):
        raise UnreadableInputError(
            "NotStructuredReport", f"SOP Class {sop_class or '(none)'} is not a structured report storage class"
        )
    instance = elements.text(dataset, "SOPInstanceUID", oddities)
    if instance is None and (instance := elements.text(meta, "MediaStorageSOPInstanceUID", oddities)):
        oddities.append("SOPInstanceUID: missing, taken from the file meta")
    if instance is None:
        raise UnreadableInputError("MissingSOPInstanceUID", "a structured report without a SOP Instance UID")
    # Read again for the document row, which notes anything odd about them.
    date, time = elements.text(dataset, "ContentDate", []), elements.text(dataset, "ContentTime", [])
    return Document(
        sop_instance_uid=instance.strip(),
        study_instance_uid=elements.text(dataset, "StudyInstanceUID", oddities),
        sop_class_uid=str(sop_class).strip(),
        manufacturer=elements.text(dataset, "Manufacturer", oddities),
        model_name=elements.text(dataset, "ManufacturerModelName", oddities),
        serial_number=elements.text(dataset, "DeviceSerialNumber", oddities),
        content_datetime=f"{date}{time}" if date and time else date,
    )


def _document_row(
    dataset: Dataset, root: ContentItem, item_count: int, document: Document, oddities: list[str]
) -> dict[str, Any]:
    flags = {keyword: elements.text(dataset, keyword, oddities) for keyword in ("CompletionFlag", "VerificationFlag")}
    oddities.extend(f"{keyword}: missing" for keyword, flag in flags.items() if flag is None)
    templates = elements.sequence(dataset, "ContentTemplateSequence", oddities)
    if root.concept is None:
        oddities.append("document title: missing")
    if not root.children:
        oddities.append("no content below the root")
    values = {
        "SeriesInstanceUID": elements.text(dataset, "SeriesInstanceUID", oddities),
        "TemplateIdentifier": root.template,
        "MappingResource": elements.text(templates[0], "MappingResource", oddities) if templates else None,
        **code_columns("ConceptName", root.concept),
        **flags,
        "ContentDate": elements.text(dataset, "ContentDate", oddities),
        "ContentTime": elements.text(dataset, "ContentTime", oddities),
        "ContentItemCount": item_count,
        "Oddities": oddities,
    }
    return new_row("sr_documents", document, values)

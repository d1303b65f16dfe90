"""TID 10011 CT Radiation Dose: one `sr_dose_events` row per CT Acquisition, one `sr_dose_totals` row.

Mapping (PS3.16 TID 10012, 10013, 10014; codes in `codes.py`):

| column | concept | unit |
|---|---|---|
| CTDIvolMGy | (113830, DCM, "Mean CTDIvol") in CT Dose | mGy |
| DLPMGyCm | (113838, DCM, "DLP") in CT Dose | mGy.cm |
| PhantomType | (113835, DCM, "CTDIw Phantom Type") | code |
| ScanningLengthMm | (113825, DCM, "Scanning Length") | mm |
| TargetRegion | (123014, DCM, "Target Region") | code |
| AcquisitionType | (113820, DCM, "CT Acquisition Type") | code |
| AcquisitionProtocol | (125203, DCM, "Acquisition Protocol") | text |
| KVP, TubeCurrentMA | (113733, DCM, "KVP"), (113734, DCM, "X-Ray Tube Current"), in the source parameters | kV, mA |
| ExposureTimeMs | (113824, DCM, "Exposure Time") | ms (devices write s) |
| CTDoseLengthProductTotalMGyCm | (113813, DCM, "CT Dose Length Product Total") | mGy.cm |
| TotalNumberOfIrradiationEvents | (113812, DCM, "Total Number of Irradiation Events") | count |

A dual-source scanner reports one CT X-Ray Source Parameters container per tube: the event
row carries the first tube's kVp and current, and says so in its oddities.
"""

from __future__ import annotations

from typing import Any

from orchestration.extract.sr import navigate
from orchestration.extract.sr.codes import (
    CT_ACCUMULATED_DOSE_DATA,
    CT_ACQUISITION,
    CT_ACQUISITION_TYPE,
    CT_DOSE_LENGTH_PRODUCT_TOTAL,
    CTDIW_PHANTOM_TYPE,
    DLP,
    EXPOSURE_TIME,
    KVP,
    MEAN_CTDIVOL,
    SCANNING_LENGTH,
    TARGET_REGION,
    TOTAL_NUMBER_OF_IRRADIATION_EVENTS,
    XRAY_TUBE_CURRENT,
)
from orchestration.extract.sr.content_item import ContentItem, code_columns
from orchestration.extract.sr.content_tree import ContentTree
from orchestration.extract.sr.dose_common import device, event_identity
from orchestration.extract.sr.rows import Document, new_row
from orchestration.extract.sr.units import KV, MA, MGY, MGY_CM, MM, MS

TEMPLATE = "10011"


def read(tree: ContentTree, document: Document) -> dict[str, list[dict[str, Any]]]:
    """The report's CT events and totals; nothing when it holds no CT content."""
    root = tree.root
    events = [item for item in tree.items if item.is_a(CT_ACQUISITION)]
    accumulated = [item for item in tree.items if item.is_a(CT_ACCUMULATED_DOSE_DATA)]
    if not events and not accumulated:
        return {}
    return {
        "sr_dose_events": [_event(root, event, document) for event in events],
        "sr_dose_totals": [_totals(root, accumulated, document)],
    }


def _event(root: ContentItem, event: ContentItem, document: Document) -> dict[str, Any]:
    odd: list[str] = []
    below = list(event.descendants())
    sources = sum(1 for item in below if item.is_a(KVP))
    values = {
        "TemplateIdentifier": TEMPLATE,
        **event_identity(event, below, odd),
        **code_columns("AcquisitionType", navigate.code(below, CT_ACQUISITION_TYPE, odd)),
        **code_columns("TargetRegion", navigate.code(below, TARGET_REGION, odd)),
        "CTDIvolMGy": navigate.number(below, MEAN_CTDIVOL, MGY, odd),
        "DLPMGyCm": navigate.number(below, DLP, MGY_CM, odd),
        **code_columns("PhantomType", navigate.code(below, CTDIW_PHANTOM_TYPE, odd)),
        "ScanningLengthMm": navigate.number(below, SCANNING_LENGTH, MM, odd),
        "KVP": navigate.number(below, KVP, KV, odd),
        "TubeCurrentMA": navigate.number(below, XRAY_TUBE_CURRENT, MA, odd),
        "ExposureTimeMs": navigate.number(below, EXPOSURE_TIME, MS, odd),
        **device(root, event, document),
    }
    if sources > 1:
        # Not a fault: each tube of a dual-source CT has its own parameters, and the row has room for one.
        odd = [oddity for oddity in odd if not oddity.startswith(("KVP:", "X-Ray Tube Current:"))]
        odd.append(f"{sources} X-ray sources: kVp and tube current of the first")
    return new_row("sr_dose_events", document, {**values, "Oddities": odd})


def _totals(root: ContentItem, accumulated: list[ContentItem], document: Document) -> dict[str, Any]:
    odd: list[str] = []
    if not accumulated:
        odd.append("no CT Accumulated Dose Data")
    elif len(accumulated) > 1:
        odd.append(f"CT Accumulated Dose Data: {len(accumulated)} containers, first used")
    below = list(accumulated[0].descendants()) if accumulated else []
    values = {
        "TemplateIdentifier": TEMPLATE,
        "TotalNumberOfIrradiationEvents": navigate.count(below, TOTAL_NUMBER_OF_IRRADIATION_EVENTS, odd),
        "CTDoseLengthProductTotalMGyCm": navigate.number(below, CT_DOSE_LENGTH_PRODUCT_TOTAL, MGY_CM, odd),
        **device(root, None, document),
        "Oddities": odd,
    }
    return new_row("sr_dose_totals", document, values)

"""TID 10001 Projection X-Ray Radiation Dose: one `sr_dose_events` row per irradiation event
(TID 10003), one `sr_dose_totals` row from the accumulated dose data (TID 10002).

Mapping (PS3.16; codes in `codes.py`):

| column | concept | unit |
|---|---|---|
| DoseAreaProductGyM2 | (122130, DCM, "Dose Area Product") | Gy.m2 (devices also write dGy.cm2) |
| DoseRPGy | (113738, DCM, "Dose (RP)") | Gy (devices also write mGy) |
| IrradiationEventType | (113721, DCM, "Irradiation Event Type") | code |
| TargetRegion | (123014, DCM, "Target Region"), else (T-D0005, SRT, "Anatomical structure") | code |
| KVP | (113733, DCM, "KVP") | kV |
| TubeCurrentMA | (113734, DCM, "X-Ray Tube Current"), else (113767, DCM, "Average X-Ray Tube Current") | mA |
| ExposureTimeMs | (113824, DCM, "Exposure Time"), or its retired code 113735 | ms |
| ExposureUAs | (113736, DCM, "Exposure") | uA.s |
| DoseAreaProductTotalGyM2 | (113722, DCM, "Dose Area Product Total") | Gy.m2 |
| DoseRPTotalGy | (113725, DCM, "Dose (RP) Total") | Gy |
| TotalFluoroTimeS | (113730, DCM, "Total Fluoro Time") | s |
| TotalAcquisitionTimeS | (113855, DCM, "Total Acquisition Time") | s |
| TotalNumberOfIrradiationEvents | the number of irradiation event containers | count |

A biplane system reports accumulated data per plane; the totals row sums the planes (and says
so), and is left empty for a value one of the planes does not report rather than understated.
"""

from __future__ import annotations

from typing import Any

from orchestration.extract.sr import navigate
from orchestration.extract.sr.codes import (
    ACCUMULATED_XRAY_DOSE_DATA,
    ANATOMICAL_STRUCTURE,
    AVERAGE_XRAY_TUBE_CURRENT,
    DOSE_AREA_PRODUCT,
    DOSE_AREA_PRODUCT_TOTAL,
    DOSE_RP,
    DOSE_RP_TOTAL,
    EXPOSURE,
    EXPOSURE_TIME,
    IRRADIATION_EVENT_TYPE,
    IRRADIATION_EVENT_XRAY_DATA,
    KVP,
    TARGET_REGION,
    TOTAL_ACQUISITION_TIME,
    TOTAL_FLUORO_TIME,
    XRAY_TUBE_CURRENT,
    Concept,
)
from orchestration.extract.sr.content_item import ContentItem, code_columns
from orchestration.extract.sr.content_tree import ContentTree
from orchestration.extract.sr.dose_common import device, event_identity
from orchestration.extract.sr.rows import Document, new_row
from orchestration.extract.sr.units import GY, GY_M2, KV, MA, MS, UAS, Quantity, S

TEMPLATE = "10001"
TOTALS: dict[str, tuple[Concept, Quantity]] = {
    "DoseAreaProductTotalGyM2": (DOSE_AREA_PRODUCT_TOTAL, GY_M2),
    "DoseRPTotalGy": (DOSE_RP_TOTAL, GY),
    "TotalFluoroTimeS": (TOTAL_FLUORO_TIME, S),
    "TotalAcquisitionTimeS": (TOTAL_ACQUISITION_TIME, S),
}


def read(tree: ContentTree, document: Document) -> dict[str, list[dict[str, Any]]]:
    """The report's irradiation events and totals; nothing when it holds no projection X-ray content."""
    root = tree.root
    events = [item for item in tree.items if item.is_a(IRRADIATION_EVENT_XRAY_DATA)]
    planes = [item for item in tree.items if item.is_a(ACCUMULATED_XRAY_DOSE_DATA)]
    if not events and not planes:
        return {}
    return {
        "sr_dose_events": [_event(root, event, document) for event in events],
        "sr_dose_totals": [_totals(root, planes, len(events), document)],
    }


def _event(root: ContentItem, event: ContentItem, document: Document) -> dict[str, Any]:
    odd: list[str] = []
    below = list(event.descendants())
    region = navigate.code(below, TARGET_REGION, odd) or navigate.code(below, ANATOMICAL_STRUCTURE, odd)
    current = navigate.number(below, XRAY_TUBE_CURRENT, MA, odd)
    if current is None:
        current = navigate.number(below, AVERAGE_XRAY_TUBE_CURRENT, MA, odd)
    values = {
        "TemplateIdentifier": TEMPLATE,
        **event_identity(event, below, odd),
        **code_columns("IrradiationEventType", navigate.code(below, IRRADIATION_EVENT_TYPE, odd)),
        **code_columns("TargetRegion", region),
        "DoseAreaProductGyM2": navigate.number(below, DOSE_AREA_PRODUCT, GY_M2, odd),
        "DoseRPGy": navigate.number(below, DOSE_RP, GY, odd),
        "KVP": navigate.number(below, KVP, KV, odd),
        "TubeCurrentMA": current,
        "ExposureTimeMs": navigate.number(below, EXPOSURE_TIME, MS, odd),
        "ExposureUAs": navigate.number(below, EXPOSURE, UAS, odd),
        **device(root, event, document),
        "Oddities": odd,
    }
    return new_row("sr_dose_events", document, values)


def _totals(root: ContentItem, planes: list[ContentItem], events: int, document: Document) -> dict[str, Any]:
    odd: list[str] = []
    if not planes:
        odd.append("no Accumulated X-Ray Dose Data")
    elif len(planes) > 1:
        odd.append(f"{len(planes)} planes: totals summed")
    values: dict[str, Any] = {"TemplateIdentifier": TEMPLATE, "TotalNumberOfIrradiationEvents": events}
    for column, (concept, quantity) in TOTALS.items():
        per_plane = [navigate.number(list(plane.descendants()), concept, quantity, odd) for plane in planes]
        known = [value for value in per_plane if value is not None]
        if known and len(known) < len(per_plane):
            odd.append(f"{navigate.label(concept)}: missing for {len(per_plane) - len(known)} of {len(planes)} planes")
        values[column] = sum(known) if known and len(known) == len(per_plane) else None
    return new_row("sr_dose_totals", document, {**values, **device(root, None, document), "Oddities": odd})

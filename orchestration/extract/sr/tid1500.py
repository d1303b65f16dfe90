"""TID 1500 Measurement Report: one `sr_measurement_groups` row per Measurement Group (TID 1501,
1410, 1411: a finding) and one `sr_measurements` row per measurement or qualitative evaluation.

Mapping (PS3.16; codes in `codes.py`), all from the group's own children:

| column | concept |
|---|---|
| TrackingIdentifier | (112039, DCM, "Tracking Identifier") |
| TrackingUniqueIdentifier | (112040, DCM, "Tracking Unique Identifier") |
| FindingType | (121071, DCM, "Finding") |
| FindingSite | (363698007, SCT, "Finding Site") |
| Observer… | TID 1002 on the group, else on the document root (`observer.py`) |
| AlgorithmName, AlgorithmVersion | TID 4019 (111001, 111003, DCM) anywhere in the group, else on the root |
| ObservationDateTime | the group's Observation DateTime, else its nearest ancestor's, else the content time |

Measurements are the group's NUM children (TID 300): value and units as written (a TID 1500
report measures anything, so there is no one unit to convert to), with their Derivation
(121401, DCM) from the measurement, else from the group. Qualitative evaluations are the
group's other CODE children except the Finding, as dcmqi's tid1500reader reports them.
"""

from __future__ import annotations

from typing import Any

from orchestration.extract.sr import navigate
from orchestration.extract.sr.codes import (
    DERIVATION,
    FINDING,
    FINDING_SITE,
    MEASUREMENT_GROUP,
    TRACKING_IDENTIFIER,
    TRACKING_UNIQUE_IDENTIFIER,
)
from orchestration.extract.sr.content_item import ContentItem, code_columns
from orchestration.extract.sr.content_tree import ContentTree
from orchestration.extract.sr.observer import Observer, algorithm, observer_context
from orchestration.extract.sr.rows import Document, new_row

# Children that are the group's content rather than context (PS3.3 C.17.3.2.4); a missing
# relationship is noted on the item and read as content.
CONTENT_RELATIONSHIPS = (None, "CONTAINS")


def read(tree: ContentTree, document: Document) -> dict[str, list[dict[str, Any]]]:
    root_oddities: list[str] = []
    document_observer = observer_context(tree.root, root_oddities)
    root_algorithm = algorithm(tree.root.children)
    groups, measurements = [], []
    for group in (item for item in tree.items if item.is_a(MEASUREMENT_GROUP)):
        groups.append(_group(group, document, document_observer, root_algorithm, root_oddities))
        measurements.extend(_measurements(group, document))
    return {"sr_measurement_groups": groups, "sr_measurements": measurements}


def _group(
    group: ContentItem,
    document: Document,
    document_observer: Observer | None,
    root_algorithm: tuple[str | None, str | None],
    root_oddities: list[str],
) -> dict[str, Any]:
    odd = list(root_oddities)
    children = group.children
    observer = observer_context(group, odd) or document_observer or Observer(kind=None)
    name, version = algorithm(list(group.descendants()))
    if name is None and version is None:
        name, version = root_algorithm
    values = {
        "GroupPosition": group.position,
        "TrackingIdentifier": navigate.text(children, TRACKING_IDENTIFIER, odd),
        "TrackingUniqueIdentifier": navigate.uid(children, TRACKING_UNIQUE_IDENTIFIER, odd),
        **code_columns("FindingType", navigate.code(children, FINDING, odd)),
        **code_columns("FindingSite", navigate.code(children, FINDING_SITE, odd)),
        **observer.columns(),
        "AlgorithmName": name,
        "AlgorithmVersion": version,
        "ObservationDateTime": _observation_datetime(group, document),
        "Oddities": odd,
    }
    return new_row("sr_measurement_groups", document, values)


def _measurements(group: ContentItem, document: Document) -> list[dict[str, Any]]:
    group_derivation = next((child.code for child in group.children if child.is_a(DERIVATION)), None)
    rows = []
    for child in group.children:
        if child.relationship not in CONTENT_RELATIONSHIPS or child.is_a(FINDING):
            continue
        if child.value_type not in ("NUM", "CODE"):
            continue
        derivation = next((item.code for item in child.children if item.is_a(DERIVATION)), group_derivation)
        values = {
            "GroupPosition": group.position,
            "ContentPosition": child.position,
            "ValueType": child.value_type,
            **code_columns("ConceptName", child.concept),
            "NumericValue": child.number,
            **code_columns("MeasurementUnits", child.units),
            **code_columns("ConceptCode", child.code),
            **code_columns("Derivation", derivation),
            # What was odd about the value itself (units, an unreadable number) travels with it.
            "Oddities": list(child.oddities),
        }
        rows.append(new_row("sr_measurements", document, values))
    return rows


def _observation_datetime(group: ContentItem, document: Document) -> str | None:
    item: ContentItem | None = group
    while item is not None:
        if item.observation_datetime:
            return item.observation_datetime
        item = item.parent
    return document.content_datetime

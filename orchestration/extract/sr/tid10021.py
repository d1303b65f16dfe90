"""TID 10021 Radiopharmaceutical Radiation Dose: one `sr_radiopharmaceutical_administrations` row
per Radiopharmaceutical Administration container (TID 10022).

Mapping (PS3.16; codes in `codes.py`; SNOMED concepts also under their SRT codes):

| column | concept | unit |
|---|---|---|
| Radiopharmaceutical | (349358000, SCT, "Radiopharmaceutical agent") | code |
| Radionuclide | (89457008, SCT, "Radionuclide"), a property of the agent | code |
| AdministeredActivityMBq | (113507, DCM, "Administered activity") | MBq (also from kBq, GBq, mCi, uCi) |
| StartDateTime, EndDateTime | (123003, DCM, …Start DateTime), (123004, DCM, …Stop DateTime) | DT as written |
| RouteOfAdministration | (410675002, SCT, "Route of administration") | code |
"""

from __future__ import annotations

from typing import Any

from orchestration.extract.sr import navigate
from orchestration.extract.sr.codes import (
    ADMINISTERED_ACTIVITY,
    RADIONUCLIDE,
    RADIOPHARMACEUTICAL_ADMINISTRATION,
    RADIOPHARMACEUTICAL_AGENT,
    RADIOPHARMACEUTICAL_START_DATETIME,
    RADIOPHARMACEUTICAL_STOP_DATETIME,
    ROUTE_OF_ADMINISTRATION,
)
from orchestration.extract.sr.content_item import ContentItem, code_columns
from orchestration.extract.sr.content_tree import ContentTree
from orchestration.extract.sr.rows import Document, new_row
from orchestration.extract.sr.units import MBQ

TABLE = "sr_radiopharmaceutical_administrations"


def read(tree: ContentTree, document: Document) -> dict[str, list[dict[str, Any]]]:
    administrations = [item for item in tree.items if item.is_a(RADIOPHARMACEUTICAL_ADMINISTRATION)]
    if not administrations:
        return {}
    return {TABLE: [_administration(item, document) for item in administrations]}


def _administration(administration: ContentItem, document: Document) -> dict[str, Any]:
    odd: list[str] = []
    below = list(administration.descendants())
    values = {
        "AdministrationPosition": administration.position,
        **code_columns("Radiopharmaceutical", navigate.code(below, RADIOPHARMACEUTICAL_AGENT, odd)),
        **code_columns("Radionuclide", navigate.code(below, RADIONUCLIDE, odd)),
        "AdministeredActivityMBq": navigate.number(below, ADMINISTERED_ACTIVITY, MBQ, odd),
        "StartDateTime": navigate.datetime(below, RADIOPHARMACEUTICAL_START_DATETIME, odd),
        "EndDateTime": navigate.datetime(below, RADIOPHARMACEUTICAL_STOP_DATETIME, odd),
        **code_columns("RouteOfAdministration", navigate.code(below, ROUTE_OF_ADMINISTRATION, odd)),
        "Oddities": odd,
    }
    return new_row(TABLE, document, values)

"""Dagster's entry point: every definition under defs/, plus project-wide resources.

Adding a source means adding a folder under defs/ (assets.py, checks.py, ...), not
editing a list here.
"""

from __future__ import annotations

import dagster as dg

import orchestration.defs
from orchestration.defs.warehouse.resources import dbt_resource
from orchestration.resources import LanternSettings


def build_definitions(lantern: LanternSettings | None = None) -> dg.Definitions:
    resources = {"lantern": lantern or LanternSettings(), "dbt": dbt_resource()}
    return dg.Definitions.merge(dg.load_defs(defs_root=orchestration.defs), dg.Definitions(resources=resources))


defs = build_definitions()

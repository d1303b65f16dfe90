"""The one place that owns dbt asset keys and groups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator

LAYERS = ("staging", "intermediate", "marts")


def layer_of(props: Mapping[str, Any]) -> str:
    """staging / intermediate / marts from the model's folder; seeds are reference data."""
    if props["resource_type"] == "seed":
        return "reference"
    folders = props.get("fqn", [])[1:-1]
    return next((folder for folder in folders if folder in LAYERS), "marts")


class LanternDbtTranslator(DagsterDbtTranslator):
    def get_asset_key(self, dbt_resource_props: Mapping[str, Any]) -> dg.AssetKey:
        if dbt_resource_props["resource_type"] == "source":
            # Sources carry meta.dagster.asset_key, so Python-landed tables join the lineage.
            return super().get_asset_key(dbt_resource_props)
        return dg.AssetKey([layer_of(dbt_resource_props), dbt_resource_props["name"]])

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        return layer_of(dbt_resource_props)

"""The dashboards' one data-access module: marts only, through cached read-only connections.

Every query the pages run is here. Connections are cached per serving file: after a
publish the pointer names a new file, the next query opens it, and readers never block
the rebuild (SPEC §3, R3). Results are cached for a minute.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from dashboards.serving import LOCKED_READER_CONFIG, NoServingCopyError, current_serving_path
from dashboards.settings import Settings, load_settings

QUERY_TTL_S = 60


def settings() -> Settings:
    """Read per script run (cheap), so a changed environment or lantern.toml applies at once."""
    return load_settings()


@st.cache_resource(max_entries=2)
def _connection(serving_file: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(serving_file, read_only=True, config=dict(LOCKED_READER_CONFIG))


def serving_file() -> str | None:
    """The current serving copy, or None when nothing has been published yet."""
    try:
        return str(current_serving_path(settings().serving_dir))
    except NoServingCopyError:
        return None


def _query(serving: str, sql: str, parameters: list[object] | None = None) -> pd.DataFrame:
    # A cursor per query: one DuckDB connection is shared by all sessions' threads.
    with _connection(serving).cursor() as cursor:
        return cursor.execute(sql, parameters or []).df()


@dataclass(frozen=True)
class ModalityOverview:
    by_modality: pd.DataFrame
    studies: int
    instances: int
    stored_bytes: int


MODALITY_OVERVIEW_SQL = """
with
study_counts as (
    select coalesce(primary_modality, '(none)') as modality, count(*) as studies
    from studies
    group by all
),
instance_counts as (
    select coalesce(modality, '(none)') as modality, count(*) as instances, sum(size_bytes) as stored_bytes
    from instances
    group by all
)
select
    coalesce(i.modality, s.modality) as modality,
    coalesce(s.studies, 0) as studies,
    coalesce(i.instances, 0) as instances,
    coalesce(i.stored_bytes, 0) as stored_bytes
from instance_counts as i
full outer join study_counts as s on i.modality = s.modality
order by instances desc, modality
"""


@st.cache_data(ttl=QUERY_TTL_S)
def modality_overview(serving: str) -> ModalityOverview:
    frame = _query(serving, MODALITY_OVERVIEW_SQL)
    for column in ("studies", "instances", "stored_bytes"):
        frame[column] = frame[column].astype("int64")
    return ModalityOverview(
        by_modality=frame,
        studies=int(frame["studies"].sum()),
        instances=int(frame["instances"].sum()),
        stored_bytes=int(frame["stored_bytes"].sum()),
    )


def serving_label(serving: str) -> str:
    return Path(serving).stem.removeprefix("lantern-")

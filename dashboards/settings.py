"""Lantern's one settings object.

Values come, highest priority first, from arguments, `LANTERN_*` environment variables,
an optional `lantern.toml` (path in `LANTERN_CONFIG`, else `./lantern.toml`), and the
defaults below. Nothing is read at import time: call `load_settings()` at the edge
(command line, Dagster resource, Streamlit page) and pass the object down.

It lives beside the dashboards because the serving side needs it without importing the
pipeline (SPEC §3: dashboards never import orchestration); the pipeline imports it from
here.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

CONFIG_ENV = "LANTERN_CONFIG"
DEFAULT_CONFIG_FILE = "lantern.toml"


class Settings(BaseSettings):
    """Where Lantern keeps its data and how it serves it."""

    model_config = SettingsConfigDict(env_prefix="LANTERN_", extra="forbid")

    data_dir: Path = Field(
        default_factory=lambda: Path.cwd() / ".lantern",
        description="Root of the landing zone, warehouse, serving copies and secrets.",
    )
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description="Site key for HMAC-SHA256 pseudonyms; else read from <data_dir>/secrets/pseudonym.key.",
    )
    dicom_roots: list[Path] = Field(
        default_factory=list,
        description="Folders the DICOM asset scans; empty means <data_dir>/inbox/dicom.",
    )
    dicomweb_urls: list[str] = Field(
        default_factory=list,
        description="DICOMweb archives (their QIDO-RS/WADO-RS root URLs) the DICOM asset reads.",
    )
    serve_host: str = "127.0.0.1"
    serve_port: int = 8501
    sql_row_cap: int = Field(default=10_000, ge=1)
    sql_timeout_s: float = Field(default=30.0, gt=0)
    dbt_target: str = "duckdb"
    ingest_batch_size: int = Field(default=2_000, ge=1)
    ingest_workers: int = Field(
        default_factory=lambda: os.cpu_count() or 1, ge=1, description="Processes reading files in parallel."
    )

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        config_file = Path(os.environ.get(CONFIG_ENV, DEFAULT_CONFIG_FILE))
        toml = TomlConfigSettingsSource(settings_cls, toml_file=config_file)
        return (init_settings, env_settings, toml)

    # Layout of the data directory: derived, so that one setting moves everything.
    @property
    def lake_dir(self) -> Path:
        return self.data_dir / "lake"

    @property
    def raw_dir(self) -> Path:
        return self.lake_dir / "raw"

    @property
    def restricted_dir(self) -> Path:
        """PHI that maps pseudonyms back; never read by dbt or the dashboards' marts."""
        return self.data_dir / "restricted"

    @property
    def build_db_path(self) -> Path:
        return self.data_dir / "warehouse" / "build" / "lantern.duckdb"

    @property
    def serving_dir(self) -> Path:
        return self.data_dir / "warehouse" / "serving"

    @property
    def key_file(self) -> Path:
        return self.data_dir / "secrets" / "pseudonym.key"

    @property
    def dagster_home(self) -> Path:
        return self.data_dir / "dagster"

    @property
    def effective_dicom_roots(self) -> list[Path]:
        return self.dicom_roots or [self.data_dir / "inbox" / "dicom"]

    @property
    def dicomweb_state_dir(self) -> Path:
        """Checkpoints of DICOMweb ingests, so an interrupted run resumes."""
        return self.data_dir / "state" / "dicomweb"


def load_settings(**overrides: object) -> Settings:
    """Read the environment and lantern.toml now; overrides win over both."""
    return Settings(**overrides)

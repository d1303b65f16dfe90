"""Project-wide Dagster resources. The environment is read when a run starts, not at import."""

import dagster as dg

from dashboards.settings import Settings, load_settings


class LanternSettings(dg.ConfigurableResource):
    """Lantern's one settings object, loaded from LANTERN_* variables and lantern.toml."""

    data_dir: str | None = None

    def load(self) -> Settings:
        return load_settings(**({"data_dir": self.data_dir} if self.data_dir else {}))

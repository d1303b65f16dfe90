"""The overview page, run by Streamlit's AppTest against a real published warehouse."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboards.serving import connect_read_only
from dashboards.settings import Settings

APP = Path(__file__).resolve().parents[2] / "dashboards" / "app.py"
pytestmark = pytest.mark.integration


def run_app(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("LANTERN_DATA_DIR", str(data_dir))
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    assert not app.exception
    return app


def test_overview_shows_charts_and_totals_from_the_warehouse(
    published_demo: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = run_app(published_demo.data_dir, monkeypatch)
    assert [header.value for header in app.subheader] == [
        "Studies by modality",
        "Instances by modality",
        "Stored bytes by modality",
    ]
    with connect_read_only(published_demo.serving_dir) as connection:
        studies, instances = connection.execute(
            "select (select count(*) from studies), (select count(*) from instances)"
        ).fetchone()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics["Studies"] == f"{studies:,}" and metrics["Instances"] == f"{instances:,}"


def test_overview_says_what_to_do_before_anything_is_published(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(tmp_path / "empty", monkeypatch)
    assert "lantern demo" in app.info[0].value

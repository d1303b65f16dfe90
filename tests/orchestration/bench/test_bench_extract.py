"""`lantern bench extract` measures every extraction target and records them in Markdown."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from orchestration.bench.report import record_section
from orchestration.cli.main import app

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_bench_extract_reports_each_target_against_its_reference(tmp_path: Path, pydicom_files: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(pydicom_files / "test_files", corpus)
    document = tmp_path / "benchmarks.md"
    document.write_text("# Benchmarks\n\nWritten by hand, kept.\n")
    result = CliRunner().invoke(
        app, ["bench", "extract", "--corpus", str(corpus), "--files", "40", "--record", str(document)]
    )
    assert result.exit_code == 0, result.output
    text = document.read_text()
    assert "Written by hand, kept." in text
    for target in (
        "P1 files/s",
        "P1 ratio to pydicom",
        "P2 extraction speed-up",
        "P3 unchanged re-ingest",
        "P4 peak RSS",
    ):
        assert f"| {target}" in text
    assert "40 files, pydicom reference on the first 40" in text and "--corpus <corpus>" in text


def test_recording_again_replaces_the_section_and_keeps_the_rest(tmp_path: Path) -> None:
    document = tmp_path / "benchmarks.md"
    document.write_text("# Benchmarks\n\nIntro.\n")
    record_section(document, "extract", "first")
    record_section(document, "other", "kept")
    record_section(document, "extract", "second")
    text = document.read_text()
    assert "first" not in text and text.count("second") == 1 and "kept" in text and "Intro." in text

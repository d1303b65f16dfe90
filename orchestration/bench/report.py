"""Benchmark results as Markdown, and their place in docs/benchmarks.md."""

from __future__ import annotations

import json
import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

import psutil


def machine_line() -> str:
    memory_gib = psutil.virtual_memory().total / 2**30
    return (
        f"{os.cpu_count()} cores ({platform.machine()}), {memory_gib:.0f} GiB, "
        f"Python {platform.python_version()}, {platform.system()}; measured {datetime.now(UTC):%Y-%m-%d}"
    )


def corpus_line(corpus: Path) -> str:
    """How to make the corpus again, when it is a sample hospital (docs/generator.md)."""
    summary = corpus.parent / "ground_truth" / "summary.json"
    if corpus.name != "dicom" or not summary.exists():
        return "a folder of DICOM files"
    facts = json.loads(summary.read_text())
    return (
        f"the sample hospital, `lantern generate --scale {facts['scale']} --seed {facts['seed']} --out DIR`, "
        "with <corpus> = DIR/dicom"
    )


def record_section(document: Path, key: str, body: str) -> None:
    """Replace the section marked `key` in the document (or append it), keeping the rest."""
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    section = f"{start}\n{body.rstrip()}\n{end}\n"
    text = document.read_text() if document.exists() else "# Benchmarks\n\n"
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.DOTALL)
    updated = pattern.sub(lambda _: section, text) if pattern.search(text) else f"{text.rstrip()}\n\n{section}"
    document.write_text(updated)

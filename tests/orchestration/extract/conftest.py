"""Fixtures for the header tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[bytes], Path]:
    """Write bytes to a fresh file and return its path."""
    counter = iter(range(1_000_000))

    def write(data: bytes) -> Path:
        path = tmp_path / f"file-{next(counter):06d}.dcm"
        path.write_bytes(data)
        return path

    return write

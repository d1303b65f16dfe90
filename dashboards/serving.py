"""The published, read-only serving copy of the warehouse (SPEC §3).

Publishing writes a new versioned DuckDB file, then switches the `CURRENT` pointer to
it with an atomic rename. Readers resolve the pointer when they connect, so a rebuild
never blocks them and they never see a half-built warehouse; a reader holding an old
version keeps a consistent snapshot until it reconnects. No Streamlit here: the command
line and the pipeline use this module too.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

POINTER_FILE = "CURRENT"

# External access off and configuration locked: a reader cannot open files, reach the
# network, install or load extensions, or turn any of that back on (SPEC §7, R4).
LOCKED_READER_CONFIG = {
    "enable_external_access": False,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "lock_configuration": True,
}


class NoServingCopyError(FileNotFoundError):
    """Nothing has been published yet."""


def current_serving_path(serving_dir: Path) -> Path:
    """The serving file readers should open now."""
    pointer = serving_dir / POINTER_FILE
    try:
        name = pointer.read_text().strip()
    except FileNotFoundError:
        raise NoServingCopyError(
            f"no published warehouse in {serving_dir}: run `lantern build` (or `lantern demo`) first"
        ) from None
    return serving_dir / name


def switch_serving(serving_dir: Path, published: Path) -> None:
    """Point readers at a new serving file, atomically."""
    temporary = serving_dir / f".{POINTER_FILE}.tmp"
    temporary.write_text(published.name + "\n")
    os.replace(temporary, serving_dir / POINTER_FILE)


def connect_read_only(serving_dir: Path, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """A locked, read-only connection to the current serving copy."""
    config: dict[str, object] = dict(LOCKED_READER_CONFIG)
    if threads is not None:
        config["threads"] = threads
    return duckdb.connect(str(current_serving_path(serving_dir)), read_only=True, config=config)

"""The DICOM validators the generated files go through, and how to read their findings."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

# dciodvfy's OPT check contradicts the OPT Image Module (C.8.17.7), which fixes these three
# attributes to 0/1/1 while the Multi-frame Functional Groups check forbids them without
# a Concatenation UID: no encoding passes both. Every other finding is an error.
KNOWN_DCIODVFY_CONFLICTS = {
    "1.2.840.10008.5.1.4.1.1.77.1.5.4": (
        "ConcatenationFrameOffsetNumber",
        "InConcatenationNumber",
        "InConcatenationTotalNumber",
    )
}


def tool(name: str) -> str | None:
    """A validator installed beside the interpreter (PyPI) or on the PATH (Debian)."""
    beside_python = Path(sys.executable).parent / name
    return str(beside_python) if beside_python.exists() else shutil.which(name)


def errors(finding: str, sop_class: str) -> list[str]:
    """dciodvfy's error lines, less the known conflicts of the SOP class."""
    allowed = KNOWN_DCIODVFY_CONFLICTS.get(sop_class, ())
    return [
        line for line in finding.splitlines() if line.startswith("Error") and not any(name in line for name in allowed)
    ]

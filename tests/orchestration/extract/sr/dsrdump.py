"""dcmtk's `dsrdump` as an independent reader of SR content trees, parsed from its text output.

Options: accept what real devices write (`-Er -Ev -Ec -Ee`), print each item's position
(`+Pn`), long values in full (`+Pl`), every code (`+Pc`), referenced SOP Class and Instance
UIDs (`+Psu +Pu`) and invalid codes as they are (`+Pi`), without the document header (`-Ph`).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

OPTIONS = ["-Er", "-Ev", "-Ec", "-Ee", "+Pn", "+Pl", "+Pc", "+Psu", "+Pu", "+Pi", "-Ph"]
LINE = re.compile(r"^(?P<position>\d+(?:\.\d+)*)  <(?P<body>.*)>(?: \{[^}]*\})?$")
RELATIONSHIPS = (
    "contains",
    "has obs context",
    "has acq context",
    "has concept mod",
    "has properties",
    "inferred from",
    "selected from",
    "unknown relationship type",
)
BY_REFERENCE = re.compile(r"^\d+(?:\.\d+)*$")


@dataclass(frozen=True)
class DumpedItem:
    position: str
    relationship: str | None  # as in DICOM: "CONTAINS"; "unknown relationship type" kept as written
    value_type: str | None
    concept: tuple[str, str, str] | None
    value: str  # the text after "=", as printed
    reference: str | None = None  # the target of a by-reference item


@dataclass(frozen=True)
class Dump:
    items: list[DumpedItem]
    utf8: bool  # False when dcmtk could not convert the file's character set and printed raw bytes


def available() -> bool:
    return shutil.which("dsrdump") is not None


@cache
def dump(path: Path) -> Dump | None:
    """The file's items as dsrdump prints them; None when dsrdump refuses the file."""
    for utf8 in (True, False):
        result = subprocess.run(
            ["dsrdump", *OPTIONS, *(["+U8"] if utf8 else []), str(path)],
            capture_output=True,
            check=False,
        )
        if result.returncode == 0:
            text = result.stdout.decode("utf-8" if utf8 else "latin-1", errors="replace")
            return Dump([_item(line) for line in text.splitlines() if LINE.match(line)], utf8)
    return None


def _item(line: str) -> DumpedItem:
    match = LINE.match(line)
    assert match is not None
    position, body = match["position"], match["body"]
    relationship = next((name for name in RELATIONSHIPS if body.startswith(name + " ")), None)
    if relationship is not None:
        body = body[len(relationship) + 1 :]
        relationship = relationship.upper() if relationship != "unknown relationship type" else relationship
    if BY_REFERENCE.match(body):
        return DumpedItem(position, relationship, None, None, "", reference=body)
    value_type, _, rest = body.partition(":")
    concept_text, _, value = rest.partition('")=')
    return DumpedItem(position, relationship, value_type, parse_code(concept_text + '")'), value)


def parse_code(text: str) -> tuple[str, str, str] | None:
    """(value,scheme[version],"meaning") as dsrdump prints a code; None for an empty one."""
    inner = text.strip()[1:-1]
    value, _, rest = inner.partition(",")
    scheme, _, meaning = rest.partition(",")
    scheme = scheme.split("[")[0]
    meaning = meaning[1:-1] if meaning.startswith('"') else meaning
    if not (value or scheme or meaning):
        return None
    return value, scheme, meaning


def quoted(value: str) -> str:
    """A printed value without its quotes."""
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def escaped(text: str) -> str:
    """How dsrdump prints a text value: carriage returns and line feeds escaped, nothing else."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def number_and_units(value: str) -> tuple[str | None, tuple[str, str, str] | None]:
    """A NUM's printed value: '"3" (cm,UCUM,"cm")', 'empty' or 'empty (qualifier)'."""
    if value.startswith("empty"):
        return None, None
    number, _, units = value[1:].partition('" ')
    return number, parse_code(units) if units else None

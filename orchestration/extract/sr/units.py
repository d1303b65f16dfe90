"""Units of measurement: recognise what devices write, convert into the units the tables name.

A unit is recognised by its UCUM code (case-sensitive: `mBq` is not `MBq`). Devices also
write a few spellings that are not UCUM (`mGycm`, `Gym2`, `uAs`) or put UCUM codes under
another scheme (`UCM`); those are unambiguous, so they are read and noted. Anything else is
an unknown unit: its value is withheld from the derived table rather than guessed, and the
content item keeps the value exactly as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from orchestration.extract.sr.codes import UCUM, Code

# Spellings seen in the field (OpenREM's vendor samples: Siemens, GE, Philips) and their UCUM code.
NON_UCUM_SPELLINGS = {
    "mGycm": "mGy.cm",
    "Gycm": "Gy.cm",
    "Gym2": "Gy.m2",
    "Gycm2": "Gy.cm2",
    "dGycm2": "dGy.cm2",
    "uAs": "uA.s",
    "mAs": "mA.s",
}


@dataclass(frozen=True)
class Quantity:
    """A target unit (UCUM) and the factor from every unit that converts into it."""

    unit: str
    factors: Mapping[str, float]


MGY = Quantity("mGy", {"mGy": 1.0, "Gy": 1e3, "cGy": 10.0, "dGy": 100.0, "uGy": 1e-3})
GY = Quantity("Gy", {"Gy": 1.0, "dGy": 0.1, "cGy": 1e-2, "mGy": 1e-3, "uGy": 1e-6})
MGY_CM = Quantity("mGy.cm", {"mGy.cm": 1.0, "Gy.cm": 1e3, "mGy.mm": 0.1, "mGy.m": 100.0, "uGy.cm": 1e-3})
GY_M2 = Quantity(
    "Gy.m2",
    {
        "Gy.m2": 1.0,
        "mGy.m2": 1e-3,
        "uGy.m2": 1e-6,
        "Gy.cm2": 1e-4,
        "dGy.cm2": 1e-5,
        "cGy.cm2": 1e-6,
        "mGy.cm2": 1e-7,
        "uGy.cm2": 1e-10,
    },
)
KV = Quantity("kV", {"kV": 1.0, "V": 1e-3})
MA = Quantity("mA", {"mA": 1.0, "A": 1e3, "uA": 1e-3})
MS = Quantity("ms", {"ms": 1.0, "s": 1e3, "us": 1e-3})
UAS = Quantity("uA.s", {"uA.s": 1.0, "mA.s": 1e3, "A.s": 1e6})
MM = Quantity("mm", {"mm": 1.0, "cm": 10.0, "m": 1e3})
S = Quantity("s", {"s": 1.0, "ms": 1e-3, "min": 60.0, "h": 3600.0})
MBQ = Quantity("MBq", {"MBq": 1.0, "kBq": 1e-3, "Bq": 1e-6, "GBq": 1e3, "mCi": 37.0, "uCi": 0.037, "Ci": 37e3})


def unit_oddities(units: Code | None) -> list[str]:
    """What is non-standard about a NUM's units as written (the content tree keeps them as they are)."""
    if units is None or units.value is None or units.scheme is None:
        return []
    if units.scheme.startswith("99"):
        return [f"units: private code {units.scheme}:{units.value}"]
    if units.scheme != UCUM:
        return [f"units: not UCUM: {units.scheme}:{units.value}"]
    if units.value in NON_UCUM_SPELLINGS:
        return [f"units: not a UCUM code: {units.value}"]
    return []


def convert(number: float | None, units: Code | None, quantity: Quantity, label: str) -> tuple[float | None, list[str]]:
    """The number in `quantity`'s unit, and notes on how it was read; None when the units are unknown."""
    if number is None:
        return None, []
    if units is None or units.value is None:
        return None, [f"{label}: no units"]
    unit = NON_UCUM_SPELLINGS.get(units.value, units.value)
    factor = quantity.factors.get(unit)
    if factor is None:
        return None, [f"{label}: unknown units {units.scheme}:{units.value}"]
    notes = []
    if units.scheme != UCUM:
        notes.append(f"{label}: units {units.scheme}:{units.value} read as UCUM {unit}")
    elif unit != units.value:
        notes.append(f"{label}: units {units.value} read as {unit}")
    if unit != quantity.unit:
        notes.append(f"{label}: converted from {unit} to {quantity.unit}")
    return number * factor, notes

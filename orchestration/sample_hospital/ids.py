"""Deterministic identities and random streams, all derived from the seed.

Nothing here reads the clock or the OS entropy pool: the same seed and the same names
always give the same UIDs and the same draws, whatever order the callers run in, which
is what lets workers generate studies in parallel and still write identical bytes.
"""

from __future__ import annotations

import hashlib

import numpy as np


def digest(*parts: object) -> bytes:
    """SHA-256 of the parts, separated so that ("ab", "c") and ("a", "bc") differ."""
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).digest()


def uid(*parts: object) -> str:
    """A DICOM UID under the UUID-derived root 2.25 (PS3.5 §B.2).

    The 128 bits come from a hash of the parts, with the version and variant bits of a
    name-based UUID (RFC 9562 version 8) set so the integer is a well-formed UUID.
    """
    raw = bytearray(digest("uid", *parts)[:16])
    raw[6] = (raw[6] & 0x0F) | 0x80
    raw[8] = (raw[8] & 0x3F) | 0x80
    return f"2.25.{int.from_bytes(raw, 'big')}"


def rng(*parts: object) -> np.random.Generator:
    """An independent random stream named by the parts (seed first, then what it draws)."""
    return np.random.default_rng(int.from_bytes(digest("rng", *parts)[:8], "big"))

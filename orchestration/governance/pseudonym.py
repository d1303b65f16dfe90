"""Keyed pseudonyms for identifiers, applied before anything lands (SPEC §5).

HMAC-SHA256 with the site key: the same identifier always gives the same pseudonym, so
joins across DICOM, HL7 and audit data still work, while nobody without the key can
reverse or recompute it. Each kind of identifier has its own namespace so that a patient
ID and an accession number that happen to be equal do not collide.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from dashboards.settings import Settings

# 128 bits is ample against collisions at billions of identifiers and keeps columns short.
PSEUDONYM_HEX_CHARS = 32
KEY_BYTES = 32


class MissingPseudonymKeyError(RuntimeError):
    """No site key configured: refusing to land data that would carry raw identifiers."""


@dataclass(frozen=True)
class Pseudonymiser:
    key: bytes

    def _digest(self, namespace: str, value: str) -> str:
        message = f"{namespace}\x1f{value}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:PSEUDONYM_HEX_CHARS]

    def patient(self, patient_id: str | None, issuer: str | None = None) -> str | None:
        """Pseudonym of a patient ID within its issuer (equal IDs from two issuers differ)."""
        if not patient_id:
            return None
        return self._digest("patient", f"{issuer or ''}\x1e{patient_id.strip()}")

    def person(self, name: str | None) -> str | None:
        """Pseudonym of a person's name as written (a report's observer, an operator)."""
        if not name or not name.strip():
            return None
        return self._digest("person", name.strip())

    def accession(self, accession_number: str | None) -> str | None:
        if not accession_number or not accession_number.strip():
            return None
        return self._digest("accession", accession_number.strip())


def load_pseudonymiser(settings: Settings) -> Pseudonymiser:
    """The site key from LANTERN_PSEUDONYM_KEY, else from the key file in the data directory."""
    if settings.pseudonym_key is not None:
        return Pseudonymiser(settings.pseudonym_key.get_secret_value().encode())
    if settings.key_file.exists():
        return Pseudonymiser(settings.key_file.read_text().strip().encode())
    raise MissingPseudonymKeyError(
        "No pseudonym key: set LANTERN_PSEUDONYM_KEY to the site's secret key, "
        f"or run `lantern init` to create one in {settings.key_file}."
    )


def create_key_file(settings: Settings) -> Path:
    """Write a new random site key readable by its owner only; keep an existing one."""
    path = settings.key_file
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    # O_EXCL with mode 0600: the key is never readable by others, not even for an instant.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(KEY_BYTES))
    return path

"""What an Orthanc archive can tell beyond DICOMweb: each instance's file size and transfer
syntax, which WADO-RS metadata does not carry (they belong to the file, not the dataset).

Orthanc keeps both in its index, so two requests per study fetch them for every instance
of the study without reading a file: `POST /tools/lookup` (StudyInstanceUID to Orthanc's
study ids) and `POST /tools/bulk-content` with `"Level": "Instance", "Metadata": true`
(Orthanc 1.9.4 on). Any other archive, or an Orthanc whose REST API is not beside its
DICOMweb root, gives neither, and the rows carry nulls there.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

import requests

from orchestration.ingest.dicomweb_client import TIMEOUT_SECONDS, call

log = logging.getLogger(__name__)

BULK_CONTENT_SINCE = (1, 9, 4)


@dataclass(frozen=True)
class InstanceFacts:
    size_bytes: int | None
    transfer_syntax_uid: str | None


NO_FACTS = InstanceFacts(None, None)


class OrthancExtras:
    """Orthanc's REST API beside its DICOMweb root, used only for look-ups."""

    def __init__(self, rest_url: str, session: requests.Session) -> None:
        self.rest_url = rest_url
        self.session = session

    @classmethod
    def detect(cls, dicomweb_url: str, session: requests.Session) -> OrthancExtras | None:
        """The extras when the server one level above the DICOMweb root is a recent enough
        Orthanc (its default layout: `http://host:8042/dicom-web`), else None."""
        rest_url = dicomweb_url.rstrip("/").rsplit("/", 1)[0]
        try:
            response = session.get(f"{rest_url}/system", timeout=TIMEOUT_SECONDS)
            system = response.json() if response.ok else None
        except (requests.RequestException, ValueError):
            system = None
        version = _version(system.get("Version")) if isinstance(system, dict) and "ApiVersion" in system else None
        if version is None or version < BULK_CONTENT_SINCE:
            log.info("no Orthanc REST API at %s: file sizes and transfer syntaxes land as null", rest_url)
            return None
        return cls(rest_url, session)

    def study_facts(self, study_uid: str) -> dict[str, InstanceFacts]:
        """Size and transfer syntax of every instance in the study, by SOPInstanceUID."""
        # One StudyInstanceUID may name several Orthanc studies (one per patient ID).
        found = call(self._post, "/tools/lookup", data=study_uid)
        studies = [item.get("ID") for item in _objects(found) if item.get("Type") == "Study"]
        if not studies:
            return {}
        body = {"Resources": studies, "Level": "Instance", "Metadata": True}
        facts = {}
        for instance in _objects(call(self._post, "/tools/bulk-content", json=body)):
            uid = _object(instance.get("MainDicomTags")).get("SOPInstanceUID")
            size = instance.get("FileSize")
            syntax = _object(instance.get("Metadata")).get("TransferSyntax")
            if uid:
                facts[uid] = InstanceFacts(size if isinstance(size, int) else None, syntax or None)
        return facts

    def _post(self, path: str, **kwargs: object) -> object:
        response = self.session.post(f"{self.rest_url}{path}", timeout=TIMEOUT_SECONDS, **kwargs)
        response.raise_for_status()
        return response.json()


def _objects(found: object) -> list[dict]:
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def _object(found: object) -> dict:
    return found if isinstance(found, dict) else {}


def _version(text: object) -> tuple[int, ...] | None:
    """Orthanc's version as numbers; a development build ("mainline") counts as newest."""
    if text == "mainline":
        return (999,)
    match = re.fullmatch(r"(\d+)\.(\d+)\.(\d+).*", str(text))
    return tuple(int(part) for part in match.groups()) if match else None

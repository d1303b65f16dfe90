"""The DICOMweb requests the ingest makes: QIDO-RS study and series searches and WADO-RS
series metadata, over one HTTP session that retries what is worth retrying.

Failures come out in two kinds, because they call for opposite handling:
`ResourceError` is one resource the archive refuses (404, 400, a 500 that outlasts the
retries, a body that is not DICOM JSON): it is quarantined and the run goes on.
`ArchiveUnavailableError` is the archive itself gone (connection refused, timeouts, 502,
503, 504, 429 after every retry): the run stops and the next one resumes from the
checkpoint, instead of quarantining everything the archive would have served.
"""

from __future__ import annotations

from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import requests
from dicomweb_client import DICOMwebClient
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

# Transient statuses: retried with exponential backoff (urllib3 2 retries once at once,
# then after 1, 2, 4 and 8 s: about 15 s in all), or after the archive's Retry-After.
RETRIED_STATUSES = (429, 500, 502, 503, 504)
UNAVAILABLE_STATUSES = (429, 502, 503, 504)
RETRIES = 5
BACKOFF_SECONDS = 0.5
# Connect and read timeouts: series metadata of a large series takes a while to build.
TIMEOUT_SECONDS = (10, 300)
STUDY_INSTANCE_UID = "0020000D"
SERIES_INSTANCE_UID = "0020000E"


class ResourceError(Exception):
    """One resource the archive would not serve; quarantined with this class and message."""

    def __init__(self, error_class: str, message: str) -> None:
        super().__init__(message)
        self.error_class = error_class
        self.message = message


class ArchiveUnavailableError(RuntimeError):
    """The archive does not answer even after retries, or refuses the study search itself:
    the run stops, and the next one resumes from the checkpoint."""


def retrying_session(retries: int = RETRIES, backoff_seconds: float = BACKOFF_SECONDS) -> requests.Session:
    """A session that retries connection errors and transient statuses, GET and POST alike
    (the POSTs made are Orthanc look-ups, which change nothing)."""
    retry = Retry(
        total=retries,
        backoff_factor=backoff_seconds,
        status_forcelist=RETRIED_STATUSES,
        allowed_methods=frozenset({"GET", "POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def call(request: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one request, translating its failure into the two kinds above."""
    try:
        return request(*args, **kwargs)
    except requests.HTTPError as error:
        status = error.response.status_code if error.response is not None else 0
        reason = _status_reason(status, error.response)
        if status in UNAVAILABLE_STATUSES:
            raise ArchiveUnavailableError(f"the archive answered {reason}, retries exhausted") from error
        raise ResourceError(f"HTTP{status}", reason) from None
    except (requests.ConnectionError, requests.Timeout) as error:
        raise ArchiveUnavailableError(f"the archive did not answer, retries exhausted: {error}") from error
    except requests.JSONDecodeError as error:
        raise ResourceError("MalformedMetadata", f"the body is not JSON: {error}") from None


def _status_reason(status: int, response: requests.Response | None) -> str:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "unknown status"
    detail = ""
    if response is not None:
        try:
            body = response.json()
        except ValueError:
            body = response.text[:200]
        # Orthanc explains its errors in a JSON body; other archives in plain text, if at all.
        detail = str(body.get("Details") or body.get("Message") or "") if isinstance(body, dict) else str(body)
    return f"{status} {phrase}" + (f": {detail}" if detail else "")


def first_value(dataset: Any, tag: str) -> str | None:
    """The first value of a top-level attribute of a QIDO result, if it is a string."""
    element = dataset.get(tag) if isinstance(dataset, dict) else None
    values = element.get("Value") if isinstance(element, dict) else None
    if isinstance(values, list) and values and isinstance(values[0], str):
        return values[0]
    return None


class DicomwebArchive:
    """One DICOMweb service: studies by date window, their series, and series metadata."""

    def __init__(self, url: str, session: requests.Session) -> None:
        self.url = url.rstrip("/")
        self.session = session
        # Archives hold UIDs that break the standard's syntax (leading zeros, letters);
        # they must still be fetched, so UIDs are not validated here.
        self._client = DICOMwebClient(self.url, session=session, permissive_uid=True, timeout=TIMEOUT_SECONDS)
        # The session's adapter already retries, with Retry-After and connection errors.
        self._client.set_http_retry_params(retry=False)

    def study_uids(self, study_date: str | None, page_size: int) -> Iterator[str]:
        """StudyInstanceUIDs matching the StudyDate range (all studies when None), page by page."""
        filters = {"StudyDate": study_date} if study_date else None
        offset = 0
        while True:
            try:
                page = call(
                    self._client.search_for_studies,
                    offset=offset,
                    limit=page_size,
                    fields=["StudyInstanceUID"],
                    search_filters=filters,
                )
            except ResourceError as error:
                raise ArchiveUnavailableError(f"{self.url} refused the study search: {error.message}") from None
            for study in page:
                uid = first_value(study, STUDY_INSTANCE_UID)
                if uid:
                    yield uid
            # An archive may cap a page below the limit asked for: only an empty page ends.
            if not page:
                return
            offset += len(page)

    def series_uids(self, study_uid: str) -> list[str]:
        found = call(self._client.search_for_series, study_uid, fields=["SeriesInstanceUID"])
        # dict.fromkeys: once each, in the archive's order, even if it lists a series twice.
        return list(dict.fromkeys(uid for uid in (first_value(series, SERIES_INSTANCE_UID) for series in found) if uid))

    def series_metadata(self, study_uid: str, series_uid: str) -> list[Any]:
        metadata = call(self._client.retrieve_series_metadata, study_uid, series_uid)
        if not isinstance(metadata, list):
            raise ResourceError("MalformedMetadata", "series metadata is not a JSON array of datasets")
        return metadata

    def study_url(self, study_uid: str) -> str:
        return f"{self.url}/studies/{study_uid}"

    def series_url(self, study_uid: str, series_uid: str) -> str:
        return f"{self.study_url(study_uid)}/series/{series_uid}"

    def instance_url(self, study_uid: str, series_uid: str, instance_uid: str) -> str:
        """The instance's WADO-RS URL: what `file_path` holds for an instance from DICOMweb."""
        return f"{self.series_url(study_uid, series_uid)}/instances/{instance_uid}"

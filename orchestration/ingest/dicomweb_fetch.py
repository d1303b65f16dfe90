"""Fetching studies from the archive ahead of landing them, a few at a time.

A study costs several round trips (series search, metadata per series, Orthanc look-ups),
each mostly spent waiting for the archive; a few studies fetched in background threads
keep the archive busy while the main thread converts and writes the previous one, in
the archive's order. Fetched metadata is cut down to the attributes the header reads
at once, so memory is bounded by a few studies' worth of those, not of their metadata.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

from orchestration.extract.dicomweb_json import header_elements
from orchestration.ingest.dicomweb_client import DicomwebArchive, ResourceError
from orchestration.ingest.dicomweb_orthanc import InstanceFacts, OrthancExtras

Item = TypeVar("Item")
Result = TypeVar("Result")


@dataclass
class FetchedSeries:
    uid: str
    instances: list[Any] = field(default_factory=list)
    error: ResourceError | None = None


@dataclass
class FetchedStudy:
    uid: str
    series: list[FetchedSeries] = field(default_factory=list)
    facts: dict[str, InstanceFacts] = field(default_factory=dict)
    # The study's series could not be listed: nothing else was fetched.
    error: ResourceError | None = None


def fetch_study(archive: DicomwebArchive, extras: OrthancExtras | None, study_uid: str) -> FetchedStudy:
    """The study's series and their metadata; what the archive refuses is kept as an error."""
    try:
        series_uids = archive.series_uids(study_uid)
        facts = extras.study_facts(study_uid) if extras else {}
    except ResourceError as error:
        return FetchedStudy(study_uid, error=error)
    study = FetchedStudy(study_uid, facts=facts)
    for series_uid in series_uids:
        try:
            metadata = archive.series_metadata(study_uid, series_uid)
        except ResourceError as error:
            study.series.append(FetchedSeries(series_uid, error=error))
        else:
            study.series.append(FetchedSeries(series_uid, [header_elements(instance) for instance in metadata]))
    return study


def prefetched(fetch: Callable[[Item], Result], items: Iterable[Item], depth: int) -> Iterator[Result]:
    """fetch(item) for each item, up to `depth` ahead in background threads, in the items' order.

    An error in a fetch (the archive gone) comes out where its result would have; when the
    consumer stops early, fetches not yet started are cancelled.
    """
    with ThreadPoolExecutor(max_workers=depth, thread_name_prefix="dicomweb-fetch") as pool:
        pending: deque[Future[Result]] = deque()
        try:
            for item in items:
                pending.append(pool.submit(fetch, item))
                if len(pending) >= depth:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

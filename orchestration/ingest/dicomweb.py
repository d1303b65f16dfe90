"""Land DICOM headers from a DICOMweb archive: the work behind `lantern ingest dicomweb`.

Per StudyDate window (see dicomweb_checkpoint): QIDO-RS pages the studies; per study, one
QIDO-RS series search and one WADO-RS metadata request per series (Orthanc builds series
metadata several times faster than it answers instance searches), plus, on Orthanc, two
look-ups for file sizes and transfer syntaxes (dicomweb_orthanc). Each instance becomes
the same dicom_instances row as its file would (`file_path` holds its WADO-RS URL), or a
quarantine row; a series or study the archive refuses is quarantined under its URL.

Studies are fetched a few ahead in background threads (dicomweb_fetch) and landed in
the archive's order by the calling thread. The manifest records every input under its URL
with, in place of a file's mtime, a digest of what it landed (or of why it was
quarantined): a re-run fetches the metadata again but writes nothing for an unchanged
instance. Batches are written as in the file ingest, data parts then the manifest part;
then the studies they complete go to the checkpoint's journal.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import requests

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.dicomweb_json import header_from_json
from orchestration.governance.pseudonym import Pseudonymiser
from orchestration.ingest.dicom_files import Extracted, IngestReport, landing_row, quarantine_row
from orchestration.ingest.dicomweb_checkpoint import Checkpoint, Window
from orchestration.ingest.dicomweb_client import DicomwebArchive, ResourceError, first_value, retrying_session
from orchestration.ingest.dicomweb_fetch import FetchedStudy, fetch_study, prefetched
from orchestration.ingest.dicomweb_orthanc import NO_FACTS, InstanceFacts, OrthancExtras
from orchestration.land.batches import write_instance_batch
from orchestration.land.manifest import load_manifest, manifest_row
from orchestration.land.parts import new_run_id, record_id, utc_now
from orchestration.land.source_kinds import DICOMWEB
from orchestration.land.tables import ensure_landing_tables

SOURCE_KIND = DICOMWEB
SOP_INSTANCE_UID = "00080018"
STUDIES_PER_PAGE = 100
# Studies fetched ahead: enough to hide an archive's latency, few enough to bound memory.
STUDIES_IN_FLIGHT = 4
Progress = Callable[[int], None]


@dataclass(frozen=True)
class RemoteInput:
    """One thing read from the archive, shaped like the file ingest's input: `path` is its URL
    and `mtime_ns` the digest that tells whether it changed."""

    path: str
    source: str
    size_bytes: int | None
    mtime_ns: int = 0


@dataclass
class _Batch:
    extracted: Extracted = field(default_factory=Extracted)
    manifest: list[dict[str, Any]] = field(default_factory=list)


def version_marker(*values: Any) -> int:
    """A signed 64-bit digest of what an input lands, stored where a file's mtime would be."""
    digest = hashlib.blake2b(repr(values).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def ingest_dicomweb(
    url: str,
    *,
    raw_dir: Path,
    restricted_dir: Path,
    pseudonymiser: Pseudonymiser,
    state_dir: Path,
    since: date | None = None,
    until: date | None = None,
    batch_size: int,
    window_days: int = 1,
    progress: Progress | None = None,
    session: requests.Session | None = None,
) -> IngestReport:
    """Land the archive's instances in the StudyDate windows from `since` to `until`.

    Without `since`, the run resumes an unfinished plan, else starts at the frontier the
    last finished plan reached (the first run sweeps every study). Raises
    ArchiveUnavailableError when the archive stops answering; the next run resumes.
    """
    session = session or retrying_session()
    archive = DicomwebArchive(url, session)
    checkpoint = Checkpoint(state_dir, archive.url)
    today = utc_now().date()
    plan = checkpoint.plan(since, until, today, window_days)
    run = _Run(
        archive=archive,
        checkpoint=checkpoint,
        raw_dir=raw_dir,
        restricted_dir=restricted_dir,
        pseudonymiser=pseudonymiser,
        batch_size=batch_size,
        progress=progress,
    )
    fetch = partial(fetch_study, archive, OrthancExtras.detect(archive.url, session))
    for window in checkpoint.pending_windows(plan):
        run.window = window
        studies = _not_yet(archive.study_uids(window.study_date, STUDIES_PER_PAGE), checkpoint.studies_done(window))
        for study in prefetched(fetch, studies, STUDIES_IN_FLIGHT):
            run.land_study(study)
        run.flush()
        checkpoint.finish_window(plan, window, today)
    return run.report


def _not_yet(study_uids: Iterator[str], finished: set[str]) -> Iterator[str]:
    """Studies not finished before, each once (an archive may list one UID for two patients)."""
    for uid in study_uids:
        if uid not in finished:
            finished.add(uid)
            yield uid


class _Run:
    """One run's batches: rows collected per instance, written as parts when full."""

    def __init__(
        self,
        *,
        archive: DicomwebArchive,
        checkpoint: Checkpoint,
        raw_dir: Path,
        restricted_dir: Path,
        pseudonymiser: Pseudonymiser,
        batch_size: int,
        progress: Progress | None,
    ) -> None:
        self.archive, self.checkpoint = archive, checkpoint
        self.raw_dir, self.restricted_dir = raw_dir, restricted_dir
        self.pseudonymiser, self.batch_size, self.progress = pseudonymiser, batch_size, progress
        self.seen = load_manifest(raw_dir, SOURCE_KIND)
        self.report = IngestReport()
        self.batch = _Batch()
        self.window: Window | None = None
        # Studies whose every row is in the batch or written, not yet in the journal.
        self.unjournaled: list[str] = []
        started = utc_now()
        self.run_id = new_run_id(started)
        self.partition = {"ingest_date": started.date().isoformat()}
        self.parts_written = 0
        ensure_landing_tables(raw_dir)
        restricted_dir.mkdir(parents=True, exist_ok=True)
        os.chmod(restricted_dir, 0o700)  # identities are PHI: owner only

    def land_study(self, study: FetchedStudy) -> None:
        if study.error is not None:
            self._quarantine(self.archive.study_url(study.uid), study.error, "search_series")
        for series in study.series:
            series_url = self.archive.series_url(study.uid, series.uid)
            if series.error is not None:
                self._quarantine(series_url, series.error, "series_metadata")
            for index, instance in enumerate(series.instances):
                uid = first_value(instance, SOP_INSTANCE_UID)
                # Without a SOP Instance UID there is no instance URL: its place in the series stands in.
                locator = self.archive.instance_url(study.uid, series.uid, uid) if uid else f"{series_url}#{index}"
                self._instance(locator, instance, study.facts.get(uid, NO_FACTS))
        self.unjournaled.append(study.uid)

    def _instance(self, locator: str, instance: Any, facts: InstanceFacts) -> None:
        at = utc_now()
        try:
            header = header_from_json(instance, transfer_syntax_uid=facts.transfer_syntax_uid)
        except UnreadableInputError as error:
            self._quarantine(locator, error, "dicom_json")
            return
        item = RemoteInput(locator, self.archive.url, facts.size_bytes, version_marker(header, facts.size_bytes))
        if self._unchanged(item, "landed"):
            return
        row, identity = landing_row(header, item, self.pseudonymiser, at)
        self.batch.extracted.instances.append(row)
        if identity is not None:
            self.batch.extracted.identities[identity["PatientPseudonym"]] = identity
        self._manifest(item, "landed", at)

    def _quarantine(self, locator: str, error: ResourceError | UnreadableInputError, stage: str) -> None:
        at = utc_now()
        item = RemoteInput(locator, self.archive.url, None, version_marker(error.error_class, error.message))
        if self._unchanged(item, "quarantined"):
            return
        unreadable = UnreadableInputError(error.error_class, error.message)
        self.batch.extracted.quarantine.append(quarantine_row(item, unreadable, stage, at, SOURCE_KIND))
        self._manifest(item, "quarantined", at)

    def _unchanged(self, item: RemoteInput, outcome: str) -> bool:
        entry = self.seen.get(item.path)
        unchanged = entry is not None and (entry.mtime_ns, entry.outcome) == (item.mtime_ns, outcome)
        if unchanged:
            self.report.unchanged += 1
            self._advance()
        return unchanged

    def _manifest(self, item: RemoteInput, outcome: str, at: datetime) -> None:
        # The manifest needs a number: 0 stands for a size the archive does not tell.
        size_bytes = item.size_bytes or 0
        self.batch.manifest.append(
            manifest_row(
                source_kind=SOURCE_KIND,
                record_id=record_id(item.source, item.path),
                source=item.source,
                locator=item.path,
                size_bytes=size_bytes,
                mtime_ns=item.mtime_ns,
                outcome=outcome,
                at=at,
            )
        )
        self.report.considered += 1
        self.report.landed += outcome == "landed"
        self.report.quarantined += outcome == "quarantined"
        self._advance()
        if len(self.batch.manifest) >= self.batch_size:
            self.flush()

    def _advance(self) -> None:
        if self.progress is not None:
            self.progress(1)

    def flush(self) -> None:
        """Write the batch (data parts, then manifest), then journal the studies it completes."""
        if self.batch.manifest:
            self._write(self.batch)
            self.batch = _Batch()
        if self.window is not None:
            self.checkpoint.record_studies(self.window, self.unjournaled)
        self.unjournaled.clear()

    def _write(self, batch: _Batch) -> None:
        name = f"part-{self.run_id}-{self.parts_written:05d}"
        self.parts_written += 1
        written = write_instance_batch(
            raw_dir=self.raw_dir,
            restricted_dir=self.restricted_dir,
            name=name,
            instances=batch.extracted.instances,
            quarantine=batch.extracted.quarantine,
            identities=list(batch.extracted.identities.values()),
            manifest=batch.manifest,
            source_kind=SOURCE_KIND,
            partition=self.partition,
        )
        self.report.parts.extend(written)

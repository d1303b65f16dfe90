"""The DICOMweb source against a real Orthanc: the same rows as from the files, re-runs that
change nothing, interrupted runs that resume, and refused resources quarantined."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pydicom
import pytest

from orchestration.extract.dicom_headers import UnreadableInputError, read_header
from orchestration.governance.pseudonym import Pseudonymiser
from orchestration.ingest.dicom_files import SOURCE_KIND as FILES_KIND
from orchestration.ingest.dicom_files import IngestReport, ingest_dicom_files
from orchestration.ingest.dicomweb import SOURCE_KIND, ingest_dicomweb
from orchestration.ingest.dicomweb_client import ArchiveUnavailableError, retrying_session
from orchestration.ingest.inventory import plan_ingest
from orchestration.land.accounting import account_inputs
from tests.services.flaky_proxy import FlakyProxy
from tests.services.orthanc import OrthancServer, start_orthanc, stop_orthanc

PSEUDONYMISER = Pseudonymiser(b"lantern-dicomweb-test-key")
# Columns that say where a row came from and when; every other column must be equal.
LOCATOR_COLUMNS = ["_record_id", "_source", "_ingested_at", "file_path", "ingest_date"]
SMALL_CORPUS = 12


def more_missing_only_where_orthanc_sends_empty(from_file: list, from_orthanc: list, path: Path | None) -> bool:
    """Orthanc sends a few attributes the file holds as absent or empty, so more can be missing."""
    extra = set(from_orthanc) - set(from_file)
    return set(from_file) <= set(from_orthanc) and all(path and orthanc_sends_empty(path, name) for name in extra)


# Where Orthanc 1.10's DICOM JSON itself differs from the file (docs/dicomweb.md), by column:
# (value from the file, value from Orthanc, the file) -> whether the difference is that one.
ORTHANC_DEVIATIONS: dict[str, Callable[[Any, Any, Path | None], bool]] = {
    # A file without File Meta Information names no transfer syntax; Orthanc tells the one it found.
    "TransferSyntaxUID": lambda from_file, _, __: from_file is None,
    # An empty first value (default repertoire, then code extensions) is dropped.
    "SpecificCharacterSet": lambda from_file, from_orthanc, _: from_orthanc == from_file.removeprefix("\\"),
    # In a dataset whose first character set is JIS X 0201 (ISO_IR 13), Orthanc decodes code
    # strings with it too, and there the backslash byte is the yen sign.
    "ImageType": lambda from_file, from_orthanc, _: from_orthanc == from_file.replace("\\", "\N{YEN SIGN}"),
    # An IS value that is not an integer (" 40.196") becomes empty.
    "Exposure": lambda from_file, from_orthanc, _: from_orthanc is None and not float(from_file).is_integer(),
    # The ideographic group after JIS X 0201 katakana is mis-decoded (chrH32.dcm).
    "PatientName": lambda from_file, from_orthanc, _: from_file.split("=")[0] == from_orthanc.split("=")[0],
    "MissingRequiredAttributes": more_missing_only_where_orthanc_sends_empty,
}


EMPTY_ITEMS = (b"\xfe\xff\x00\xe0\x00\x00\x00\x00", b"\xfe\xff\x00\xe0\xff\xff\xff\xff\xfe\xff\x0d\xe0\x00\x00\x00\x00")


def orthanc_sends_empty(path: Path, keyword: str) -> bool:
    """Whether Orthanc sends this attribute of the file as absent or empty, though the file
    holds bytes for it: stored with VR UN, a sequence of empty items, padding only, or a
    multi-value in a dataset whose first character set is JIS X 0201 (the backslash is a yen)."""
    dataset = pydicom.dcmread(path, stop_before_pixels=True)
    element = dataset.get_item(keyword)
    value = element.value or b""
    character_sets = dataset.get("SpecificCharacterSet") or [""]
    first_character_set = character_sets if isinstance(character_sets, str) else character_sets[0]
    japanese_romaji = first_character_set in {"ISO_IR 13", "ISO 2022 IR 13"}
    return (
        element.VR == "UN"
        or value.strip(b" \0") == b""
        or (element.VR == "SQ" and value.replace(EMPTY_ITEMS[0], b"").replace(EMPTY_ITEMS[1], b"") == b"")
        or (japanese_romaji and b"\\" in value)
    )


def upload_corpus(server: OrthancServer, candidates: Iterable[Path], limit: int | None = None) -> list[Path]:
    """Upload the readable files, one per instance, and return those Orthanc stored.

    A study whose UID appears with two patient IDs is left out: Orthanc keeps one study
    per patient, which WADO-RS cannot address (tested apart, as quarantine)."""
    stored: list[Path] = []
    instances: set[str] = set()
    patients: dict[str, str | None] = {}
    for path in candidates:
        try:
            header = read_header(path)
        except UnreadableInputError:
            continue
        study, patient = header["StudyInstanceUID"], header["PatientID"]
        if header["SOPInstanceUID"] in instances or patients.get(study, patient) != patient:
            continue
        if server.upload(path):
            stored.append(path)
            instances.add(header["SOPInstanceUID"])
            patients[study] = patient
        if limit is not None and len(stored) == limit:
            break
    return stored


def ingest_files(data_dir: Path, files: list[Path]) -> IngestReport:
    return ingest_dicom_files(
        plan_ingest(files, data_dir / "raw", FILES_KIND),
        raw_dir=data_dir / "raw",
        restricted_dir=data_dir / "restricted",
        pseudonymiser=PSEUDONYMISER,
        batch_size=50,
    )


def ingest_web(data_dir: Path, dicomweb_url: str, **options: Any) -> IngestReport:
    options.setdefault("batch_size", 50)
    return ingest_dicomweb(
        dicomweb_url,
        raw_dir=data_dir / "raw",
        restricted_dir=data_dir / "restricted",
        pseudonymiser=PSEUDONYMISER,
        state_dir=data_dir / "state",
        **options,
    )


def rows(data_dir: Path, table: str, exclude: list[str]) -> list[dict[str, Any]]:
    folder = data_dir / ("restricted" if table == "patient_identity" else "raw") / table
    relation = duckdb.sql(f"select * from read_parquet('{folder}/**/*.parquet', union_by_name = true)")
    kept = [column for column in relation.columns if column not in exclude]
    return relation.select(", ".join(f'"{column}"' for column in kept)).to_arrow_table().to_pylist()


def identities(data_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """The distinct identity rows of each patient pseudonym."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in rows(data_dir, "patient_identity", ["_source", "_ingested_at"]):
        if row not in found.setdefault(row["PatientPseudonym"], []):
            found[row["PatientPseudonym"]].append(row)
    return found


def differences(
    files: dict[str, dict], web: dict[str, dict], paths: dict[str, Path] | None = None
) -> dict[str, dict[str, tuple]]:
    """Per key, the columns whose values differ, leaving out Orthanc's own deviations."""
    found = {}
    for key in files.keys() & web.keys():
        path = paths[key] if paths else None
        unexplained = {
            column: (value, web[key][column])
            for column, value in files[key].items()
            if value != web[key][column]
            and not (column in ORTHANC_DEVIATIONS and ORTHANC_DEVIATIONS[column](value, web[key][column], path))
        }
        if unexplained:
            found[key] = unexplained
    return found


@pytest.fixture(scope="module")
def pydicom_samples(pydicom_files: Path) -> list[Path]:
    """pydicom's test files and character-set files (Japanese, Korean, Greek, Hebrew...)."""
    return files_under(pydicom_files / "test_files", pydicom_files / "charset_files")


@pytest.fixture(scope="module")
def shared_samples(shared_dicom: Path) -> list[Path]:
    return files_under(shared_dicom)


def files_under(*roots: Path) -> list[Path]:
    return [path for root in roots for path in sorted(root.rglob("*")) if path.is_file()]


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory: pytest.TempPathFactory, pydicom_samples: list[Path]) -> Iterator[OrthancServer]:
    """An Orthanc holding a dozen of pydicom's files."""
    server = start_orthanc(tmp_path_factory.mktemp("small-orthanc"))
    upload_corpus(server, pydicom_samples, SMALL_CORPUS)
    yield server
    stop_orthanc(server)


@pytest.mark.integration
@pytest.mark.slow
@pytest.mark.parametrize("samples", ["pydicom_samples", "shared_samples"])
def test_rows_from_dicomweb_equal_rows_from_files_apart_from_the_locator(
    tmp_path: Path, samples: str, request: pytest.FixtureRequest
) -> None:
    server = start_orthanc(tmp_path / "orthanc")
    try:
        stored = upload_corpus(server, request.getfixturevalue(samples))
        files_report = ingest_files(tmp_path / "files", stored)
        web_report = ingest_web(tmp_path / "web", server.dicomweb_url)
    finally:
        stop_orthanc(server)
    assert (files_report.landed, files_report.quarantined) == (len(stored), 0)
    assert (web_report.landed, web_report.quarantined) == (len(stored), 0)
    from_files = {row["SOPInstanceUID"]: row for row in rows(tmp_path / "files", "dicom_instances", LOCATOR_COLUMNS)}
    from_web = {row["SOPInstanceUID"]: row for row in rows(tmp_path / "web", "dicom_instances", LOCATOR_COLUMNS)}
    paths = {row["SOPInstanceUID"]: Path(row["file_path"]) for row in rows(tmp_path / "files", "dicom_instances", [])}
    assert from_files.keys() == from_web.keys()
    assert differences(from_files, from_web, paths) == {}
    # The restricted identity rows too, where a patient ID has one identity in the files (a
    # batch keeps the last name it saw for an ID, so the names of shared IDs depend on order).
    patients_from_files, patients_from_web = (identities(tmp_path / side) for side in ("files", "web"))
    assert patients_from_files.keys() == patients_from_web.keys()
    unambiguous = {key: seen[0] for key, seen in patients_from_files.items() if len(seen) == 1}
    assert differences(unambiguous, {key: patients_from_web[key][0] for key in unambiguous}) == {}
    web_paths = [row["file_path"] for row in rows(tmp_path / "web", "dicom_instances", [])]
    assert all(path.startswith(f"{server.dicomweb_url}/studies/") and "/instances/" in path for path in web_paths)
    assert account_inputs(tmp_path / "web" / "raw", SOURCE_KIND, "dicom_instances").unaccounted == 0


@pytest.mark.integration
def test_second_run_over_the_same_dates_lands_nothing_new(tmp_path: Path, small_archive: OrthancServer) -> None:
    dates = {"since": date(1980, 1, 1), "until": date(2030, 12, 31), "window_days": 20_000}
    first = ingest_web(tmp_path, small_archive.dicomweb_url, **dates)
    second = ingest_web(tmp_path, small_archive.dicomweb_url, **dates)
    assert first.landed > 0
    assert (second.landed, second.quarantined, second.unchanged, second.parts) == (0, 0, first.landed, [])


@pytest.mark.integration
def test_interrupted_run_resumes_to_the_same_rows_as_a_clean_run(tmp_path: Path, small_archive: OrthancServer) -> None:
    clean = ingest_web(tmp_path / "clean", small_archive.dicomweb_url, batch_size=3)

    class KilledMidRunError(Exception):
        pass

    calls = itertools.count(1)

    def interrupt_after_seven(_: int) -> None:
        if next(calls) == 7:
            raise KilledMidRunError

    with pytest.raises(KilledMidRunError):
        ingest_web(tmp_path / "resumed", small_archive.dicomweb_url, batch_size=3, progress=interrupt_after_seven)
    landed_before = len(rows(tmp_path / "resumed", "dicom_instances", []))
    resumed = ingest_web(tmp_path / "resumed", small_archive.dicomweb_url, batch_size=3)

    assert landed_before == 6  # two full batches, the third lost with the interruption
    assert landed_before + resumed.landed == clean.landed == SMALL_CORPUS
    # Studies journaled before the interruption are not even fetched again.
    assert resumed.unchanged < landed_before
    key = "_record_id"
    clean_rows = sorted(
        rows(tmp_path / "clean", "dicom_instances", ["_ingested_at", "ingest_date"]), key=lambda r: r[key]
    )
    resumed_rows = rows(tmp_path / "resumed", "dicom_instances", ["_ingested_at", "ingest_date"])
    assert sorted(resumed_rows, key=lambda row: row[key]) == clean_rows
    assert account_inputs(tmp_path / "resumed" / "raw", SOURCE_KIND, "dicom_instances").unaccounted == 0


@pytest.mark.integration
def test_study_split_by_patient_ids_is_quarantined_with_the_archive_reason(
    tmp_path: Path, orthanc: OrthancServer, pydicom_files: Path
) -> None:
    # One StudyInstanceUID under two patient IDs: Orthanc keeps two studies, and WADO-RS
    # cannot tell which one a series URL means.
    original = pydicom_files / "test_files" / "CT_small.dcm"
    other_patient = pydicom.dcmread(original)
    other_patient.PatientID = "another-patient"
    other_patient.SOPInstanceUID = pydicom.uid.generate_uid()
    other_patient.save_as(tmp_path / "other-patient.dcm")
    for path in (original, tmp_path / "other-patient.dcm", pydicom_files / "test_files" / "MR_small.dcm"):
        assert orthanc.upload(path)

    dates = {"since": date(2004, 1, 1), "until": date(2004, 12, 31), "window_days": 366}
    report = ingest_web(tmp_path, orthanc.dicomweb_url, **dates)

    assert (report.landed, report.quarantined) == (1, 1)
    [quarantined] = rows(tmp_path, "quarantine", [])
    assert quarantined["input_locator"].endswith(
        f"/studies/{other_patient.StudyInstanceUID}/series/" + other_patient.SeriesInstanceUID
    )
    assert (quarantined["stage"], quarantined["error_class"]) == ("series_metadata", "HTTP404")
    assert "inexistent series" in quarantined["message"]
    assert account_inputs(tmp_path / "raw", SOURCE_KIND, "dicom_instances").unaccounted == 0
    assert ingest_web(tmp_path, orthanc.dicomweb_url, **dates).unchanged == 2


@pytest.mark.integration
def test_transient_errors_are_retried_until_the_archive_answers(tmp_path: Path, small_archive: OrthancServer) -> None:
    proxy = FlakyProxy(small_archive.url, refuse=lambda _, attempt: attempt == 1)
    try:
        report = ingest_web(tmp_path, f"{proxy.url}/dicom-web", session=retrying_session(backoff_seconds=0))
    finally:
        proxy.close()
    assert (report.landed, report.quarantined) == (SMALL_CORPUS, 0)
    assert min(proxy.attempts.values()) == 2  # every request was refused once, then retried


@pytest.mark.integration
def test_archive_gone_midway_stops_the_run_and_the_next_run_resumes(
    tmp_path: Path, small_archive: OrthancServer
) -> None:
    gone, metadata_requests = threading.Event(), itertools.count(1)
    # After five series, every metadata request fails however often it is retried.
    proxy = FlakyProxy(
        small_archive.url, lambda request, _: gone.is_set() and "/metadata" in request and next(metadata_requests) > 5
    )
    url, session = f"{proxy.url}/dicom-web", retrying_session(retries=1, backoff_seconds=0)
    try:
        gone.set()
        with pytest.raises(ArchiveUnavailableError, match="503"):
            ingest_web(tmp_path, url, batch_size=2, session=session)
        landed_before = len(rows(tmp_path, "dicom_instances", []))
        gone.clear()
        resumed = ingest_web(tmp_path, url, batch_size=2, session=session)
    finally:
        proxy.close()
    assert 0 < landed_before < SMALL_CORPUS
    assert (resumed.landed, resumed.quarantined) == (SMALL_CORPUS - landed_before, 0)
    assert len(rows(tmp_path, "dicom_instances", [])) == SMALL_CORPUS


@pytest.mark.integration
def test_archive_without_orthanc_extras_lands_null_size_and_transfer_syntax(
    tmp_path: Path, pydicom_files: Path
) -> None:
    # Below /pacs/, the REST API is not where the source looks for it, as with any other archive.
    server = start_orthanc(tmp_path / "orthanc", dicomweb_root="/pacs/dicom-web/")
    try:
        assert server.upload(pydicom_files / "test_files" / "CT_small.dcm")
        report = ingest_web(tmp_path, server.dicomweb_url)
    finally:
        stop_orthanc(server)
    assert report.landed == 1
    [row] = rows(tmp_path, "dicom_instances", [])
    assert (row["file_size_bytes"], row["TransferSyntaxUID"]) == (None, None)

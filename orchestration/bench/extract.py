"""`lantern bench extract`: the extraction targets P1 to P4 (SPEC §11), measured in one run.

Every figure is a median of repeats and is paired with a reference measured in the same
run on the same files (pydicom for P1, one process for P2), because the machine is shared
and absolute numbers drift with its load; the ratios are what the targets are about.
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil
import pydicom

from orchestration.extract.dicom_headers import UnreadableInputError, read_header
from orchestration.ingest.dicom_files import SOURCE_KIND
from orchestration.ingest.inventory import discover, plan_ingest

BENCH_KEY = "lantern-benchmark-key"
REPEATS = 3
RSS_SAMPLE_S = 0.05


@dataclass(frozen=True)
class IngestRun:
    seconds: float
    peak_process_rss_mb: float
    peak_total_rss_mb: float


@dataclass(frozen=True)
class ExtractBenchmark:
    files: int
    reference_files: int
    lantern_files_per_s: float
    lantern_on_reference_files_per_s: float
    pydicom_files_per_s: float
    ingest_one_process: IngestRun
    ingest_two_processes: IngestRun
    unchanged_reingest_s: float

    @property
    def ratio_to_pydicom(self) -> float:
        return self.lantern_on_reference_files_per_s / self.pydicom_files_per_s

    @property
    def parallel_speedup(self) -> float:
        return self.ingest_one_process.seconds / self.ingest_two_processes.seconds


def _pydicom_reader(path: Path) -> None:
    pydicom.dcmread(path, stop_before_pixels=True)


def _lantern_reader(path: Path) -> None:
    # A bad input costs its reading time, as in a real ingest.
    with contextlib.suppress(UnreadableInputError):
        read_header(path)


def files_per_second(reader: Callable[[Path], None], files: list[Path], repeats: int = REPEATS) -> float:
    """Median throughput of `reader` over `files` (the first pass also warms the page cache)."""
    rates = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _ in range(repeats):
            started = time.perf_counter()
            for path in files:
                try:
                    reader(path)
                except Exception:  # noqa: BLE001 - pydicom refusing a file still took its time
                    continue
            rates.append(len(files) / (time.perf_counter() - started))
    return statistics.median(rates)


def _rss_of_tree(process: psutil.Process) -> tuple[float, float]:
    """(largest single process, whole tree) resident memory, in MB."""
    sizes = []
    for member in [process, *process.children(recursive=True)]:
        try:
            sizes.append(member.memory_info().rss)
        except psutil.Error:
            continue
    return (max(sizes, default=0) / 2**20, sum(sizes) / 2**20)


def timed_ingest(corpus: Path, data_dir: Path, workers: int) -> IngestRun:
    """Wall time and peak memory of a full `lantern ingest dicom` in a process of its own."""
    environment = {
        **os.environ,
        "LANTERN_DATA_DIR": str(data_dir),
        "LANTERN_PSEUDONYM_KEY": BENCH_KEY,
        "LANTERN_INGEST_WORKERS": str(workers),
    }
    command = [sys.executable, "-m", "orchestration.cli.main", "ingest", "dicom", str(corpus)]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    watched, peak_process, peak_total = psutil.Process(child.pid), 0.0, 0.0
    while child.poll() is None:
        largest, total = _rss_of_tree(watched)
        peak_process, peak_total = max(peak_process, largest), max(peak_total, total)
        time.sleep(RSS_SAMPLE_S)
    if child.returncode != 0:
        raise RuntimeError(f"the benchmark ingest failed with exit code {child.returncode}")
    return IngestRun(time.perf_counter() - started, peak_process, peak_total)


def _linked_subset(paths: list[Path], folder: Path) -> None:
    """The chosen files as hard links in one folder: no data copied, same size and mtime."""
    folder.mkdir()
    for number, path in enumerate(paths):
        os.link(path, folder / f"{number:08d}{path.suffix}")


def run_extract_benchmark(corpus: Path, files: int | None = None, reference_files: int = 3_000) -> ExtractBenchmark:
    """Measure P1 to P4 on the corpus (or its first `files` files)."""
    paths = [item.path for item in discover([corpus])][:files]
    if files is not None and len(paths) < files:
        raise ValueError(f"the corpus has only {len(paths)} files, fewer than the {files} asked for")
    sample = paths[:reference_files]
    pydicom_rate = files_per_second(_pydicom_reader, sample)
    lantern_sample_rate = files_per_second(_lantern_reader, sample)
    lantern_rate = files_per_second(_lantern_reader, paths)
    # Hard links need the same file system: the scratch folder sits beside the corpus.
    with tempfile.TemporaryDirectory(prefix=".lantern-bench-", dir=corpus.parent) as scratch:
        subset = Path(scratch) / "corpus"
        _linked_subset(paths, subset)
        one = timed_ingest(subset, Path(scratch) / "one", workers=1)
        two = timed_ingest(subset, Path(scratch) / "two", workers=2)
        started = time.perf_counter()
        plan = plan_ingest([subset], Path(scratch) / "two" / "lake" / "raw", SOURCE_KIND)
        reingest = time.perf_counter() - started
        if plan.pending:
            raise RuntimeError(f"an unchanged re-ingest found {len(plan.pending)} files to read")
    return ExtractBenchmark(
        files=len(paths),
        reference_files=len(sample),
        lantern_files_per_s=lantern_rate,
        lantern_on_reference_files_per_s=lantern_sample_rate,
        pydicom_files_per_s=pydicom_rate,
        ingest_one_process=one,
        ingest_two_processes=two,
        unchanged_reingest_s=reingest,
    )

"""`lantern bench extract`: the extraction targets P1 to P4 (SPEC §11), measured in one run.

Every figure is a median of repeats and is paired with a reference measured in the same
run on the same files (pydicom for P1, one process for P2), because the machine is shared
and absolute numbers drift with its load; the ratios are what the targets are about.
"""

from __future__ import annotations

import contextlib
import json
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
from orchestration.ingest.inventory import discover, plan_ingest
from orchestration.land.source_kinds import DICOM_FILES

BENCH_KEY = "lantern-benchmark-key"
REPEATS = 3
RSS_SAMPLE_S = 0.05


@dataclass(frozen=True)
class IngestRun:
    seconds: float
    plan_s: float
    extract_s: float
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
    repeats: int = REPEATS

    @property
    def ratio_to_pydicom(self) -> float:
        return self.lantern_on_reference_files_per_s / self.pydicom_files_per_s

    @property
    def parallel_speedup(self) -> float:
        return self.ingest_one_process.extract_s / self.ingest_two_processes.extract_s


def _pydicom_reader(path: str) -> None:
    pydicom.dcmread(path, stop_before_pixels=True)


def _lantern_reader(path: str) -> None:
    # A bad input costs its reading time, as in a real ingest.
    with contextlib.suppress(UnreadableInputError):
        read_header(path)


def files_per_second(reader: Callable[[str], None], files: list[str], repeats: int = REPEATS) -> float:
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
    """Times and peak memory of a full DICOM ingest in a process of its own (ingest_probe)."""
    environment = {**os.environ, "LANTERN_DATA_DIR": str(data_dir), "LANTERN_PSEUDONYM_KEY": BENCH_KEY}
    command = [sys.executable, "-m", "orchestration.bench.ingest_probe", str(corpus), str(workers)]
    started = time.perf_counter()
    child = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    watched, peak_process, peak_total = psutil.Process(child.pid), 0.0, 0.0
    while child.poll() is None:
        largest, total = _rss_of_tree(watched)
        peak_process, peak_total = max(peak_process, largest), max(peak_total, total)
        time.sleep(RSS_SAMPLE_S)
    seconds = time.perf_counter() - started
    if child.returncode != 0:
        raise RuntimeError(f"the benchmark ingest failed with exit code {child.returncode}")
    stages = json.loads(child.stdout.read())
    return IngestRun(seconds, stages["plan_s"], stages["extract_s"], peak_process, peak_total)


def _median_run(runs: list[IngestRun]) -> IngestRun:
    """The run with the median extraction time, with the highest memory peaks of all runs."""
    middle = sorted(runs, key=lambda run: run.extract_s)[len(runs) // 2]
    return IngestRun(
        middle.seconds,
        middle.plan_s,
        middle.extract_s,
        max(run.peak_process_rss_mb for run in runs),
        max(run.peak_total_rss_mb for run in runs),
    )


def _linked_subset(paths: list[str], folder: Path) -> None:
    """The chosen files as hard links in one folder: no data copied, same size and mtime."""
    folder.mkdir()
    for number, path in enumerate(paths):
        os.link(path, folder / f"{number:08d}{Path(path).suffix}")


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
        runs: dict[int, list[IngestRun]] = {1: [], 2: []}
        for repeat in range(REPEATS):
            # Alternating one and two processes spreads the machine's swings over both.
            for workers in (1, 2):
                runs[workers].append(timed_ingest(subset, Path(scratch) / f"{workers}-{repeat}", workers))
        one, two = _median_run(runs[1]), _median_run(runs[2])
        started = time.perf_counter()
        plan = plan_ingest([subset], Path(scratch) / "2-0" / "lake" / "raw", DICOM_FILES)
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

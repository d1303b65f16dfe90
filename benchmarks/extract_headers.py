"""P1: DICOM header extraction on one core, warm cache (SPEC §11; results in docs/benchmarks.md).

    uv run python benchmarks/extract_headers.py [--corpus DIR] [--files N] [--repeat K]

Measures, in the same run and on the same files, Lantern's `read_header` against
`pydicom.dcmread(stop_before_pixels=True)` (the reference) and the other candidates for
the fast path: pydicom with `specific_tags` or `defer_size`, python-gdcm's `gdcm.Scanner`,
dicomsdl, and the floor (open and read 16 KiB). The process is pinned to one core and the
files are read once before timing (warm cache); each line is the median of the repeats.

Without --corpus, the corpus is built from the real samples (../shared/data/dicom) and
pydicom's test files: every file Lantern lands whose header (the bytes before the pixel
data) is at most --max-header-kib, copied into a temporary folder until there are
--files of them. The few multi-megabyte dose reports are left out by default because
pydicom takes seconds on each (they would swamp every other file); --max-header-kib 0
keeps them.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import dicomsdl
import gdcm
import pydicom
import pydicom.data

from orchestration.extract.dicom_headers import UnreadableInputError, read_header, read_header_with_pydicom
from orchestration.extract.header_values import FIELDS
from orchestration.extract.lean_reader import read_lean_header
from orchestration.extract.lean_walk import NeedsFallback

REPO = Path(__file__).resolve().parents[1]
SAMPLE_FOLDERS = [REPO.parent / "shared" / "data" / "dicom", Path(pydicom.data.__file__).parent]
PIXEL_DATA_TAG = b"\xe0\x7f\x10\x00"
TAGS = [tag for tag, _, _ in FIELDS.values()]
REFERENCE = "pydicom dcmread(stop_before_pixels)"
# Files each candidate reads before the next takes its turn.
SLICE = 500


def lantern(paths: list[Path]) -> None:
    for path in paths:
        read_header(path)


def lantern_pydicom_path(paths: list[Path]) -> None:
    for path in paths:
        read_header_with_pydicom(path)


def pydicom_reference(paths: list[Path]) -> None:
    for path in paths:
        pydicom.dcmread(path, stop_before_pixels=True, force=True)


def pydicom_specific_tags(paths: list[Path]) -> None:
    for path in paths:
        pydicom.dcmread(path, stop_before_pixels=True, force=True, specific_tags=TAGS)


def pydicom_defer_size(paths: list[Path]) -> None:
    for path in paths:
        pydicom.dcmread(path, stop_before_pixels=True, force=True, defer_size=256)


def gdcm_scanner(paths: list[Path]) -> None:
    scanner = gdcm.Scanner()
    for tag in TAGS:
        scanner.AddTag(gdcm.Tag(tag >> 16, tag & 0xFFFF))
    scanner.Scan([str(path) for path in paths])


def dicomsdl_values(paths: list[Path]) -> None:
    for path in paths:
        try:
            dataset = dicomsdl.open_file(str(path))
        except dicomsdl.DicomException:
            continue  # it refuses big endian files without file meta, which pydicom reads
        for tag in TAGS:
            element = dataset.getDataElement(tag)
            if element is not None and element.vr != dicomsdl.VR.NONE:
                element.toBytes()


def read_floor(paths: list[Path]) -> None:
    for path in paths:
        with path.open("rb", buffering=0) as handle:
            handle.read(16384)


CANDIDATES: dict[str, Callable[[list[Path]], None]] = {
    "Lantern read_header": lantern,
    "Lantern pydicom path (fallback)": lantern_pydicom_path,
    REFERENCE: pydicom_reference,
    "pydicom + specific_tags": pydicom_specific_tags,
    "pydicom + defer_size=256": pydicom_defer_size,
    "gdcm.Scanner (wanted tags)": gdcm_scanner,
    "dicomsdl open_file + values": dicomsdl_values,
    "floor: open + read 16 KiB": read_floor,
}


def header_bytes(path: Path) -> int:
    """Bytes before the pixel data (the whole file when it has none): what a header reader reads."""
    data = path.read_bytes()
    offset = data.find(PIXEL_DATA_TAG)
    return len(data) if offset < 0 else offset


def sample_files(max_header_kib: int) -> list[Path]:
    """Every real sample that Lantern lands, within the header size limit (0: no limit)."""
    chosen = []
    for folder in SAMPLE_FOLDERS:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            try:
                read_header(path)
            except UnreadableInputError:
                continue
            if not max_header_kib or header_bytes(path) <= max_header_kib * 1024:
                chosen.append(path)
    return chosen


def build_corpus(samples: list[Path], count: int, folder: Path) -> list[Path]:
    """`count` files: the samples copied round after round, each copy its own file."""
    corpus = []
    while len(corpus) < count:
        round_folder = folder / f"copy-{len(corpus) // len(samples):04d}"
        round_folder.mkdir()
        for number, sample in enumerate(samples[: count - len(corpus)]):
            target = round_folder / f"{number:04d}-{sample.name}"
            shutil.copyfile(sample, target)
            corpus.append(target)
    return corpus


def measure(paths: list[Path], repeat: int) -> dict[str, dict[str, list[float]]]:
    """files/s of every candidate, per CPU second and per wall second, `repeat` times.

    The machine is shared: a neighbour's burst slows whatever runs at that moment. So the
    candidates take turns on slices of the corpus (each repeat is every candidate on every
    slice), and CPU time (user + system of this process, pinned to one core, warm cache) is
    reported beside wall time: it is the time the work took on the core, whoever else ran.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for run in CANDIDATES.values():
            run(paths[:50])  # one-time costs: imports, Lantern's IOD tables (0.4 s)
        rates: dict[str, dict[str, list[float]]] = {name: {"cpu": [], "wall": []} for name in CANDIDATES}
        for round_number in range(repeat):
            spent = {name: [0.0, 0.0] for name in CANDIDATES}
            for first in range(0, len(paths), SLICE):
                part = paths[first : first + SLICE]
                for name, run in CANDIDATES.items():
                    cpu, wall = time.process_time(), time.perf_counter()
                    run(part)
                    spent[name][0] += time.process_time() - cpu
                    spent[name][1] += time.perf_counter() - wall
            for name, (cpu, wall) in spent.items():
                rates[name]["cpu"].append(len(paths) / cpu)
                rates[name]["wall"].append(len(paths) / wall)
            print(f"  round {round_number + 1}/{repeat} done", file=sys.stderr)
    return rates


def fast_path_share(paths: list[Path]) -> tuple[int, int]:
    """(files the lean reader read, files it left to pydicom)."""
    fast = fallback = 0
    for path in paths:
        try:
            read_lean_header(path)
            fast += 1
        except NeedsFallback:
            fallback += 1
    return fast, fallback


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned"
    core = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    return f"pinned to CPU {core}"


def machine() -> str:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line]
        model = names[0] if names else model
    load = "/".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return f"{model}, {os.cpu_count()} CPUs, load average {load}, Python {platform.python_version()}"


def report(rates: dict[str, dict[str, list[float]]], files: int) -> None:
    reference = {clock: statistics.median(rates[REFERENCE][clock]) for clock in ("cpu", "wall")}
    print(f"\n{'candidate':<36} {'files/s, CPU':>13} {'vs pydicom':>11} {'files/s, wall':>14} {'vs pydicom':>11}")
    for name, clocks in rates.items():
        cpu, wall = statistics.median(clocks["cpu"]), statistics.median(clocks["wall"])
        cpu_ratio, wall_ratio = cpu / reference["cpu"], wall / reference["wall"]
        print(f"{name:<36} {cpu:>13,.0f} {cpu_ratio:>10.1f}x {wall:>14,.0f} {wall_ratio:>10.1f}x")
    spread = {clock: f"{min(values):,.0f}-{max(values):,.0f}" for clock, values in rates["Lantern read_header"].items()}
    print(f"\n{files} files; medians of {len(rates[REFERENCE]['cpu'])} repeats; Lantern's range: {spread}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder of DICOM files (default: built from the real samples)")
    parser.add_argument("--files", type=int, default=10_000, help="files per repeat (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="repeats per candidate (default 3)")
    parser.add_argument("--max-header-kib", type=int, default=64, help="built corpus only; 0 keeps every sample")
    args = parser.parse_args()
    print(f"machine: {machine()}; {pin_to_one_core()}")
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as scratch:
        if args.corpus:
            paths = sorted(p for p in args.corpus.rglob("*") if p.is_file())[: args.files]
        else:
            samples = sample_files(args.max_header_kib)
            print(f"corpus: {len(samples)} real samples copied to {args.files} files")
            paths = build_corpus(samples, args.files, Path(scratch))
        for path in paths:  # warm the page cache
            path.read_bytes()
        fast, fallback = fast_path_share(paths)
        print(f"fast path: {fast} of {fast + fallback} files (the rest fell back to pydicom)")
        report(measure(paths, args.repeat), len(paths))


if __name__ == "__main__":
    main()

"""`lantern bench ...`: measure the performance targets (SPEC §11) against same-run references."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from orchestration.cli.progress import console

if TYPE_CHECKING:
    from orchestration.bench.extract import ExtractBenchmark

bench_app = typer.Typer(help="Measure performance targets, with references measured in the same run.")

P1_FILES_PER_S, P1_RATIO, P2_SPEEDUP, P3_SECONDS_PER_100K, P4_MB = 20_000, 10.0, 1.8, 3.0, 400


def extract_markdown(result: ExtractBenchmark, corpus: Path, command: str) -> str:
    """The result as a Markdown table with each target and whether it is met."""
    from orchestration.bench.report import corpus_line, machine_line

    one, two = result.ingest_one_process, result.ingest_two_processes
    p3_budget = P3_SECONDS_PER_100K * result.files / 100_000
    rows = [
        ("P1 files/s, one core", f"{result.lantern_files_per_s:,.0f}", f"≥ {P1_FILES_PER_S:,}",
         result.lantern_files_per_s >= P1_FILES_PER_S),
        ("P1 ratio to pydicom (same files)", f"{result.ratio_to_pydicom:.1f}× "
         f"({result.lantern_on_reference_files_per_s:,.0f} vs {result.pydicom_files_per_s:,.0f} files/s)",
         f"≥ {P1_RATIO:g}×", result.ratio_to_pydicom >= P1_RATIO),
        ("P2 extraction speed-up, 2 processes",
         f"{result.parallel_speedup:.2f}× ({one.extract_s:.1f} s → {two.extract_s:.1f} s; whole command "
         f"{one.seconds:.1f} s → {two.seconds:.1f} s)",
         f"≥ {P2_SPEEDUP}×", result.parallel_speedup >= P2_SPEEDUP),
        ("P3 unchanged re-ingest", f"{result.unchanged_reingest_s:.2f} s for {result.files:,} files",
         f"≤ {p3_budget:.2f} s (3 s per 100k)", result.unchanged_reingest_s <= p3_budget),
        ("P4 peak RSS, largest process", f"{max(one.peak_process_rss_mb, two.peak_process_rss_mb):.0f} MB "
         f"(all processes: {two.peak_total_rss_mb:.0f} MB)", f"≤ {P4_MB} MB",
         max(one.peak_process_rss_mb, two.peak_process_rss_mb) <= P4_MB),
    ]  # fmt: skip
    lines = [
        "## DICOM extraction at scale (P1 to P4)",
        "",
        f"Command: `{command}`  ",
        f"Machine: {machine_line()}  ",
        f"Corpus: {corpus_line(corpus)}; {result.files:,} files, pydicom reference on the first "
        f"{result.reference_files:,}. Medians of {result.repeats} runs.",
        "",
        "| target | measured | goal | met |",
        "|---|---|---|---|",
        *(f"| {name} | {measured} | {goal} | {'yes' if met else '**no**'} |" for name, measured, goal, met in rows),
    ]
    return "\n".join(lines)


@bench_app.command("extract")
def extract_command(
    corpus: Annotated[Path, typer.Option(help="Folder of DICOM files to measure on.")],
    files: Annotated[int | None, typer.Option(help="Use only the first N files of the corpus.")] = None,
    record: Annotated[
        Path | None, typer.Option(help="Write the result into this Markdown file (e.g. docs/benchmarks.md).")
    ] = None,
) -> None:
    """P1 to P4: files/s vs pydicom, 2-process speed-up, unchanged re-ingest time, peak RSS."""
    from orchestration.bench.extract import run_extract_benchmark
    from orchestration.bench.report import record_section

    with console.status("Measuring (pydicom, Lantern's reader, ingest with 1 and 2 processes, re-ingest)"):
        result = run_extract_benchmark(corpus, files)
    # The corpus is written <corpus>: the record should name no machine's folders.
    command = "lantern bench extract --corpus <corpus>" + (f" --files {files}" if files else "")
    recorded = "" if record is None else f" --record {record.name if record.is_absolute() else record}"
    markdown = extract_markdown(result, corpus, command + recorded)
    table = Table("target", "measured", "goal", "met")
    for line in markdown.splitlines()[8:]:
        table.add_row(*[cell.strip() for cell in line.strip("|").split("|")])
    console.print(table)
    if record is not None:
        record_section(record, "extract", markdown)
        console.print(f"Recorded in {record}")

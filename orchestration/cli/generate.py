"""`lantern generate`: the sample hospital (orchestration/sample_hospital, docs/generator.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from orchestration.cli.progress import console, stepped_bar
from orchestration.sample_hospital.scales import SCALES

DEFAULT_SEED = 2025


def generated_summary(out: Path) -> dict | None:
    """What an earlier generation into `out` was (scale, seed...), if any."""
    summary = out / "ground_truth" / "summary.json"
    return json.loads(summary.read_text()) if summary.exists() else None


def generate_hospital(scale: str, seed: int, out: Path) -> dict:
    from orchestration.sample_hospital.generate import generate

    with stepped_bar(f"Generating the {scale} sample hospital (studies)") as update:
        summary = generate(scale, seed, out, progress=lambda done, total: update(done, total, ""))
    console.print(
        f"{summary['studies']:,} studies, {summary['dicom_files']:,} DICOM files, "
        f"{summary['hl7_messages']:,} HL7 messages, {summary['audit_events']:,} audit events, "
        f"{summary['defects']:,} injected defects -> {out}"
    )
    return summary


def generate_command(
    out: Annotated[Path, typer.Option(help="Folder to write into (emptied first if it holds an earlier output).")],
    scale: Annotated[str, typer.Option(help=f"One of: {', '.join(SCALES)}.")] = "demo",
    seed: Annotated[int, typer.Option(help="Same seed and scale give byte-identical output.")] = DEFAULT_SEED,
    rows_only: Annotated[
        bool, typer.Option("--rows-only", help="Write raw landing Parquet only (warehouse benchmarks), no files.")
    ] = False,
    studies: Annotated[int, typer.Option(help="Studies for --rows-only.")] = 1_000_000,
) -> None:
    """Generate a sample hospital: imaging of six departments, HL7 and audit traffic, defects, ground truth."""
    if scale not in SCALES:
        raise typer.BadParameter(f"unknown scale {scale!r}; choose one of {', '.join(SCALES)}", param_hint="--scale")
    if rows_only:
        from orchestration.sample_hospital.rows_only import generate_rows_only

        with stepped_bar("Writing landing rows (days)") as update:
            summary = generate_rows_only(seed, out, studies=studies, progress=lambda d, t: update(d, t, ""))
        console.print(f"{summary} -> {out}")
        return
    generate_hospital(scale, seed, out)

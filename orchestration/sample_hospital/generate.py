"""Generate the sample hospital: plan, inject defects, write every feed, record the truth.

Determinism: every draw comes from a stream named by the seed and what it draws, files
are written in a fixed order, and workers (demo and bench) each write whole studies,
so the same seed and scale give byte-identical output however the work is split.
"""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from orchestration.sample_hospital import (
    ai_results,
    audit_events,
    audit_writer,
    defects,
    dicom_writer,
    ground_truth,
    hl7_writer,
    scales,
    sr_writer,
    timeline,
)
from orchestration.sample_hospital.model import FileRecord, Study

Progress = Callable[[int, int], None]
# Studies handed to a worker at a time: large enough to amortise the hand-over.
CHUNK = 25


def write_study(out: Path, study: Study, headers: defects.HeaderPlan) -> list[FileRecord]:
    """Every DICOM object of one study: its image series, then its SR documents."""
    records: list[FileRecord] = []
    for position, series in enumerate(study.series):
        records += dicom_writer.write_series(
            out, study, series, position=position, count=len(study.series), hook=headers.apply
        )
    if study.dose is not None:
        records.append(sr_writer.dose_report(out, study))
    reading = study.reading
    if reading is not None and reading.ai is not None:
        records.append(sr_writer.ai_result_report(out, study))
    if study.text_report_sr and study.final_at is not None:
        records.append(sr_writer.text_report(out, study))
    if reading is not None and reading.coded_at is not None:
        records.append(sr_writer.coded_findings_report(out, study))
    return records


def _write_chunk(out: Path, studies: list[Study], headers: defects.HeaderPlan):
    return [write_study(out, study, headers) for study in studies]


def _write_dicom(out, studies, headers, workers, progress) -> list[FileRecord]:
    records: list[FileRecord] = []
    total = len(studies)
    if workers <= 1:
        for done, study in enumerate(studies, start=1):
            records += write_study(out, study, headers)
            progress(done, total)
        return records
    chunks = [studies[i : i + CHUNK] for i in range(0, total, CHUNK)]
    # fork: workers inherit the imported modules (spawn would re-import pydicom and
    # highdicom in each, about a second apiece); they only write files of their own.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        done = 0
        for chunk, results in zip(
            chunks, pool.map(_write_chunk, [out] * len(chunks), chunks, [headers] * len(chunks)), strict=True
        ):
            for study_records in results:
                records += study_records
            done += len(chunk)
            progress(done, total)
    return records


def _prepare(out: Path) -> None:
    """Empty `out`, refusing to delete anything but an earlier generator output."""
    if out.exists() and any(out.iterdir()):
        if not (out / "ground_truth" / "summary.json").exists():
            raise FileExistsError(f"{out} is not empty and is not a sample hospital output")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


def generate(scale: str, seed: int, out: Path, progress: Progress | None = None) -> dict:
    """Write the sample hospital for `scale` ("ci", "demo" or "bench") under `out`.

    `out` must be empty, missing, or a previous output of this generator (which is
    replaced). `progress(done, total)` is called as studies are written. Returns a small
    summary of what was written.
    """
    chosen = scales.get(scale)
    out = Path(out)
    _prepare(out)
    enterprise = timeline.plan(chosen, seed)
    found = defects.study_defects(enterprise)
    # After the study defects (unimaged studies are never processed, unreported ones never
    # coded) and before anything reads report times (triage moves some of them).
    ai_results.plan(enterprise)
    found.append(defects.shared_patient_id(enterprise))
    timeline.flag_vips(enterprise)
    headers, header_found = defects.header_defects(enterprise)
    found += header_found
    imaged = [s for s in enterprise.studies if s.has_images]
    records = _write_dicom(out, imaged, headers, chosen.workers, progress or (lambda d, t: None))
    records, file_found = defects.file_defects(out, enterprise, records)
    found += file_found
    messages = hl7_writer.write(out, enterprise)
    events = audit_events.plan(enterprise)
    audit_files = audit_writer.write(out, events)
    truth = ground_truth.write(out, enterprise, records=records, found=found, events=events, messages=messages)
    return {
        "scale": scale,
        "seed": seed,
        "studies": len(enterprise.studies),
        "dicom_files": len(records),
        "non_dicom_files": len(defects.NOT_DICOM),
        "hl7_messages": len(messages),
        "audit_events": len(events),
        "audit_files": audit_files,
        "defects": len(found),
        "anomalies": truth["anomalies"],
        "landed_studies": truth["landed_studies"],
    }

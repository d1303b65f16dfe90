"""One measured DICOM ingest, run by `lantern bench extract` in a process of its own.

Prints, as JSON, how long the plan (a stat per file against the manifest) and the
extraction (reading and landing) took, so that the parallel speed-up (P2) is measured on
the extraction itself, apart from the start-up and the plan that do not run in parallel.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from dashboards.settings import load_settings
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.dicom_files import ingest_dicom_files
from orchestration.ingest.inventory import plan_ingest
from orchestration.land.source_kinds import DICOM_FILES


def main(corpus: str, workers: int) -> None:
    settings = load_settings()
    started = time.perf_counter()
    plan = plan_ingest([Path(corpus)], settings.raw_dir, DICOM_FILES)
    planned = time.perf_counter()
    report = ingest_dicom_files(
        plan,
        raw_dir=settings.raw_dir,
        restricted_dir=settings.restricted_dir,
        pseudonymiser=load_pseudonymiser(settings),
        batch_size=settings.ingest_batch_size,
        workers=workers,
    )
    done = time.perf_counter()
    print(json.dumps({"plan_s": planned - started, "extract_s": done - planned, "landed": report.landed}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

"""The three scales: what each generates and how far it thins long series."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Scale:
    name: str
    start: date
    days: int
    studies: int
    # Long series are thinned to at most this many instances (realistic counts would make
    # the ci and demo corpora hundreds of thousands of files); None keeps them whole.
    max_instances_per_series: int | None
    max_series_per_study: int | None
    patients: int
    # Processes writing DICOM (1 keeps the ci scale free of start-up cost).
    workers: int


SCALES = {
    # ci: two weeks starting on a Monday; ≈2,000 DICOM files, every department and modality.
    "ci": Scale("ci", date(2025, 3, 3), 14, 400, 4, 3, 300, 2),
    # demo: a calendar year of about 2,000 studies.
    "demo": Scale("demo", date(2025, 1, 1), 365, 2_000, 12, 6, 1_500, 2),
    # bench: ≈100,000 DICOM files for extraction benchmarks (series kept up to 120 images).
    "bench": Scale("bench", date(2025, 1, 1), 90, 2_850, 120, None, 2_000, 2),
}


def get(name: str) -> Scale:
    if name not in SCALES:
        raise ValueError(f"unknown scale {name!r}; choose one of {', '.join(SCALES)}")
    return SCALES[name]

"""Expected KPI values, computed exactly from the ground-truth study table.

Definitions match SPEC §6 and the warehouse: a study counts once per Study Instance
UID if any of its files lands; exam start and end are its first and last image
acquisition; percentiles are `percentile_cont` (linear interpolation); times are in
minutes; "now" is the end of the simulated period.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd

from orchestration.sample_hospital.reference import TURNAROUND_TARGET_MINUTES

BACKLOG_BUCKETS = [(0, 1, "<1d"), (1, 3, "1-3d"), (3, 7, "3-7d"), (7, 10_000, ">7d")]


def _percentiles(values: pd.Series) -> dict:
    array = values.dropna().to_numpy(dtype=float)
    if array.size == 0:
        return {"n": 0, "median": None, "p90": None}
    return {
        "n": int(array.size),
        "median": round(float(np.percentile(array, 50, method="linear")), 3),
        "p90": round(float(np.percentile(array, 90, method="linear")), 3),
    }


def _counts(frame: pd.DataFrame, column: str) -> dict:
    return {str(k): int(v) for k, v in frame[column].value_counts().sort_index().items()}


def compute(studies: pd.DataFrame, anomalies: pd.DataFrame, as_of: datetime) -> dict:
    landed = studies[studies["lands"]]
    reported = landed[landed["final_at"].notna()]
    turnaround = {}
    for (modality, priority), group in reported.groupby(["primary_modality", "priority"]):
        stats = _percentiles(group["turnaround_minutes"])
        target = TURNAROUND_TARGET_MINUTES[priority]
        within = (group["turnaround_minutes"] <= target).mean()
        stats["pct_within_target"] = round(float(within) * 100, 3)
        turnaround[f"{modality}|{priority}"] = stats
    order_to_exam = {
        modality: _percentiles(group["order_to_exam_minutes"])
        for modality, group in landed[landed["has_order"]].groupby("primary_modality")
    }
    backlog = landed[landed["final_at"].isna()]
    age_days = (as_of - backlog["last_acquired_at"]).dt.total_seconds() / 86_400
    buckets = {label: int(((age_days >= low) & (age_days < high)).sum()) for low, high, label in BACKLOG_BUCKETS}
    with_preliminary = reported[reported["preliminary_at"].notna()]
    ordered = studies[studies["has_order"]]
    return {
        "as_of": as_of.isoformat(),
        "percentile_method": "percentile_cont (linear interpolation)",
        "studies_total": len(landed),
        "studies_by_department": _counts(landed, "department"),
        "studies_by_primary_modality": _counts(landed, "primary_modality"),
        "studies_by_institution": _counts(landed, "institution"),
        "report_turnaround_minutes_by_modality_priority": turnaround,
        "order_to_exam_minutes_by_modality": order_to_exam,
        "backlog": {"total": len(backlog), "by_age": buckets},
        "preliminary_to_final_change_rate_pct": _rate(with_preliminary["preliminary_changed"]),
        "corrected_report_rate_pct": _rate(reported["corrected_at"].notna()),
        "addendum_rate_pct": _rate(reported["addendum_at"].notna()),
        "reconciliation": {
            "orders_without_images": int((~ordered["lands"]).sum()),
            "images_without_orders": int((~landed["has_order"]).sum()),
            "exams_without_final_report": len(backlog),
        },
        "dose_exams_above_reference": int(landed["dose_above_reference"].fillna(False).sum()),
        "access_anomalies_by_kind": _counts(anomalies.drop_duplicates("incident"), "kind") if len(anomalies) else {},
    }


def _rate(flags: pd.Series) -> float | None:
    if len(flags) == 0:
        return None
    return round(float(flags.mean()) * 100, 3)

"""Expected values of the SR-derived KPIs, computed from the ground truth's own tables.

KPI 20 (AI results monitoring), from ai_results, ai_algorithms and studies:
- Agreement per algorithm (name and version) and month of the AI result: every AI
  result counts in `results`; those whose study has the radiologist's coded report are
  `compared`, and split into TP, FP, FN, TN (AI present or absent against the
  radiologist's present or absent); agreement = TP + TN. Rates are percentages of the
  compared results (sensitivity of TP + FN, specificity of TN + FP, PPV of TP + FP).
- Share of studies triaged: landed studies with an AI result, of all landed studies;
  per algorithm, of the landed studies of its eligible procedure codes.
- Time saved on flagged critical findings, per primary modality and priority, over the
  results of triage algorithms (those that flag critical findings) whose study has a
  final report: the median of (final report time - AI result time) in minutes for
  results flagged critical that the radiologist's coded report confirms, against the
  same median for unflagged results (AI absent, whatever the radiologist found);
  minutes saved = unflagged median - flagged median, where both groups exist. The
  overall figure is the mean of those savings weighted by flagged-confirmed counts.

KPI 11 (radiation dose), from dose_exams: per procedure code and device station, the
median CTDIvol, total DLP and total DAP of the exams, and how many exceed a reference.
Medians are percentile_cont (linear interpolation), as in kpis.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

OUTCOMES = ("TP", "FP", "FN", "TN")


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 3) if whole else None


def _median(values: pd.Series) -> float | None:
    array = values.dropna().to_numpy(dtype=float)
    return round(float(np.percentile(array, 50, method="linear")), 3) if array.size else None


def agreement(results: pd.DataFrame) -> dict:
    by_group = {}
    for (name, version, month), group in results.groupby(["algorithm_name", "algorithm_version", "result_month"]):
        n = {o.lower(): int((group["outcome"] == o).sum()) for o in OUTCOMES}
        compared = sum(n.values())
        by_group[f"{name}|{version}|{month}"] = {
            "results": len(group),
            "compared": compared,
            **n,
            "agree": n["tp"] + n["tn"],
            "disagree": n["fp"] + n["fn"],
            "agreement_pct": _pct(n["tp"] + n["tn"], compared),
            "sensitivity_pct": _pct(n["tp"], n["tp"] + n["fn"]),
            "specificity_pct": _pct(n["tn"], n["tn"] + n["fp"]),
            "ppv_pct": _pct(n["tp"], n["tp"] + n["fp"]),
        }
    return by_group


def triage_share(results: pd.DataFrame, algorithms: pd.DataFrame, studies: pd.DataFrame) -> dict:
    landed = studies[studies["lands"]]
    triaged = set(results["study_instance_uid"])
    by_algorithm = {}
    for name, releases in algorithms.groupby("algorithm_name"):
        codes = set(releases["procedure_codes"].iloc[0])
        first = releases["released_on"].min()
        released = pd.to_datetime(landed["study_date"]) >= pd.Timestamp(first)
        eligible = landed[landed["procedure_code"].isin(codes) & released]
        done = set(results.loc[results["algorithm_name"] == name, "study_instance_uid"])
        count = int(eligible["study_instance_uid"].isin(done).sum())
        by_algorithm[name] = {"eligible": len(eligible), "triaged": count, "pct": _pct(count, len(eligible))}
    count = int(landed["study_instance_uid"].isin(triaged).sum())
    return {"studies": len(landed), "triaged": count, "pct": _pct(count, len(landed)), "by_algorithm": by_algorithm}


def time_saved(results: pd.DataFrame, algorithms: pd.DataFrame) -> dict:
    triage = set(algorithms.loc[algorithms["critical_category_code"].notna(), "algorithm_name"])
    pool = results[results["algorithm_name"].isin(triage) & results["final_at"].notna()]
    confirmed = pool["ai_critical"] & (pool["radiologist_present"] == True)  # noqa: E712 (nullable column)
    flagged, unflagged = pool[confirmed], pool[~pool["ai_critical"]]
    strata, weighted, weights = {}, 0.0, 0
    for key in sorted(set(zip(pool["primary_modality"], pool["priority"], strict=True))):
        modality, priority = key
        f = flagged[(flagged["primary_modality"] == modality) & (flagged["priority"] == priority)]
        u = unflagged[(unflagged["primary_modality"] == modality) & (unflagged["priority"] == priority)]
        median_f, median_u = _median(f["final_minutes_after_result"]), _median(u["final_minutes_after_result"])
        saved = round(median_u - median_f, 3) if median_f is not None and median_u is not None else None
        if saved is not None:
            weighted += saved * len(f)
            weights += len(f)
        strata[f"{modality}|{priority}"] = {
            "flagged_confirmed": len(f),
            "unflagged": len(u),
            "median_flagged_minutes": median_f,
            "median_unflagged_minutes": median_u,
            "minutes_saved": saved,
        }
    return {
        "by_modality_priority": strata,
        "flagged_confirmed": len(flagged),
        "weighted_minutes_saved": round(weighted / weights, 3) if weights else None,
    }


def dose_by_procedure_device(exams: pd.DataFrame) -> dict:
    return {
        f"{code}|{station}": {
            "exams": len(group),
            "median_ctdivol_mgy": _median(group["ctdivol_mgy"]),
            "median_dlp_total_mgy_cm": _median(group["dlp_total_mgy_cm"]),
            "median_dap_total_gy_cm2": _median(group["dap_total_gy_cm2"]),
            "above_reference": int(group["above_reference"].sum()),
        }
        for (code, station), group in exams.groupby(["procedure_code", "device_station"])
    }


def compute(results: pd.DataFrame, algorithms: pd.DataFrame, studies: pd.DataFrame, exams: pd.DataFrame) -> dict:
    return {
        "ai_results_monitoring": {
            "agreement_by_algorithm_version_month": agreement(results),
            "share_of_studies_triaged": triage_share(results, algorithms, studies),
            "time_saved_on_flagged_critical_findings": time_saved(results, algorithms),
        },
        "dose_by_procedure_device": dose_by_procedure_device(exams),
    }

"""The AI and dose ground truth is consistent: outcomes, KPI 20 and KPI 11 follow from its tables.

The expected KPIs are recomputed here from the Parquet tables alone, so a warehouse that
reads the same DICOM and HL7 must arrive at the numbers in kpis.json.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd
import pytest

from orchestration.sample_hospital import ai_results, sr_codes, sr_measurement
from orchestration.sample_hospital.ai_algorithms import BY_KEY
from orchestration.sample_hospital.model import Observation


@pytest.fixture(scope="module")
def kpis(ci_out) -> dict:
    return json.loads((ci_out / "ground_truth" / "kpis.json").read_text())


def median(values) -> float | None:
    array = pd.Series(values, dtype=float).dropna().to_numpy()
    return round(float(np.percentile(array, 50, method="linear")), 3) if array.size else None


@pytest.mark.integration
def test_each_algorithm_has_every_agreement_outcome_and_uncoded_results(truth):
    results = truth["ai_results"]
    assert results["algorithm_name"].nunique() >= 3
    for name, group in results.groupby("algorithm_name"):
        assert set(group["outcome"].dropna()) == {"TP", "FP", "FN", "TN"}, name
    assert {"coded", "free_text_only"} <= set(results["radiologist_status"])


@pytest.mark.integration
def test_outcomes_follow_from_the_ai_and_radiologist_findings(truth):
    results = truth["ai_results"]
    coded = results[results["radiologist_status"] == "coded"]
    ai, radiologist = coded["ai_present"].astype(bool), coded["radiologist_present"].astype(bool)
    expected = np.select([ai & radiologist, ai & ~radiologist, ~ai & radiologist], ["TP", "FP", "FN"], "TN")
    assert list(coded["outcome"]) == list(expected)
    assert list(coded["agreement"]) == ["agree" if a == r else "disagree" for a, r in zip(ai, radiologist, strict=True)]
    assert results.loc[results["radiologist_status"] != "coded", ["outcome", "radiologist_present"]].isna().all().all()


@pytest.mark.integration
def test_ai_results_match_the_findings_the_reports_carry(truth):
    findings = truth["findings"]
    presence = findings[findings["concept_code"] == sr_codes.PRESENCE.value]
    present = presence.set_index("sop_instance_uid")["value_code"] == sr_codes.PRESENT.value
    results = truth["ai_results"]
    assert list(present[results["sop_instance_uid"]]) == list(results["ai_present"])
    coded = results[results["radiologist_status"] == "coded"]
    assert list(present[coded["radiologist_sop_instance_uid"]]) == list(coded["radiologist_present"].astype(bool))
    values = findings[findings["value_type"] == "NUM"].set_index("sop_instance_uid")["numeric_value"]
    positive = results[results["ai_present"]]
    assert list(values[positive["sop_instance_uid"]]) == list(positive["ai_value"])


@pytest.mark.integration
def test_agreement_per_algorithm_and_month_follows_from_ai_results(truth, kpis):
    reported = kpis["ai_results_monitoring"]["agreement_by_algorithm_version_month"]
    results = truth["ai_results"]
    keys = results["algorithm_name"] + "|" + results["algorithm_version"] + "|" + results["result_month"]
    assert set(reported) == set(keys)
    for key, group in results.groupby(keys):
        counts = group["outcome"].value_counts()
        tp, fp, fn, tn = (int(counts.get(o, 0)) for o in ("TP", "FP", "FN", "TN"))
        row = reported[key]
        assert (row["results"], row["tp"], row["fp"], row["fn"], row["tn"]) == (len(group), tp, fp, fn, tn)
        assert row["compared"] == tp + fp + fn + tn == (group["radiologist_status"] == "coded").sum()
        assert row["agreement_pct"] == round(100 * (tp + tn) / (tp + fp + fn + tn), 3)
        assert row["sensitivity_pct"] == round(100 * tp / (tp + fn), 3)
        assert row["specificity_pct"] == round(100 * tn / (tn + fp), 3)


@pytest.mark.integration
def test_share_of_studies_triaged_follows_from_the_tables(truth, kpis):
    reported = kpis["ai_results_monitoring"]["share_of_studies_triaged"]
    landed = truth["studies"].query("lands")
    results = truth["ai_results"]
    assert reported["studies"] == len(landed)
    assert reported["triaged"] == landed["study_instance_uid"].isin(results["study_instance_uid"]).sum()
    for name, releases in truth["ai_algorithms"].groupby("algorithm_name"):
        eligible = landed[landed["procedure_code"].isin(set(releases["procedure_codes"].iloc[0]))]
        done = eligible["study_instance_uid"].isin(results.loc[results["algorithm_name"] == name, "study_instance_uid"])
        assert reported["by_algorithm"][name] == {
            "eligible": len(eligible),
            "triaged": int(done.sum()),
            "pct": round(100 * done.mean(), 3),
        }
        assert 0.8 < done.mean() < 1


@pytest.mark.integration
def test_time_saved_on_flagged_critical_findings_follows_from_the_tables(truth, kpis):
    reported = kpis["ai_results_monitoring"]["time_saved_on_flagged_critical_findings"]
    algorithms = truth["ai_algorithms"]
    triage = set(algorithms.loc[algorithms["critical_category_code"].notna(), "algorithm_name"])
    results = truth["ai_results"]
    pool = results[results["algorithm_name"].isin(triage) & results["final_at"].notna()]
    minutes = (pool["final_at"] - pool["ai_result_at"]).dt.total_seconds() / 60
    assert np.allclose(minutes, pool["final_minutes_after_result"], atol=1e-3)
    confirmed = pool["ai_critical"] & pool["radiologist_present"].eq(True)
    assert reported["flagged_confirmed"] == confirmed.sum() >= 2
    for key, stratum in reported["by_modality_priority"].items():
        modality, priority = key.split("|")
        here = (pool["primary_modality"] == modality) & (pool["priority"] == priority)
        flagged, unflagged = minutes[here & confirmed], minutes[here & ~pool["ai_critical"]]
        assert (stratum["flagged_confirmed"], stratum["unflagged"]) == (len(flagged), len(unflagged))
        assert stratum["median_flagged_minutes"] == median(flagged)
        assert stratum["median_unflagged_minutes"] == median(unflagged)
    saved = [(s["minutes_saved"], s["flagged_confirmed"]) for s in reported["by_modality_priority"].values()]
    saved = [(m, n) for m, n in saved if m is not None]
    assert reported["weighted_minutes_saved"] == round(sum(m * n for m, n in saved) / sum(n for _, n in saved), 3)


@pytest.mark.integration
def test_radiologists_sign_after_the_ai_result_and_code_after_signing(truth):
    results = truth["ai_results"]
    reported = results[results["final_at"].notna()]
    assert (reported["final_at"] > reported["ai_result_at"]).all()
    coded = results[results["radiologist_status"] == "coded"]
    assert (coded["radiologist_coded_at"] > coded["final_at"]).all()
    assert results.loc[results["radiologist_status"] == "unreported", "final_at"].isna().all()


@pytest.mark.integration
def test_dose_exams_flag_what_exceeds_the_reference_levels(truth, kpis):
    exams = truth["dose_exams"]
    studies = truth["studies"].set_index("study_instance_uid")
    assert list(exams["above_reference"]) == list(studies.loc[exams["study_instance_uid"], "dose_above_reference"])
    ct = exams[exams["template_id"] == "10011"]
    assert (ct["above_ctdivol_reference"] == (ct["ctdivol_mgy"] > ct["reference_ctdivol_mgy"])).all()
    events = truth["dose_events"]
    helical = events[events["event_kind"] == "helical"].groupby("sop_instance_uid")["dlp_mgy_cm"].sum()
    assert np.allclose(helical[ct["sop_instance_uid"]], ct["dlp_total_mgy_cm"], rtol=1e-4)
    reported = kpis["dose_by_procedure_device"]
    for (code, station), group in exams.groupby(["procedure_code", "device_station"]):
        row = reported[f"{code}|{station}"]
        assert row["exams"] == len(group)
        assert row["median_dlp_total_mgy_cm"] == median(group["dlp_total_mgy_cm"])
        assert row["above_reference"] == group["above_reference"].sum()
    assert sum(r["above_reference"] for r in reported.values()) > 0


@pytest.mark.unit
def test_quotas_leave_at_least_one_of_each_outcome_when_they_can():
    assert ai_results._quota(2, 0.9) == 1
    assert ai_results._quota(80, 0.02) == 2
    assert ai_results._quota(50, 0.001) == 1
    assert ai_results._quota(1, 0.9) == 1
    assert ai_results._quota(0, 0.5) == 0


@pytest.mark.unit
def test_only_triage_algorithms_flag_present_findings_as_critical():
    bleed, nodule = BY_KEY["intracranial_hemorrhage"], BY_KEY["lung_nodule"]
    present, absent = Observation(True, 12.0), Observation(False)
    assert sr_measurement.evaluations(bleed, present) == [
        (sr_codes.PRESENCE, sr_codes.PRESENT),
        (sr_codes.PRIORITY, sr_codes.ACR_CATEGORY_1),
    ]
    assert sr_measurement.evaluations(bleed, absent) == [(sr_codes.PRESENCE, sr_codes.ABSENT)]
    assert sr_measurement.evaluations(nodule, present) == [(sr_codes.PRESENCE, sr_codes.PRESENT)]
    assert sr_measurement.measurements(bleed, absent) == []


@pytest.mark.unit
def test_the_installed_version_follows_the_release_dates():
    bleed = BY_KEY["intracranial_hemorrhage"]
    assert bleed.release_on(date(2024, 1, 1)) is None
    assert bleed.release_on(date(2025, 3, 3)).version == "4.1.0"
    assert bleed.release_on(date(2025, 7, 1)).version == "4.2.0"

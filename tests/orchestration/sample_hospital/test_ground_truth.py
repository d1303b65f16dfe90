"""The ground truth covers the enterprise and agrees with the files it describes."""

from __future__ import annotations

import json

import pytest

from orchestration.sample_hospital.ground_truth import primary_modality


@pytest.mark.integration
def test_ci_covers_six_departments_and_fifteen_modalities(truth):
    landed = truth["studies"].query("lands")
    assert landed["department"].nunique() >= 6
    assert landed["primary_modality"].nunique() >= 15
    assert landed["institution"].nunique() >= 2


@pytest.mark.integration
def test_ground_truth_lists_every_kind_of_defect(truth):
    assert set(truth["defects"]["kind"]) == {
        "missing_required_attribute",
        "wrong_body_part",
        "empty_body_part",
        "unmapped_study_description",
        "duplicate_sop_instance_uid",
        "truncated_file",
        "non_dicom_file",
        "order_without_images",
        "image_without_order",
        "never_reported",
        "shared_patient_id",
    }


@pytest.mark.integration
def test_ground_truth_lists_every_kind_of_access_anomaly(truth):
    anomalies = truth["anomalies"]
    assert set(anomalies["kind"]) == {
        "vip_lookup_without_order",
        "same_surname_lookup",
        "after_hours_bulk_export",
        "break_glass",
    }
    vips = truth["patients"].query("is_vip")
    vip_lookups = anomalies.query("kind == 'vip_lookup_without_order'")
    assert set(vip_lookups["patient_id"]) <= set(vips["patient_id"])
    users = truth["users"].set_index("user_id")
    patients = truth["patients"].drop_duplicates(["patient_id", "issuer_of_patient_id"])
    names = patients.set_index(["patient_id", "issuer_of_patient_id"])["patient_name"]
    for row in anomalies.query("kind == 'same_surname_lookup'").itertuples():
        family = names[(row.patient_id, row.issuer_of_patient_id)].split("^")[0]
        assert users.loc[row.user_id, "family"] == family


@pytest.mark.integration
def test_study_counts_follow_the_landed_files(truth):
    files = truth["files"].query("lands")
    studies = truth["studies"]
    by_study = files.groupby("study_uid")["modality"].apply(list)
    landed = studies.query("lands").set_index("study_instance_uid")
    assert set(landed.index) == set(by_study.index)
    for uid, modalities in by_study.items():
        assert landed.loc[uid, "primary_modality"] == primary_modality(modalities)
    counts = truth["counts"]
    assert counts["studies"].sum() == len(landed)
    per_department = counts.groupby("department")["studies"].sum()
    assert per_department.to_dict() == landed.groupby("department").size().to_dict()


@pytest.mark.integration
def test_a_study_whose_only_file_is_truncated_does_not_land(truth):
    files = truth["files"]
    truncated = files.loc[~files["lands"], "study_uid"]
    orphans = [uid for uid in truncated if files.query("study_uid == @uid")["lands"].sum() == 0]
    assert orphans
    studies = truth["studies"].set_index("study_instance_uid")
    assert not studies.loc[orphans, "lands"].any()


@pytest.mark.integration
def test_kpis_agree_with_the_study_table(ci_out, truth):
    kpis = json.loads((ci_out / "ground_truth" / "kpis.json").read_text())
    landed = truth["studies"].query("lands")
    assert kpis["studies_total"] == len(landed)
    assert kpis["studies_by_department"] == landed.groupby("department").size().to_dict()
    assert kpis["reconciliation"]["images_without_orders"] == int((~landed["has_order"]).sum())
    assert kpis["backlog"]["total"] == int(landed["final_at"].isna().sum())
    stat_ct = kpis["report_turnaround_minutes_by_modality_priority"].get("CT|STAT")
    assert stat_ct and stat_ct["median"] < stat_ct["p90"]
    assert kpis["dose_exams_above_reference"] > 0


@pytest.mark.integration
def test_timelines_run_in_order(truth):
    studies = truth["studies"].query("lands and has_order")
    assert (studies["ordered_at"] <= studies["first_acquired_at"]).all()
    reported = studies.dropna(subset=["final_at"])
    assert (reported["last_acquired_at"] <= reported["final_at"]).all()
    preliminary = reported.dropna(subset=["preliminary_at"])
    assert (preliminary["preliminary_at"] <= preliminary["final_at"]).all()


@pytest.mark.unit
def test_primary_modality_ignores_documents_and_breaks_ties_alphabetically():
    assert primary_modality(["PT", "PT", "CT", "SR", "SR", "SR"]) == "PT"
    assert primary_modality(["PT", "CT"]) == "CT"
    assert primary_modality(["SR", "KO"]) == "KO"
    assert primary_modality([]) is None

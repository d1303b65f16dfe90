"""`lantern demo` on the ci sample hospital: the published marts against the generator's ground truth.

The demo is run once for the module; each test reads the serving copy it published and the
ground truth the generator wrote beside the data (issue: sample hospital; SPEC §6).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from dashboards.serving import connect_read_only
from dashboards.settings import Settings, load_settings
from orchestration.cli.main import app
from tests.conftest import TEST_KEY

pytestmark = [pytest.mark.integration, pytest.mark.slow]
SEED = "11"


@pytest.fixture(scope="module")
def ci_hospital(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    data_dir = tmp_path_factory.mktemp("ci-hospital") / "lantern"
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("LANTERN_DATA_DIR", str(data_dir))
        environment.setenv("LANTERN_PSEUDONYM_KEY", TEST_KEY)
        environment.delenv("LANTERN_CONFIG", raising=False)
        result = CliRunner().invoke(app, ["demo", "--no-serve", "--scale", "ci", "--seed", SEED])
        assert result.exit_code == 0, result.output
        yield load_settings()


@pytest.fixture(scope="module")
def marts(ci_hospital: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = connect_read_only(ci_hospital.serving_dir)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def truth(ci_hospital: Settings) -> Path:
    return ci_hospital.data_dir / "sample-hospital" / "ci" / "ground_truth"


def same(left: object, right: object) -> bool:
    """Equal, with nulls (None or NaN) equal to each other and floats to 1e-6."""
    left_missing = left is None or (isinstance(left, float) and math.isnan(left))
    right_missing = right is None or (isinstance(right, float) and math.isnan(right))
    if left_missing or right_missing:
        return left_missing and right_missing
    if isinstance(left, float) or isinstance(right, float):
        return math.isclose(float(left), float(right), rel_tol=1e-6, abs_tol=1e-9)
    return left == right


def test_studies_per_department_and_modality_match_the_ground_truth(
    ci_hospital: Settings, marts: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    landed = json.loads((truth / "summary.json").read_text())["landed_studies"]
    assert marts.execute("select count(*) from studies").fetchone() == (landed,)
    counts = pd.read_parquet(truth / "counts.parquet").groupby(["department", "primary_modality"])["studies"].sum()
    expected = {(department, modality): int(studies) for (department, modality), studies in counts.items()}
    found = {
        (department, modality): studies
        for department, modality, studies in marts.execute(
            "select department_name, primary_modality, count(*) from studies group by all"
        ).fetchall()
    }
    assert found == expected
    assert len({department for department, _ in found}) >= 6 and len({modality for _, modality in found}) >= 15


def test_every_generated_report_lands_and_none_is_quarantined(marts: duckdb.DuckDBPyConnection, truth: Path) -> None:
    files = pd.read_parquet(truth / "files.parquet")
    reports = files[files["sop_class_uid"].str.startswith("1.2.840.10008.5.1.4.1.1.88.") & files["lands"]]
    assert len(reports) > 100
    landed = {uid for (uid,) in marts.execute("select sop_instance_uid from structured_reports").fetchall()}
    assert set(reports["sop_instance_uid"]) <= landed
    assert marts.execute("select count(*) from quarantined_inputs where source_kind = 'sr'").fetchone() == (0,)


def test_findings_and_their_measurements_match_the_ground_truth(marts: duckdb.DuckDBPyConnection, truth: Path) -> None:
    expected = pd.read_parquet(truth / "findings.parquet")
    found = marts.execute(
        """
        select
            findings.sop_instance_uid, findings.study_instance_uid, lower(findings.observer_type) as observer_type,
            findings.algorithm_name, findings.algorithm_version, findings.finding_type_code,
            findings.finding_site_code, measurements.value_type, measurements.concept_code,
            measurements.numeric_value, measurements.units_code, measurements.value_code
        from findings
        inner join finding_measurements as measurements on findings.finding_id = measurements.finding_id
        """
    ).df()
    columns = ["sop_instance_uid", "finding_type_code", "value_type", "concept_code"]
    expected_rows = expected.rename(columns={"unit_code": "units_code"}).sort_values(columns).reset_index(drop=True)
    found_rows = found.sort_values(columns).reset_index(drop=True)
    assert len(found_rows) == len(expected_rows) > 100
    assert set(expected_rows["observer_type"]) == {"device", "person"}
    for name in [*columns, "study_instance_uid", "observer_type", "algorithm_name", "algorithm_version"]:
        for left, right in zip(found_rows[name], expected_rows[name], strict=True):
            assert same(left, right), (name, left, right)
    for name in ["finding_site_code", "numeric_value", "units_code", "value_code"]:
        for left, right in zip(found_rows[name], expected_rows[name], strict=True):
            assert same(left, right), (name, left, right)


def test_ai_agreement_per_algorithm_and_month_matches_the_ground_truth(
    marts: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    monitoring = json.loads((truth / "kpis.json").read_text())["ai_results_monitoring"]
    expected = monitoring["agreement_by_algorithm_version_month"]
    rows = marts.execute(
        """
        select
            algorithm_name || '|' || algorithm_version || '|' || strftime(result_month, '%Y-%m'),
            results, compared, true_positives, false_positives, false_negatives, true_negatives,
            agreement_pct, sensitivity_pct, specificity_pct, positive_predictive_value_pct
        from ai_agreement_monthly
        """
    ).fetchall()
    found = {
        key: dict(
            zip(
                [
                    "results",
                    "compared",
                    "tp",
                    "fp",
                    "fn",
                    "tn",
                    "agreement_pct",
                    "sensitivity_pct",
                    "specificity_pct",
                    "ppv_pct",
                ],
                values,
                strict=True,
            )
        )
        for key, *values in rows
    }
    assert found.keys() == expected.keys() and len(found) >= 3
    for key, kpi in found.items():
        for name, value in kpi.items():
            assert same(value, expected[key][name]), (key, name, value, expected[key][name])
    triaged = monitoring["share_of_studies_triaged"]
    assert marts.execute("select sum(studies), sum(triaged_studies) from ai_triage_monthly").fetchone() == (
        triaged["studies"],
        triaged["triaged"],
    )


def test_dose_per_exam_and_reference_level_flags_match_the_ground_truth(
    marts: duckdb.DuckDBPyConnection, truth: Path
) -> None:
    expected = pd.read_parquet(truth / "dose_exams.parquet")
    found = marts.execute(
        """
        select
            study_instance_uid, event_count, max_ctdi_vol_mgy, dlp_total_mgy_cm, dap_total_gy_cm2,
            has_reference_level, is_above_reference_level
        from dose_exams
        """
    ).df()
    assert len(found) == len(expected) > 100
    both = expected.merge(found, on="study_instance_uid", suffixes=("_truth", ""), validate="one_to_one")
    assert len(both) == len(expected)
    pairs = [
        ("event_count_truth", "event_count"),
        ("ctdivol_mgy", "max_ctdi_vol_mgy"),
        ("dlp_total_mgy_cm_truth", "dlp_total_mgy_cm"),
        ("dap_total_gy_cm2_truth", "dap_total_gy_cm2"),
    ]
    for truth_column, mart_column in pairs:
        for left, right in zip(both[truth_column], both[mart_column], strict=True):
            assert same(float(left), float(right)), (truth_column, left, right)
    # An exam whose study description the modality garbled (an injected defect) cannot be
    # typed from DICOM alone: it has no reference level, rather than a wrong one.
    studies = pd.read_parquet(truth / "studies.parquet")[["study_instance_uid", "dicom_study_description"]]
    both = both.merge(studies, on="study_instance_uid")
    seeded = set(marts.execute("select study_description from dose_exam_types").df()["study_description"])
    typed = both["dicom_study_description"].isin(seeded)
    assert typed.sum() > 100 and (~typed).sum() < 0.1 * len(both)
    assert not both.loc[~typed, "has_reference_level"].any()
    for above_truth, above_mart in zip(
        both.loc[typed, "above_reference"], both.loc[typed, "is_above_reference_level"], strict=True
    ):
        assert bool(above_truth) == bool(above_mart)
    assert both.loc[typed, "above_reference"].sum() > 5


def test_dose_events_match_the_ground_truth(marts: duckdb.DuckDBPyConnection, truth: Path) -> None:
    expected = pd.read_parquet(truth / "dose_events.parquet")
    found = marts.execute("select irradiation_event_uid, ctdi_vol_mgy, dlp_mgy_cm, dap_gy_cm2 from dose_events").df()
    both = expected.merge(found, on="irradiation_event_uid", suffixes=("_truth", ""), validate="one_to_one")
    assert len(both) == len(expected) == len(found) > 100
    pairs = [("ctdivol_mgy", "ctdi_vol_mgy"), ("dlp_mgy_cm_truth", "dlp_mgy_cm"), ("dap_gy_cm2_truth", "dap_gy_cm2")]
    for truth_column, mart_column in pairs:
        for left, right in zip(both[truth_column], both[mart_column], strict=True):
            assert same(float(left), float(right)), (truth_column, left, right)

"""One ci-scale generation per test session, shared by every test in this folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from orchestration.sample_hospital.generate import generate


@pytest.fixture(scope="session")
def ci_seed() -> int:
    return 7


@pytest.fixture(scope="session")
def ci_out(tmp_path_factory, ci_seed) -> Path:
    out = tmp_path_factory.mktemp("ci") / "hospital"
    generate("ci", ci_seed, out)
    return out


@pytest.fixture(scope="session")
def truth(ci_out) -> dict[str, pd.DataFrame]:
    folder = ci_out / "ground_truth"
    return {path.stem: pd.read_parquet(path) for path in folder.glob("*.parquet")}

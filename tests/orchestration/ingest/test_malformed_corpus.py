"""R1 at the level of a whole ingest: a corpus of malformed files beside good ones.

Every input is accounted for (inputs read = rows landed + rows quarantined), every
quarantine row has a reason, the good files land, and nothing crashes, with the work
spread over worker processes as in production.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import duckdb
import pytest

from dashboards.settings import Settings
from orchestration.governance.pseudonym import load_pseudonymiser
from orchestration.ingest.dicom_files import SOURCE_KIND, ingest_dicom_files
from orchestration.ingest.inventory import plan_ingest
from orchestration.land.accounting import account_inputs
from tests.orchestration.extract.header_helpers import element_starts

pytestmark = pytest.mark.integration
SEED = 1312


@pytest.fixture
def malformed_corpus(tmp_path: Path, pydicom_files: Path, shared_dicom: Path) -> tuple[Path, int]:
    """(folder, number of good files): cuts of a real file at every element start, random
    bytes, zero-length and wrong-length files, and the hostile real samples."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    good = sorted((pydicom_files / "test_files").glob("CT_small.dcm")) + sorted(
        (pydicom_files / "test_files").glob("MR_small*.dcm")
    )
    for path in good:
        shutil.copy(path, folder / f"good-{path.name}")
    whole = (pydicom_files / "test_files" / "CT_small.dcm").read_bytes()
    starts, _ = element_starts(whole, 132 + int.from_bytes(whole[140:144], "little") + 12)
    for offset in starts[1:]:
        (folder / f"cut-{offset:06d}.dcm").write_bytes(whole[: offset + 3])
    generator = random.Random(SEED)
    for number in range(50):
        (folder / f"random-{number:02d}.dcm").write_bytes(generator.randbytes(generator.randrange(1, 4096)))
    (folder / "empty.dcm").write_bytes(b"")
    corrupt = bytearray(whole)
    corrupt[starts[5] + 6 : starts[5] + 8] = b"\xff\x7f"  # a length far past the end of the file
    (folder / "wrong-length.dcm").write_bytes(corrupt)
    for hostile in ("2026-05-06-Deeply-Nested-Sequence.dcm",):
        shutil.copy(shared_dicom / "orthanc-tests" / hostile, folder / hostile)
    return folder, len(good)


def test_every_malformed_input_is_quarantined_with_a_reason_and_the_good_ones_land(
    lantern_env: Settings, malformed_corpus: tuple[Path, int]
) -> None:
    folder, good = malformed_corpus
    plan = plan_ingest([folder], lantern_env.raw_dir, SOURCE_KIND)
    report = ingest_dicom_files(
        plan,
        raw_dir=lantern_env.raw_dir,
        restricted_dir=lantern_env.restricted_dir,
        pseudonymiser=load_pseudonymiser(lantern_env),
        batch_size=25,
        workers=2,
    )
    assert report.landed + report.quarantined == report.considered == len(list(folder.iterdir()))
    assert account_inputs(lantern_env.raw_dir, SOURCE_KIND, "dicom_instances").unaccounted == 0
    quarantine = lantern_env.raw_dir / "quarantine"
    reasons = duckdb.sql(f"select error_class, message from read_parquet('{quarantine}/**/*.parquet')").fetchall()
    assert len(reasons) == report.quarantined and all(kind and message for kind, message in reasons)
    landed = lantern_env.raw_dir / "dicom_instances"
    names = {
        Path(row[0]).name
        for row in duckdb.sql(f"select file_path from read_parquet('{landed}/**/*.parquet')").fetchall()
    }
    assert {f"good-{name}" for name in ("CT_small.dcm",)} <= names
    assert sum(name.startswith("good-") for name in names) == good

"""Small pieces of the generator: identities, allocation, sparse files, rows-only mode."""

from __future__ import annotations

import os

import pyarrow.dataset as ds
import pytest

from orchestration.land.schemas import DICOM_INSTANCES
from orchestration.sample_hospital import ids, pixels, scales
from orchestration.sample_hospital.generate import generate
from orchestration.sample_hospital.rows_only import generate_rows_only
from orchestration.sample_hospital.timeline import allocate


@pytest.mark.unit
def test_uids_are_deterministic_uuid_derived_and_short_enough():
    first, again, other = ids.uid(1, "study", 3), ids.uid(1, "study", 3), ids.uid(2, "study", 3)
    assert first == again != other
    assert first.startswith("2.25.") and len(first) <= 64
    assert not first[5:].startswith("0")


@pytest.mark.unit
def test_allocation_gives_each_at_least_the_minimum_and_sums_to_the_total():
    counts = allocate(100, [50, 30, 0.01, 19.99], minimum=1)
    assert sum(counts) == 100
    assert min(counts) == 1
    assert counts[0] > counts[1] > counts[3]


@pytest.mark.unit
def test_unknown_scale_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="ci, demo, bench"):
        scales.get("huge")


@pytest.mark.unit
def test_native_pixel_data_is_a_hole_of_the_logical_size(tmp_path):
    path = tmp_path / "big.dcm"
    size = pixels.write_native(path, b"\0" * 132, 512 * 512 * 2, 4_000, b"OW")
    assert size == os.path.getsize(path) == 132 + 12 + 512 * 512 * 2 * 4_000
    assert os.stat(path).st_blocks * 512 < 64 * 1024


@pytest.mark.integration
def test_rows_only_mode_writes_landing_parquet_by_day(tmp_path):
    summary = generate_rows_only(3, tmp_path, studies=600, days=3)
    dataset = ds.dataset(tmp_path / "lake/raw/dicom_instances", format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == summary["instances"] > 600
    assert dataset.schema.remove(dataset.schema.get_field_index("ingest_date")) == DICOM_INSTANCES
    assert len({p.split("ingest_date=")[1][:10] for p in dataset.files}) == 3
    assert len(table.column("SOPInstanceUID").unique()) == table.num_rows


@pytest.mark.unit
def test_generation_refuses_to_overwrite_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        generate("ci", 1, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "keep me"

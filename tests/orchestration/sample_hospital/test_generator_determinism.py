"""Same seed and scale give byte-identical output; another seed gives other data."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from orchestration.sample_hospital import defects, hl7_writer, scales, timeline
from orchestration.sample_hospital import generate as generate_module
from orchestration.sample_hospital.generate import generate

BLOCK = 4096


def logical_digest(path: Path) -> str:
    """SHA-256 of a file's logical content, reading only its data (sparse files hold
    gigabytes of holes): the size, then each non-zero block with its offset."""
    digest = hashlib.sha256(str(path.stat().st_size).encode())
    with open(path, "rb") as f:
        fd = f.fileno()
        end = os.fstat(fd).st_size
        offset = 0
        while offset < end:
            try:
                offset = os.lseek(fd, offset, os.SEEK_DATA)
            except OSError:
                break
            hole = os.lseek(fd, offset, os.SEEK_HOLE)
            f.seek(offset)
            for start in range(offset, hole, BLOCK):
                block = f.read(min(BLOCK, hole - start))
                if block.strip(b"\0"):
                    digest.update(start.to_bytes(8, "little") + block)
            offset = hole
    return digest.hexdigest()


def checksums(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): logical_digest(path) for path in sorted(root.rglob("*")) if path.is_file()
    }


@pytest.mark.integration
def test_same_seed_gives_identical_files(ci_out, ci_seed, tmp_path):
    generate("ci", ci_seed, tmp_path / "again")
    assert checksums(tmp_path / "again") == checksums(ci_out)


@pytest.mark.integration
def test_different_seed_gives_different_files(ci_out, ci_seed, tmp_path):
    """Writing a sample of another seed's studies is enough to see everything change."""
    other = timeline.plan(scales.get("ci"), ci_seed + 1)
    headers = defects.HeaderPlan()
    for study in other.studies[:25]:
        generate_module.write_study(tmp_path / "other", study, headers)
    hl7_writer.write(tmp_path / "other", other)
    first, second = checksums(ci_out), checksums(tmp_path / "other")
    assert second
    assert not set(first.values()) & set(second.values())

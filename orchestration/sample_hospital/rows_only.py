"""Bench rows-only mode: raw landing Parquet for a million studies, no DICOM files.

Writes `lake/raw/dicom_instances/ingest_date=YYYY-MM-DD/part-NNNNN.parquet` with the
schema `orchestration.land.schemas.DICOM_INSTANCES`, one day at a time (bounded memory:
one day's ≈55,000 rows), every column built with numpy and pyarrow compute rather than
per-row Python. Studies follow the same catalogue, devices and arrival weights as the
file generator; each study has one image series kind (its protocol's main one).
Pseudonyms are HMAC-SHA256 over a fixed bench key, as ingest would compute them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from orchestration.land.schemas import DICOM_INSTANCES
from orchestration.sample_hospital import catalogue, ids, protocols, reference
from orchestration.sample_hospital.devices import devices_for
from orchestration.sample_hospital.image_kinds import KINDS
from orchestration.sample_hospital.timeline import allocate

BENCH_KEY = b"lantern-bench-pseudonym-key"
SOURCE = "sample-hospital-bench"
HEADER_BYTES = 2_048
MAX_ROWS_PER_PART = 250_000
PATIENTS_PER_STUDY = 0.3
STRING = pa.string()


def _pseudonyms(values: list[str]) -> pa.Array:
    return pa.array([hmac.new(BENCH_KEY, v.encode(), hashlib.sha256).hexdigest() for v in values])


def _combos() -> list[dict]:
    """(institution, protocol) pairs with their weight and the attributes rows repeat."""
    combos = []
    for institution in catalogue.INSTITUTIONS:
        offered = protocols.offered(institution)
        totals: dict[str, float] = {}
        for p in offered:
            totals[p.department] = totals.get(p.department, 0.0) + p.weight
        for p in offered:
            spec = max(p.series, key=lambda s: s.instances[1])
            kind = KINDS.get(spec.kind)
            device = devices_for(institution.key, p.department, p.modality)[0]
            combos.append(
                {
                    "weight": catalogue.INSTITUTION_SHARE[institution.key]
                    * catalogue.DEPARTMENT_SHARE[p.department]
                    * p.weight
                    / totals[p.department],
                    "typical": min(200, sum(sum(s.instances) / 2 for s in p.series)),
                    "institution": institution,
                    "protocol": p,
                    "spec": spec,
                    "kind": kind,
                    "device": device,
                }
            )
    return combos


def _uid_roots(draw: np.random.Generator, n: int) -> pa.Array:
    high = draw.integers(10**18, 2**63 - 1, size=n, dtype=np.int64)
    low = draw.integers(0, 10**18, size=n, dtype=np.int64)
    low_text = pc.utf8_lpad(pa.array(low).cast(pa.string()), 18, "0")
    return pc.binary_join_element_wise("2.25.", pa.array(high).cast(pa.string()), low_text, "")


def _column(values: list, index: np.ndarray, kind: pa.DataType = STRING) -> pa.Array:
    return pa.array(values, type=kind).take(pa.array(index))


def _day(seed, day: date, n: int, *, combos, patients, scale: float, sequence) -> pa.Table:
    draw = ids.rng(seed, "rows", day.isoformat())
    weights = np.array([c["weight"] for c in combos])
    combo = draw.choice(len(combos), size=n, p=weights / weights.sum())
    typical = np.array([c["typical"] for c in combos]) * scale
    counts = np.maximum(1, draw.poisson(typical[combo]))
    patient = draw.integers(0, len(patients["ids"]), size=n)
    minutes = draw.integers(7 * 60, 20 * 60, size=n)
    study_uids = _uid_roots(draw, n)
    rows = int(counts.sum())
    study = np.repeat(np.arange(n), counts)
    first = np.repeat(np.cumsum(counts) - counts, counts)
    instance = np.arange(rows) - first + 1
    series = (instance - 1) // 200 + 1
    at = np.datetime64(day) + minutes.astype("timedelta64[m]")
    start = pa.array(at.astype("datetime64[s]"))
    inst_keys = [c["institution"].key for c in combos]
    accession_no = np.zeros(n, dtype=np.int64)
    for key in sorted(set(inst_keys)):
        mine = np.array([inst_keys[c] == key for c in combo])
        accession_no[mine] = sequence[key] + np.arange(1, mine.sum() + 1)
        sequence[key] += int(mine.sum())
    prefix = _column([c["institution"].key[:2] + f"{day:%y}" for c in combos], combo)
    accession = pc.binary_join_element_wise(prefix, pc.utf8_lpad(pa.array(accession_no).cast(pa.string()), 6, "0"), "")
    study_uid = study_uids.take(pa.array(study))
    series_uid = pc.binary_join_element_wise(study_uid, pa.array(series).cast(pa.string()), ".")
    sop_uid = pc.binary_join_element_wise(series_uid, pa.array(instance).cast(pa.string()), ".")

    def by_study(values: list, kind: pa.DataType = STRING) -> pa.Array:
        return _column(values, combo, kind).take(pa.array(study))

    folder = pc.binary_join_element_wise(
        by_study([f"dicom/{c['institution'].key}/{c['protocol'].department}/{day:%Y/%m/%d}" for c in combos]),
        accession.take(pa.array(study)),
        "/",
    )
    file_path = pc.binary_join_element_wise(
        folder,
        pc.binary_join_element_wise("S", pc.utf8_lpad(pa.array(series).cast(pa.string()), 3, "0"), ""),
        pc.binary_join_element_wise("I", pc.utf8_lpad(pa.array(instance).cast(pa.string()), 4, "0"), ".dcm", ""),
        "/",
    )
    frames = [1 if c["kind"] is None else max(1, c["spec"].frames[0]) for c in combos]
    sizes = [
        HEADER_BYTES
        + (120_000 if c["kind"] is None else round(c["kind"].frame_bytes * f / c["kind"].compression_ratio))
        for c, f in zip(combos, frames, strict=True)
    ]
    study_date = pc.strftime(start, "%Y%m%d")
    study_time = pc.strftime(start, "%H%M%S")
    birth_year = patients["birth_year"][patient]
    ingested = datetime.combine(day, time(23), tzinfo=UTC)
    ctdi = [reference.CT_REFERENCE.get(c["protocol"].key, (None,))[0] for c in combos]
    columns = {
        "_record_id": file_path,
        "_source": pa.array([SOURCE] * rows),
        "_ingested_at": pa.array([ingested] * rows, type=pa.timestamp("us", tz="UTC")),
        "file_path": file_path,
        "file_size_bytes": by_study(sizes, pa.int64()),
        "TransferSyntaxUID": by_study([_syntax(c) for c in combos]),
        "PatientPseudonym": patients["pseudonyms"].take(pa.array(patient[study])),
        "AccessionPseudonym": _pseudonyms(accession.to_pylist()).take(pa.array(study)),
        "PatientAgeAtStudyYears": pa.array((day.year - birth_year)[study], type=pa.int32()),
        "SOPClassUID": by_study([_sop_class(c) for c in combos]),
        "SOPInstanceUID": sop_uid,
        "SeriesInstanceUID": series_uid,
        "StudyInstanceUID": study_uid,
        "IssuerOfPatientID": by_study(inst_keys),
        "PatientSex": patients["sex"].take(pa.array(patient[study])),
        "StudyDate": study_date.take(pa.array(study)),
        "StudyTime": study_time.take(pa.array(study)),
        "SeriesDate": study_date.take(pa.array(study)),
        "SeriesTime": study_time.take(pa.array(study)),
        "AcquisitionDateTime": pc.binary_join_element_wise(study_date, study_time, "").take(pa.array(study)),
        "Modality": by_study([c["protocol"].modality for c in combos]),
        "BodyPartExamined": by_study([c["protocol"].body_part for c in combos]),
        "StudyDescription": by_study([c["protocol"].description for c in combos]),
        "SeriesDescription": by_study([c["spec"].description for c in combos]),
        "ProtocolName": by_study([c["protocol"].description for c in combos]),
        "InstitutionName": by_study([c["institution"].name for c in combos]),
        "InstitutionalDepartmentName": by_study([c["protocol"].department for c in combos]),
        "StationName": by_study([c["device"].station for c in combos]),
        "Manufacturer": by_study([c["device"].manufacturer for c in combos]),
        "ManufacturerModelName": by_study([c["device"].model for c in combos]),
        "DeviceSerialNumber": by_study([c["device"].serial for c in combos]),
        "SoftwareVersions": by_study([c["device"].software for c in combos]),
        "LossyImageCompression": by_study(
            ["01" if c["kind"] and c["kind"].encoding == "jpeg" else "00" for c in combos]
        ),
        "BurnedInAnnotation": pa.array(["NO"] * rows),
        "ImageType": pa.array(["ORIGINAL\\PRIMARY"] * rows),
        "SpecificCharacterSet": by_study([c["institution"].charset for c in combos]),
        "SeriesNumber": pa.array(series),
        "InstanceNumber": pa.array(instance),
        "Rows": by_study([c["kind"].rows if c["kind"] else None for c in combos], pa.int64()),
        "Columns": by_study([c["kind"].columns if c["kind"] else None for c in combos], pa.int64()),
        "NumberOfFrames": by_study(frames, pa.int64()),
        "BitsAllocated": by_study([c["kind"].bits_allocated if c["kind"] else 16 for c in combos], pa.int64()),
        "CTDIvol": by_study(
            [None if v is None else v * reference.DOSE_MEDIAN_OF_REFERENCE for v in ctdi], pa.float64()
        ),
        "MissingRequiredAttributes": pa.ListArray.from_arrays(
            pa.array(np.zeros(rows + 1, dtype=np.int32)), pa.array([], pa.string())
        ),
    }
    arrays = [columns.get(f.name, pa.nulls(rows, f.type)).cast(f.type) for f in DICOM_INSTANCES]
    return pa.Table.from_arrays(arrays, schema=DICOM_INSTANCES)


def _syntax(combo) -> str:
    kind = combo["kind"]
    if kind is None:
        return "1.2.840.10008.1.2.1"
    if kind.encoding == "jpeg":
        return "1.2.840.10008.1.2.4.50"
    if kind.encoding == "archive" and combo["institution"].archive_encoding == "jpeg2000":
        return "1.2.840.10008.1.2.4.90"
    return "1.2.840.10008.1.2.1"


def _sop_class(combo) -> str:
    return combo["kind"].sop_class_uid if combo["kind"] else "1.2.840.10008.5.1.4.1.1.9.1.1"


def generate_rows_only(
    seed: int,
    out: Path,
    *,
    studies: int = 1_000_000,
    instances_per_study: float = 20.0,
    start: date = date(2025, 1, 1),
    days: int = 365,
    progress: Callable[[int, int], None] | None = None,
) -> dict:
    """Write raw `dicom_instances` landing Parquet for `studies` studies over `days` days."""
    combos = _combos()
    weights = np.array([c["weight"] for c in combos])
    mean = float((np.array([c["typical"] for c in combos]) * weights).sum() / weights.sum())
    scale = instances_per_study / mean
    draw = ids.rng(seed, "rows", "patients")
    patient_count = max(1, int(studies * PATIENTS_PER_STUDY))
    patients = {
        "ids": np.arange(patient_count),
        "birth_year": draw.integers(1935, 2024, size=patient_count),
        "sex": pa.array(np.where(draw.random(patient_count) < 0.52, "F", "M")),
        "pseudonyms": _pseudonyms([f"BENCH|{i}" for i in range(patient_count)]),
    }
    day_weights = [reference.EMERGENCY_DAYS[(start + timedelta(d)).weekday()] for d in range(days)]
    per_day = allocate(studies, day_weights, minimum=0)
    sequence = {i.key: 0 for i in catalogue.INSTITUTIONS}
    root = Path(out) / "lake" / "raw" / "dicom_instances"
    rows = 0
    for offset, n in enumerate(per_day):
        day = start + timedelta(days=offset)
        table = _day(seed, day, n, combos=combos, patients=patients, scale=scale, sequence=sequence)
        folder = root / f"ingest_date={day.isoformat()}"
        folder.mkdir(parents=True, exist_ok=True)
        for part, begin in enumerate(range(0, table.num_rows, MAX_ROWS_PER_PART)):
            chunk = table.slice(begin, MAX_ROWS_PER_PART)
            pq.write_table(chunk, folder / f"part-{part:05d}.parquet")
        rows += table.num_rows
        if progress:
            progress(offset + 1, days)
    return {"studies": studies, "instances": rows, "days": days, "path": str(root)}

"""Arrow schemas of the raw landing tables (SPEC §5).

The landing Parquet is the contract between ingest and dbt: column names keep the
standard's own spelling, and every table carries `_record_id`, `_source` and
`_ingested_at`. Writers always pass these schemas so that an all-null batch still lands
with the right types and Spark reads the same files as DuckDB.
"""

from __future__ import annotations

import pyarrow as pa

LINEAGE_FIELDS = [
    pa.field("_record_id", pa.string(), nullable=False),
    pa.field("_source", pa.string(), nullable=False),
    pa.field("_ingested_at", pa.timestamp("us", tz="UTC"), nullable=False),
]

# Header attributes landed as DICOM strings exactly as the file holds them
# (multi-valued ones joined by the standard's backslash).
DICOM_TEXT_ATTRIBUTES = [
    "SOPClassUID",
    "SOPInstanceUID",
    "SeriesInstanceUID",
    "StudyInstanceUID",
    "IssuerOfPatientID",
    "PatientSex",
    "StudyDate",
    "StudyTime",
    "SeriesDate",
    "SeriesTime",
    "AcquisitionDateTime",
    "Modality",
    "BodyPartExamined",
    "StudyDescription",
    "SeriesDescription",
    "ProtocolName",
    "InstitutionName",
    "InstitutionalDepartmentName",
    "StationName",
    "Manufacturer",
    "ManufacturerModelName",
    "DeviceSerialNumber",
    "SoftwareVersions",
    "LossyImageCompression",
    "BurnedInAnnotation",
    "ImageType",
    "SpecificCharacterSet",
]
DICOM_INTEGER_ATTRIBUTES = [
    "SeriesNumber",
    "InstanceNumber",
    "Rows",
    "Columns",
    "NumberOfFrames",
    "BitsAllocated",
]
DICOM_DECIMAL_ATTRIBUTES = ["CTDIvol", "ExposureIndex", "KVP", "Exposure"]

DICOM_INSTANCES = pa.schema(
    [
        *LINEAGE_FIELDS,
        pa.field("file_path", pa.string(), nullable=False),
        # Unknown for archives that do not say how large the stored file is (DICOMweb).
        pa.field("file_size_bytes", pa.int64()),
        pa.field("TransferSyntaxUID", pa.string()),
        # Keyed pseudonyms replace identifiers before anything lands (SPEC §5).
        pa.field("PatientPseudonym", pa.string()),
        pa.field("AccessionPseudonym", pa.string()),
        pa.field("PatientAgeAtStudyYears", pa.int32()),
        *(pa.field(name, pa.string()) for name in DICOM_TEXT_ATTRIBUTES),
        *(pa.field(name, pa.int64()) for name in DICOM_INTEGER_ATTRIBUTES),
        *(pa.field(name, pa.float64()) for name in DICOM_DECIMAL_ATTRIBUTES),
        pa.field("MissingRequiredAttributes", pa.list_(pa.string())),
    ]
)

PATIENT_IDENTITY = pa.schema(
    [
        pa.field("PatientPseudonym", pa.string(), nullable=False),
        pa.field("PatientID", pa.string()),
        pa.field("IssuerOfPatientID", pa.string()),
        pa.field("PatientName", pa.string()),
        pa.field("PatientBirthDate", pa.string()),
        pa.field("_source", pa.string(), nullable=False),
        pa.field("_ingested_at", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)

QUARANTINE = pa.schema(
    [
        *LINEAGE_FIELDS,
        # dicom, dicomweb, sr...: one file can land as an instance and fail as a report.
        pa.field("source_kind", pa.string(), nullable=False),
        pa.field("input_locator", pa.string(), nullable=False),
        pa.field("stage", pa.string(), nullable=False),
        pa.field("error_class", pa.string(), nullable=False),
        pa.field("message", pa.string(), nullable=False),
        pa.field("first_seen", pa.timestamp("us", tz="UTC"), nullable=False),
    ]
)

INGEST_MANIFEST = pa.schema(
    [
        *LINEAGE_FIELDS,
        pa.field("source_kind", pa.string(), nullable=False),
        pa.field("input_locator", pa.string(), nullable=False),
        pa.field("size_bytes", pa.int64(), nullable=False),
        pa.field("mtime_ns", pa.int64(), nullable=False),
        # landed | quarantined
        pa.field("outcome", pa.string(), nullable=False),
    ]
)

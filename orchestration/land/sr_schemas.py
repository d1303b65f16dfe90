"""Arrow schemas of the raw structured-report tables (SPEC §5 sr_content_items, and the
tables the template readers derive from them).

Column names follow the standard: DICOM keywords where the attribute has one
(`ConceptNameCodeValue` is the Code Value of the Concept Name Code Sequence), the concept
in CamelCase with its unit where it is an SR concept (`CTDIvolMGy`). A code is three
columns: value, coding scheme designator, meaning. Values are landed in the units named;
a value whose units had to be converted or could not be recognised says so in `Oddities`,
which every table carries: a non-conformance is recorded, never a reason to drop data.

`_record_id` is the document's (its file's) identity, the same as in dicom_instances, on
every row of every SR table: with a position it identifies a row, and the rows of a
document's latest landing are those with its latest `_ingested_at`.
"""

from __future__ import annotations

import pyarrow as pa

from orchestration.land.schemas import LINEAGE_FIELDS


def _code(prefix: str) -> list[pa.Field]:
    return [
        pa.field(f"{prefix}CodeValue", pa.string()),
        pa.field(f"{prefix}CodingSchemeDesignator", pa.string()),
        pa.field(f"{prefix}CodeMeaning", pa.string()),
    ]


# Which document a row belongs to (repeated on every row: tables join without the file).
DOCUMENT_FIELDS = [
    *LINEAGE_FIELDS,
    pa.field("SOPInstanceUID", pa.string(), nullable=False),
    pa.field("StudyInstanceUID", pa.string()),
    pa.field("SOPClassUID", pa.string()),
]
ODDITIES = pa.field("Oddities", pa.list_(pa.string()))

SR_DOCUMENTS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        pa.field("file_path", pa.string(), nullable=False),
        pa.field("SeriesInstanceUID", pa.string()),
        # The root template (Content Template Sequence), e.g. "1500", "10011"; null when absent.
        pa.field("TemplateIdentifier", pa.string()),
        pa.field("MappingResource", pa.string()),
        *_code("ConceptName"),  # the document title
        pa.field("CompletionFlag", pa.string()),
        pa.field("VerificationFlag", pa.string()),
        pa.field("ContentDate", pa.string()),
        pa.field("ContentTime", pa.string()),
        pa.field("ContentItemCount", pa.int64()),
        ODDITIES,
    ]
)

SR_CONTENT_ITEMS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        # Position in the tree: the root is "1", its third child "1.3", and so on.
        pa.field("ContentPosition", pa.string(), nullable=False),
        pa.field("ParentPosition", pa.string()),
        pa.field("ContentDepth", pa.int32(), nullable=False),
        pa.field("RelationshipType", pa.string()),
        pa.field("ValueType", pa.string()),
        pa.field("ItemTemplateIdentifier", pa.string()),
        *_code("ConceptName"),
        pa.field("TextValue", pa.string()),
        pa.field("NumericValue", pa.float64()),
        *_code("MeasurementUnits"),
        *_code("NumericValueQualifier"),
        *_code("ConceptCode"),
        # DATETIME, DATE and TIME values as the file holds them (DT, DA, TM).
        pa.field("DateTimeValue", pa.string()),
        pa.field("UIDValue", pa.string()),
        # PNAME values: a keyed pseudonym, never the name (SPEC §5).
        pa.field("PersonNamePseudonym", pa.string()),
        pa.field("ReferencedSOPClassUID", pa.string()),
        pa.field("ReferencedSOPInstanceUID", pa.string()),
        pa.field("ReferencedFrameNumber", pa.string()),
        pa.field("ReferencedSegmentNumber", pa.string()),
        pa.field("GraphicType", pa.string()),
        pa.field("GraphicData", pa.string()),
        pa.field("ReferencedFrameOfReferenceUID", pa.string()),
        pa.field("ObservationDateTime", pa.string()),
        ODDITIES,
    ]
)

# TID 1500 / 1501: one row per measurement group (a finding), with its observer context.
SR_MEASUREMENT_GROUPS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        pa.field("GroupPosition", pa.string(), nullable=False),
        pa.field("TrackingIdentifier", pa.string()),
        pa.field("TrackingUniqueIdentifier", pa.string()),
        *_code("FindingType"),
        *_code("FindingSite"),
        # PERSON or DEVICE (TID 1002): whether a radiologist or an algorithm reported it.
        pa.field("ObserverType", pa.string()),
        pa.field("ObserverPersonPseudonym", pa.string()),
        pa.field("ObserverDeviceUID", pa.string()),
        pa.field("ObserverDeviceName", pa.string()),
        pa.field("ObserverManufacturer", pa.string()),
        pa.field("ObserverModelName", pa.string()),
        pa.field("AlgorithmName", pa.string()),
        pa.field("AlgorithmVersion", pa.string()),
        pa.field("ObservationDateTime", pa.string()),
        ODDITIES,
    ]
)

# The measurements (NUM) and qualitative evaluations (CODE) of each measurement group.
SR_MEASUREMENTS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        pa.field("GroupPosition", pa.string(), nullable=False),
        pa.field("ContentPosition", pa.string(), nullable=False),
        pa.field("ValueType", pa.string()),
        *_code("ConceptName"),
        pa.field("NumericValue", pa.float64()),
        *_code("MeasurementUnits"),
        *_code("ConceptCode"),
        *_code("Derivation"),
        ODDITIES,
    ]
)

# TID 10011 (CT) and TID 10003 (projection X-ray): one row per irradiation event.
SR_DOSE_EVENTS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        pa.field("TemplateIdentifier", pa.string()),
        pa.field("EventPosition", pa.string(), nullable=False),
        pa.field("IrradiationEventUID", pa.string()),
        pa.field("EventDateTime", pa.string()),
        *_code("IrradiationEventType"),
        *_code("AcquisitionType"),
        pa.field("AcquisitionProtocol", pa.string()),
        *_code("TargetRegion"),
        pa.field("CTDIvolMGy", pa.float64()),
        pa.field("DLPMGyCm", pa.float64()),
        *_code("PhantomType"),
        pa.field("ScanningLengthMm", pa.float64()),
        pa.field("DoseAreaProductGyM2", pa.float64()),
        pa.field("DoseRPGy", pa.float64()),
        pa.field("KVP", pa.float64()),
        pa.field("TubeCurrentMA", pa.float64()),
        pa.field("ExposureTimeMs", pa.float64()),
        pa.field("ExposureUAs", pa.float64()),
        pa.field("DeviceManufacturer", pa.string()),
        pa.field("DeviceModelName", pa.string()),
        pa.field("DeviceSerialNumber", pa.string()),
        ODDITIES,
    ]
)

# TID 10001 / 10011 accumulated dose: one row per dose report.
SR_DOSE_TOTALS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        pa.field("TemplateIdentifier", pa.string()),
        pa.field("TotalNumberOfIrradiationEvents", pa.int64()),
        pa.field("CTDoseLengthProductTotalMGyCm", pa.float64()),
        pa.field("DoseAreaProductTotalGyM2", pa.float64()),
        pa.field("DoseRPTotalGy", pa.float64()),
        pa.field("TotalFluoroTimeS", pa.float64()),
        pa.field("TotalAcquisitionTimeS", pa.float64()),
        pa.field("DeviceManufacturer", pa.string()),
        pa.field("DeviceModelName", pa.string()),
        pa.field("DeviceSerialNumber", pa.string()),
        ODDITIES,
    ]
)

# TID 10021: one row per radiopharmaceutical administration.
SR_RADIOPHARMACEUTICAL_ADMINISTRATIONS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        pa.field("AdministrationPosition", pa.string(), nullable=False),
        *_code("Radiopharmaceutical"),
        *_code("Radionuclide"),
        pa.field("AdministeredActivityMBq", pa.float64()),
        pa.field("StartDateTime", pa.string()),
        pa.field("EndDateTime", pa.string()),
        *_code("RouteOfAdministration"),
        ODDITIES,
    ]
)

# Text reports (Basic, Enhanced, Comprehensive): one row per document, its text in order.
SR_REPORT_TEXTS = pa.schema(
    [
        *DOCUMENT_FIELDS,
        pa.field("ReportText", pa.string()),
        ODDITIES,
    ]
)

SR_TABLES: dict[str, pa.Schema] = {
    "sr_documents": SR_DOCUMENTS,
    "sr_content_items": SR_CONTENT_ITEMS,
    "sr_measurement_groups": SR_MEASUREMENT_GROUPS,
    "sr_measurements": SR_MEASUREMENTS,
    "sr_dose_events": SR_DOSE_EVENTS,
    "sr_dose_totals": SR_DOSE_TOTALS,
    "sr_radiopharmaceutical_administrations": SR_RADIOPHARMACEUTICAL_ADMINISTRATIONS,
    "sr_report_texts": SR_REPORT_TEXTS,
}

"""The DICOM ingest job: one run per source partition, started by the sensor or by hand."""

import dagster as dg

from orchestration.defs.dicom.assets import dicom_files_asset
from orchestration.defs.dicom.partitions import dicom_sources

dicom_ingest = dg.define_asset_job(
    name="dicom_ingest",
    selection=dg.AssetSelection.assets(dicom_files_asset),
    partitions_def=dicom_sources,
    description="Land what is new in one DICOM source (a folder or a DICOMweb archive).",
)

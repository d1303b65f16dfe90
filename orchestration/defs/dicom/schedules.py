"""The DICOM ingest job, one run per source-root partition (started by the sensor or by hand)."""

import dagster as dg

from orchestration.defs.dicom.assets import dicom_files

dicom_ingest = dg.define_asset_job(
    name="dicom_ingest",
    selection=dg.AssetSelection.assets(dicom_files),
    description="Land new and changed DICOM files of one source root; quarantine unreadable ones.",
)

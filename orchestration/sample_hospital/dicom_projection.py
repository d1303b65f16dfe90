"""Projection X-ray IODs: CR, DX and MG (single images) and XA and RF (cine runs).

Series and instance functions follow the contract of dicom_iods: instance functions only
add elements.
"""

from __future__ import annotations

from pydicom import Dataset
from pydicom.sequence import Sequence

from orchestration.sample_hospital.dicom_common import code, code_sequence, dt
from orchestration.sample_hospital.dicom_iods import Slot, acquisition, image_pixel, lossy, multi_frame, region, window


def projection_series(ds: Dataset, slot: Slot) -> None:
    """DX, MG and CR share detector, positioning and presentation attributes."""
    kind = slot.kind
    image_pixel(ds, kind)
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.KVP = 28 if kind.modality == "MG" else 110
    if kind.modality != "MG":
        ds.PatientOrientation = ["L", "F"]
    if kind.modality == "CR":
        ds.ViewPosition = "AP"
        ds.PlateID = slot.study.device.serial
        window(ds, 512, 1024)
        return
    lossy(ds, kind)
    ds.PresentationIntentType = "FOR PRESENTATION"
    ds.PixelIntensityRelationship = "LOG"
    ds.PixelIntensityRelationshipSign = 1
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.RescaleType = "US"
    ds.PresentationLUTShape = "IDENTITY"
    ds.BurnedInAnnotation = "NO"
    ds.DetectorType = "DIRECT" if kind.modality == "MG" else "SCINTILLATOR"
    ds.ImagerPixelSpacing = [0.07, 0.07] if kind.modality == "MG" else [0.139, 0.139]
    ds.AcquisitionContextSequence = Sequence()
    ds.AnatomicRegionSequence = code_sequence(*region(slot.series.body_part))
    window(ds, 2048, 4096)
    if kind.modality == "MG":
        ds.PositionerType = "MAMMOGRAPHIC"
        ds.OrganExposed = "BREAST"
        ds.BreastImplantPresent = "NO"
    else:
        ds.PositionerType = "COLUMN"
        ds.ViewPosition = "PA"
        ds.ViewCodeSequence = code_sequence("399348003", "SCT", "postero-anterior")
        ds.ImageLaterality = slot.series.laterality or "U"


# View codes of CID 4014 (mammography) by series description suffix.
_MG_VIEWS = {
    "CC": ("399162004", "cranio-caudal"),
    "MLO": ("399368009", "medio-lateral oblique"),
}


def projection_instance(ds: Dataset, slot: Slot) -> None:
    acquisition(ds, slot.acquired)
    ds.AcquisitionDateTime = dt(slot.acquired)
    if slot.kind.modality == "MG":
        side = "R" if slot.index % 2 == 0 else "L"
        view = "CC" if slot.index % 4 < 2 else "MLO"
        ds.ImageLaterality = side
        ds.PatientOrientation = ["A", "L" if side == "R" else "R"]
        value, meaning = _MG_VIEWS[view]
        item = code(value, "SCT", meaning)
        item.ViewModifierCodeSequence = Sequence()
        ds.ViewCodeSequence = Sequence([item])


def xray_series(ds: Dataset, slot: Slot) -> None:
    """XA and RF: X-Ray Image, X-Ray Acquisition, positioner and contrast."""
    image_pixel(ds, slot.kind)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "SINGLE PLANE"]
    ds.PatientOrientation = ""
    ds.PixelIntensityRelationship = "LIN"
    ds.KVP = 80
    ds.RadiationSetting = "GR"
    ds.XRayTubeCurrent = 400
    ds.ExposureTime = 8
    ds.Exposure = 3
    ds.ContrastBolusAgent = "IOPAMIDOL 370"
    ds.DistanceSourceToDetector = 1100.0
    ds.LossyImageCompression = "00"
    if slot.kind.modality == "XA":
        ds.PositionerPrimaryAngle = 30.0
        ds.PositionerSecondaryAngle = 20.0
        ds.PositionerMotion = "STATIC"


def xray_instance(ds: Dataset, slot: Slot) -> None:
    acquisition(ds, slot.acquired, slot.index + 1)
    multi_frame(ds, slot.frames, "FrameTime", 66.7)
    ds.CineRate = 15

"""Modality modules of the classic image IODs (one object per image or cine loop).

Each kind has a `series` function (attributes shared by every instance of the series,
added to the template once) and an `instance` function (what differs per instance).
Instance functions only add elements: they never change one their series set, which
is what lets the writer reuse the template's encoded bytes.
The attribute sets are what dciodvfy requires of each IOD, plus the type 3 attributes
real devices of that kind write and Lantern reads (kVp, exposure, CTDIvol, view).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydicom import Dataset
from pydicom.sequence import Sequence
from pydicom.tag import Tag

from orchestration.sample_hospital.dicom_common import code_sequence, da, dt, tm
from orchestration.sample_hospital.image_kinds import ImageKind
from orchestration.sample_hospital.model import SeriesPlan, Study


@dataclass(frozen=True)
class Slot:
    """One instance to write: which study and series, its position, when it was made."""

    study: Study
    series: SeriesPlan
    kind: ImageKind
    index: int
    frames: int
    acquired: datetime


def image_pixel(ds: Dataset, kind: ImageKind) -> None:
    ds.SamplesPerPixel = kind.samples_per_pixel
    ds.PhotometricInterpretation = kind.photometric
    if kind.samples_per_pixel > 1:
        ds.PlanarConfiguration = 0
    ds.Rows = kind.rows
    ds.Columns = kind.columns
    ds.BitsAllocated = kind.bits_allocated
    ds.BitsStored = kind.bits_stored
    ds.HighBit = kind.bits_stored - 1
    ds.PixelRepresentation = 0


def acquisition(ds: Dataset, when: datetime, number: int = 1) -> None:
    ds.AcquisitionNumber = number
    ds.AcquisitionDate = da(when)
    ds.AcquisitionTime = tm(when)


def multi_frame(ds: Dataset, frames: int, pointer: str, frame_time_ms: float) -> None:
    ds.NumberOfFrames = frames
    ds.FrameIncrementPointer = Tag(pointer)
    ds.FrameTime = frame_time_ms


def lossy(ds: Dataset, kind: ImageKind) -> None:
    if kind.encoding == "jpeg":
        ds.LossyImageCompression = "01"
        ds.LossyImageCompressionRatio = kind.compression_ratio
        ds.LossyImageCompressionMethod = "ISO_10918_1"
    else:
        ds.LossyImageCompression = "00"


def window(ds: Dataset, center: int, width: int) -> None:
    ds.WindowCenter = center
    ds.WindowWidth = width


def slice_position(slot: Slot, spacing_mm: float) -> float:
    return round(-slot.index * spacing_mm, 2)


def ct_series(ds: Dataset, slot: Slot) -> None:
    ds.PatientPosition = "HFS"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    ds.KVP = 120
    ds.SliceThickness = 1.0 if "thin" in slot.series.description.lower() else 5.0
    ds.PixelSpacing = [0.703125, 0.703125]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.RescaleIntercept = -1024
    ds.RescaleSlope = 1
    ds.RescaleType = "HU"
    ds.ConvolutionKernel = "STANDARD"
    image_pixel(ds, slot.kind)
    window(ds, 40, 400)
    if slot.study.dose and slot.study.dose.ctdivol_mgy is not None:
        ds.CTDIvol = slot.study.dose.ctdivol_mgy


def ct_instance(ds: Dataset, slot: Slot) -> None:
    z = slice_position(slot, float(ds.SliceThickness))
    ds.ImagePositionPatient = [-180.0, -180.0, z]
    ds.SliceLocation = z
    acquisition(ds, slot.acquired)


def mr_series(ds: Dataset, slot: Slot) -> None:
    ds.PatientPosition = "HFS"
    ds.ImageType = ["ORIGINAL", "PRIMARY", "OTHER"]
    ds.ScanningSequence = "SE"
    ds.SequenceVariant = ["SK", "SP"]
    ds.ScanOptions = ""
    ds.MRAcquisitionType = "2D"
    ds.RepetitionTime = 4000.0
    ds.EchoTime = 90.0
    ds.EchoTrainLength = 16
    ds.MagneticFieldStrength = 3.0 if "3T" in slot.study.device.model else 1.5
    ds.ImagedNucleus = "1H"
    ds.SliceThickness = 4.0
    ds.SpacingBetweenSlices = 4.4
    ds.PixelSpacing = [0.449, 0.449]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    image_pixel(ds, slot.kind)
    window(ds, 600, 1200)


def mr_instance(ds: Dataset, slot: Slot) -> None:
    z = slice_position(slot, 4.4)
    ds.ImagePositionPatient = [-115.0, -115.0, z]
    ds.SliceLocation = z
    acquisition(ds, slot.acquired)


def us_series(ds: Dataset, slot: Slot) -> None:
    image_pixel(ds, slot.kind)
    if slot.kind.key == "us_cine":
        ds.ImageType = ["ORIGINAL", "PRIMARY", "ECHO", "0011"]
        ds.CineRate = 30
    else:
        ds.ImageType = ["ORIGINAL", "PRIMARY", "ABDOMINAL", "0001"]
    ds.PatientOrientation = ""
    lossy(ds, slot.kind)
    ds.TransducerData = "C5-1"


def us_instance(ds: Dataset, slot: Slot) -> None:
    acquisition(ds, slot.acquired)
    if slot.kind.key == "us_cine":
        multi_frame(ds, slot.frames, "FrameTime", 33.3)


def photo_series(ds: Dataset, slot: Slot) -> None:
    """VL photographic (XC) and VL endoscopic (ES): VL Image module."""
    image_pixel(ds, slot.kind)
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.PatientOrientation = ""
    lossy(ds, slot.kind)
    ds.AcquisitionContextSequence = Sequence()
    if slot.series.body_part:
        ds.AnatomicRegionSequence = code_sequence(*region(slot.series.body_part))


def photo_instance(ds: Dataset, slot: Slot) -> None:
    acquisition(ds, slot.acquired)
    ds.AcquisitionDateTime = dt(slot.acquired)


# SNOMED CT codes for AnatomicRegionSequence by BodyPartExamined (PS3.16 Annex L).
REGIONS = {
    "CHEST": ("51185008", "Thorax"),
    "BREAST": ("76752008", "Breast"),
    "ABDOMEN": ("818981001", "Abdomen"),
    "HAND": ("85562004", "Hand"),
    "KNEE": ("72696002", "Knee"),
    "LSPINE": ("122496007", "Lumbar spine"),
    "ANKLE": ("344001", "Ankle"),
    "EYE": ("81745001", "Eye"),
}


def region(body_part: str) -> tuple[str, str, str]:
    value, meaning = REGIONS.get(body_part, REGIONS["CHEST"])
    return value, "SCT", meaning

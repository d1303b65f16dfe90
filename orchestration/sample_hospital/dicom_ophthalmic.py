"""Ophthalmology IODs: fundus photographs (OP) and OCT volumes (OPT).

An OCT macular cube is one enhanced multi-frame object per eye: 128 B-scans of 512
A-scans, 1024 samples deep (Zeiss CIRRUS "Macular Cube 512x128"), one frame per B-scan.
"""

from __future__ import annotations

from pydicom import Dataset
from pydicom.sequence import Sequence
from pydicom.tag import Tag

from orchestration.sample_hospital import ids
from orchestration.sample_hospital.dicom_common import code_sequence, dt
from orchestration.sample_hospital.dicom_enhanced import (
    dimension_organisation,
    enhanced_common,
    frame_content,
    item,
)
from orchestration.sample_hospital.dicom_iods import Slot, acquisition, image_pixel, lossy

EYE = ("81745001", "SCT", "Eye")


def _eye(ds: Dataset, slot: Slot) -> None:
    ds.ImageLaterality = "R" if slot.index % 2 == 0 else "L"
    ds.AnatomicRegionSequence = code_sequence(*EYE)


def _acquisition_parameters(ds: Dataset) -> None:
    ds.HorizontalFieldOfView = 45.0
    ds.EmmetropicMagnification = 1.0
    ds.IntraOcularPressure = 15.0
    ds.PupilDilated = "NO"
    ds.RefractiveStateSequence = Sequence()


def op_series(ds: Dataset, slot: Slot) -> None:
    image_pixel(ds, slot.kind)
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.PatientOrientation = ""
    lossy(ds, slot.kind)
    ds.BurnedInAnnotation = "NO"
    ds.SynchronizationFrameOfReferenceUID = ids.uid(slot.study.study_uid, "synchronization")
    ds.SynchronizationTrigger = "NO TRIGGER"
    ds.AcquisitionTimeSynchronized = "N"
    ds.AcquisitionContextSequence = Sequence()
    ds.PatientEyeMovementCommanded = "NO"
    _acquisition_parameters(ds)
    ds.AcquisitionDeviceTypeCodeSequence = code_sequence("409898007", "SCT", "Fundus Camera")
    ds.IlluminationTypeCodeSequence = Sequence()
    ds.LightPathFilterTypeStackCodeSequence = Sequence()
    ds.ImagePathFilterTypeStackCodeSequence = Sequence()
    ds.LensesCodeSequence = Sequence()
    ds.DetectorType = "CCD"
    ds.PixelSpacing = [0.0039, 0.0039]


def op_instance(ds: Dataset, slot: Slot) -> None:
    acquisition(ds, slot.acquired)
    ds.AcquisitionDateTime = dt(slot.acquired)
    ds.NumberOfFrames = 1
    ds.FrameIncrementPointer = Tag("FrameTime")
    ds.FrameTime = 0
    _eye(ds, slot)


def opt_series(ds: Dataset, slot: Slot) -> None:
    image_pixel(ds, slot.kind)
    enhanced_common(ds, slot)
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.PresentationLUTShape = "IDENTITY"
    ds.AcquisitionDuration = 1.5
    ds.AxialLengthOfTheEye = 23.5
    _acquisition_parameters(ds)
    ds.AcquisitionDeviceTypeCodeSequence = code_sequence("392012008", "SCT", "Optical Coherence Tomography Scanner")
    ds.LightPathFilterTypeStackCodeSequence = Sequence()
    ds.DetectorType = "CCD"
    ds.IlluminationWaveLength = 840.0
    ds.IlluminationPower = 0.75
    ds.IlluminationBandwidth = 50.0
    ds.DepthSpatialResolution = 5.0
    ds.MaximumDepthDistortion = 1.0
    ds.AlongScanSpatialResolution = 15.0
    ds.MaximumAlongScanDistortion = 1.0
    ds.AcrossScanSpatialResolution = 15.0
    ds.MaximumAcrossScanDistortion = 1.0
    dimension_organisation(ds, slot.series.uid, [("InStackPositionNumber", "FrameContentSequence", "B-scan")])
    ds.NumberOfFrames = slot.frames
    ds.PerFrameFunctionalGroupsSequence = Sequence(
        item(
            FrameContentSequence=Sequence([frame_content(slot, frame)]),
            PlanePositionSequence=Sequence([item(ImagePositionPatient=[-3.0, -3.0 + frame * 0.047, 0.0])]),
        )
        for frame in range(slot.frames)
    )


def opt_instance(ds: Dataset, slot: Slot) -> None:
    ds.AcquisitionNumber = 1
    ds.AcquisitionDateTime = dt(slot.acquired)
    # C.8.17.7 fixes these to 0/1/1 (an OPT volume is never split); dciodvfy's
    # Multi-frame Functional Groups check reports them because no Concatenation UID
    # is present. Real devices (e.g. Zeiss CIRRUS) write them this way too.
    ds.ConcatenationFrameOffsetNumber = 0
    ds.InConcatenationNumber = 1
    ds.InConcatenationTotalNumber = 1
    _eye(ds, slot)
    anatomy = item(AnatomicRegionSequence=code_sequence(*EYE), FrameLaterality=ds.ImageLaterality)
    shared = item(
        FrameAnatomySequence=Sequence([anatomy]),
        PixelMeasuresSequence=Sequence([item(PixelSpacing=[0.002, 0.0117], SliceThickness=0.047)]),
        PlaneOrientationSequence=Sequence([item(ImageOrientationPatient=[1, 0, 0, 0, 0, -1])]),
    )
    ds.SharedFunctionalGroupsSequence = Sequence([shared])

"""Enhanced multi-frame IODs with functional groups: breast tomosynthesis, whole slide.

A whole-slide series is one slide's pyramid (base level, three 4x reductions, then the
label and overview images), tiled 256 x 256 and organised TILED_FULL, as the DICOM WSI
supplement (Sup 145) and most scanners write it, so no per-frame groups are needed.
"""

from __future__ import annotations

import math
from functools import cache
from importlib import resources

from pydicom import Dataset
from pydicom.sequence import Sequence
from pydicom.tag import Tag

from orchestration.sample_hospital import ids
from orchestration.sample_hospital.dicom_common import code, code_sequence, dt
from orchestration.sample_hospital.dicom_iods import Slot, image_pixel

TILE = 256
# Base level at 20x (0.5 µm per pixel); each further level is a 4x reduction.
BASE_SPACING_MM = 0.0005
PYRAMID_LEVELS = 4
LABEL_PIXELS = (600, 600)
OVERVIEW_PIXELS = (800, 2200)


@cache
def srgb_profile() -> bytes:
    """The sRGB ICC profile highdicom ships, required for colour WSI optical paths."""
    path = resources.files("highdicom") / "_icc_profiles" / "sRGB_v4_ICC_preference.icc"
    return path.read_bytes()


def item(**attributes) -> Dataset:
    """A sequence item with the given attributes (keyword=value)."""
    dataset = Dataset()
    for keyword, value in attributes.items():
        setattr(dataset, keyword, value)
    return dataset


def enhanced_common(ds: Dataset, slot: Slot) -> None:
    ds.ContentQualification = "PRODUCT"
    ds.BurnedInAnnotation = "NO"
    ds.LossyImageCompression = "00"
    ds.AcquisitionContextSequence = Sequence()


def dimension_organisation(ds: Dataset, seed: str, pointers: list[tuple[str, str, str]]) -> None:
    organisation = ids.uid(seed, "dimension-organisation")
    ds.DimensionOrganizationSequence = Sequence([item(DimensionOrganizationUID=organisation)])
    ds.DimensionIndexSequence = Sequence(
        item(
            DimensionOrganizationUID=organisation,
            DimensionIndexPointer=Tag(index),
            FunctionalGroupPointer=Tag(group),
            DimensionDescriptionLabel=label,
        )
        for index, group, label in pointers
    )


def sm_geometry(slot: Slot) -> tuple[int, int, str]:
    """(total columns, total rows, image flavour) of this instance of the slide pyramid."""
    draw = ids.rng(slot.series.uid, "slide-size")
    base_cols = int(draw.integers(20_000, 36_000))
    base_rows = int(draw.integers(16_000, 30_000))
    if slot.index < PYRAMID_LEVELS:
        factor = 4**slot.index
        return math.ceil(base_cols / factor), math.ceil(base_rows / factor), "VOLUME"
    if slot.index == PYRAMID_LEVELS:
        return *LABEL_PIXELS, "LABEL"
    return *OVERVIEW_PIXELS, "OVERVIEW"


def sm_series(ds: Dataset, slot: Slot) -> None:
    ds.PositionReferenceIndicator = "SLIDE_CORNER"
    enhanced_common(ds, slot)
    ds.AcquisitionDateTime = dt(slot.acquired)
    ds.AcquisitionDuration = 90.0
    ds.VolumetricProperties = "VOLUME"
    ds.FocusMethod = "AUTO"
    ds.ExtendedDepthOfField = "NO"
    ds.ImageOrientationSlide = [0, -1, 0, -1, 0, 0]
    ds.DimensionOrganizationType = "TILED_FULL"
    ds.TotalPixelMatrixFocalPlanes = 1
    ds.NumberOfOpticalPaths = 1
    path = item(
        OpticalPathIdentifier="1",
        IlluminationTypeCodeSequence=code_sequence("111744", "DCM", "Brightfield illumination"),
        IlluminationColorCodeSequence=code_sequence("414298005", "SCT", "Full Spectrum"),
        ICCProfile=srgb_profile(),
    )
    ds.OpticalPathSequence = Sequence([path])
    slide = f"{slot.study.accession}-{slot.series.number}"
    ds.ContainerIdentifier = slide
    ds.IssuerOfTheContainerIdentifierSequence = Sequence()
    ds.ContainerTypeCodeSequence = code_sequence("433466003", "SCT", "Microscope slide")
    specimen = item(
        SpecimenIdentifier=slide,
        SpecimenUID=ids.uid(slot.series.uid, "specimen"),
        IssuerOfTheSpecimenIdentifierSequence=Sequence(),
        SpecimenPreparationSequence=Sequence(),
    )
    ds.SpecimenDescriptionSequence = Sequence([specimen])
    dimension_organisation(
        ds,
        slot.series.uid,
        [
            ("RowPositionInTotalImagePixelMatrix", "PlanePositionSlideSequence", "Row"),
            ("ColumnPositionInTotalImagePixelMatrix", "PlanePositionSlideSequence", "Column"),
        ],
    )


def sm_instance(ds: Dataset, slot: Slot) -> None:
    columns, rows, flavour = sm_geometry(slot)
    level = min(slot.index, PYRAMID_LEVELS - 1) if flavour == "VOLUME" else 0
    original = "ORIGINAL" if slot.index == 0 or flavour != "VOLUME" else "DERIVED"
    image_type = [original, "PRIMARY", flavour, "NONE" if original == "ORIGINAL" else "RESAMPLED"]
    ds.ImageType = image_type
    ds.SpecimenLabelInImage = "YES" if flavour in ("LABEL", "OVERVIEW") else "NO"
    if flavour == "LABEL":
        ds.BarcodeValue = ds.ContainerIdentifier
        ds.LabelText = f"{slot.study.institution.key} {ds.ContainerIdentifier} H&E"
    spacing = BASE_SPACING_MM * 4**level
    image_pixel(ds, slot.kind)
    if flavour == "VOLUME":
        ds.Rows = ds.Columns = TILE
        frames = math.ceil(columns / TILE) * math.ceil(rows / TILE)
    else:
        ds.Rows, ds.Columns = rows, columns
        spacing = 25.0 / columns
        frames = 1
    ds.NumberOfFrames = frames
    ds.TotalPixelMatrixColumns = columns
    ds.TotalPixelMatrixRows = rows
    ds.ImagedVolumeWidth = round(columns * spacing, 4)
    ds.ImagedVolumeHeight = round(rows * spacing, 4)
    ds.ImagedVolumeDepth = 0.004
    ds.TotalPixelMatrixOriginSequence = Sequence(
        [item(XOffsetInSlideCoordinateSystem=20.0, YOffsetInSlideCoordinateSystem=40.0)]
    )
    measures = item(PixelSpacing=[round(spacing, 6)] * 2, SliceThickness=0.004)
    shared = item(
        PixelMeasuresSequence=Sequence([measures]),
        WholeSlideMicroscopyImageFrameTypeSequence=Sequence([item(FrameType=image_type)]),
        OpticalPathIdentificationSequence=Sequence([item(OpticalPathIdentifier="1")]),
    )
    ds.SharedFunctionalGroupsSequence = Sequence([shared])


def bto_series(ds: Dataset, slot: Slot) -> None:
    image_pixel(ds, slot.kind)
    enhanced_common(ds, slot)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "TOMOSYNTHESIS", "NONE"]
    ds.PresentationLUTShape = "IDENTITY"
    ds.PixelPresentation = "MONOCHROME"
    ds.VolumetricProperties = "VOLUME"
    ds.VolumeBasedCalculationTechnique = "NONE"
    ds.BreastImplantPresent = "NO"
    dimension_organisation(
        ds,
        slot.series.uid,
        [
            ("InStackPositionNumber", "FrameContentSequence", "Slice"),
        ],
    )
    ds.NumberOfFrames = slot.frames
    frame_type = item(
        FrameType=["ORIGINAL", "PRIMARY", "TOMOSYNTHESIS", "NONE"],
        PixelPresentation="MONOCHROME",
        VolumetricProperties="VOLUME",
        VolumeBasedCalculationTechnique="NONE",
    )
    ds.PerFrameFunctionalGroupsSequence = Sequence(
        item(
            FrameContentSequence=Sequence([frame_content(slot, frame)]),
            PlanePositionSequence=Sequence([item(ImagePositionPatient=[0.0, 0.0, float(frame)])]),
            XRay3DFrameTypeSequence=Sequence([frame_type]),
        )
        for frame in range(slot.frames)
    )


def bto_instance(ds: Dataset, slot: Slot) -> None:
    side = "R" if slot.index % 2 == 0 else "L"
    view, meaning = ("399162004", "cranio-caudal")
    if slot.index % 4 >= 2:
        view, meaning = ("399368009", "medio-lateral oblique")
    view_item = code(view, "SCT", meaning)
    view_item.ViewModifierCodeSequence = Sequence()
    ds.ViewCodeSequence = Sequence([view_item])
    orientation = [1, 0, 0, 0, 1, 0]
    anatomy = item(
        AnatomicRegionSequence=code_sequence("76752008", "SCT", "Breast"),
        FrameLaterality=side,
    )
    shared = item(
        PixelMeasuresSequence=Sequence([item(PixelSpacing=[0.1, 0.1], SliceThickness=1.0)]),
        PlaneOrientationSequence=Sequence([item(ImageOrientationPatient=orientation)]),
        FrameAnatomySequence=Sequence([anatomy]),
        FrameVOILUTSequence=Sequence([item(WindowCenter=512, WindowWidth=1024)]),
        PixelValueTransformationSequence=Sequence([item(RescaleIntercept=0, RescaleSlope=1, RescaleType="US")]),
    )
    ds.SharedFunctionalGroupsSequence = Sequence([shared])


def frame_content(slot: Slot, frame: int) -> Dataset:
    """Frame Content macro of one frame of a stack acquired at once."""
    acquired = dt(slot.acquired)
    return item(
        FrameReferenceDateTime=acquired,
        FrameAcquisitionDateTime=acquired,
        FrameAcquisitionDuration=10.0,
        StackID="1",
        InStackPositionNumber=frame + 1,
        DimensionIndexValues=[frame + 1],
    )

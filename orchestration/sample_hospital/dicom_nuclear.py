"""Nuclear medicine IODs: NM whole-body bone scans and PET slices.

Series and instance functions follow the contract of dicom_iods: instance functions only
add elements.
"""

from __future__ import annotations

from pydicom import Dataset
from pydicom.sequence import Sequence
from pydicom.tag import Tag

from orchestration.sample_hospital.dicom_common import code_sequence, dt
from orchestration.sample_hospital.dicom_iods import Slot, acquisition, image_pixel, slice_position


def nm_series(ds: Dataset, slot: Slot) -> None:
    image_pixel(ds, slot.kind)
    ds.ImageType = ["ORIGINAL", "PRIMARY", "WHOLE BODY", "EMISSION"]
    ds.PixelSpacing = [2.21, 2.21]
    ds.NumberOfEnergyWindows = 1
    ds.NumberOfDetectors = 2
    ds.ScanVelocity = 15.0
    ds.ScanLength = 2000
    ds.CountsAccumulated = 2_500_000
    ds.PatientOrientationCodeSequence = code_sequence("F-10450", "99SDM", "recumbent")
    ds.PatientGantryRelationshipCodeSequence = code_sequence("F-10470", "99SDM", "headfirst")
    window_item = Dataset()
    window_item.EnergyWindowRangeSequence = Sequence([_energy_window(126.45, 154.55)])
    window_item.EnergyWindowName = "Tc99m"
    ds.EnergyWindowInformationSequence = Sequence([window_item])
    drug = Dataset()
    drug.Radiopharmaceutical = "Tc-99m MDP"
    drug.RadionuclideCodeSequence = code_sequence("C-163A8", "SRT", "^99m^Technetium")
    drug.RadionuclideTotalDose = 740.0
    ds.RadiopharmaceuticalInformationSequence = Sequence([drug])
    ds.DetectorInformationSequence = Sequence([_detector(), _detector()])


def _energy_window(lower: float, upper: float) -> Dataset:
    item = Dataset()
    item.EnergyWindowLowerLimit = lower
    item.EnergyWindowUpperLimit = upper
    return item


def _detector() -> Dataset:
    item = Dataset()
    item.CollimatorType = "PARA"
    item.ImagePositionPatient = [0.0, 0.0, 0.0]
    item.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    return item


def nm_instance(ds: Dataset, slot: Slot) -> None:
    acquisition(ds, slot.acquired)
    ds.NumberOfFrames = 2
    ds.FrameIncrementPointer = [Tag("EnergyWindowVector"), Tag("DetectorVector")]
    ds.EnergyWindowVector = [1, 1]
    ds.DetectorVector = [1, 2]
    ds.ActualFrameDuration = 1200000


def pt_series(ds: Dataset, slot: Slot) -> None:
    image_pixel(ds, slot.kind)
    ds.CollimatorType = "NONE"
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.Units = "BQML"
    ds.CountsSource = "EMISSION"
    ds.SeriesType = ["WHOLE BODY", "IMAGE"]
    ds.NumberOfSlices = slot.series.instances
    ds.CorrectedImage = ["DECY", "ATTN", "SCAT", "DTIM"]
    ds.DecayCorrection = "START"
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.SliceThickness = 3.27
    ds.PixelSpacing = [3.65, 3.65]
    ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
    ds.PatientOrientationCodeSequence = code_sequence("F-10450", "99SDM", "recumbent")
    ds.PatientGantryRelationshipCodeSequence = code_sequence("F-10470", "99SDM", "headfirst")
    drug = Dataset()
    drug.Radiopharmaceutical = "Fluorodeoxyglucose"
    drug.RadiopharmaceuticalStartDateTime = dt(slot.study.exam_start)
    drug.RadionuclideTotalDose = 3.5e8
    drug.RadionuclideHalfLife = 6586.2
    drug.RadionuclideCodeSequence = code_sequence("C-111A1", "SRT", "^18^Fluorine")
    ds.RadiopharmaceuticalInformationSequence = Sequence([drug])


def pt_instance(ds: Dataset, slot: Slot) -> None:
    z = slice_position(slot, 3.27)
    ds.ImagePositionPatient = [-350.0, -350.0, z]
    ds.SliceLocation = z
    acquisition(ds, slot.acquired)
    ds.ImageIndex = slot.index + 1
    ds.FrameReferenceTime = 0
    ds.ActualFrameDuration = 120000
    ds.DecayFactor = 1.0

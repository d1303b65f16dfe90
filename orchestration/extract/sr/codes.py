"""The coded concepts the template readers look for (DICOM PS3.16), as named constants.

A concept matches on code value and coding scheme, never on meaning: devices spell meanings
their own way ("X-Ray" and "X-ray", "Dose(RP)"). SNOMED concepts carry their retired
SNOMED-RT (`SRT`) code as an alias: most devices in the field still write those, while
current editions of the standard and highdicom write `SCT`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Code(NamedTuple):
    """A coded entry as the file holds it; any part may be missing in a non-conformant file."""

    value: str | None
    scheme: str | None
    meaning: str | None


@dataclass(frozen=True)
class Concept:
    code: Code
    aliases: tuple[Code, ...] = ()

    def matches(self, code: Code | None) -> bool:
        if code is None:
            return False
        return any(code.value == known.value and code.scheme == known.scheme for known in (self.code, *self.aliases))


def dcm(value: str, meaning: str) -> Concept:
    return Concept(Code(value, "DCM", meaning))


def sct(value: str, srt_value: str, meaning: str) -> Concept:
    return Concept(Code(value, "SCT", meaning), (Code(srt_value, "SRT", meaning),))


# TID 1002 Observer Context, TID 1003 Person Observer Identifying Attributes,
# TID 1004 Device Observer Identifying Attributes; values of CID 270 Observer Type.
OBSERVER_TYPE = dcm("121005", "Observer Type")
PERSON = dcm("121006", "Person")
DEVICE = dcm("121007", "Device")
PERSON_OBSERVER_NAME = dcm("121008", "Person Observer Name")
DEVICE_OBSERVER_UID = dcm("121012", "Device Observer UID")
DEVICE_OBSERVER_NAME = dcm("121013", "Device Observer Name")
DEVICE_OBSERVER_MANUFACTURER = dcm("121014", "Device Observer Manufacturer")
DEVICE_OBSERVER_MODEL_NAME = dcm("121015", "Device Observer Model Name")
DEVICE_OBSERVER_SERIAL_NUMBER = dcm("121016", "Device Observer Serial Number")

# Concepts whose values name or identify people even when a device writes them as TEXT:
# TID 1003 (observer name, login), TID 1020 Person Participant (name, ID), TID 10002
# (calibration responsible party), TID 1007 Subject Context, Patient (subject name).
PERSON_NAME_CONCEPTS = (
    PERSON_OBSERVER_NAME,
    dcm("128774", "Person Observer's Login Name"),
    dcm("113870", "Person Name"),
    dcm("113871", "Person ID"),
    dcm("113724", "Calibration Responsible Party"),
    dcm("121029", "Subject Name"),
)
# TID 1007 identifiers of the patient that no pseudonym of a person may stand for: withheld.
PATIENT_IDENTIFIER_CONCEPTS = (
    dcm("121030", "Subject ID"),
    dcm("121031", "Subject Birth Date"),
)

# TID 4019 Algorithm Identification.
ALGORITHM_NAME = dcm("111001", "Algorithm Name")
ALGORITHM_VERSION = dcm("111003", "Algorithm Version")

# TID 1500 Measurement Report, TID 1501/1410/1411 measurement groups, TID 300 Measurement.
IMAGING_MEASUREMENT_REPORT = dcm("126000", "Imaging Measurement Report")
MEASUREMENT_GROUP = dcm("125007", "Measurement Group")
TRACKING_IDENTIFIER = dcm("112039", "Tracking Identifier")
TRACKING_UNIQUE_IDENTIFIER = dcm("112040", "Tracking Unique Identifier")
FINDING = dcm("121071", "Finding")
FINDING_SITE = sct("363698007", "G-C0E3", "Finding Site")
DERIVATION = dcm("121401", "Derivation")

# TID 10001 Projection X-Ray Radiation Dose and TID 10011 CT Radiation Dose (shared root).
XRAY_RADIATION_DOSE_REPORT = dcm("113701", "X-Ray Radiation Dose Report")
IRRADIATION_EVENT_UID = dcm("113769", "Irradiation Event UID")
ACQUISITION_PROTOCOL = dcm("125203", "Acquisition Protocol")
TARGET_REGION = dcm("123014", "Target Region")
# TID 10003 row 8: mammography RDSRs name the target region with this concept instead.
ANATOMICAL_STRUCTURE = sct("91723000", "T-D0005", "Anatomical structure")
KVP = dcm("113733", "KVP")
XRAY_TUBE_CURRENT = dcm("113734", "X-Ray Tube Current")
DEVICE_ROLE_IN_PROCEDURE = dcm("113876", "Device Role in Procedure")
DEVICE_MANUFACTURER = dcm("113878", "Device Manufacturer")
DEVICE_MODEL_NAME = dcm("113879", "Device Model Name")
DEVICE_SERIAL_NUMBER = dcm("113880", "Device Serial Number")
DATETIME_STARTED = dcm("111526", "DateTime Started")
# (113735, DCM) is the retired code for the same concept (PS3.16 Annex D), still written by older devices.
EXPOSURE_TIME = Concept(Code("113824", "DCM", "Exposure Time"), (Code("113735", "DCM", "Exposure Time"),))

# TID 10011 CT Radiation Dose, TID 10012 CT Accumulated Dose Data, TID 10013 CT Irradiation
# Event Data, TID 10014 Scanning Length.
CT_ACCUMULATED_DOSE_DATA = dcm("113811", "CT Accumulated Dose Data")
TOTAL_NUMBER_OF_IRRADIATION_EVENTS = dcm("113812", "Total Number of Irradiation Events")
CT_DOSE_LENGTH_PRODUCT_TOTAL = dcm("113813", "CT Dose Length Product Total")
CT_ACQUISITION = dcm("113819", "CT Acquisition")
CT_ACQUISITION_TYPE = dcm("113820", "CT Acquisition Type")
SCANNING_LENGTH = dcm("113825", "Scanning Length")
CT_XRAY_SOURCE_PARAMETERS = dcm("113831", "CT X-Ray Source Parameters")
MEAN_CTDIVOL = dcm("113830", "Mean CTDIvol")
CTDIW_PHANTOM_TYPE = dcm("113835", "CTDIw Phantom Type")
DLP = dcm("113838", "DLP")

# TID 10002 Accumulated X-Ray Dose Data, TID 10003 Irradiation Event X-Ray Data,
# TID 10003B Irradiation Event X-Ray Source Data.
ACCUMULATED_XRAY_DOSE_DATA = dcm("113702", "Accumulated X-Ray Dose Data")
IRRADIATION_EVENT_XRAY_DATA = dcm("113706", "Irradiation Event X-Ray Data")
IRRADIATION_EVENT_TYPE = dcm("113721", "Irradiation Event Type")
DOSE_AREA_PRODUCT_TOTAL = dcm("113722", "Dose Area Product Total")
DOSE_RP_TOTAL = dcm("113725", "Dose (RP) Total")
TOTAL_FLUORO_TIME = dcm("113730", "Total Fluoro Time")
TOTAL_ACQUISITION_TIME = dcm("113855", "Total Acquisition Time")
DOSE_AREA_PRODUCT = dcm("122130", "Dose Area Product")
DOSE_RP = dcm("113738", "Dose (RP)")
EXPOSURE = dcm("113736", "Exposure")
AVERAGE_XRAY_TUBE_CURRENT = dcm("113767", "Average X-Ray Tube Current")

# TID 10021 Radiopharmaceutical Radiation Dose, TID 10022 Radiopharmaceutical Administration.
RADIOPHARMACEUTICAL_RADIATION_DOSE_REPORT = dcm("113500", "Radiopharmaceutical Radiation Dose Report")
RADIOPHARMACEUTICAL_ADMINISTRATION = dcm("113502", "Radiopharmaceutical Administration")
RADIOPHARMACEUTICAL_AGENT = sct("349358000", "F-61FDB", "Radiopharmaceutical agent")
RADIONUCLIDE = sct("89457008", "C-10072", "Radionuclide")
ADMINISTERED_ACTIVITY = dcm("113507", "Administered activity")
RADIOPHARMACEUTICAL_START_DATETIME = dcm("123003", "Radiopharmaceutical Start DateTime")
RADIOPHARMACEUTICAL_STOP_DATETIME = dcm("123004", "Radiopharmaceutical Stop DateTime")
ROUTE_OF_ADMINISTRATION = sct("410675002", "G-C340", "Route of administration")

# Units (UCUM, the coding scheme PS3.16 CID 82 draws on) in which the derived tables land.
UCUM = "UCUM"

"""The AI algorithms the enterprise runs, and how well they perform.

Each algorithm is a device observer (TID 1004) identified by UID, name, manufacturer,
model and serial number, and names itself in every measurement group (TID 4019
Algorithm Identification: name and version). The products are fictitious; their
figures are of the order published for their kind of product (see docs/generator.md):

- NoduleFinder: lung nodule detection and diameter on chest CT. Study-level sensitivity
  0.90 and specificity 0.80 (nodule CAD marks about one false positive per scan).
- BleedAlert: intracranial hemorrhage triage and volume on non-contrast head CT;
  version 4.1.0 at about the figures of a clinical deployment (sensitivity 0.87,
  specificity 0.978: Seyam et al., Radiology: Artificial Intelligence 2022), then 4.2.0
  from July 2025 with better sensitivity, so monitoring sees a version change.
- ChestFlag PTX: pneumothorax triage on chest radiographs, with the interpleural
  distance at the hilum (the British Thoracic Society's size measure).

Prevalences are the radiologist's positive rate among eligible studies: half of
screening CTs and 15 % of diagnostic chest CTs have a nodule worth measuring (the
generator's earlier assumption), 8 % of head CTs an intracranial hemorrhage (Seyam et
al.), 2 % of departmental and 6 % of portable (inpatient, often post-procedural) chest
radiographs a pneumothorax (assumptions).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pydicom.sr.coding import Code

from orchestration.sample_hospital import ids, sr_codes
from orchestration.sample_hospital.reference import LogNormal


@dataclass(frozen=True)
class Release:
    version: str
    released_on: date
    # Study-level performance against the radiologist's final coded finding.
    sensitivity: float
    specificity: float


@dataclass(frozen=True)
class Measure:
    """The one numeric measurement a finding carries, and the values it takes."""

    concept: Code
    unit: Code
    # Uniform range of the radiologist's value when the finding is present, and of the
    # AI's value on a false positive (what fools an algorithm is small or faint).
    present_range: tuple[float, float]
    false_positive_range: tuple[float, float]


@dataclass(frozen=True)
class Algorithm:
    key: str
    name: str
    manufacturer: str
    model: str
    serial: str
    # Device Observer Name (TID 1004), also written as the SR's StationName.
    station: str
    finding: Code
    site: Code
    measure: Measure
    procedure_reported: Code
    # Radiologist-positive share of eligible studies, by protocol key (the protocols it runs on).
    prevalence: dict[str, float]
    # Share of eligible studies the AI platform processes (the rest fail its series
    # selection or arrive while it is down).
    coverage: float
    # Exam end to result available.
    processing: LogNormal
    # The actionable category it flags a positive result with (triage algorithms), or None.
    critical: Code | None
    # "planar" (one region on one image) or "volumetric" (regions on adjacent slices).
    roi: str
    releases: tuple[Release, ...]

    @property
    def device_uid(self) -> str:
        return ids.uid("ai-device", self.key)

    def release_on(self, day: date) -> Release | None:
        """The version installed on `day` (None before the first release)."""
        live = [r for r in self.releases if r.released_on <= day]
        return live[-1] if live else None


ALGORITHMS = (
    Algorithm(
        key="lung_nodule",
        name="NoduleFinder",
        manufacturer="Northgate AI Lab",
        model="NoduleFinder",
        serial="NAI-0001",
        station="AINODULE",
        finding=sr_codes.NODULE,
        site=sr_codes.LUNG,
        measure=Measure(sr_codes.DIAMETER, sr_codes.MILLIMETER, (4.0, 22.0), (3.0, 7.0)),
        procedure_reported=sr_codes.CT_UNSPECIFIED_BODY_REGION,
        prevalence={"ct_ldct": 0.5, "ct_chest": 0.15},
        coverage=0.92,
        processing=LogNormal(9, 0.4),
        critical=None,
        roi="planar",
        releases=(Release("2.3.1", date(2024, 9, 2), 0.90, 0.80),),
    ),
    Algorithm(
        key="intracranial_hemorrhage",
        name="BleedAlert",
        manufacturer="Cerebra Imaging",
        model="BleedAlert CT",
        serial="CBA-20417",
        station="AIBLEED",
        finding=sr_codes.INTRACRANIAL_HEMORRHAGE,
        site=sr_codes.BRAIN,
        measure=Measure(sr_codes.VOLUME, sr_codes.MILLILITER, (1.0, 60.0), (0.2, 3.0)),
        procedure_reported=sr_codes.CT_UNSPECIFIED_BODY_REGION,
        prevalence={"ct_head": 0.08},
        coverage=0.96,
        processing=LogNormal(4, 0.4),
        critical=sr_codes.ACR_CATEGORY_1,
        roi="volumetric",
        releases=(
            Release("4.1.0", date(2024, 11, 4), 0.87, 0.978),
            Release("4.2.0", date(2025, 7, 1), 0.91, 0.98),
        ),
    ),
    Algorithm(
        key="pneumothorax",
        name="ChestFlag PTX",
        manufacturer="Pleura Analytics",
        model="ChestFlag",
        serial="PA-3391",
        station="AIPTX",
        finding=sr_codes.PNEUMOTHORAX,
        site=sr_codes.PLEURA,
        measure=Measure(sr_codes.DISTANCE, sr_codes.CENTIMETER, (0.5, 4.5), (0.3, 1.2)),
        procedure_reported=sr_codes.XR_UNSPECIFIED_BODY_REGION,
        prevalence={"xr_chest": 0.02, "cr_chest_portable": 0.06},
        coverage=0.93,
        processing=LogNormal(2, 0.4),
        critical=sr_codes.ACR_CATEGORY_2,
        roi="planar",
        releases=(Release("1.8.2", date(2024, 6, 3), 0.88, 0.96),),
    ),
)
BY_KEY = {a.key: a for a in ALGORITHMS}

# Spread of the AI's measurement around the radiologist's (sigma of the log ratio):
# automated and manual diameters and volumes differ by about 10-15 %.
MEASUREMENT_SIGMA = 0.12
# Share of eligible, finally reported studies whose radiologist also signs the coded
# findings template (the rest report in free text only): an assumption for a department
# that offers templates for these exams.
CODED_REPORT_RATE = 0.85
# The reporting system archives the coded report this many seconds after signing.
CODED_REPORT_DELAY_SECONDS = (30, 180)
# A study the AI flags jumps the worklist: its first read follows the flag after this
# delay (the effect reported by Arbabshirani et al., npj Digital Medicine 2018, and
# O'Neill et al., Radiology: Artificial Intelligence 2021).
FLAGGED_READ = LogNormal(12, 0.6)
# Out of hours a resident makes that first read; the on-call consultant then verifies a
# flagged critical finding rather than leaving it for the morning list (assumption).
FLAGGED_CONSULTANT_REVIEW = LogNormal(45, 0.5)
# Radiologists sign after the AI result is on the worklist: at least this long after it.
READ_AFTER_RESULT_SECONDS = (60, 300)
# Floors, as for defects: every scale has each agreement outcome and each reporting state.
MINIMUM_POSITIVES = 2

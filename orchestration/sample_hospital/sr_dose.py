"""Radiation dose structured reports: TID 10011 (CT) and TID 10001 (projection X-ray).

The content follows what scanners write (compare the OpenREM RDSR samples): device
observer context, irradiation start/end, study scope, accumulated totals and one
event container per acquisition; the events and totals come from `dose_events`.
"""

from __future__ import annotations

from pydicom import Dataset

from orchestration.sample_hospital import dose_events
from orchestration.sample_hospital.dose_events import DoseEvent
from orchestration.sample_hospital.model import Study
from orchestration.sample_hospital.sr_content import (
    coded,
    container,
    datetime_item,
    device_observer,
    num,
    text,
    uidref,
)

XRAY_RADIATION_DOSE_SR = "1.2.840.10008.5.1.4.1.1.88.67"
DOSE_REPORT = ("113701", "DCM", "X-Ray Radiation Dose Report")
PROCEDURE_REPORTED = ("121058", "DCM", "Procedure reported")
HAS_INTENT = ("363703001", "SCT", "Has Intent")
DIAGNOSTIC_INTENT = ("261004008", "SCT", "Diagnostic intent")
CT_PROCEDURE = ("77477000", "SCT", "Computed Tomography X-Ray")
PROJECTION_PROCEDURE = ("113704", "DCM", "Projection X-Ray")
MAMMOGRAPHY_PROCEDURE = ("71651007", "SCT", "Mammography")
IRRADIATION_EVENT_UID = ("113769", "DCM", "Irradiation Event UID")
ACQUISITION_PROTOCOL = ("125203", "DCM", "Acquisition Protocol")
TARGET_REGION = ("123014", "DCM", "Target Region")
ACQUISITION_PLANE = ("113764", "DCM", "Acquisition Plane")
SINGLE_PLANE = ("113622", "DCM", "Single Plane")
# The items that carry the dose values.
CT_ACQUISITION = ("113819", "DCM", "CT Acquisition")
MEAN_CTDIVOL = ("113830", "DCM", "Mean CTDIvol")
DLP = ("113838", "DCM", "DLP")
DLP_TOTAL = ("113813", "DCM", "CT Dose Length Product Total")
PROJECTION_EVENT = ("113706", "DCM", "Irradiation Event X-Ray Data")
DAP = ("122130", "DCM", "Dose Area Product")
DAP_TOTAL = ("113722", "DCM", "Dose Area Product Total")

# Target regions (CID 4031) by the protocol's BodyPartExamined.
REGIONS = {
    "HEAD": ("69536005", "SCT", "Head"),
    "CHEST": ("43799004", "SCT", "Chest"),
    "ABDOMEN": ("818981001", "SCT", "Abdomen"),
    "CHESTABDPELVIS": ("416775004", "SCT", "Chest, Abdomen and Pelvis"),
    "ABDOMENPELVIS": ("416949008", "SCT", "Abdomen and Pelvis"),
    "BREAST": ("76752008", "SCT", "Breast"),
}


def _region(study: Study) -> tuple[str, str, str]:
    return REGIONS.get(study.series[0].body_part, REGIONS["CHEST"])


def _context(study: Study, procedure: tuple[str, str, str]) -> list[Dataset]:
    intent = coded("HAS CONCEPT MOD", HAS_INTENT, DIAGNOSTIC_INTENT)
    scope = coded(
        "HAS OBS CONTEXT",
        ("113705", "DCM", "Scope of Accumulation"),
        ("113014", "DCM", "Study"),
        [uidref("HAS PROPERTIES", ("110180", "DCM", "Study Instance UID"), study.study_uid)],
    )
    return [
        coded("HAS CONCEPT MOD", PROCEDURE_REPORTED, procedure, [intent]),
        *device_observer(study.device),
        datetime_item("HAS OBS CONTEXT", ("113809", "DCM", "Start of X-Ray Irradiation"), study.exam_start),
        datetime_item("HAS OBS CONTEXT", ("113810", "DCM", "End of X-Ray Irradiation"), study.exam_end),
        scope,
    ]


def ct_content(study: Study) -> list[Dataset]:
    summary = dose_events.totals(study)
    totals = container(
        ("113811", "DCM", "CT Accumulated Dose Data"),
        [
            num(
                "CONTAINS", ("113812", "DCM", "Total Number of Irradiation Events"), summary.count, "{events}", "events"
            ),
            num("CONTAINS", DLP_TOTAL, summary.dlp_mgy_cm, "mGy.cm", "mGy.cm"),
        ],
        "CONTAINS",
    )
    events = [_ct_event(study, event) for event in dose_events.ct_events(study)]
    return [*_context(study, CT_PROCEDURE), totals, *events]


def _ct_event(study: Study, event: DoseEvent) -> Dataset:
    phantom = ("113690", "DCM", "IEC Head Dosimetry Phantom")
    if study.series[0].body_part != "HEAD":
        phantom = ("113691", "DCM", "IEC Body Dosimetry Phantom")
    acquisition_type = ("116152004", "SCT", "Spiral Acquisition")
    if event.kind == dose_events.LOCALIZER:
        acquisition_type = ("113805", "DCM", "Constant Angle Acquisition")
    source = container(
        ("113831", "DCM", "CT X-Ray Source Parameters"),
        [
            text("CONTAINS", ("113832", "DCM", "Identification of the X-Ray Source"), "A"),
            num("CONTAINS", ("113733", "DCM", "KVP"), 120, "kV", "kV"),
            num("CONTAINS", ("113833", "DCM", "Maximum X-Ray Tube Current"), 350, "mA", "mA"),
            num("CONTAINS", ("113734", "DCM", "X-Ray Tube Current"), 210, "mA", "mA"),
            num("CONTAINS", ("113834", "DCM", "Exposure Time per Rotation"), 0.5, "s", "s"),
        ],
        "CONTAINS",
    )
    parameters = container(
        ("113822", "DCM", "CT Acquisition Parameters"),
        [
            num("CONTAINS", ("113824", "DCM", "Exposure Time"), 4.2, "s", "s"),
            num("CONTAINS", ("113826", "DCM", "Nominal Single Collimation Width"), 0.6, "mm", "mm"),
            num("CONTAINS", ("113827", "DCM", "Nominal Total Collimation Width"), 38.4, "mm", "mm"),
            num("CONTAINS", ("113823", "DCM", "Number of X-Ray Sources"), 1, "{X-Ray sources}", "X-Ray sources"),
            source,
        ],
        "CONTAINS",
    )
    dose_items = [
        num("CONTAINS", MEAN_CTDIVOL, event.ctdivol_mgy, "mGy", "mGy"),
        coded("CONTAINS", ("113835", "DCM", "CTDIw Phantom Type"), phantom),
        num("CONTAINS", DLP, event.dlp_mgy_cm, "mGy.cm", "mGy.cm"),
    ]
    return container(
        CT_ACQUISITION,
        [
            text("CONTAINS", ACQUISITION_PROTOCOL, event.protocol),
            coded("CONTAINS", TARGET_REGION, _region(study)),
            coded("CONTAINS", ("113820", "DCM", "CT Acquisition Type"), acquisition_type),
            uidref("CONTAINS", IRRADIATION_EVENT_UID, event.uid),
            parameters,
            container(("113829", "DCM", "CT Dose"), dose_items, "CONTAINS"),
        ],
        "CONTAINS",
    )


def projection_content(study: Study) -> list[Dataset]:
    procedure = MAMMOGRAPHY_PROCEDURE if study.device.modality == "MG" else PROJECTION_PROCEDURE
    summary = dose_events.totals(study)
    plane = coded("HAS CONCEPT MOD", ACQUISITION_PLANE, SINGLE_PLANE)
    frames = ("113731", "DCM", "Total Number of Radiographic Frames")
    accumulated = container(
        ("113702", "DCM", "Accumulated X-Ray Dose Data"),
        [
            plane,
            num("CONTAINS", DAP_TOTAL, summary.dap_gy_m2, "Gy.m2", "Gy.m2"),
            num("CONTAINS", frames, summary.count, "{frames}", "frames"),
        ],
        "CONTAINS",
    )
    events = [_projection_event(study, event) for event in dose_events.projection_events(study)]
    return [*_context(study, procedure), accumulated, *events]


def _projection_event(study: Study, event: DoseEvent) -> Dataset:
    return container(
        PROJECTION_EVENT,
        [
            coded("HAS CONCEPT MOD", ACQUISITION_PLANE, SINGLE_PLANE),
            uidref("CONTAINS", IRRADIATION_EVENT_UID, event.uid),
            datetime_item("CONTAINS", ("111526", "DCM", "DateTime Started"), event.started_at),
            coded("CONTAINS", ("113721", "DCM", "Irradiation Event Type"), ("113611", "DCM", "Stationary Acquisition")),
            text("CONTAINS", ACQUISITION_PROTOCOL, event.protocol),
            coded("CONTAINS", TARGET_REGION, _region(study)),
            num("CONTAINS", DAP, event.dap_gy_m2, "Gy.m2", "Gy.m2"),
        ],
        "CONTAINS",
    )

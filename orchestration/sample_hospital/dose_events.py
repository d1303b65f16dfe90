"""The irradiation events and totals a dose SR carries, with its values as written.

The dose SR writer renders these and the ground truth tabulates them, so the truth's
per-event and per-exam numbers are the SR's own (six significant digits, as numeric
content items hold them). CT events are a localizer plus the protocol's helical
acquisitions sharing the exam's DLP; projection events are one per image, sharing the
exam's dose-area product (DAP, written in Gy·m² as TID 10001 specifies).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from orchestration.sample_hospital import ids
from orchestration.sample_hospital.model import Study
from orchestration.sample_hospital.sr_content import significant

CT_TEMPLATE = "10011"
PROJECTION_TEMPLATE = "10001"
LOCALIZER, HELICAL, PROJECTION = "localizer", "helical", "projection"
CM2_PER_M2 = 10_000


@dataclass(frozen=True)
class DoseEvent:
    uid: str
    kind: str
    protocol: str
    # When a projection exposure started (CT events carry no time).
    started_at: datetime | None = None
    ctdivol_mgy: float | None = None
    dlp_mgy_cm: float | None = None
    dap_gy_m2: float | None = None


@dataclass(frozen=True)
class DoseTotals:
    template: str
    # CT Dose Length Product Total (CT) or Dose Area Product Total (projection).
    dlp_mgy_cm: float | None
    dap_gy_m2: float | None
    # Total Number of Irradiation Events (CT) or of Radiographic Frames (projection).
    count: int


def is_ct(study: Study) -> bool:
    return study.dose.ctdivol_mgy is not None


def events(study: Study) -> list[DoseEvent]:
    return ct_events(study) if is_ct(study) else projection_events(study)


def totals(study: Study) -> DoseTotals:
    if is_ct(study):
        return DoseTotals(CT_TEMPLATE, significant(study.dose.dlp_mgy_cm), None, len(ct_events(study)))
    return DoseTotals(PROJECTION_TEMPLATE, None, significant(study.dose.dap_gy_cm2 / CM2_PER_M2), _images(study))


def ct_events(study: Study) -> list[DoseEvent]:
    dose = study.dose
    helical = [s for s in study.series if "scout" not in s.description.lower()] or study.series
    dlp_each = significant(dose.dlp_mgy_cm / len(helical))
    localizer = DoseEvent(
        ids.uid(study.study_uid, "event", "scout"), LOCALIZER, "Localizer", ctdivol_mgy=0.0, dlp_mgy_cm=0.0
    )
    return [localizer] + [
        DoseEvent(
            ids.uid(study.study_uid, "event", series.uid),
            HELICAL,
            series.description,
            ctdivol_mgy=significant(dose.ctdivol_mgy),
            dlp_mgy_cm=dlp_each,
        )
        for series in helical
    ]


def _images(study: Study) -> int:
    return max(1, sum(s.instances for s in study.series))


def projection_events(study: Study) -> list[DoseEvent]:
    images = _images(study)
    dap_each = significant(study.dose.dap_gy_cm2 / CM2_PER_M2 / images)
    # Exposures spread over the exam, to the second (DICOM DT as written).
    span = (study.exam_end - study.exam_start).total_seconds()
    return [
        DoseEvent(
            ids.uid(study.study_uid, "event", index),
            PROJECTION,
            study.description,
            started_at=study.exam_start + timedelta(seconds=int(span * index / images)),
            dap_gy_m2=dap_each,
        )
        for index in range(images)
    ]

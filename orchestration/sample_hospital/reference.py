"""Reference figures the timeline draws from: arrivals, priorities, delays, doses, rates.

Sources (see docs/generator.md for the discussion):
- Arrival curves: emergency department attendances by hour and weekday follow the
  familiar shape of NHS England's A&E attendance statistics (trough 04:00-06:00, peak
  late morning to evening, Mondays busiest); outpatient imaging is booked in working
  hours, Monday to Friday, with a small Saturday list.
- Priorities and turnaround: reporting targets of the kind set by the Royal College of
  Radiologists' reporting standards and NHS England's 2023 turnaround guidance (urgent
  and emergency within hours, routine within days); medians below sit inside them.
- CT dose reference levels: UK national DRLs adopted in 2022 (UKHSA), per sequence
  CTDIvol and per exam DLP; low-dose lung screening: the ACR-STR limit of 3 mGy.
- Projection DAP reference levels are indicative values of the order of national DRLs;
  replace them with the site's own table.
"""

from __future__ import annotations

from dataclasses import dataclass

STAT, URGENT, ROUTINE = "STAT", "URGENT", "ROUTINE"
PRIORITIES = (STAT, URGENT, ROUTINE)
# HL7 priority codes (table 0027) by priority.
HL7_PRIORITY = {STAT: "S", URGENT: "A", ROUTINE: "R"}
EMERGENCY, INPATIENT, OUTPATIENT = "E", "I", "O"

# Relative arrival weight by hour of day (0-23).
EMERGENCY_HOURS = (3, 2, 2, 1.5, 1.2, 1.2, 1.5, 2.5, 4, 5.5, 6.5, 7, 7, 6.8, 6.5, 6.3, 6.2, 6.2, 6, 5.5, 5, 4.5, 4, 3.5)
INPATIENT_HOURS = (0.5, 0.4, 0.4, 0.4, 0.6, 1.5, 3, 4, 5, 5.5, 5.5, 5, 4.5, 5, 5, 4.5, 4, 3, 2, 1.5, 1.2, 1, 0.8, 0.6)
OUTPATIENT_HOURS = (0, 0, 0, 0, 0, 0, 0, 0.5, 6, 8, 8, 7, 4, 6, 8, 8, 7, 4, 1, 0, 0, 0, 0, 0)
# Relative weight by weekday (Monday first).
EMERGENCY_DAYS = (1.12, 1.02, 1.0, 0.99, 1.0, 0.93, 0.94)
OUTPATIENT_DAYS = (1.0, 1.0, 1.0, 1.0, 0.95, 0.12, 0.0)
INPATIENT_DAYS = (1.0, 1.0, 1.0, 1.0, 1.0, 0.6, 0.5)

# Priority mix by patient setting.
PRIORITY_MIX = {
    EMERGENCY: (0.6, 0.35, 0.05),
    INPATIENT: (0.15, 0.5, 0.35),
    OUTPATIENT: (0.0, 0.05, 0.95),
}


@dataclass(frozen=True)
class LogNormal:
    """A delay in minutes: median and the spread (sigma of the log)."""

    median_minutes: float
    sigma: float


# Order to exam start.
ORDER_TO_EXAM = {
    (EMERGENCY, STAT): LogNormal(35, 0.6),
    (EMERGENCY, URGENT): LogNormal(90, 0.6),
    (EMERGENCY, ROUTINE): LogNormal(240, 0.7),
    (INPATIENT, STAT): LogNormal(60, 0.6),
    (INPATIENT, URGENT): LogNormal(300, 0.7),
    (INPATIENT, ROUTINE): LogNormal(1200, 0.7),
}
# Outpatients are booked days ahead: uniform between these many days.
OUTPATIENT_BOOKING_DAYS = (1, 42)
# Exam end to final signature, by priority; pathology runs on days (processing, cutting).
TURNAROUND = {STAT: LogNormal(45, 0.7), URGENT: LogNormal(240, 0.8), ROUTINE: LogNormal(1320, 0.9)}
PATHOLOGY_TURNAROUND = LogNormal(2 * 1440, 0.5)
# Site targets for "% within target" (minutes), by priority.
TURNAROUND_TARGET_MINUTES = {STAT: 60, URGENT: 240, ROUTINE: 2880}
# Preliminary reads: residents read most emergency exams out of hours.
PRELIMINARY_OUT_OF_HOURS = 0.8
PRELIMINARY_IN_HOURS = 0.1
PRELIMINARY_DELAY = LogNormal(25, 0.5)
# Share of preliminaries changed at final (resident/attending discrepancy).
PRELIMINARY_CHANGED = 0.05
# Corrected final reports and addenda, and their delay after the final.
CORRECTED_RATE = 0.015
ADDENDUM_RATE = 0.03
CORRECTION_DELAY = LogNormal(600, 1.0)
ADDENDUM_DELAY = LogNormal(3 * 1440, 0.8)

# Exams below this share never get an order message, a report, or images (defects),
# with at least this many of each in every scale; see defects.py for file defects.
ORDER_WITHOUT_IMAGES_RATE = 0.02
IMAGES_WITHOUT_ORDER_RATE = 0.02
NEVER_REPORTED_RATE = 0.02
MINIMUM_PER_KIND = 2

# CT reference levels (UKHSA NDRLs 2022): CTDIvol per sequence (mGy), DLP per exam.
CT_REFERENCE = {
    "ct_head": (47.0, 790.0),
    "ct_chest": (8.5, 290.0),
    "ct_ctpa": (9.1, 310.0),
    "ct_abdpel": (10.0, 530.0),
    "ct_cap": (10.0, 660.0),
    "ct_kub": (6.3, 290.0),
    # Low-dose screening: 3 mGy (ACR-STR); DLP: 3 mGy over a 33 cm scan, rounded.
    "ct_ldct": (3.0, 100.0),
}
# Indicative DAP reference levels per exam (Gy·cm²).
DAP_REFERENCE = {
    "xr_chest": 0.15,
    "xr_lspine": 1.5,
    "xr_abdomen": 2.5,
    "xr_hand": 0.1,
    "xr_knee": 0.3,
    "mg_screening": 0.8,
    "mg_diagnostic": 0.6,
    "rf_swallow": 10.0,
    "xa_embolisation": 150.0,
    "cath_coronary": 40.0,
}
# Typical practice sits below the DRL (a DRL is the 75th centile of national practice):
# doses are drawn around this share of the reference level, so some exceed it.
DOSE_MEDIAN_OF_REFERENCE = 0.72
DOSE_SIGMA = 0.32
# Share of imaged patients flagged VIP in the EHR.
VIP_RATE = 0.01
# Access anomalies concern studies reported at least this many days before the end of the
# period, so the anomalous accesses that follow still fall within it.
ANOMALY_LEAD_DAYS = 4
# Share of RCH radiology finals also archived as a Basic Text SR by its reporting system.
TEXT_SR_RATE = 0.6

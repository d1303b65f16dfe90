"""The procedures each department performs: series, volumes, settings, durations.

Volumes are relative weights within a department. Radiology's mix follows NHS England's
Diagnostic Imaging Dataset (annual release 2022/23: plain radiography about 53 %,
ultrasound 23 %, CT 15 %, MR 9 %, fluoroscopy, nuclear medicine and PET about 1 % each).
Series and instance counts are those of the protocols named on current scanners
(realistic counts; scales thin them, see series_plan.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.sample_hospital.catalogue import (
    CARDIOLOGY,
    DERMATOLOGY,
    ENDOSCOPY,
    OPHTHALMOLOGY,
    PATHOLOGY,
    RADIOLOGY,
)
from orchestration.sample_hospital.model import Institution


@dataclass(frozen=True)
class SeriesSpec:
    kind: str
    description: str
    instances: tuple[int, int]
    frames: tuple[int, int] = (1, 1)
    body_part: str | None = None


@dataclass(frozen=True)
class Protocol:
    key: str
    department: str
    modality: str
    code: str
    description: str
    body_part: str
    weight: float
    series: tuple[SeriesSpec, ...]
    # Share of emergency, inpatient and outpatient requests.
    setting: tuple[float, float, float] = (0.1, 0.2, 0.7)
    # Exam duration in minutes (door to door on the device).
    minutes: tuple[int, int] = (10, 20)
    # Number of series drawn from `series` (all of them when None).
    series_drawn: tuple[int, int] | None = None
    # Typical scan length (cm), for the DLP of CT protocols with a reference level.
    scan_length_cm: float | None = None


def _p(*fields, **options) -> Protocol:
    """A table row: the positional fields in `Protocol` order, then any options."""
    return Protocol(*fields, **options)


S = SeriesSpec
CT_SCOUT = S("ct", "Scout", (1, 2))
# One row per protocol: key, department, modality, code, description, body part, weight,
# series; then the options that differ from the defaults.
# fmt: off
PROTOCOLS: tuple[Protocol, ...] = (
    # Radiology: plain radiography
    _p("xr_chest", RADIOLOGY, "DX", "XR101", "XR CHEST PA AND LATERAL", "CHEST", 230,
       (S("dx", "PA", (1, 1)), S("dx", "LATERAL", (1, 1))), setting=(0.35, 0.3, 0.35), minutes=(5, 10)),
    _p("cr_chest_portable", RADIOLOGY, "CR", "XR102", "XR CHEST PORTABLE AP", "CHEST", 60,
       (S("cr", "AP portable", (1, 2)),), setting=(0.3, 0.7, 0.0), minutes=(5, 10)),
    _p("xr_hand", RADIOLOGY, "DX", "XR201", "XR HAND 3 VIEWS", "HAND", 80,
       (S("dx", "Hand", (3, 3)),), setting=(0.5, 0.1, 0.4), minutes=(5, 10)),
    _p("xr_knee", RADIOLOGY, "DX", "XR202", "XR KNEE 2 VIEWS", "KNEE", 70,
       (S("dx", "Knee", (2, 2)),), setting=(0.4, 0.1, 0.5), minutes=(5, 10)),
    _p("xr_lspine", RADIOLOGY, "DX", "XR301", "XR LUMBAR SPINE", "LSPINE", 40,
       (S("dx", "L-spine", (2, 3)),), minutes=(5, 15)),
    _p("xr_abdomen", RADIOLOGY, "DX", "XR401", "XR ABDOMEN SUPINE", "ABDOMEN", 20,
       (S("dx", "Abdomen AP", (1, 1)),), setting=(0.5, 0.4, 0.1), minutes=(5, 10)),
    # Radiology: ultrasound
    _p("us_abdomen", RADIOLOGY, "US", "US101", "US ABDOMEN COMPLETE", "ABDOMEN", 90,
       (S("us", "Abdomen", (20, 45)),), minutes=(20, 30)),
    _p("us_pelvis", RADIOLOGY, "US", "US102", "US PELVIS TRANSVAGINAL", "PELVIS", 40,
       (S("us", "Pelvis", (15, 30)),), minutes=(20, 30)),
    _p("us_thyroid", RADIOLOGY, "US", "US201", "US THYROID", "NECK", 20,
       (S("us", "Thyroid", (12, 25)),), minutes=(15, 25)),
    _p("us_dvt", RADIOLOGY, "US", "US301", "US DOPPLER LOWER LIMB VEINS", "LEG", 30,
       (S("us", "Veins", (10, 20)), S("us_cine", "Doppler cine", (2, 6), (40, 90))),
       setting=(0.4, 0.3, 0.3), minutes=(20, 30)),
    # Radiology: CT (scan lengths are typical of adult protocols)
    _p("ct_head", RADIOLOGY, "CT", "CT101", "CT HEAD WITHOUT CONTRAST", "HEAD", 45,
       (CT_SCOUT, S("ct", "Head 5mm", (28, 36)), S("ct", "Head thin 0.6mm", (220, 280))),
       setting=(0.7, 0.2, 0.1), minutes=(8, 15), scan_length_cm=18),
    _p("ct_chest", RADIOLOGY, "CT", "CT201", "CT CHEST WITH CONTRAST", "CHEST", 25,
       (CT_SCOUT, S("ct", "Chest 5mm", (60, 75)), S("ct", "Chest thin 1mm", (300, 380))),
       setting=(0.2, 0.3, 0.5), scan_length_cm=35),
    _p("ct_ctpa", RADIOLOGY, "CT", "CT202", "CT PULMONARY ANGIOGRAM", "CHEST", 12,
       (CT_SCOUT, S("ct", "CTPA 1mm", (280, 360)), S("ct", "CTPA MIP", (40, 60))),
       setting=(0.7, 0.3, 0.0), scan_length_cm=30),
    _p("ct_ldct", RADIOLOGY, "CT", "CT203", "CT CHEST LOW DOSE SCREENING", "CHEST", 6,
       (CT_SCOUT, S("ct", "Chest thin 1mm lung", (280, 360))),
       setting=(0.0, 0.0, 1.0), minutes=(8, 12), scan_length_cm=33),
    _p("ct_abdpel", RADIOLOGY, "CT", "CT301", "CT ABDOMEN PELVIS WITH CONTRAST", "ABDOMENPELVIS", 30,
       (CT_SCOUT, S("ct", "Abd/Pel 5mm", (80, 100)), S("ct", "Abd/Pel thin 1mm", (400, 500))),
       setting=(0.4, 0.3, 0.3), scan_length_cm=45),
    _p("ct_cap", RADIOLOGY, "CT", "CT302", "CT CHEST ABDOMEN PELVIS", "CHESTABDPELVIS", 20,
       (CT_SCOUT, S("ct", "CAP 5mm", (120, 140)), S("ct", "CAP thin 1mm", (600, 700))),
       setting=(0.1, 0.3, 0.6), minutes=(15, 25), scan_length_cm=65),
    _p("ct_kub", RADIOLOGY, "CT", "CT303", "CT KUB STONE PROTOCOL", "ABDOMENPELVIS", 8,
       (CT_SCOUT, S("ct", "KUB 3mm", (120, 150))),
       setting=(0.8, 0.1, 0.1), minutes=(8, 12), scan_length_cm=40),
    # Radiology: MR
    _p("mr_brain", RADIOLOGY, "MR", "MR101", "MR BRAIN WITHOUT AND WITH CONTRAST", "HEAD", 25,
       (S("mr", "AX T2", (22, 30)),
        S("mr", "AX FLAIR", (22, 30)),
        S("mr", "AX DWI", (22, 30)),
        S("mr", "SAG T1", (22, 30)),
        S("mr", "AX T1 POST", (22, 30)),
        S("mr", "COR T1 POST", (22, 30))),
       minutes=(30, 45)),
    _p("mr_lspine", RADIOLOGY, "MR", "MR201", "MR LUMBAR SPINE", "LSPINE", 20,
       (S("mr", "SAG T1", (15, 24)),
        S("mr", "SAG T2", (15, 24)),
        S("mr", "SAG STIR", (15, 24)),
        S("mr", "AX T2", (15, 24))),
       minutes=(25, 35)),
    _p("mr_knee", RADIOLOGY, "MR", "MR301", "MR KNEE", "KNEE", 15,
       (S("mr", "SAG PD FS", (20, 30)), S("mr", "COR PD FS", (20, 30)), S("mr", "AX PD FS", (20, 30))),
       setting=(0.0, 0.05, 0.95), minutes=(25, 35)),
    _p("mr_prostate", RADIOLOGY, "MR", "MR401", "MR PROSTATE MULTIPARAMETRIC", "PELVIS", 6,
       (S("mr", "AX T2", (20, 30)),
        S("mr", "SAG T2", (20, 30)),
        S("mr", "AX DWI", (20, 30)),
        S("mr", "AX DCE", (20, 30))),
       setting=(0.0, 0.0, 1.0), minutes=(35, 45)),
    # Radiology: mammography (screening = 2D views plus tomosynthesis volumes)
    _p("mg_screening", RADIOLOGY, "MG", "MG101", "MG SCREENING BILATERAL WITH TOMO", "BREAST", 30,
       (S("mg", "Screening 2D", (4, 4)), S("bto", "Tomosynthesis", (4, 4), (45, 70))),
       setting=(0.0, 0.0, 1.0), minutes=(15, 20)),
    _p("mg_diagnostic", RADIOLOGY, "MG", "MG201", "MG DIAGNOSTIC UNILATERAL", "BREAST", 8,
       (S("mg", "Diagnostic views", (2, 4)),), setting=(0.0, 0.0, 1.0), minutes=(15, 25)),
    # Radiology: fluoroscopy, interventional, nuclear medicine, PET
    _p("rf_swallow", RADIOLOGY, "RF", "RF101", "FL BARIUM SWALLOW", "ESOPHAGUS", 10,
       (S("rf", "Swallow runs", (4, 10), (5, 30)),), minutes=(20, 30)),
    _p("xa_embolisation", RADIOLOGY, "XA", "IR101", "IR ANGIOGRAM AND EMBOLISATION", "ABDOMEN", 5,
       (S("xa", "DSA runs", (10, 30), (20, 90)),), setting=(0.3, 0.5, 0.2), minutes=(60, 120)),
    _p("nm_bone", RADIOLOGY, "NM", "NM101", "NM BONE SCAN WHOLE BODY", "WHOLEBODY", 5,
       (S("nm", "WB Anterior/Posterior", (1, 1)), S("nm", "Spot views", (2, 4))), minutes=(30, 45)),
    _p("pet_fdg", RADIOLOGY, "PT", "PT101", "PET CT FDG WHOLE BODY", "WHOLEBODY", 5,
       (S("pt", "PET WB AC", (250, 330)), S("ct", "CT AC low dose", (150, 200))),
       setting=(0.0, 0.1, 0.9), minutes=(25, 40)),
    # Cardiology
    _p("echo_tte", CARDIOLOGY, "US", "EC101", "ECHO TRANSTHORACIC COMPLETE", "HEART", 60,
       (S("us_cine", "TTE loops", (40, 70), (40, 90)), S("us", "TTE stills", (10, 25))),
       setting=(0.1, 0.4, 0.5), minutes=(30, 45)),
    _p("cath_coronary", CARDIOLOGY, "XA", "EC201", "CARDIAC CATH CORONARY ANGIOGRAM", "HEART", 10,
       (S("xa", "Coronary runs", (8, 16), (40, 120)),), setting=(0.3, 0.5, 0.2), minutes=(45, 90)),
    _p("ecg_resting", CARDIOLOGY, "ECG", "EC301", "ECG 12 LEAD RESTING", "HEART", 30,
       (S("ecg", "12-lead ECG", (1, 1)),), setting=(0.4, 0.4, 0.2), minutes=(5, 10)),
    # Pathology: one series per slide (pyramid levels, label, overview)
    _p("path_biopsy", PATHOLOGY, "SM", "AP101", "SURGICAL PATHOLOGY BIOPSY", "PROSTATE", 70,
       (S("sm", "H&E slide", (6, 6)),), setting=(0.0, 0.3, 0.7), minutes=(2, 5), series_drawn=(1, 4)),
    _p("path_resection", PATHOLOGY, "SM", "AP201", "SURGICAL PATHOLOGY RESECTION", "COLON", 30,
       (S("sm", "H&E slide", (6, 6)),), setting=(0.0, 0.8, 0.2), minutes=(2, 5), series_drawn=(5, 15)),
    # Ophthalmology
    _p("op_fundus", OPHTHALMOLOGY, "OP", "OP101", "FUNDUS PHOTOGRAPHY BOTH EYES", "EYE", 55,
       (S("op", "Fundus colour", (2, 6)),), setting=(0.0, 0.0, 1.0), minutes=(10, 15)),
    _p("opt_macula", OPHTHALMOLOGY, "OPT", "OP201", "OCT MACULA BOTH EYES", "EYE", 45,
       (S("opt", "Macular Cube 512x128", (2, 2), (128, 128)),), setting=(0.0, 0.0, 1.0), minutes=(10, 15)),
    # Dermatology
    _p("derm_lesion", DERMATOLOGY, "XC", "DE101", "DERMATOLOGY LESION PHOTOGRAPHY", "SKIN", 80,
       (S("xc", "Lesion photos", (2, 8)),), setting=(0.0, 0.0, 1.0), minutes=(10, 15)),
    _p("derm_total_body", DERMATOLOGY, "XC", "DE201", "TOTAL BODY PHOTOGRAPHY", "SKIN", 20,
       (S("xc", "Total body photos", (20, 40)),), setting=(0.0, 0.0, 1.0), minutes=(20, 30)),
    # Endoscopy
    _p("endo_colonoscopy", ENDOSCOPY, "ES", "EN101", "COLONOSCOPY", "COLON", 55,
       (S("es", "Colonoscopy stills", (10, 40)),), setting=(0.0, 0.2, 0.8), minutes=(20, 40)),
    _p("endo_gastroscopy", ENDOSCOPY, "ES", "EN201", "OESOPHAGOGASTRODUODENOSCOPY", "STOMACH", 45,
       (S("es", "Gastroscopy stills", (8, 30)),), setting=(0.1, 0.3, 0.6), minutes=(15, 25)),
)
# fmt: on

# Protocols each institution does not offer (RCH refers these to NGH).
NOT_OFFERED = {
    "NGH": frozenset(),
    "RCH": frozenset(
        {
            "rf_swallow",
            "xa_embolisation",
            "nm_bone",
            "pet_fdg",
            "cath_coronary",
            "mr_prostate",
            "ct_ldct",
            "derm_total_body",
        }
    ),
}


def offered(institution: Institution) -> list[Protocol]:
    """The protocols an institution performs, in catalogue order."""
    return [
        p for p in PROTOCOLS if p.department in institution.departments and p.key not in NOT_OFFERED[institution.key]
    ]

"""Report wording: the findings and impression a reader signs, by department.

Short and formulaic on purpose: the text only has to be plausible, consistent between
the HL7 result and the SR copy, and different between a preliminary and a changed final.
"""

from __future__ import annotations

from orchestration.sample_hospital.model import Study

_NORMAL = {
    "Radiology": ("No acute abnormality of the {part}.", "Normal {what}."),
    "Cardiology": ("Normal biventricular size and function. No significant valve disease.", "Normal study."),
    "Pathology": ("Sections show benign tissue without dysplasia or malignancy.", "Benign. No malignancy identified."),
    "Ophthalmology": ("Retina and optic disc appear healthy in both eyes.", "No diabetic retinopathy."),
    "Dermatology": ("Symmetric pigmented lesion with regular network.", "Benign naevus. Routine follow-up."),
    "Endoscopy": ("Mucosa normal throughout. No polyps.", "Normal examination."),
}


def final_text(study: Study) -> tuple[str, str]:
    findings, impression = _NORMAL[study.department]
    part = (study.series[0].body_part if study.series else "").lower() or "region examined"
    findings = findings.format(part=part)
    impression = impression.format(what=study.description.lower())
    if study.lung_nodule_mm is not None:
        findings += f" Solid nodule of {study.lung_nodule_mm:.0f} mm in the right upper lobe."
        impression = "Pulmonary nodule; follow-up per Lung-RADS recommended."
    return findings, impression


def preliminary_text(study: Study) -> tuple[str, str]:
    findings, impression = final_text(study)
    if study.preliminary_changed:
        return findings.split(".")[0] + ".", "Preliminary: no acute finding."
    return findings, impression


CORRECTION = "Corrected report: laterality amended from left to right."
ADDENDUM = "Addendum: comparison with prior imaging reviewed; no interval change."

"""Report wording: the findings and impression a reader signs, by department.

Short and formulaic on purpose: the text only has to be plausible, consistent between
the HL7 result and the SR copy, and different between a preliminary and a changed final.
"""

from __future__ import annotations

from orchestration.sample_hospital.model import Study

# What the radiologist dictates when the finding an AI algorithm looks for is present,
# by algorithm key: (findings, with the measured value, and impression).
_POSITIVE = {
    "lung_nodule": (
        "No acute abnormality of the {part}. Solid nodule of {value:.0f} mm in the right upper lobe.",
        "Pulmonary nodule; follow-up per Lung-RADS recommended.",
    ),
    "intracranial_hemorrhage": (
        "Acute intraparenchymal haemorrhage, estimated volume {value:.0f} mL.",
        "Acute intracranial haemorrhage. Discussed with the referring team.",
    ),
    "pneumothorax": (
        "Pneumothorax with an interpleural distance of {value:.1f} cm at the level of the hilum.",
        "Pneumothorax. Discussed with the referring team.",
    ),
}

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
    reading = study.reading
    if reading is not None and reading.radiologist.present:
        findings, impression = _POSITIVE[reading.algorithm]
        return findings.format(part=part, value=reading.radiologist.value), impression
    return findings.format(part=part), impression.format(what=study.description.lower())


def preliminary_text(study: Study) -> tuple[str, str]:
    findings, impression = final_text(study)
    if study.preliminary_changed:
        return findings.split(".")[0] + ".", "Preliminary: no acute finding."
    return findings, impression


CORRECTION = "Corrected report: laterality amended from left to right."
ADDENDUM = "Addendum: comparison with prior imaging reviewed; no interval change."

"""The enterprise: institutions, their departments and who offers which procedure.

The split between departments is an assumption for a 700-bed teaching hospital
(radiology about three quarters of imaging studies); procedures are in protocols.py.
"""

from __future__ import annotations

from orchestration.sample_hospital.model import Institution

RADIOLOGY = "Radiology"
CARDIOLOGY = "Cardiology"
PATHOLOGY = "Pathology"
OPHTHALMOLOGY = "Ophthalmology"
DERMATOLOGY = "Dermatology"
ENDOSCOPY = "Endoscopy"
DEPARTMENTS = (RADIOLOGY, CARDIOLOGY, PATHOLOGY, OPHTHALMOLOGY, DERMATOLOGY, ENDOSCOPY)

# Share of an institution's studies by department (assumption, see module docstring).
DEPARTMENT_SHARE = {
    RADIOLOGY: 0.74,
    CARDIOLOGY: 0.10,
    OPHTHALMOLOGY: 0.05,
    ENDOSCOPY: 0.05,
    PATHOLOGY: 0.04,
    DERMATOLOGY: 0.02,
}

INSTITUTIONS = (
    Institution(
        key="NGH",
        name="Northgate General Hospital",
        issuer="NGH",
        departments=DEPARTMENTS,
        archive_encoding="native",
        charset="ISO_IR 192",
        order_message="ORM^O01",
        hl7_version="2.3",
    ),
    Institution(
        key="RCH",
        name="Riverside Community Hospital",
        issuer="RCH",
        departments=(RADIOLOGY, CARDIOLOGY, DERMATOLOGY, ENDOSCOPY),
        archive_encoding="jpeg2000",
        charset="ISO_IR 100",
        order_message="OMI^O23",
        hl7_version="2.5.1",
    ),
)
# Share of all studies performed at each institution.
INSTITUTION_SHARE = {"NGH": 0.68, "RCH": 0.32}
# Local time zone of both hospitals, written where a format wants an offset.
TIMEZONE_OFFSET = "+0100"

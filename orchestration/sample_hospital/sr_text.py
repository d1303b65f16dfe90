"""Basic Text SR radiology reports (TID 2000, Basic Diagnostic Imaging Report).

Some reporting systems archive the signed report as an SR object beside the images;
the text matches the final ORU^R01 of the same accession.
"""

from __future__ import annotations

from datetime import datetime

from pydicom import Dataset
from pydicom.sequence import Sequence

from orchestration.sample_hospital.model import Study
from orchestration.sample_hospital.sr_content import (
    ENGLISH_US,
    LANGUAGE,
    OBSERVER_TYPE,
    PERSON,
    coded,
    container,
    pname,
    text,
)

BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11"
IMAGING_REPORT = ("18748-4", "LN", "Diagnostic Imaging Report")


def report_content(study: Study, findings: str, impression: str) -> list[Dataset]:
    return [
        coded("HAS CONCEPT MOD", LANGUAGE, ENGLISH_US),
        coded("HAS OBS CONTEXT", OBSERVER_TYPE, PERSON),
        pname("HAS OBS CONTEXT", ("121008", "DCM", "Person Observer Name"), study.reader.dicom_name),
        container(
            ("121070", "DCM", "Findings"),
            [text("CONTAINS", ("121071", "DCM", "Finding"), findings)],
            "CONTAINS",
        ),
        container(
            ("121072", "DCM", "Impressions"),
            [text("CONTAINS", ("121073", "DCM", "Impression"), impression)],
            "CONTAINS",
        ),
    ]


def verify(ds: Dataset, study: Study, at: datetime) -> None:
    """Mark the document final and signed by the study's reader at `at`."""
    observer = Dataset()
    observer.VerifyingObserverName = study.reader.dicom_name
    observer.VerifyingOrganization = study.institution.name
    observer.VerificationDateTime = at.strftime("%Y%m%d%H%M%S")
    observer.VerifyingObserverIdentificationCodeSequence = Sequence()
    ds.VerifyingObserverSequence = Sequence([observer])
    ds.VerificationFlag = "VERIFIED"
    ds.PreliminaryFlag = "FINAL"

"""Names of the kinds of source, as the ingest manifest and quarantine partition them.

A module of its own so that code which only needs the name (an unchanged re-ingest, a
sensor) does not import a reader and its dependencies.
"""

DICOM_FILES = "dicom"
DICOMWEB = "dicomweb"
STRUCTURED_REPORTS = "sr"

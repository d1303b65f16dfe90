"""Structured reports: the content tree of every SR, and the rows its template gives (SPEC §4, §5).

Entry points: `extract_sr` (a file) and `extract_sr_dataset` (a dataset in memory) return an
`SrExtraction` whose `tables` hold rows for every table of `orchestration.land.sr_schemas`;
`is_structured_report` says which SOP Classes to give them. See docs/structured-reports.md.
"""

from orchestration.extract.sr.document import SrExtraction, extract_sr, extract_sr_dataset
from orchestration.extract.sr.storage_classes import is_structured_report

__all__ = ["SrExtraction", "extract_sr", "extract_sr_dataset", "is_structured_report"]

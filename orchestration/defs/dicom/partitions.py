"""DICOM assets are partitioned by source: one partition per folder or DICOMweb archive.

A partition key is the source's URL: `file:///mnt/pacs-export` for a folder,
`https://pacs.example.org/dicom-web` for an archive. Dynamic rather than static, because
the sources come from the settings, which are read at run time, never at import; the
sensor and the schedule register each configured source as it appears.
"""

from pathlib import Path

import dagster as dg

dicom_sources = dg.DynamicPartitionsDefinition(name="dicom_sources")

FILE_SCHEME = "file://"


def is_archive(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def folder_key(folder: Path) -> str:
    return f"{FILE_SCHEME}{folder.expanduser().resolve()}"


def folder_of(source: str) -> Path:
    return Path(source.removeprefix(FILE_SCHEME))

"""Fixtures for the ingest tests: a real Orthanc (tests/services/orthanc.py)."""

from tests.services.orthanc import orthanc

__all__ = ["orthanc"]

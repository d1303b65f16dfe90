"""Real services started by tests on loopback (Orthanc), as fixtures."""

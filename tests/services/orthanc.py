"""A real Orthanc with its DICOMweb plugin, started on loopback for a test and stopped after.

Debian's `orthanc` and `orthanc-dicomweb` packages provide the server and the plugin; the
fixtures skip, saying why, where either is missing. Orthanc listens on every interface,
so it is told to accept loopback clients only; its DICOM port is off (samples are sent
over REST, `POST /instances`, which stores the file's bytes unchanged).
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

PLUGIN_CANDIDATES = [
    Path("/usr/share/orthanc/plugins/libOrthancDicomWeb.so"),
    Path("/usr/lib/orthanc/libOrthancDicomWeb.so"),
]
DICOMWEB_ROOT = "/dicom-web/"
START_TIMEOUT_S = 30
STOP_TIMEOUT_S = 30


@dataclass
class OrthancServer:
    url: str
    dicomweb_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def upload(self, path: Path) -> bool:
        """Store one file; False when Orthanc refuses it or already holds the instance."""
        response = requests.post(f"{self.url}/instances", data=path.read_bytes(), timeout=60)
        return response.ok and response.json().get("Status") == "Success"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _plugin() -> Path:
    if shutil.which("Orthanc") is None:
        pytest.skip("the Orthanc server is not installed (Debian package `orthanc`)")
    for candidate in PLUGIN_CANDIDATES:
        if candidate.exists():
            return candidate
    pytest.skip("Orthanc's DICOMweb plugin is not installed (Debian package `orthanc-dicomweb`)")


def _wait_until_answering(server: OrthancServer) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Orthanc exited at start-up:\n{server.log.read_text()[-2000:]}")
        try:
            if requests.get(f"{server.url}/system", timeout=1).ok:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"Orthanc did not answer within {START_TIMEOUT_S} s:\n{server.log.read_text()[-2000:]}")


def start_orthanc(folder: Path, dicomweb_root: str = DICOMWEB_ROOT) -> OrthancServer:
    """Start Orthanc with its storage and index in `folder`; the caller stops it."""
    plugin = _plugin()
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    config = {
        "Name": "lantern-test",
        "StorageDirectory": str(folder / "storage"),
        "IndexDirectory": str(folder / "index"),
        "HttpPort": port,
        "DicomServerEnabled": False,
        "DicomPort": _free_port(),
        "RemoteAccessAllowed": False,
        "AuthenticationEnabled": False,
        "SaveJobs": False,
        "Plugins": [str(plugin)],
        "DicomWeb": {"Enable": True, "Root": dicomweb_root, "EnableWado": False},
    }
    config_path = folder / "orthanc.json"
    config_path.write_text(json.dumps(config, indent=2))
    log = folder / "orthanc.log"
    with log.open("wb") as output:
        process = subprocess.Popen(["Orthanc", str(config_path)], stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    server = OrthancServer(url, url + dicomweb_root.rstrip("/"), process, log)
    try:
        _wait_until_answering(server)
    except RuntimeError:
        stop_orthanc(server)
        raise
    return server


def stop_orthanc(server: OrthancServer) -> None:
    """Stop and wait for the exit, so the next server starts on a released port and index."""
    server.process.terminate()
    try:
        server.process.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture
def orthanc(tmp_path: Path) -> Iterator[OrthancServer]:
    """An empty Orthanc for one test."""
    server = start_orthanc(tmp_path / "orthanc")
    yield server
    stop_orthanc(server)

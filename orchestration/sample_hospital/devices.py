"""The installed base: each device with its manufacturer, model and software version.

Models are current products of their vendors; software versions are in each vendor's
own style. Serial numbers are derived from the device key so they stay stable across
seeds (the equipment of a hospital does not change with the simulated weeks).
"""

from __future__ import annotations

from collections import defaultdict

from orchestration.sample_hospital import ids
from orchestration.sample_hospital.catalogue import (
    CARDIOLOGY,
    DERMATOLOGY,
    ENDOSCOPY,
    OPHTHALMOLOGY,
    PATHOLOGY,
    RADIOLOGY,
)
from orchestration.sample_hospital.model import Device

# (institution, department, modality, manufacturer, model, software)
_INSTALLED = [
    ("NGH", RADIOLOGY, "CT", "Siemens Healthineers", "SOMATOM Force", "syngo CT VA50A"),
    ("NGH", RADIOLOGY, "CT", "GE HealthCare", "Revolution Apex", "23.1.2"),
    ("NGH", RADIOLOGY, "MR", "Siemens Healthineers", "MAGNETOM Vida 3T", "syngo MR XA50"),
    ("NGH", RADIOLOGY, "MR", "GE HealthCare", "SIGNA Artist 1.5T", "MR30.1"),
    ("NGH", RADIOLOGY, "DX", "Carestream Health", "DRX-Evolution Plus", "5.7.412"),
    ("NGH", RADIOLOGY, "DX", "Philips", "DigitalDiagnost C90", "1.1.3"),
    ("NGH", RADIOLOGY, "CR", "FUJIFILM Corporation", "FCR PROFECT CS", "A08"),
    ("NGH", RADIOLOGY, "MG", "Hologic, Inc.", "Selenia Dimensions", "1.11.2"),
    ("NGH", RADIOLOGY, "US", "Philips", "EPIQ Elite", "10.0.2"),
    ("NGH", RADIOLOGY, "US", "GE HealthCare", "LOGIQ E10", "R4.0.5"),
    ("NGH", RADIOLOGY, "NM", "Siemens Healthineers", "Symbia Intevo Bold", "VB22"),
    ("NGH", RADIOLOGY, "PT", "GE HealthCare", "Discovery MI", "pet_dmi.43"),
    ("NGH", RADIOLOGY, "XA", "Philips", "Azurion 7 M20", "R2.2"),
    ("NGH", RADIOLOGY, "RF", "Siemens Healthineers", "Luminos dRF Max", "VF10"),
    ("NGH", CARDIOLOGY, "US", "GE HealthCare", "Vivid E95", "206.85.0"),
    ("NGH", CARDIOLOGY, "XA", "Siemens Healthineers", "ARTIS icono biplane", "VE20"),
    ("NGH", CARDIOLOGY, "ECG", "GE HealthCare", "MAC 5500 HD", "010C"),
    ("NGH", PATHOLOGY, "SM", "Leica Biosystems", "Aperio GT 450 DX", "1.1.1"),
    ("NGH", PATHOLOGY, "SM", "Hamamatsu Photonics", "NanoZoomer S360", "2.2.0"),
    ("NGH", OPHTHALMOLOGY, "OP", "Carl Zeiss Meditec", "CLARUS 500", "1.1.2"),
    ("NGH", OPHTHALMOLOGY, "OPT", "Carl Zeiss Meditec", "CIRRUS HD-OCT 5000", "11.5.2"),
    ("NGH", OPHTHALMOLOGY, "OPT", "Heidelberg Engineering", "SPECTRALIS", "6.16.7"),
    ("NGH", DERMATOLOGY, "XC", "FotoFinder Systems", "ATBM master", "3.4"),
    ("NGH", ENDOSCOPY, "ES", "Olympus", "EVIS X1 CV-1500", "1.06"),
    ("RCH", RADIOLOGY, "CT", "Canon Medical Systems", "Aquilion Prime SP", "V10.8"),
    ("RCH", RADIOLOGY, "MR", "Philips", "Ingenia 1.5T", "R5.7.1"),
    ("RCH", RADIOLOGY, "DX", "FUJIFILM Corporation", "FDR Smart X", "V2.1"),
    ("RCH", RADIOLOGY, "CR", "Agfa", "CR 15-X", "NX 3.0"),
    ("RCH", RADIOLOGY, "MG", "GE HealthCare", "Senographe Pristina", "PRISTINA_1.6"),
    ("RCH", RADIOLOGY, "US", "Canon Medical Systems", "Aplio i800", "V6.0"),
    ("RCH", CARDIOLOGY, "US", "Philips", "EPIQ CVx", "9.0.5"),
    ("RCH", CARDIOLOGY, "ECG", "Philips", "PageWriter TC50", "A.07.2"),
    ("RCH", DERMATOLOGY, "XC", "Canfield Scientific", "VISIA", "8.2"),
    ("RCH", ENDOSCOPY, "ES", "PENTAX Medical", "EPK-i7010", "2.00"),
]


def _device(index: int, row: tuple[str, str, str, str, str, str]) -> Device:
    institution, department, modality, manufacturer, model, software = row
    key = f"{institution}-{department}-{modality}-{index}".lower()
    serial = str(int.from_bytes(ids.digest("serial", key)[:4], "big") % 90_000_000 + 10_000_000)
    return Device(
        key=key,
        institution=institution,
        department=department,
        modality=modality,
        manufacturer=manufacturer,
        model=model,
        software=software,
        serial=serial,
        station=f"{institution}{modality}{index:02d}",
    )


DEVICES = tuple(_device(i, row) for i, row in enumerate(_INSTALLED, start=1))

_BY_ROLE: dict[tuple[str, str, str], list[Device]] = defaultdict(list)
for _d in DEVICES:
    _BY_ROLE[(_d.institution, _d.department, _d.modality)].append(_d)


def devices_for(institution: str, department: str, modality: str) -> list[Device]:
    return _BY_ROLE[(institution, department, modality)]

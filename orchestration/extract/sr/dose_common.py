"""What the CT and projection X-ray dose readers share (TID 10001 and TID 10011 have one root).

Both report the irradiating device three ways: per event (TID 10013/10003 Device Role in
Procedure, with its manufacturer, model and serial number), once per report (TID 1004
Device Observer), and in the file's General Equipment module. The nearest wins, field by
field, so an event that names only its serial number still gets its manufacturer.
"""

from __future__ import annotations

from typing import Any

from orchestration.extract.sr import navigate
from orchestration.extract.sr.codes import (
    ACQUISITION_PROTOCOL,
    DATETIME_STARTED,
    DEVICE_MANUFACTURER,
    DEVICE_MODEL_NAME,
    DEVICE_OBSERVER_MANUFACTURER,
    DEVICE_OBSERVER_MODEL_NAME,
    DEVICE_OBSERVER_SERIAL_NUMBER,
    DEVICE_ROLE_IN_PROCEDURE,
    DEVICE_SERIAL_NUMBER,
    IRRADIATION_EVENT_UID,
    Concept,
)
from orchestration.extract.sr.content_item import ContentItem
from orchestration.extract.sr.rows import Document

DEVICE_COLUMNS = ("DeviceManufacturer", "DeviceModelName", "DeviceSerialNumber")
PARTICIPANT_CONCEPTS = (DEVICE_MANUFACTURER, DEVICE_MODEL_NAME, DEVICE_SERIAL_NUMBER)
OBSERVER_CONCEPTS = (DEVICE_OBSERVER_MANUFACTURER, DEVICE_OBSERVER_MODEL_NAME, DEVICE_OBSERVER_SERIAL_NUMBER)


def device(root: ContentItem, event: ContentItem | None, document: Document) -> dict[str, str | None]:
    """Manufacturer, model and serial number of the irradiating device, nearest source first."""
    participant = event.find(DEVICE_ROLE_IN_PROCEDURE) if event is not None else []
    header = (document.manufacturer, document.model_name, document.serial_number)
    columns = {}
    for column, from_event, from_observer, from_header in zip(
        DEVICE_COLUMNS, PARTICIPANT_CONCEPTS, OBSERVER_CONCEPTS, header, strict=True
    ):
        columns[column] = (
            _text_of(participant[0].children if participant else [], from_event)
            or _text_of(root.children, from_observer)
            or from_header
        )
    return columns


def _text_of(items: list[ContentItem], concept: Concept) -> str | None:
    return next((item.text for item in items if item.is_a(concept) and item.text), None)


def event_identity(event: ContentItem, below: list[ContentItem], oddities: list[str]) -> dict[str, Any]:
    """The columns every irradiation event has, CT or projection: where, which, when, what protocol."""
    return {
        "EventPosition": event.position,
        "IrradiationEventUID": navigate.uid(below, IRRADIATION_EVENT_UID, oddities),
        # TID 10003 states when the event started; a CT event only its Observation DateTime, if any.
        "EventDateTime": navigate.datetime(below, DATETIME_STARTED, oddities) or event.observation_datetime,
        "AcquisitionProtocol": navigate.text(below, ACQUISITION_PROTOCOL, oddities),
    }

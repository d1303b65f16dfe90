"""Observer context (TID 1002): who made the observations, a person or a device (an algorithm).

Context is stated on a container and holds for everything below it until a lower container
states its own (PS3.3 C.17.5). A document may name several observers, typically the
radiologist and the software that measured: the observer is then a DEVICE, with the person's
pseudonym kept beside it, because whether an algorithm took part is what AI monitoring
(SPEC KPI 20) asks.
"""

from __future__ import annotations

from dataclasses import dataclass

from orchestration.extract.sr.codes import (
    ALGORITHM_NAME,
    ALGORITHM_VERSION,
    DEVICE,
    DEVICE_OBSERVER_MANUFACTURER,
    DEVICE_OBSERVER_MODEL_NAME,
    DEVICE_OBSERVER_NAME,
    DEVICE_OBSERVER_UID,
    OBSERVER_TYPE,
    PERSON,
    PERSON_OBSERVER_NAME,
    Concept,
)
from orchestration.extract.sr.content_item import ContentItem

DEVICE_DETAILS = (DEVICE_OBSERVER_UID, DEVICE_OBSERVER_NAME, DEVICE_OBSERVER_MANUFACTURER, DEVICE_OBSERVER_MODEL_NAME)


@dataclass(frozen=True)
class Observer:
    kind: str | None  # "PERSON" or "DEVICE"
    person_pseudonym: str | None = None
    device_uid: str | None = None
    device_name: str | None = None
    manufacturer: str | None = None
    model_name: str | None = None

    def columns(self) -> dict[str, str | None]:
        return {
            "ObserverType": self.kind,
            "ObserverPersonPseudonym": self.person_pseudonym,
            "ObserverDeviceUID": self.device_uid,
            "ObserverDeviceName": self.device_name,
            "ObserverManufacturer": self.manufacturer,
            "ObserverModelName": self.model_name,
        }


def observer_context(container: ContentItem, oddities: list[str]) -> Observer | None:
    """The observer stated directly on `container`, or None when it states none."""
    context = [item for item in container.children if item.is_a(OBSERVER_TYPE, PERSON_OBSERVER_NAME, *DEVICE_DETAILS)]
    if not context:
        return None
    types = {_kind(item) for item in context if item.is_a(OBSERVER_TYPE)}
    person = next((item.person_pseudonym for item in context if item.is_a(PERSON_OBSERVER_NAME)), None)
    device_uid, name, manufacturer, model = (_value(context, concept) for concept in DEVICE_DETAILS)
    has_device = "DEVICE" in types or any((device_uid, name, manufacturer, model))
    if not types:
        oddities.append("observer context without Observer Type")
    return Observer(
        kind="DEVICE" if has_device else "PERSON" if "PERSON" in types or person else None,
        person_pseudonym=person,
        device_uid=device_uid,
        device_name=name,
        manufacturer=manufacturer,
        model_name=model,
    )


def algorithm(items: list[ContentItem]) -> tuple[str | None, str | None]:
    """Algorithm name and version (TID 4019 Algorithm Identification) among `items`."""
    return _value(items, ALGORITHM_NAME), _value(items, ALGORITHM_VERSION)


def _kind(item: ContentItem) -> str | None:
    if DEVICE.matches(item.code):
        return "DEVICE"
    if PERSON.matches(item.code):
        return "PERSON"
    return None


def _value(items: list[ContentItem], concept: Concept) -> str | None:
    """The text or UID of the first item that is `concept` (devices write either Value Type)."""
    return next((item.text or item.uid for item in items if item.is_a(concept) and (item.text or item.uid)), None)

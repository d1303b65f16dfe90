"""The DICOM JSON of one instance (PS3.18 F.2, as WADO-RS metadata returns it) into the
header values `read_header` gives for the instance's file (pure: no Dagster, no I/O).

The point is that the same instance lands the same row whichever way it arrives, so the
JSON is turned back into what pydicom would have read from the file and handed to the
file path's own value conversion (`_header_values`), instead of a second set of rules:

- String values (text, codes, dates, UIDs, person names, IS and DS) are re-encoded as the
  element's bytes and left as raw elements, which pydicom decodes on access with the very
  converters it uses for files: padding stripped, multi-values split on the backslash,
  malformed IS/DS kept as text. DICOM JSON is UTF-8 and already decoded, so the dataset
  is decoded as ISO_IR 192; the archive's own Specific Character Set is reported as is.
- Binary numbers (US, UL, FD...) come from pydicom's own JSON reader.
- Which required attributes are missing comes from the JSON's top-level attributes: one
  without a value (PS3.18 F.2.5) is empty, as a zero-length value in the file is.

Only the attributes a row reads are converted; sequences and bulk data never are.
The Transfer Syntax UID is not part of the dataset (it lives in the file meta group,
which DICOM JSON does not carry), so the caller passes it when the archive tells it.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import pydicom
from pydicom.dataelem import DataElement, RawDataElement, convert_raw_data_element
from pydicom.tag import BaseTag

from orchestration.extract.dicom_headers import UnreadableInputError, _header_values
from orchestration.extract.header_values import FIELDS, as_text
from orchestration.extract.iod_requirements import all_required_tags

SPECIFIC_CHARACTER_SET = BaseTag(0x00080005)
UTF8_CHARACTER_SET = "ISO_IR 192"
# DICOM JSON keys ("00100010") of the attributes a row reads.
FIELD_KEYS = {f"{tag:08X}": BaseTag(tag) for tag, _, _ in FIELDS.values()}
# VRs whose file encoding is text (PS3.5 6.2); DICOM JSON gives IS and DS as numbers.
STRING_VRS = frozenset(
    {"AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM", "UC", "UI", "UR", "UT"}
)
# VRs whose values the Specific Character Set applies to (PS3.5 6.1.2.3).
CHARACTER_SET_VRS = frozenset({"SH", "LO", "UC", "ST", "LT", "UT", "PN"})
PERSON_NAME_GROUPS = ("Alphabetic", "Ideographic", "Phonetic")
VALUE_KEYS = ("Value", "BulkDataURI", "InlineBinary")


def header_elements(instance: Any) -> Any:
    """The instance's DICOM JSON cut down to what its header needs: the attributes a row
    reads, and the presence of any attribute some IOD requires (a non-empty sequence keeps
    one empty item). Metadata waiting to be converted stays small this way: a large
    instance's metadata is mostly sequences and private attributes."""
    if not isinstance(instance, Mapping):
        return instance
    kept = {}
    for key, element in instance.items():
        if key in FIELD_KEYS:
            kept[key] = element
        elif (tag := _tag(key)) is not None and tag in all_required_tags():
            is_sequence = isinstance(element, Mapping) and element.get("vr") == "SQ"
            kept[key] = {"vr": "SQ", "Value": [{}] if _has_value(element) else []} if is_sequence else element
    return kept


def header_from_json(instance: Any, *, transfer_syntax_uid: str | None) -> dict[str, Any]:
    """The header values of one instance's DICOM JSON; raises UnreadableInputError."""
    if not isinstance(instance, Mapping):
        raise UnreadableInputError("MalformedMetadata", f"an instance's metadata is a JSON {type(instance).__name__}")
    value_lengths = {
        tag: int(_has_value(element)) for key, element in instance.items() if (tag := _tag(key)) is not None
    }
    # As for files: pydicom warns about every non-conformant value, which still lands as read.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        dataset, character_set = _dataset(instance)
        values = _header_values(dataset, value_lengths)
        values["SpecificCharacterSet"] = as_text(character_set.value) if character_set is not None else None
    if not values["SOPInstanceUID"]:
        raise UnreadableInputError("MissingInstanceUID", "the instance's metadata has no SOP Instance UID")
    values["TransferSyntaxUID"] = transfer_syntax_uid
    return values


def _tag(key: Any) -> int | None:
    try:
        return int(key, 16) if isinstance(key, str) and len(key) == 8 else None
    except ValueError:
        return None


def _has_value(element: Any) -> bool:
    """Whether the attribute has a value: a "Value" with something in it, or bulk data."""
    if not isinstance(element, Mapping):
        return False
    values = element.get("Value")
    if isinstance(values, list) and any(value not in (None, "") for value in values):
        return True
    return any(element.get(key) for key in VALUE_KEYS[1:])


def _dataset(instance: Mapping[str, Any]) -> tuple[pydicom.Dataset, DataElement | None]:
    """The row's attributes as a dataset decoded as UTF-8, and the archive's Specific Character Set."""
    dataset = pydicom.Dataset()
    character_set = None
    for key, tag in FIELD_KEYS.items():
        element = instance.get(key)
        if not isinstance(element, Mapping) or any(bulk in element for bulk in VALUE_KEYS[1:]):
            continue
        try:
            converted = _element(key, tag, element)
            if tag == SPECIFIC_CHARACTER_SET:
                character_set = convert_raw_data_element(converted)
            else:
                dataset[tag] = converted
        except (TypeError, ValueError, KeyError, AttributeError):
            # A hostile value is absent rather than fatal, as `read_header` treats it.
            continue
    dataset[SPECIFIC_CHARACTER_SET] = _raw(SPECIFIC_CHARACTER_SET, "CS", UTF8_CHARACTER_SET)
    return dataset, character_set


def _element(key: str, tag: BaseTag, element: Mapping[str, Any]) -> DataElement | RawDataElement:
    vr = element["vr"]
    values = element.get("Value", [])
    if not isinstance(values, list):
        raise TypeError("'Value' must be a list")
    if vr in STRING_VRS:
        return _raw(tag, vr, "\\".join(_text(value, vr) for value in values))
    return DataElement.from_json(pydicom.Dataset, key, vr, values, "Value" if values else None)


def _raw(tag: BaseTag, vr: str, text: str) -> RawDataElement:
    """A still-encoded element, as the file reader leaves it until the value is asked for."""
    # pydicom decodes only these VRs with the character set, all others as Latin-1 (which
    # is what the file reader does too), so each is encoded the way it will be decoded.
    encoded = text.encode("utf-8") if vr in CHARACTER_SET_VRS else text.encode("latin-1", errors="replace")
    return RawDataElement(tag, vr, len(encoded), encoded, 0, is_implicit_VR=False, is_little_endian=True)


def _text(value: Any, vr: str) -> str:
    """One JSON value as the text the file holds (PS3.18 F.2.3, F.2.2 for person names)."""
    if value is None:
        return ""
    if vr == "PN":
        if not isinstance(value, Mapping):
            raise TypeError("a person name must be a JSON object")
        present = [index for index, group in enumerate(PERSON_NAME_GROUPS) if group in value]
        return "=".join(str(value.get(group) or "") for group in PERSON_NAME_GROUPS[: max(present, default=0) + 1])
    if isinstance(value, bool | Mapping | list):
        raise TypeError(f"not a {vr} value")
    if isinstance(value, float) and value.is_integer() and vr == "IS":
        return str(int(value))
    return str(value)

"""Which attributes each kind of object must carry (PS3.3), for `MissingRequiredAttributes`.

For an instance's SOP Class: the Type 1 (required) and Type 2 (required, may be empty)
top-level attributes of the mandatory modules of its IOD. Conditional attributes (Type 1C
and 2C) are not checked: their conditions depend on other values and on optional modules.
An attribute counts as missing when it is absent or has an empty (zero-length) value,
since an empty Type 2 value is as useless to analytics as a missing one.

The requirements are derived from the standard's IOD, module and attribute tables that
highdicom ships as JSON, and kept as a compact table beside this module
(`iod_requirements.json`, about 1 % of the size): reading highdicom's 22 MB attribute table
in every worker process would cost 0.4 s and 80 MB each. Regenerate it after upgrading
highdicom with `python -m orchestration.extract.iod_requirements`; a test checks that it
matches. A SOP Class these tables do not know falls back to the modules every composite
IOD shares.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from pydicom.datadict import tag_for_keyword

# Type 1 and 2 attributes of the modules every composite IOD shares: Patient, General
# Study, General Series, General Equipment, SOP Common (PS3.3 C.7.1.1, C.7.2.1, C.7.3.1,
# C.7.5.1, C.12.1). Used for SOP Classes the standard's tables do not list.
COMMON_REQUIRED_ATTRIBUTES = [
    "PatientName",
    "PatientID",
    "PatientBirthDate",
    "PatientSex",
    "StudyInstanceUID",
    "StudyDate",
    "StudyTime",
    "ReferringPhysicianName",
    "StudyID",
    "AccessionNumber",
    "Modality",
    "SeriesInstanceUID",
    "SeriesNumber",
    "Manufacturer",
    "SOPClassUID",
    "SOPInstanceUID",
]
REQUIRED_TYPES = {"1", "2"}
MANDATORY = "M"
# A module that requires Value Type is an SR Document Content module. Its table lists the
# value attributes of every kind of content item (Measured Value Sequence, Graphic Data...)
# without their condition, the content item's value type; the document's root item is
# always a CONTAINER (PS3.3 C.17.3), for which only these apply.
ROOT_CONTENT_ITEM_ATTRIBUTES = {"ValueType", "ContinuityOfContent"}

TABLE = Path(__file__).with_name("iod_requirements.json")

# (tag, keyword) pairs in tag order: the order in which missing attributes are listed.
Requirements = tuple[tuple[int, str], ...]


def _in_tag_order(keywords: set[str] | list[str]) -> Requirements:
    tagged = ((tag_for_keyword(keyword), keyword) for keyword in keywords)
    return tuple(sorted((tag, keyword) for tag, keyword in tagged if tag is not None))


COMMON_REQUIREMENTS = _in_tag_order(COMMON_REQUIRED_ATTRIBUTES)


def _standard_tables() -> tuple[dict, dict, dict]:
    spec = importlib.util.find_spec("highdicom")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("highdicom is needed for the standard's IOD tables")
    folder = Path(spec.origin).parent / "_standard"
    return tuple(
        json.loads((folder / name).read_bytes())
        for name in ("sop_class_iod_map.json", "iod_module_map.json", "module_attribute_map.json")
    )


def _required_top_level(attributes: list[dict]) -> set[str]:
    keywords = {
        attribute["keyword"]
        for attribute in attributes
        if attribute["type"] in REQUIRED_TYPES and not attribute["path"]
    }
    return keywords & ROOT_CONTENT_ITEM_ATTRIBUTES if "ValueType" in keywords else keywords


def derive_requirements() -> dict[str, list[str]]:
    """Required keywords per SOP Class UID, from highdicom's copy of the standard's tables."""
    sop_class_iods, iod_modules, module_attributes = _standard_tables()
    by_module = {module: _required_top_level(attributes) for module, attributes in module_attributes.items()}
    by_iod: dict[str, list[str]] = {}
    for iod, modules in iod_modules.items():
        keywords: set[str] = set()
        for module in modules:
            # A few modules of newer IODs are missing from the attribute table: they add nothing.
            if module["usage"] == MANDATORY:
                keywords |= by_module.get(module["key"], set())
        by_iod[iod] = [keyword for _, keyword in _in_tag_order(keywords)]
    return {sop_class: by_iod[iod] for sop_class, iod in sorted(sop_class_iods.items()) if iod in by_iod}


@cache
def _requirements_by_sop_class() -> dict[str, Requirements]:
    table = json.loads(TABLE.read_text())
    return {sop_class: _in_tag_order(keywords) for sop_class, keywords in table.items()}


def required_attributes(sop_class_uid: str | None) -> Requirements:
    """The (tag, keyword) pairs an instance of this SOP Class must carry."""
    return _requirements_by_sop_class().get(sop_class_uid or "", COMMON_REQUIREMENTS)


@cache
def all_required_tags() -> frozenset[int]:
    """Every tag some SOP Class requires: what a reader must note the presence of."""
    tags = {tag for requirements in _requirements_by_sop_class().values() for tag, _ in requirements}
    return frozenset(tags | {tag for tag, _ in COMMON_REQUIREMENTS})


def missing_required(sop_class_uid: str | None, value_lengths: Mapping[int, int]) -> list[str]:
    """Keywords of the required attributes absent from `value_lengths` (tag -> value length) or empty."""
    return [keyword for tag, keyword in required_attributes(sop_class_uid) if not value_lengths.get(tag)]


if __name__ == "__main__":
    TABLE.write_text(json.dumps(derive_requirements(), indent=1, sort_keys=True) + "\n")
    print(f"wrote {TABLE}")

"""R7: generated malformed content trees never raise anything but UnreadableInputError.

Trees are built in memory with every leaf value held raw, as pydicom holds a file's values
until first read: random nesting, missing and unknown value and relationship types, bad and
empty codes, numbers that are not numbers, units nobody knows, empty and repeated
sequences, by-reference items pointing anywhere (their own ancestors included), sequences
whose bytes are garbage. Concepts are drawn partly from those the template readers look
for, so that the dose, TID 1500 and text readers meet the same malformations. A second
test mutates the bytes of a real report file.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydicom import Dataset
from pydicom.datadict import dictionary_VR, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.tag import BaseTag

from orchestration.extract.dicom_headers import UnreadableInputError
from orchestration.extract.sr import extract_sr, extract_sr_dataset
from orchestration.land.sr_schemas import SR_TABLES

pytestmark = [pytest.mark.unit, pytest.mark.slow]

TREES = 10_000
FILE_MUTATIONS = 1_000
# Refusals a malformed tree may earn; "SRExtractionFailed" (the last guard) would mean a bug.
TREE_REFUSALS = {"SRTreeTooDeep", "SRTreeTooLarge", "NotStructuredReport", "MissingSOPInstanceUID"}
RELATIONSHIPS = ["CONTAINS", "HAS PROPERTIES", "HAS OBS CONTEXT", "HAS CONCEPT MOD", "INFERRED FROM", "", "IS", None]
VALUE_TYPES = [
    *("CONTAINER", "TEXT", "NUM", "CODE", "DATETIME", "DATE", "TIME", "UIDREF", "PNAME"),
    *("IMAGE", "COMPOSITE", "WAVEFORM", "SCOORD", "SCOORD3D", "TCOORD", "TABLE"),
    *("PERSON NAME", "HAS CONCEPT MOD", "", None),
]
# Concepts the template readers look for, mixed with unknown ones.
CONCEPTS = [
    ("113701", "DCM"),
    ("113811", "DCM"),
    ("113813", "DCM"),
    ("113819", "DCM"),
    ("113830", "DCM"),
    ("113838", "DCM"),
    ("113831", "DCM"),
    ("113733", "DCM"),
    ("113702", "DCM"),
    ("113706", "DCM"),
    ("113722", "DCM"),
    ("122130", "DCM"),
    ("113500", "DCM"),
    ("113502", "DCM"),
    ("113507", "DCM"),
    ("126000", "DCM"),
    ("126010", "DCM"),
    ("125007", "DCM"),
    ("121005", "DCM"),
    ("121006", "DCM"),
    ("121007", "DCM"),
    ("121008", "DCM"),
    ("121012", "DCM"),
    ("121071", "DCM"),
    ("121401", "DCM"),
    ("111001", "DCM"),
    ("121030", "DCM"),
    ("G-C0E3", "SRT"),
    ("", ""),
    ("X", "99PRIV"),
]
UNITS = ["mGy", "mGy.cm", "mGycm", "Gy.m2", "Gym2", "dGy.cm2", "MBq", "mBq", "s", "ms", "kV", "mA", "uAs", "{x}", ""]
NUMBERS = ["1", "0", "-3.5", "1e3", "1,5", "abc", "NaN", "inf", "1\\2\\3", "", " 7 ", "9" * 40]
SR_CLASSES = [f"1.2.840.10008.5.1.4.1.1.88.{suffix}" for suffix in (11, 22, 33, 34, 59, 67, 68, 71)]
SCHEMAS = {table: schema for table, schema in SR_TABLES.items()}

TEXTS = ["", " ", "Doe^Jane", "\x00\xff", "a" * 70, "1.2.3", "20250301", "120000.5", "x" * 9, "\u00e9\u4e2d"]
GRAPHIC_TYPES = ["POINT", "POLYLINE", "", "?"]
TEMPLATES = ["10011", "10001", "1500", "010", "x", ""]
# Real reports are a few levels deep and tens to thousands of items wide; these bounds keep
# each example cheap while every malformation still meets every reader.
MAX_DEPTH = 5
MAX_ITEMS = 25


class Choices:
    """Decisions read from bytes: all zeros is the smallest tree, and running out reads zeros.

    The bytes are a short prefix hypothesis draws and shrinks (the root and the first items,
    where a failure usually lies) followed by a long stream from a Random hypothesis seeds.
    Drawing that is far cheaper than drawing a recursive strategy node by node, which is what
    lets ten thousand trees run in CI; a failing example is still reported and replayed.
    """

    def __init__(self, data: bytes) -> None:
        self.data, self.at, self.items, self.repeated = data, 0, 0, False

    def byte(self) -> int:
        self.at += 1
        return self.data[self.at - 1] if self.at <= len(self.data) else 0

    def below(self, bound: int) -> int:
        return self.byte() % bound

    def pick(self, options: list):
        return options[self.below(len(options))]

    def one_in(self, odds: int) -> bool:
        return self.below(odds) == odds - 1

    def text(self) -> str:
        if self.one_in(3):
            return bytes(self.byte() for _ in range(self.below(8))).decode("latin-1")
        return self.pick(TEXTS)


def raw(keyword: str, value: bytes) -> RawDataElement:
    tag = BaseTag(tag_for_keyword(keyword))
    return RawDataElement(tag, dictionary_VR(tag), len(value), value, 0, False, True)


def put(dataset: Dataset, keyword: str, value: str | bytes) -> None:
    """Hold a value raw, as read from a file: it is decoded (or fails to be) only when first accessed."""
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogateescape")
    dataset[BaseTag(tag_for_keyword(keyword))] = raw(keyword, data)


def code(choices: Choices) -> Dataset:
    entry = Dataset()
    value, scheme = choices.pick(CONCEPTS)
    for keyword, part in (("CodeValue", value), ("CodingSchemeDesignator", scheme), ("CodeMeaning", choices.text())):
        if part or choices.one_in(2):
            put(entry, keyword, part)
    return entry


def add_code_sequence(choices: Choices, dataset: Dataset, keyword: str) -> None:
    """Usually one code; sometimes none, two, or bytes that are no sequence at all."""
    kind = choices.pick(["one", "one", "one", "empty", "two", "garbage"])
    if kind == "garbage":
        dataset[BaseTag(tag_for_keyword(keyword))] = raw(keyword, b"\x01\x02\x03")
        return
    setattr(dataset, keyword, [code(choices) for _ in range({"one": 1, "empty": 0, "two": 2}[kind])])


def measured_value(choices: Choices, node: Dataset) -> None:
    measured = Dataset()
    if not choices.one_in(6):
        put(measured, "NumericValue", choices.pick(NUMBERS))
    if not choices.one_in(6):
        unit = Dataset()
        put(unit, "CodeValue", choices.pick(UNITS))
        put(unit, "CodingSchemeDesignator", choices.pick(["UCUM", "UCM", "99PHI", ""]))
        measured.MeasurementUnitsCodeSequence = [unit]
    node.MeasuredValueSequence = choices.pick([[], [measured], [measured, measured]])
    if choices.one_in(5):
        add_code_sequence(choices, node, "NumericValueQualifierCodeSequence")


def item(choices: Choices) -> Dataset:
    """One content item with anything a broken device might write in it."""
    node = Dataset()
    choices.items += 1
    relationship, value_type = choices.pick(RELATIONSHIPS), choices.pick(VALUE_TYPES)
    if relationship is not None:
        put(node, "RelationshipType", relationship)
    if value_type is not None:
        put(node, "ValueType", value_type)
    if not choices.one_in(10):
        add_code_sequence(choices, node, "ConceptNameCodeSequence")
    for keyword in ("TextValue", "DateTime", "Date", "UID", "PersonName", "Time"):
        if choices.one_in(4):
            put(node, keyword, choices.text())
    if choices.one_in(2):
        measured_value(choices, node)
    if choices.one_in(4):
        add_code_sequence(choices, node, "ConceptCodeSequence")
    if choices.one_in(6):
        put(node, "GraphicType", choices.pick(GRAPHIC_TYPES))
        node.GraphicData = [
            choices.pick([0.0, -1.5, 1e30, float("nan"), float("inf")]) for _ in range(choices.below(8))
        ]
    if choices.one_in(8):
        reference = Dataset()
        put(reference, "ReferencedSOPInstanceUID", choices.text())
        node.ReferencedSOPSequence = choices.pick([[], [reference], [reference, reference]])
    if choices.one_in(8):
        node.ReferencedContentItemIdentifier = [choices.below(5) for _ in range(choices.below(5))]
    if choices.one_in(10):
        template = Dataset()
        put(template, "TemplateIdentifier", choices.pick(TEMPLATES))
        node.ContentTemplateSequence = [template]
    return node


def subtree(choices: Choices, depth: int) -> Dataset:
    node = item(choices)
    if depth < MAX_DEPTH and choices.below(3):
        children = []
        for _ in range(choices.below(6)):
            if choices.items >= MAX_ITEMS:
                break
            children.append(subtree(choices, depth + 1))
        if children and not choices.repeated and choices.one_in(30):
            choices.repeated = True  # once a document: nested repeats would multiply
            children = children * 20  # a huge, repetitive sequence
        node.ContentSequence = children
    return node


def document(data: bytes) -> Dataset:
    """A whole document from the bytes: a root item with a tree below it, and a SOP Class."""
    choices = Choices(data)
    root = subtree(choices, 0)
    if "ContentSequence" not in root:
        root.ContentSequence = [subtree(choices, 1) for _ in range(choices.below(4))]
    if "ReferencedContentItemIdentifier" in root:  # a by-reference root would be no root
        del root.ReferencedContentItemIdentifier
    not_a_report = choices.pick(["1.2.840.10008.5.1.4.1.1.2", ""]) if choices.one_in(10) else None
    put(root, "SOPClassUID", not_a_report if not_a_report is not None else choices.pick(SR_CLASSES))
    if not choices.one_in(20):
        put(root, "SOPInstanceUID", "1.2.3.4")
    return root


documents = st.builds(
    lambda prefix, stream: document(prefix + stream.randbytes(2048)),
    st.binary(max_size=128),
    st.randoms(use_true_random=True),
)


def assert_rows_fit_their_schemas(tables: dict[str, list[dict]]) -> None:
    """Each value has its column's type (a cheap stand-in for landing every example through Arrow)."""
    for table, rows in tables.items():
        for row in rows:
            for name in row.keys() & set(SCHEMAS[table].names):
                value, kind = row[name], SCHEMAS[table].field(name).type
                if value is None:
                    continue
                if pa.types.is_list(kind):
                    assert all(isinstance(entry, str) for entry in value), (table, name)
                elif pa.types.is_floating(kind):
                    assert isinstance(value, float), (table, name, value)
                elif pa.types.is_integer(kind):
                    assert isinstance(value, int), (table, name, value)
                else:
                    assert isinstance(value, str), (table, name, value)


def test_generated_malformed_trees_land_or_are_refused_with_a_reason():
    generated = []

    @settings(
        max_examples=TREES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(documents)
    def extract(document: Dataset) -> None:
        generated.append(1)
        try:
            extraction = extract_sr_dataset(document, lambda name: f"pseudonym-{len(name)}")
        except UnreadableInputError as refused:
            assert refused.error_class in TREE_REFUSALS, (refused.error_class, refused.message)
            return
        assert_rows_fit_their_schemas(extraction.tables)

    extract()
    assert len(generated) >= TREES


def test_mutated_report_files_land_or_are_refused_with_a_reason(pydicom_files: Path, tmp_path_factory):
    original = (pydicom_files / "test_files" / "test-SR.dcm").read_bytes()
    folder = tmp_path_factory.mktemp("mutations")
    generated = []

    @settings(max_examples=FILE_MUTATIONS, deadline=None, database=None)
    @given(
        st.lists(st.tuples(st.integers(0, len(original) - 1), st.integers(0, 255)), min_size=1, max_size=8),
        st.integers(1, len(original)),
    )
    def extract(flips: list[tuple[int, int]], length: int) -> None:
        data = bytearray(original[:length])
        for offset, byte in flips:
            if offset < len(data):
                data[offset] = byte
        path = folder / f"mutation-{len(generated)}.dcm"
        path.write_bytes(bytes(data))
        generated.append(1)
        try:
            extraction = extract_sr(path, lambda name: f"pseudonym-{len(name)}")
        except UnreadableInputError as refused:
            assert refused.error_class != "SRExtractionFailed", refused.message
            return
        assert_rows_fit_their_schemas(extraction.tables)

    extract()
    assert len(generated) >= FILE_MUTATIONS

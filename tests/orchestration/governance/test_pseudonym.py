"""Keyed pseudonyms (SPEC §5)."""

from __future__ import annotations

import stat

import pytest

from dashboards.settings import load_settings
from orchestration.governance.pseudonym import (
    MissingPseudonymKeyError,
    Pseudonymiser,
    create_key_file,
    load_pseudonymiser,
)

pytestmark = pytest.mark.unit


def test_same_identifier_and_key_give_the_same_pseudonym() -> None:
    assert Pseudonymiser(b"k").patient("12345", "HOSP") == Pseudonymiser(b"k").patient("12345", "HOSP")


def test_another_key_gives_another_pseudonym() -> None:
    assert Pseudonymiser(b"k1").patient("12345") != Pseudonymiser(b"k2").patient("12345")


def test_same_patient_id_from_two_issuers_stays_two_patients() -> None:
    pseudonymiser = Pseudonymiser(b"k")
    assert pseudonymiser.patient("12345", "HOSP-A") != pseudonymiser.patient("12345", "HOSP-B")


def test_patient_and_accession_namespaces_do_not_collide() -> None:
    pseudonymiser = Pseudonymiser(b"k")
    assert pseudonymiser.patient("A100") != pseudonymiser.accession("A100")


def test_empty_identifiers_stay_empty() -> None:
    pseudonymiser = Pseudonymiser(b"k")
    assert pseudonymiser.patient("") is None and pseudonymiser.accession("  ") is None


def test_pseudonym_does_not_contain_the_identifier() -> None:
    pseudonym = Pseudonymiser(b"k").accession("ACC-998877")
    assert "998877" not in pseudonym and len(pseudonym) == 32


def test_refuses_to_run_without_a_key(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("LANTERN_PSEUDONYM_KEY", raising=False)
    with pytest.raises(MissingPseudonymKeyError, match="LANTERN_PSEUDONYM_KEY"):
        load_pseudonymiser(load_settings(data_dir=tmp_path))


def test_created_key_file_is_owner_only_and_kept(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("LANTERN_PSEUDONYM_KEY", raising=False)
    settings = load_settings(data_dir=tmp_path)
    path = create_key_file(settings)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = load_pseudonymiser(settings).patient("1")
    create_key_file(settings)
    assert load_pseudonymiser(settings).patient("1") == first


def test_person_names_have_their_own_namespace() -> None:
    pseudonymiser = Pseudonymiser(b"k")
    assert pseudonymiser.person("Smith^John") == pseudonymiser.person(" Smith^John ")
    assert pseudonymiser.person("Smith^John") != pseudonymiser.patient("Smith^John")
    assert pseudonymiser.person("") is None

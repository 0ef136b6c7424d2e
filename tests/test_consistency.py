from pathlib import Path

import pytest

from rolemap.consistency import check_consistency, find_clashes
from rolemap.errors import InconsistentGraphError, ReasonerUnavailableError
from rolemap.loader import load

CONTRADICTIONS = Path(__file__).parent / "fixtures" / "contradictions"


def test_overvecht_graph_is_consistent(overvecht):
    check_consistency(overvecht)  # raises on a contradiction
    assert find_clashes(overvecht) == []


def test_disjoint_kinds_are_reported_by_entity_classes_and_file():
    kg = load(extra_files=[CONTRADICTIONS / "organisation_is_task.ttl"])
    with pytest.raises(InconsistentGraphError) as caught:
        check_consistency(kg)
    message = str(caught.value)
    assert "Buurtwerk Noord" in message
    assert "org:Organization" in message and "rm:Task" in message
    assert "organisation_is_task.ttl" in message


def test_functional_property_with_two_values_is_reported():
    kg = load(extra_files=[CONTRADICTIONS / "task_with_two_orientations.ttl"])
    with pytest.raises(InconsistentGraphError) as caught:
        check_consistency(kg)
    assert "alles tegelijk" in str(caught.value)
    assert "rm:orientation" in str(caught.value)


def test_clash_implied_by_a_range_is_found():
    kg = load(extra_files=[CONTRADICTIONS / "post_used_as_organisation.ttl"])
    clashes = find_clashes(kg)
    assert [clash.label for clash in clashes] == ["functie B"]
    assert "org:Post" in clashes[0].message


def test_missing_java_gives_an_install_hint(overvecht, monkeypatch):
    monkeypatch.setattr("owlready2.JAVA_EXE", "/nonexistent/java")
    with pytest.raises(ReasonerUnavailableError, match="Java"):
        check_consistency(overvecht)

"""The gate for additions and what happens after: refused additions name why and where and
change nothing; an accepted one is in every answer at once, is in the history, and can be undone
(unless a later addition depends on it)."""

from pathlib import Path

import pytest
from rdflib import URIRef

from rolemap.addition_formats import parse_addition
from rolemap.additions import (
    InvalidAdditionError,
    NoOrganisationError,
    OrganisationExistsError,
)
from rolemap.config import Settings
from rolemap.history import UndoRefusedError, UnknownAdditionError
from rolemap.knowledge_base import KnowledgeBase
from rolemap.recognise import Question
from rolemap.routing import route

FIXTURES = Path(__file__).parent / "fixtures"
TWO_TEAMS = FIXTURES / "jargon"
BUURTKRACHT = FIXTURES / "new_organisation" / "buurtkracht.ttl"
PREFIXES = """@prefix rm: <https://w3id.org/rolemap/def#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix ex: <https://example.org/test/> .
@prefix jargon: <https://example.org/jargon/> .
"""


def turtle(text: str, name: str = "addition.ttl"):
    return parse_addition((PREFIXES + text).encode(), "turtle", name)


def buurtkracht():
    return parse_addition(BUURTKRACHT.read_bytes(), "turtle", BUURTKRACHT.name)


@pytest.fixture
def kb() -> KnowledgeBase:
    return KnowledgeBase(Settings(data=TWO_TEAMS))


def stored(kb: KnowledgeBase) -> bytes:
    return kb.backend.dump_nquads()


def test_an_addition_without_an_organisation_is_refused(kb):
    before = stored(kb)
    with pytest.raises(NoOrganisationError, match="holds no organisation") as refused:
        kb.add(turtle('ex:x a rm:Sense ; skos:prefLabel "x"@nl .'), "anna")
    assert refused.value.status == 422
    assert stored(kb) == before


def test_an_organisation_that_exists_is_refused_by_iri_and_by_id(kb):
    before = stored(kb)
    same_iri = turtle('jargon:noord a org:FormalOrganization ; dct:identifier "noord-2" .')
    with pytest.raises(OrganisationExistsError, match="already in the graph") as refused:
        kb.add(same_iri, "anna")
    assert refused.value.status == 409
    same_id = turtle('\nex:noord a org:FormalOrganization ;\n  dct:identifier "team-noord" .')
    with pytest.raises(OrganisationExistsError, match="team-noord") as refused:
        kb.add(same_id, "anna")
    assert refused.value.problems[0].line == 8  # the line that describes ex:noord
    assert stored(kb) == before


def test_a_structure_violation_is_refused_with_the_check_and_the_line(kb):
    before = stored(kb)
    unnamed = turtle(
        'ex:nieuw a org:FormalOrganization ; dct:identifier "nieuw" ;\n'
        "    dct:source jargon:fictief ."
    )
    with pytest.raises(InvalidAdditionError, match="structure violation") as refused:
        kb.add(unnamed, "anna")
    problems = refused.value.problems
    assert {p.check for p in problems} == {"organisation-structure"}
    assert all(p.line == 7 for p in problems)
    assert any("skos:prefLabel" in p.message for p in problems)
    assert stored(kb) == before


def test_a_contradiction_is_refused_with_the_reasoners_clash(kb):
    before = stored(kb)
    # a working area must be an rm:Area: Team Noord, an organisation, cannot be one
    both = turtle(
        'ex:nieuw a org:FormalOrganization ; dct:identifier "nieuw" ;\n'
        '    skos:prefLabel "Nieuw Team"@nl ; dct:source jargon:fictief ;\n'
        "    rm:workingArea jargon:noord ."
    )
    with pytest.raises(InvalidAdditionError, match="contradictory") as refused:
        kb.add(both, "anna")
    assert "Team Noord" in str(refused.value) and "disjoint" in str(refused.value)
    assert stored(kb) == before


def test_a_dry_run_shows_new_findings_and_stores_nothing(kb):
    before = stored(kb)
    checked, changes = kb.dry_run(buurtkracht())
    assert checked.organisation_ids == ["buurtkracht"]
    homonyms = [f for f in changes.new if f.check == "homonym"]
    assert homonyms and {"buurtkracht", "team-noord"} <= {
        o["id"] for f in homonyms for o in f.organisations
    }
    assert changes.gone == []
    assert stored(kb) == before


def test_an_addition_is_in_look_up_report_and_routing_at_once_and_in_the_history(kb):
    added = kb.add(buurtkracht(), "anna")
    entry = added.entry
    assert (entry.id, entry.by, entry.source) == (1, "anna", "buurtkracht.ttl")
    assert entry.organisations == ["buurtkracht"] and entry.triples == 42
    senses = kb.view.terms.look_up("wijkkracht")["senses"]
    assert "buurtkracht" in {s["organisation"]["id"] for s in senses}
    assert "buurtkracht" in {o["id"] for f in kb.report().findings for o in f.organisations}
    question = Question(description="iemand wil meedoen in de buurt", age=40)
    candidates = route(kb.view.routing, question, "nl")["candidates"]
    assert "buurtkracht" in {c["organisation"]["id"] for c in candidates}
    assert [e.id for e in kb.history()] == [1]


def test_undo_restores_the_graph_and_marks_the_history(kb):
    before = kb.kg.graph
    kb.add(buurtkracht(), "anna")
    undone = kb.undo(1, "bob")
    assert (undone.undone_by, undone.by) == ("bob", "anna") and undone.undone_at
    assert set(kb.kg.graph) == set(before)
    assert kb.history()[0].undone_at == undone.undone_at
    with pytest.raises(UndoRefusedError, match="already undone"):
        kb.undo(1, "bob")
    with pytest.raises(UnknownAdditionError, match="additions: 1"):
        kb.undo(7, "bob")


def test_undo_is_refused_while_a_later_addition_depends_on_it(kb):
    kb.add(buurtkracht(), "anna")
    dependent = turtle(
        'ex:nieuw a org:FormalOrganization ; dct:identifier "nieuw" ;\n'
        '    skos:prefLabel "Nieuw Team"@nl ; dct:source jargon:fictief .\n'
        'ex:nieuw-coach a org:Post ; dct:identifier "nieuw-coach" ;\n'
        '    skos:prefLabel "buurtcoach bij Nieuw Team"@nl ; org:postIn ex:nieuw ;\n'
        "    org:role <https://example.org/buurtkracht/buurtcoach> ; dct:source jargon:fictief ."
    )
    kb.add(dependent, "anna")
    with pytest.raises(UndoRefusedError, match="undo those first") as refused:
        kb.undo(1, "bob")
    assert "buurtcoach bij Nieuw Team" in str(refused.value)
    assert (URIRef("https://example.org/buurtkracht/buurtkracht"), None, None) in kb.kg.graph
    kb.undo(2, "bob")
    kb.undo(1, "bob")
    assert [e.undone_by for e in kb.history()] == ["bob", "bob"]


def test_who_made_a_change_must_be_a_simple_label(kb):
    with pytest.raises(Exception, match="cannot name who made a change"):
        kb.add(buurtkracht(), "anna <script>")


def test_a_violation_the_addition_causes_on_an_existing_entity_is_found(kb):
    """The check looks only at the addition's context: that must include the existing entities
    the addition says something about."""
    second_name = turtle(
        'ex:nieuw a org:FormalOrganization ; dct:identifier "nieuw" ;\n'
        '    skos:prefLabel "Nieuw Team"@nl ; dct:source jargon:fictief .\n'
        'jargon:noord skos:prefLabel "Noorderteam"@nl .'
    )
    with pytest.raises(InvalidAdditionError) as refused:
        kb.check(second_name)
    assert {p.focus for p in refused.value.problems} == {"https://example.org/jargon/noord"}
    assert {p.line for p in refused.value.problems} == {9}

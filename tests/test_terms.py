"""The jargon of the source is all there, with each organisation's own meaning."""

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from rolemap.namespaces import RM, RMV
from rolemap.stats import instances
from rolemap.text import normalise

# The terms the source document discusses (issue 2); each needs a sense per organisation using it.
REQUIRED_TERMS = [
    "voorveld",
    "activering",
    "empowerment",
    "sociale netwerken ondersteunen",
    "één-op-één begeleiding",
    "samenlevingsopbouw",
    "hulpverlening",
    "eerstelijnszorg",
    "loket",
    "warme overdracht",
    "casuïstiekbespreking",
    "grijs gebied",
    "buurthuis",
    "systeemwereld",
    "leefwereld",
    "ontwikkelwerkplaats",
    "netwerksamenleving",
    "improvisatiemaatschappij",
    "licht en lucht",
    "praten met",
    "praten over",
]


def senses_of(graph: Graph, term: str) -> list:
    wanted = normalise(term)
    return [
        sense
        for sense in instances(graph, RM.Sense)
        if any(
            normalise(str(label)) == wanted
            for prop in (SKOS.prefLabel, SKOS.altLabel)
            for label in graph.objects(sense, prop)
        )
    ]


def organisation_of(graph: Graph, sense) -> str:
    vocabulary = graph.value(sense, SKOS.inScheme)
    return str(graph.value(vocabulary, RM.vocabularyOf))


@pytest.mark.parametrize("term", REQUIRED_TERMS)
def test_term_has_a_defined_sense_for_each_organisation_using_it(overvecht, term):
    graph = overvecht.graph
    senses = senses_of(graph, term)
    assert senses, f"no sense for {term!r}"
    for sense in senses:
        definitions = {d.language for d in graph.objects(sense, SKOS.definition)}
        assert "nl" in definitions, f"{sense} has no Dutch definition"
        assert organisation_of(graph, sense) != "None", f"{sense} belongs to no organisation"
    organisations = [organisation_of(graph, sense) for sense in senses]
    assert len(organisations) == len(set(organisations)), "one sense per organisation"


def test_voorveld_is_heard_as_denigrating_by_another_organisation(overvecht):
    graph = overvecht.graph
    (sense,) = senses_of(graph, "voorveld")
    connotations = list(graph.objects(sense, RM.hasConnotation))
    assert connotations
    for connotation in connotations:
        assert graph.value(connotation, RM.connotationKind) == RMV.denigrerend
        assert graph.value(connotation, RM.perceivedBy) != graph.value(
            graph.value(sense, SKOS.inScheme), RM.vocabularyOf
        )
        assert graph.value(connotation, RM.neutralAlternative) is not None


@pytest.mark.parametrize("term", ["één-op-één begeleiding", "activering"])
def test_same_word_means_different_work_across_organisations(overvecht, term):
    graph = overvecht.graph
    senses = senses_of(graph, term)
    assert len({organisation_of(graph, sense) for sense in senses}) >= 2
    definitions = {
        str(text)
        for sense in senses
        for text in graph.objects(sense, SKOS.definition)
        if text.language == "nl"
    }
    assert len(definitions) == len(senses)
    for sense in senses:
        assert not set(graph.objects(sense, SKOS.exactMatch)) & set(senses)

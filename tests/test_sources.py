"""Every fact cites its source, and every quote from a document really stands in it."""

import re

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from rolemap.namespaces import OA, RM
from rolemap.paths import seed_dir
from rolemap.stats import instances

_SCHEMA_NAMESPACES = (str(OWL), str(RDFS), str(RDF))
_SOURCE_KINDS = {RM.Citation, RM.Assumption, RM.SourceDocument}


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _stated_facts(graph: Graph) -> set[URIRef]:
    """Individuals the data describes: everything typed, except the schema and the sources."""
    schema = {
        node
        for node, kind in graph.subject_objects(RDF.type)
        if str(kind).startswith(_SCHEMA_NAMESPACES)
    }
    typed = {node for node in graph.subjects(RDF.type) if not isinstance(node, BNode)}
    sources = set().union(*(instances(graph, kind) for kind in _SOURCE_KINDS))
    return typed - schema - sources


def test_every_entity_cites_a_source_or_an_assumption(overvecht):
    graph = overvecht.graph
    sources = instances(graph, RM.Citation) | instances(graph, RM.Assumption)
    uncited = sorted(
        str(node) for node in _stated_facts(graph) if not set(graph.objects(node, DCTERMS.source))
    )
    not_a_source = sorted(
        f"{node} -> {source}"
        for node, source in graph.subject_objects(DCTERMS.source)
        if source not in sources
    )
    assert (uncited, not_a_source) == ([], [])


def test_every_assumption_says_what_was_assumed(overvecht):
    graph = overvecht.graph
    silent = [
        str(node)
        for node in instances(graph, RM.Assumption)
        if not any(text.language == "nl" for text in graph.objects(node, DCTERMS.description))
    ]
    assert silent == []


def test_every_citation_names_a_source_document(overvecht):
    graph = overvecht.graph
    documents = instances(graph, RM.SourceDocument)
    orphans = [
        str(node)
        for node in instances(graph, RM.Citation)
        if graph.value(node, RM.inDocument) not in documents
    ]
    assert orphans == []


def _citations_of_texts(graph: Graph):
    for citation in instances(graph, RM.Citation):
        document = graph.value(citation, RM.inDocument)
        text_file = graph.value(document, RM.textFile)
        if text_file is not None:
            yield citation, str(text_file)


def test_citations_of_a_document_with_text_give_section_and_quote(overvecht):
    graph = overvecht.graph
    incomplete = [
        str(citation)
        for citation, _ in _citations_of_texts(graph)
        if graph.value(citation, RM.section) is None or graph.value(citation, OA.exact) is None
    ]
    assert incomplete == []


def test_every_quote_and_section_stands_in_the_document(overvecht):
    graph = overvecht.graph
    cited = list(_citations_of_texts(graph))
    assert cited, "the data cites no document with a text"
    texts = {}
    for name in {name for _, name in cited}:
        path = seed_dir() / name
        if not path.exists():
            pytest.skip(f"{path} is not here; quotes can only be checked beside shared/seed")
        texts[name] = path.read_text(encoding="utf-8")
    wrong = []
    for citation, name in cited:
        text = texts[name]
        quote, section = graph.value(citation, OA.exact), graph.value(citation, RM.section)
        if _squash(str(quote)) not in _squash(text):
            wrong.append(f"{citation}: quote not in {name}: {quote!r}")
        if _squash(str(section)) not in {_squash(line) for line in text.splitlines()}:
            wrong.append(f"{citation}: no heading {section!r} in {name}")
    assert wrong == []

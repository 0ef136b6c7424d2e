"""The organisations in the graph, as a list and one by one: what an analyst checks after an
addition (`GET /api/organisations`)."""

from rdflib import URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from rolemap.errors import UnknownOrganisationError
from rolemap.labels import identifier, label, texts
from rolemap.loader import KnowledgeGraph
from rolemap.namespaces import RM
from rolemap.report import organisation_ids
from rolemap.sources import sources_of


def addition_of(kg: KnowledgeGraph, node: URIRef) -> int | None:
    """The number of the addition that stated the node, None for the base data."""
    for source in kg.stated_in.get(node, ()):
        parts = source.parts
        if len(parts) == 2 and parts[0] == "addition" and parts[1].isdigit():
            return int(parts[1])
    return None


def _summary(kg: KnowledgeGraph, org: URIRef, lang: str) -> dict:
    graph = kg.graph
    return {
        "id": identifier(graph, org),
        "name": label(graph, org, lang),
        "iri": str(org),
        "kind": label(graph, graph.value(org, RDF.type), lang),
        "addition": addition_of(kg, org),
    }


def organisation_list(kg: KnowledgeGraph, lang: str = "nl") -> list[dict]:
    found = organisation_ids(kg.graph)
    return sorted((_summary(kg, org, lang) for org in found.values()), key=lambda o: o["id"])


def organisation_detail(kg: KnowledgeGraph, org_id: str, lang: str = "nl") -> dict:
    known = organisation_ids(kg.graph)
    if org_id not in known:
        raise UnknownOrganisationError([org_id], sorted(known))
    graph, org = kg.graph, known[org_id]
    posts = sorted(graph.subjects(ORG.postIn, org))
    tasks = sorted({task for post in posts for task in graph.subjects(RM.performedBy, post)})
    schemes = list(graph.subjects(RM.vocabularyOf, org))
    senses = sorted({s for scheme in schemes for s in graph.subjects(SKOS.inScheme, scheme)})

    def named(nodes: list) -> list[dict]:
        return [{"id": identifier(graph, n), "label": label(graph, n, lang)} for n in nodes]

    return _summary(kg, org, lang) | {
        "description": texts(graph, org, DCTERMS.description),
        "working_areas": named(sorted(graph.objects(org, RM.workingArea))),
        "roles": named(sorted({r for p in posts for r in graph.objects(p, ORG.role)})),
        "tasks": named(tasks),
        "terms": sorted({label(graph, s, lang) for s in senses}),
        "sources": sources_of(graph, org),
    }

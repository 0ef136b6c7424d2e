"""What a graph holds, counted by kind; the kinds are classes in the ontology."""

from rdflib import Graph, URIRef
from rdflib.namespace import ORG, RDF, RDFS, SKOS

from rolemap.namespaces import RM
from rolemap.text import normalise

COUNTED_KINDS: dict[str, URIRef] = {
    "organisations": ORG.Organization,
    "roles": ORG.Role,
    "posts": ORG.Post,
    "tasks": RM.Task,
    "senses": RM.Sense,
    "cases": RM.Case,
    "agreements": RM.Agreement,
    "sources": RM.SourceDocument,
    "citations": RM.Citation,
    "assumptions": RM.Assumption,
}


def instances(graph: Graph, cls: URIRef) -> set[URIRef]:
    """Every node typed with `cls` or one of its subclasses."""
    classes = set(graph.transitive_subjects(RDFS.subClassOf, cls))
    return {node for c in classes for node in graph.subjects(RDF.type, c)}


def term_labels(graph: Graph) -> set[str]:
    """The distinct words behind the senses: one term may have a sense per organisation."""
    return {
        normalise(str(text))
        for sense in instances(graph, RM.Sense)
        for text in graph.objects(sense, SKOS.prefLabel)
        if text.language == "nl"
    }


def counts(graph: Graph) -> dict[str, int]:
    result = {kind: len(instances(graph, cls)) for kind, cls in COUNTED_KINDS.items()}
    result["terms"] = len(term_labels(graph))
    result["triples"] = len(graph)
    return result

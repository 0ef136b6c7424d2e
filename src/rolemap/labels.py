"""Human-readable names for nodes, Dutch first."""

from functools import cache

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from rolemap.loader import parse_turtle, turtle_files
from rolemap.paths import ontology_dir

_LABEL_PROPERTIES = (SKOS.prefLabel, RDFS.label)


def label(graph: Graph, node: Node, lang: str = "nl") -> str:
    """The node's label in `lang`, else in Dutch, else any label, else its IRI's last part."""
    candidates: list[Literal] = [
        value
        for prop in _LABEL_PROPERTIES
        for value in graph.objects(node, prop)
        if isinstance(value, Literal)
    ]
    for wanted in (lang, "nl", None):
        for value in candidates:
            if value.language == wanted:
                return str(value)
    if candidates:
        return str(candidates[0])
    text = str(node)
    return text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def ontology_label(node: Node, lang: str = "nl") -> str:
    """The label the ontology gives a class or property, without waiting for the whole graph:
    the ontology is the same for every data set and small."""
    return label(_ontology(), node, lang)


@cache
def _ontology() -> Graph:
    graph = Graph()
    for path in turtle_files(ontology_dir()):
        graph += parse_turtle(path)
    return graph


def texts(graph: Graph, node: Node, prop: URIRef = SKOS.prefLabel) -> dict[str, str]:
    """One text per language tag ('' for none) of `prop`: {"nl": ..., "en": ...}."""
    found: dict[str, str] = {}
    for value in sorted(graph.objects(node, prop)):
        if isinstance(value, Literal):
            found.setdefault(value.language or "", str(value))
    return found


def identifier(graph: Graph, node: Node) -> str:
    """The node's dct:identifier, else the last part of its IRI."""
    value = graph.value(node, DCTERMS.identifier)
    return str(value) if value is not None else label(graph, node)

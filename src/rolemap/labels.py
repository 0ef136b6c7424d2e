"""Human-readable names for nodes, Dutch first."""

from rdflib import Graph, Literal, Node
from rdflib.namespace import RDFS, SKOS

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

"""Any entity of the graph on its own: its description (the triples about it, with the blank
nodes they lead to) in an RDF format, or as rows for a page."""

from rdflib import BNode, Graph, Literal, Node, URIRef

from rolemap.errors import RolemapError
from rolemap.labels import label

# media type → rdflib serializer name
RDF_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
    "application/n-triples": "nt",
}


class UnknownEntityError(RolemapError):
    status = 404


class BadIriError(RolemapError):
    status = 400


def bounded_description(graph: Graph, node: Node) -> list[tuple[Node, Node, Node]]:
    """The node's triples, following the blank nodes they lead to (a concise bounded
    description)."""
    found, todo, seen = [], [node], set()
    while todo:
        subject = todo.pop()
        seen.add(subject)
        for triple in graph.triples((subject, None, None)):
            found.append(triple)
            if isinstance(triple[2], BNode) and triple[2] not in seen:
                todo.append(triple[2])
    return found


def describe(graph: Graph, iri: str) -> Graph:
    """The entity's concise bounded description: its triples, following blank nodes."""
    if not iri or any(c in iri for c in ' <>"{}|\\^`') or ":" not in iri:
        raise BadIriError(
            f"‘{iri[:200]}’ is not an absolute IRI; give one such as "
            "https://example.org/id/team (percent-encoded in the URL)."
        )
    description = Graph()
    for prefix, namespace in graph.namespaces():
        description.bind(prefix, namespace)
    for triple in bounded_description(graph, URIRef(iri)):
        description.add(triple)
    if not len(description):
        raise UnknownEntityError(
            f"the graph says nothing about <{iri}>. Find entities with GET /api/organisations, "
            "GET /api/terms?q=… or the SPARQL endpoint /sparql."
        )
    return description


def serialize(description: Graph, media_type: str) -> bytes:
    return description.serialize(format=RDF_FORMATS[media_type], encoding="utf-8")


def rows(graph: Graph, iri: str, lang: str = "nl") -> list[dict]:
    """The description as (property, values) rows for a page; IRIs carry a link target."""
    description = describe(graph, iri)
    table: dict[URIRef, list[dict]] = {}
    for _, predicate, value in sorted(description.triples((URIRef(iri), None, None))):
        entry: dict = {"text": str(value)}
        if isinstance(value, URIRef):
            entry = {"text": label(graph, value, lang), "iri": str(value)}
        elif isinstance(value, Literal) and value.language:
            entry["lang"] = value.language
        elif isinstance(value, BNode):
            entry = {"text": _blank_text(description, value, lang, graph)}
        table.setdefault(predicate, []).append(entry)
    return [
        {"property": label(graph, p, lang), "property_iri": str(p), "values": values}
        for p, values in table.items()
    ]


def _blank_text(description: Graph, node: BNode, lang: str, graph: Graph) -> str:
    parts = [f"{label(graph, p, lang)}: {o}" for _, p, o in description.triples((node, None, None))]
    return "; ".join(sorted(parts))

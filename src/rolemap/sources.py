"""Where a statement comes from: citations (document, section, quote) and assumptions."""

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, RDF

from rolemap.labels import label
from rolemap.namespaces import OA, RM


def sources_of(graph: Graph, node: Node) -> list[dict[str, str]]:
    out = []
    for source in sorted(graph.objects(node, DCTERMS.source)):
        if (source, RDF.type, RM.Assumption) in graph:
            out.append({"assumption": _text(graph, source, DCTERMS.description)})
            continue
        document = graph.value(source, RM.inDocument)
        entry = {"document": label(graph, document) if document else ""}
        for key, prop in (("section", RM.section), ("quote", OA.exact)):
            value = graph.value(source, prop)
            if value is not None:
                entry[key] = str(value)
        out.append(entry)
    return out


def _text(graph: Graph, node: Node, prop: URIRef, lang: str = "nl") -> str:
    values = [v for v in graph.objects(node, prop) if isinstance(v, Literal)]
    chosen = [v for v in values if v.language == lang] or values
    return str(chosen[0]) if chosen else ""

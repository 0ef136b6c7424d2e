"""A Graphviz picture of the ontology's main classes and relations, generated from ontology/."""

import shutil
import subprocess
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from rolemap.errors import RolemapError
from rolemap.labels import label
from rolemap.loader import parse_turtle
from rolemap.paths import ontology_dir

_MODEL_FILE = "rolemap.ttl"
SCHEMA = Namespace("https://schema.org/")


def ontology_graph() -> Graph:
    return parse_turtle(ontology_dir() / _MODEL_FILE)


def to_dot(graph: Graph) -> str:
    """Classes as boxes, object properties with a named domain and range as arrows."""
    classes = sorted(c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef))
    short = graph.namespace_manager.normalizeUri
    lines = [
        "digraph rolemap {",
        '  graph [rankdir=LR, fontname="Helvetica", fontsize=11, nodesep=0.25, ranksep=0.5];',
        '  node [shape=box, style="rounded,filled", fillcolor="#eef4fb", fontname="Helvetica",'
        " fontsize=10];",
        '  edge [fontname="Helvetica", fontsize=9, color="#4a5a6a"];',
    ]
    for cls in classes:
        lines.append(f'  "{short(cls)}" [label="{label(graph, cls)}\\n{short(cls)}"];')
    for cls in classes:
        for parent in sorted(graph.objects(cls, RDFS.subClassOf)):
            if parent in classes:
                lines.append(
                    f'  "{short(cls)}" -> "{short(parent)}" [arrowhead=empty, style=dashed];'
                )
    for prop, domain, range_ in sorted(_relations(graph)):
        if domain in classes and range_ in classes:
            name = label(graph, prop, "en") if (prop, RDFS.label, None) in graph else short(prop)
            lines.append(f'  "{short(domain)}" -> "{short(range_)}" [label="{name}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"


def _relations(graph: Graph) -> set[tuple[URIRef, URIRef, URIRef]]:
    """(property, domain, range) from rdfs:domain/range and schema:domainIncludes/rangeIncludes."""
    found = set()
    for prop in set(graph.subjects(RDFS.range)) | set(graph.subjects(SCHEMA.rangeIncludes)):
        domains = set(graph.objects(prop, RDFS.domain)) | set(
            graph.objects(prop, SCHEMA.domainIncludes)
        )
        ranges = set(graph.objects(prop, RDFS.range)) | set(
            graph.objects(prop, SCHEMA.rangeIncludes)
        )
        found |= {(prop, d, r) for d in domains for r in ranges}
    return found


def render(dot_source: str, out: Path) -> None:
    """Write `out` in the format its suffix names (.dot, .svg, .png)."""
    if out.suffix == ".dot":
        out.write_text(dot_source, encoding="utf-8")
        return
    dot = shutil.which("dot")
    if dot is None:
        raise RolemapError(
            "Graphviz 'dot' is not installed; install it (Debian: apt-get install graphviz) "
            "or write a .dot file instead."
        )
    subprocess.run(
        [dot, f"-T{out.suffix.lstrip('.')}", "-o", str(out)],
        input=dot_source.encode(),
        check=True,
    )

"""Run the SHACL shapes over a graph: pySHACL as the reference, Oxigraph as the fast path.

pySHACL evaluates a SHACL-SPARQL constraint once per focus node on rdflib's SPARQL engine, which
takes seconds to minutes on a few thousand triples. The fast path runs each constraint's query
once on Oxigraph, with $this joined to the shape's target classes instead of pre-bound, and fills
in the messages the same way; core (non-SPARQL) shapes still go through pySHACL. Tests check that
both give the same results on the shipped data and on every fixture.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, Node
from rdflib.namespace import RDF, SH

from rolemap.errors import RolemapError
from rolemap.loader import parse_turtle
from rolemap.oxigraph_terms import to_rdflib
from rolemap.paths import shapes_dir

RMSH = Namespace("https://w3id.org/rolemap/shapes#")
_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")
_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, independent of the engine that produced it."""

    check: str  # the shape's local name: a stable check id
    severity: str  # Violation, Warning or Info
    focus: Node
    value: Node | None
    messages: tuple[tuple[str, str], ...]  # (language, text), sorted
    questions: tuple[tuple[str, str], ...] = ()  # filled in by the fast path only

    def key(self) -> tuple:
        """What two engines must agree on. pySHACL drops a message's language when it fills in
        placeholders, so messages compare by text."""
        texts = tuple(sorted(text for _, text in self.messages))
        return (self.check, self.severity, self.focus, self.value, texts)


def load_shapes(files: Iterable[Path] | None = None) -> Graph:
    shapes = Graph()
    for path in files if files is not None else sorted(shapes_dir().glob("*.ttl")):
        shapes += parse_turtle(path)
    return shapes


def check_id(shape: Node) -> str:
    return re.split(r"[#/]", str(shape))[-1]


def _severity(node: Node | None) -> str:
    return check_id(node) if node is not None else "Violation"


def run_pyshacl(
    data: Graph, shapes: Graph, on_oxigraph: bool = False, focus_nodes: list[Node] | None = None
) -> list[Result]:
    """The reference: pySHACL over the whole shapes graph. With `on_oxigraph` its data graph
    lives in Oxigraph (oxrdflib), so its per-node SPARQL queries take seconds, not minutes."""
    if on_oxigraph:
        copy = Graph(store="Oxigraph")
        copy += data
        for prefix, namespace in data.namespaces():  # its messages use the data's prefixes
            copy.bind(prefix, namespace, replace=True)
        data = copy
    _, report, _ = validate(
        data,
        shacl_graph=shapes,
        allow_warnings=True,
        advanced=True,
        inplace=on_oxigraph,
        focus_nodes=focus_nodes,  # None: every target
    )
    return _results_from_report(report)


def _results_from_report(report: Graph) -> list[Result]:
    results = []
    for node in report.subjects(RDF.type, SH.ValidationResult):
        messages = tuple(
            sorted(
                (message.language or "", str(message))
                for message in report.objects(node, SH.resultMessage)
                if isinstance(message, Literal)
            )
        )
        results.append(
            Result(
                check=check_id(report.value(node, SH.sourceShape)),
                severity=_severity(report.value(node, SH.resultSeverity)),
                focus=report.value(node, SH.focusNode),
                value=report.value(node, SH.value),
                messages=messages,
            )
        )
    return results


def run_fast(data: Graph, shapes: Graph, store: pyoxigraph.Store | None = None) -> list[Result]:
    """SPARQL constraints on Oxigraph, core shapes on pySHACL; the same results as run_pyshacl."""
    store = store or to_oxigraph(data)
    sparql_shapes = set(shapes.subjects(SH.sparql, None))
    results = [
        result
        for shape in sorted(sparql_shapes)
        for result in _run_sparql_shape(store, shapes, shape)
    ]
    return results + run_pyshacl(data, _core_shapes(shapes))


def to_oxigraph(data: Graph) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(
        data.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES
    )
    return store


def _core_shapes(shapes: Graph) -> Graph:
    """The shapes without their SPARQL constraints: what pySHACL still has to check."""
    core = Graph()
    core += shapes
    for prefix, namespace in shapes.namespaces():  # pySHACL's messages name shapes by prefix
        core.bind(prefix, namespace, replace=True)
    for shape, constraint in shapes.subject_objects(SH.sparql):
        core.remove((shape, SH.sparql, constraint))
        for triple in _description(shapes, constraint):
            core.remove(triple)
    return core


def _description(graph: Graph, node: Node) -> Iterable[tuple[Node, Node, Node]]:
    """The node's triples and, recursively, those of the blank nodes it points to."""
    for triple in graph.triples((node, None, None)):
        yield triple
        if isinstance(triple[2], BNode):
            yield from _description(graph, triple[2])


def _prefixes(shapes: Graph, constraint: Node) -> str:
    declarations = [
        declaration
        for holder in shapes.objects(constraint, SH.prefixes)
        for declaration in shapes.objects(holder, SH.declare)
    ]
    return "".join(
        f"PREFIX {shapes.value(d, SH.prefix)}: <{shapes.value(d, SH.namespace)}>\n"
        for d in declarations
    )


def _run_sparql_shape(store: pyoxigraph.Store, shapes: Graph, shape: Node) -> list[Result]:
    targets = " ".join(f"<{cls}>" for cls in sorted(shapes.objects(shape, SH.targetClass)))
    severity = _severity(shapes.value(shape, SH.severity))
    # $this joins the shape's targets (SHACL's class targets include subclasses), each focus
    # node once however many type/subclass paths reach a target class.
    target = (
        "{ SELECT DISTINCT ?this WHERE { VALUES ?rolemapTarget { " + targets + " } "
        "?this <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>/"
        "<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?rolemapTarget } } "
    )
    results = []
    for constraint in shapes.objects(shape, SH.sparql):
        select = str(shapes.value(constraint, SH.select)).replace("$this", "?this")
        where = _WHERE.search(select)
        if where is None:
            raise RolemapError(f"{shape}: its SPARQL constraint has no WHERE clause; add one.")
        query = (
            _prefixes(shapes, constraint) + select[: where.end()] + target + select[where.end() :]
        )
        templates = [m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)]
        questions = [q for q in shapes.objects(shape, RMSH.question) if isinstance(q, Literal)]
        solutions = store.query(query)
        names = [variable.value for variable in solutions.variables]
        for row in solutions:
            bindings = {name: row[name] for name in names if row[name] is not None}
            results.append(
                Result(
                    check=check_id(shape),
                    severity=severity,
                    focus=to_rdflib(bindings["this"]),
                    # SHACL: without ?value, the value node is the focus node itself
                    value=to_rdflib(bindings.get("value", bindings["this"])),
                    messages=tuple(sorted(_fill(t, bindings) for t in templates)),
                    questions=tuple(sorted(_fill(q, bindings) for q in questions)),
                )
            )
    return results


def _fill(template: Literal, bindings: dict) -> tuple[str, str]:
    def value(match: re.Match) -> str:
        bound = bindings.get(match.group(1))
        return match.group(0) if bound is None else str(to_rdflib(bound))

    return template.language or "", _PLACEHOLDER.sub(value, str(template))

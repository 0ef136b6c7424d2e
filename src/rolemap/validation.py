"""Run the SHACL shapes over a graph: pySHACL as the reference, Oxigraph as the fast path.

pySHACL checks every constraint focus node by focus node: SHACL-SPARQL constraints on rdflib's
SPARQL engine (seconds to minutes on a few thousand triples), core constraints in Python (many
minutes on a national data set). The fast path runs each constraint once over all its focus
nodes on Oxigraph:
- a SPARQL constraint's query gets $this joined to the shape's targets instead of pre-bound;
- core constraints (sh:class, sh:minCount, sh:or, sh:node …) are compiled to SPARQL by
  rolemap.shacl_core, which builds the results and default messages the way pySHACL does.
Shapes with a construct the compiler does not know go to pySHACL, explicitly and only those, so
the results stay exactly pySHACL's. Tests compare both engines on the shipped data, on synthetic
data and on a fixture per compiled component.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, Node
from rdflib.namespace import RDF, SH

from rolemap.errors import RolemapError
from rolemap.loader import parse_turtle
from rolemap.oxigraph_terms import to_rdflib
from rolemap.paths import shapes_dir
from rolemap.shacl_core import TARGETS, Unsupported, run_core, target_focus

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
    """Every constraint as one Oxigraph query; the same results as run_pyshacl."""
    store = store or to_oxigraph(data)
    sparql_shapes = set(shapes.subjects(SH.sparql, None))
    # NL-SBB gives one constraint to two shapes with the same target: ask each query once
    solved: dict[str, list[dict]] = {}
    results = [
        result
        for shape in sorted(sparql_shapes)
        for result in _run_sparql_shape(store, shapes, shape, solved)
    ]
    core, fallback = run_core(store, data, shapes)
    results += [
        Result(check_id(r.shape), _severity(r.severity), r.focus, r.value, r.messages) for r in core
    ]
    if fallback:  # shapes the compiler cannot translate: pySHACL checks just those
        results += run_pyshacl(data, _core_shapes(shapes, keep_targets=set(fallback)))
    return results


def to_oxigraph(data: Graph) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.bulk_load(
        data.serialize(format="nt", encoding="utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES
    )
    _keep_blank_node_ids(store, data)
    return store


def _keep_blank_node_ids(store: pyoxigraph.Store, data: Graph) -> None:
    """Parsing gives blank nodes fresh ids; results must name the data's own blank nodes, so
    the triples with one are stored again with their rdflib ids."""
    blank = [t for t in data if isinstance(t[0], BNode) or isinstance(t[2], BNode)]
    if blank:
        store.update("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER (isBlank(?s) || isBlank(?o)) }")
        store.extend(pyoxigraph.Quad(*(_to_oxigraph_term(term) for term in t)) for t in blank)


def _to_oxigraph_term(
    term: Node,
) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    if isinstance(term, BNode):
        return pyoxigraph.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return pyoxigraph.Literal(str(term), language=term.language)
        datatype = pyoxigraph.NamedNode(term.datatype) if term.datatype else None
        return pyoxigraph.Literal(str(term), datatype=datatype)
    return pyoxigraph.NamedNode(str(term))


def _core_shapes(shapes: Graph, keep_targets: set[Node]) -> Graph:
    """The shapes without their SPARQL constraints, and with targets only on `keep_targets`:
    what pySHACL still has to check (the other shapes stay as nested shapes)."""
    core = Graph()
    core += shapes
    for prefix, namespace in shapes.namespaces():  # pySHACL's messages name shapes by prefix
        core.bind(prefix, namespace, replace=True)
    for shape, constraint in shapes.subject_objects(SH.sparql):
        core.remove((shape, SH.sparql, constraint))
        for triple in _description(shapes, constraint):
            core.remove(triple)
    for target in TARGETS:
        for shape in set(shapes.subjects(target, None)) - keep_targets:
            core.remove((shape, target, None))
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


def _run_sparql_shape(
    store: pyoxigraph.Store, shapes: Graph, shape: Node, solved: dict[str, list[dict]]
) -> list[Result]:
    """The shape's SPARQL constraints as results; `solved` keeps each query's rows."""
    severity = _severity(shapes.value(shape, SH.severity))
    if not any((shape, target, None) in shapes for target in TARGETS):
        return []  # pySHACL validates a shape without targets only as a nested shape
    try:
        # $this joins the shape's targets, each focus node once (see target_focus)
        target = target_focus(shapes, shape).pattern + " "
    except Unsupported as error:
        raise RolemapError(f"{shape}: {error}; give it explicit targets.") from error
    results = []
    for constraint in shapes.objects(shape, SH.sparql):
        select = planned(str(shapes.value(constraint, SH.select))).replace("$this", "?this")
        where = _WHERE.search(select)
        if where is None:
            raise RolemapError(f"{shape}: its SPARQL constraint has no WHERE clause; add one.")
        query = (
            _prefixes(shapes, constraint) + select[: where.end()] + target + select[where.end() :]
        )
        templates = [m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)]
        questions = [q for q in shapes.objects(shape, RMSH.question) if isinstance(q, Literal)]
        if query not in solved:
            solved[query] = _rows(store, query)
        for bindings in solved[query]:
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


def planned(select: str) -> str:
    """The query plan for a constraint's SELECT (shapes/plans: the same meaning in an order
    Oxigraph runs fast), or the SELECT itself."""
    return query_plans().get(" ".join(select.split()), select)


@cache
def query_plans() -> dict[str, str]:
    """Each planned SELECT (whitespace collapsed) -> the query that replaces it."""
    plans = Graph()
    for path in sorted((shapes_dir() / "plans").glob("*.ttl")):
        plans += parse_turtle(path)
    return {
        " ".join(str(original).split()): str(plans.value(plan, RMSH.select))
        for plan, original in plans.subject_objects(RMSH.replaces)
    }


def _rows(store: pyoxigraph.Store, query: str) -> list[dict]:
    """Each solution of `query` as {variable: term} for the variables it binds."""
    solutions = store.query(query)
    names = [variable.value for variable in solutions.variables]
    return [{name: row[name] for name in names if row[name] is not None} for row in solutions]


def _fill(template: Literal, bindings: dict) -> tuple[str, str]:
    def value(match: re.Match) -> str:
        bound = bindings.get(match.group(1))
        return match.group(0) if bound is None else str(to_rdflib(bound))

    return template.language or "", _PLACEHOLDER.sub(value, str(template))

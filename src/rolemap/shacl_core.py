"""SHACL Core shapes compiled to SPARQL on Oxigraph, with exactly pySHACL's results.

pySHACL checks core constraints focus node by focus node in Python; on a national data set that
takes many minutes. Here every constraint becomes one SPARQL query over all its focus nodes at
once, and the results (severity, focus, value, messages) are built the way pySHACL builds them:
the shape's sh:message, or pySHACL's own default message text for the component, with nodes
written by pySHACL's own `stringify_node`.

pySHACL's quirks that the results follow on purpose:
- sh:node repeats the results of the nested shape as "details" of each (focus, value) pair that
  fails it, so they count once per pair, on top of the shape's own targets;
- with allow_warnings, a nested shape of Warning severity always "conforms"; sh:or and
  sh:qualifiedValueShape are compiled only for nested shapes of Violation severity (the
  partition sends the others to pySHACL);
- a multi-valued sh:disjoint, sh:class or sh:node names all its values in one message.

What the compiler does not know raises Unsupported; `partition` sends such shapes to pySHACL,
so the fast path never guesses.
"""

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import count, permutations
from typing import NamedTuple

import pyoxigraph
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS
from pyshacl.rdfutil import stringify_node
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD, NamespaceManager

from rolemap.oxigraph_terms import to_rdflib

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
# Whole-graph features that change what pySHACL validates (rules, custom components, custom
# targets, functions): with any of these the shapes graph is left to pySHACL entirely.
GLOBAL_UNSUPPORTED = (SH.rule, SH.target, SH.parameter, SH.entailment, SH.shapesGraph)
_TYPE_SUBCLASS = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_MAX_COUNT_COMPILED = 4  # n distinct values take n(n-1) FILTER terms: keep it small

# pySHACL's default message of each compiled component, word for word ("en": the results must
# equal pySHACL's), and the same in Dutch, which a Dutch report shows instead (`in_language`).
DEFAULT_MESSAGES: dict[str, dict[str, str]] = {
    "class": {
        "en": "Value does not have class {cls}",
        "nl": "Waarde heeft niet de klasse {cls}",
    },
    "classes": {
        "en": "Value class is not in classes ({classes})",
        "nl": "Klasse van de waarde staat niet in ({classes})",
    },
    "datatype": {
        "en": "Value is not Literal with datatype {datatype}",
        "nl": "Waarde is geen literal met datatype {datatype}",
    },
    "node_kind": {
        "en": "Value is not of Node Kind {kind}",
        "nl": "Waarde is niet van knoopsoort {kind}",
    },
    "min_count": {
        "en": "Less than {count} values on {focus}->{path}",
        "nl": "Minder dan {count} waarden bij {focus}->{path}",
    },
    "max_count": {
        "en": "More than {count} values on {focus}->{path}",
        "nl": "Meer dan {count} waarden bij {focus}->{path}",
    },
    "disjoint": {
        "en": "Value of {focus}->{properties} == {value}",
        "nl": "Waarde van {focus}->{properties} == {value}",
    },
    "pattern": {
        "en": "Value does not match pattern '{pattern}'",
        "nl": "Waarde past niet bij patroon '{pattern}'",
    },
    "patterns": {
        "en": "Value does not match every pattern in ('{patterns}')",
        "nl": "Waarde past niet bij elk patroon in ('{patterns}')",
    },
    "language_in": {
        "en": "String language is not in {languages}",
        "nl": "Taal van de tekst staat niet in {languages}",
    },
    "unique_lang": {
        "en": "More than one String shares the same Language",
        "nl": "Meer dan één tekst heeft dezelfde taal",
    },
    "or": {
        "en": "Node {value} must conform to one or more shapes in {shapes}",
        "nl": "Knoop {value} moet voldoen aan een of meer vormen in {shapes}",
    },
    "node": {
        "en": "Value does not conform to Shape {shape}. See details for more information.",
        "nl": "Waarde voldoet niet aan vorm {shape}. Zie de details voor meer informatie.",
    },
    "nodes": {
        "en": "Value must conform to every Shape in ('{shapes}'). See details for more "
        "information.",
        "nl": "Waarde moet voldoen aan elke vorm in ('{shapes}'). Zie de details voor meer "
        "informatie.",
    },
    "qualified": {
        "en": "Focus node does not conform to shape{counts}: {shapes}",
        "nl": "Focusknoop voldoet niet aan vorm{counts}: {shapes}",
    },
    "qualified_shapes": {
        "en": "Focus node does not conform to shapes{counts}: ({shapes})",
        "nl": "Focusknoop voldoet niet aan vormen{counts}: ({shapes})",
    },
}


def _default(key: str, **values: str | int) -> str:
    """pySHACL's (English) default message `key` with its values."""
    return DEFAULT_MESSAGES[key]["en"].format(**values)


def _reader(template: str) -> re.Pattern[str]:
    """A pattern that reads a template's values back from a message made with it."""
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.*?)", re.escape(template)))


# The template with the most fixed text first: "…to shapes{counts}: ({shapes})" before
# "…to shape{counts}: {shapes}", which would read it too.
_READERS = [
    (_reader(texts["en"]), texts)
    for texts in sorted(
        DEFAULT_MESSAGES.values(), key=lambda texts: -len(re.sub(r"\{\w+\}", "", texts["en"]))
    )
]


def in_language(text: str, lang: str) -> str:
    """`text` in `lang` when it is one of pySHACL's default messages (from either engine:
    pySHACL writes them in English only); any other text as it is."""
    for reader, texts in _READERS:
        found = reader.fullmatch(text)
        if found and lang in texts:
            return texts[lang].format(**found.groupdict())
    return text


class Unsupported(Exception):
    """A construct the compiler does not translate: the shape goes to pySHACL instead."""


@dataclass(frozen=True)
class Violation:
    """Where one constraint fails for a focus variable: a SPARQL pattern over it."""

    where: str
    value: str | None = None  # the variable holding sh:value; None: the result has no value
    distinct: tuple[str, ...] = ()  # extra variables that make one result each (uniqueLang)


@dataclass(frozen=True)
class Constraint:
    """One constraint of one shape: its failures, and its messages when the shape has none."""

    shape: Node
    violation: Callable[[str], Violation]
    default_message: Callable[[Node, Node | None], str]
    keep: Callable[[Node], bool] | None = None  # checked in Python (sh:pattern), after the query


@dataclass(frozen=True)
class Focus:
    """A sub-select binding ?this once per focus node; ?n is how often pySHACL validates it."""

    pattern: str
    counted: bool = False


@dataclass(frozen=True)
class Query:
    """One compiled constraint over one focus set: the unit run_core executes."""

    constraint: Constraint
    focus: Focus
    path: Node | None  # the value path (for restoring literals the store canonicalised)


@dataclass
class Compiler:
    """Turns the shapes of one shapes graph into queries; raises Unsupported when it cannot.
    Default messages name shape nodes by the shapes graph's prefixes and data nodes by the data
    graph's, as pySHACL does."""

    shapes: Graph
    data: Graph
    shape_namespaces: NamespaceManager = field(init=False)
    data_namespaces: NamespaceManager = field(init=False)
    _fresh: Iterator[int] = field(default_factory=count)

    def __post_init__(self) -> None:
        self.shape_namespaces = _namespaces(self.shapes)
        self.data_namespaces = _namespaces(self.data)

    def var(self, name: str) -> str:
        return f"?{name}{next(self._fresh)}"

    def label(self, node: Node) -> str:
        return stringify_node(self.shapes, node, ns_manager=self.shape_namespaces)

    def focus_label(self, node: Node | None) -> str:
        return stringify_node(self.data, node, ns_manager=self.data_namespaces)

    # --- shapes ---------------------------------------------------------------------------

    def path(self, shape: Node) -> Node | None:
        paths = list(self.shapes.objects(shape, SH.path))
        if len(paths) > 1:
            raise Unsupported(f"{shape}: more than one sh:path")
        return paths[0] if paths else None

    def sparql_path(self, path: Node) -> str:
        if isinstance(path, URIRef):
            return f"<{path}>"
        inverse = self.shapes.value(path, SH.inversePath)
        if isinstance(inverse, URIRef) and len(list(self.shapes.predicate_objects(path))) == 1:
            return f"^<{inverse}>"
        raise Unsupported(f"path {self.label(path)}: only IRIs and sh:inversePath of an IRI")

    def values(self, shape: Node, this: str) -> tuple[str, str]:
        """The pattern binding the shape's value nodes for focus `this`, and their variable."""
        path = self.path(shape)
        if path is None:
            return "", this
        value = self.var("v")
        return f"{this} {self.sparql_path(path)} {value} .", value

    def severity(self, shape: Node) -> Node:
        severities = list(self.shapes.objects(shape, SH.severity))
        if len(severities) > 1:
            raise Unsupported(f"{shape}: more than one sh:severity")
        return severities[0] if severities else SH.Violation

    def check_shape(self, shape: Node, nested: bool) -> None:
        """Unsupported unless every constraint parameter of the shape is one compiled here."""
        known = set(HANDLERS) | {SH.property, SH.qualifiedValueShapesDisjoint}
        known |= {SH.qualifiedMinCount, SH.qualifiedMaxCount}
        if not nested:
            known.add(SH.sparql)  # run by validation.py's SPARQL path
        for predicate in set(self.shapes.predicates(shape)):
            if predicate in ALL_CONSTRAINT_PARAMETERS and predicate not in known:
                raise Unsupported(f"{shape}: {self.label(predicate)} is not compiled")
            if predicate in (SH.expression, SH.js, SH.jsFunctionName):
                raise Unsupported(f"{shape}: {self.label(predicate)} is not compiled")
        for deactivated in self.shapes.objects(shape, SH.deactivated):
            if not (isinstance(deactivated, Literal) and deactivated.value is False):
                raise Unsupported(f"{shape}: sh:deactivated")

    def constraints(self, shape: Node, nested: bool = False) -> list[Constraint]:
        """The shape's own constraints (sh:property and sh:node details are emitted apart)."""
        self.check_shape(shape, nested)
        return [
            constraint
            for parameter, handler in HANDLERS.items()
            if (shape, parameter, None) in self.shapes
            for constraint in handler(self, shape)
        ]

    def emit(self, shape: Node, focus: Focus, stack: tuple[Node, ...] = ()) -> list[Query]:
        """Every query for the results pySHACL reports when it validates `shape` on `focus`."""
        if shape in stack:
            raise Unsupported(f"{shape}: recursive shapes")
        stack = (*stack, shape)
        path = self.path(shape)
        queries = [Query(c, focus, path) for c in self.constraints(shape, nested=len(stack) > 1)]
        children = list(self.shapes.objects(shape, SH.property))
        children += list(self.shapes.objects(shape, SH.node))  # their results come as details
        if children:
            inner = self.value_focus(shape, focus)
            for child in children:
                queries += self.emit(child, inner, stack)
        return queries

    def value_focus(self, shape: Node, focus: Focus) -> Focus:
        """The shape's value nodes as the focus of its sh:property/sh:node shapes: pySHACL
        validates them once per (focus node, value node) pair."""
        path = self.path(shape)
        if path is None:
            return focus
        times = "(SUM(?m) AS ?n)" if focus.counted else "(COUNT(*) AS ?n)"
        outer = "(?this AS ?f) (?n AS ?m)" if focus.counted else "(?this AS ?f)"
        return Focus(
            f"{{ SELECT ?this {times} WHERE {{ {{ SELECT {outer} WHERE {{ {focus.pattern} }} }} "
            f"?f {self.sparql_path(path)} ?this . }} GROUP BY ?this }}",
            counted=True,
        )

    def any_result(self, shape: Node, this: str, stack: tuple[Node, ...] = ()) -> str:
        """A SPARQL condition: validating `this` against `shape` gives at least one result."""
        if shape in stack:
            raise Unsupported(f"{shape}: recursive shapes")
        stack = (*stack, shape)
        tests = []
        for constraint in self.constraints(shape, nested=True):
            if constraint.keep is not None:
                raise Unsupported(f"{shape}: sh:pattern inside a nested shape")
            tests.append(f"EXISTS {{ {constraint.violation(this).where} }}")
        for child in self.shapes.objects(shape, SH.property):
            values, value = self.values(shape, this)
            tests.append(f"EXISTS {{ {values} FILTER ({self.any_result(child, value, stack)}) }}")
        return "(" + (" || ".join(tests) or "false") + ")"

    def conforms(self, shape: Node, this: str) -> str:
        """pySHACL's conformance under allow_warnings equals "no result" only if every shape
        involved has Violation severity."""
        self.require_violation_only(shape)
        return f"!{self.any_result(shape, this)}"

    def require_violation_only(self, shape: Node, seen: frozenset[Node] = frozenset()) -> None:
        if shape in seen:
            raise Unsupported(f"{shape}: recursive shapes")
        if self.severity(shape) != SH.Violation:
            raise Unsupported(f"{shape}: nested shape of severity {self.severity(shape)}")
        for predicate in (SH.property, SH.node):
            for child in self.shapes.objects(shape, predicate):
                self.require_violation_only(child, seen | {shape})

    def items(self, node: Node) -> list[Node]:
        if node != RDF.nil and (node, RDF.first, None) not in self.shapes:
            raise Unsupported(f"{self.label(node)} is not an RDF list")
        return list(Collection(self.shapes, node))


# --- the constraint components ------------------------------------------------------------------


def _namespaces(graph: Graph) -> NamespaceManager:
    """A copy of the graph's prefixes, as pySHACL's clone has them (plus sh:, which pySHACL
    binds while it writes messages): labels must not rebind the caller's graph."""
    copy = Graph(bind_namespaces="core")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace, override=True, replace=True)
    copy.bind("sh", SH, override=False, replace=False)
    return copy.namespace_manager


def _class(c: Compiler, shape: Node) -> list[Constraint]:
    classes = list(c.shapes.objects(shape, SH["class"]))
    if len(classes) < 2:
        text = _default("class", cls=c.label(classes[0]))
    else:
        text = _default("classes", classes=", ".join(c.label(k) for k in classes))

    def failing(cls: Node) -> Callable[[str], Violation]:
        def violation(this: str) -> Violation:
            values, v = c.values(shape, this)
            typed = f"EXISTS {{ {v} {_TYPE_SUBCLASS} <{cls}> }}"
            return Violation(f"{values} FILTER (isLiteral({v}) || !{typed})", v)

        return violation

    _require_iris(classes, "sh:class")
    return [Constraint(shape, failing(k), lambda f, v: text) for k in classes]


def _datatype(c: Compiler, shape: Node) -> list[Constraint]:
    datatype = _single(c, shape, SH.datatype)
    # rdflib's ill-typed literals and value checks agree with DATATYPE() only for these
    if datatype in (XSD.string, RDF.langString):
        test = f"DATATYPE({{v}}) = <{datatype}>"
    elif datatype == RDFS.Literal:
        test = "true"
    else:
        raise Unsupported(f"sh:datatype {c.label(datatype)}: only xsd:string, rdf:langString")
    text = _default("datatype", datatype=c.label(datatype))

    def violation(this: str) -> Violation:
        values, v = c.values(shape, this)
        return Violation(f"{values} FILTER (!(isLiteral({v}) && {test.format(v=v)}))", v)

    return [Constraint(shape, violation, lambda f, v: text)]


def _node_kind(c: Compiler, shape: Node) -> list[Constraint]:
    kind = _single(c, shape, SH.nodeKind)
    if kind not in _NODE_KINDS:
        raise Unsupported(f"sh:nodeKind {c.label(kind)}")
    text = _default("node_kind", kind=c.label(kind))

    def violation(this: str) -> Violation:
        values, v = c.values(shape, this)
        return Violation(f"{values} FILTER (!{_NODE_KINDS[kind].format(v=v)})", v)

    return [Constraint(shape, violation, lambda f, v: text)]


def _cardinality(c: Compiler, shape: Node, parameter: URIRef) -> tuple[Node, int]:
    path = c.path(shape)
    bound = _single(c, shape, parameter)
    if path is None or not (isinstance(bound, Literal) and bound.datatype == XSD.integer):
        raise Unsupported(f"{shape}: {c.label(parameter)} needs a path and an xsd:integer")
    if not 0 <= int(bound.value) <= _MAX_COUNT_COMPILED:
        raise Unsupported(f"{shape}: {c.label(parameter)} {bound} is out of the compiled range")
    return path, int(bound.value)


def _distinct_values(
    c: Compiler, shape: Node, this: str, n: int, test: Callable[[str], str] | None = None
) -> str:
    """A pattern that matches when the focus has at least n distinct value nodes (that pass
    `test`, a condition over a variable)."""
    path = c.sparql_path(c.path(shape))
    variables = [c.var("d") for _ in range(n)]
    triples = " ".join(f"{this} {path} {v} ." for v in variables)
    tests = [test(v) for v in variables] if test else []
    tests += [f"!sameTerm({a}, {b})" for a, b in permutations(variables, 2) if a < b]
    return triples + (f" FILTER ({' && '.join(tests)})" if tests else "")


def _min_count(c: Compiler, shape: Node) -> list[Constraint]:
    path, minimum = _cardinality(c, shape, SH.minCount)
    if minimum == 0:
        return []

    def message(focus: Node, value: Node | None) -> str:
        return _default("min_count", count=minimum, focus=c.focus_label(focus), path=c.label(path))

    def violation(this: str) -> Violation:
        return Violation(f"FILTER NOT EXISTS {{ {_distinct_values(c, shape, this, minimum)} }}")

    return [Constraint(shape, violation, message)]


def _max_count(c: Compiler, shape: Node) -> list[Constraint]:
    path, maximum = _cardinality(c, shape, SH.maxCount)

    def message(focus: Node, value: Node | None) -> str:
        return _default("max_count", count=maximum, focus=c.focus_label(focus), path=c.label(path))

    def violation(this: str) -> Violation:
        return Violation(f"FILTER EXISTS {{ {_distinct_values(c, shape, this, maximum + 1)} }}")

    return [Constraint(shape, violation, message)]


def _disjoint(c: Compiler, shape: Node) -> list[Constraint]:
    properties = set(c.shapes.objects(shape, SH.disjoint))  # pySHACL names them in set order
    _require_iris(properties, "sh:disjoint")
    names = ", ".join(c.label(p) for p in properties)

    def message(focus: Node, value: Node | None) -> str:
        focus_label, value_label = c.focus_label(focus), c.focus_label(value)
        return _default("disjoint", focus=focus_label, properties=names, value=value_label)

    def failing(other: Node) -> Callable[[str], Violation]:
        def violation(this: str) -> Violation:
            values, v = c.values(shape, this)
            return Violation(f"{values} {this} <{other}> {v} .", v)

        return violation

    return [Constraint(shape, failing(p), message) for p in properties]


def _pattern(c: Compiler, shape: Node) -> list[Constraint]:
    patterns = list(c.shapes.objects(shape, SH.pattern))
    flags = list(c.shapes.objects(shape, SH.flags))
    if len(flags) > 1 or not all(isinstance(p, Literal) for p in patterns):
        raise Unsupported(f"{shape}: sh:pattern with several sh:flags or a non-literal")
    re_flags = 0
    for letter, flag in (("i", re.I), ("m", re.M)):
        if flags and letter in str(flags[0]).lower():
            re_flags |= flag
    if len(patterns) < 2:
        text = _default("pattern", pattern=str(patterns[0].value))
    else:
        text = _default("patterns", patterns="', '".join(str(p.value) for p in patterns))

    def failing(pattern: Literal) -> Constraint:
        source = (
            str(pattern.value)
            if pattern.value is not None and len(pattern.value) > 1
            else str(pattern)
        )
        matcher = re.compile(source, re_flags)

        def violation(this: str) -> Violation:
            values, v = c.values(shape, this)
            return Violation(values or "", v)

        def keep(value: Node) -> bool:  # Python's re, as pySHACL: SPARQL REGEX differs
            return isinstance(value, BNode) or not matcher.search(str(value))

        return Constraint(shape, violation, lambda f, v: text, keep)

    return [failing(p) for p in patterns]


def _language_in(c: Compiler, shape: Node) -> list[Constraint]:
    node = _single(c, shape, SH.languageIn)
    languages = c.items(node)
    if not all(isinstance(t, Literal) and isinstance(t.value, str) for t in languages):
        raise Unsupported(f"{shape}: sh:languageIn needs string literals")
    wanted = sorted({str(t.value).lower() for t in languages})
    text = _default("language_in", languages=c.label(node))
    listed = ", ".join(_string(t) for t in wanted) or '""'

    def violation(this: str) -> Violation:
        values, v = c.values(shape, this)
        tag = f"LCASE(LANG({v}))"
        matches = (
            "true"
            if "*" in wanted
            else f'({tag} IN ({listed}) || STRBEFORE(CONCAT({tag}, "-"), "-") IN ({listed}))'
        )
        ok = f'isLiteral({v}) && LANG({v}) != "" && {matches}'
        return Violation(f"{values} FILTER (!({ok}))", v)

    return [Constraint(shape, violation, lambda f, v: text)]


def _unique_lang(c: Compiler, shape: Node) -> list[Constraint]:
    flag = _single(c, shape, SH.uniqueLang)
    if c.path(shape) is None or not (isinstance(flag, Literal) and isinstance(flag.value, bool)):
        raise Unsupported(f"{shape}: sh:uniqueLang needs a path and a boolean")
    if not flag.value:
        return []

    def violation(this: str) -> Violation:
        path = c.sparql_path(c.path(shape))
        a, b, lang = c.var("a"), c.var("b"), c.var("lang")
        same = f"isLiteral({b}) && LCASE(LANG({b})) = {lang} && !sameTerm({a}, {b})"
        twin = f"{this} {path} {b} . FILTER ({same})"
        return Violation(
            f'{this} {path} {a} . FILTER (isLiteral({a}) && LANG({a}) != "") '
            f"BIND (LCASE(LANG({a})) AS {lang}) FILTER EXISTS {{ {twin} }}",
            distinct=(lang,),
        )

    text = _default("unique_lang")
    return [Constraint(shape, violation, lambda f, v: text)]


def _or(c: Compiler, shape: Node) -> list[Constraint]:
    lists = [c.items(node) for node in c.shapes.objects(shape, SH["or"])]
    if not all(lists):
        raise Unsupported(f"{shape}: an empty sh:or")
    groups = [" , ".join(c.label(m) for m in members) for members in lists]
    shapes_text = groups[0] if len(groups) < 2 else " and ".join(f"({g})" for g in groups)

    def message(focus: Node, value: Node | None) -> str:
        return _default("or", value=c.focus_label(value), shapes=shapes_text)

    def failing(members: list[Node]) -> Callable[[str], Violation]:
        def violation(this: str) -> Violation:
            values, v = c.values(shape, this)
            passes = " || ".join(c.conforms(m, v) for m in set(members))
            return Violation(f"{values} FILTER (!({passes}))", v)

        return violation

    return [Constraint(shape, failing(members), message) for members in lists]


def _node(c: Compiler, shape: Node) -> list[Constraint]:
    nodes = list(c.shapes.objects(shape, SH.node))
    if any(c.path(n) is not None for n in nodes):
        raise Unsupported(f"{shape}: sh:node names a property shape")
    if len(nodes) < 2:
        text = _default("node", shape=c.label(nodes[0]))
    else:
        text = _default("nodes", shapes="', '".join(c.label(n) for n in nodes))

    def failing(node: Node) -> Callable[[str], Violation]:
        def violation(this: str) -> Violation:  # any result of the nested shape, any severity
            values, v = c.values(shape, this)
            return Violation(f"{values} FILTER ({c.any_result(node, v)})", v)

        return violation

    return [Constraint(shape, failing(n), lambda f, v: text) for n in nodes]


def _qualified(c: Compiler, shape: Node) -> list[Constraint]:
    targets = set(c.shapes.objects(shape, SH.qualifiedValueShape))
    disjoint = [d for d in c.shapes.objects(shape, SH.qualifiedValueShapesDisjoint) if d]
    if c.path(shape) is None or any(isinstance(d, Literal) and d.value is True for d in disjoint):
        raise Unsupported(f"{shape}: sh:qualifiedValueShapesDisjoint or no path")
    minimum = _optional_count(c, shape, SH.qualifiedMinCount)
    maximum = _optional_count(c, shape, SH.qualifiedMaxCount)
    counts = (f" MinCount {minimum}" if minimum is not None else "") + (
        f" MaxCount {maximum}" if maximum is not None else ""
    )
    names = ",".join(c.label(t) for t in targets)
    key = "qualified_shapes" if len(targets) > 1 else "qualified"
    text = _default(key, counts=counts, shapes=names)

    def failing(target: Node, bound: int, at_least: bool) -> Callable[[str], Violation]:
        def violation(this: str) -> Violation:
            n = bound if at_least else bound + 1
            found = _distinct_values(c, shape, this, n, lambda v: c.conforms(target, v))
            return Violation(f"FILTER {'NOT ' if at_least else ''}EXISTS {{ {found} }}")

        return violation

    constraints = []
    for target in targets:
        if maximum is not None:
            constraints.append(
                Constraint(shape, failing(target, maximum, False), lambda f, v: text)
            )
        if minimum:
            constraints.append(Constraint(shape, failing(target, minimum, True), lambda f, v: text))
    return constraints


def _optional_count(c: Compiler, shape: Node, parameter: URIRef) -> int | None:
    values = list(c.shapes.objects(shape, parameter))
    if not values:
        return None
    if (
        len(values) > 1
        or not isinstance(values[0], Literal)
        or not isinstance(values[0].value, int)
    ):
        raise Unsupported(f"{shape}: {c.label(parameter)} must be one integer")
    if not 0 <= values[0].value <= _MAX_COUNT_COMPILED:
        raise Unsupported(f"{shape}: {c.label(parameter)} is out of the compiled range")
    return values[0].value


def _single(c: Compiler, shape: Node, parameter: URIRef) -> Node:
    values = list(c.shapes.objects(shape, parameter))
    if len(values) != 1:
        raise Unsupported(f"{shape}: {c.label(parameter)} must have exactly one value")
    return values[0]


def _require_iris(nodes: Iterable[Node], what: str) -> None:
    if not all(isinstance(n, URIRef) for n in nodes):
        raise Unsupported(f"{what} with a non-IRI value")


def _string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


HANDLERS: dict[URIRef, Callable[[Compiler, Node], list[Constraint]]] = {
    SH["class"]: _class,
    SH.datatype: _datatype,
    SH.nodeKind: _node_kind,
    SH.minCount: _min_count,
    SH.maxCount: _max_count,
    SH.disjoint: _disjoint,
    SH.pattern: _pattern,
    SH.languageIn: _language_in,
    SH.uniqueLang: _unique_lang,
    SH["or"]: _or,
    SH.node: _node,
    SH.qualifiedValueShape: _qualified,
}


# --- targets, partition and the run ---------------------------------------------------------


class CoreResult(NamedTuple):
    """One result as pySHACL would report it (validation.py makes a Result of it)."""

    shape: Node
    severity: Node
    focus: Node
    value: Node | None
    messages: tuple[tuple[str, str], ...]


def roots(shapes: Graph) -> list[Node]:
    """The shapes pySHACL validates on their own: those with a target."""
    return sorted({s for target in TARGETS for s in shapes.subjects(target, None)})


def target_focus(shapes: Graph, shape: Node) -> Focus:
    """The shape's focus nodes, each once: SHACL class targets include instances of
    subclasses, however many type/subclass paths reach the class."""
    kinds = set(shapes.objects(shape, RDF.type))
    if any((kind, RDFS.subClassOf, RDFS.Class) in shapes or kind == RDFS.Class for kind in kinds):
        raise Unsupported(f"{shape}: implicit class target")
    objects = {target: sorted(shapes.objects(shape, target)) for target in TARGETS}
    _require_iris(
        [*objects[SH.targetClass], *objects[SH.targetSubjectsOf], *objects[SH.targetObjectsOf]],
        "a target",
    )
    parts = [f"{{ ?this <{p}> ?rolemapObject }}" for p in objects[SH.targetSubjectsOf]]
    parts += [f"{{ ?rolemapSubject <{p}> ?this }}" for p in objects[SH.targetObjectsOf]]
    if objects[SH.targetClass]:
        classes = " ".join(f"<{c}>" for c in objects[SH.targetClass])
        parts.append(
            f"{{ VALUES ?rolemapTarget {{ {classes} }} ?this {_TYPE_SUBCLASS} ?rolemapTarget }}"
        )
    if objects[SH.targetNode]:
        parts.append(f"{{ VALUES ?this {{ {' '.join(n.n3() for n in objects[SH.targetNode])} }} }}")
    return Focus(f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}")


def partition(shapes: Graph, data: Graph | None = None) -> tuple[list[Query], list[Node]]:
    """The compiled queries of every shape with a target, and the shapes left to pySHACL."""
    _, queries, fallback = _plan(shapes, data if data is not None else Graph())
    return queries, fallback


def run_core(
    store: pyoxigraph.Store, data: Graph, shapes: Graph
) -> tuple[list[CoreResult], list[Node]]:
    """The core results of every compiled shape, and the shapes left to pySHACL."""
    compiler, queries, fallback = _plan(shapes, data)
    return [r for query in queries for r in _run(store, compiler, query)], fallback


def _plan(shapes: Graph, data: Graph) -> tuple[Compiler, list[Query], list[Node]]:
    compiler = Compiler(shapes, data)
    everything = roots(shapes)
    if any((None, p, None) in shapes for p in GLOBAL_UNSUPPORTED):
        return compiler, [], everything
    queries: list[Query] = []
    fallback = []
    for root in everything:
        try:  # a root's queries count only if all of them compile
            queries += compiler.emit(root, target_focus(shapes, root))
        except Unsupported:
            fallback.append(root)
    return compiler, queries, fallback


def _run(store: pyoxigraph.Store, compiler: Compiler, query: Query) -> Iterator[CoreResult]:
    constraint, focus = query.constraint, query.focus
    violation = constraint.violation("?this")
    projected = dict.fromkeys(
        [
            "?this",
            *(["?n"] if focus.counted else []),
            violation.value or "?this",
            *violation.distinct,
        ]
    )
    distinct = "DISTINCT " if violation.distinct else ""
    sparql = f"SELECT {distinct}{' '.join(projected)} WHERE {{ {focus.pattern} {violation.where} }}"
    shape = constraint.shape
    severity = compiler.severity(shape)
    own = [m for m in compiler.shapes.objects(shape, SH.message) if isinstance(m, Literal)]
    for row in store.query(sparql):
        node = to_rdflib(row["this"])
        value = to_rdflib(row[violation.value[1:]]) if violation.value else None
        if isinstance(value, Literal) and isinstance(query.path, URIRef):
            value = _original(compiler.data, node, query.path, value)
        if constraint.keep is not None and not constraint.keep(value):
            continue
        messages = own or [Literal(constraint.default_message(node, value))]
        result = CoreResult(
            shape,
            severity,
            node,
            value,
            tuple(sorted((m.language or "", str(m)) for m in messages)),
        )
        yield from [result] * (int(row["n"].value) if focus.counted else 1)


def _original(data: Graph, focus: Node, path: URIRef, value: Literal) -> Literal:
    """The data's own literal: Oxigraph stores "01"^^xsd:integer as "1" and lower-cases
    language tags, pySHACL reports the literal as written."""
    if (focus, path, value) in data:
        return value
    for candidate in data.objects(focus, path):
        if isinstance(candidate, Literal) and _same_literal(candidate, value):
            return candidate
    return value


def _same_literal(a: Literal, b: Literal) -> bool:
    if a.language or b.language:
        return (a.language or "").lower() == (b.language or "").lower() and str(a) == str(b)
    if (a.datatype or XSD.string) != (b.datatype or XSD.string):
        return False
    return str(a) == str(b) or a.eq(b)

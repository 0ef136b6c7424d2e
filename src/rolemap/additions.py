"""Checking an analyst's addition before it goes in: what it adds, whether it is well-formed
and consistent with the graph, and what it changes in the overlap report.

The gate, in order: the addition holds at least one organisation; none of them exists yet; the
structure shapes find no new violation in the graph with the addition; the reasoner finds the
graph with the addition consistent. Each failure is an AdditionError whose status the API uses.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Node, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SH

from rolemap.addition_formats import Addition
from rolemap.consistency import check_consistency
from rolemap.entity import bounded_description
from rolemap.errors import InconsistentGraphError, RolemapError
from rolemap.labels import label
from rolemap.loader import KnowledgeGraph, parse_turtle, turtle_files
from rolemap.paths import ontology_dir, shapes_dir
from rolemap.report import Finding, Report
from rolemap.validation import Result, check_id, load_shapes, run_pyshacl

STRUCTURE_SHAPES = "structure.ttl"


@dataclass
class Problem:
    """One reason an addition is refused, in plain words, with where it is in the file."""

    message: str
    line: int | None = None
    check: str | None = None
    focus: str | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


class AdditionError(RolemapError):
    """The addition is refused; nothing was stored."""

    status = 422

    def __init__(self, name: str, summary: str, problems: list[Problem] | None = None) -> None:
        self.name, self.summary, self.problems = name, summary, problems or []
        lines = [f"{name}: {summary}"] + [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))


class NoOrganisationError(AdditionError):
    pass


class OrganisationExistsError(AdditionError):
    status = 409


class InvalidAdditionError(AdditionError):
    pass


@dataclass
class CheckedAddition:
    addition: Addition
    organisations: list[URIRef]  # the new organisations, by IRI
    organisation_ids: list[str]
    base: KnowledgeGraph  # the graph it was checked against
    context: Graph  # the addition with the ontology and what the graph says of what it mentions
    triples: int = field(init=False)

    def __post_init__(self) -> None:
        self.triples = len(self.addition.graph)

    def merged(self) -> KnowledgeGraph:
        """The whole graph as it would be with the addition (a copy: costly on a big graph)."""
        return _merged(self.base, self.addition)


def check_addition(kg: KnowledgeGraph, addition: Addition, lang: str = "nl") -> CheckedAddition:
    """Raise an AdditionError unless the addition may go in; otherwise say what it adds.

    The checks look at the addition's context, not the whole graph: the ontology, the addition
    and what the graph says about every node the addition mentions (and the types of what those
    point to). The graph itself passed the same checks, and an addition only adds triples, so a
    new structure violation can only be on a subject of the addition, and a contradiction only
    among these nodes. This keeps a check at the addition's size, not the graph's.
    """
    graph = addition.graph
    organisations = new_organisations(kg.graph, graph)
    if not organisations:
        raise NoOrganisationError(
            addition.name,
            "holds no organisation. An addition adds at least one entity of type "
            "org:Organization (or org:FormalOrganization, org:OrganizationalUnit, …); "
            "start from examples/new-organisation.ttl or .yaml.",
        )
    _refuse_existing(kg.graph, addition, organisations)
    before, after = _context(kg.graph, graph, with_addition=False), _context(kg.graph, graph)
    problems = [
        _problem(after, addition, result, lang)
        for result in new_structure_violations(before, after, _subjects(graph))
    ]
    if problems:
        raise InvalidAdditionError(
            addition.name,
            f"{len(problems)} structure violation(s); fix them and validate again.",
            problems,
        )
    try:
        check_consistency(_with_sources(kg, after, addition))
    except InconsistentGraphError as error:
        problems = [
            Problem(str(clash), line=addition.lines.get(URIRef(clash.entity)))
            for clash in error.clashes
        ] or [Problem(str(error))]
        raise InvalidAdditionError(
            addition.name, "the reasoner finds the graph contradictory with it.", problems
        ) from None
    ids = [str(graph.value(org, DCTERMS.identifier)) for org in organisations]
    return CheckedAddition(addition, organisations, ids, kg, after)


def _subjects(graph: Graph) -> list[Node]:
    return sorted({s for s in graph.subjects() if isinstance(s, URIRef)})


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    graph = Graph()
    for path in turtle_files(ontology_dir()):
        graph += parse_turtle(path)
    return graph


def _context(graph: Graph, addition: Graph, with_addition: bool = True) -> Graph:
    """The ontology, (the addition,) and the description of each node the addition mentions,
    with the types of the nodes those descriptions point to (for sh:class and the reasoner)."""
    context = Graph()
    context += _ontology()
    if with_addition:
        context += addition
    mentioned = {n for triple in addition for n in (triple[0], triple[2]) if isinstance(n, URIRef)}
    pointed_to: set[Node] = set()
    for node in mentioned:
        for triple in bounded_description(graph, node):
            context.add(triple)
            pointed_to.add(triple[2])
    for node in pointed_to - mentioned:
        for node_type in graph.objects(node, RDF.type):
            context.add((node, RDF.type, node_type))
    for prefix, namespace in graph.namespaces():
        context.bind(prefix, namespace, replace=True)
    return context


def _with_sources(kg: KnowledgeGraph, context: Graph, addition: Addition) -> KnowledgeGraph:
    """The context as a knowledge graph whose clashes name the files that state each node."""
    stated_in = {node: set(files) for node, files in kg.stated_in.items()}
    for subject in _subjects(addition.graph):
        stated_in.setdefault(subject, set()).add(Path(addition.name))
    return KnowledgeGraph(context, kg.data_dir, [*kg.files, Path(addition.name)], stated_in)


def organisation_classes(graph: Graph) -> set[Node]:
    return set(graph.transitive_subjects(RDFS.subClassOf, ORG.Organization))


def new_organisations(known: Graph, addition: Graph) -> list[URIRef]:
    classes = organisation_classes(known) | organisation_classes(addition)
    return sorted(
        {s for c in classes for s in addition.subjects(RDF.type, c) if isinstance(s, URIRef)}
    )


def _refuse_existing(known: Graph, addition: Addition, organisations: list[URIRef]) -> None:
    existing_ids = {
        str(known.value(org, DCTERMS.identifier)): org
        for c in organisation_classes(known)
        for org in known.subjects(RDF.type, c)
    }
    problems = []
    for org in organisations:
        identifier = addition.graph.value(org, DCTERMS.identifier)
        if (org, None, None) in known:
            problems.append(Problem(f"<{org}> is already in the graph", addition.lines.get(org)))
        elif identifier is not None and str(identifier) in existing_ids:
            problems.append(
                Problem(
                    f"the id ‘{identifier}’ is already used by <{existing_ids[str(identifier)]}>;"
                    " choose another dct:identifier",
                    addition.lines.get(org),
                )
            )
    if problems:
        raise OrganisationExistsError(
            addition.name, "adds an organisation that already exists.", problems
        )


def _merged(kg: KnowledgeGraph, addition: Addition) -> KnowledgeGraph:
    graph = Graph()
    graph += kg.graph
    graph += addition.graph
    for prefix, namespace in kg.graph.namespaces():
        graph.bind(prefix, namespace, replace=True)
    stated_in = {node: set(files) for node, files in kg.stated_in.items()}
    for subject in set(addition.graph.subjects()):
        if isinstance(subject, URIRef):
            stated_in.setdefault(subject, set()).add(Path(addition.name))
    return KnowledgeGraph(graph, kg.data_dir, [*kg.files, Path(addition.name)], stated_in)


@lru_cache(maxsize=1)
def structure_shapes() -> Graph:
    return load_shapes([shapes_dir() / STRUCTURE_SHAPES])


def new_structure_violations(
    before: Graph, after: Graph, focus: list[Node] | None = None
) -> list[Result]:
    """Structure results in `after` that `before` does not have (only for `focus` when given)."""
    known = {result.key() for result in _structure_results(before, focus)}
    return [r for r in _structure_results(after, focus) if r.key() not in known]


def _structure_results(graph: Graph, focus: list[Node] | None) -> list[Result]:
    if focus is None:
        return run_pyshacl(graph, structure_shapes())
    present = [node for node in focus if (node, None, None) in graph]
    return run_pyshacl(graph, structure_shapes(), focus_nodes=present) if present else []


def _problem(graph: Graph, addition: Addition, result: Result, lang: str) -> Problem:
    messages = dict(result.messages)
    message = messages.get(lang) or next(iter(messages.values()), result.check)
    name = label(graph, result.focus, lang) if isinstance(result.focus, URIRef) else ""
    return Problem(
        f"{name}: {message}" if name else message,
        line=addition.lines.get(result.focus),  # type: ignore[arg-type]
        check=_node_shape(result.check),
        focus=str(result.focus),
    )


def _node_shape(check: str) -> str:
    """A property shape is a blank node: name the NodeShape it belongs to."""
    owner = structure_shapes().value(predicate=SH.property, object=BNode(check))
    return check_id(owner) if owner is not None else check


@dataclass
class ReportChanges:
    """What an addition changes in the overlap report."""

    new: list[Finding]
    newly_settled: list[Finding]
    gone: list[Finding]

    def to_json(self) -> dict:
        def brief(finding: Finding) -> dict:
            return {
                "check": finding.check,
                "severity": finding.severity,
                "message": finding.message,
                "status": finding.status,
                "organisations": [o["id"] for o in finding.organisations],
            }

        return {
            "new": [brief(f) for f in self.new],
            "newly_settled": [brief(f) for f in self.newly_settled],
            "gone": [brief(f) for f in self.gone],
        }


def report_changes(before: Report, after: Report) -> ReportChanges:
    def key(finding: Finding) -> tuple:
        return (finding.check, finding.focus, finding.value)

    old = {key(f): f for f in before.findings}
    now = {key(f): f for f in after.findings}
    return ReportChanges(
        new=[f for k, f in now.items() if k not in old],
        newly_settled=[
            f
            for k, f in now.items()
            if k in old and old[k].status == "open" and f.status == "settled"
        ],
        gone=[f for k, f in old.items() if k not in now],
    )


def addition_json(checked: CheckedAddition, changes: ReportChanges, lang: str = "nl") -> dict:
    """What an addition adds and changes, as the CLI's --json and the API answer it."""
    graph = checked.context
    return {
        "source": checked.addition.name,
        "triples": checked.triples,
        "organisations": [
            {"id": org_id, "name": label(graph, org, lang), "iri": str(org)}
            for org, org_id in zip(checked.organisations, checked.organisation_ids, strict=True)
        ],
        "report_changes": changes.to_json(),
    }

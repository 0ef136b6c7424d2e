"""The overlap report a workshop runs: SHACL findings with organisations, terms, sources and
the agreements that settle them, per pair of organisations, and an organisation × task matrix."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from itertools import combinations

import pyoxigraph
from rdflib import Graph, Node, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS

from rolemap.errors import UnknownOrganisationError
from rolemap.labels import identifier, label
from rolemap.loader import KnowledgeGraph
from rolemap.namespaces import RM
from rolemap.oxigraph_terms import to_rdflib
from rolemap.paths import standards_dir
from rolemap.shacl_core import in_language
from rolemap.sources import sources_of
from rolemap.stats import instances
from rolemap.validation import Result, load_shapes, run_fast, to_oxigraph

NL_SBB_PROFILE = "nl-sbb-skos-ap-nl.ttl"


@dataclass
class Finding:
    check: str
    severity: str
    message: str
    question: str | None
    organisations: list[dict[str, str]]
    terms: list[str]
    sources: list[dict[str, str]]
    settled_by: list[dict] = field(default_factory=list)
    focus: str = ""
    value: str | None = None

    @property
    def status(self) -> str:
        return "settled" if self.settled_by else "open"


@dataclass
class Report:
    conforms: bool
    summary: dict
    findings: list[Finding]
    pairs: list[dict]
    matrix: dict
    lang: str = "nl"  # of its messages, and of the chrome its formats write

    def to_json(self) -> dict:
        findings = [asdict(f) | {"status": f.status} for f in self.findings]
        return {
            "conforms": self.conforms,
            "summary": self.summary,
            "findings": findings,
            "pairs": self.pairs,
            "matrix": self.matrix,
        }


def organisation_ids(graph: Graph) -> dict[str, URIRef]:
    return {
        str(graph.value(node, DCTERMS.identifier)): node
        for node in instances(graph, ORG.Organization)
        if graph.value(node, DCTERMS.identifier) is not None
    }


def build_report(
    kg: KnowledgeGraph, organisations: list[str] | None = None, lang: str = "nl"
) -> Report:
    graph = kg.graph
    known = organisation_ids(graph)
    unknown = sorted(set(organisations or []) - set(known))
    if unknown:
        raise UnknownOrganisationError(unknown, sorted(known))
    wanted = {known[i] for i in organisations or []}
    store = kg.oxigraph or to_oxigraph(graph)
    results, nl_sbb = _validate(graph, store)
    describe = _Describe(graph, lang, organisations_by_node(store))
    findings = _in_order(_finding(describe, result) for result in _unique(results))
    if wanted:
        findings = [f for f in findings if wanted & {known[o["id"]] for o in f.organisations}]
    open_violations = [f for f in findings if f.severity == "Violation" and f.status == "open"]
    return Report(
        conforms=not open_violations,
        summary=_summary(findings) | {"nl_sbb": nl_sbb},
        findings=findings,
        pairs=_pairs(findings),
        matrix=_matrix(graph, wanted, lang),
        lang=lang,
    )


@lru_cache(maxsize=1)
def _shape_graphs() -> tuple[Graph, Graph | None, str]:
    """rolemap's shapes and NL-SBB's profile, parsed once per process (not once per report)."""
    profile = standards_dir() / NL_SBB_PROFILE
    if not profile.exists():
        return load_shapes(), None, f"not checked: {profile} not found"
    return load_shapes(), Graph().parse(profile), f"checked with {profile.name}"


def _validate(graph: Graph, store: pyoxigraph.Store) -> tuple[list[Result], str]:
    """rolemap's shapes, plus NL-SBB's profile (its Warnings and Violations) when it is there."""
    shapes, profile, nl_sbb_status = _shape_graphs()
    results = run_fast(graph, shapes, store)
    if profile is not None:
        results += [r for r in run_fast(graph, profile, store) if r.severity != "Info"]
    return results, nl_sbb_status


def _in_order(findings: Iterable[Finding]) -> list[Finding]:
    order = {"Violation": 0, "Warning": 1, "Info": 2}
    # focus and value last: the order never depends on the order an engine returned rows in
    return sorted(
        findings,
        key=lambda f: (order.get(f.severity, 3), f.check, f.message, f.focus, f.value or ""),
    )


def _pick(pairs: tuple[tuple[str, str], ...], lang: str) -> str | None:
    texts = dict(pairs)
    return texts.get(lang) or texts.get("nl") or next(iter(texts.values()), None)


def _unique(results: list[Result]) -> list[Result]:
    """One result per check, focus and value (two engines or profiles may report one twice)."""
    first: dict[tuple, Result] = {}
    for result in results:
        first.setdefault((result.check, result.focus, result.value), result)
    return list(first.values())


@dataclass
class _Describe:
    """What findings say about a node, looked up once per report: at national scale one sense
    stands in many homonym pairs, one organisation in thousands of findings."""

    graph: Graph
    lang: str
    organisations_by_node: dict[Node, set[Node]]
    _memo: dict = field(default_factory=dict)

    def _once(self, kind: str, node: Node, make):
        key = (kind, node)
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def organisations(self, node: Node) -> set[Node]:
        return self.organisations_by_node.get(node, set())

    def organisation(self, org: Node) -> dict[str, str]:
        graph = self.graph
        return self._once(
            "org", org, lambda: {"id": identifier(graph, org), "name": label(graph, org, self.lang)}
        )

    def term(self, node: Node) -> str | None:
        """The node's label when it is a sense, task or case (what a finding is about)."""

        def named() -> str | None:
            return label(self.graph, node, self.lang) if _is_named_kind(self.graph, node) else None

        return self._once("term", node, named)

    def sources(self, node: Node) -> list[dict[str, str]]:
        return self._once("sources", node, lambda: sources_of(self.graph, node))

    def agreement(self, agreement: Node) -> dict:
        return self._once(
            "agreement", agreement, lambda: _agreement(self.graph, agreement, self.lang)
        )


def _finding(describe: _Describe, result: Result) -> Finding:
    nodes = [n for n in (result.focus, result.value) if n is not None]
    orgs = {org for node in nodes for org in describe.organisations(node)}
    terms = {describe.term(node) for node in nodes} - {None}
    return Finding(
        check=result.check,
        severity=result.severity,
        # pySHACL's default messages are English only: in the report's language
        message=in_language(_pick(result.messages, describe.lang) or result.check, describe.lang),
        question=_pick(result.questions, describe.lang),
        organisations=sorted((describe.organisation(o) for o in orgs), key=lambda o: o["name"]),
        terms=sorted(terms),
        sources=[s for node in nodes for s in describe.sources(node)],
        settled_by=[describe.agreement(a) for a in _settling(describe.graph, nodes)],
        focus=str(result.focus),
        value=str(result.value) if result.value is not None else None,
    )


_NAMED_KINDS = (RM.Sense, RM.Task, RM.Case)


def _is_named_kind(graph: Graph, node: Node) -> bool:
    return any((node, RDF.type, kind) in graph for kind in _NAMED_KINDS)


# The links from a node to the organisations it belongs to: a sense through its organisation's
# vocabulary, a task through its post, a connotation through who perceives it, an agreement
# through its parties, a case through who is involved (or their posts); a need through its cases.
_BELONGS = (
    "(skos:inScheme/rm:vocabularyOf)|(rm:performedBy/org:postIn)|org:postIn|rm:perceivedBy"
    "|rm:party|rm:involves|(rm:involves/org:postIn)"
)
_PREFIXES = f"""
PREFIX rm: <{RM}>
PREFIX org: <{ORG}>
PREFIX skos: <{SKOS}>
PREFIX rdfs: <{RDFS}>
"""
_ORGANISATIONS = (
    _PREFIXES + "SELECT DISTINCT ?org WHERE { ?org a/rdfs:subClassOf* org:Organization }"
)
_IN_ORGANISATIONS = _PREFIXES + "SELECT DISTINCT ?unit WHERE { ?unit org:postIn ?post }"
_LINKS = (
    _PREFIXES
    + f"SELECT DISTINCT ?node ?org WHERE {{ {{ ?node {_BELONGS} ?org }} "
    + f"UNION {{ ?case rm:showsNeed ?node . ?case {_BELONGS} ?org }} }}"
)


def organisations_by_node(store: pyoxigraph.Store) -> dict[Node, set[Node]]:
    """Every node's organisations: an organisation is its own; one that is a post in another
    (org:postIn) owns nothing. Three plain queries joined here: one query that also checked
    both ends' kinds per link took 33 s for 342 municipalities."""
    organisations = {row["org"] for row in store.query(_ORGANISATIONS)}
    posts = {row["unit"] for row in store.query(_IN_ORGANISATIONS)}
    found = {to_rdflib(org): {to_rdflib(org)} for org in organisations}
    for row in store.query(_LINKS):
        node, org = row["node"], row["org"]
        if org in organisations and org not in posts and node not in organisations:
            found.setdefault(to_rdflib(node), set()).add(to_rdflib(org))
    return found


def _settling(graph: Graph, nodes: list[Node]) -> list[Node]:
    return sorted({a for n in nodes for a in graph.subjects(RM.settles, n)})


def _agreement(graph: Graph, agreement: Node, lang: str) -> dict:
    return {
        "id": identifier(graph, agreement),
        "label": label(graph, agreement, lang),
        "sources": sources_of(graph, agreement),
    }


def _summary(findings: list[Finding]) -> dict:
    return {
        "findings": len(findings),
        "open": sum(f.status == "open" for f in findings),
        "settled": sum(f.status == "settled" for f in findings),
        "by_check": dict(sorted(Counter(f.check for f in findings).items())),
        "by_severity": dict(sorted(Counter(f.severity for f in findings).items())),
    }


def _pairs(findings: list[Finding]) -> list[dict]:
    pairs: dict[tuple[str, str], dict] = {}
    for finding in findings:
        names = sorted({o["name"] for o in finding.organisations})
        for a, b in combinations(names, 2):
            entry = pairs.setdefault(
                (a, b),
                {
                    "organisations": [a, b],
                    "divergent_terms": [],
                    "overlapping_tasks": [],
                    "open": 0,
                    "settled": 0,
                },
            )
            entry[finding.status] += 1
            if finding.check == "homonym":
                entry["divergent_terms"] += [
                    t for t in finding.terms if t not in entry["divergent_terms"]
                ]
            if finding.check == "overlapping-task":
                entry["overlapping_tasks"].append(finding.terms)
    return [pairs[key] for key in sorted(pairs)]


def _matrix(graph: Graph, wanted: set[Node], lang: str) -> dict:
    """Rows: target group × life domain; columns: organisations; cells: their tasks there."""
    cells: dict[tuple[str, str], dict[str, list[str]]] = {}
    columns: set[str] = set()
    for task in instances(graph, RM.Task):
        for post in graph.objects(task, RM.performedBy):
            for org in graph.objects(post, ORG.postIn):
                if wanted and org not in wanted:
                    continue
                name = label(graph, org, lang)
                for group in graph.objects(task, RM.targetGroup):
                    for domain in graph.objects(task, RM.lifeDomain):
                        columns.add(name)
                        row = cells.setdefault(
                            (label(graph, group, lang), label(graph, domain, lang)), {}
                        )
                        row.setdefault(name, []).append(label(graph, task, lang))
    rows = [
        {
            "target_group": g,
            "life_domain": d,
            "cells": {k: sorted(v) for k, v in row.items()},
            "overlap": len(row) > 1,
        }
        for (g, d), row in sorted(cells.items())
    ]
    return {"columns": sorted(columns), "rows": rows}

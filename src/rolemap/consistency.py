"""Consistency: HermiT decides, and a direct search names the contradiction for a person.

HermiT (through owlready2) gives a yes/no verdict without an explanation. When it says no, we look
for the clashes that account for nearly every real mistake: an entity that falls in two disjoint
classes (asserted, or implied by a property's domain or range), and a functional property with two
values that are known to differ.
"""

import subprocess
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import owlready2
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from rolemap.errors import Clash, InconsistentGraphError, ReasonerUnavailableError
from rolemap.labels import label
from rolemap.loader import KnowledgeGraph


def check_consistency(kg: KnowledgeGraph) -> None:
    """Raise InconsistentGraphError, naming the clashes, when the graph contradicts itself."""
    if not hermit_finds_consistent(kg.graph):
        raise InconsistentGraphError(find_clashes(kg))


def hermit_finds_consistent(graph: Graph) -> bool:
    world = owlready2.World()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.nt"
        graph.serialize(path, format="nt", encoding="utf-8")
        world.get_ontology(path.as_uri()).load(format="ntriples")
        try:
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        except owlready2.OwlReadyInconsistentOntologyError:
            return False
        except (OSError, subprocess.CalledProcessError) as exc:
            raise ReasonerUnavailableError(
                f"The HermiT reasoner could not run ({exc}). It needs Java 17 or newer on the "
                "PATH: install it (Debian: apt-get install openjdk-17-jre-headless)."
            ) from None
        finally:
            world.close()
    return True


def find_clashes(kg: KnowledgeGraph) -> list[Clash]:
    graph = kg.graph
    types = _inferred_types(graph)
    clashes = [
        _clash(kg, node, f"is both {_term(graph, a)} and {_term(graph, b)}, which are disjoint")
        for node, node_types in types.items()
        for a, b in _disjoint_pairs(graph)
        if a in node_types and b in node_types
    ]
    clashes += _functional_clashes(kg)
    return clashes


def _term(graph: Graph, node: Node) -> str:
    return f"{label(graph, node)} ({graph.namespace_manager.normalizeUri(node)})"


def _clash(kg: KnowledgeGraph, node: Node, message: str) -> Clash:
    files = sorted(path.name for path in kg.stated_in.get(node, set()))
    return Clash(str(node), label(kg.graph, node), message, tuple(files))


def _superclasses(graph: Graph) -> dict[Node, set[Node]]:
    closure: dict[Node, set[Node]] = {}

    def supers(cls: Node) -> set[Node]:
        if cls not in closure:
            closure[cls] = {cls}
            for parent in graph.objects(cls, RDFS.subClassOf):
                if not isinstance(parent, BNode):
                    closure[cls] |= supers(parent)
        return closure[cls]

    for cls in set(graph.subjects(RDFS.subClassOf)) | set(graph.objects(None, RDF.type)):
        supers(cls)
    return closure


def _inferred_types(graph: Graph) -> dict[Node, set[Node]]:
    direct: dict[Node, set[Node]] = defaultdict(set)
    for node, cls in graph.subject_objects(RDF.type):
        direct[node].add(cls)
    for prop, cls in graph.subject_objects(RDFS.domain):
        for node in graph.subjects(prop, None):
            direct[node].add(cls)
    for prop, cls in graph.subject_objects(RDFS.range):
        for node in graph.objects(None, prop):
            if not isinstance(node, Literal):
                direct[node].add(cls)
    closure = _superclasses(graph)
    return {
        node: set().union(*(closure.get(cls, {cls}) for cls in classes))
        for node, classes in direct.items()
    }


def _disjoint_pairs(graph: Graph) -> set[tuple[Node, Node]]:
    pairs = set(graph.subject_objects(OWL.disjointWith))
    for axiom in graph.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(graph, graph.value(axiom, OWL.members)))
        pairs |= set(combinations(members, 2))
    return pairs


def _known_different(graph: Graph) -> set[frozenset[Node]]:
    different = {frozenset(pair) for pair in graph.subject_objects(OWL.differentFrom)}
    for axiom in graph.subjects(RDF.type, OWL.AllDifferent):
        members = list(Collection(graph, graph.value(axiom, OWL.distinctMembers)))
        different |= {frozenset(pair) for pair in combinations(members, 2)}
    return different


def _functional_clashes(kg: KnowledgeGraph) -> list[Clash]:
    graph = kg.graph
    different = _known_different(graph)
    clashes = []
    for prop in set(graph.subjects(RDF.type, OWL.FunctionalProperty)):
        values: dict[Node, set[Node]] = defaultdict(set)
        for node, value in graph.subject_objects(prop):
            values[node].add(value)
        for node, found in values.items():
            if any(_differ(a, b, different) for a, b in combinations(found, 2)):
                names = ", ".join(sorted(label(graph, value) for value in found))
                message = f"has more than one {_term(graph, prop)}: {names}; only one is allowed"
                clashes.append(_clash(kg, node, message))
    return clashes


def _differ(a: Node, b: Node, different: set[frozenset[Node]]) -> bool:
    if isinstance(a, Literal) and isinstance(b, Literal):
        return a != b
    return isinstance(a, URIRef) and frozenset((a, b)) in different

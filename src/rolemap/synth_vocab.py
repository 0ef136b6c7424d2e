"""The reference vocabularies the synthetic tasks, needs and commissions are classified with, read
from the ontology (ontology/vocabularies.ttl), so that synthetic data uses exactly its concepts."""

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from rolemap.loader import parse_turtle
from rolemap.namespaces import RM
from rolemap.paths import ontology_dir
from rolemap.synth_turtle import curie


@dataclass(frozen=True)
class Concept:
    iri: str  # as written in Turtle: a prefixed name or <…>
    id: str
    label: tuple[str, str]  # nl, en


@dataclass(frozen=True)
class Vocabularies:
    target_groups: dict[str, Concept]
    life_domains: dict[str, Concept]
    work_modes: dict[str, Concept]
    orientations: dict[str, Concept]
    settings: dict[str, Concept]
    laws: dict[str, Concept]  # by BWB id


def _concepts(graph: Graph, cls: URIRef) -> dict[str, Concept]:
    found = {}
    for node in sorted(graph.subjects(RDF.type, cls)):
        labels = {value.language: str(value) for value in graph.objects(node, SKOS.prefLabel)}
        identifier = str(graph.value(node, DCTERMS.identifier))
        found[identifier] = Concept(curie(str(node)), identifier, (labels["nl"], labels["en"]))
    return found


@cache
def vocabularies() -> Vocabularies:
    graph = parse_turtle(ontology_dir() / "vocabularies.ttl")
    return Vocabularies(
        target_groups=_concepts(graph, RM.TargetGroup),
        life_domains=_concepts(graph, RM.LifeDomain),
        work_modes=_concepts(graph, RM.WorkMode),
        orientations=_concepts(graph, RM.Orientation),
        settings=_concepts(graph, RM.Setting),
        laws=_concepts(graph, RM.Law),
    )

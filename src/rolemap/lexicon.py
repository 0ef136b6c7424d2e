"""The jargon of a graph read once into plain records: senses, shared concepts, connotations.

Look-up, search and translation work on these records, not on the RDF graph, so that they answer
in microseconds. Texts are kept per language ({"nl": ..., "en": ...}); `pick` chooses one.
"""

from dataclasses import dataclass, field

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, ORG, SKOS

from rolemap.errors import UnknownOrganisationError
from rolemap.labels import identifier, label, texts
from rolemap.namespaces import RM
from rolemap.sources import sources_of
from rolemap.stats import instances
from rolemap.working_areas import WorkingAreas, working_areas

Texts = dict[str, str]


def pick(texts: Texts, lang: str) -> str:
    """The text in `lang`, else Dutch, else any; '' when there is none."""
    return texts.get(lang) or texts.get("nl") or next(iter(texts.values()), "")


@dataclass(frozen=True)
class Organisation:
    id: str
    names: Texts = field(compare=False, hash=False)
    working_areas: WorkingAreas = field(default=WorkingAreas(), compare=False, hash=False)

    def to_json(self, lang: str) -> dict[str, str]:
        return {"id": self.id, "name": pick(self.names, lang)}


@dataclass
class SharedConcept:
    iri: URIRef
    id: str
    labels: Texts
    definitions: Texts
    sources: list[dict[str, str]]

    def to_json(self, lang: str) -> dict:
        return {
            "id": self.id,
            "label": pick(self.labels, lang),
            "definition": pick(self.definitions, lang),
            "sources": self.sources,
        }


@dataclass
class Connotation:
    id: str
    perceived_by: Organisation | None
    kind: Texts
    descriptions: Texts
    neutral_alternative: SharedConcept | None
    sources: list[dict[str, str]]

    def to_json(self, lang: str) -> dict:
        alternative = self.neutral_alternative
        return {
            "id": self.id,
            "perceived_by": self.perceived_by.to_json(lang) if self.perceived_by else None,
            "kind": pick(self.kind, lang),
            "description": pick(self.descriptions, lang),
            "neutral_alternative": alternative.to_json(lang) if alternative else None,
            "sources": self.sources,
        }


@dataclass
class Sense:
    """One organisation's meaning of a word (rm:Sense)."""

    iri: URIRef
    id: str
    organisation: Organisation
    labels: Texts  # skos:prefLabel per language
    alt_labels: list[tuple[str, str]]  # (language, text)
    hidden_labels: list[tuple[str, str]]
    definitions: Texts
    notes: Texts  # skos:scopeNote: how the word is used and heard
    connotations: list[Connotation]
    sources: list[dict[str, str]]
    exact: set[URIRef] = field(default_factory=set)  # skos:exactMatch, either direction
    close: set[URIRef] = field(default_factory=set)  # skos:closeMatch, either direction
    shared: SharedConcept | None = None  # the neutral concept it maps to, most exact first

    def all_labels(self) -> list[tuple[str, str, str]]:
        """(field, language, text) of every label: preferred, alternative, hidden."""
        return (
            [("prefLabel", lang, text) for lang, text in self.labels.items()]
            + [("altLabel", lang, text) for lang, text in self.alt_labels]
            + [("hiddenLabel", lang, text) for lang, text in self.hidden_labels]
        )

    def same_meaning(self, other: "Sense") -> bool:
        """The homonym rule of shapes/findings.ttl: exactMatch, or word-for-word the same."""
        if other.iri in self.exact or self.iri in other.exact:
            return True
        mine, theirs = self.definitions.get("nl"), other.definitions.get("nl")
        return mine is not None and mine == theirs


@dataclass
class Lexicon:
    senses: list[Sense]
    shared: list[SharedConcept]
    organisations: dict[str, Organisation]  # every organisation of the graph, by id

    def by_iri(self) -> dict[URIRef, Sense]:
        return {sense.iri: sense for sense in self.senses}

    def organisation(self, organisation_id: str) -> Organisation:
        if organisation_id not in self.organisations:
            raise UnknownOrganisationError([organisation_id], sorted(self.organisations))
        return self.organisations[organisation_id]


def read_lexicon(graph: Graph) -> Lexicon:
    shared = {node: _shared_concept(graph, node) for node in instances(graph, RM.SharedConcept)}
    organisations = {node: organisation(graph, node) for node in instances(graph, ORG.Organization)}
    senses = []
    for node in sorted(instances(graph, RM.Sense)):
        owner = _owner(graph, node)
        if owner not in organisations:
            continue  # a sense outside any organisation's vocabulary: the shapes report it
        senses.append(_sense(graph, node, organisations[owner], shared))
    return Lexicon(
        senses=senses,
        shared=sorted(shared.values(), key=lambda concept: concept.id),
        organisations={org.id: org for org in organisations.values()},
    )


def _owner(graph: Graph, sense: Node) -> Node | None:
    for scheme in graph.objects(sense, SKOS.inScheme):
        owner = graph.value(scheme, RM.vocabularyOf)
        if owner is not None:
            return owner
    return None


def _tagged(graph: Graph, node: Node, prop: URIRef) -> list[tuple[str, str]]:
    return sorted(
        (value.language or "", str(value))
        for value in graph.objects(node, prop)
        if isinstance(value, Literal)
    )


def organisation(graph: Graph, node: Node) -> Organisation:
    names = texts(graph, node, SKOS.prefLabel) or {"nl": label(graph, node)}
    return Organisation(identifier(graph, node), names, working_areas(graph, node))


def _shared_concept(graph: Graph, node: Node) -> SharedConcept:
    return SharedConcept(
        iri=node,
        id=identifier(graph, node),
        labels=texts(graph, node, SKOS.prefLabel),
        definitions=texts(graph, node, SKOS.definition),
        sources=sources_of(graph, node),
    )


def _both_ways(graph: Graph, node: Node, prop: URIRef) -> set[URIRef]:
    return set(graph.objects(node, prop)) | set(graph.subjects(prop, node))


def _sense(
    graph: Graph, node: Node, owner: Organisation, shared: dict[Node, SharedConcept]
) -> Sense:
    return Sense(
        iri=node,
        id=identifier(graph, node),
        organisation=owner,
        labels=texts(graph, node, SKOS.prefLabel),
        alt_labels=_tagged(graph, node, SKOS.altLabel),
        hidden_labels=_tagged(graph, node, SKOS.hiddenLabel),
        definitions=texts(graph, node, SKOS.definition),
        notes=texts(graph, node, SKOS.scopeNote),
        connotations=[
            _connotation(graph, c, shared) for c in sorted(graph.objects(node, RM.hasConnotation))
        ],
        sources=sources_of(graph, node),
        exact=_both_ways(graph, node, SKOS.exactMatch),
        close=_both_ways(graph, node, SKOS.closeMatch),
        shared=_mapped_shared(graph, node, shared),
    )


def _mapped_shared(
    graph: Graph, node: Node, shared: dict[Node, SharedConcept]
) -> SharedConcept | None:
    for prop in (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch):
        for target in sorted(graph.objects(node, prop)):
            if target in shared:
                return shared[target]
    return None


def _connotation(graph: Graph, node: Node, shared: dict[Node, SharedConcept]) -> Connotation:
    perceiver = graph.value(node, RM.perceivedBy)
    kind = graph.value(node, RM.connotationKind)
    alternative = graph.value(node, RM.neutralAlternative)
    return Connotation(
        id=identifier(graph, node),
        perceived_by=organisation(graph, perceiver) if perceiver is not None else None,
        kind=texts(graph, kind, SKOS.prefLabel) if kind is not None else {},
        descriptions=texts(graph, node, DCTERMS.description),
        neutral_alternative=shared.get(alternative),
        sources=sources_of(graph, node),
    )

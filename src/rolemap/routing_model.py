"""What 'who picks this up?' knows, read once from the graph: tasks with their features, who does
them where and when, signal words, situations, and the protocols and agreements that apply.

Nothing here is specific to a data set: every organisation, word and rule comes from the graph.
"""

import heapq
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import combinations
from typing import TypeVar

from rdflib import Graph, Literal, Node, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS

from rolemap.labels import identifier, texts
from rolemap.lexicon import Organisation, Texts, organisation
from rolemap.matching import stems
from rolemap.namespaces import RM
from rolemap.sources import sources_of
from rolemap.stats import instances
from rolemap.text import normalise

# The kinds of concept a case description can signal, by the name they have in answers.
FEATURE_CLASSES = {
    "target_groups": RM.TargetGroup,
    "life_domains": RM.LifeDomain,
    "work_modes": RM.WorkMode,
    "orientations": RM.Orientation,
    "settings": RM.Setting,
    "situations": RM.Situation,
}
# The task property that carries each feature.
TASK_FEATURES = {
    "target_groups": RM.targetGroup,
    "life_domains": RM.lifeDomain,
    "work_modes": RM.workMode,
    "orientations": RM.orientation,
    "settings": RM.setting,
}


K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True)
class Concept:
    iri: URIRef
    id: str
    labels: Texts
    kind: str  # a key of FEATURE_CLASSES
    age_from: int | None = None
    age_to: int | None = None
    condition: str | None = None  # computed by the router (rm:condition)
    broader: frozenset[URIRef] = frozenset()


@dataclass
class Protocol:
    iri: URIRef
    id: str
    labels: Texts
    rules: dict[str, list[str]]  # per language
    applies_in: set[URIRef]
    sources: list[dict[str, str]]


@dataclass
class Agreement:
    iri: URIRef
    id: str
    labels: Texts
    parties: set[URIRef]  # organisations (teams are counted as their organisation)
    prescribes: list[URIRef]
    settings: set[URIRef]
    sources: list[dict[str, str]]
    since: date | None  # dct:date: the agreement holds from then on


@dataclass
class Task:
    iri: URIRef
    id: str
    labels: Texts
    organisation: URIRef
    role: Texts
    features: dict[str, frozenset[URIRef]]
    principles: list[tuple[str, Texts]]  # (id, labels)
    sources: list[dict[str, str]]
    settled: bool  # an agreement settles it (rm:settles): its overlap is no grey area any more


@dataclass
class Area:
    iri: URIRef
    id: str
    labels: Texts
    postcodes: set[str]
    parents: set[URIRef]


@dataclass
class OrganisationInfo:
    organisation: Organisation
    teams: list[tuple[Organisation, set[URIRef]]]  # units and their areas
    periods: list[tuple[date, date | None]]  # commissions: start, end
    protocols: set[URIRef]  # followed by the organisation, its teams or its posts

    @property
    def areas(self) -> frozenset[URIRef]:
        """Where it works: its own working areas and its commissions'."""
        return self.organisation.working_areas.areas


@dataclass
class RoutingModel:
    concepts: dict[URIRef, Concept]
    signals: dict[str, list[tuple[tuple[str, ...], URIRef, str]]]  # first stem -> patterns
    flags: dict[str, URIRef]
    tasks: list[Task]
    organisations: dict[URIRef, OrganisationInfo]
    successions: list[tuple[URIRef, URIRef, date]]  # original, resulting, from
    areas: dict[URIRef, Area]
    protocols: dict[URIRef, Protocol]
    agreements: list[Agreement]
    last_commission_end: date | None = None
    by_kind: dict[str, list[Concept]] = field(default_factory=dict)
    life_domain_names: dict[str, Concept] = field(default_factory=dict)  # normalised label or id
    index: "RoutingIndex" = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.index = RoutingIndex.of(self)

    def situation(self, condition: str) -> Concept | None:
        """The situation the router's computed `condition` switches on, if the data has one."""
        for concept in self.by_kind.get("situations", []):
            if concept.condition == condition:
                return concept
        return None


@dataclass(frozen=True)
class Codes:
    """A projection's feature sets as numbers: per kind asked for, that of each projected task
    (in the projection's order), and those that occur."""

    columns: list[list[int]]
    distinct: list[list[int]]


@dataclass
class RoutingIndex:
    """Look-ups built with the model, so that a question at national scale touches only the tasks
    and organisations that can answer it instead of scanning every one."""

    areas_by_postcode: dict[str, set[URIRef]]
    organisations_by_area: dict[URIRef, set[URIRef]]
    tasks_by_organisation: dict[URIRef, list[int]]  # positions in model.tasks
    successions_from: dict[URIRef, list[tuple[int, URIRef, date]]]  # place in model.successions
    predecessors: dict[URIRef, set[URIRef]]  # everyone whose work may pass on to an organisation
    moving: list[int]  # tasks of organisations that hand over their work: resolved per day
    ranking: list[URIRef]  # organisations by id, the order between equal scores
    rank: dict[URIRef, int]  # place in the ranking
    # Per set of features a question can ask for (kinds, in TASK_FEATURES order): the tasks that
    # look alike on just those features, as one of them and the ranks of the organisations doing
    # them, in order. A task's score depends on those features only, so one stands for all.
    projections: dict[tuple[str, ...], list[tuple[Task, list[int]]]]
    # The same, as the numbers of their feature sets: a question then scores each distinct
    # feature set of a kind once, not once per task that has it.
    feature_sets: list[frozenset[URIRef]]  # by number
    codes: dict[tuple[str, ...], Codes]
    # For the advice, so that a question reads only the protocols and agreements that may apply:
    # protocols in model.protocols' order and (as places in it) by the situations they apply in;
    # agreements (places in model.agreements) by setting, and those without a setting by party.
    # For each organisation that took work over: it with those agreements may name instead, and
    # the protocols all of them keep to (any other keeps to its own).
    protocols: list[Protocol]
    protocols_by_situation: dict[URIRef, list[int]]
    followed: dict[URIRef, frozenset[URIRef]]
    agreements_by_setting: dict[URIRef, list[int]]
    agreements_by_party: dict[URIRef, list[int]]
    named_with: dict[URIRef, frozenset[URIRef]]

    @classmethod
    def of(cls, model: "RoutingModel") -> "RoutingIndex":
        by_organisation: dict[URIRef, list[int]] = defaultdict(list)
        for position, task in enumerate(model.tasks):
            by_organisation[task.organisation].append(position)
        successions_from = defaultdict(list)
        for place, (original, resulting, start) in enumerate(model.successions):
            successions_from[original].append((place, resulting, start))
        moving = [i for i, task in enumerate(model.tasks) if task.organisation in successions_from]
        infos = model.organisations
        ranking = sorted(infos, key=lambda o: (infos[o].organisation.id, o))
        rank = {organisation: place for place, organisation in enumerate(ranking)}
        named_with = _named_with(model.successions)
        projections, codes, feature_sets = _projections(model, set(moving), rank)
        return cls(
            areas_by_postcode=_inverted(model.areas, lambda area: area.postcodes),
            organisations_by_area=_inverted(model.organisations, lambda info: info.areas),
            tasks_by_organisation=dict(by_organisation),
            successions_from=dict(successions_from),
            predecessors=_predecessors(model.successions),
            moving=moving,
            ranking=ranking,
            rank=rank,
            projections=projections,
            feature_sets=feature_sets,
            codes=codes,
            protocols=list(model.protocols.values()),
            protocols_by_situation=_protocols_by_situation(model.protocols),
            followed=_followed(model.organisations, named_with),
            agreements_by_setting=_agreements_by(model.agreements, lambda a: a.settings),
            agreements_by_party=_agreements_by(
                model.agreements, lambda a: set() if a.settings else a.parties
            ),
            named_with=named_with,
        )


def _inverted(items: dict[URIRef, V], keys: Callable[[V], Iterable[K]]) -> dict[K, set[URIRef]]:
    """Each key to the items that have it (postcode → areas, area → organisations)."""
    found: dict[K, set[URIRef]] = defaultdict(set)
    for iri, item in items.items():
        for key in keys(item):
            found[key].add(iri)
    return dict(found)


def _predecessors(successions: list[tuple[URIRef, URIRef, date]]) -> dict[URIRef, set[URIRef]]:
    """Transitively: a chain of successions can hand work on more than once."""
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for original, resulting, _ in successions:
        direct[resulting].add(original)
    found = {}
    for resulting in direct:
        seen: set[URIRef] = set()
        todo = list(direct[resulting])
        while todo:
            original = todo.pop()
            if original not in seen:
                seen.add(original)
                todo += direct.get(original, ())
        found[resulting] = seen
    return found


def _projections(
    model: "RoutingModel", moving: set[int], rank: dict[URIRef, int]
) -> tuple[dict, dict[tuple[str, ...], Codes], list[frozenset[URIRef]]]:
    kinds = list(TASK_FEATURES)
    # Tasks alike on every feature first, with features as numbers: far fewer, and cheaper to
    # compare than sets of IRIs; each set of kinds then groups those.
    numbers: dict[frozenset[URIRef], int] = {}
    alike: dict[tuple[int, ...], tuple[Task, set[int]]] = {}
    for position, task in enumerate(model.tasks):
        if position not in moving:
            code = tuple(numbers.setdefault(task.features[k], len(numbers)) for k in kinds)
            alike.setdefault(code, (task, set()))[1].add(rank[task.organisation])
    subsets = [s for n in range(1, len(kinds) + 1) for s in combinations(range(len(kinds)), n)]
    projections, codes = {}, {}
    for subset in subsets:
        asked = tuple(kinds[i] for i in subset)
        projections[asked], codes[asked] = _projection(alike, subset)
    return projections, codes, list(numbers)


def _projection(alike: dict, subset: tuple[int, ...]) -> tuple[list, Codes]:
    groups: dict[tuple[int, ...], tuple[Task, set[int]]] = {}
    for code, (task, places) in alike.items():
        groups.setdefault(tuple(code[i] for i in subset), (task, set()))[1].update(places)
    tasks = [(task, sorted(places)) for task, places in groups.values()]
    columns = [[code[j] for code in groups] for j in range(len(subset))]
    return tasks, Codes(columns, [sorted(set(column)) for column in columns])


def _protocols_by_situation(protocols: dict[URIRef, Protocol]) -> dict[URIRef, list[int]]:
    found: dict[URIRef, list[int]] = defaultdict(list)
    for place, protocol in enumerate(protocols.values()):
        for situation in protocol.applies_in:
            found[situation].append(place)
    return dict(found)


def _agreements_by(
    agreements: list[Agreement], keys: Callable[[Agreement], set[URIRef]]
) -> dict[URIRef, list[int]]:
    found: dict[URIRef, list[int]] = defaultdict(list)
    for place, agreement in enumerate(agreements):
        for key in keys(agreement):
            found[key].append(place)
    return dict(found)


def _named_with(
    successions: list[tuple[URIRef, URIRef, date]],
) -> dict[URIRef, frozenset[URIRef]]:
    """Per organisation that took work over: it and those an agreement may name instead. As
    the successions are read in date order, an organisation counts when it handed its work to
    one that already counted: found earliest first, as shortest paths in time."""
    to: dict[URIRef, list[tuple[int, URIRef]]] = defaultdict(list)
    for place, (original, resulting, _) in enumerate(successions):
        to[resulting].append((place, original))
    found = {}
    for successor in to:
        since = {successor: -1}
        todo = [(-1, successor)]
        while todo:
            added, current = heapq.heappop(todo)
            for place, original in to.get(current, ()):
                if added < place < since.get(original, len(successions)):
                    since[original] = place
                    heapq.heappush(todo, (place, original))
        found[successor] = frozenset(since)
    return found


def _followed(
    infos: dict[URIRef, OrganisationInfo], named_with: dict[URIRef, frozenset[URIRef]]
) -> dict[URIRef, frozenset[URIRef]]:
    """The protocols kept by an organisation or one it took over from, where that adds any."""
    return {
        successor: frozenset(p for o in named if o in infos for p in infos[o].protocols)
        for successor, named in named_with.items()
    }


def read_routing_model(graph: Graph) -> RoutingModel:
    concepts = _concepts(graph)
    organisations = _organisations(graph)
    periods = [p for info in organisations.values() for p in info.periods]
    ends = [end for _, end in periods if end is not None]
    model = RoutingModel(
        concepts=concepts,
        signals=_signals(graph, concepts),
        flags={str(flag): iri for iri in concepts for flag in graph.objects(iri, RM.inputFlag)},
        tasks=_tasks(graph, organisations, concepts),
        organisations=organisations,
        successions=_successions(graph),
        areas=_areas(graph),
        protocols=_protocols(graph),
        agreements=_agreements(graph),
        last_commission_end=max(ends) if ends else None,
    )
    for concept in concepts.values():
        model.by_kind.setdefault(concept.kind, []).append(concept)
    for concept in model.by_kind.get("life_domains", []):
        for name in [concept.id, *concept.labels.values()]:
            model.life_domain_names[normalise(name)] = concept
    return model


def _integer(graph: Graph, node: Node, prop: URIRef) -> int | None:
    value = graph.value(node, prop)
    return int(value) if value is not None else None


def _string(graph: Graph, node: Node, prop: URIRef) -> str | None:
    value = graph.value(node, prop)
    return str(value) if value is not None else None


def _concepts(graph: Graph) -> dict[URIRef, Concept]:
    found = {}
    for kind, cls in FEATURE_CLASSES.items():
        for node in sorted(instances(graph, cls)):
            found[node] = Concept(
                iri=node,
                id=identifier(graph, node),
                labels=texts(graph, node),
                kind=kind,
                age_from=_integer(graph, node, RM.ageFrom),
                age_to=_integer(graph, node, RM.ageTo),
                condition=_string(graph, node, RM.condition),
                broader=frozenset(graph.transitive_objects(node, SKOS.broader)) - {node},
            )
    return found


def _signals(graph: Graph, concepts: dict[URIRef, Concept]) -> dict:
    """First stem -> (stems, concept, the signal as written), longest first."""
    table: dict[str, list[tuple[tuple[str, ...], URIRef, str]]] = defaultdict(list)
    for iri in concepts:
        for word in sorted(graph.objects(iri, RM.signal)):
            words = stems(str(word))
            if words:
                table[words[0]].append((words, iri, str(word)))
    for patterns in table.values():
        patterns.sort(key=lambda pattern: -len(pattern[0]))
    return dict(table)


def _date(value: Node | None) -> date | None:
    """A date, date-time or year (its first day) as a date; None when absent or unreadable."""
    if value is None:
        return None
    python = value.toPython() if isinstance(value, Literal) else None
    if isinstance(python, datetime):
        return python.date()
    if isinstance(python, date):
        return python
    year = str(value)[:4]
    return date(int(year), 1, 1) if year.isdigit() else None


def _organisations(graph: Graph) -> dict[URIRef, OrganisationInfo]:
    infos = {}
    formal = instances(graph, ORG.Organization) - set(graph.subjects(ORG.unitOf, None))
    for node in sorted(formal):
        teams = [
            (organisation(graph, unit), set(graph.objects(unit, RM.workingArea)))
            for unit in sorted(graph.subjects(ORG.unitOf, node))
        ]
        commissions = list(graph.subjects(RM.commissionedTo, node))
        posts = set(graph.subjects(ORG.postIn, node))
        followers = {node, *posts, *graph.subjects(ORG.unitOf, node)}
        infos[node] = OrganisationInfo(
            organisation=organisation(graph, node),
            teams=teams,
            periods=[
                (start, _date(graph.value(c, PROV.endedAtTime)))
                for c in commissions
                if (start := _date(graph.value(c, PROV.startedAtTime))) is not None
            ],
            protocols={p for f in followers for p in graph.objects(f, RM.followsProtocol)},
        )
    return infos


def _tasks(
    graph: Graph, organisations: dict[URIRef, OrganisationInfo], concepts: dict[URIRef, Concept]
) -> list[Task]:
    """Tasks for residents: those with a target group (internal tasks carry none). Features are
    the concepts' own IRIs, as a question recognises them: sets compare those by identity, far
    cheaper than comparing equal IRIs."""
    found = []
    for node in sorted(instances(graph, RM.Task)):
        if graph.value(node, RM.targetGroup) is None:
            continue
        for post in sorted(graph.objects(node, RM.performedBy)):
            organisation = graph.value(post, ORG.postIn)
            if organisation not in organisations:
                continue
            role = graph.value(post, ORG.role)
            principles = sorted(
                set(graph.objects(node, RM.followsPrinciple))
                | set(graph.objects(post, RM.followsPrinciple))
            )
            found.append(
                Task(
                    iri=node,
                    id=identifier(graph, node),
                    labels=texts(graph, node),
                    organisation=organisation,
                    role=texts(graph, role) if role is not None else {},
                    features={
                        kind: frozenset(_concept(concepts, o) for o in graph.objects(node, prop))
                        for kind, prop in TASK_FEATURES.items()
                    },
                    principles=[(identifier(graph, p), texts(graph, p)) for p in principles],
                    sources=sources_of(graph, node),
                    settled=(None, RM.settles, node) in graph,
                )
            )
    return found


def _concept(concepts: dict[URIRef, Concept], iri: Node) -> Node:
    return concepts[iri].iri if iri in concepts else iri


def _successions(graph: Graph) -> list[tuple[URIRef, URIRef, date]]:
    found = []
    for event in sorted(instances(graph, ORG.ChangeEvent)):
        original = graph.value(event, ORG.originalOrganization)
        resulting = graph.value(event, ORG.resultingOrganization)
        start = _date(graph.value(event, PROV.startedAtTime))
        if original is not None and resulting is not None and start is not None:
            found.append((original, resulting, start))
    return sorted(found, key=lambda change: change[2])


def _areas(graph: Graph) -> dict[URIRef, Area]:
    return {
        node: Area(
            iri=node,
            id=identifier(graph, node),
            labels=texts(graph, node),
            postcodes={str(code).strip() for code in graph.objects(node, RM.postcodeArea)},
            parents=set(graph.transitive_objects(node, RM.partOfArea)) - {node},
        )
        for node in sorted(instances(graph, RM.Area))
    }


def _protocols(graph: Graph) -> dict[URIRef, Protocol]:
    found = {}
    for node in sorted(instances(graph, RM.Protocol)):
        rules: dict[str, list[str]] = defaultdict(list)
        for rule in sorted(graph.objects(node, RM.rule)):
            rules[rule.language or ""].append(str(rule))
        found[node] = Protocol(
            iri=node,
            id=identifier(graph, node),
            labels=texts(graph, node),
            rules=dict(rules),
            applies_in=set(graph.objects(node, RM.appliesIn)),
            sources=sources_of(graph, node),
        )
    return found


def _agreements(graph: Graph) -> list[Agreement]:
    found = []
    for node in sorted(instances(graph, RM.Agreement)):
        parties = set()
        for party in graph.objects(node, RM.party):
            parent = graph.value(party, ORG.unitOf)
            parties.add(parent if parent is not None else party)
        found.append(
            Agreement(
                iri=node,
                id=identifier(graph, node),
                labels=texts(graph, node),
                parties=parties,
                prescribes=sorted(graph.objects(node, RM.prescribes)),
                settings=set(graph.objects(node, RM.setting)),
                sources=sources_of(graph, node),
                since=_date(graph.value(node, DCTERMS.date)),
            )
        )
    return found

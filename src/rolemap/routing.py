"""'Who picks this up?': organisations ranked by how their tasks fit what a case description says,
with reasons, sources, a grey-area flag and advice on working together.

The scoring is generic: each recognised feature that a task shares scores its weight, a task for
another target group does not count, and an organisation scores by its best-fitting task. All
knowledge (tasks, areas, commissions, successions, signal words, protocols) comes from the data.
"""

import heapq
import math
import operator
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

from rolemap.advice import advise, protocols_of
from rolemap.lexicon import pick
from rolemap.messages import message
from rolemap.recognise import Question, Recognised, recognise
from rolemap.routing_model import RoutingModel, Task

# What a shared feature is worth. Life domains score by the share of the recognised ones a task
# covers; a task offering another work mode or orientation than recognised loses a little.
WEIGHTS = {
    "target_groups": 3.0,
    "life_domains": 3.0,
    "work_modes": 2.0,
    "orientations": 1.0,
    "settings": 0.5,
}
MISMATCH = {"work_modes": -1.0, "orientations": -0.5}
CLOSE = 0.8  # a runner-up scoring this share of the first makes the case a grey area
PLAUSIBLE = 0.7  # candidates below this share of the first are left out (both chosen on the
# evaluation set of benchmarks/who_evaluation.yaml; see BENCHMARKS.md)
TOP = 3
# The features shared by two tasks that make them overlap (the overlapping-task shape's rule).
OVERLAP_FEATURES = ("target_groups", "life_domains", "work_modes")


@dataclass
class Candidate:
    organisation: URIRef
    score: float = 0.0
    tasks: list[tuple[Task, float, list[dict]]] = field(default_factory=list)
    succeeds: list[URIRef] = field(default_factory=list)


def route(
    model: RoutingModel,
    question: Question,
    lang: str = "nl",
    deidentify: Callable[[str], str] | None = None,
) -> dict:
    recognised = recognise(model, question)
    day = _effective_date(model, question.as_of)
    areas = _areas_of(model, recognised.postcode)
    said_outside = _said(model, recognised, "outside-working-area")
    # With a place, only who works there, ranked among themselves: nobody when the area is
    # unknown or the text says it is elsewhere.
    local = recognised.postcode is not None or said_outside
    candidates = _candidates(model, recognised, day, areas if local else None)
    outside = said_outside or (recognised.postcode is not None and not candidates)
    _switch_on(model, recognised, "several-work-modes", len(recognised.has("work_modes")) > 1)
    _switch_on(model, recognised, "outside-working-area", outside)
    _switch_on(model, recognised, "no-consent", question.consent is False)
    grey = _grey_area(model, recognised, candidates[:TOP], lang)
    _switch_on(model, recognised, "close-candidates", bool(grey))
    top = candidates[:TOP]
    return {
        "candidates": [_candidate_json(model, c, recognised, areas, lang) for c in top],
        "grey_area": bool(grey),
        "grey_area_reasons": grey,
        "outside_area": outside,
        "advice": advise(model, recognised, [c.organisation for c in top], bool(grey), day, lang),
        "protocols": protocols_of(model, [c.organisation for c in top], lang),
        "recognised": recognised.to_json(model, lang),
        "as_of": day.isoformat(),
        "deidentified_description": (
            deidentify(question.description) if deidentify and question.description else None
        ),
    }


def _effective_date(model: RoutingModel, as_of: date | None) -> date:
    """The day the answer holds for: today, or the last day the data's commissions cover."""
    day = as_of or date.today()
    if model.last_commission_end is not None and day > model.last_commission_end:
        return model.last_commission_end
    return day


def _successor(model: RoutingModel, organisation: URIRef, day: date) -> tuple[URIRef, list]:
    """The organisation that does this organisation's work on `day` (org:ChangeEvent): the
    successions in date order, each one taken from where the chain has got to."""
    chain: list[URIRef] = []
    after = -1
    while True:
        steps = model.index.successions_from.get(organisation, ())
        step = next(((p, r) for p, r, start in steps if p > after and start <= day), None)
        if step is None:
            return organisation, chain
        chain.append(organisation)
        after, organisation = step


def _active(model: RoutingModel, organisation: URIRef, day: date) -> bool:
    periods = model.organisations[organisation].periods
    return not periods or any(
        start <= day and (end is None or day <= end) for start, end in periods
    )


# The recognised concepts of each kind that scores, for the kinds recognised (in WEIGHTS order).
Wanted = dict[str, set[URIRef]]


def _candidates(
    model: RoutingModel, recognised: Recognised, day: date, areas: set[URIRef] | None
) -> list[Candidate]:
    """The first TOP organisations by their best task; with `areas`, only those working there.
    Only tasks that can take part are scored: those of who works there, or else those of the
    best organisations found from the index."""
    wanted = {kind: found for kind in WEIGHTS if (found := recognised.has(kind))}
    if areas is not None:
        pool = _tasks_of(model, _working_in(model, areas))
        return _ranked(model, _collect(model, wanted, day, pool, areas), wanted)
    if _scan_all(model, wanted):
        return _ranked(model, _collect(model, wanted, day, model.tasks, None), wanted)
    best = _best_organisations(model, wanted, day)
    found = _collect(model, wanted, day, _tasks_of(model, set(best)), None)
    return _ranked(model, {o: c for o, c in found.items() if o in best}, wanted)


def _scan_all(model: RoutingModel, wanted: Wanted) -> bool:
    """Whether scoring every task is cheaper than the index: when tasks hardly repeat on the
    features asked for (a small data set such as Overvecht)."""
    index = model.index
    alike = len(index.projections.get(tuple(wanted), ())) + len(index.moving)
    return 2 * alike > len(model.tasks)


def _working_in(model: RoutingModel, areas: set[URIRef]) -> set[URIRef]:
    index = model.index.organisations_by_area
    return {organisation for area in areas for organisation in index.get(area, ())}


def _tasks_of(model: RoutingModel, organisations: set[URIRef]) -> list[Task]:
    """The tasks that may be these organisations' work: their own and their predecessors'."""
    index = model.index
    everyone = organisations.union(*(index.predecessors.get(o, ()) for o in organisations))
    positions = [p for o in everyone for p in index.tasks_by_organisation.get(o, ())]
    return [model.tasks[p] for p in sorted(positions)]


def _collect(
    model: RoutingModel, wanted: Wanted, day: date, tasks: list[Task], areas: set[URIRef] | None
) -> dict[URIRef, Candidate]:
    by_organisation: dict[URIRef, Candidate] = {}
    for task in tasks:
        score, reasons = _score(task, wanted)
        if score <= 0:
            continue
        organisation, succeeded = _successor(model, task.organisation, day)
        if organisation not in model.organisations or not _active(model, organisation, day):
            continue
        if areas is not None and not _works_in(model, organisation, areas):
            continue
        candidate = by_organisation.setdefault(organisation, Candidate(organisation))
        candidate.tasks.append((task, score, reasons))
        candidate.succeeds += [o for o in succeeded if o not in candidate.succeeds]
    return by_organisation


def _ranked(
    model: RoutingModel, by_organisation: dict[URIRef, Candidate], wanted: Wanted
) -> list[Candidate]:
    possible = _possible_score(wanted)
    for candidate in by_organisation.values():
        candidate.tasks.sort(key=lambda entry: (-entry[1], entry[0].id))
        candidate.score = round(candidate.tasks[0][1] / possible, 3) if possible else 0.0
    ranked = sorted(
        by_organisation.values(),
        key=lambda c: (-c.score, model.organisations[c.organisation].organisation.id),
    )
    top = [c for c in ranked if c.score >= PLAUSIBLE * ranked[0].score] if ranked else []
    return top[:TOP]


def _best_organisations(model: RoutingModel, wanted: Wanted, day: date) -> list[URIRef]:
    """The first TOP organisations in the ranking, without scoring every task: tasks alike on
    the features asked for score alike, and each level of score lists its organisations by id."""
    kinds = tuple(wanted)
    if not kinds:
        return []  # nothing to score on: no task scores above 0
    possible = _possible_score(wanted)
    by_score: dict[float, list[list[int]]] = defaultdict(list)
    alike = model.index.projections[kinds]
    for score, (_, organisations) in zip(_scores(model, wanted), alike, strict=True):
        if score > 0:
            by_score[score].append(organisations)
    levels: dict[float, list[list[int]]] = defaultdict(list)
    for score, organisations in by_score.items():
        levels[round(score / possible, 3)] += organisations
    for level, organisations in _handed_over(model, wanted, day).items():
        levels[level].append(organisations)
    best: list[URIRef] = []
    ranking = model.index.ranking
    for level in sorted(levels, reverse=True):
        for place in heapq.merge(*levels[level]):
            organisation = ranking[place]
            if organisation not in best and _active(model, organisation, day):
                best.append(organisation)
                if len(best) == TOP:
                    return best
    return best


def _scores(model: RoutingModel, wanted: Wanted) -> list[float]:
    """The points (as _points counts them) of each task in the projection on the kinds asked
    for: each distinct feature set of a kind scored once, then added up kind by kind."""
    codes = model.index.codes[tuple(wanted)]
    sets = model.index.feature_sets
    scores: list[float] | None = None
    for (kind, asked), numbers, column in zip(
        wanted.items(), codes.distinct, codes.columns, strict=True
    ):
        part = {number: _part(kind, asked, sets[number]) for number in numbers}
        points = list(map(part.__getitem__, column))
        scores = points if scores is None else list(map(operator.add, scores, points))
    return scores or []


def _part(kind: str, asked: set[URIRef], offered: frozenset[URIRef]) -> float:
    shared = asked & offered
    if shared:
        return WEIGHTS[kind] * _share(kind, shared, asked, offered)
    if kind == "target_groups":
        return -math.inf  # a task for other people: whatever else it offers, it scores nothing
    return MISMATCH.get(kind, 0.0) if offered else 0.0


def _handed_over(model: RoutingModel, wanted: Wanted, day: date) -> dict[float, list[int]]:
    """The organisations doing, on `day`, tasks of those that handed their work over, by level
    (as ranks)."""
    possible = _possible_score(wanted)
    levels: dict[float, set[int]] = defaultdict(set)
    for position in model.index.moving:
        task = model.tasks[position]
        score = _points(task, wanted)
        organisation, _ = _successor(model, task.organisation, day)
        if score > 0 and organisation in model.organisations:
            levels[round(score / possible, 3)].add(model.index.rank[organisation])
    return {level: sorted(organisations) for level, organisations in levels.items()}


def _possible_score(wanted: Wanted) -> float:
    return sum(WEIGHTS[kind] for kind in wanted)


def _score(task: Task, wanted: Wanted) -> tuple[float, list[dict]]:
    points = _points(task, wanted)
    if points <= 0:
        return points, []
    return points, [
        {"feature": kind, "concept": iri}
        for kind, asked in wanted.items()
        for iri in sorted(asked & task.features.get(kind, frozenset()))
    ]


def _points(task: Task, wanted: Wanted) -> float:
    groups = wanted.get("target_groups")
    if groups and not groups & task.features["target_groups"]:
        return 0.0  # a task for other people
    score = 0.0
    for kind, asked in wanted.items():
        offered = task.features.get(kind, frozenset())
        shared = asked & offered
        if shared:
            score += WEIGHTS[kind] * _share(kind, shared, asked, offered)
        elif offered:
            score += MISMATCH.get(kind, 0.0)
    return score


def _share(kind: str, shared: set, wanted: set, offered: frozenset) -> float:
    """How well a task's target groups or life domains fit the recognised ones (Dice: covering
    what was asked counts, and so does being specific to it: a task for everyone fits no one
    in particular). One work mode, orientation or setting in common is a full match."""
    if kind in ("target_groups", "life_domains"):
        return 2 * len(shared) / (len(wanted) + len(offered))
    return 1.0


def _areas_of(model: RoutingModel, postcode: str | None) -> set[URIRef]:
    """The areas a postcode lies in, and the areas those are part of."""
    if postcode is None:
        return set()
    direct = model.index.areas_by_postcode.get(postcode, set())
    return direct | {parent for iri in direct for parent in model.areas[iri].parents}


def _works_in(model: RoutingModel, organisation: URIRef, areas: set[URIRef]) -> bool:
    return bool(model.organisations[organisation].areas & areas)


def _grey_area(
    model: RoutingModel, recognised: Recognised, top: list[Candidate], lang: str
) -> list[dict]:
    """Why the case sits between organisations: close scores, overlapping tasks, a boundary."""
    reasons = []
    if len(top) > 1 and top[1].score >= CLOSE * top[0].score > 0:
        reasons.append({"kind": "close-candidates", "text": message("grey_close", lang)})
    overlap = _overlapping(model, top[:2])
    if overlap:
        reasons.append({"kind": "overlapping-tasks", "tasks": overlap,
                        "text": message("grey_overlap", lang)})  # fmt: skip
    grey = model.situation("close-candidates")
    for iri in sorted(recognised.has("situations")):
        concept = model.concepts[iri]
        if grey is not None and grey.iri in concept.broader:
            reasons.append(
                {"kind": "situation", "situation": concept.id, "text": pick(concept.labels, lang)}
            )
    return reasons


def _overlapping(model: RoutingModel, top: list[Candidate]) -> list[str]:
    """The best tasks of the first two candidates, when they overlap and no agreement settled
    either (the rule of the overlapping-task shape, and the report's 'settled')."""
    if len(top) < 2:
        return []
    first, second = top[0].tasks[0][0], top[1].tasks[0][0]
    if first.settled or second.settled or not tasks_overlap(model, first, second):
        return []
    return [first.id, second.id]


def tasks_overlap(model: RoutingModel, first: Task, second: Task) -> bool:
    """The overlapping-task shape's rule: a shared target group, life domain and work mode, by
    organisations that work in the same place."""
    if not all(first.features[k] & second.features[k] for k in OVERLAP_FEATURES):
        return False
    first_areas, second_areas = (
        model.organisations[task.organisation].organisation.working_areas
        for task in (first, second)
    )
    return first_areas.same_place(second_areas)


def _said(model: RoutingModel, recognised: Recognised, condition: str) -> bool:
    """Whether the description itself signals the situation tied to `condition`."""
    situation = model.situation(condition)
    return situation is not None and situation.iri in recognised.has("situations")


def _switch_on(model: RoutingModel, recognised: Recognised, condition: str, holds: bool) -> None:
    """Recognise the situation the data ties to a condition the router computed."""
    situation = model.situation(condition)
    if holds and situation is not None:
        recognised.add(situation, {"from": "router", "condition": condition})


def _candidate_json(
    model: RoutingModel, candidate: Candidate, recognised: Recognised, areas: set, lang: str
) -> dict:
    info = model.organisations[candidate.organisation]
    best = candidate.tasks[0][0]
    teams = [team for team, team_areas in info.teams if team_areas & areas]
    for predecessor in candidate.succeeds:
        teams += [t for t, t_areas in model.organisations[predecessor].teams if t_areas & areas]
    return {
        "organisation": info.organisation.to_json(lang),
        "team": teams[0].to_json(lang) if teams else None,
        "role": pick(best.role, lang) or None,
        "score": candidate.score,
        "reasons": _reasons(model, candidate, lang),
        "tasks": [
            {"id": task.id, "label": pick(task.labels, lang), "sources": task.sources}
            for task, _, _ in candidate.tasks[:TOP]
        ],
        "succeeds": [model.organisations[o].organisation.to_json(lang) for o in candidate.succeeds],
        "sources": [source for task, _, _ in candidate.tasks[:1] for source in task.sources],
    }


def _reasons(model: RoutingModel, candidate: Candidate, lang: str) -> list[dict]:
    """What of the question the best-fitting task matches, and the principles behind it."""
    reasons = []
    for task, _, matched in candidate.tasks[:1]:
        task_label = pick(task.labels, lang)
        for reason in matched:
            concept = model.concepts[reason["concept"]]
            label = pick(concept.labels, lang)
            reasons.append(
                {
                    "feature": reason["feature"],
                    "value": label,
                    "task": task_label,
                    "text": message(
                        "reason_" + reason["feature"], lang, value=label, task=task_label
                    ),
                }
            )
        for _, labels in task.principles:
            principle = pick(labels, lang)
            reasons.append(
                {
                    "principle": principle,
                    "task": task_label,
                    "text": message("reason_principle", lang, value=principle, task=task_label),
                }
            )
    return reasons

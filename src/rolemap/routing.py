"""'Who picks this up?': organisations ranked by how their tasks fit what a case description says,
with reasons, sources, a grey-area flag and advice on working together.

The scoring is generic: each recognised feature that a task shares scores its weight, a task for
another target group does not count, and an organisation scores by its best-fitting task. All
knowledge (tasks, areas, commissions, successions, signal words, protocols) comes from the data.
"""

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
    """The organisation that does this organisation's work on `day` (org:ChangeEvent)."""
    chain = []
    for original, resulting, start in model.successions:
        if original == organisation and start <= day:
            chain.append(organisation)
            organisation = resulting
    return organisation, chain


def _active(model: RoutingModel, organisation: URIRef, day: date) -> bool:
    periods = model.organisations[organisation].periods
    return not periods or any(
        start <= day and (end is None or day <= end) for start, end in periods
    )


def _candidates(
    model: RoutingModel, recognised: Recognised, day: date, areas: set[URIRef] | None
) -> list[Candidate]:
    """Organisations by their best task; with `areas`, only those working there."""
    by_organisation: dict[URIRef, Candidate] = {}
    possible = _possible_score(recognised)
    for task in model.tasks:
        score, reasons = _score(task, recognised)
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
    for candidate in by_organisation.values():
        candidate.tasks.sort(key=lambda entry: (-entry[1], entry[0].id))
        candidate.score = round(candidate.tasks[0][1] / possible, 3) if possible else 0.0
    ranked = sorted(
        by_organisation.values(),
        key=lambda c: (-c.score, model.organisations[c.organisation].organisation.id),
    )
    return [c for c in ranked if c.score >= PLAUSIBLE * ranked[0].score] if ranked else []


def _possible_score(recognised: Recognised) -> float:
    return sum(weight for kind, weight in WEIGHTS.items() if recognised.has(kind))


def _score(task: Task, recognised: Recognised) -> tuple[float, list[dict]]:
    groups = recognised.has("target_groups")
    if groups and not groups & task.features["target_groups"]:
        return 0.0, []  # a task for other people
    score, reasons = 0.0, []
    for kind, weight in WEIGHTS.items():
        wanted, offered = recognised.has(kind), task.features.get(kind, frozenset())
        shared = wanted & offered
        if shared:
            score += weight * _share(kind, shared, wanted, offered)
            reasons += [{"feature": kind, "concept": iri} for iri in sorted(shared)]
        elif wanted and offered:
            score += MISMATCH.get(kind, 0.0)
    return score, reasons


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
    direct = {iri for iri, area in model.areas.items() if postcode in area.postcodes}
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
    return all(first.features[k] & second.features[k] for k in OVERLAP_FEATURES) and share_area(
        model, first.organisation, second.organisation
    )


def share_area(model: RoutingModel, first: URIRef, second: URIRef) -> bool:
    """One works in an area of the other or within it; an organisation without a working area
    may work anywhere."""
    areas = [model.organisations[o].areas for o in (first, second)]
    if not all(areas):
        return True
    around = [a | {p for area in a for p in model.areas[area].parents} for a in areas]
    return bool(areas[0] & around[1] or areas[1] & around[0])


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

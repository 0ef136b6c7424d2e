"""Advice on working together, from the data: protocols that apply in the recognised situations
(rm:appliesIn), agreements for the recognised setting (rm:setting) and between the organisations
in the answer (rm:party), and protocols one of them keeps to that the others must respect."""

from collections import Counter
from datetime import date

from rdflib import URIRef

from rolemap.lexicon import pick
from rolemap.recognise import Recognised
from rolemap.routing_model import Agreement, Protocol, RoutingModel


def advise(
    model: RoutingModel,
    recognised: Recognised,
    top: list[URIRef],
    grey: bool,
    day: date,
    lang: str,
) -> list[dict]:
    advice: dict[URIRef, dict] = {}
    _situation_protocols(model, recognised.has("situations"), advice, lang)
    for agreement in _agreements(model, recognised.has("settings"), top, grey):
        if agreement.since is not None and agreement.since > day:
            continue  # not agreed yet on the day the answer holds for
        because = {
            "agreement": agreement.id,
            "label": pick(agreement.labels, lang),
            "sources": agreement.sources,
        }
        for iri in agreement.prescribes:
            _advise(advice, model.protocols[iri], because, lang)
    if grey and len(top) > 1:
        _respect_protocols(model, top, advice, lang)
    return list(advice.values())


def _situation_protocols(
    model: RoutingModel, situations: set[URIRef], advice: dict, lang: str
) -> None:
    """The protocols that apply in the recognised situations, in the model's order."""
    index = model.index
    places = {p for s in situations for p in index.protocols_by_situation.get(s, ())}
    for place in sorted(places):
        protocol = index.protocols[place]
        for iri in sorted(protocol.applies_in & situations):
            concept = model.concepts[iri]
            because = {"situation": concept.id, "label": pick(concept.labels, lang)}
            _advise(advice, protocol, because, lang)


def _agreements(
    model: RoutingModel, settings: set[URIRef], top: list[URIRef], grey: bool
) -> list[Agreement]:
    """The agreements that apply, in the model's order: one made for a setting applies there;
    one without, in a grey area between two or more of its parties in the answer."""
    index = model.index
    places = {p for s in settings for p in index.agreements_by_setting.get(s, ())}
    if grey:
        answer = _with_predecessors(model, top)
        shared = Counter(p for o in answer for p in index.agreements_by_party.get(o, ()))
        places |= {place for place, parties in shared.items() if parties > 1}
    return [model.agreements[place] for place in sorted(places)]


def _advise(advice: dict, protocol: Protocol, because: dict, lang: str) -> None:
    entry = advice.setdefault(
        protocol.iri,
        {
            "kind": "protocol",
            "protocol": {"id": protocol.id, "label": pick(protocol.labels, lang)},
            "rules": protocol.rules.get(lang) or protocol.rules.get("nl", []),
            "because": [],
            "sources": protocol.sources,
        },
    )
    if because not in entry["because"]:
        entry["because"].append(because)


def _with_predecessors(model: RoutingModel, organisations: list[URIRef]) -> set[URIRef]:
    """The organisations and those whose work they took over (agreements name the old ones)."""
    named = model.index.named_with
    return {o for organisation in organisations for o in named.get(organisation, (organisation,))}


def _followed(model: RoutingModel, organisation: URIRef) -> frozenset[URIRef] | set[URIRef]:
    """The protocols an organisation keeps to, or one whose work it took over."""
    followed = model.index.followed.get(organisation)
    return model.organisations[organisation].protocols if followed is None else followed


def _respect_protocols(model: RoutingModel, top: list[URIRef], advice: dict, lang: str) -> None:
    """A protocol one organisation in the answer keeps to and another does not: tell the other."""
    followed = {org: _followed(model, org) for org in top}
    for org, protocols in followed.items():
        others = [o for o in top if o != org]
        for iri in sorted(protocols):
            if any(iri not in followed[o] for o in others):
                name = model.organisations[org].organisation.to_json(lang)
                _advise(advice, model.protocols[iri], {"followed_by": name}, lang)


def protocols_of(model: RoutingModel, organisations: list[URIRef], lang: str) -> list[dict]:
    """The protocols the organisations in the answer keep to, and who keeps to each."""
    found: dict[URIRef, dict] = {}
    for org in organisations:
        info = model.organisations[org]
        for iri in sorted(_followed(model, org)):
            protocol = model.protocols[iri]
            entry = found.setdefault(
                iri,
                {
                    "id": protocol.id,
                    "label": pick(protocol.labels, lang),
                    "rules": protocol.rules.get(lang) or protocol.rules.get("nl", []),
                    "followed_by": [],
                    "sources": protocol.sources,
                },
            )
            entry["followed_by"].append(info.organisation.to_json(lang))
    return list(found.values())

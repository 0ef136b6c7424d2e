"""Advice on working together, from the data: protocols that apply in the recognised situations
(rm:appliesIn), agreements for the recognised setting (rm:setting) and between the organisations
in the answer (rm:party), and protocols one of them keeps to that the others must respect."""

from datetime import date

from rdflib import URIRef

from rolemap.lexicon import pick
from rolemap.recognise import Recognised
from rolemap.routing_model import Protocol, RoutingModel


def advise(
    model: RoutingModel,
    recognised: Recognised,
    top: list[URIRef],
    grey: bool,
    day: date,
    lang: str,
) -> list[dict]:
    advice: dict[URIRef, dict] = {}
    situations = recognised.has("situations")
    for protocol in model.protocols.values():
        for iri in sorted(protocol.applies_in & situations):
            concept = model.concepts[iri]
            because = {"situation": concept.id, "label": pick(concept.labels, lang)}
            _advise(advice, protocol, because, lang)
    settings = recognised.has("settings")
    answer = _with_predecessors(model, top)
    for agreement in model.agreements:
        if agreement.since is not None and agreement.since > day:
            continue  # not agreed yet on the day the answer holds for
        # An agreement made for one setting applies there; others between their parties.
        if agreement.settings:
            applies = bool(agreement.settings & settings)
        else:
            applies = grey and len(agreement.parties & answer) > 1
        if applies:
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
    found = set(organisations)
    for original, resulting, _ in model.successions:
        if resulting in found:
            found.add(original)
    return found


def _respect_protocols(model: RoutingModel, top: list[URIRef], advice: dict, lang: str) -> None:
    """A protocol one organisation in the answer keeps to and another does not: tell the other."""
    followed = {
        org: {p for o in _with_predecessors(model, [org]) for p in model.organisations[o].protocols}
        for org in top
    }
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
        followed = {
            p for o in _with_predecessors(model, [org]) for p in model.organisations[o].protocols
        }
        for iri in sorted(followed):
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

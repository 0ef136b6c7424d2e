"""What a case description and the structured fields say: target groups, life domains, work modes,
urgency, settings and situations (by the signal words in the data), an age and a postcode.

Signal words are read from the original text in memory; the evidence given back is the signal word
as the data has it, never the user's own text, so nothing typed is repeated to anyone.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from rdflib import URIRef

from rolemap.errors import RolemapError
from rolemap.lexicon import pick
from rolemap.matching import tokens
from rolemap.routing_model import Concept, RoutingModel
from rolemap.text import lone_surrogate, normalise, not_text

MAX_AGE = 120
_AGE_PATTERNS = [
    re.compile(r"\b(\d{1,3})\s*(?:jaar|jr)\b", re.IGNORECASE),  # "45 jaar"
    re.compile(r"\b(\d{1,3})\s*-?\s*jarige?\b", re.IGNORECASE),  # "17-jarige"
    re.compile(r"\b(?:van|is|wordt|werd)\s+(\d{1,2})\b(?!\s*(?:uur|euro|%|procent|[-:.,]\d))"),
]
_POSTCODE = re.compile(r"\b([1-9]\d{3})\s?(?:[A-Za-z]{2})?\b")
_POSTCODE_IN_TEXT = re.compile(r"\b([1-9]\d{3})\s?[A-Z]{2}\b")


class QuestionError(RolemapError):
    """A question the router cannot read: says which field and what is known."""

    def __init__(self, field: str, message: str, known: list[str] | None = None) -> None:
        self.field, self.known = field, known or []
        super().__init__(f"{field}: {message}")


@dataclass
class Question:
    description: str | None = None
    age: int | None = None
    postcode: str | None = None
    life_domains: list[str] = field(default_factory=list)
    collective: bool | None = None
    urgent: bool | None = None
    consent: bool | None = None
    as_of: date | None = None

    def check(self) -> None:
        given = [
            bool(self.description and self.description.strip()),
            self.age is not None,
            bool(self.postcode),
            bool(self.life_domains),
            self.collective is not None,
            self.urgent is not None,
        ]
        if not any(given):
            raise QuestionError(
                "question",
                "give a description or at least one of age, postcode, life_domains, "
                "collective, urgent",
            )
        if self.age is not None and not 0 <= self.age <= MAX_AGE:
            raise QuestionError("age", f"{self.age} is not an age in years (0-{MAX_AGE})")
        self._check_texts()

    def _check_texts(self) -> None:
        """A lone surrogate (from a JSON escape) would fail the answer that repeats the text."""
        texts = {"description": [self.description or ""], "postcode": [self.postcode or ""]}
        for name, values in (texts | {"life_domains": self.life_domains}).items():
            for value in values:
                if half := lone_surrogate(value):
                    raise QuestionError(name, not_text(half))


@dataclass
class Recognised:
    """Concepts read from the question, each with why: [{"from": "text", "signal": ...}, ...]."""

    features: dict[str, dict[URIRef, list[dict]]]
    age: int | None = None
    postcode: str | None = None  # four digits: the postcode area, not the street

    def has(self, kind: str) -> set[URIRef]:
        return set(self.features.get(kind, {}))

    def add(self, concept: Concept, evidence: dict) -> None:
        found = self.features.setdefault(concept.kind, {}).setdefault(concept.iri, [])
        if evidence not in found:
            found.append(evidence)

    def to_json(self, model: RoutingModel, lang: str) -> dict:
        out: dict = {
            kind: [
                {"id": model.concepts[iri].id, "label": pick(model.concepts[iri].labels, lang),
                 "because": evidence}
                for iri, evidence in found.items()
            ]
            for kind, found in self.features.items()
        }  # fmt: skip
        out["age"], out["postcode"] = self.age, self.postcode
        return out


def recognise(model: RoutingModel, question: Question) -> Recognised:
    question.check()
    found = Recognised(features=defaultdict(dict))
    text = question.description or ""
    _signals(model, text, found)
    found.age = question.age if question.age is not None else _age(text)
    if found.age is not None:
        _by_age(model, found)
    found.postcode = _postcode(question.postcode, text)
    _life_domain_fields(model, question.life_domains, found)
    _flags(model, question, found)
    found.features = dict(found.features)
    return found


def _signals(model: RoutingModel, text: str, found: Recognised) -> None:
    words = tokens(text)
    for position, word in enumerate(words):
        for pattern, iri, signal in model.signals.get(word.stem, ()):
            window = tuple(w.stem for w in words[position : position + len(pattern)])
            if window == pattern:
                found.add(model.concepts[iri], {"from": "text", "signal": signal})


def _age(text: str) -> int | None:
    for pattern in _AGE_PATTERNS:
        match = pattern.search(text)
        if match and int(match.group(1)) <= MAX_AGE:
            return int(match.group(1))
    return None


def _by_age(model: RoutingModel, found: Recognised) -> None:
    for concept in model.concepts.values():
        if concept.age_from is None and concept.age_to is None:
            continue
        low = concept.age_from if concept.age_from is not None else 0
        high = concept.age_to if concept.age_to is not None else MAX_AGE
        if low <= found.age <= high:
            found.add(concept, {"from": "age", "age": found.age})


def _postcode(given: str | None, text: str) -> str | None:
    if given:
        match = _POSTCODE.fullmatch(given.strip())
        if match is None:
            raise QuestionError("postcode", f"{given!r} is not a Dutch postcode (1234 or 1234 AB)")
        return match.group(1)
    match = _POSTCODE_IN_TEXT.search(text)
    return match.group(1) if match else None


def _life_domain_fields(model: RoutingModel, given: list[str], found: Recognised) -> None:
    names = model.life_domain_names
    unknown = [name for name in given if normalise(name) not in names]
    if unknown:
        known = sorted(pick(c.labels, "nl") for c in model.by_kind.get("life_domains", []))
        raise QuestionError(
            "life_domains", f"unknown: {', '.join(unknown)}; known: {', '.join(known)}", known
        )
    for name in given:
        found.add(names[normalise(name)], {"from": "field", "field": "life_domains"})


def _flags(model: RoutingModel, question: Question, found: Recognised) -> None:
    for flag, value in (("collective", question.collective), ("urgent", question.urgent)):
        iri = model.flags.get(flag)
        if iri is None or value is None:
            continue
        concept = model.concepts[iri]
        if value:
            found.add(concept, {"from": "field", "field": flag})
        else:  # the professional says no: that overrides what the words suggested
            kind = found.features.get(concept.kind, {})
            kind.pop(iri, None)
            if not kind:
                found.features.pop(concept.kind, None)

"""rolemap's JSON-LD context (`ontology/context.jsonld`) read as terms, and the model of a context
that checking an addition needs: its prefixes, terms and keyword aliases, and which IRI a key,
type or reference stands for under them."""

import json
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from rolemap.paths import ontology_dir

CONTEXT_IRI = "https://w3id.org/rolemap/context.jsonld"
"""The shipped context's own IRI: a document may name it; it is read from the local file."""

_SCHEMES = {"http", "https", "urn", "mailto", "tag", "file"}


@dataclass(frozen=True)
class Term:
    iri: str
    coerce: str | None = None  # "@id" or a datatype IRI
    container: str | None = None


@dataclass
class Context:
    """What a JSON-LD context defines, as far as checking a document needs it."""

    prefixes: dict[str, str] = field(default_factory=dict)
    terms: dict[str, Term] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # key -> keyword
    vocab: str | None = None

    def copy(self) -> "Context":
        return replace(
            self, prefixes=dict(self.prefixes), terms=dict(self.terms), aliases=dict(self.aliases)
        )

    def expand(self, value: str, vocab: bool) -> str | None:
        """The IRI `value` stands for, or None when it is a relative reference or an unknown
        prefix. `vocab` says whether terms apply (keys and types, not references)."""
        if vocab and value in self.terms:
            return self.terms[value].iri
        prefix, colon, rest = value.partition(":")
        if colon:
            if prefix == "_":
                return value
            if prefix in self.prefixes and not rest.startswith("//"):
                return self.prefixes[prefix] + rest
            if rest.startswith("//") or prefix.lower() in _SCHEMES:
                return value
            return None
        return self.vocab + value if vocab and self.vocab else None

    def defines(self, key: str) -> bool:
        return key in self.prefixes or key in self.terms or key in self.aliases


@dataclass(frozen=True)
class Shipped:
    """The shipped context: as written (`raw`), as a Context, and its keys by IRI."""

    raw: dict[str, Any]
    context: Context
    properties: dict[str, str]  # IRI -> key
    classes: dict[str, str]  # IRI -> key


def is_namespace(iri: str) -> bool:
    return iri.endswith(("/", "#"))


def is_absolute(iri: str) -> bool:
    """Whether `iri` is a full IRI (a known scheme or scheme://), not a prefixed name."""
    scheme, colon, rest = iri.partition(":")
    return bool(colon) and (scheme.lower() in _SCHEMES or rest.startswith("//"))


@cache
def shipped() -> Shipped:
    raw = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    context = Context()
    for key, value in raw.items():
        if isinstance(value, str) and value.startswith("@"):
            context.aliases[key] = value
        elif isinstance(value, str) and is_namespace(value):
            context.prefixes[key] = value
    properties, classes = {}, {}
    for key, value in raw.items():
        if key in context.aliases or key in context.prefixes:
            continue
        term = _term(context, key, value)
        context.terms[key] = term
        if isinstance(value, str):  # a class
            classes[term.iri] = key
        else:  # a property
            properties[term.iri] = key
    return Shipped(raw, context, properties, classes)


def _term(context: Context, key: str, value: str | dict[str, Any]) -> Term:
    """A class (its IRI) or a property (an object with @id, maybe @type and @container)."""
    if isinstance(value, str):
        iri = context.expand(value, vocab=False)
        assert iri, key
        return Term(iri)
    iri = context.expand(value["@id"], vocab=False)
    assert iri, key
    coerce = value.get("@type")
    if coerce and coerce != "@id":
        coerce = context.expand(coerce, vocab=False)
    return Term(iri, coerce, value.get("@container"))


def context_keys() -> dict[str, str]:
    """The shipped context's class and property keys, by the IRI each stands for."""
    context = shipped()
    return {**context.classes, **context.properties}

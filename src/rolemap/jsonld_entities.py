"""The entities of a YAML-LD or JSON-LD addition checked against rolemap's model before rdflib
reads them, refusing what JSON-LD would otherwise get wrong without a word: keys the context does
not define (JSON-LD drops them), types that are no class of the model, references with a prefix
nobody declared (JSON-LD reads `foo:bar` as an IRI with scheme foo), ids and references no store
can hold (JSON-LD drops an entity whose IRI holds a space), text without a language, plain text
where the model wants a reference or a typed value. Notes the line where each entity is
described."""

import re
from dataclasses import dataclass, field, replace
from typing import Any

from rolemap.jsonld_context import Context, Term, shipped
from rolemap.jsonld_definitions import bad_reference, did_you_mean, extend, refuse_unusable
from rolemap.marked_data import JsonPath, Marks

_KEYWORD_KEYS = {"@id", "@type", "@graph", "@included", "@index", "@context"}
_VALUE_KEYS = {"@value", "@language", "@type", "@direction", "@index"}
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_HINT_KEYS = (
    "Use the keys of ontology/context.jsonld (the README lists the layout); a property the model "
    "lacks goes into ontology/rolemap.ttl and the context first."
)


@dataclass(frozen=True)
class _Key:
    """A property key as written, the shipped key for its IRI, and how each reads a value."""

    key: str
    name: str
    term: Term | None  # the active context's term for `key`; None for a prefixed name or IRI
    model: Term  # the shipped context's term for the same property
    in_list: bool = False

    @property
    def reads_language_map(self) -> bool:
        return self.term is not None and self.term.container == "@language" and not self.in_list


@dataclass
class EntityCheck:
    """Checks entities and their values, and notes the line where each entity's id stands."""

    marks: Marks
    subject_lines: dict[str, int] = field(default_factory=dict)  # IRI -> line

    def nodes(self, items: list[Any], at: JsonPath, context: Context) -> None:
        for i, item in enumerate(items):
            if not isinstance(item, dict) or "@value" in item:
                self.marks.fail(
                    "has an entity that is not a mapping of keys to values",
                    at=(*at, i),
                    hint="Each entity is a mapping: id:, type: and its properties.",
                )
            self.node(item, (*at, i), context)

    def node(self, node: dict[str, Any], at: JsonPath, context: Context) -> Context:
        """Check one entity; the context in force inside it (after its own @context)."""
        if "@context" in node:
            context = extend(self.marks, context, node["@context"], (*at, "@context"))
        for key, value in node.items():
            where = (*at, key)
            keyword = key if key.startswith("@") else context.aliases.get(key)
            if keyword is None:
                self._property(key, value, where, context)
            elif keyword == "@id":
                self._identity(value, where, at, context)
            elif keyword == "@type":
                for i, kind in enumerate(value if isinstance(value, list) else [value]):
                    self._kind(kind, (*where, i) if isinstance(value, list) else where, context)
            elif keyword in ("@graph", "@included"):
                self.nodes(value if isinstance(value, list) else [value], where, context)
            elif keyword not in _KEYWORD_KEYS:
                self.marks.fail(
                    f"uses the JSON-LD keyword {keyword}, which additions do not use",
                    at=where,
                    key=True,
                    hint=_HINT_KEYS,
                )
        return context

    def _identity(self, value: Any, at: JsonPath, node_at: JsonPath, context: Context) -> None:
        if not isinstance(value, str) or not value:
            self.marks.fail(
                "has an entity whose id is empty or not text",
                at=at,
                hint="Give each entity an IRI: a prefixed name like orgs:… or a full https:// IRI.",
            )
        iri = context.expand(value, vocab=False)
        if iri is None:
            bad_reference(self.marks, value, at, context, what="id")
        refuse_unusable(self.marks, value, iri, at, "the id")
        if not iri.startswith("_:") and iri not in self.subject_lines:
            position = self.marks.values.get(node_at)
            if position:
                self.subject_lines[iri] = position[0]

    def _kind(self, value: Any, at: JsonPath, context: Context) -> None:
        model = shipped()
        iri = context.expand(value, vocab=True) if isinstance(value, str) else None
        if iri is None or iri not in model.classes:
            classes = sorted(model.classes.values())
            self.marks.fail(
                (f"has the type ‘{value}’" if value else "has an empty type")
                + ", which is not a class of the rolemap model"
                + did_you_mean(str(value), classes, "classes"),
                at=at,
                hint=f"Use one of: {', '.join(classes)}.",
            )

    def _property(self, key: str, value: Any, at: JsonPath, context: Context) -> None:
        model = shipped()
        iri = context.expand(key, vocab=True)
        if iri is None or iri not in model.properties:
            known = sorted({*model.properties.values(), "id", "type"})
            self.marks.fail(
                f"has the key ‘{key}’, which rolemap's context does not define (JSON-LD would "
                "silently drop it)" + did_you_mean(re.split(r"[:/#]", key)[-1], known, "keys"),
                at=at,
                key=True,
                hint=_HINT_KEYS,
            )
        name = model.properties[iri]
        written = _Key(key, name, context.terms.get(key), model.context.terms[name])
        self._value(value, at, context, written)

    # --- values -------------------------------------------------------------------------------

    def _value(self, value: Any, at: JsonPath, context: Context, key: _Key) -> None:
        """Check one value of a property against how the model types that property."""
        if value is None:
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, list):
                    self.marks.fail(f"has a list inside a list under ‘{key.key}’", at=(*at, i))
                self._value(item, (*at, i), context, replace(key, in_list=True))
        elif isinstance(value, dict):
            self._object(value, at, context, key)
        else:
            self._plain(value, at, context, key)

    def _object(self, value: dict[str, Any], at: JsonPath, context: Context, key: _Key) -> None:
        """A value object, a list or set, a language map, or an entity inside the value."""
        if "@value" in value and key.reads_language_map:  # JSON-LD reads it as a language map
            self.marks.fail(
                f"‘{key.key}’ takes texts per language, not a value object with @value",
                at=(*at, "@value"),
                key=True,
                hint=f"Write the text per language: `{key.key}: {{nl: …, en: …}}`.",
            )
        if "@value" in value:
            self._value_object(value, at, context, key)
        elif "@list" in value or "@set" in value:
            inner = "@list" if "@list" in value else "@set"
            self._value(value[inner], (*at, inner), context, key)
        elif key.reads_language_map:
            self._language_map(value, at, key.key)
        elif key.model.container == "@language":
            self.marks.fail(
                f"‘{key.key}’ takes texts per language, not an entity",
                at=at,
                hint=f"Write `{key.name}: {{nl: …, en: …}}`.",
            )
        else:
            self.node(value, at, context)

    def _plain(self, value: Any, at: JsonPath, context: Context, key: _Key) -> None:
        """A text (or JSON number or boolean): the model must take it as the key reads it."""
        if key.model.container == "@language":
            self.marks.fail(
                f"gives ‘{key.key}’ a text without its language",
                at=at,
                hint=f"Write the text per language: `{key.name}: {{nl: …, en: …}}`.",
            )
        wanted = key.model.coerce
        if wanted == "@id":
            if key.term is None or key.term.coerce != "@id" or not isinstance(value, str):
                self.marks.fail(
                    f"‘{key.key}’ takes a reference to an entity, not the text ‘{value}’",
                    at=at,
                    hint=f"Write `{key.name}: orgs:…` (a prefixed name or a full IRI).",
                )
            iri = context.expand(value, vocab=False)
            if iri is None:
                bad_reference(self.marks, value, at, context, what=key.key)
            refuse_unusable(self.marks, value, iri, at, "the reference")
        elif wanted and (key.term is None or key.term.coerce != wanted):
            self.marks.fail(
                f"‘{key.key}’ takes a typed value (<{wanted}>), not the plain ‘{value}’",
                at=at,
                hint=f"Use the key ‘{key.name}’, which types the value, or a value object.",
            )

    def _language_map(self, value: dict[str, Any], at: JsonPath, key: str) -> None:
        for language, texts in value.items():
            if language != "@none" and not _LANGUAGE_TAG.match(language):
                self.marks.fail(
                    f"‘{language}’ under ‘{key}’ is not a language code",
                    at=(*at, language),
                    key=True,
                    hint=f"Write the text per language: `{key}: {{nl: …, en: …}}`.",
                )
            for i, text in enumerate(texts if isinstance(texts, list) else [texts]):
                if text is not None and not isinstance(text, str):
                    where = (*at, language, i) if isinstance(texts, list) else (*at, language)
                    self.marks.fail(f"‘{key}’ in ‘{language}’ must be text", at=where)

    def _value_object(
        self, value: dict[str, Any], at: JsonPath, context: Context, key: _Key
    ) -> None:
        for name, item in value.items():
            if name not in _VALUE_KEYS:
                self.marks.fail(f"has ‘{name}’ beside @value", at=(*at, name), key=True)
            if name == "@type" and (
                not isinstance(item, str) or context.expand(item, vocab=True) is None
            ):
                bad_reference(self.marks, str(item), (*at, name), context, what="@type")
        if key.model.container == "@language" and "@language" not in value:
            self.marks.fail(
                f"gives ‘{key.key}’ a text without its language",
                at=at,
                hint=f"Write the text per language: `{key.name}: {{nl: …, en: …}}`.",
            )

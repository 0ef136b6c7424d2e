"""Read an analyst's addition (a new organisation) from Turtle, JSON-LD or YAML.

YAML is YAML-LD: JSON-LD written as YAML and read with the JSON-LD context rolemap ships
(`ontology/context.jsonld`), so `prefLabel: {nl: …}` is skos:prefLabel "…"@nl and
`targetGroup: rmv:volwassenen` is rm:targetGroup rmv:volwassenen. rdflib's JSON-LD parser does the
conversion to RDF; this module only decides the layout and refuses what JSON-LD would otherwise
get wrong without a word: keys the context does not define (JSON-LD drops them), prefixes nobody
declared (JSON-LD reads `foo:bar` as an IRI with scheme foo), text without a language, remote
contexts (never fetched: no network, and a document must not make the server request a URL), and
YAML anchors and aliases (billion laughs).

The friendly layout, in YAML or JSON:

    prefixes: {ex: https://example.org/brug/}     # optional; rolemap's prefixes are always there
    entities:
      - id: orgs:buurtwerk-de-brug
        type: FormalOrganization
        prefLabel: {nl: Buurtwerk De Brug}

A top-level list is the entities alone; any other JSON-LD document is read as JSON-LD, with
rolemap's context applied before its own.
"""

import difflib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urljoin

import yaml
from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from rolemap.errors import DataFileError, RolemapError
from rolemap.loader import _syntax_error
from rolemap.namespaces import PREFIXES
from rolemap.paths import ontology_dir

CONTEXT_IRI = "https://w3id.org/rolemap/context.jsonld"
"""The shipped context's own IRI: a document may name it; it is read from the local file."""


# =============================================================================================
# Formats
# =============================================================================================


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    media_types: tuple[str, ...]
    suffixes: tuple[str, ...]


FORMATS: dict[str, Format] = {
    "turtle": Format("turtle", "Turtle", ("text/turtle",), (".ttl",)),
    "json-ld": Format(
        "json-ld", "JSON-LD", ("application/ld+json", "application/json"), (".jsonld", ".json")
    ),
    "yaml": Format(
        "yaml",
        "YAML",
        ("application/yaml", "application/x-yaml", "text/yaml"),
        (".yaml", ".yml"),
    ),
}


class UnsupportedFormatError(RolemapError):
    """A file suffix, media type or format name that is none of Turtle, JSON-LD and YAML."""

    def __init__(self, what: str, given: str) -> None:
        self.given = given
        supported = "; ".join(
            f"{fmt.label} ({', '.join(fmt.suffixes + fmt.media_types)})" for fmt in FORMATS.values()
        )
        super().__init__(f"unsupported {what} ‘{given}’; supported: {supported}")


def format_for_path(path: str | Path) -> str:
    """The format name (a key of FORMATS) for a file name, by its suffix."""
    suffix = Path(path).suffix.lower()
    for fmt in FORMATS.values():
        if suffix in fmt.suffixes:
            return fmt.name
    raise UnsupportedFormatError("file type", suffix or str(path))


def format_for_media_type(content_type: str) -> str:
    """The format name for a Content-Type header; parameters such as charset do not matter."""
    media_type = content_type.split(";", 1)[0].strip().lower()
    for fmt in FORMATS.values():
        if media_type in fmt.media_types:
            return fmt.name
    raise UnsupportedFormatError("media type", media_type or content_type)


# =============================================================================================
# The result
# =============================================================================================


@dataclass
class Addition:
    """An addition as RDF, with the line where each of its subjects is described."""

    graph: Graph
    name: str
    lines: dict[URIRef, int] = field(default_factory=dict)


def parse_addition(data: bytes, fmt: str, name: str) -> Addition:
    """Parse an addition in the format `fmt` (a key of FORMATS). Every problem is a
    DataFileError that names `name` and, where known, the line and column."""
    if fmt not in FORMATS:
        raise UnsupportedFormatError("format", fmt)
    reader = _Reader(Path(name))
    text = reader.decode(data)
    try:
        if fmt == "turtle":
            graph, lines = reader.turtle(text)
        else:
            graph, lines = reader.linked_data(text, yaml_syntax=fmt == "yaml")
    except RecursionError:
        reader.fail(
            "is nested too deeply", hint="Write entities side by side, not inside each other."
        )
    if len(graph) == 0:
        reader.fail(
            "holds no statements",
            hint="Add the organisation and what belongs to it; see examples/new-organisation.*.",
        )
    return Addition(graph=graph, name=name, lines=lines)


# =============================================================================================
# The shipped context, read as terms
# =============================================================================================

JsonPath = tuple[str | int, ...]
_SCHEMES = {"http", "https", "urn", "mailto", "tag", "file"}
_KEYWORD_KEYS = {"@id", "@type", "@graph", "@included", "@index", "@context"}
_VALUE_KEYS = {"@value", "@language", "@type", "@direction", "@index"}
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
_PREFIX_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")
_NULL_TAG = "tag:yaml.org,2002:null"
_HINT_KEYS = (
    "Use the keys of ontology/context.jsonld (the README lists the layout); a property the model "
    "lacks goes into ontology/rolemap.ttl and the context first."
)


@dataclass(frozen=True)
class _Term:
    iri: str
    coerce: str | None = None  # "@id" or a datatype IRI
    container: str | None = None


@dataclass
class _Context:
    """What a JSON-LD context defines, as far as checking a document needs it."""

    prefixes: dict[str, str] = field(default_factory=dict)
    terms: dict[str, _Term] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # key -> keyword
    vocab: str | None = None

    def copy(self) -> "_Context":
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
class _Shipped:
    raw: dict[str, Any]
    context: _Context
    properties: dict[str, str]  # IRI -> key
    classes: dict[str, str]  # IRI -> key


def _is_namespace(iri: str) -> bool:
    return iri.endswith(("/", "#"))


@cache
def _shipped() -> _Shipped:
    raw = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    context = _Context()
    for key, value in raw.items():
        if isinstance(value, str) and value.startswith("@"):
            context.aliases[key] = value
        elif isinstance(value, str) and _is_namespace(value):
            context.prefixes[key] = value
    properties, classes = {}, {}
    for key, value in raw.items():
        if key in context.aliases or key in context.prefixes:
            continue
        if isinstance(value, str):  # a class
            iri = context.expand(value, vocab=False)
            assert iri, key
            context.terms[key] = _Term(iri)
            classes[iri] = key
        else:  # a property
            iri = context.expand(value["@id"], vocab=False)
            assert iri, key
            coerce = value.get("@type")
            if coerce and coerce != "@id":
                coerce = context.expand(coerce, vocab=False)
            context.terms[key] = _Term(iri, coerce, value.get("@container"))
            properties[iri] = key
    return _Shipped(raw, context, properties, classes)


def context_keys() -> dict[str, str]:
    """The shipped context's class and property keys, by the IRI each stands for."""
    shipped = _shipped()
    return {**shipped.classes, **shipped.properties}


# =============================================================================================
# Reading
# =============================================================================================


class _Refused(Exception):
    def __init__(self, mark: Any, tagged: bool) -> None:
        self.mark, self.tagged = mark, tagged


class _Loader(yaml.SafeLoader):
    """Composes YAML nodes (nothing is constructed) and refuses anchors, aliases and tags."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(event.start_mark, tagged=False)
        if getattr(event, "tag", None) is not None:
            raise _Refused(event.start_mark, tagged=True)
        return super().compose_node(parent, index)


class _DuplicateKey(Exception):
    pass


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


@dataclass
class _Reader:
    path: Path
    values: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)  # (line, column)
    keys: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    subject_lines: dict[str, int] = field(default_factory=dict)

    # --- errors -------------------------------------------------------------------------------

    def fail(
        self,
        message: str,
        at: JsonPath | None = None,
        key: bool = False,
        hint: str = "Fix the addition and send it again.",
        line: int | None = None,
        column: int | None = None,
    ) -> NoReturn:
        if at is not None and line is None:
            position = (self.keys if key else self.values).get(at) or self.values.get(at)
            if position:
                line, column = position
        raise DataFileError(self.path, message, line=line, column=column, hint=hint)

    def decode(self, data: bytes) -> str:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            before = data[: exc.start]
            column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
            self.fail(
                "is not valid UTF-8",
                line=before.count(b"\n") + 1,
                column=column,
                hint="Save the file as UTF-8.",
            )
        return text.removeprefix("\ufeff")

    def base(self) -> str:
        return self.path.resolve().as_uri()

    # --- Turtle -------------------------------------------------------------------------------

    def turtle(self, text: str) -> tuple[Graph, dict[URIRef, int]]:
        graph = Graph()
        try:
            graph.parse(data=text, format="turtle", publicID=self.base())
        except BadSyntax as exc:
            error = _syntax_error(self.path, text, exc)
            error.hint = "Fix the addition and send it again."
            raise error from None
        return graph, _turtle_lines(text, graph, self.base())

    # --- JSON-LD and YAML ---------------------------------------------------------------------

    def linked_data(self, text: str, yaml_syntax: bool) -> tuple[Graph, dict[URIRef, int]]:
        data = self.read_yaml(text) if yaml_syntax else self.read_json(text)
        document, context = self.document(data)
        _inline_shipped_contexts(document)
        parsed = Graph()
        try:
            parsed.parse(data=json.dumps(document), format="json-ld", publicID=self.base())
        except Exception as exc:  # rdflib's JSON-LD errors share no base class
            self.fail(f"is not valid JSON-LD ({exc})")
        graph = Graph()  # without the bindings rdflib makes of every context term
        for prefix, namespace in {**PREFIXES, **context.prefixes}.items():
            graph.bind(prefix, namespace)
        graph += parsed
        subjects = set(graph.subjects())
        lines = {
            URIRef(iri): line for iri, line in self.subject_lines.items() if URIRef(iri) in subjects
        }
        return graph, lines

    def read_yaml(self, text: str) -> Any:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except _Refused as exc:
            line, column = exc.mark.line + 1, exc.mark.column + 1
            if exc.tagged:
                self.fail(
                    "uses a YAML tag (!…)",
                    line=line,
                    column=column,
                    hint="Write the value plainly; the context gives it its type.",
                )
            self.fail(
                "uses a YAML anchor or alias (& or *), which additions refuse",
                line=line,
                column=column,
                hint="Write the value out in full; to refer to another entity, use its id.",
            )
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            problem = "; ".join(part for part in (exc.context, exc.problem) if part)
            self.fail(
                f"YAML syntax error: {problem or 'cannot be read'}",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
        except yaml.YAMLError as exc:
            self.fail(f"YAML syntax error: {exc}")
        finally:
            loader.dispose()
        if node is None:
            self.fail("is empty", hint="Add prefixes: and entities: (see the README).")
        return self.from_node(node, ())

    def from_node(self, node: Any, at: JsonPath) -> Any:
        """Plain data from a YAML node, recording where each value and key stands. Every scalar
        is text (the context types dates and numbers), so `no`, `2019` and `3561` stay as
        written; only an empty value or ~ is null."""
        self.values[at] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == _NULL_TAG else node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.from_node(item, (*at, i)) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            mark = key_node.start_mark
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(
                    "has a key that is not a word", line=mark.line + 1, column=mark.column + 1
                )
            key = key_node.value
            if key in result:
                self.fail(
                    f"has the key ‘{key}’ twice in one mapping",
                    line=mark.line + 1,
                    column=mark.column + 1,
                    hint="Give each key once; several values go in a list.",
                )
            self.keys[(*at, key)] = (mark.line + 1, mark.column + 1)
            result[key] = self.from_node(value_node, (*at, key))
        return result

    def read_json(self, text: str) -> Any:
        if not text.strip():
            self.fail("is empty", hint="Send a JSON-LD document.")
        try:
            data = json.loads(text, object_pairs_hook=_no_duplicates)
        except json.JSONDecodeError as exc:
            self.fail(f"JSON syntax error: {exc.msg}", line=exc.lineno, column=exc.colno)
        except _DuplicateKey as exc:
            self.mark_json(text)  # fails with the line of the second key where it can
            self.fail(f"has the key ‘{exc}’ twice in one object")
        self.mark_json(text)
        return data

    def mark_json(self, text: str) -> None:
        """Where each value and key of a JSON document stands, best effort: JSON is YAML."""
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                self.from_node(node, ())
        except (yaml.YAMLError, _Refused):
            self.values.clear()
            self.keys.clear()
        finally:
            loader.dispose()

    # --- layout -------------------------------------------------------------------------------

    def document(self, data: Any) -> tuple[dict[str, Any], _Context]:
        """The JSON-LD document for rdflib, after checking every key and reference."""
        shipped = _shipped()
        if isinstance(data, list):
            self.nodes(data, (), shipped.context)
            return {"@context": shipped.raw, "@graph": data}, shipped.context
        if not isinstance(data, dict):
            self.fail(
                "must be a mapping (prefixes:, entities:) or a list of entities at the top",
                at=(),
                hint="Start with `entities:` and list the entities under it (see the README).",
            )
        if "entities" in data or "prefixes" in data:
            return self.layout(data)
        document = dict(data)
        own = data.get("@context")
        context = self.node(data, (), shipped.context)
        contexts = own if isinstance(own, list) else [own] if own is not None else []
        document["@context"] = [shipped.raw, *(c for c in contexts if c != CONTEXT_IRI)]
        return document, context

    def layout(self, data: dict[str, Any]) -> tuple[dict[str, Any], _Context]:
        shipped = _shipped()
        for key in data:
            if key not in ("prefixes", "entities"):
                self.fail(
                    f"has the top-level key ‘{key}’"
                    + _did_you_mean(key, ["prefixes", "entities"], "keys"),
                    at=(key,),
                    key=True,
                    hint="At the top stand only prefixes: and entities:; entity keys go "
                    "inside an entity under entities:.",
                )
        prefixes = data.get("prefixes") or {}
        if not isinstance(prefixes, dict):
            self.fail(
                "prefixes: must map prefix names to namespaces",
                at=("prefixes",),
                hint="Write `prefixes: {ex: https://example.org/brug/}`.",
            )
        context = shipped.context.copy()
        for name, namespace in prefixes.items():
            self.declare_prefix(context, name, namespace, ("prefixes", name))
        entities = data.get("entities") or []
        if not isinstance(entities, list):
            self.fail(
                "entities: must be a list of entities",
                at=("entities",),
                hint="Write each entity as a list item: `- id: orgs:…`.",
            )
        self.nodes(entities, ("entities",), context)
        local = [shipped.raw, prefixes] if prefixes else shipped.raw
        return {"@context": local, "@graph": entities}, context

    def declare_prefix(self, context: _Context, name: Any, namespace: Any, at: JsonPath) -> None:
        shipped = _shipped().context
        if not isinstance(name, str) or not _PREFIX_NAME.match(name):
            self.fail(f"‘{name}’ is not a prefix name", at=at, key=True)
        if name in shipped.prefixes and shipped.prefixes[name] == namespace:
            return
        if shipped.defines(name):
            self.fail(
                f"redefines ‘{name}’, which rolemap's context already defines",
                at=at,
                key=True,
                hint="Choose another prefix name; rolemap's own prefixes need no declaration.",
            )
        if not isinstance(namespace, str) or self.absolute(namespace) is None:
            self.fail(
                f"the prefix ‘{name}’ needs a namespace IRI, not ‘{namespace}’",
                at=at,
                hint="Write a full IRI ending in / or #, like https://example.org/brug/.",
            )
        if not _is_namespace(namespace):
            self.fail(
                f"the namespace of ‘{name}’ must end in / or #",
                at=at,
                hint=f"Write {namespace}/ so that {name}:x stands for {namespace}/x.",
            )
        context.prefixes[name] = namespace

    @staticmethod
    def absolute(iri: str) -> str | None:
        scheme, colon, rest = iri.partition(":")
        return iri if colon and (scheme.lower() in _SCHEMES or rest.startswith("//")) else None

    # --- contexts inside the document ---------------------------------------------------------

    def extend(self, context: _Context, source: Any, at: JsonPath) -> _Context:
        """The context after a document's own @context (a dict, a list, or rolemap's IRI)."""
        context = context.copy()
        for i, item in enumerate(source if isinstance(source, list) else [source]):
            where = (*at, i) if isinstance(source, list) else at
            if item == CONTEXT_IRI:
                continue
            if isinstance(item, str):
                self.fail(
                    f"names the remote @context ‘{item}’, which rolemap does not fetch",
                    at=where,
                    hint="Put the definitions in the document itself; rolemap's own context "
                    f"({CONTEXT_IRI}) is read from its local copy and always applies.",
                )
            if not isinstance(item, dict):
                self.fail(
                    "has a @context that is neither an object nor rolemap's context IRI",
                    at=where,
                    hint="A null @context would drop rolemap's keys; leave it out.",
                )
            for key, value in item.items():
                self.define(context, key, value, (*where, key))
        return context

    def define(self, context: _Context, key: str, value: Any, at: JsonPath) -> None:
        shipped = _shipped().context
        if key == "@import":
            self.fail(
                "uses @import, which would fetch a context over the network",
                at=at,
                key=True,
                hint="Put the definitions in the document itself.",
            )
        if key == "@vocab":
            context.vocab = context.expand(value, vocab=False) if isinstance(value, str) else None
            return
        if key.startswith("@"):
            return  # @base, @version, @language, @protected, @propagate, @direction
        if shipped.defines(key):
            same = shipped.prefixes.get(key) == value or _shipped().raw.get(key) == value
            if not same:
                self.fail(
                    f"redefines ‘{key}’, which rolemap's context already defines",
                    at=at,
                    key=True,
                    hint="Use another name; rolemap's keys mean the same in every addition.",
                )
            return
        if value is None:
            context.terms.pop(key, None)
            context.prefixes.pop(key, None)
            return
        if isinstance(value, str) and value.startswith("@"):
            context.aliases[key] = value
            return
        if isinstance(value, str):
            iri = context.expand(value, vocab=False)
            if iri is None:
                self.bad_reference(value, at, context, what=f"the definition of ‘{key}’")
            if _is_namespace(iri):
                context.prefixes[key] = iri
            else:
                context.terms[key] = _Term(iri)
            return
        if not isinstance(value, dict):
            self.fail(f"defines ‘{key}’ with neither an IRI nor an object", at=at)
        for unsupported in ("@context", "@reverse", "@nest"):
            if unsupported in value:
                self.fail(f"uses {unsupported} in the definition of ‘{key}’", at=at, key=True)
        container = value.get("@container")
        if container not in (None, "@language", "@set", "@list", ["@set"]):
            self.fail(f"gives ‘{key}’ the container {container}, which additions do not use", at=at)
        iri = context.expand(value.get("@id", key), vocab=False)
        if iri is None:
            self.bad_reference(value.get("@id", key), at, context, what=f"the IRI of ‘{key}’")
        coerce = value.get("@type")
        if isinstance(coerce, str) and coerce not in ("@id", "@vocab"):
            coerce = context.expand(coerce, vocab=True)
        if value.get("@prefix") is True or (_is_namespace(iri) and "@type" not in value):
            context.prefixes[key] = iri
        context.terms[key] = _Term(iri, coerce, container if isinstance(container, str) else None)

    # --- entities -----------------------------------------------------------------------------

    def nodes(self, items: list[Any], at: JsonPath, context: _Context) -> None:
        for i, item in enumerate(items):
            if not isinstance(item, dict) or "@value" in item:
                self.fail(
                    "has an entity that is not a mapping of keys to values",
                    at=(*at, i),
                    hint="Each entity is a mapping: id:, type: and its properties.",
                )
            self.node(item, (*at, i), context)

    def node(self, node: dict[str, Any], at: JsonPath, context: _Context) -> _Context:
        if "@context" in node:
            context = self.extend(context, node["@context"], (*at, "@context"))
        for key, value in node.items():
            where = (*at, key)
            keyword = key if key.startswith("@") else context.aliases.get(key)
            if keyword is None:
                self.property(key, value, where, context)
            elif keyword == "@id":
                self.identity(value, where, at, context)
            elif keyword == "@type":
                for i, kind in enumerate(value if isinstance(value, list) else [value]):
                    self.kind(kind, (*where, i) if isinstance(value, list) else where, context)
            elif keyword in ("@graph", "@included"):
                self.nodes(value if isinstance(value, list) else [value], where, context)
            elif keyword not in _KEYWORD_KEYS:
                self.fail(
                    f"uses the JSON-LD keyword {keyword}, which additions do not use",
                    at=where,
                    key=True,
                    hint=_HINT_KEYS,
                )
        return context

    def identity(self, value: Any, at: JsonPath, node_at: JsonPath, context: _Context) -> None:
        if not isinstance(value, str) or not value:
            self.fail(
                "has an entity whose id is empty or not text",
                at=at,
                hint="Give each entity an IRI: a prefixed name like orgs:… or a full https:// IRI.",
            )
        iri = context.expand(value, vocab=False)
        if iri is None:
            self.bad_reference(value, at, context, what="id")
        if not iri.startswith("_:") and iri not in self.subject_lines:
            position = self.values.get(node_at)
            if position:
                self.subject_lines[iri] = position[0]

    def kind(self, value: Any, at: JsonPath, context: _Context) -> None:
        shipped = _shipped()
        iri = context.expand(value, vocab=True) if isinstance(value, str) else None
        if iri is None or iri not in shipped.classes:
            classes = sorted(shipped.classes.values())
            self.fail(
                (f"has the type ‘{value}’" if value else "has an empty type")
                + ", which is not a class of the rolemap model"
                + _did_you_mean(str(value), classes, "classes"),
                at=at,
                hint=f"Use one of: {', '.join(classes)}.",
            )

    def property(self, key: str, value: Any, at: JsonPath, context: _Context) -> None:
        shipped = _shipped()
        iri = context.expand(key, vocab=True)
        if iri is None or iri not in shipped.properties:
            known = sorted({*shipped.properties.values(), "id", "type"})
            self.fail(
                f"has the key ‘{key}’, which rolemap's context does not define (JSON-LD would "
                "silently drop it)" + _did_you_mean(re.split(r"[:/#]", key)[-1], known, "keys"),
                at=at,
                key=True,
                hint=_HINT_KEYS,
            )
        name = shipped.properties[iri]
        model = shipped.context.terms[name]
        self.value(value, at, context, _Key(key, name, context.terms.get(key), model))

    def value(self, value: Any, at: JsonPath, context: _Context, key: "_Key") -> None:
        """Check one value of a property against how the model types that property."""
        if value is None:
            return
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, list):
                    self.fail(f"has a list inside a list under ‘{key.key}’", at=(*at, i))
                self.value(item, (*at, i), context, replace(key, in_list=True))
            return
        if isinstance(value, dict):
            if "@value" in value:
                self.value_object(value, at, context, key)
            elif "@list" in value or "@set" in value:
                inner = "@list" if "@list" in value else "@set"
                self.value(value[inner], (*at, inner), context, key)
            elif key.reads_language_map:
                self.language_map(value, at, key.key)
            elif key.model.container == "@language":
                self.fail(
                    f"‘{key.key}’ takes texts per language, not an entity",
                    at=at,
                    hint=f"Write `{key.name}: {{nl: …, en: …}}`.",
                )
            else:
                self.node(value, at, context)
            return
        if key.model.container == "@language":
            self.fail(
                f"gives ‘{key.key}’ a text without its language",
                at=at,
                hint=f"Write the text per language: `{key.name}: {{nl: …, en: …}}`.",
            )
        wanted = key.model.coerce
        if wanted == "@id":
            if key.term is None or key.term.coerce != "@id" or not isinstance(value, str):
                self.fail(
                    f"‘{key.key}’ takes a reference to an entity, not the text ‘{value}’",
                    at=at,
                    hint=f"Write `{key.name}: orgs:…` (a prefixed name or a full IRI).",
                )
            if context.expand(value, vocab=False) is None:
                self.bad_reference(value, at, context, what=key.key)
        elif wanted and (key.term is None or key.term.coerce != wanted):
            self.fail(
                f"‘{key.key}’ takes a typed value (<{wanted}>), not the plain ‘{value}’",
                at=at,
                hint=f"Use the key ‘{key.name}’, which types the value, or a value object.",
            )

    def language_map(self, value: dict[str, Any], at: JsonPath, key: str) -> None:
        for language, texts in value.items():
            if language != "@none" and not _LANGUAGE_TAG.match(language):
                self.fail(
                    f"‘{language}’ under ‘{key}’ is not a language code",
                    at=(*at, language),
                    key=True,
                    hint=f"Write the text per language: `{key}: {{nl: …, en: …}}`.",
                )
            for i, text in enumerate(texts if isinstance(texts, list) else [texts]):
                if text is not None and not isinstance(text, str):
                    where = (*at, language, i) if isinstance(texts, list) else (*at, language)
                    self.fail(f"‘{key}’ in ‘{language}’ must be text", at=where)

    def value_object(
        self, value: dict[str, Any], at: JsonPath, context: _Context, key: "_Key"
    ) -> None:
        for name, item in value.items():
            if name not in _VALUE_KEYS:
                self.fail(f"has ‘{name}’ beside @value", at=(*at, name), key=True)
            if name == "@type" and (
                not isinstance(item, str) or context.expand(item, vocab=True) is None
            ):
                self.bad_reference(str(item), (*at, name), context, what="@type")
        if key.model.container == "@language" and "@language" not in value:
            self.fail(
                f"gives ‘{key.key}’ a text without its language",
                at=at,
                hint=f"Write the text per language: `{key.name}: {{nl: …, en: …}}`.",
            )

    def bad_reference(self, value: str, at: JsonPath, context: _Context, what: str) -> NoReturn:
        prefix, colon, _ = value.partition(":")
        known = sorted(context.prefixes)
        if colon:
            self.fail(
                f"‘{value}’ ({what}) uses the prefix ‘{prefix}:’, which is not declared"
                + _did_you_mean(prefix, known, "prefixes", suffix=":"),
                at=at,
                hint="Declare it under prefixes: (YAML) or in @context (JSON-LD), or use one of "
                f"rolemap's prefixes: {', '.join(p + ':' for p in known)}.",
            )
        self.fail(
            f"‘{value}’ ({what}) is not an IRI",
            at=at,
            hint="Refer to an entity by a prefixed name like orgs:… or rmv:…, or by a full "
            "https:// IRI.",
        )


@dataclass(frozen=True)
class _Key:
    """A property key as written, the shipped key for its IRI, and how each reads a value."""

    key: str
    name: str
    term: _Term | None  # the active context's term for `key`; None for a prefixed name or IRI
    model: _Term  # the shipped context's term for the same property
    in_list: bool = False

    @property
    def reads_language_map(self) -> bool:
        return self.term is not None and self.term.container == "@language" and not self.in_list


def _did_you_mean(word: str, candidates: list[str], what: str, suffix: str = "") -> str:
    """The candidates closest to `word` (case aside) as "; nearest …: ‘a’, ‘b’", or nothing."""
    folded = {candidate.lower(): candidate for candidate in candidates}
    close = difflib.get_close_matches(word.lower(), list(folded), n=3, cutoff=0.6)
    if not close:
        return ""
    return f"; nearest {what}: " + ", ".join(f"‘{folded[c]}{suffix}’" for c in close)


def _inline_shipped_contexts(document: Any) -> None:
    """Replace rolemap's context IRI wherever a nested @context names it by the local copy, so
    rdflib never fetches it. (The top-level one is already resolved; others were refused.)"""
    for node in _dicts(document):
        own = node.get("@context")
        if own == CONTEXT_IRI:
            node["@context"] = _shipped().raw
        elif isinstance(own, list):
            node["@context"] = [_shipped().raw if c == CONTEXT_IRI else c for c in own]


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for key, item in value.items():
            if key != "@context":
                yield from _dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dicts(item)


# =============================================================================================
# Lines of Turtle subjects
# =============================================================================================

_TURTLE_PREFIX = re.compile(
    r"^\s*(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE
)
_TURTLE_SUBJECT = re.compile(r"^(?:<([^>\s]*)>|([A-Za-z][\w.-]*)?:((?:[^\s;,.]|\.(?=\S))*))")


def _turtle_lines(text: str, graph: Graph, base: str) -> dict[URIRef, int]:
    """Best effort: the first line that starts (in column 1) with a subject of the graph, as a
    prefixed name or an <IRI>; lines inside long strings are skipped."""
    prefixes = {name or "": namespace for name, namespace in _TURTLE_PREFIX.findall(text)}
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    lines: dict[URIRef, int] = {}
    in_long_string = False
    for number, line in enumerate(text.split("\n"), start=1):
        quotes = line.count('"""') + line.count("'''")
        starts_inside = in_long_string
        if quotes % 2:
            in_long_string = not in_long_string
        if starts_inside:
            continue
        match = _TURTLE_SUBJECT.match(line)
        if not match:
            continue
        iri_ref, prefix, local = match.groups()
        if iri_ref is not None:
            iri = URIRef(urljoin(base, iri_ref))
        elif (prefix or "") in prefixes:
            iri = URIRef(prefixes[prefix or ""] + local.replace("\\", ""))
        else:
            continue
        if iri in subjects and iri not in lines:
            lines[iri] = number
    return lines

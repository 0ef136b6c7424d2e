"""An addition's own definitions checked against rolemap's context: the prefixes it declares
(under `prefixes:`) and the @context objects it carries. They may add prefixes and terms, never
redefine rolemap's keys, and never name a remote context: rolemap fetches nothing (no network,
and a document must not make the server request a URL). Also the message for a reference that
is not an IRI, and the nearest names for a misspelt one."""

import difflib
import re
from typing import Any, NoReturn

from rolemap.jsonld_context import CONTEXT_IRI, Context, Term, is_absolute, is_namespace, shipped
from rolemap.marked_data import JsonPath, Marks
from rolemap.oxigraph_terms import blank_node_fault, iri_fault

_PREFIX_NAME = re.compile(r"^[A-Za-z_][\w.-]*$")


# --- prefixes: --------------------------------------------------------------------------------


def declare_prefix(marks: Marks, context: Context, name: Any, namespace: Any, at: JsonPath) -> None:
    """Add one prefix of the layout's `prefixes:` to `context`."""
    model = shipped().context
    if not isinstance(name, str) or not _PREFIX_NAME.match(name):
        marks.fail(f"‘{name}’ is not a prefix name", at=at, key=True)
    if name in model.prefixes and model.prefixes[name] == namespace:
        return
    if model.defines(name):
        marks.fail(
            f"redefines ‘{name}’, which rolemap's context already defines",
            at=at,
            key=True,
            hint="Choose another prefix name; rolemap's own prefixes need no declaration.",
        )
    if not isinstance(namespace, str) or not is_absolute(namespace):
        marks.fail(
            f"the prefix ‘{name}’ needs a namespace IRI, not ‘{namespace}’",
            at=at,
            hint="Write a full IRI ending in / or #, like https://example.org/brug/.",
        )
    if not is_namespace(namespace):
        marks.fail(
            f"the namespace of ‘{name}’ must end in / or #",
            at=at,
            hint=f"Write {namespace}/ so that {name}:x stands for {namespace}/x.",
        )
    context.prefixes[name] = namespace


# --- @context inside the document -------------------------------------------------------------


def extend(marks: Marks, context: Context, source: Any, at: JsonPath) -> Context:
    """The context after a document's own @context (a dict, a list, or rolemap's IRI)."""
    context = context.copy()
    for i, item in enumerate(source if isinstance(source, list) else [source]):
        where = (*at, i) if isinstance(source, list) else at
        if item == CONTEXT_IRI:
            continue
        if isinstance(item, str):
            marks.fail(
                f"names the remote @context ‘{item}’, which rolemap does not fetch",
                at=where,
                hint="Put the definitions in the document itself; rolemap's own context "
                f"({CONTEXT_IRI}) is read from its local copy and always applies.",
            )
        if not isinstance(item, dict):
            marks.fail(
                "has a @context that is neither an object nor rolemap's context IRI",
                at=where,
                hint="A null @context would drop rolemap's keys; leave it out.",
            )
        for key, value in item.items():
            _define(marks, context, key, value, (*where, key))
    return context


def _define(marks: Marks, context: Context, key: str, value: Any, at: JsonPath) -> None:
    if key.startswith("@"):
        _keyword(marks, context, key, value, at)
    elif shipped().context.defines(key):
        _keep_shipped(marks, key, value, at)
    elif value is None:
        context.terms.pop(key, None)
        context.prefixes.pop(key, None)
    elif isinstance(value, str) and value.startswith("@"):
        context.aliases[key] = value
    elif isinstance(value, str):
        _define_iri(marks, context, key, value, at)
    elif isinstance(value, dict):
        _define_object(marks, context, key, value, at)
    else:
        marks.fail(f"defines ‘{key}’ with neither an IRI nor an object", at=at)


def _keyword(marks: Marks, context: Context, key: str, value: Any, at: JsonPath) -> None:
    if key == "@import":
        marks.fail(
            "uses @import, which would fetch a context over the network",
            at=at,
            key=True,
            hint="Put the definitions in the document itself.",
        )
    if key == "@vocab":
        context.vocab = context.expand(value, vocab=False) if isinstance(value, str) else None
    # @base, @version, @language, @protected, @propagate and @direction change nothing checked


def _keep_shipped(marks: Marks, key: str, value: Any, at: JsonPath) -> None:
    """A definition of one of rolemap's keys may only repeat it."""
    model = shipped()
    if model.context.prefixes.get(key) != value and model.raw.get(key) != value:
        marks.fail(
            f"redefines ‘{key}’, which rolemap's context already defines",
            at=at,
            key=True,
            hint="Use another name; rolemap's keys mean the same in every addition.",
        )


def _define_iri(marks: Marks, context: Context, key: str, value: str, at: JsonPath) -> None:
    iri = context.expand(value, vocab=False)
    if iri is None:
        bad_reference(marks, value, at, context, what=f"the definition of ‘{key}’")
    if is_namespace(iri):
        context.prefixes[key] = iri
    else:
        context.terms[key] = Term(iri)


def _define_object(
    marks: Marks, context: Context, key: str, value: dict[str, Any], at: JsonPath
) -> None:
    for unsupported in ("@context", "@reverse", "@nest"):
        if unsupported in value:
            marks.fail(f"uses {unsupported} in the definition of ‘{key}’", at=at, key=True)
    container = value.get("@container")
    if container not in (None, "@language", "@set", "@list", ["@set"]):
        marks.fail(f"gives ‘{key}’ the container {container}, which additions do not use", at=at)
    iri = context.expand(value.get("@id", key), vocab=False)
    if iri is None:
        bad_reference(marks, value.get("@id", key), at, context, what=f"the IRI of ‘{key}’")
    coerce = value.get("@type")
    if isinstance(coerce, str) and coerce not in ("@id", "@vocab"):
        coerce = context.expand(coerce, vocab=True)
    if value.get("@prefix") is True or (is_namespace(iri) and "@type" not in value):
        context.prefixes[key] = iri
    context.terms[key] = Term(iri, coerce, container if isinstance(container, str) else None)


# --- messages ---------------------------------------------------------------------------------


def bad_reference(marks: Marks, value: str, at: JsonPath, context: Context, what: str) -> NoReturn:
    """Fail on a reference that is not an IRI: an undeclared prefix, or no IRI at all."""
    prefix, colon, _ = value.partition(":")
    known = sorted(context.prefixes)
    if colon:
        marks.fail(
            f"‘{value}’ ({what}) uses the prefix ‘{prefix}:’, which is not declared"
            + did_you_mean(prefix, known, "prefixes", suffix=":"),
            at=at,
            hint="Declare it under prefixes: (YAML) or in @context (JSON-LD), or use one of "
            f"rolemap's prefixes: {', '.join(p + ':' for p in known)}.",
        )
    marks.fail(
        f"‘{value}’ ({what}) is not an IRI",
        at=at,
        hint="Refer to an entity by a prefixed name like orgs:… or rmv:…, or by a full "
        "https:// IRI.",
    )


def refuse_unusable(marks: Marks, value: str, iri: str, at: JsonPath, what: str) -> None:
    """Fail on a reference (`value`, standing for `iri`) that the store cannot hold. rdflib's
    JSON-LD parser drops an entity, or a reference, whose IRI holds a space without a word,
    and writes other such IRIs (and any blank node id) out as they are."""
    blank = iri.startswith("_:")
    fault = blank_node_fault(iri[2:]) if blank else iri_fault(iri)
    if fault is None:
        return
    stands_for = f"stands for ‘{iri[:200]}’, which " if iri != value else ""
    marks.fail(
        f"{what} ‘{value[:200]}’ at {key_path(at)} is not a usable IRI: it "
        + ("is a blank node id that " if blank else stands_for)
        + fault,
        at=at,
        hint="Write an absolute IRI (https://…) or a prefixed name whose prefix the context "
        "defines (orgs:…, or one declared under prefixes: or in @context); percent-encode what "
        "an IRI cannot hold (a space is %20) or leave it out.",
    )


def key_path(at: JsonPath) -> str:
    """Where a value stands in the document, as `entities[1].id`."""
    path = "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in at)
    return path.removeprefix(".") or "the top"


def did_you_mean(word: str, candidates: list[str], what: str, suffix: str = "") -> str:
    """The candidates closest to `word` (case aside) as "; nearest …: ‘a’, ‘b’", or nothing."""
    folded = {candidate.lower(): candidate for candidate in candidates}
    close = difflib.get_close_matches(word.lower(), list(folded), n=3, cutoff=0.6)
    if not close:
        return ""
    return f"; nearest {what}: " + ", ".join(f"‘{folded[c]}{suffix}’" for c in close)

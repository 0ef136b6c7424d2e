"""Read an analyst's addition (a new organisation) from Turtle, JSON-LD or YAML: the formats,
which one a file name or media type means, and the parsed addition with the line of each subject.

YAML is YAML-LD: JSON-LD written as YAML and read with the JSON-LD context rolemap ships
(`ontology/context.jsonld`), so `prefLabel: {nl: …}` is skos:prefLabel "…"@nl and
`targetGroup: rmv:volwassenen` is rm:targetGroup rmv:volwassenen. rdflib's JSON-LD parser does the
conversion to RDF; rolemap only decides the layout (jsonld_document) and refuses what JSON-LD
would otherwise get wrong without a word (jsonld_entities, jsonld_definitions, marked_data): keys
the context does not define, prefixes nobody declared, text without a language, remote contexts
and YAML anchors and aliases.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, Node, URIRef

from rolemap.errors import DataFileError, RolemapError
from rolemap.jsonld_document import read_linked_data
from rolemap.loader import parse_turtle_text
from rolemap.marked_data import Marks
from rolemap.text import lone_surrogate
from rolemap.turtle_lines import turtle_lines

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
    marks = Marks(Path(name))
    text = _decode(marks, data)
    base = marks.path.resolve().as_uri()
    try:
        if fmt == "turtle":
            graph, lines = _read_turtle(marks.path, text, base)
        else:
            graph, lines = read_linked_data(marks, text, yaml_syntax=fmt == "yaml", base=base)
    except RecursionError:
        marks.fail(
            "is nested too deeply", hint="Write entities side by side, not inside each other."
        )
    if len(graph) == 0:
        marks.fail(
            "holds no statements",
            hint="Add the organisation and what belongs to it; see examples/new-organisation.*.",
        )
    _check_terms(marks, graph, text, lines)
    return Addition(graph=graph, name=name, lines=lines)


# What an IRI cannot hold (the IRIREF of N-Triples and SPARQL). rdflib's parsers let such IRIs
# through (Turtle's \u escapes, JSON-LD ids and types) and write them out as they are: one with
# a '>' would break out of the SPARQL update that stores the addition.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_HINTS = {
    "IRI": "An IRI cannot hold spaces, quotes, <, >, {, }, |, ^, ` or \\: percent-encode the "
    "character (a space is %20) or leave it out.",
    "text": "Write the character itself, or as one escape of 8 digits (\\U0001F600, not two "
    "\\u halves).",
}


def _check_terms(marks: Marks, graph: Graph, text: str, lines: dict[URIRef, int]) -> None:
    """Refuse an IRI (subject, predicate, object or datatype) or a text that cannot be written."""
    found = _bad_term(graph)
    if found is None:
        return
    kind, value, char, subject = found
    line, column = _position(text, value)
    if line is None and isinstance(subject, URIRef):
        line = lines.get(subject)  # written in parts or with escapes: the entity's line
    marks.fail(
        f"has the {kind} ‘{value[:200]}’, which holds {_character(char)}",
        line=line,
        column=column,
        hint=_HINTS[kind],
    )


def _bad_term(graph: Graph) -> tuple[str, str, str, Node] | None:
    """The first IRI or text that cannot be written: which kind, its value, the character why,
    and the subject of its triple."""
    for triple in graph:
        for term in triple:
            iri = term.datatype if isinstance(term, Literal) else term
            if isinstance(iri, URIRef) and (bad := _bad_in_iri(iri)):
                return "IRI", str(iri), bad, triple[0]
            if isinstance(term, Literal) and (half := lone_surrogate(term)):
                return "text", str(term), half, triple[0]
    return None


def _bad_in_iri(iri: str) -> str | None:
    found = _NOT_IN_IRI.search(iri)
    return found.group() if found else lone_surrogate(iri)


def _character(char: str) -> str:
    if char == " ":
        return "a space"
    if lone_surrogate(char):
        return f"U+{ord(char):04X}, half of a UTF-16 pair with no character of its own"
    return f"‘{char}’" if char.isprintable() else f"the control character U+{ord(char):04X}"


def _position(text: str, value: str) -> tuple[int | None, int | None]:
    """Where `value` is written out in full in the text (1-based line and column), if it is."""
    at = text.find(value)
    if at < 0:
        return None, None
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def _decode(marks: Marks, data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        marks.fail(
            "is not valid UTF-8",
            line=before.count(b"\n") + 1,
            column=column,
            hint="Save the file as UTF-8.",
        )
    return text.removeprefix("\ufeff")


def _read_turtle(path: Path, text: str, base: str) -> tuple[Graph, dict[URIRef, int]]:
    try:
        graph = parse_turtle_text(text, path, base)
    except DataFileError as error:
        if error.line is not None:  # a syntax error: the file's own hint does not fit a body
            error.hint = "Fix the addition and send it again."
        raise
    return graph, turtle_lines(text, graph, base)

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
from rolemap.loader import read_turtle
from rolemap.marked_data import Marks
from rolemap.oxigraph_terms import character, iri_fault
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


_HINTS = {
    "IRI": "An IRI cannot hold spaces, quotes, <, >, {, }, |, ^, ` or \\: percent-encode the "
    "character (a space is %20) or leave it out.",
    "text": "Write the character itself, or as one escape of 8 digits (\\U0001F600, not two "
    "\\u halves).",
}


def _check_terms(marks: Marks, graph: Graph, text: str, lines: dict[URIRef, int]) -> None:
    """Refuse an IRI (subject, predicate, object or datatype) or a text that cannot be stored:
    rdflib's parsers (JSON-LD, YAML) and Oxigraph's lenient one (Turtle) let them through, and
    one with a '>' would break out of the SPARQL update that stores the addition."""
    found = _bad_term(graph)
    if found is None:
        return
    kind, value, fault, subject = found
    line, column = _position(text, value)
    if line is None and isinstance(subject, URIRef):
        line = lines.get(subject)  # written in parts or with escapes: the entity's line
    marks.fail(
        f"has the {kind} ‘{value[:200]}’, which {fault}",
        line=line,
        column=column,
        hint=_HINTS[kind],
    )


def _bad_term(graph: Graph) -> tuple[str, str, str, Node] | None:
    """The first IRI or text that cannot be stored: which kind, its value, what is wrong with
    it, and the subject of its triple."""
    for triple in graph:
        for term in triple:
            iri = term.datatype if isinstance(term, Literal) else term
            if isinstance(iri, URIRef) and (fault := iri_fault(iri)):
                return "IRI", str(iri), fault, triple[0]
            if isinstance(term, Literal) and (half := lone_surrogate(term)):
                return "text", str(term), f"holds {character(half)}", triple[0]
    return None


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
    halves, stood_in = _stand_ins_for_halves(text)
    try:  # a bad IRI gets through: _check_terms names it, with its entity's line
        graph = read_turtle(halves, path, base)
    except DataFileError as error:
        error.hint = "Fix the addition and send it again."  # not the data file's hint
        raise
    if stood_in:
        graph = _halves_restored(graph)
    return graph, turtle_lines(text, graph, base)


# Oxigraph refuses an escape of half a UTF-16 pair (\uD800) on its own as a syntax error that
# quotes no text. Such a half is read as a private-use character of the same escape length
# (columns stay), and put back after parsing, so that _check_terms names the text that holds
# it. A pair of such escapes (\uD83D\uDE00) is one character, as Oxigraph reads it.
_HALF_ESCAPE = re.compile(
    r"\\(?:\\|u(?:D[89AB][0-9A-F]{2}\\uD[C-F][0-9A-F]{2}|(D[89A-F][0-9A-F]{2}))"
    r"|U0000(D[89A-F][0-9A-F]{2}))",
    re.IGNORECASE,
)
_STAND_IN = 0xE000 - 0xD800  # U+D800..U+DFFF -> U+E000..U+E7FF
_HALVES = {half + _STAND_IN: half for half in range(0xD800, 0xE000)}


def _stand_ins_for_halves(text: str) -> tuple[str, bool]:
    def stand_in(match: re.Match[str]) -> str:
        half = match.group(1) or match.group(2)
        if half is None:  # an escaped backslash or a whole pair
            return match.group()
        return match.group()[:-4] + f"{int(half, 16) + _STAND_IN:04X}"

    replaced = _HALF_ESCAPE.sub(stand_in, text)
    return replaced, replaced != text


def _halves_restored(graph: Graph) -> Graph:
    """The graph with each stand-in character back as the half it stood in for. (The addition
    is refused for that half, so a private-use character that was there all along and is
    turned into one only changes the message.)"""
    restored = Graph()
    for prefix, namespace in graph.namespaces():
        restored.bind(prefix, namespace)
    for triple in graph:
        restored.add(tuple(_half_restored(term) for term in triple))
    return restored


def _half_restored(term: Node) -> Node:
    if isinstance(term, URIRef):
        return URIRef(term.translate(_HALVES))
    if isinstance(term, Literal):
        datatype = URIRef(term.datatype.translate(_HALVES)) if term.datatype else None
        return Literal(str(term).translate(_HALVES), lang=term.language, datatype=datatype)
    return term

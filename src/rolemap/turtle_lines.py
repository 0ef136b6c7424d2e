"""Which line of a Turtle addition describes which of its subjects, for messages that point an
analyst at the entity in their own file."""

import re
from urllib.parse import urljoin

from rdflib import Graph, URIRef

# [ \t]*, not \s*: \s would run over the following blank lines from every line start, and a body
# of blank lines would take quadratic time.
_TURTLE_PREFIX = re.compile(
    r"^[ \t]*(?:@prefix|PREFIX)[ \t]+([A-Za-z][\w.-]*)?:[ \t]*<([^>\n]*)>",
    re.IGNORECASE | re.MULTILINE,
)
_TURTLE_SUBJECT = re.compile(r"^(?:<([^>\s]*)>|([A-Za-z][\w.-]*)?:((?:[^\s;,.]|\.(?=\S))*))")


def turtle_lines(text: str, graph: Graph, base: str) -> dict[URIRef, int]:
    """Best effort: the first line that starts (in column 1) with a subject of the graph, as a
    prefixed name or an <IRI>; lines inside long strings are skipped."""
    prefixes = {name or "": namespace for name, namespace in _TURTLE_PREFIX.findall(text)}
    subjects = {s for s in graph.subjects() if isinstance(s, URIRef)}
    lines: dict[URIRef, int] = {}
    for number, line in _lines_outside_long_strings(text):
        iri = _subject(line, prefixes, base)
        if iri in subjects and iri not in lines:
            lines[iri] = number
    return lines


def _lines_outside_long_strings(text: str) -> list[tuple[int, str]]:
    """The lines (numbered from 1) that do not start inside a \"\"\" or ''' string."""
    kept = []
    in_long_string = False
    for number, line in enumerate(text.split("\n"), start=1):
        if not in_long_string:
            kept.append((number, line))
        if (line.count('"""') + line.count("'''")) % 2:
            in_long_string = not in_long_string
    return kept


def _subject(line: str, prefixes: dict[str, str], base: str) -> URIRef | None:
    """The IRI a line starts with, as an <IRI> or a name with a declared prefix, or None."""
    match = _TURTLE_SUBJECT.match(line)
    if not match:
        return None
    iri_ref, prefix, local = match.groups()
    if iri_ref is not None:
        return URIRef(urljoin(base, iri_ref))
    if (prefix or "") in prefixes:
        return URIRef(prefixes[prefix or ""] + local.replace("\\", ""))
    return None

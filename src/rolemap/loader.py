"""Load the ontology and one data set into a single RDF graph."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph
from rdflib import Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from rolemap.errors import DataFileError
from rolemap.namespaces import PREFIXES
from rolemap.oxigraph_terms import to_rdflib
from rolemap.paths import default_data_dir, ontology_dir


@dataclass
class KnowledgeGraph:
    """The whole graph, plus which file stated each subject (for error messages)."""

    graph: Graph
    data_dir: Path
    files: list[Path]
    stated_in: dict[URIRef, set[Path]] = field(default_factory=dict)
    # The same triples in an in-memory Oxigraph store, when they were read from one: validation
    # queries it instead of copying a national graph out of rdflib again.
    oxigraph: pyoxigraph.Store | None = field(default=None, compare=False, repr=False)


def turtle_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise DataFileError(
            folder, "is not a folder", hint="Give a folder of Turtle (.ttl) files with --data."
        )
    files = sorted(folder.rglob("*.ttl"))
    if not files:
        raise DataFileError(folder, "holds no .ttl files", hint="Give a folder of Turtle files.")
    return files


def parse_turtle(path: Path) -> Graph:
    """Parse one Turtle file, turning parser failures into a file:line:column error."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataFileError(
            path, "is not valid UTF-8", line=line, hint="Save the file as UTF-8."
        ) from None
    except OSError as exc:
        raise DataFileError(path, f"cannot be read ({exc.strerror})") from None
    return parse_turtle_text(text, path, path.resolve().as_uri())


def parse_turtle_text(text: str, path: Path, base: str) -> Graph:
    """Turtle text read as from `path`; every way the parser can fail is a DataFileError."""
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle", publicID=base)
    except BadSyntax as exc:
        raise syntax_error(path, text, exc) from None
    except Exception as exc:  # rdflib fails on some broken input without a BadSyntax
        raise DataFileError(
            path,
            f"Turtle the parser cannot read ({type(exc).__name__}: {exc})",
            hint="Look for an unclosed quote, bracket or statement, often near the end.",
        ) from None
    return graph


def read_turtle(text: str, path: Path, base: str) -> Graph:
    """Turtle text read as from `path` by Oxigraph's parser, as an rdflib graph: rdflib's own
    parser takes quadratic time on a long string of many lines (a 1 MB addition: 16 s, not
    0.1 s). Lenient: an IRI that RDF does not allow gets through, as with rdflib, for the
    caller to name in words. A syntax error is a DataFileError at its line and column."""
    try:
        parser = pyoxigraph.parse(
            text,
            format=pyoxigraph.RdfFormat.TURTLE,
            base_iri=base,
            rename_blank_nodes=True,  # _:b in two documents is two nodes, as rdflib reads them
            lenient=True,
        )
        triples = [(quad.subject, quad.predicate, quad.object) for quad in parser]
    except SyntaxError as exc:
        raise _oxigraph_syntax_error(path, exc) from None
    graph = Graph()
    for prefix, namespace in parser.prefixes.items():  # as rdflib's parser binds them
        graph.bind(prefix, namespace)
    convert = cache(to_rdflib)  # one rdflib term per distinct term
    graph.addN((convert(s), convert(p), convert(o), graph) for s, p, o in triples)
    return graph


# Oxigraph's message starts with where ("Parser error at line 2 between columns 1 and 5: ");
# DataFileError says that itself.
_OXIGRAPH_WHERE = re.compile(r"^Parser error [^:]*: ")
_UNDECLARED = re.compile(r"^The prefix (\S*:) has not been declared$")


def _oxigraph_syntax_error(path: Path, exc: SyntaxError) -> DataFileError:
    why = _OXIGRAPH_WHERE.sub("", exc.msg)
    if undeclared := _UNDECLARED.match(why):
        prefix = undeclared.group(1)
        why = f"the prefix {prefix} is not bound; declare it (@prefix {prefix} <…> .) before use"
    elif len(first := why.split(" ", 1)[0]) == 1 or not first.isupper():  # not "IRI …"
        why = why[:1].lower() + why[1:]
    return DataFileError(
        path, f"Turtle syntax error: {why}", line=exc.lineno, column=exc.offset or None
    )


def syntax_error(path: Path, text: str, exc: BadSyntax) -> DataFileError:
    """rdflib's Turtle syntax error as a DataFileError at the line and column it names."""
    source = exc._str.decode("utf-8", "replace") if isinstance(exc._str, bytes) else exc._str
    offset = len(source.encode("utf-8")[: exc._i].decode("utf-8", "ignore"))
    if source != text:  # the parser saw a different buffer; fall back to its own line count
        return DataFileError(path, f"Turtle syntax error: {exc._why}", line=exc.lines + 1)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return DataFileError(path, f"Turtle syntax error: {exc._why}", line=line, column=column)


def load(data_dir: Path | None = None, extra_files: Iterable[Path] = ()) -> KnowledgeGraph:
    """The ontology plus a data set (default: the shipped Overvecht data) as one graph."""
    data_dir = (data_dir or default_data_dir()).resolve()
    files = turtle_files(ontology_dir()) + turtle_files(data_dir) + list(extra_files)
    kg = KnowledgeGraph(graph=Graph(), data_dir=data_dir, files=files)
    for prefix, namespace in PREFIXES.items():
        kg.graph.bind(prefix, namespace)
    for path in files:
        part = parse_turtle(path)
        for subject in set(part.subjects()):
            if isinstance(subject, URIRef):
                kg.stated_in.setdefault(subject, set()).add(path)
        kg.graph += part
    return kg

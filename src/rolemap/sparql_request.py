"""What a SPARQL request asks for, read before anything runs.

Its prologue (the prefixes it declares and its first keyword: an update is refused with 403),
the result formats it accepts, and its dataset. The default graph is the union of all named
graphs (where all data lives), unless the query names its own dataset (FROM, FROM NAMED) or
the request gives `default-graph-uri` / `named-graph-uri`: then that dataset is used as the
SPARQL 1.1 Protocol describes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from rolemap.sparql_errors import BAD_QUERY, READ_ONLY, QueryError
from rolemap.sparql_results import Limits, negotiate_formats

HOW_TO_ADD = "Analysts add data with POST /api/organisations or `rolemap add`."

_PROLOGUE_TOKEN = re.compile(
    r"\s+|\#[^\n\r]*|BASE\s*<[^>]*>|PREFIX\s*([^\s:<>]*):\s*<([^>]*)>", re.IGNORECASE
)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
# Strings, IRIs and comments (skipped), a FROM / FROM NAMED clause or SERVICE.
_DATASET_SCAN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\#[^\n\r]*"
    r"|(?P<from>(?<![\w?$:])FROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:|:))"
    r"|(?P<service>(?<![\w?$:])SERVICE(?![\w:]))",
    re.IGNORECASE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S*")


def prologue(query: str) -> tuple[dict[str, str], str]:
    """The prefixes a query declares (absolute IRIs only) and its first keyword, upper case."""
    prefixes, pos = {}, 0
    while match := _PROLOGUE_TOKEN.match(query, pos):
        if match.end() == pos:
            break
        if match.group(1) is not None and _ABSOLUTE_IRI.fullmatch(match.group(2)):
            prefixes[match.group(1)] = match.group(2)
        pos = match.end()
    word = _FIRST_WORD.match(query, pos)
    return prefixes, word.group(0).upper() if word else ""


def names_dataset(query: str) -> bool:
    """Whether the query has a FROM or FROM NAMED clause (outside strings, IRIs and comments)."""
    return any(m.group("from") for m in _DATASET_SCAN.finditer(query))


def calls_service(query: str) -> bool:
    """Whether the query has a SERVICE clause (outside strings, IRIs and comments), also when
    written with \\u escapes (SPARQL reads those before anything else)."""
    unescaped = _CODEPOINT.sub(_codepoint, query)
    return any(m.group("service") for m in _DATASET_SCAN.finditer(unescaped))


def _codepoint(escape: re.Match[str]) -> str:
    number = int(escape.group(1) or escape.group(2), 16)
    return chr(number) if number <= sys.maxunicode else "\ufffd"


def read_only_error(what: str) -> QueryError:
    return QueryError(
        READ_ONLY,
        f"this SPARQL endpoint is read-only: it answers queries (SELECT, ASK, CONSTRUCT, "
        f"DESCRIBE) and refuses updates ({what}). {HOW_TO_ADD}",
    )


@dataclass(frozen=True)
class Dataset:
    """Which graphs a query sees. `union`: the default graph is the union of all named graphs
    and every named graph can be used with GRAPH. Otherwise the query's own FROM / FROM NAMED
    (`from_query`) or exactly the protocol's default-graph-uri / named-graph-uri."""

    union: bool = True
    from_query: bool = False
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _dataset(
    query: str, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]
) -> Dataset:
    if default_graph_uris or named_graph_uris:
        return Dataset(False, False, tuple(default_graph_uris), tuple(named_graph_uris))
    if names_dataset(query):
        return Dataset(union=False, from_query=True)
    return Dataset()


@dataclass(frozen=True)
class QueryRequest:
    """A query the endpoint will run, and how to answer it: what the query worker or the
    remote store is given."""

    query: str
    results_key: str | None  # the format of SELECT/ASK results (None: none acceptable)
    graph_key: str | None  # the format of CONSTRUCT/DESCRIBE results (None: none acceptable)
    dataset: Dataset
    limits: Limits
    prefixes: dict[str, str]


def read_request(
    query: str,
    accept: str | None,
    default_graph_uris: Sequence[str],
    named_graph_uris: Sequence[str],
    format: str | None,
    limits: Limits,
) -> QueryRequest:
    """The request to run, or QueryError: 400 for an empty query (or an unknown `format`) or
    one with SERVICE, 403 for an update, 406 when no format the request accepts is offered."""
    if not query or not query.strip():
        raise QueryError(
            BAD_QUERY,
            "the query is empty. Send a SPARQL query, such as "
            "SELECT * WHERE { ?s ?p ?o } LIMIT 10.",
        )
    prefixes, keyword = prologue(query)
    if keyword in UPDATE_KEYWORDS:
        raise read_only_error(f"{keyword} …")
    if calls_service(query):  # the store would fetch any URL it names, from inside our network
        raise QueryError(
            BAD_QUERY,
            "the query calls another SPARQL endpoint (SERVICE), which this endpoint does not "
            "do: it answers from its own graph only. Leave out the SERVICE clause, and send "
            "that part of the query to the other endpoint yourself.",
        )
    results_key, graph_key = negotiate_formats(accept, format)
    return QueryRequest(
        query,
        results_key,
        graph_key,
        _dataset(query, default_graph_uris, named_graph_uris),
        limits,
        prefixes,
    )

"""The format and size of a SPARQL answer.

The media types offered for each kind of query, which of them a request wants (its Accept
header or `format` parameter, chosen with rolemap.negotiation), and serialising a result in it
under the row limit (`max_rows` solutions or triples) and the size limit (`max_bytes` of
output). Rows and bytes are counted while the answer is written, and writing stops past a
limit, so an unbounded result is never built in memory.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from rolemap.negotiation import negotiate
from rolemap.sparql_errors import BAD_QUERY, NOT_ACCEPTABLE, QueryError

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

# --- Media types ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Format:
    key: str
    media_type: str
    aliases: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)


# In order of preference: the first is the default.
RESULT_FORMATS = (
    Format("json", "application/sparql-results+json", ("application/json",)),
    Format("xml", "application/sparql-results+xml", ("application/xml", "text/xml")),
    Format("csv", "text/csv"),
    Format("tsv", "text/tab-separated-values"),
)
GRAPH_FORMATS = (
    Format("turtle", "text/turtle", ("application/x-turtle",)),
    Format("jsonld", "application/ld+json", ("application/json",)),
    Format("ntriples", "application/n-triples"),
    Format("rdfxml", "application/rdf+xml", ("application/xml", "text/xml")),
)
_FORMATS = {f.key: f for f in RESULT_FORMATS + GRAPH_FORMATS}
_RESULTS_OX = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
_GRAPH_OX = {
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
# The `format` parameter: a short name (for links and curl) or a media type. "json" and "xml"
# mean SPARQL results for SELECT/ASK and JSON-LD / RDF/XML for CONSTRUCT/DESCRIBE.
FORMAT_NAMES = {
    "json": "application/json",
    "xml": "application/xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
    "json-ld": "application/ld+json",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "rdf": "application/rdf+xml",
}


def _offered(formats: Sequence[Format]) -> str:
    return ", ".join(f.media_type for f in formats)


def _accept_for(accept: str | None, format: str | None) -> str | None:
    """The Accept header, or the media type a `format` override names."""
    if not format:
        return accept
    wanted = FORMAT_NAMES.get(format.strip().lower())
    if wanted is None and format.count("/") == 1:  # a media type (a path is no format)
        wanted = format.strip()
    if wanted is None:
        raise QueryError(
            BAD_QUERY,
            f"unknown format {format!r}. Use one of {', '.join(FORMAT_NAMES)} or a media type, "
            "or leave out `format` and send an Accept header.",
        )
    return wanted


def negotiate_formats(accept: str | None, format: str | None) -> tuple[str | None, str | None]:
    """The keys of the formats the Accept header (or the `format` override: a short name or a
    media type) prefers for SELECT/ASK results and for CONSTRUCT/DESCRIBE results; None for a
    kind of query none is acceptable for. 406 when none is acceptable for either."""
    accept = _accept_for(accept, format)
    results = negotiate(accept, RESULT_FORMATS)
    graph = negotiate(accept, GRAPH_FORMATS)
    if results is None and graph is None:
        raise QueryError(
            NOT_ACCEPTABLE,
            f"none of the media types the request accepts ({accept}) is offered. SELECT "
            f"and ASK results: {_offered(RESULT_FORMATS)}; CONSTRUCT and DESCRIBE "
            f"results: {_offered(GRAPH_FORMATS)}.",
        )
    return (results.key if results else None), (graph.key if graph else None)


# --- Serialising with limits ---------------------------------------------------------------


class _Overflow(Exception):
    """A result past the row or size limit."""


class _CappedBuffer(io.RawIOBase):
    """A binary buffer that refuses to grow past `limit` bytes."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit, self._buffer = limit, io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        if self._buffer.tell() + len(data) > self.limit:
            raise _Overflow("bytes")
        return self._buffer.write(data)

    def getvalue(self) -> bytes:
        return self._buffer.getvalue()


@dataclass(frozen=True)
class Limits:
    max_rows: int
    max_bytes: int

    def rows_error(self, what: str) -> QueryError:
        return QueryError(
            BAD_QUERY,
            f"the query has more than {self.max_rows} {what}, the endpoint's limit. Add "
            f"LIMIT {self.max_rows} (and OFFSET to page through them) or narrow the query.",
        )

    def bytes_error(self) -> QueryError:
        return QueryError(
            BAD_QUERY,
            f"the answer is bigger than {self.max_bytes} bytes, the endpoint's limit. Ask for "
            "fewer or shorter values (LIMIT, fewer variables, no GROUP_CONCAT over many rows).",
        )


def _term_json(term: Any) -> dict:
    """A term as SPARQL 1.1 Query Results JSON (with RDF 1.2 triple terms and directions)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            if term.direction is not None:
                out["its:dir"] = str(term.direction)
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: _term_json(getattr(term, p)) for p in parts}}
    raise TypeError(f"not an RDF term: {term!r}")


def _solutions_json(solutions: ox.QuerySolutions, limits: Limits) -> bytes:
    """SPARQL JSON results, stopping past the row or byte limit."""
    names = [variable.value for variable in solutions.variables]
    out = _CappedBuffer(limits.max_bytes)
    out.write(
        b'{"head":{"vars":'
        + json.dumps(names, separators=(",", ":")).encode()
        + b'},"results":{"bindings":['
    )
    for count, solution in enumerate(solutions):
        if count >= limits.max_rows:
            raise limits.rows_error("solutions")
        values = zip(names, solution, strict=True)
        binding = {name: _term_json(v) for name, v in values if v is not None}
        text = json.dumps(binding, ensure_ascii=False, separators=(",", ":"))
        out.write((b"," if count else b"") + text.encode())
    out.write(b"]}}")
    return out.getvalue()


def _capped(triples: Iterable[ox.Triple], limits: Limits) -> Iterator[ox.Triple]:
    for count, triple in enumerate(triples):
        if count >= limits.max_rows:
            raise limits.rows_error("triples")
        yield triple


def _usable_prefixes(prefixes: dict[str, str]) -> dict[str, str] | None:
    try:
        ox.serialize([], format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    except (ValueError, TypeError):
        return None
    return prefixes or None


def _need(key: str | None, offers: Sequence[Format], form: str) -> Format:
    if key is None:
        raise QueryError(
            NOT_ACCEPTABLE,
            f"none of the media types the request accepts is offered for {form} results. Ask "
            f"for one of: {_offered(offers)} (Accept header or the format parameter).",
        )
    return _FORMATS[key]


def serialise(
    result: Any,
    results_key: str | None,
    graph_key: str | None,
    limits: Limits,
    prefixes: dict[str, str] | None = None,
) -> tuple[bytes, str]:
    """(body, media type) of a query result: QueryBoolean, QuerySolutions, or an iterable of
    triples. `results_key` / `graph_key` are the negotiated formats (None: not acceptable)."""
    try:
        if isinstance(result, ox.QueryBoolean):
            chosen = _need(results_key, RESULT_FORMATS, "ASK")
            return result.serialize(format=_RESULTS_OX[chosen.key]), chosen.media_type
        if isinstance(result, ox.QuerySolutions):
            chosen = _need(results_key, RESULT_FORMATS, "SELECT")
            return _solutions(result, chosen.key, limits), chosen.media_type
        chosen = _need(graph_key, GRAPH_FORMATS, "CONSTRUCT and DESCRIBE")
        out = _CappedBuffer(limits.max_bytes)
        ox.serialize(
            _capped(result, limits),
            out,
            format=_GRAPH_OX[chosen.key],
            prefixes=_usable_prefixes(prefixes or {}),
        )
        return out.getvalue(), chosen.media_type
    except _Overflow:
        raise limits.bytes_error() from None


def _solutions(solutions: ox.QuerySolutions, key: str, limits: Limits) -> bytes:
    """Solutions in the format `key`: written as JSON (which counts rows and bytes), then
    converted when another format is wanted."""
    body = _solutions_json(solutions, limits)
    if key == "json":
        return body
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    out = _CappedBuffer(limits.max_bytes)
    parsed.serialize(out, format=_RESULTS_OX[key])
    return out.getvalue()

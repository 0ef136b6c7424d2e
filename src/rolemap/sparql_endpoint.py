"""A read-only SPARQL 1.1 query service over the graph that one query cannot take down.

`QueryService.run` answers a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) in the media type
the client accepts. It never writes: an update is refused with 403 before anything runs.

Status codes (`QueryError.status`):

- 400: the query is not valid SPARQL (the parser's message, with line:column); it ran longer
  than the time limit; it has more solutions or triples than the row limit, or a bigger answer
  than the size limit; it made the query worker run out of memory.
- 403: an update (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY, WITH): the
  endpoint is read-only. 403 and not 400 because the request is understood and refused.
- 406: no media type the client accepts is offered for this kind of query.
- 502: a remote store answered with an error or with something that is not SPARQL results.
- 503: a remote store does not answer, the graph could not be loaded, or another query holds
  the (single) query worker for longer than the time limit.

Embedded stores (`backend.query_url is None`) are queried in a worker process started with the
"spawn" start method (it never forks a process that holds an open RocksDB store). The worker
keeps an in-memory copy of the graph, loaded from `backend.dump_nquads()` through a temporary
N-Quads file, and reloads it when `backend.revision` changes. Queries go to it one at a time.
The parent waits at most `timeout_s` for an answer; a query over the limit has the worker
killed (a fresh one is started and loaded at once, ready for the next query). The worker also
counts what it serialises: past `max_rows` solutions or triples, or `max_bytes` of output, it
stops and says so, so an unbounded result is never built in memory. It has an address-space
limit (`memory_limit_mb`, default half the machine's memory) and volunteers first for the
kernel's out-of-memory killer, and it exits when its parent dies.

Remote stores (`backend.query_url` set) get the query forwarded over HTTP with the time limit
as a deadline; the answer (asked for as SPARQL JSON results or N-Triples) is parsed while it
streams in and re-serialised for the client under the same row and size limits.

The default graph is the union of all named graphs (where all data lives), unless the query
names its own dataset (FROM, FROM NAMED) or the request gives `default-graph-uri` /
`named-graph-uri`: then that dataset is used as the SPARQL 1.1 Protocol describes.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import re
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from rolemap.errors import RolemapError
from rolemap.negotiation import negotiate

log = logging.getLogger(__name__)

BAD_QUERY = 400
READ_ONLY = 403
NOT_ACCEPTABLE = 406
BAD_GATEWAY = 502
UNAVAILABLE = 503

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
HOW_TO_ADD = "Analysts add data with POST /api/organisations or `rolemap add`."


class Backend(Protocol):
    """The store the graph lives in (see rolemap.store)."""

    name: str
    query_url: str | None
    revision: int

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples: ...
    def dump_nquads(self) -> bytes: ...
    def named_graphs(self) -> list[str]: ...


class QueryError(RolemapError):
    """A query the endpoint does not answer: `status` is the HTTP status, the message says what
    went wrong, why, and how to fix it. `headers` are extra response headers (Retry-After)."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        self.status, self.headers = status, headers or {}
        super().__init__(message)


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
    if wanted is None and "/" in format:
        wanted = format.strip()
    if wanted is None:
        raise QueryError(
            BAD_QUERY,
            f"unknown format {format!r}. Use one of {', '.join(FORMAT_NAMES)} or a media type, "
            "or leave out `format` and send an Accept header.",
        )
    return wanted


# --- What kind of request is this ----------------------------------------------------------

_PROLOGUE_TOKEN = re.compile(
    r"\s+|\#[^\n\r]*|BASE\s*<[^>]*>|PREFIX\s*([^\s:<>]*):\s*<([^>]*)>", re.IGNORECASE
)
_FIRST_WORD = re.compile(r"[A-Za-z]+")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
# Strings, IRIs and comments (skipped) or a FROM / FROM NAMED clause.
_DATASET_SCAN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r'|<[^<>"{}|^`\\\x00-\x20]*>'
    r"|\#[^\n\r]*"
    r"|(?P<from>(?<![\w?$:])FROM\s+(?:NAMED\s+)?(?:<|[A-Za-z_][\w.-]*:|:))",
    re.IGNORECASE | re.DOTALL,
)
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


def _dataset(query: str, default_graph_uris: Sequence[str], named_graph_uris: Sequence[str]):
    if default_graph_uris or named_graph_uris:
        return Dataset(False, False, tuple(default_graph_uris), tuple(named_graph_uris))
    if names_dataset(query):
        return Dataset(union=False, from_query=True)
    return Dataset()


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
            body = _solutions_json(result, limits)
            if chosen.key != "json":
                parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
                out = _CappedBuffer(limits.max_bytes)
                parsed.serialize(out, format=_RESULTS_OX[chosen.key])
                body = out.getvalue()
            return body, chosen.media_type
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


# --- The worker process --------------------------------------------------------------------


def _die_with_parent() -> None:
    """Exit as soon as the parent process is gone (queries release the GIL, so this thread
    runs even while one is being evaluated)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(0)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _limit_memory(limit_bytes: int | None) -> None:
    """Make this process the out-of-memory killer's first choice and cap its address space, so
    that a query which eats memory stops the worker, not the service or the machine."""
    with contextlib.suppress(OSError):
        Path("/proc/self/oom_score_adj").write_text("1000")
    if limit_bytes:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
        except (ImportError, ValueError, OSError):
            pass


def _evaluate(store: ox.Store, request: dict) -> tuple[bytes, str]:
    dataset: Dataset = request["dataset"]
    options: dict[str, Any] = {}
    if dataset.union:
        options["use_default_graph_as_union"] = True
    elif not dataset.from_query:
        options["default_graph"] = [ox.NamedNode(g) for g in dataset.default_graphs]
        options["named_graphs"] = [ox.NamedNode(g) for g in dataset.named_graphs]
    try:
        result = store.query(request["query"], **options)
    except SyntaxError as error:
        raise syntax_error(str(error)) from None
    except ValueError as error:  # an invalid IRI in default-graph-uri / named-graph-uri
        raise QueryError(BAD_QUERY, f"invalid graph IRI: {error}") from None
    return serialise(
        result, request["results"], request["graph"], request["limits"], request["prefixes"]
    )


def syntax_error(message: str) -> QueryError:
    if len(message) > 400:
        message = message[:400] + "…"
    return QueryError(
        BAD_QUERY,
        f"the query is not valid SPARQL 1.1: {message} (at line:column of the query). The "
        "grammar is at https://www.w3.org/TR/sparql11-query/#grammar.",
    )


def _worker_main(conn: multiprocessing.connection.Connection, memory_limit: int | None) -> None:
    """Answer ("load", path) and ("query", request) messages until the pipe closes."""
    _die_with_parent()
    _limit_memory(memory_limit)
    store = ox.Store()
    while True:
        try:
            kind, payload = conn.recv()
        except (EOFError, OSError):
            return
        if kind == "load":
            store = None  # let the old copy go before the new one is built
            try:
                store = ox.Store()
                store.load(path=payload, format=ox.RdfFormat.N_QUADS)
                conn.send(("loaded", len(store)))
            except (OSError, SyntaxError, ValueError) as error:
                store = ox.Store()
                conn.send(("error", UNAVAILABLE, f"could not load the graph: {error}"))
            continue
        try:
            body, media_type = _evaluate(store, payload)
            conn.send(("ok", body, media_type))
        except QueryError as error:
            conn.send(("error", error.status, str(error)))
        except MemoryError:
            conn.send(("error", BAD_QUERY, _MEMORY_MESSAGE))
        except Exception as error:  # the worker must outlive any one query
            conn.send(("error", 500, f"the query failed in the query worker: {error!r}"))


_MEMORY_MESSAGE = (
    "the query needed more memory than the query worker may use. Narrow it (more specific "
    "patterns, fewer unbound variables) or add LIMIT."
)


class _WorkerGone(Exception):
    pass


class _Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, memory_limit: int | None) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_worker_main,
            args=(child, memory_limit),
            name="rolemap-sparql-worker",
            daemon=True,
        )
        self.process.start()
        child.close()
        self.revision: int | None = None  # of the graph loaded
        self.loading: int | None = None  # of the graph being loaded

    def load(self, path: Path, revision: int) -> None:
        self.conn.send(("load", str(path)))
        self.loading = revision

    def finish_loading(self, timeout: float) -> None:
        """Wait for a load that was asked for; raises _WorkerGone, TimeoutError."""
        if self.loading is None:
            return
        reply = self.receive(timeout)
        revision, self.loading = self.loading, None
        if reply[0] != "loaded":
            raise QueryError(reply[1], reply[2])
        self.revision = revision

    def receive(self, timeout: float) -> tuple:
        try:
            if self.conn.poll(timeout):
                return self.conn.recv()
        except (EOFError, OSError):
            raise _WorkerGone from None
        raise TimeoutError

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class _Pool:
    """What a QueryService owns that must be cleaned up: the worker and the dump folder."""

    worker: _Worker | None = None
    folder: tempfile.TemporaryDirectory | None = None
    dump: tuple[Path, int] | None = None  # the newest dump and the revision it holds
    http: Any = None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.worker = None
        if self.http is not None:
            self.http.close()
            self.http = None
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None


def _half_the_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (ValueError, OSError, AttributeError):
        return None


# --- The service ---------------------------------------------------------------------------


class QueryService:
    """Answers read-only SPARQL queries over `backend` within a time limit (`timeout_s`), a row
    limit (`max_rows` solutions or triples) and a size limit (`max_bytes` of output).

    `memory_limit_mb` caps the query worker's address space (default: half the machine's memory,
    at least 1 GiB); `load_timeout_s` bounds starting the worker and loading the graph into it.
    Thread-safe; call `close()` (or use it as a context manager) to stop the worker."""

    def __init__(
        self,
        backend: Backend,
        timeout_s: float = 10.0,
        max_rows: int = 10_000,
        *,
        max_bytes: int = 64_000_000,
        memory_limit_mb: int | None = None,
        load_timeout_s: float = 120.0,
    ) -> None:
        self.backend, self.timeout_s = backend, timeout_s
        self.limits = Limits(max_rows, max_bytes)
        self.load_timeout_s = load_timeout_s
        if memory_limit_mb is not None:
            self._memory_limit = memory_limit_mb * 2**20
        else:
            half = _half_the_memory()
            self._memory_limit = max(half, 2**30) if half else None
        self._lock = threading.Lock()  # one query at a time in the worker
        self._http_lock = threading.Lock()
        self._pool = _Pool()
        self._finalizer = weakref.finalize(self, self._pool.close)

    def close(self) -> None:
        """Stop the worker and remove the graph's dump. The service can still be used: the next
        query starts a new worker."""
        with self._lock:
            self._pool.close()

    def __enter__(self) -> QueryService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self,
        query: str,
        accept: str | None,
        default_graph_uris: Sequence[str] = (),
        named_graph_uris: Sequence[str] = (),
        format: str | None = None,
    ) -> tuple[bytes, str]:
        """The answer to `query` as (body, media type), in the format the Accept header (or the
        `format` override: a short name or a media type) prefers. Raises QueryError."""
        if not query or not query.strip():
            raise QueryError(
                BAD_QUERY,
                "the query is empty. Send a SPARQL query, such as "
                "SELECT * WHERE { ?s ?p ?o } LIMIT 10.",
            )
        prefixes, keyword = prologue(query)
        if keyword in UPDATE_KEYWORDS:
            raise read_only_error(f"{keyword} …")
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
        request = {
            "query": query,
            "results": results and results.key,
            "graph": graph and graph.key,
            "dataset": _dataset(query, default_graph_uris, named_graph_uris),
            "limits": self.limits,
            "prefixes": prefixes,
        }
        if self.backend.query_url:
            return self._remote(request)
        return self._embedded(request)

    # --- embedded: the worker --------------------------------------------------------------

    def _embedded(self, request: dict) -> tuple[bytes, str]:
        # Another query holds the worker at most timeout_s (then it is killed).
        if not self._lock.acquire(timeout=self.timeout_s + 2):
            raise QueryError(
                UNAVAILABLE,
                "the endpoint is busy with other queries; try again in a few seconds.",
                {"Retry-After": str(max(1, round(self.timeout_s)))},
            )
        try:
            worker = self._ready_worker()
            started = time.monotonic()
            try:
                try:
                    worker.conn.send(("query", request))
                except OSError:
                    raise _WorkerGone from None
                reply = worker.receive(self.timeout_s)
            except TimeoutError:
                self._restart()
                log.warning(
                    "SPARQL query stopped after %.1f s (the time limit); worker restarted",
                    time.monotonic() - started,
                )
                raise QueryError(
                    BAD_QUERY,
                    f"the query was stopped after {self.timeout_s:g} s, the endpoint's time "
                    "limit. Narrow it (more specific patterns, fewer unbound variables, no "
                    "ORDER BY over many rows) or add LIMIT.",
                ) from None
            except _WorkerGone:
                worker.process.join(2)
                code = worker.process.exitcode
                self._restart()
                log.warning("SPARQL query worker died (exit code %s); restarted", code)
                raise QueryError(
                    BAD_QUERY,
                    f"the query stopped the query worker (exit code {code}); most likely it "
                    "needed more memory than the worker may use. Narrow it (more specific "
                    "patterns, fewer unbound variables) or add LIMIT.",
                ) from None
        finally:
            self._lock.release()
        if reply[0] == "error":
            raise QueryError(reply[1], reply[2])
        return reply[1], reply[2]

    def _ready_worker(self) -> _Worker:
        """A live worker holding the backend's current revision (called with the lock held)."""
        pool = self._pool
        if pool.worker is None or not pool.worker.process.is_alive():
            if pool.worker is not None:
                pool.worker.kill()
            pool.worker = _Worker(self._memory_limit)
        worker = pool.worker
        try:
            try:
                worker.finish_loading(self.load_timeout_s)  # a load sent after a restart
            except QueryError:
                worker.revision = None
            revision = self.backend.revision
            if worker.revision != revision:
                worker.load(self._dump(revision), revision)
                worker.finish_loading(self.load_timeout_s)
        except (TimeoutError, _WorkerGone):
            worker.kill()
            pool.worker = None
            raise QueryError(
                UNAVAILABLE,
                f"the query worker could not load the graph of {self.backend.name} within "
                f"{self.load_timeout_s:g} s. Try again; if it keeps failing, the graph may be "
                "too big for the worker's memory limit.",
            ) from None
        return worker

    def _dump(self, revision: int) -> Path:
        """An N-Quads file of the backend's graph at `revision` (the newest one is kept)."""
        pool = self._pool
        if pool.dump is not None and pool.dump[1] == revision:
            return pool.dump[0]
        if pool.folder is None:
            pool.folder = tempfile.TemporaryDirectory(prefix="rolemap-sparql-")
        path = Path(pool.folder.name) / f"graph-{revision}-{time.monotonic_ns()}.nq"
        path.write_bytes(self.backend.dump_nquads())
        if pool.dump is not None:
            pool.dump[0].unlink(missing_ok=True)
        pool.dump = (path, revision)
        return path

    def _restart(self) -> None:
        """Kill the worker and start a fresh one, loading the newest dump in the background so
        that it is ready for the next query (called with the lock held)."""
        pool = self._pool
        if pool.worker is not None:
            pool.worker.kill()
        pool.worker = _Worker(self._memory_limit)
        if pool.dump is not None:
            pool.worker.load(*pool.dump)

    # --- remote: HTTP ----------------------------------------------------------------------

    def _http(self):
        import httpx  # only remote stores need it: the worker process starts without it

        with self._http_lock:
            if self._pool.http is None:
                timeout = httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 5.0))
                self._pool.http = httpx.Client(timeout=timeout)
            return self._pool.http

    def _remote_dataset(self, dataset: Dataset) -> dict[str, list[str]]:
        if dataset.from_query:
            return {}
        if not dataset.union:
            return {
                "default-graph-uri": list(dataset.default_graphs),
                "named-graph-uri": list(dataset.named_graphs),
            }
        try:
            graphs = list(self.backend.named_graphs())
        except Exception as error:  # the backend's own error for a store that does not answer
            raise _unreachable(
                self.backend.name, f"listing its named graphs failed: {error}"
            ) from None
        # Named graphs have to be listed too: a request that names a default graph has only
        # the named graphs it lists.
        return {"default-graph-uri": graphs, "named-graph-uri": graphs} if graphs else {}

    def _remote(self, request: dict) -> tuple[bytes, str]:
        import httpx

        url, name = self.backend.query_url, self.backend.name
        deadline = time.monotonic() + self.timeout_s
        form = {"query": request["query"], **self._remote_dataset(request["dataset"])}
        headers = {"Accept": "application/sparql-results+json, application/n-triples;q=0.9"}
        late = QueryError(
            BAD_QUERY,
            f"the query was stopped after {self.timeout_s:g} s, the endpoint's time limit "
            "(the SPARQL store did not answer in time). Narrow it or add LIMIT.",
        )
        try:
            with self._http().stream("POST", url, data=form, headers=headers) as response:
                if response.status_code != 200:
                    raise _remote_error(response, name)
                media_type = response.headers.get("content-type", "").split(";")[0].strip()
                reader = io.BufferedReader(_Stream(response.iter_bytes(), deadline))
                if media_type.lower() == "application/sparql-results+json":
                    result = ox.parse_query_results(reader, format=ox.QueryResultsFormat.JSON)
                elif media_type.lower() == "application/n-triples":
                    quads = ox.parse(reader, format=ox.RdfFormat.N_TRIPLES)
                    result = (quad.triple for quad in quads)
                else:
                    raise QueryError(
                        BAD_GATEWAY,
                        f"the SPARQL store at {name} answered in {media_type or 'no media type'}"
                        ", not SPARQL JSON results or N-Triples. Is the query URL right?",
                    )
                return serialise(
                    result, request["results"], request["graph"], self.limits, request["prefixes"]
                )
        except _Late:
            raise late from None
        except httpx.ConnectTimeout:
            raise _unreachable(name, "it did not accept the connection in time") from None
        except httpx.TimeoutException:
            raise late from None
        except (httpx.ConnectError, httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
            raise _unreachable(name, str(error)) from None
        except httpx.HTTPError as error:
            raise QueryError(
                BAD_GATEWAY, f"the SPARQL store at {name} broke off its answer: {error}"
            ) from None
        except SyntaxError as error:
            raise QueryError(
                BAD_GATEWAY,
                f"the SPARQL store at {name} sent an answer that does not parse: {error}",
            ) from None


class _Late(Exception):
    """The remote's answer is still streaming in at the deadline."""


class _Stream(io.RawIOBase):
    """A readable stream over the chunks of an HTTP response, which stops at a deadline."""

    def __init__(self, chunks: Iterator[bytes], deadline: float) -> None:
        super().__init__()
        self._chunks, self._deadline, self._pending = chunks, deadline, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            if time.monotonic() > self._deadline:
                raise _Late
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._pending = chunk
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size


def _unreachable(name: str, why: str) -> QueryError:
    return QueryError(
        UNAVAILABLE,
        f"the SPARQL store at {name} does not answer ({why}). Start it, or check the store URL "
        "(--sparql-url / ROLEMAP_SPARQL_URL).",
        {"Retry-After": "10"},
    )


def _remote_error(response, name: str) -> QueryError:
    text = b""
    for chunk in response.iter_bytes():
        text += chunk
        if len(text) > 2000:
            break
    message = text[:2000].decode("utf-8", "replace").strip()
    if response.status_code == 400:
        if message.startswith("error at"):
            return syntax_error(message)
        return QueryError(BAD_QUERY, f"the SPARQL store at {name} refused the query: {message}")
    return QueryError(
        BAD_GATEWAY,
        f"the SPARQL store at {name} answered {response.status_code}: {message or '(no text)'}",
    )

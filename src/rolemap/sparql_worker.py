"""The query worker: a process that answers SPARQL queries over an in-memory copy of an
embedded store's graph, so that one query cannot take down the service.

The worker is started with the "spawn" start method (it never forks a process that holds an
open RocksDB store), so this module imports cheaply: `_worker_main` is its target. It keeps a
copy of the graph, loaded from `dump_nquads()` through a temporary N-Quads file, and the pool
reloads it when the store's `revision` changes. Queries go to it one at a time. The parent
waits at most `timeout_s` for an answer; a query over the limit has the worker killed (a fresh
one is started and loaded at once, ready for the next query). It serialises the answer itself,
under the row and size limits (rolemap.sparql_results). It has an address-space limit
(`memory_limit_mb`, default half the machine's memory) and volunteers first for the kernel's
out-of-memory killer, and it exits when its parent dies.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import multiprocessing.connection
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import Any, Protocol

import pyoxigraph as ox

from rolemap.sparql_errors import BAD_QUERY, UNAVAILABLE, QueryError, syntax_error
from rolemap.sparql_request import Dataset, QueryRequest
from rolemap.sparql_results import serialise

log = logging.getLogger(__name__)

_MEMORY_MESSAGE = (
    "the query needed more memory than the query worker may use. Narrow it (more specific "
    "patterns, fewer unbound variables) or add LIMIT."
)

# --- In the worker process -----------------------------------------------------------------


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


def _evaluate(store: ox.Store, request: QueryRequest) -> tuple[bytes, str]:
    try:
        result = store.query(request.query, **_dataset_options(request.dataset))
    except SyntaxError as error:
        raise syntax_error(str(error)) from None
    except ValueError as error:  # an invalid IRI in default-graph-uri / named-graph-uri
        raise QueryError(BAD_QUERY, f"invalid graph IRI: {error}") from None
    return serialise(
        result, request.results_key, request.graph_key, request.limits, request.prefixes
    )


def _dataset_options(dataset: Dataset) -> dict[str, Any]:
    """store.query's dataset options. NamedNode raises ValueError on an invalid IRI: called inside
    _evaluate's try, so that is a 400, not the worker's catch-all 500."""
    if dataset.union:
        return {"use_default_graph_as_union": True}
    if dataset.from_query:
        return {}
    return {
        "default_graph": [ox.NamedNode(g) for g in dataset.default_graphs],
        "named_graphs": [ox.NamedNode(g) for g in dataset.named_graphs],
    }


def _load(path: str) -> tuple[ox.Store, tuple]:
    """A store holding the N-Quads file at `path`, and the reply to the load."""
    try:
        store = ox.Store()
        store.load(path=path, format=ox.RdfFormat.N_QUADS)
        return store, ("loaded", len(store))
    except (OSError, SyntaxError, ValueError) as error:
        return ox.Store(), ("error", UNAVAILABLE, f"could not load the graph: {error}")


def _answer(store: ox.Store, request: QueryRequest) -> tuple:
    """The reply to a query: ("ok", body, media type) or ("error", status, message)."""
    try:
        return ("ok", *_evaluate(store, request))
    except QueryError as error:
        return ("error", error.status, str(error))
    except MemoryError:
        return ("error", BAD_QUERY, _MEMORY_MESSAGE)
    except Exception as error:  # the worker must outlive any one query
        return ("error", 500, f"the query failed in the query worker: {error!r}")


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
            store, reply = _load(payload)
        else:
            reply = _answer(store, payload)
        conn.send(reply)


# --- In the parent -------------------------------------------------------------------------


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

    def ask(self, request: QueryRequest, timeout: float) -> tuple:
        """The worker's reply to a query; raises _WorkerGone, TimeoutError."""
        try:
            self.conn.send(("query", request))
        except OSError:
            raise _WorkerGone from None
        return self.receive(timeout)

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


def _memory_limit(memory_limit_mb: int | None) -> int | None:
    """The worker's address-space limit in bytes: default half the machine's memory, at least
    1 GiB (None: unknown, no limit)."""
    if memory_limit_mb is not None:
        return memory_limit_mb * 2**20
    try:
        half = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2
    except (ValueError, OSError, AttributeError):
        return None
    return max(half, 2**30) if half else None


class GraphSource(Protocol):
    """An embedded store, as the pool sees it (see rolemap.store)."""

    name: str
    revision: int  # changes whenever the graph does

    def dump_nquads(self) -> bytes: ...


class WorkerPool:
    """The query worker of an embedded store, and the dump of its graph that the worker loads.

    Answers one query at a time; `close()` stops the worker and removes the dump (the next
    query starts a new worker)."""

    def __init__(
        self,
        source: GraphSource,
        timeout_s: float,
        load_timeout_s: float,
        memory_limit_mb: int | None = None,
    ) -> None:
        self.source, self.timeout_s, self.load_timeout_s = source, timeout_s, load_timeout_s
        self.memory_limit = _memory_limit(memory_limit_mb)
        self.worker: _Worker | None = None
        self._lock = threading.Lock()  # one query at a time in the worker
        self._folder: tempfile.TemporaryDirectory | None = None
        self._dump: tuple[Path, int] | None = None  # the newest dump and the revision it holds

    def run(self, request: QueryRequest) -> tuple[bytes, str]:
        """(body, media type) of the answer to `request`. Raises QueryError."""
        # Another query holds the worker at most timeout_s (then it is killed).
        if not self._lock.acquire(timeout=self.timeout_s + 2):
            raise QueryError(
                UNAVAILABLE,
                "the endpoint is busy with other queries; try again in a few seconds.",
                {"Retry-After": str(max(1, round(self.timeout_s)))},
            )
        try:
            reply = self._ask(self._ready_worker(), request)
        finally:
            self._lock.release()
        if reply[0] == "error":
            raise QueryError(reply[1], reply[2])
        return reply[1], reply[2]

    def close(self) -> None:
        """Stop the worker and remove the dump, once a running query is done."""
        with self._lock:
            self.close_now()

    def close_now(self) -> None:
        """Stop the worker and remove the dump without waiting for the lock (a finalizer's)."""
        if self.worker is not None:
            self.worker.kill()
            self.worker = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
        self._dump = None  # it was in the folder: the next query writes a new one

    def _ask(self, worker: _Worker, request: QueryRequest) -> tuple:
        """The worker's reply; a worker over the time limit or gone is replaced (lock held)."""
        started = time.monotonic()
        try:
            return worker.ask(request, self.timeout_s)
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

    def _ready_worker(self) -> _Worker:
        """A live worker holding the source's current revision (lock held)."""
        if self.worker is None or not self.worker.process.is_alive():
            if self.worker is not None:
                self.worker.kill()
            self.worker = _Worker(self.memory_limit)
        worker = self.worker
        try:
            try:
                worker.finish_loading(self.load_timeout_s)  # a load sent after a restart
            except QueryError:
                worker.revision = None
            revision = self.source.revision
            if worker.revision != revision:
                worker.load(self._dump_file(revision), revision)
                worker.finish_loading(self.load_timeout_s)
        except (TimeoutError, _WorkerGone):
            worker.kill()
            self.worker = None
            raise QueryError(
                UNAVAILABLE,
                f"the query worker could not load the graph of {self.source.name} within "
                f"{self.load_timeout_s:g} s. Try again; if it keeps failing, the graph may be "
                "too big for the worker's memory limit.",
            ) from None
        return worker

    def _dump_file(self, revision: int) -> Path:
        """An N-Quads file of the source's graph at `revision` (the newest one is kept)."""
        if self._dump is not None and self._dump[1] == revision:
            return self._dump[0]
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="rolemap-sparql-")
        path = Path(self._folder.name) / f"graph-{revision}-{time.monotonic_ns()}.nq"
        path.write_bytes(self.source.dump_nquads())
        if self._dump is not None:
            self._dump[0].unlink(missing_ok=True)
        self._dump = (path, revision)
        return path

    def _restart(self) -> None:
        """Kill the worker and start a fresh one, loading the newest dump in the background so
        that it is ready for the next query (lock held)."""
        if self.worker is not None:
            self.worker.kill()
        self.worker = _Worker(self.memory_limit)
        if self._dump is not None:
            self.worker.load(*self._dump)

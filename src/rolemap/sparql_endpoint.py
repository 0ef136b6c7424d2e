"""A read-only SPARQL 1.1 query service over the graph that one query cannot take down.

`QueryService.run` answers a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) in the media type
the client accepts. It never writes: an update is refused with 403 before anything runs. Errors
are `QueryError`s with an HTTP status (rolemap.sparql_errors lists them).

The parts:

- rolemap.sparql_request: what a request asks for (an update? which formats? which dataset?).
- rolemap.sparql_results: the formats offered, and serialising under the row and size limits.
- rolemap.sparql_worker: embedded stores (`backend.query_url is None`) are queried in a worker
  process with a copy of the graph, killed when a query runs over the time limit.
- rolemap.sparql_remote: remote stores (`backend.query_url` set) get the query forwarded over
  HTTP with the time limit as a deadline.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import Protocol

from rolemap.sparql_errors import QueryError
from rolemap.sparql_remote import RemoteSource, RemoteStore
from rolemap.sparql_request import read_request
from rolemap.sparql_results import Limits
from rolemap.sparql_worker import GraphSource, WorkerPool

__all__ = ["Backend", "QueryError", "QueryService"]


class Backend(GraphSource, RemoteSource, Protocol):
    """The store the graph lives in (see rolemap.store)."""


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
        self._pool = WorkerPool(backend, timeout_s, load_timeout_s, memory_limit_mb)
        self._remote = RemoteStore(backend, timeout_s)
        weakref.finalize(self, _close_now, self._pool, self._remote)

    def close(self) -> None:
        """Stop the worker and remove the graph's dump. The service can still be used: the next
        query starts a new worker."""
        self._pool.close()
        self._remote.close()

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
        request = read_request(
            query, accept, default_graph_uris, named_graph_uris, format, self.limits
        )
        if self.backend.query_url:
            return self._remote.run(request)
        return self._pool.run(request)


def _close_now(pool: WorkerPool, remote: RemoteStore) -> None:
    """What a QueryService that is gone leaves behind: its worker, dump and HTTP client."""
    pool.close_now()
    remote.close()

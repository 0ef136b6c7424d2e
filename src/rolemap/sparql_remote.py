"""SPARQL queries forwarded to a remote store over HTTP.

The query goes to the store's query URL with the time limit as a deadline; the answer (asked
for as SPARQL JSON results or N-Triples) is parsed while it streams in and re-serialised for
the client under the same row and size limits as an embedded store's (rolemap.sparql_results).
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Iterator
from typing import Any, Protocol

import pyoxigraph as ox

from rolemap.sparql_errors import BAD_GATEWAY, BAD_QUERY, UNAVAILABLE, QueryError, syntax_error
from rolemap.sparql_request import Dataset, QueryRequest
from rolemap.sparql_results import serialise


class RemoteSource(Protocol):
    """A remote store, as the endpoint sees it (see rolemap.store)."""

    name: str
    query_url: str | None  # None: an embedded store, never forwarded to

    def named_graphs(self) -> list[str]: ...


class RemoteStore:
    """Forwards queries to `source.query_url` within `timeout_s`. Thread-safe."""

    def __init__(self, source: RemoteSource, timeout_s: float) -> None:
        self.source, self.timeout_s = source, timeout_s
        self._http: Any = None  # an httpx.Client, made on first use
        self._lock = threading.Lock()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def run(self, request: QueryRequest) -> tuple[bytes, str]:
        """(body, media type) of the answer to `request`. Raises QueryError."""
        import httpx

        name = self.source.name
        deadline = time.monotonic() + self.timeout_s
        form = {"query": request.query, **self._dataset(request.dataset)}
        late = QueryError(
            BAD_QUERY,
            f"the query was stopped after {self.timeout_s:g} s, the endpoint's time limit "
            "(the SPARQL store did not answer in time). Narrow it or add LIMIT.",
        )
        try:
            return self._post(form, request, deadline)
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

    def _client(self):
        import httpx  # only remote stores need it: the worker process starts without it

        with self._lock:
            if self._http is None:
                timeout = httpx.Timeout(self.timeout_s, connect=min(self.timeout_s, 5.0))
                self._http = httpx.Client(timeout=timeout)
            return self._http

    def _dataset(self, dataset: Dataset) -> dict[str, list[str]]:
        """The protocol's default-graph-uri / named-graph-uri for `dataset`."""
        if dataset.from_query:
            return {}
        if not dataset.union:
            return {
                "default-graph-uri": list(dataset.default_graphs),
                "named-graph-uri": list(dataset.named_graphs),
            }
        try:
            graphs = list(self.source.named_graphs())
        except Exception as error:  # whatever the backend raises: one message (_listing_failed)
            raise _listing_failed(self.source.name, error) from None
        # Named graphs have to be listed too: a request that names a default graph has only
        # the named graphs it lists.
        return {"default-graph-uri": graphs, "named-graph-uri": graphs} if graphs else {}

    def _post(self, form: dict, request: QueryRequest, deadline: float) -> tuple[bytes, str]:
        """Send the query; the answer, parsed as it streams in and serialised for the client."""
        name = self.source.name
        headers = {"Accept": "application/sparql-results+json, application/n-triples;q=0.9"}
        client = self._client()
        with client.stream("POST", self.source.query_url, data=form, headers=headers) as response:
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
                result, request.results_key, request.graph_key, request.limits, request.prefixes
            )


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


def _listing_failed(name: str, error: Exception) -> QueryError:
    """Listing the named graphs (for a query over the union) failed. The backend's own message
    says what and how to fix again, for its other callers: only its cause goes in, so the client
    reads one sentence. A store that answered with an error is 502, else it does not answer."""
    from rolemap.store import StoreError, StoreUnavailableError  # with httpx: remote stores only

    if isinstance(error, StoreError) and not isinstance(error, StoreUnavailableError):
        return QueryError(
            BAD_GATEWAY,
            f"the SPARQL store at {name} refused to list its named graphs, which a query over "
            f"the default graph needs ({error.reason}). Check the store URL (--sparql-url / "
            "ROLEMAP_SPARQL_URL) and the store's log, or name the graphs with default-graph-uri.",
        )
    reason = error.reason if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
    return _unreachable(name, f"listing its named graphs: {reason}")


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

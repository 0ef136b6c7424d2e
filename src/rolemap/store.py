"""Where the graph lives: an Oxigraph store (on disk or in memory) or any SPARQL 1.1 Protocol
triple store (Oxigraph server, Apache Jena Fuseki, Virtuoso, GraphDB).

Both kinds offer the same small interface: SPARQL queries, SPARQL updates (one update request
is one transaction in Oxigraph and in the servers above), and every quad. Everything rolemap
stores lives in named graphs (see rolemap.dataset), so a remote store needs no special setup.
"""

import errno
import re
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Protocol

import httpx
import pyoxigraph

from rolemap.config import MEMORY, Settings
from rolemap.errors import RolemapError

QueryResults = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples


class StoreError(RolemapError):
    """The store cannot be opened, read or written. `reason` is the cause alone (a remote
    store's HTTP error, say), for a message that says itself what failed and how to fix it."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


class StoreInUseError(StoreError):
    """Another process (a running server) has the embedded store open for writing."""


class StoreUnavailableError(StoreError):
    """A remote store does not answer (HTTP 503 for the service's clients)."""


class StoreReadOnlyError(StoreError):
    """The embedded store's folder cannot be written (a read-only mount, its permissions)."""


class StoreFullError(StoreError):
    """The disk under the embedded store is full: nothing of the change was stored."""

    status = 507  # Insufficient Storage


class Backend(Protocol):
    name: str  # for messages: a folder, ":memory:" or a URL
    query_url: str | None  # a remote store's query endpoint; None when embedded
    revision: int  # changes whenever this process writes
    writable: bool
    reachable: bool  # whether it answered when last asked (an embedded store always does)

    def query(self, sparql: str) -> QueryResults: ...
    def update(self, sparql: str) -> None: ...
    def quads(self) -> Iterator[pyoxigraph.Quad]: ...
    def named_graphs(self) -> list[str]: ...
    def dump_nquads(self) -> bytes: ...
    def close(self) -> None: ...


class EmbeddedBackend:
    """pyoxigraph in this process: RocksDB on disk, or memory."""

    query_url = None
    reachable = True  # in this process

    def __init__(self, location: str, writable: bool = True) -> None:
        self.name = location
        self.revision = 0
        self.writable = writable
        self._failed = False  # a write failed; RocksDB refuses writes until the store is reopened
        if location == MEMORY:
            self._store = pyoxigraph.Store()
        elif writable:
            self._store = _open_on_disk(Path(location))
        else:
            self._store = pyoxigraph.Store.read_only(location)

    def query(self, sparql: str) -> QueryResults:
        return self._store.query(sparql)

    def update(self, sparql: str) -> None:
        """One update, one transaction: if it fails, nothing of it is stored."""
        try:
            if self._failed:
                self._reopen()
            self._store.update(sparql)
        except OSError as error:
            failure = _write_error(self.name, error)
        else:
            self.revision += 1
            return
        # out of the except block: its traceback may hold on to the failed handle
        if self.writable and self.name != MEMORY and not self._failed:
            self._failed = True
            with suppress(OSError):  # still full: the next write tries again
                self._reopen()
        raise failure

    def _reopen(self) -> None:
        """After a failed write (a full disk, say) RocksDB keeps the error and refuses every
        later write until the store is opened afresh. Until that succeeds, reads go to a
        read-only handle, which needs no space."""
        del self._store  # the handle holds RocksDB's lock: drop it before opening again
        try:
            self._store = pyoxigraph.Store(self.name)
        except OSError:
            self._store = pyoxigraph.Store.read_only(self.name)
            raise
        self._failed = False

    def quads(self) -> Iterator[pyoxigraph.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if hasattr(g, "value"))

    def dump_nquads(self) -> bytes:
        return self._store.dump(format=pyoxigraph.RdfFormat.N_QUADS)

    def close(self) -> None:
        if self.writable and not self._failed:
            with suppress(OSError):  # a full disk: what was committed is in the log already
                self._store.flush()
        del self._store


def _write_error(name: str, error: OSError) -> StoreError:
    text = str(error)
    if error.errno == errno.ENOSPC or "No space left on device" in text:
        return StoreFullError(
            f"{name}: the disk is full, so the store could not be written ({text}). Nothing of "
            "this change was stored: free space on that disk, then send it again (no restart "
            "needed)."
        )
    return StoreError(
        f"{name}: the store could not be written ({text}). Nothing of this change was stored: "
        "check that the folder is writable and its disk healthy, then send it again."
    )


def _open_on_disk(path: Path) -> pyoxigraph.Store:
    try:
        path.mkdir(parents=True, exist_ok=True)
        return pyoxigraph.Store(str(path))
    except OSError as error:
        raise _open_error(path, error) from None


# RocksDB's errors carry no errno, only the text of the system's message.
_READ_ONLY = re.compile("Read-only file system|Permission denied")


def _open_error(path: Path, error: OSError) -> StoreError:
    text = str(error)
    if error.errno in (errno.EROFS, errno.EACCES) or _READ_ONLY.search(text):
        return StoreReadOnlyError(
            f"{path}: the store cannot be opened for writing: the folder (or, for a new store, "
            f"a folder above it) is read-only ({text}). Nothing in it was changed. Make it "
            "writable, or give a folder you can write to with --data-dir (or ROLEMAP_DATA_DIR)."
        )
    if "While lock file" in text or "lock hold by current process" in text.lower():
        return StoreInUseError(
            f"{path}: another rolemap process (a running `rolemap serve`?) has this store "
            "open. Send the change to that server's API (POST /api/organisations), stop it "
            "first, or give another --data-dir."
        )
    return StoreError(
        f"{path}: the store cannot be opened ({text}). Give a folder you can write to "
        "with --data-dir (or ROLEMAP_DATA_DIR)."
    )


CONNECT_TIMEOUT = 5.0  # seconds


class RemoteBackend:
    """A SPARQL 1.1 Protocol store over HTTP."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60) -> None:
        self.name = self.query_url = query_url
        self.update_url = update_url or _update_url(query_url)
        self.revision = 0
        self.writable = True
        self.reachable = True  # until asked; whoever opens it asks at once
        # a store that is down should be a quick 503, not a minute's wait for a connection
        self._http = httpx.Client(timeout=httpx.Timeout(timeout, connect=CONNECT_TIMEOUT))

    def query(self, sparql: str) -> QueryResults:
        graph_query = _is_graph_query(sparql)
        accept = "application/n-triples" if graph_query else "application/sparql-results+json"
        response = self._post(self.query_url, sparql, "application/sparql-query", accept)
        if graph_query:
            return _as_triples(response.content)
        return pyoxigraph.parse_query_results(
            response.content, format=pyoxigraph.QueryResultsFormat.JSON
        )

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update", "*/*")
        self.revision += 1

    def quads(self) -> Iterator[pyoxigraph.Quad]:
        rows = self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        for row in rows:
            yield pyoxigraph.Quad(row["s"], row["p"], row["o"], row["g"])

    def named_graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows)

    def dump_nquads(self) -> bytes:
        return "".join(f"{quad} .\n" for quad in self.quads()).encode("utf-8")

    def close(self) -> None:
        self._http.close()

    def _post(self, url: str, body: str, content_type: str, accept: str) -> httpx.Response:
        try:
            response = self._http.post(
                url,
                content=body.encode("utf-8"),
                headers={"Content-Type": content_type, "Accept": accept},
            )
        except httpx.HTTPError as error:
            self.reachable = False
            reason = f"{type(error).__name__}: {error}"
            raise StoreUnavailableError(
                f"the SPARQL store at {url} does not answer ({reason}). Check that it runs and "
                "that ROLEMAP_SPARQL_URL points at it; a running server retries on the next "
                "request.",
                reason,
            ) from None
        self.reachable = response.status_code < 500  # a 5xx: there, but not working
        if response.status_code >= 400:
            reason = f"HTTP {response.status_code} {response.text[:300]}"
            raise StoreError(f"the SPARQL store at {url} refused the request: {reason}", reason)
        return response


def _update_url(query_url: str) -> str:
    """Oxigraph serves /query and /update; Fuseki /ds/query and /ds/update (or /ds for both)."""
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


_PROLOGUE = re.compile(r"(\s+|#[^\n]*|BASE\s*<[^>]*>|PREFIX\s*[^\s:]*:\s*<[^>]*>)*", re.I)


def _is_graph_query(sparql: str) -> bool:
    """CONSTRUCT or DESCRIBE (answered as triples), judged by the first word after the prologue.
    Only rolemap's own queries come here; the /sparql endpoint has its own proxy."""
    body = sparql[_PROLOGUE.match(sparql).end() :]  # type: ignore[union-attr]
    return body[:9].upper().startswith(("CONSTRUCT", "DESCRIBE"))


def _as_triples(ntriples: bytes) -> pyoxigraph.QueryTriples:
    store = pyoxigraph.Store()
    store.load(ntriples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store.query("CONSTRUCT WHERE { ?s ?p ?o }")


def open_backend(settings: Settings) -> Backend:
    if settings.sparql_url:
        return RemoteBackend(settings.sparql_url, settings.sparql_update_url)
    return EmbeddedBackend(settings.data_dir)


def read_only_backend(settings: Settings) -> Backend:
    """A snapshot of an embedded store, for commands that only read: one another process holds
    open (RocksDB's read-only mode does not see that process's later writes), or one in a
    folder this process may not write."""
    try:
        return EmbeddedBackend(settings.data_dir, writable=False)
    except OSError as error:
        raise StoreError(
            f"{settings.data_dir}: the store cannot be opened for reading ({error}). Give the "
            "folder of an existing store with --data-dir (or ROLEMAP_DATA_DIR)."
        ) from None

"""Where the graph lives: an Oxigraph store (on disk or in memory) or any SPARQL 1.1 Protocol
triple store (Oxigraph server, Apache Jena Fuseki, Virtuoso, GraphDB).

Both kinds offer the same small interface: SPARQL queries, SPARQL updates (one update request
is one transaction in Oxigraph and in the servers above), and every quad. Everything rolemap
stores lives in named graphs (see rolemap.dataset), so a remote store needs no special setup.
"""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import httpx
import pyoxigraph

from rolemap.config import MEMORY, Settings
from rolemap.errors import RolemapError

QueryResults = pyoxigraph.QuerySolutions | pyoxigraph.QueryBoolean | pyoxigraph.QueryTriples


class StoreError(RolemapError):
    """The store cannot be opened, read or written."""


class StoreInUseError(StoreError):
    """Another process (a running server) has the embedded store open for writing."""


class StoreUnavailableError(StoreError):
    """A remote store does not answer (HTTP 503 for the service's clients)."""


class Backend(Protocol):
    name: str  # for messages: a folder, ":memory:" or a URL
    query_url: str | None  # a remote store's query endpoint; None when embedded
    revision: int  # changes whenever this process writes
    writable: bool

    def query(self, sparql: str) -> QueryResults: ...
    def update(self, sparql: str) -> None: ...
    def quads(self) -> Iterator[pyoxigraph.Quad]: ...
    def named_graphs(self) -> list[str]: ...
    def dump_nquads(self) -> bytes: ...
    def close(self) -> None: ...


class EmbeddedBackend:
    """pyoxigraph in this process: RocksDB on disk, or memory."""

    query_url = None

    def __init__(self, location: str, writable: bool = True) -> None:
        self.name = location
        self.revision = 0
        self.writable = writable
        if location == MEMORY:
            self._store = pyoxigraph.Store()
        elif writable:
            self._store = _open_on_disk(Path(location))
        else:
            self._store = pyoxigraph.Store.read_only(location)

    def query(self, sparql: str) -> QueryResults:
        return self._store.query(sparql)

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql)
        except OSError as error:
            raise StoreError(f"{self.name}: the store could not be written ({error}).") from None
        self.revision += 1

    def quads(self) -> Iterator[pyoxigraph.Quad]:
        return iter(self._store.quads_for_pattern(None, None, None, None))

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if hasattr(g, "value"))

    def dump_nquads(self) -> bytes:
        return self._store.dump(format=pyoxigraph.RdfFormat.N_QUADS)

    def close(self) -> None:
        if self.writable:
            self._store.flush()
        del self._store


def _open_on_disk(path: Path) -> pyoxigraph.Store:
    try:
        path.mkdir(parents=True, exist_ok=True)
        return pyoxigraph.Store(str(path))
    except OSError as error:
        text = str(error)
        if "lock" in text.lower():
            raise StoreInUseError(
                f"{path}: another rolemap process (a running `rolemap serve`?) has this store "
                "open. Send the change to that server's API (POST /api/organisations), stop it "
                "first, or give another --data-dir."
            ) from None
        raise StoreError(
            f"{path}: the store cannot be opened ({text}). Give a folder you can write to "
            "with --data-dir (or ROLEMAP_DATA_DIR)."
        ) from None


class RemoteBackend:
    """A SPARQL 1.1 Protocol store over HTTP."""

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60) -> None:
        self.name = self.query_url = query_url
        self.update_url = update_url or _update_url(query_url)
        self.revision = 0
        self.writable = True
        self._http = httpx.Client(timeout=timeout)

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
            raise StoreUnavailableError(
                f"the SPARQL store at {url} does not answer ({type(error).__name__}: {error}). "
                "Check that it runs and that ROLEMAP_SPARQL_URL points at it; rolemap retries "
                "on the next request."
            ) from None
        if response.status_code >= 400:
            raise StoreError(
                f"the SPARQL store at {url} refused the request: HTTP {response.status_code} "
                f"{response.text[:300]}"
            )
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
    """A snapshot of an embedded store another process holds open, for commands that only
    read. (RocksDB's read-only mode: it does not see later writes of that process.)"""
    return EmbeddedBackend(settings.data_dir, writable=False)

import functools
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph
from rdflib.plugins.sparql import processor

from rolemap.loader import KnowledgeGraph, load, parse_turtle, turtle_files
from rolemap.paths import ontology_dir

FIXTURES = Path(__file__).parent / "fixtures"

# Commands run by the tests (in-process or as subprocesses) keep their store in memory unless a
# test gives a folder: never the user's own store in ~/.local/share/rolemap.
os.environ["ROLEMAP_DATA_DIR"] = ":memory:"


@pytest.fixture(scope="session")
def overvecht() -> KnowledgeGraph:
    """The shipped Overvecht graph, loaded once (tests must not change it)."""
    return load()


@pytest.fixture(scope="session")
def ontology() -> Graph:
    """The ontology alone (its files, without any data set)."""
    graph = Graph()
    for path in turtle_files(ontology_dir()):
        graph += parse_turtle(path)
    return graph


@pytest.fixture
def write_ttl(tmp_path: Path):
    """Write a Turtle file into a fresh folder and return its path."""

    def write(text: str, name: str = "data.ttl") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session", autouse=True)
def parse_each_query_once():
    """pySHACL hands rdflib the text of a SPARQL constraint once per focus node, and rdflib parses
    it again every time (50-130 ms a query here, 95% of pySHACL's time). Caching the parsed query
    changes no result; it takes pySHACL on these fixtures from minutes to seconds."""
    original = processor.SPARQLProcessor.query

    @functools.lru_cache(maxsize=256)
    def prepared(text: str, base, namespaces: tuple):
        return processor.translateQuery(processor.parseQuery(text), base, dict(namespaces))

    def query(self, str_or_query, initBindings=None, initNs=None, base=None, DEBUG=False):
        if isinstance(str_or_query, str):
            namespaces = tuple(sorted((initNs or {}).items()))
            str_or_query = prepared(str_or_query, base, namespaces)
        return original(self, str_or_query, initBindings, initNs, base, DEBUG)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(processor.SPARQLProcessor, "query", query)
        yield


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[str]:
    """A real Oxigraph server (the `oxigraph` test dependency) on 127.0.0.1: its base URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        pytest.fail("the Oxigraph server is missing: install the test dependencies (make test)")
    port = _free_port()
    server = subprocess.Popen(
        [
            binary,
            "serve",
            "--location",
            tmp_path_factory.mktemp("oxigraph"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).raise_for_status()
            break
        except httpx.HTTPError:
            if server.poll() is not None:
                pytest.fail(f"oxigraph serve stopped: {server.stderr.read().decode()[:500]}")
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


STORES = ["embedded", "oxigraph-server"]


def _store(request, folder: Path) -> dict:
    if request.param == "embedded":
        return {"data_dir": str(folder / "store")}
    url = request.getfixturevalue("oxigraph_server")
    httpx.post(f"{url}/update", data={"update": "CLEAR ALL"}, timeout=10).raise_for_status()
    return {"sparql_url": f"{url}/query"}


@pytest.fixture(params=STORES)
def store_settings(request, tmp_path) -> dict:
    """Where a test's store lives: once an embedded store on disk, once a real Oxigraph server
    (emptied first). Spread into Settings(...): the API suite runs against both."""
    return _store(request, tmp_path)


@pytest.fixture(scope="module", params=STORES)
def module_store_settings(request, tmp_path_factory) -> dict:
    """The same, shared by the tests of one module (for modules that only read)."""
    return _store(request, tmp_path_factory.mktemp("module-store"))

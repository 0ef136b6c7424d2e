"""The read-only SPARQL endpoint: protocol, formats, union default graph, and the limits that keep
one query from taking the service down — for an embedded store (worker process) and a remote one
(a real Oxigraph server, when its binary is installed)."""

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.routers import sparql
from rolemap.negotiation import negotiate
from rolemap.sparql_endpoint import QueryService
from rolemap.sparql_results import GRAPH_FORMATS, RESULT_FORMATS

EX = "http://example.org/"
G1, G2, FILLER = EX + "graph/one", EX + "graph/two", EX + "graph/filler"
PREFIX = f"PREFIX ex: <{EX}> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
ORGS = PREFIX + "SELECT ?org WHERE { ?org a ex:Organisation } ORDER BY ?org"
CARTESIAN = "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
FILLERS = 300
MAX_ROWS = 100
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
HANG = 30  # seconds: only so that a broken limit fails the test instead of hanging it

DATA = f"""
<{EX}buurtteam> <{RDF_TYPE}> <{EX}Organisation> <{G1}> .
<{EX}buurtteam> <http://www.w3.org/2000/01/rdf-schema#label> "Buurtteam"@nl <{G1}> .
<{EX}buurtteam> <http://www.w3.org/2000/01/rdf-schema#label> "Neighbourhood team"@en <{G1}> .
<{EX}buurtteam> <{EX}does> <{EX}task/1> <{G1}> .
<{EX}dock> <{RDF_TYPE}> <{EX}Organisation> <{G2}> .
<{EX}dock> <http://www.w3.org/2000/01/rdf-schema#label> "DOCK" <{G2}> .
<{EX}dock> <{EX}staff> "12"^^<http://www.w3.org/2001/XMLSchema#integer> <{G2}> .
""" + "".join(f'<{EX}f{i}> <{EX}filler> "{i}" <{FILLER}> .\n' for i in range(FILLERS))


class FakeBackend:
    """An embedded store: a pyoxigraph in-memory store with a revision counter."""

    name, query_url = ":memory:", None

    def __init__(self) -> None:
        self.store = ox.Store()
        self.store.load(DATA, format=ox.RdfFormat.N_QUADS)
        self.revision = 0

    def query(self, text):
        return self.store.query(text, use_default_graph_as_union=True)

    def dump_nquads(self) -> bytes:
        return self.store.dump(format=ox.RdfFormat.N_QUADS)

    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())


class RemoteBackend:
    """A remote store: queries go to `query_url`; only named_graphs() is asked of it here."""

    revision = 0

    def __init__(self, base: str) -> None:
        self.name, self.query_url = base, base + "/query"

    def named_graphs(self) -> list[str]:
        body = httpx.post(
            self.query_url,
            data={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"},
            headers={"Accept": "application/sparql-results+json"},
        ).json()
        return [row["g"]["value"] for row in body["results"]["bindings"]]

    def dump_nquads(self) -> bytes:
        raise AssertionError("a remote backend is queried over HTTP, never dumped")


def make_client(service: QueryService) -> TestClient:
    app = FastAPI()
    app.include_router(sparql.router)
    app.state.sparql = service
    return TestClient(app)


def within(seconds: float, call, *args, **kwargs):
    """`call(...)`, failing (instead of hanging) if it takes longer than `seconds`."""
    pool = ThreadPoolExecutor(1)
    try:
        return pool.submit(call, *args, **kwargs).result(timeout=seconds)
    finally:
        pool.shutdown(wait=False)


@pytest.fixture(scope="module")
def backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture(scope="module")
def service(backend):
    with QueryService(backend, timeout_s=1, max_rows=MAX_ROWS) as running:
        yield running


@pytest.fixture(scope="module")
def client(service) -> TestClient:
    return make_client(service)


def bindings(response) -> list[dict]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/sparql-results+json"
    return response.json()["results"]["bindings"]


def values(response, name: str) -> list[str]:
    return [row[name]["value"] for row in bindings(response)]


# --- protocol and default graph ------------------------------------------------------------


def test_get_answers_json_over_the_union_of_the_named_graphs(client):
    response = client.get("/sparql", params={"query": ORGS})
    assert values(response, "org") == [EX + "buurtteam", EX + "dock"]


def test_post_form_and_post_query_body_answer_the_same(client):
    form = client.post("/sparql", data={"query": ORGS})
    body = client.post(
        "/sparql", content=ORGS.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert values(form, "org") == values(body, "org") == [EX + "buurtteam", EX + "dock"]


def test_graph_shows_each_fact_in_its_named_graph(client):
    query = PREFIX + "SELECT ?g WHERE { GRAPH ?g { ?org a ex:Organisation } } ORDER BY ?g"
    assert values(client.get("/sparql", params={"query": query}), "g") == [G1, G2]


def test_default_graph_uri_and_named_graph_uri_choose_the_dataset(client):
    only_two = client.get("/sparql", params={"query": ORGS, "default-graph-uri": G2})
    assert values(only_two, "org") == [EX + "dock"]
    query = PREFIX + "SELECT ?g WHERE { GRAPH ?g { ?org a ex:Organisation } }"
    named = client.post("/sparql", data={"query": query, "named-graph-uri": G1})
    assert values(named, "g") == [G1]
    in_url = client.post(
        "/sparql?default-graph-uri=" + G1,
        content=ORGS.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert values(in_url, "org") == [EX + "buurtteam"]


def test_a_query_with_from_gets_the_graphs_it_names(client):
    query = PREFIX + f"SELECT ?org FROM <{G1}> WHERE {{ ?org a ex:Organisation }}"
    assert values(client.get("/sparql", params={"query": query}), "org") == [EX + "buurtteam"]


def test_json_terms_are_what_pyoxigraph_writes(client, backend):
    """Our row-counting JSON writer agrees with pyoxigraph's own: languages, datatypes,
    unbound variables."""
    query = PREFIX + "SELECT ?s ?p ?o ?unbound WHERE { ?s ?p ?o FILTER(?p != ex:filler) }"
    ours = bindings(client.get("/sparql", params={"query": query}))
    theirs = json.loads(backend.query(query).serialize(format=ox.QueryResultsFormat.JSON))
    key = lambda row: json.dumps(row, sort_keys=True)  # noqa: E731
    assert sorted(ours, key=key) == sorted(theirs["results"]["bindings"], key=key)
    assert len(ours) == 7


# --- formats -------------------------------------------------------------------------------


def test_select_as_xml(client):
    response = client.get("/sparql", params={"query": ORGS}, headers={"Accept": "text/xml"})
    assert response.headers["content-type"] == "application/sparql-results+xml"
    ns = "{http://www.w3.org/2005/sparql-results#}"
    uris = [e.text for e in ET.fromstring(response.content).iter(ns + "uri")]
    assert uris == [EX + "buurtteam", EX + "dock"]


def test_select_as_csv_and_tsv(client):
    query = PREFIX + "SELECT ?org ?label WHERE { ?org rdfs:label ?label } ORDER BY ?label"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["org", "label"]
    assert [r[1] for r in rows[1:]] == ["Buurtteam", "DOCK", "Neighbourhood team"]
    tsv = client.get("/sparql", params={"query": query, "format": "tsv"})
    assert tsv.headers["content-type"].startswith("text/tab-separated-values")
    parsed = ox.parse_query_results(tsv.content, format=ox.QueryResultsFormat.TSV)
    labels = [str(s["label"]) for s in parsed]
    assert labels == ['"Buurtteam"@nl', '"DOCK"', '"Neighbourhood team"@en']


@pytest.mark.parametrize("wanted", GRAPH_FORMATS, ids=lambda f: f.key)
def test_construct_in_each_graph_format_parses_back(client, wanted):
    query = PREFIX + "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }"
    response = client.post("/sparql", data={"query": query}, headers={"Accept": wanted.media_type})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == wanted.media_type
    rdf_format = ox.RdfFormat.from_media_type(wanted.media_type)
    labels = {str(q.object) for q in ox.parse(response.content, format=rdf_format)}
    assert labels == {'"Buurtteam"@nl', '"Neighbourhood team"@en', '"DOCK"'}


def test_describe_defaults_to_turtle(client):
    response = client.get("/sparql", params={"query": f"DESCRIBE <{EX}dock>"})
    assert response.headers["content-type"] == "text/turtle; charset=utf-8"
    triples = list(ox.parse(response.content, format=ox.RdfFormat.TURTLE))
    assert len(triples) == 3 and {str(t.subject) for t in triples} == {f"<{EX}dock>"}


def test_ask(client):
    query = PREFIX + "ASK { ex:dock ex:staff 12 }"
    assert client.get("/sparql", params={"query": query}).json()["boolean"] is True
    response = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert b"<boolean>true</boolean>" in response.content


def test_q_values_decide(client):
    accept = "application/sparql-results+json;q=0.5, text/csv"
    response = client.get("/sparql", params={"query": ORGS}, headers={"Accept": accept})
    assert response.headers["content-type"].startswith("text/csv")
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    response = client.get("/sparql", params={"query": ORGS}, headers={"Accept": browser})
    assert response.headers["content-type"] == "application/sparql-results+xml"
    assert negotiate("text/csv;q=0, */*;q=0.1", RESULT_FORMATS).key == "json"
    assert negotiate("text/*", RESULT_FORMATS).key == "csv"
    assert negotiate(None, GRAPH_FORMATS).key == "turtle"
    assert negotiate("application/json", GRAPH_FORMATS).key == "jsonld"


def test_nothing_acceptable_is_406_listing_what_is_offered(client):
    query = PREFIX + "CONSTRUCT WHERE { ?s rdfs:label ?l }"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/csv"})
    assert response.status_code == 406
    assert "text/turtle" in response.json()["detail"]
    response = client.get("/sparql", params={"query": ORGS}, headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "application/sparql-results+json" in response.json()["detail"]


# --- refusals ------------------------------------------------------------------------------


def test_updates_are_refused_in_every_form(client):
    update = f"PREFIX ex: <{EX}>\nINSERT DATA {{ GRAPH <{G1}> {{ ex:x a ex:Organisation }} }}"
    answers = [
        client.get("/sparql", params={"query": update}),
        client.get("/sparql", params={"update": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-update"}
        ),
        client.post(
            "/sparql", content=update, headers={"Content-Type": "application/sparql-query"}
        ),
    ]
    for response in answers:
        assert response.status_code == 403, response.text
        assert "read-only" in response.json()["detail"]
        assert "/api/organisations" in response.json()["detail"]
    assert values(client.get("/sparql", params={"query": ORGS}), "org") == [
        EX + "buurtteam",
        EX + "dock",
    ]


def test_a_syntax_error_is_400_with_the_parsers_line_and_column(client):
    response = client.get("/sparql", params={"query": "SELECT *\nWHERE { ?s ?p }"})
    assert response.status_code == 400
    assert re.search(r"not valid SPARQL 1\.1: error at 2:\d+: expected", response.json()["detail"])


def test_a_missing_query_says_how_to_call(client):
    for response in (client.get("/sparql"), client.post("/sparql", data={"other": "x"})):
        assert response.status_code == 400
        assert "application/sparql-query" in response.json()["detail"]
    page = client.get("/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<form" in page.text
    other = client.post("/sparql", content=ORGS, headers={"Content-Type": "text/plain"})
    assert other.status_code == 415


def test_openapi_documents_the_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]["/sparql"]
    assert paths["get"]["summary"] and paths["post"]["summary"]
    assert "application/sparql-query" in paths["post"]["requestBody"]["content"]
    assert {"400", "403", "406"} <= set(paths["get"]["responses"])


# --- limits --------------------------------------------------------------------------------


def test_more_rows_than_the_limit_is_400_suggesting_limit(client):
    query = PREFIX + "SELECT ?s WHERE { ?s ex:filler ?o }"
    response = client.get("/sparql", params={"query": query})
    assert response.status_code == 400
    assert f"more than {MAX_ROWS} solutions" in response.json()["detail"]
    assert "LIMIT" in response.json()["detail"]
    exactly = client.get("/sparql", params={"query": f"{query} LIMIT {MAX_ROWS}"})
    assert len(bindings(exactly)) == MAX_ROWS
    graph = client.get("/sparql", params={"query": PREFIX + "CONSTRUCT WHERE { ?s ex:filler ?o }"})
    assert graph.status_code == 400 and "triples" in graph.json()["detail"]


@pytest.mark.parametrize(
    "query",
    [
        f"SELECT * {CARTESIAN}",
        f"SELECT * {CARTESIAN} ORDER BY ?c ?f ?i",
        f"SELECT (COUNT(*) AS ?n) {CARTESIAN}",
    ],
    ids=["plain", "order-by", "count"],
)
def test_a_cartesian_product_is_stopped_and_the_next_query_works(client, query):
    """Streamed solutions meet the row limit; ORDER BY and COUNT must see all of them first and
    meet the time limit."""
    response = within(HANG, client.get, "/sparql", params={"query": query})
    assert response.status_code == 400
    detail = response.json()["detail"]
    if "ORDER BY" in query or "COUNT" in query:
        assert "stopped after 1 s, the endpoint's time limit" in detail
    else:
        assert f"more than {MAX_ROWS} solutions" in detail
    assert values(client.get("/sparql", params={"query": ORGS}), "org")[0] == EX + "buurtteam"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is enforced on Linux")
def test_a_query_that_eats_memory_stops_only_the_worker(backend):
    with QueryService(backend, timeout_s=20, memory_limit_mb=600) as small:
        query = f"SELECT * {CARTESIAN} ORDER BY ?c ?f ?i"
        response = within(HANG, make_client(small).get, "/sparql", params={"query": query})
        assert response.status_code == 400
        assert "memory" in response.json()["detail"]
        assert small.run("ASK {}", None)[0] == b'{"head":{},"boolean":true}'


def test_the_worker_reloads_when_the_store_changes(client, backend):
    query = PREFIX + "SELECT ?org WHERE { ?org a ex:Organisation }"
    assert len(bindings(client.get("/sparql", params={"query": query}))) == 2
    quad = ox.Quad(
        ox.NamedNode(EX + "wijkenco"),
        ox.NamedNode(RDF_TYPE),
        ox.NamedNode(EX + "Organisation"),
        ox.NamedNode(G2),
    )
    backend.store.add(quad)
    backend.revision += 1
    try:
        assert EX + "wijkenco" in values(client.get("/sparql", params={"query": query}), "org")
    finally:
        backend.store.remove(quad)
        backend.revision += 1
    assert len(bindings(client.get("/sparql", params={"query": query}))) == 2


def test_the_worker_dies_with_its_parent(tmp_path):
    """A parent killed (SIGKILL: no clean-up runs) while the worker is busy with a long query."""
    script = tmp_path / "parent.py"
    script.write_text(
        textwrap.dedent(
            """
            import os, signal, threading, time
            from rolemap.sparql_endpoint import QueryService

            class Backend:
                name, query_url, revision = ":memory:", None, 0

                def dump_nquads(self):
                    return "".join(
                        f'<http://e/{i}> <http://e/p> "{i}" <http://e/g> .\\n' for i in range(200)
                    ).encode()

            if __name__ == "__main__":
                service = QueryService(Backend(), timeout_s=60)
                service.run("ASK {}", None)
                print(service._pool.worker.process.pid, flush=True)
                # 200 ** 4 rows to count: minutes of work unless the worker dies with us
                query = "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
                threading.Thread(target=service.run, args=(query, None), daemon=True).start()
                time.sleep(0.3)
                os.kill(os.getpid(), signal.SIGKILL)
            """
        )
    )
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=HANG
    )
    worker = int(result.stdout.strip())
    deadline = time.monotonic() + HANG
    while _running(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _running(worker)


def _running(pid: int) -> bool:
    """Whether `pid` is a live process (an exited one waiting to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


# --- remote store --------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def sparql_server(backend):
    """An Oxigraph server of our own (not the shared one of conftest): it holds the test quads."""
    binary = shutil.which("oxigraph") or shutil.which("oxigraph", path=Path(sys.executable).parent)
    if binary is None:
        pytest.skip("the Oxigraph server binary is not installed (pip install oxigraph)")
    base = f"http://127.0.0.1:{_free_port()}"
    server = subprocess.Popen(
        [binary, "serve", "--bind", base.removeprefix("http://"), "--timeout-s", "10"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + HANG
        while True:
            try:
                httpx.get(base + "/query", params={"query": "ASK {}"}).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("the Oxigraph server did not start")
                time.sleep(0.05)
        load = httpx.post(
            base + "/store",
            content=backend.dump_nquads(),
            headers={"Content-Type": "application/n-quads"},
        )
        load.raise_for_status()
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture(scope="module")
def remote(sparql_server):
    with QueryService(RemoteBackend(sparql_server), timeout_s=1, max_rows=MAX_ROWS) as service:
        yield make_client(service)


def test_remote_union_default_graph_and_named_graphs(remote):
    assert values(remote.get("/sparql", params={"query": ORGS}), "org") == [
        EX + "buurtteam",
        EX + "dock",
    ]
    query = PREFIX + "SELECT ?g WHERE { GRAPH ?g { ?org a ex:Organisation } } ORDER BY ?g"
    assert values(remote.get("/sparql", params={"query": query}), "g") == [G1, G2]
    only_two = remote.get("/sparql", params={"query": ORGS, "default-graph-uri": G2})
    assert values(only_two, "org") == [EX + "dock"]


def test_remote_results_in_the_clients_format(remote):
    response = remote.get("/sparql", params={"query": ORGS}, headers={"Accept": "text/csv"})
    assert list(csv.reader(io.StringIO(response.text)))[1:] == [[EX + "buurtteam"], [EX + "dock"]]
    query = PREFIX + "CONSTRUCT WHERE { ?s rdfs:label ?l }"
    response = remote.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/ld+json"}
    )
    assert response.headers["content-type"] == "application/ld+json"
    assert len(list(ox.parse(response.content, format=ox.RdfFormat.JSON_LD))) == 3
    assert remote.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_remote_limits_and_errors(remote):
    rows = remote.get("/sparql", params={"query": PREFIX + "SELECT * WHERE { ?s ex:filler ?o }"})
    assert rows.status_code == 400 and f"more than {MAX_ROWS}" in rows.json()["detail"]
    syntax = remote.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert syntax.status_code == 400 and "1:" in syntax.json()["detail"]
    update = remote.post("/sparql", data={"query": "CLEAR ALL"})
    assert update.status_code == 403


def test_remote_time_limit(remote):
    query = f"SELECT (COUNT(*) AS ?n) {CARTESIAN}"
    response = within(HANG, remote.get, "/sparql", params={"query": query})
    assert response.status_code == 400 and "time limit" in response.json()["detail"]


def test_remote_store_down_is_503():
    down = RemoteBackend(f"http://127.0.0.1:{_free_port()}")
    with QueryService(down, timeout_s=1) as service:
        client = make_client(service)
        union = client.get("/sparql", params={"query": ORGS})
        given = client.get("/sparql", params={"query": ORGS, "default-graph-uri": G1})
    for response in (union, given):
        assert response.status_code == 503
        assert f"{down.name} does not answer" in response.json()["detail"]


def test_a_closed_service_answers_again_with_a_new_worker(backend):
    service = QueryService(backend, timeout_s=10)
    query = "ASK { GRAPH ?g { ?s ?p ?o } }"
    assert json.loads(service.run(query, None)[0])["boolean"] is True
    service.close()
    assert json.loads(service.run(query, None)[0])["boolean"] is True
    service.close()

"""Analysts extend the graph over HTTP, against the embedded store and a real Oxigraph server:
writes need the token, bad bodies get the right 4xx with where and why and store nothing, a good
one is in every answer at once, survives a restart, and can be undone."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.config import Settings

FIXTURES = Path(__file__).parent / "fixtures"
TWO_TEAMS = FIXTURES / "jargon"
BUURTKRACHT = (FIXTURES / "new_organisation" / "buurtkracht.ttl").read_bytes()
TOKEN = "s3cret-token"
WRITE = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"}
ORG_IRI = "https://example.org/buurtkracht/buurtkracht"


def app(store_settings: dict, **settings) -> TestClient:
    options = {"data": TWO_TEAMS, "token": f"anna:{TOKEN}"} | store_settings | settings
    return TestClient(create_app(Settings(**options)))  # `with` runs startup and shutdown


@pytest.fixture
def client(store_settings) -> Iterator[TestClient]:
    with app(store_settings) as client:
        yield client


def state(client: TestClient) -> tuple:
    """What a refused request must leave as it was."""
    return client.get("/health").json()["triples"], client.get("/api/additions").json()


def test_an_addition_is_answered_from_at_once_survives_a_restart_and_can_be_undone(
    store_settings,
):
    with app(store_settings) as client:
        _add_and_look(client)
    with app(store_settings) as restarted:  # the first has let go of the store
        assert "buurtkracht" in {o["id"] for o in restarted.get("/api/organisations").json()}
        undone = restarted.delete("/api/additions/1", headers=WRITE)
        assert undone.status_code == 200 and undone.json()["undone_by"] == "anna"
        assert restarted.get("/api/organisations/buurtkracht").status_code == 404
    with app(store_settings) as again:
        assert again.get("/api/additions").json()[0]["status"] == "undone"
        assert again.get("/api/organisations/buurtkracht").status_code == 404


def _add_and_look(client: TestClient) -> None:
    response = client.post(
        "/api/organisations?source=buurtkracht.ttl", content=BUURTKRACHT, headers=WRITE
    )
    assert response.status_code == 201, response.text
    added = response.json()
    assert response.headers["location"] == "/api/organisations/buurtkracht"
    assert [o["id"] for o in added["organisations"]] == ["buurtkracht"]
    assert added["addition"] | {"at": None} == {
        "id": 1,
        "at": None,
        "by": "anna",
        "source": "buurtkracht.ttl",
        "triples": 42,
        "organisations": ["buurtkracht"],
        "undone_at": None,
        "undone_by": None,
        "status": "live",
    }
    assert any(f["check"] == "homonym" for f in added["report_changes"]["new"])
    senses = client.get("/api/terms/wijkkracht").json()["senses"]
    assert "buurtkracht" in {s["organisation"]["id"] for s in senses}
    listed = {o["id"]: o for o in client.get("/api/organisations").json()}
    assert listed["buurtkracht"]["addition"] == 1 and listed["team-noord"]["addition"] is None
    detail = client.get("/api/organisations/buurtkracht").json()
    assert detail["terms"] == ["wijkkracht"] and detail["tasks"][0]["id"] == "buurtkracht-meedoen"
    report = client.get("/api/report").json()
    assert "buurtkracht" in {o["id"] for f in report["findings"] for o in f["organisations"]}


def test_a_dry_run_answers_the_changes_and_stores_nothing(client):
    before = state(client)
    response = client.post("/api/organisations?dry_run=true", content=BUURTKRACHT, headers=WRITE)
    assert response.status_code == 200 and response.json()["dry_run"] is True
    assert response.json()["report_changes"]["new"]
    assert state(client) == before


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Content-Type": "text/turtle"}, 401),
        ({"Content-Type": "text/turtle", "Authorization": "Bearer wrong"}, 403),
        ({"Content-Type": "text/turtle", "Authorization": f"Basic {TOKEN}"}, 401),
    ],
)
def test_writes_need_the_token(client, headers, status):
    before = state(client)
    response = client.post("/api/organisations", content=BUURTKRACHT, headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    assert client.delete("/api/additions/1", headers=headers).status_code == status
    assert state(client) == before


def test_without_a_configured_token_writes_are_disabled(store_settings):
    with app(store_settings, token=None) as client:
        response = client.post("/api/organisations", content=BUURTKRACHT, headers=WRITE)
    assert response.status_code == 403 and "ROLEMAP_TOKEN" in response.json()["detail"]


BAD_BODIES = {
    "syntax error": (b"@prefix ex: <http://ex/> .\nex:a ex:b .\n", "text/turtle", 400),
    "not a known format": (b"<x/>", "application/xml", 415),
    "no organisation": (
        b'<https://example.org/s> <http://www.w3.org/2004/02/skos/core#prefLabel> "s"@nl .',
        "text/turtle",
        422,
    ),
    "an organisation that exists": (
        b"<https://example.org/jargon/noord> a <http://www.w3.org/ns/org#Organization> .",
        "text/turtle",
        409,
    ),
    "a structure violation": (
        b"<https://example.org/x> a <http://www.w3.org/ns/org#Organization> .",
        "text/turtle",
        422,
    ),
}


@pytest.mark.parametrize("case", BAD_BODIES)
def test_a_bad_body_gets_its_4xx_and_stores_nothing(client, case):
    body, media, status = BAD_BODIES[case]
    before = state(client)
    response = client.post(
        "/api/organisations", content=body, headers=WRITE | {"Content-Type": media}
    )
    assert response.status_code == status, response.text
    assert response.json()["detail"]
    assert state(client) == before


def test_a_syntax_error_says_line_and_column(client):
    response = client.post(
        "/api/organisations", content=b"@prefix ex: <http://ex/> .\nex:a ex:b .\n", headers=WRITE
    )
    assert response.status_code == 400
    assert response.json()["line"] == 2 and response.json()["column"]


def test_shape_findings_come_with_their_lines(client):
    response = client.post(
        "/api/organisations", content=BAD_BODIES["a structure violation"][0], headers=WRITE
    )
    problems = response.json()["problems"]
    assert problems and {p["check"] for p in problems} == {"organisation-structure"}
    assert {p["line"] for p in problems} == {1}


def test_a_body_over_the_limit_is_413_before_it_is_read(store_settings):
    with app(store_settings, max_body=100) as client:
        before = state(client)
        response = client.post("/api/organisations", content=BUURTKRACHT, headers=WRITE)
        assert response.status_code == 413 and "ROLEMAP_MAX_BODY" in response.json()["detail"]
        assert state(client) == before


def test_an_entity_in_every_rdf_format_and_as_a_page(client):
    for media, marker in [
        ("text/turtle", b"skos:prefLabel"),
        ("application/ld+json", b'"@id"'),
        ("application/rdf+xml", b"<rdf:RDF"),
        ("application/n-triples", b"<https://example.org/jargon/noord>"),
    ]:
        response = client.get(
            "/api/entity",
            params={"iri": "https://example.org/jargon/noord"},
            headers={"Accept": media},
        )
        assert response.status_code == 200 and response.headers["content-type"].startswith(media)
        assert marker in response.content and b"Team Noord" in response.content
    page = client.get(
        "/api/entity",
        params={"iri": "https://example.org/jargon/noord"},
        headers={"Accept": "text/html"},
    )
    assert page.status_code == 200 and "<h1><bdi>Team Noord</bdi></h1>" in page.text


@pytest.mark.parametrize(
    ("iri", "accept", "status"),
    [
        ("https://example.org/nothing-here", "text/turtle", 404),
        ("not an iri", "text/turtle", 400),
        ("https://example.org/jargon/noord", "image/png", 406),
    ],
)
def test_an_entity_request_that_cannot_be_answered(client, iri, accept, status):
    response = client.get("/api/entity", params={"iri": iri}, headers={"Accept": accept})
    assert response.status_code == status
    assert response.json()["detail"]


def test_an_unknown_organisation_or_addition_is_404_with_what_exists(client):
    response = client.get("/api/organisations/nobody")
    assert response.status_code == 404 and "team-noord" in response.json()["detail"]
    response = client.delete("/api/additions/9", headers=WRITE)
    assert response.status_code == 404 and "additions" in response.json()["detail"]


def test_the_sparql_endpoint_sees_additions_and_refuses_updates(client):
    query = (
        "PREFIX dct: <http://purl.org/dc/terms/> "
        'SELECT ?org WHERE { ?org dct:identifier "buurtkracht" }'
    )
    assert client.get("/sparql", params={"query": query}).json()["results"]["bindings"] == []
    client.post("/api/organisations", content=BUURTKRACHT, headers=WRITE)
    bindings = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    assert [b["org"]["value"] for b in bindings] == [ORG_IRI]
    before = state(client)
    update = "DELETE WHERE { ?s ?p ?o }"
    assert client.post("/sparql", data={"update": update}).status_code == 403
    assert client.get("/sparql", params={"query": update}).status_code == 403
    assert state(client) == before


def test_the_yaml_template_goes_in_over_http(client):
    template = (Path(__file__).parents[1] / "examples" / "new-organisation.yaml").read_bytes()
    response = client.post(
        "/api/organisations?source=new-organisation.yaml",
        content=template,
        headers=WRITE | {"Content-Type": "application/yaml; charset=utf-8"},
    )
    assert response.status_code == 201, response.text
    assert "buurtwerk-de-brug" in {o["id"] for o in response.json()["organisations"]}
    assert client.get("/api/organisations/buurtwerk-de-brug").json()["addition"] == 1

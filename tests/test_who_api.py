"""POST /api/who, the /who page and `rolemap who`: answers, clear errors, and no trace on the
server of the personal data a professional types."""

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from rolemap.cli import app as cli
from rolemap.config import Settings
from rolemap.deidentify import shared_deidentifier

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from serving import serve  # noqa: E402

NAME, PHONE = "Jantje Voorbeeldsma", "06-12345678"
DESCRIPTION = (
    f"Ik begeleid meneer {NAME} (45 jaar), Voorbeelddreef 12, tel {PHONE}. Hij heeft psychische "
    "problemen en wil graag vrijwilligerswerk doen. Kan ik hem naar jullie doorverwijzen?"
)


@pytest.fixture(scope="module")
def client(module_store_settings) -> Iterator[TestClient]:
    shared_deidentifier().warm()  # deduce takes seconds to load; once for the whole module
    with TestClient(create_app(Settings(**module_store_settings))) as client:
        yield client


def test_who_answers_with_candidates_reasons_advice_and_the_deidentified_text(client):
    response = client.post("/api/who", json={"description": DESCRIPTION, "as_of": "2015-06-01"})
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) >= {
        "candidates", "grey_area", "advice", "protocols", "recognised", "deidentified_description",
    }  # fmt: skip
    first = answer["candidates"][0]
    assert set(first) >= {"organisation", "role", "score", "reasons", "tasks", "sources"}
    assert NAME.split()[1] not in answer["deidentified_description"]
    assert PHONE not in answer["deidentified_description"]
    assert "vrijwilligerswerk" in answer["deidentified_description"]
    assert NAME.split()[1] not in json.dumps(answer), "nothing of the name anywhere in the answer"


def test_structured_input_alone(client):
    answer = client.post("/api/who", json={"age": 9, "life_domains": ["huiselijke relaties"]})
    assert answer.json()["candidates"][0]["organisation"]["id"] == "lokalis"


def test_an_unknown_life_domain_is_a_422_listing_the_known_ones(client):
    response = client.post("/api/who", json={"life_domains": ["geluk"]})
    assert response.status_code == 422
    assert "financiën" in response.json()["detail"]["known"]


def test_an_empty_question_is_a_422_that_says_what_to_give(client):
    response = client.post("/api/who", json={})
    assert response.status_code == 422
    assert "give a description" in response.json()["detail"]["error"]


def test_a_rejected_description_is_not_echoed_back(client):
    too_long = f"{NAME} " * 1000
    response = client.post("/api/who", json={"description": too_long})
    assert response.status_code == 422
    assert NAME not in response.text
    response = client.post("/api/who", json={"description": DESCRIPTION, "age": "veertig"})
    assert response.status_code == 422 and NAME not in response.text


def test_the_who_page_is_a_posted_form_that_shows_the_answer(client):
    form = client.get("/who").text
    assert 'method="post"' in form and 'name="description"' in form
    page = client.post(
        "/who", data={"description": DESCRIPTION, "life_domains": ["tijdsbesteding"]}
    )
    assert page.status_code == 200
    assert NAME.split()[1] not in page.text and "[PERSOON-1]" in page.text


def test_the_who_page_says_what_is_wrong(client):
    page = client.post("/who", data={"age": "veertig"})
    assert page.status_code == 422 and "Leeftijd" in page.text


def test_rolemap_who_prints_ranked_organisations_without_the_name():
    result = CliRunner().invoke(cli, ["who", DESCRIPTION, "--as-of", "2015-06-01", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["candidates"][0]["organisation"]["id"] == "wijkenco"
    assert NAME.split()[1] not in result.output


def test_rolemap_who_refuses_an_unknown_life_domain():
    result = CliRunner().invoke(cli, ["who", "--domain", "geluk"])
    assert result.exit_code == 1 and "known: basale ADL" in result.output


def test_the_server_keeps_no_trace_of_a_description(tmp_path):
    """A real server with its access log on, its output captured: the name typed reaches no
    log and no file."""
    shared_deidentifier().warm()  # builds deduce's cache once, before the server loads it
    before = {p: p.stat().st_mtime_ns for p in (ROOT / "data").rglob("*")}
    log = tmp_path / "server.log"
    with serve(log=log, options=("--access-log",)) as client:
        response = client.post("/api/who", json={"description": DESCRIPTION}, timeout=120)
        assert response.status_code == 200
        page = client.post("/who", data={"description": DESCRIPTION}, timeout=120)
        assert page.status_code == 200
    written = log.read_text(encoding="utf-8", errors="replace")
    assert "POST /api/who" in written, "the access log is there, and it was read"
    for trace in (*NAME.split(), PHONE, "Voorbeelddreef"):
        assert trace not in written
    assert {p: p.stat().st_mtime_ns for p in (ROOT / "data").rglob("*")} == before

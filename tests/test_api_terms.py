"""The JSON API for terms: look-up, search, translate; errors are JSON with what to do next."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.config import Settings

TWO_TEAMS = Path(__file__).parent / "fixtures" / "jargon"


@pytest.fixture(scope="module")
def client(module_store_settings) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data=TWO_TEAMS, **module_store_settings))) as client:
        yield client


def test_look_up_answers_with_each_organisations_sense(client):
    response = client.get("/api/terms/1-op-1 gesprek")
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"label", "ambiguous", "senses"}
    assert body["label"] == "één-op-één gesprek" and body["ambiguous"] is True
    sense = body["senses"][0]
    assert set(sense) >= {
        "organisation", "definition", "usage_note", "connotation", "equivalents",
        "shared_term", "sources",
    }  # fmt: skip
    assert sense["organisation"] == {"id": "team-noord", "name": "Team Noord"}


def test_look_up_of_one_organisation(client):
    body = client.get("/api/terms/één-op-één gesprek", params={"org": "team-zuid"}).json()
    assert [s["organisation"]["id"] for s in body["senses"]] == ["team-zuid"]


def test_an_unknown_word_is_a_404_with_suggestions(client):
    response = client.get("/api/terms/keukntafelgesprek")
    assert response.status_code == 404
    detail = response.json()["detail"]
    assert detail["suggestions"][0] == "keukentafelgesprek"
    assert "keukntafelgesprek" in detail["error"]


def test_an_unknown_organisation_is_a_404_listing_the_known_ones(client):
    response = client.get("/api/terms/wijkkracht", params={"org": "team-west"})
    assert response.status_code == 404
    assert response.json()["detail"]["known"] == ["team-noord", "team-zuid"]


def test_accept_language_chooses_english(client):
    headers = {"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"}
    sense = client.get("/api/terms/één-op-één gesprek", headers=headers).json()["senses"][0]
    assert sense["label"] == "one-to-one talk"


def test_the_lang_parameter_wins_over_accept_language(client):
    headers = {"Accept-Language": "en"}
    body = client.get("/api/terms/één-op-één gesprek?lang=nl", headers=headers).json()
    assert body["senses"][0]["label"] == "één-op-één gesprek"


def test_an_unsupported_language_is_a_422(client):
    assert client.get("/api/terms/wijkkracht?lang=fr").status_code == 422


def test_a_word_with_a_slash_is_looked_up_whole(client):
    response = client.get("/api/terms/wijkkracht%2Fbuurtkracht")
    assert response.status_code == 404
    assert response.json()["detail"]["label"] == "wijkkracht/buurtkracht"


def test_search_ranks_and_highlights(client):
    body = client.get("/api/terms", params={"q": "keukent"}).json()
    first = body["results"][0]
    assert first["term"] == "keukentafelgesprek"
    start, end = first["match"]["spans"][0]
    assert first["match"]["text"][start:end] == "keukentafelgesprek"


def test_search_of_an_unknown_organisation_is_a_404(client):
    assert client.get("/api/terms", params={"q": "x", "org": "team-west"}).status_code == 404


def test_search_refuses_an_absurd_limit(client):
    assert client.get("/api/terms", params={"q": "x", "limit": 10_000}).status_code == 422


def test_translate_returns_spans_and_the_translation(client):
    body = {"text": "Het netwerkberaad.", "from": "team-noord", "to": "team-zuid"}
    answer = client.post("/api/translate", json=body).json()
    assert answer["translation"] == "Het huiskamerberaad."
    assert (answer["spans"][0]["start"], answer["spans"][0]["end"]) == (4, 17)


def test_translate_needs_text_from_and_to(client):
    response = client.post("/api/translate", json={"text": "x", "from": "team-noord"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "to"]


def test_translate_with_an_unknown_organisation_is_a_404(client):
    body = {"text": "x", "from": "team-noord", "to": "team-west"}
    assert client.post("/api/translate", json=body).status_code == 404


def test_translate_refuses_an_empty_or_huge_text(client):
    for text in ("", "woord " * 2000):
        body = {"text": text, "from": "team-noord", "to": "team-zuid"}
        assert client.post("/api/translate", json=body).status_code == 422

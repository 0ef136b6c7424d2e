"""The issue's 'done when' on the Overvecht data: the words the source is about, as a user asks."""

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.terms import Terms
from rolemap.translate import Translator


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_een_op_een_begeleiding_means_different_work_per_organisation(client):
    body = client.get("/api/terms/een op een begeleiding").json()
    assert body["ambiguous"] is True
    by_org = {s["organisation"]["id"]: s for s in body["senses"]}
    assert set(by_org) == {"lokalis", "incluzio", "wijkenco"}
    assert "mee te doen" in by_org["wijkenco"]["definition"]
    assert all(s["sources"] for s in body["senses"])
    assert any("quote" in source for s in body["senses"] for source in s["sources"])


def test_voorveld_warns_that_sociaal_makelaars_hear_it_as_denigrating(client):
    sense = client.get("/api/terms/voorveld").json()["senses"][0]
    connotation = sense["connotation"][0]
    assert connotation["perceived_by"]["id"] == "wijkenco"
    assert connotation["kind"] == "denigrerend"
    assert (
        connotation["neutral_alternative"]["label"] == "collectief en preventief werk in de buurt"
    )
    assert connotation["sources"]


def test_activering_is_ambiguous_and_each_sense_cites_the_source(client):
    body = client.get("/api/terms/activering").json()
    assert body["ambiguous"] is True and len(body["senses"]) == 4
    for sense in body["senses"]:
        assert any(source.get("section") for source in sense["sources"]), sense["id"]


def test_the_pages_show_the_same_for_a_professional(client):
    html = client.get("/terms/een op een begeleiding").text
    for name in ("Lokalis", "Incluzio", "Wijk&amp;Co"):
        assert name in html
    assert "Beladen voor Wijk&amp;Co" in client.get("/terms/voorveld").text


def test_a_youth_team_sentence_becomes_what_a_sociaal_makelaar_understands(overvecht):
    translator = Translator(Terms.from_graph(overvecht))
    text = "Het voorveld gaat ook 1-op-1 begeleiding geven aan gezinnen."
    answer = translator.translate(text, "lokalis", "wijkenco")
    assert answer["translation"] == (
        "Het collectief en preventief werk in de buurt gaat ook individuele hulpverlening "
        "geven aan gezinnen."
    )
    kinds = [[w["kind"] for w in span["warnings"]] for span in answer["spans"]]
    assert kinds == [["loaded"], ["ambiguous"]]

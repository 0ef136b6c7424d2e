"""The fast serving path of a term look-up (issue 7): encoded answers are kept per View and so
never outlive a change, gzip when the client accepts it, senses in pages, and no access log
unless asked for."""

import gzip
import weakref
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import MagicMock

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import rolemap.cli
from api.answers import AnswerCache, Encoded, accepts_gzip
from api.app import create_app
from rolemap.config import Settings

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "s3cret-token"
WRITE = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"}
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture
def client() -> Iterator[TestClient]:
    settings = Settings(data=FIXTURES / "jargon", token=f"anna:{TOKEN}")
    with TestClient(create_app(settings)) as client:
        yield client


def organisations(client: TestClient, label: str, **params: object) -> list[str]:
    senses = client.get(f"/api/terms/{label}", params=params).json()["senses"]
    return [s["organisation"]["id"] for s in senses]


def test_an_addition_is_in_the_next_look_up_of_a_word_asked_before(client):
    before = organisations(client, "wijkkracht")
    assert organisations(client, "wijkkracht") == before  # the second one from the cache
    addition = (FIXTURES / "new_organisation" / "buurtkracht.ttl").read_bytes()
    assert client.post("/api/organisations", content=addition, headers=WRITE).status_code == 201
    assert set(organisations(client, "wijkkracht")) == {*before, "buurtkracht"}
    assert client.delete("/api/additions/1", headers=WRITE).status_code == 200
    assert organisations(client, "wijkkracht") == before


def test_a_large_answer_is_gzipped_only_for_a_client_that_accepts_it(client):
    plain = client.get("/api/terms/wijkkracht", headers=PLAIN)
    assert len(plain.content) >= 1024, "the fixture's answer should be large enough to gzip"
    assert "content-encoding" not in plain.headers
    assert plain.headers["vary"] == "Accept-Encoding"
    zipped = client.get("/api/terms/wijkkracht", headers={"Accept-Encoding": "gzip, br"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert zipped.json() == plain.json()  # httpx has unzipped it
    assert int(zipped.headers["content-length"]) < len(plain.content)


def test_each_language_and_organisation_has_its_own_answer(client):
    dutch = client.get("/api/terms/één-op-één gesprek", params={"lang": "nl"}).json()
    english = client.get("/api/terms/één-op-één gesprek", params={"lang": "en"}).json()
    assert dutch["senses"][0]["label"] != english["senses"][0]["label"]
    assert organisations(client, "één-op-één gesprek", org="team-zuid") == ["team-zuid"]


def test_senses_page_with_limit_and_offset(client):
    word = "één-op-één gesprek"
    every = organisations(client, word)
    assert len(every) >= 2
    pages = [organisations(client, word, limit=1, offset=i) for i in range(len(every))]
    assert pages == [[org] for org in every]
    answer = client.get(f"/api/terms/{word}", params={"offset": len(every)}).json()
    assert answer["senses"] == [] and answer["total_senses"] == len(every)
    assert client.get(f"/api/terms/{word}", params={"offset": -1}).status_code == 422


def test_an_unknown_word_is_still_a_404(client):
    assert client.get("/api/terms/keukntafelgesprek").status_code == 404
    assert client.get("/api/terms/keukntafelgesprek").status_code == 404


def test_the_cache_keeps_to_its_bytes_and_forgets_an_old_view():
    cache, view, answer = AnswerCache(max_bytes=2500), _View(), Encoded.of({"x": "a" * 1100})
    assert answer.gzipped is not None and answer.size < 1250
    assert cache.get(view, 1) is None
    cache.put(1, answer), cache.put(2, answer)
    assert cache.get(view, 1) is answer  # 1 is now the most recently used
    cache.put(3, answer)
    assert cache.get(view, 2) is None and cache.get(view, 1) is answer
    assert cache.get(_View(), 1) is None  # a new View: all gone
    old = _View()
    cache.get(old, 1)
    reference = weakref.ref(old)
    del old
    assert reference() is None  # the cache does not keep an old View alive


class _View:
    pass


@pytest.mark.parametrize(
    ("header", "accepted"),
    [("gzip", True), ("deflate, gzip;q=0.5", True), ("*", True), ("gzip;q=0", False), ("", False)],
)
def test_accept_encoding(header, accepted):
    assert accepts_gzip(header) is accepted


@pytest.mark.parametrize(
    ("arguments", "env", "logged"),
    [
        ([], {}, False),
        (["--access-log"], {}, True),
        ([], {"ROLEMAP_ACCESS_LOG": "1"}, True),
        (["--no-access-log"], {"ROLEMAP_ACCESS_LOG": "1"}, False),
    ],
)
def test_the_access_log_is_off_unless_asked_for(monkeypatch, arguments, env, logged):
    calls: list[dict] = []
    monkeypatch.setattr("api.app.create_app", lambda settings: MagicMock())  # no data to load
    monkeypatch.setattr(rolemap.cli, "_freeze_heap", lambda: None)
    monkeypatch.setattr("uvicorn.run", lambda app, **options: calls.append(options))
    result = CliRunner().invoke(rolemap.cli.app, ["serve", *arguments], env=env)
    assert result.exit_code == 0, result.output
    assert calls[0]["access_log"] is logged


def test_gzip_is_deterministic():
    assert Encoded.of({"x": "a" * 2000}).gzipped == Encoded.of({"x": "a" * 2000}).gzipped
    assert (
        gzip.decompress(Encoded.of({"x": "a" * 2000}).gzipped or b"")
        == b'{"x":"' + b"a" * 2000 + b'"}'
    )

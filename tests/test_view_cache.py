"""The answer indexes are cached in the embedded store's folder: a second start answers from the
cache without reading the graph first, and the graph follows in the background. A cache that no
longer matches the store (an addition, a changed file, another rolemap), a damaged one and a
folder that cannot be written are all rebuilt or skipped, never an error."""

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap import view_cache
from rolemap.addition_formats import parse_addition
from rolemap.config import Settings
from rolemap.knowledge_base import KnowledgeBase
from rolemap.recognise import Question
from rolemap.report_formats import render
from rolemap.routing import route
from rolemap.store import read_only_backend
from rolemap.terms import Terms

FIXTURES = Path(__file__).parent / "fixtures"
TWO_TEAMS = FIXTURES / "jargon"
BUURTKRACHT = FIXTURES / "new_organisation" / "buurtkracht.ttl"


@contextmanager
def opened(settings: Settings) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase(settings)
    try:
        yield kb
    finally:
        kb.close()


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """Counts the times the indexes are built from the graph (not read from the cache)."""
    counted, build = [], Terms.from_graph
    monkeypatch.setattr(Terms, "from_graph", lambda kg: counted.append(1) or build(kg))
    return counted


def no_builds(monkeypatch) -> None:
    def refuse(kg):
        raise AssertionError("built the indexes instead of reading the cache")

    monkeypatch.setattr(Terms, "from_graph", refuse)


def answers(kb: KnowledgeBase) -> tuple:
    terms, routing = kb.view.terms, kb.view.routing
    return (
        terms.look_up("activering"),
        terms.search("begeleid"),
        terms.search("casuistiekbespreking"),  # without its accent
        route(routing, Question(age=40, life_domains=["financien"])),
        kb.view.triples,
    )


def settings(tmp_path: Path, data: Path | None = None) -> Settings:
    return Settings(data=data, data_dir=str(tmp_path / "store"))


def cache_file(kb_settings: Settings) -> Path:
    return Path(kb_settings.data_dir) / view_cache.CACHE_FILE


def test_a_second_start_answers_from_the_cache_as_a_fresh_build_does(tmp_path, monkeypatch):
    with opened(settings(tmp_path)) as first:
        built = answers(first)
    assert cache_file(settings(tmp_path)).exists()
    no_builds(monkeypatch)
    with opened(settings(tmp_path)) as second:
        assert answers(second) == built
        translated = second.view.translator.translate("activering", "lokalis", "wijkenco")
        assert translated["spans"]


def test_the_graph_follows_and_the_report_is_the_same(tmp_path, monkeypatch):
    with opened(settings(tmp_path, TWO_TEAMS)) as first:
        report, triples = render(first.report(), "json"), len(first.kg.graph)
    no_builds(monkeypatch)
    with opened(settings(tmp_path, TWO_TEAMS)) as second:
        assert render(second.report(), "json") == report
        assert second.view.graph_ready and len(second.kg.graph) == triples


def test_an_addition_is_not_answered_from_the_cache_of_before(tmp_path, builds):
    addition = parse_addition(BUURTKRACHT.read_bytes(), "turtle", BUURTKRACHT.name)
    with opened(settings(tmp_path, TWO_TEAMS)) as kb:
        before = cache_file(settings(tmp_path, TWO_TEAMS)).read_bytes()
        kb.add(addition, "anna")
    cache_file(settings(tmp_path, TWO_TEAMS)).write_bytes(before)  # as if never rewritten
    builds.clear()
    with opened(settings(tmp_path, TWO_TEAMS)) as kb:
        assert builds == [1]
        assert "buurtkracht" in str(kb.view.terms.look_up("wijkkracht"))


def test_an_addition_rewrites_the_cache(tmp_path, monkeypatch):
    addition = parse_addition(BUURTKRACHT.read_bytes(), "turtle", BUURTKRACHT.name)
    with opened(settings(tmp_path, TWO_TEAMS)) as kb:
        kb.add(addition, "anna")
    no_builds(monkeypatch)
    with opened(settings(tmp_path, TWO_TEAMS)) as kb:
        assert "buurtkracht" in str(kb.view.terms.look_up("wijkkracht"))


def test_a_changed_base_file_is_not_answered_from_the_cache(tmp_path, builds):
    data = Path(shutil.copytree(TWO_TEAMS, tmp_path / "data"))
    with opened(settings(tmp_path, data)):
        pass
    text = (data / "two_teams.ttl").read_text(encoding="utf-8")
    (data / "two_teams.ttl").write_text(
        text.replace('"wijkkracht"@nl', '"buurtkracht"@nl'), encoding="utf-8"
    )
    with opened(settings(tmp_path, data)) as kb:
        assert builds == [1, 1]
        assert kb.view.terms.find("buurtkracht")[0]


def test_another_version_of_rolemap_does_not_read_the_cache(tmp_path, builds, monkeypatch):
    with opened(settings(tmp_path)):
        pass
    monkeypatch.setattr(view_cache, "FORMAT", view_cache.FORMAT + 1)
    with opened(settings(tmp_path)):
        assert builds == [1, 1]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_cache_is_built_again(tmp_path, builds, caplog, damage):
    with opened(settings(tmp_path)) as kb:
        built = answers(kb)
    path = cache_file(settings(tmp_path))
    whole = path.read_bytes()
    path.write_bytes(b"not a pickle" if damage == "garbage" else whole[: len(whole) // 2])
    with caplog.at_level(logging.WARNING), opened(settings(tmp_path)) as kb:
        assert answers(kb) == built and builds == [1, 1]
    assert "damaged" in caplog.text
    with opened(settings(tmp_path)):  # written again
        assert builds == [1, 1]


def test_a_folder_that_cannot_be_written_starts_without_a_cache(tmp_path, monkeypatch):
    def refuse(**_):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(view_cache.tempfile, "mkstemp", refuse)
    with opened(settings(tmp_path, TWO_TEAMS)) as kb:
        assert kb.view.terms.look_up("wijkkracht")["senses"]
    assert not cache_file(settings(tmp_path, TWO_TEAMS)).exists()


def test_a_reader_beside_the_server_uses_the_servers_cache(tmp_path, monkeypatch):
    with opened(settings(tmp_path, TWO_TEAMS)):  # the server holds the store
        no_builds(monkeypatch)
        reader = KnowledgeBase(
            settings(tmp_path, TWO_TEAMS), read_only_backend(settings(tmp_path, TWO_TEAMS))
        )
        assert reader.view.terms.look_up("wijkkracht")["senses"]
        assert reader.kg.graph
        reader.close()


def test_a_store_in_memory_has_no_cache(builds):
    with opened(Settings(data=TWO_TEAMS)) as kb:
        assert kb.view.graph_ready
    with opened(Settings(data=TWO_TEAMS)):
        assert builds == [1, 1]


def test_closing_while_the_graph_loads_frees_the_store(tmp_path):
    with opened(settings(tmp_path)):
        pass
    KnowledgeBase(settings(tmp_path)).close()  # the graph was still being read
    with opened(settings(tmp_path)) as kb:
        assert len(kb.kg.graph) == kb.view.triples


def test_a_command_reads_the_graph_only_when_it_needs_it(tmp_path):
    with opened(settings(tmp_path)):
        pass
    kb = KnowledgeBase(settings(tmp_path), read_ahead=False)
    assert kb.view.terms.look_up("activering")["senses"] and not kb.view.graph_ready
    assert len(kb.kg.graph) == kb.view.triples and kb.view.graph_ready
    del kb  # not closed, as a command leaves it: dropping it frees the store
    with opened(settings(tmp_path)) as kb:
        assert kb.view.terms.look_up("activering")["senses"]


def test_health_says_whether_the_graph_has_loaded(tmp_path):
    with opened(settings(tmp_path, TWO_TEAMS)) as kb:
        triples = kb.view.triples
    with TestClient(create_app(settings(tmp_path, TWO_TEAMS))) as client:
        assert client.get("/api/report").status_code == 200  # waits for the graph
        health = client.get("/health").json()
        assert health["graph_ready"] is True and health["triples"] == triples

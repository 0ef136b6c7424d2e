"""Several rolemap servers on one SPARQL store (scale-out): what one adds, the others see."""

import threading
import time
from pathlib import Path

import httpx
import pytest

from rolemap.addition_formats import parse_addition
from rolemap.config import Settings
from rolemap.knowledge_base import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"
BUURTKRACHT = FIXTURES / "new_organisation" / "buurtkracht.ttl"


@pytest.fixture
def shared(oxigraph_server) -> Settings:
    httpx.post(f"{oxigraph_server}/update", data={"update": "CLEAR ALL"}).raise_for_status()
    return Settings(data=FIXTURES / "jargon", sparql_url=f"{oxigraph_server}/query")


def buurtkracht():
    return parse_addition(BUURTKRACHT.read_bytes(), "turtle", BUURTKRACHT.name)


def ids(kb: KnowledgeBase) -> set[str]:
    return {
        o["id"] for s in kb.view.terms.look_up("wijkkracht")["senses"] for o in [s["organisation"]]
    }


def test_a_server_sees_what_another_added_and_undid(shared):
    first, second = KnowledgeBase(shared), KnowledgeBase(shared)
    first.add(buurtkracht(), "anna")
    assert "buurtkracht" not in ids(second)
    assert second.refresh() is True and "buurtkracht" in ids(second)
    assert second.refresh() is False
    first.undo(1, "anna")
    assert second.refresh() is True and "buurtkracht" not in ids(second)


def test_an_addition_is_checked_against_what_others_added(shared):
    first, second = KnowledgeBase(shared), KnowledgeBase(shared)
    first.add(buurtkracht(), "anna")
    with pytest.raises(Exception, match="already"):
        second.add(buurtkracht(), "bob")
    assert [e.by for e in second.history()] == ["anna"]


def test_a_watching_server_picks_changes_up_by_itself(shared):
    first, second = KnowledgeBase(shared), KnowledgeBase(shared)
    stop = threading.Event()
    threading.Thread(target=second.watch, args=(0.05, stop), daemon=True).start()
    try:
        first.add(buurtkracht(), "anna")
        deadline = time.monotonic() + 30  # a bound against hanging, not a speed target
        while "buurtkracht" not in ids(second) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "buurtkracht" in ids(second)
    finally:
        stop.set()

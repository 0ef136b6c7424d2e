"""The store: base graphs per file, reloaded when a file changes; one store per data set; on disk
it keeps what was written; a store another process holds can still be read."""

import shutil
from pathlib import Path

import httpx
import pytest
from rdflib import Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import SKOS

from rolemap.config import MEMORY, Settings
from rolemap.dataset import GRAPHS, ensure_base, read_graph
from rolemap.errors import DataFileError
from rolemap.knowledge_base import KnowledgeBase
from rolemap.loader import load
from rolemap.store import (
    EmbeddedBackend,
    RemoteBackend,
    StoreError,
    StoreInUseError,
    StoreUnavailableError,
    read_only_backend,
)

FIXTURES = Path(__file__).parent / "fixtures"
TWO_TEAMS = FIXTURES / "jargon"
LOOSE = URIRef("https://example.org/loose")


@pytest.fixture
def data_set(tmp_path: Path) -> Path:
    """A copy of a small data set that a test may change."""
    return Path(shutil.copytree(TWO_TEAMS, tmp_path / "data"))


def test_the_store_holds_exactly_the_files_ontology_and_data(data_set):
    backend = EmbeddedBackend(MEMORY)
    loaded = ensure_base(backend, data_set)
    assert data_set / "two_teams.ttl" in loaded
    assert isomorphic(read_graph(backend, data_set).graph, load(data_set).graph)
    assert GRAPHS + "data/two_teams.ttl" in backend.named_graphs()


def test_unchanged_files_are_not_loaded_again(data_set):
    backend = EmbeddedBackend(MEMORY)
    ensure_base(backend, data_set)
    revision = backend.revision
    assert ensure_base(backend, data_set) == []
    assert backend.revision == revision


def test_a_changed_file_replaces_its_graph_and_keeps_the_rest(data_set):
    backend = EmbeddedBackend(MEMORY)
    ensure_base(backend, data_set)
    addition = f"<{GRAPHS}addition/1>"
    backend.update(f'INSERT DATA {{ GRAPH {addition} {{ <{LOOSE}> <{SKOS.note}> "kept" }} }}')
    extra = data_set / "extra.ttl"
    extra.write_text(f'<{LOOSE}> <{SKOS.note}> "first" .\n', encoding="utf-8")
    assert ensure_base(backend, data_set) == [extra]
    extra.write_text(f'<{LOOSE}> <{SKOS.note}> "second" .\n', encoding="utf-8")
    assert ensure_base(backend, data_set) == [extra]
    notes = set(read_graph(backend, data_set).graph.objects(LOOSE, SKOS.note))
    assert notes == {Literal("second"), Literal("kept")}


def test_a_removed_file_is_dropped(data_set):
    backend = EmbeddedBackend(MEMORY)
    extra = data_set / "extra.ttl"
    extra.write_text(f'<{LOOSE}> <{SKOS.note}> "gone soon" .\n', encoding="utf-8")
    ensure_base(backend, data_set)
    extra.unlink()
    ensure_base(backend, data_set)
    assert (LOOSE, None, None) not in read_graph(backend, data_set).graph


def test_a_broken_file_changes_nothing(data_set):
    backend = EmbeddedBackend(MEMORY)
    ensure_base(backend, data_set)
    before = backend.dump_nquads()
    (data_set / "two_teams.ttl").write_text("@prefix ex: <http://ex/> .\nex:a ex:b\n")
    with pytest.raises(DataFileError, match=r"two_teams\.ttl:"):
        ensure_base(backend, data_set)
    assert backend.dump_nquads() == before


def test_a_store_refuses_another_data_set(data_set, tmp_path):
    backend = EmbeddedBackend(MEMORY)
    ensure_base(backend, data_set)
    before = backend.dump_nquads()
    other = Path(shutil.copytree(TWO_TEAMS, tmp_path / "other"))
    with pytest.raises(StoreError, match="built from the data set") as refused:
        ensure_base(backend, other)
    assert str(data_set.resolve()) in str(refused.value)
    assert backend.dump_nquads() == before


def test_a_store_on_disk_keeps_its_state(data_set, tmp_path):
    folder = tmp_path / "store"
    backend = EmbeddedBackend(str(folder))
    ensure_base(backend, data_set)
    note = f'<{LOOSE}> <{SKOS.note}> "x"'
    backend.update(f"INSERT DATA {{ GRAPH <{GRAPHS}addition/1> {{ {note} }} }}")
    backend.close()
    reopened = EmbeddedBackend(str(folder))
    assert ensure_base(reopened, data_set) == []
    assert (LOOSE, SKOS.note, Literal("x")) in read_graph(reopened, data_set).graph


def test_a_store_in_use_is_refused_for_writing_but_can_be_read(data_set, tmp_path):
    folder = tmp_path / "store"
    holder = EmbeddedBackend(str(folder))
    ensure_base(holder, data_set)
    with pytest.raises(StoreInUseError, match="running `rolemap serve`"):
        EmbeddedBackend(str(folder))
    reader = read_only_backend(Settings(data=data_set, data_dir=str(folder)))
    assert not reader.writable
    assert len(read_graph(reader, data_set).graph) == len(read_graph(holder, data_set).graph)


def test_a_store_read_read_only_still_refuses_another_data_set(data_set, tmp_path):
    """Regression: a command that only reads (the store in use, or in a read-only folder)
    answered from the store's own data set when given another --data, without a word."""
    folder = tmp_path / "store"
    holder = EmbeddedBackend(str(folder))
    ensure_base(holder, data_set)
    other = Path(shutil.copytree(TWO_TEAMS, tmp_path / "other"))
    settings = Settings(data=other, data_dir=str(folder))
    with pytest.raises(StoreError, match="built from the data set"):
        KnowledgeBase(settings, read_only_backend(settings), read_ahead=False)
    same = Settings(data=data_set, data_dir=str(folder))
    assert KnowledgeBase(same, read_only_backend(same), read_ahead=False).loaded == []


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="--data-dir"):
        EmbeddedBackend(str(blocker / "store"))


def test_reading_a_folder_without_a_store_read_only_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="cannot be opened for reading") as refused:
        read_only_backend(Settings(data_dir=str(tmp_path / "nothing")))
    assert str(tmp_path / "nothing") in str(refused.value) and "--data-dir" in str(refused.value)


def test_a_remote_store_remembers_whether_it_answered_when_last_asked():
    """What /health reports, without asking the store itself. An error answer counts as away
    when it is the store's own (5xx), not when the request was wrong (4xx)."""
    yes = httpx.Response(200, json={"head": {}, "boolean": True})
    outcomes: list[httpx.Response | Exception] = [
        httpx.ConnectError("Connection refused"),
        yes,
        httpx.Response(503, text="starting"),
        yes,
        httpx.Response(400, text="bad query"),
    ]

    def store(request: httpx.Request) -> httpx.Response:
        outcome = outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    backend = RemoteBackend("http://store.invalid/query")
    backend._http = httpx.Client(transport=httpx.MockTransport(store))
    with pytest.raises(StoreUnavailableError) as away:
        backend.query("ASK {}")
    assert backend.reachable is False and away.value.reason == "ConnectError: Connection refused"
    backend.query("ASK {}")
    assert backend.reachable is True
    with pytest.raises(StoreError) as failing:
        backend.query("ASK {}")
    assert backend.reachable is False and failing.value.reason == "HTTP 503 starting"
    backend.query("ASK {}")
    with pytest.raises(StoreError):
        backend.query("ASK {}")
    assert backend.reachable is True
    assert EmbeddedBackend(MEMORY).reachable is True

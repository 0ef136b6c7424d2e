"""Faults: a read-only data folder (commands that only read still answer), a full disk, an
external SPARQL store that goes away (503s, /health says so, and back), and a server killed
(SIGKILL) between storing an addition and answering from it.

Read-only and full are real, not mocked: the commands run in a mount namespace of their own
(`unshare`), where the folder is a read-only bind mount or a tiny tmpfs (so they hold for root
too, whom chmod does not stop). Without namespaces, read-only is chmod alone (skipped for root)
and the full disk an injected ENOSPC. A kill in the middle of the write itself is
tests/test_crash_safety.py; here, a kill after it, before the process answers from it."""

import errno
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, partial
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.errors import status_of
from api.routers import health
from rolemap.config import Settings
from rolemap.dataset import ensure_base
from rolemap.knowledge_base import KnowledgeBase
from rolemap.sparql_endpoint import QueryError, QueryService
from rolemap.store import EmbeddedBackend, RemoteBackend, StoreFullError

ROOT = Path(__file__).parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from serving import free_port, serve  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
TWO_TEAMS = FIXTURES / "jargon"
BUURTKRACHT = FIXTURES / "new_organisation" / "buurtkracht.ttl"
TOKEN = "s3cret-token"
WRITE = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"}
ROLEMAP = [str(Path(sys.executable).parent / "rolemap")]


# --- Namespaces: a read-only folder and a full disk, without root ------------------------------

READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" && exec "$@"'
TINY_DISK = 'mount -t tmpfs -o size=24m tmpfs "$0" && exec "$@"'


@cache
def _namespaces() -> bool:
    if shutil.which("unshare") is None:
        return False
    probe = ["unshare", "--map-root-user", "--mount", "sh", "-c", "mount -t tmpfs t /mnt"]
    return subprocess.run(probe, capture_output=True, check=False).returncode == 0


needs_namespaces = pytest.mark.skipif(
    not _namespaces(), reason="mount namespaces (unshare --map-root-user --mount) not allowed"
)
can_make_read_only = pytest.mark.skipif(
    not _namespaces() and os.geteuid() == 0, reason="root ignores chmod, and no namespaces"
)


def _in_namespace(setup: str, folder: Path, command: list[str], **options):
    """Run `command` where `setup` has made `folder` read-only or a tiny disk."""
    wrapped = ["unshare", "--map-root-user", "--mount", "sh", "-c", setup, str(folder), *command]
    return subprocess.run(wrapped, capture_output=True, text=True, check=False, **options)


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _store_with_base(folder: Path) -> None:
    backend = EmbeddedBackend(str(folder))
    ensure_base(backend, TWO_TEAMS)
    backend.close()


# --- (a) A read-only data folder ----------------------------------------------------------------

KB_START = textwrap.dedent(
    """
    import sys
    from rolemap.config import Settings
    from rolemap.knowledge_base import KnowledgeBase
    from rolemap.store import StoreError

    try:
        KnowledgeBase(Settings(data_dir=sys.argv[1], data=sys.argv[2]))
    except StoreError as error:
        sys.exit(f"{type(error).__name__}: {error}")
    """
)


def _read_only_attempts(folder: Path) -> dict[str, subprocess.CompletedProcess]:
    """`rolemap add`, `rolemap serve` and a KnowledgeBase on `folder`, each in a namespace where
    the folder above it is mounted read-only."""
    data_dir = ["--data-dir", str(folder)]
    serve_ = [*ROLEMAP, *data_dir, "serve", "--port", str(free_port()), "--data", str(TWO_TEAMS)]
    commands = {
        "add": [*ROLEMAP, *data_dir, "add", str(BUURTKRACHT), "--data", str(TWO_TEAMS)],
        "serve": serve_,
        "KnowledgeBase": [sys.executable, "-c", KB_START, str(folder), str(TWO_TEAMS)],
    }
    return _run_read_only(folder, commands)


def _run_read_only(
    folder: Path, commands: dict[str, list[str]], env: dict[str, str] | None = None
) -> dict[str, subprocess.CompletedProcess]:
    """Each command in a namespace where the folder above `folder` is mounted read-only; without
    namespaces, as it is (the caller has chmod-ed it)."""
    if not _namespaces():
        run = partial(
            subprocess.run, capture_output=True, text=True, check=False, timeout=120, env=env
        )
        return {name: run(command) for name, command in commands.items()}
    return {
        name: _in_namespace(READ_ONLY, folder.parent, command, timeout=120, env=env)
        for name, command in commands.items()
    }


def _assert_clear_read_only_error(name: str, done: subprocess.CompletedProcess, folder: Path):
    output = done.stdout + done.stderr
    assert done.returncode != 0, f"{name} went on in a read-only folder:\n{output[-1500:]}"
    assert str(folder) in output, name  # where
    assert "read-only" in output, name  # what
    assert "--data-dir" in output and "writable" in output, name  # how to fix it
    assert "Traceback" not in output, f"{name}:\n{output[-1500:]}"
    assert name != "KnowledgeBase" or output.startswith("StoreReadOnlyError:"), output


@can_make_read_only
def test_a_read_only_store_folder_is_a_clear_error_and_stays_unchanged(tmp_path):
    folder = tmp_path / "data" / "store"
    _store_with_base(folder)
    folder.chmod(0o555)  # what a user does; root ignores it, hence the read-only mount too
    before = _fingerprint(folder)
    try:
        for name, done in _read_only_attempts(folder).items():
            _assert_clear_read_only_error(name, done, folder)
    finally:
        folder.chmod(0o755)
    assert _fingerprint(folder) == before


@can_make_read_only
def test_a_first_start_under_a_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "data" / "store"  # not there yet: the first start makes it
    folder.parent.mkdir(mode=0o555)
    # a command that only reads finds no store to fall back to: the same error
    term = [*ROLEMAP, "--data-dir", str(folder), "term", "wijkkracht", "--data", str(TWO_TEAMS)]
    try:
        attempts = _read_only_attempts(folder) | _run_read_only(folder, {"term": term})
        for name, done in attempts.items():
            _assert_clear_read_only_error(name, done, folder)
    finally:
        folder.parent.chmod(0o755)
    assert list(folder.parent.iterdir()) == []


READING = {  # commands that only read, and a word of the answer each must give
    "term": (["term", "wijkkracht"], "Team Noord"),
    "search": (["search", "wijk"], "wijkkracht"),
    "translate": (["translate", "wijkkracht", "--from", "team-noord", "--to", "team-zuid"], "wijk"),
    "who": (["who", "--domain", "maatschappelijke-participatie", "--json"], "candidates"),
    "report": (["report", "--format", "csv"], "homonym"),
    "history": (["history", "--json"], "[]"),
}


@can_make_read_only
def test_commands_that_only_read_answer_from_a_read_only_store_and_writes_say_why_not(
    tmp_path,
):
    """Reading needs no write access: look-up, search, who, report and history open a store in
    a read-only folder read-only. add and undo still refuse with the read-only error."""
    folder = tmp_path / "data" / "store"
    _store_with_base(folder)
    folder.chmod(0o555)  # what a user does; root ignores it, hence the read-only mount too
    before = _fingerprint(folder)
    env = os.environ | {"ROLEMAP_DATA_DIR": str(folder), "ROLEMAP_DATA": str(TWO_TEAMS)}
    commands = {name: [*ROLEMAP, *arguments] for name, (arguments, _) in READING.items()}
    commands |= {"add": [*ROLEMAP, "add", str(BUURTKRACHT)], "undo": [*ROLEMAP, "undo", "1"]}
    try:
        done = _run_read_only(folder, commands, env)
    finally:
        folder.chmod(0o755)
    for name, (_, answer) in READING.items():
        output = done[name].stdout + done[name].stderr
        assert done[name].returncode == 0, f"{name}:\n{output[-1500:]}"
        assert answer in done[name].stdout, f"{name}:\n{output[-1500:]}"
    for name in ("add", "undo"):
        _assert_clear_read_only_error(name, done[name], folder)
    assert _fingerprint(folder) == before


# --- (b) A full disk ----------------------------------------------------------------------------

FULL_DISK = textwrap.dedent(
    """
    import hashlib, json, sys
    from pathlib import Path
    from fastapi.testclient import TestClient
    from api.app import create_app
    from rolemap.config import Settings

    disk = Path(sys.argv[1])
    body, token = Path(sys.argv[2]).read_bytes(), sys.argv[4]
    write = {"Authorization": f"Bearer {token}", "Content-Type": "text/turtle"}
    settings = Settings(data=Path(sys.argv[3]), data_dir=str(disk / "store"), token=token)
    with TestClient(create_app(settings)) as client:
        backend = client.app.state.kb.backend

        def state():
            return hashlib.sha256(backend.dump_nquads()).hexdigest(), client.get(
                "/api/additions").json()

        before = state()
        with open(disk / "filler", "wb", buffering=0) as filler:  # fill the disk to the brim
            try:
                while True:
                    filler.write(bytes(1 << 16))
            except OSError:
                pass
        full = client.post("/api/organisations", content=body, headers=write)
        after_full = state()
        (disk / "filler").unlink()
        again = client.post("/api/organisations", content=body, headers=write)
        print(json.dumps({
            "full": [full.status_code, full.json()], "unchanged": after_full == before,
            "again": again.status_code, "additions": len(client.get("/api/additions").json()),
        }))
    """
)


@needs_namespaces
def test_a_full_disk_refuses_an_addition_whole_and_the_next_one_works(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    script = [sys.executable, "-c", FULL_DISK, str(disk), str(BUURTKRACHT), str(TWO_TEAMS), TOKEN]
    done = _in_namespace(TINY_DISK, disk, script, timeout=180, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.splitlines()[-1])
    status, body = result["full"]
    assert status == 507, body
    assert "disk is full" in body["detail"] and "free space" in body["detail"]
    assert str(disk / "store") in body["detail"]
    assert result["unchanged"]  # no part of the addition, no history record
    assert result["again"] == 201 and result["additions"] == 1  # no restart needed


class _FullOnce:
    """A store whose next write fails as on a full disk."""

    def __init__(self, store) -> None:
        self._store, self._failed = store, False

    def __getattr__(self, name: str):
        return getattr(self._store, name)

    def update(self, sparql: str) -> None:
        if not self._failed:
            self._failed = True
            raise OSError(errno.ENOSPC, "No space left on device")
        self._store.update(sparql)


def test_a_write_that_fails_for_space_stores_nothing_and_the_next_one_works(tmp_path):
    """The same without namespaces: ENOSPC injected at the store's write."""
    folder = tmp_path / "store"
    _store_with_base(folder)
    backend = EmbeddedBackend(str(folder))
    before = backend.dump_nquads()
    backend._store = _FullOnce(backend._store)
    with pytest.raises(StoreFullError, match="disk is full") as refused:
        backend.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
    assert status_of(refused.value) == 507 and str(folder) in str(refused.value)
    assert backend.dump_nquads() == before
    backend.update("INSERT DATA { GRAPH <urn:x:g> { <urn:x:s> <urn:x:p> <urn:x:o> } }")
    assert backend.dump_nquads() != before
    backend.close()


# --- (c) The external SPARQL store goes away and comes back ------------------------------------


@contextmanager
def _oxigraph(location: Path, port: int) -> Iterator[subprocess.Popen]:
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        pytest.fail("the Oxigraph server is missing: install the test dependencies (make test)")
    command = [binary, "serve", "--location", location, "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(lambda: _answers(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D"), server)
        yield server
    finally:
        server.kill()
        server.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def _wait(ready, server: subprocess.Popen | None = None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not ready():
        assert server is None or server.poll() is None, "the server stopped"
        assert time.monotonic() < deadline, "not ready in time"
        time.sleep(0.1)


def _assert_unavailable(response, url: str) -> None:
    assert response.status_code == 503, response.text
    detail = response.json()["detail"]
    assert url in detail and "does not answer" in detail, detail
    assert response.headers.get("retry-after")


def _health(api: httpx.Client) -> tuple[str, bool]:
    """/health's status and store_reachable; it is 200 whether or not the store answers."""
    response = api.get("/health")
    assert response.status_code == 200, response.text
    return response.json()["status"], response.json()["store_reachable"]


def test_an_external_store_that_goes_away_is_503_and_the_service_recovers_by_itself(
    tmp_path, monkeypatch
):
    port, location = free_port(), tmp_path / "oxigraph"
    url = f"http://127.0.0.1:{port}/query"
    monkeypatch.setenv("ROLEMAP_SPARQL_URL", url)
    with _oxigraph(location, port) as store, serve(TWO_TEAMS, options=("--token", TOKEN)) as api:
        assert _health(api) == ("ok", True)
        store.send_signal(signal.SIGKILL)
        store.wait()
        # nothing asks the store but the server's own check for changes (every 5 s)
        _wait(lambda: _health(api) == ("degraded", False))
        _assert_unavailable(
            api.post("/api/organisations", content=BUURTKRACHT.read_bytes(), headers=WRITE), url
        )
        _assert_unavailable(api.get("/api/additions"), url)
        sparql = api.get("/sparql", params={"query": "ASK {}"})
        assert sparql.status_code == 503 and url in sparql.json()["detail"]
        assert sparql.json()["detail"].count("does not answer") == 1, sparql.json()["detail"]
        # what is served from memory goes on
        assert api.get("/api/terms/wijkkracht").status_code == 200
        assert api.get("/api/organisations").status_code == 200
        with _oxigraph(location, port):  # the same store back, the service not restarted
            _wait(lambda: _health(api) == ("ok", True))
            assert api.get("/api/additions").status_code == 200
            added = api.post("/api/organisations", content=BUURTKRACHT.read_bytes(), headers=WRITE)
            assert added.status_code == 201, added.text
            assert api.get("/sparql", params={"query": "ASK {}"}).status_code == 200
            assert len(api.get("/api/additions").json()) == 1


UNION_QUERY = "SELECT * WHERE { ?s ?p ?o } LIMIT 1"  # over the default graph: all named graphs


def _union_query_error(backend: RemoteBackend) -> QueryError:
    with QueryService(backend, timeout_s=5) as service, pytest.raises(QueryError) as refused:
        service.run(UNION_QUERY, None)
    return refused.value


def test_a_union_query_on_a_store_that_is_down_is_one_sentence_what_where_what_to_do():
    """The named graphs are listed first; that failing used to nest the backend's own message
    ("does not answer (… does not answer (…). Check that it runs …). Start it …")."""
    url = f"http://127.0.0.1:{free_port()}/query"
    error = _union_query_error(RemoteBackend(url))
    assert error.status == 503 and error.headers.get("Retry-After")
    assert re.fullmatch(
        rf"the SPARQL store at {re.escape(url)} does not answer \(listing its named graphs: "
        r"ConnectError: [^()]+\)\. Start it, or check the store URL "
        r"\(--sparql-url / ROLEMAP_SPARQL_URL\)\.",
        str(error),
    ), str(error)


def test_a_store_that_refuses_to_list_its_graphs_is_502_in_one_sentence(oxigraph_server):
    url = f"{oxigraph_server}/no-such-endpoint"
    error = _union_query_error(RemoteBackend(url))
    assert error.status == 502, str(error)
    assert re.fullmatch(
        rf"the SPARQL store at {re.escape(url)} refused to list its named graphs, which a "
        r"query over the default graph needs \(HTTP 404 [^\n]*\)\. Check the store URL "
        r"\(--sparql-url / ROLEMAP_SPARQL_URL\) and the store's log, or name the graphs with "
        r"default-graph-uri\.",
        str(error),
    ), str(error)


class _Untouchable:
    """A store that is not to be asked anything; `reachable` is the outcome of its last contact."""

    def __init__(self, reachable: bool) -> None:
        self.reachable = reachable

    def __getattr__(self, name: str):
        raise AssertionError(f"/health used the store: {name}")


def test_health_says_degraded_with_200_from_the_last_contact_and_asks_the_store_nothing():
    """Runs without an Oxigraph server: /health only reads what the last contact saw."""
    kb = KnowledgeBase(Settings(data=TWO_TEAMS, data_dir=":memory:"), read_ahead=False)
    app = FastAPI()
    app.include_router(health.router)
    app.state.kb, app.state.deidentifier = kb, SimpleNamespace(ready=True)
    store, kb.backend = kb.backend, _Untouchable(reachable=False)
    try:
        client = TestClient(app)
        degraded = client.get("/health")
        kb.backend.reachable = True
        back = client.get("/health")
    finally:
        kb.backend = store
        kb.close()
    assert degraded.status_code == 200, degraded.text
    assert (degraded.json()["status"], degraded.json()["store_reachable"]) == ("degraded", False)
    assert degraded.json()["triples"] > 0  # what is served from memory is still there
    assert back.status_code == 200
    assert (back.json()["status"], back.json()["store_reachable"]) == ("ok", True)


# --- (d) Killed between storing an addition and answering from it ------------------------------

KILLED_AFTER_COMMIT = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from rolemap.addition_formats import parse_addition
    from rolemap.config import Settings
    from rolemap.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(Settings(data=Path(sys.argv[2]), data_dir=sys.argv[1]), read_ahead=False)
    kb.reload = lambda: os.kill(os.getpid(), signal.SIGKILL)  # stored, not yet answered from
    kb.add(parse_addition(Path(sys.argv[3]).read_bytes(), "turtle", "buurtkracht.ttl"), "anna")
    """
)


def test_a_kill_after_storing_an_addition_then_a_restarted_server_answers_from_it(tmp_path):
    """SIGKILL after the commit, before the View is rebuilt (what `rolemap serve` runs): the view
    cache in the store's folder is of the state before, and the restart must not answer from it."""
    folder = tmp_path / "store"
    script = [
        sys.executable,
        "-c",
        KILLED_AFTER_COMMIT,
        str(folder),
        str(TWO_TEAMS),
        str(BUURTKRACHT),
    ]
    done = subprocess.run(script, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    with serve(TWO_TEAMS, data_dir=str(folder)) as api:
        assert [a["organisations"] for a in api.get("/api/additions").json()] == [["buurtkracht"]]
        assert "buurtkracht" in {o["id"] for o in api.get("/api/organisations").json()}
        senses = api.get("/api/terms/wijkkracht").json()["senses"]
        assert "buurtkracht" in {s["organisation"]["id"] for s in senses}

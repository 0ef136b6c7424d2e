"""An addition is one transaction: a process killed (SIGKILL) while it writes leaves the store
as it was before or as it is after, never in between."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from rolemap.dataset import ADDITION_GRAPHS, ensure_base
from rolemap.history import history
from rolemap.store import EmbeddedBackend

TWO_TEAMS = Path(__file__).parent / "fixtures" / "jargon"
TRIPLES = 60_000  # large enough that the write takes a while to kill it in

WRITER = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path
    from rdflib import Graph, Literal, URIRef
    from rolemap.addition_formats import Addition
    from rolemap.additions import CheckedAddition
    from rolemap.history import commit
    from rolemap.loader import KnowledgeGraph
    from rolemap.store import EmbeddedBackend

    graph = Graph()
    org = URIRef("https://example.org/big/org")
    for i in range({TRIPLES}):
        graph.add((URIRef(f"https://example.org/big/{{i}}"), URIRef("https://example.org/p"),
                   Literal(f"waarde {{i}}")))
    backend = EmbeddedBackend(sys.argv[1])
    kg = KnowledgeGraph(graph, Path("."), [])
    checked = CheckedAddition(Addition(graph, "big.ttl", {{}}), [org], ["big"], kg, graph)
    print("writing", flush=True)
    commit(backend, checked, "killer")
    print("done", flush=True)
    """
)


def _state(folder: Path) -> tuple[int, list]:
    backend = EmbeddedBackend(str(folder))
    try:
        rows = backend.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{ADDITION_GRAPHS}1> {{ ?s ?p ?o }} }}"
        )
        return int(next(iter(rows))["n"].value), history(backend)
    finally:
        backend.close()


@pytest.mark.parametrize("delay", [0.05, 0.3, 0.7, 1.0, 1.3])
def test_a_killed_addition_leaves_the_store_before_or_after(tmp_path, delay):
    folder = tmp_path / "store"
    backend = EmbeddedBackend(str(folder))
    ensure_base(backend, TWO_TEAMS)
    backend.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    time.sleep(delay)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    triples, entries = _state(folder)
    if entries:  # after: every triple and its record
        assert triples == TRIPLES and [e.triples for e in entries] == [TRIPLES]
    else:  # before: nothing of it
        assert triples == 0


def test_the_same_check_sees_a_finished_addition(tmp_path):
    """The test above must be able to tell 'after' from 'before'."""
    folder = tmp_path / "store"
    backend = EmbeddedBackend(str(folder))
    ensure_base(backend, TWO_TEAMS)
    backend.close()
    subprocess.run([sys.executable, "-c", WRITER, str(folder)], check=True, capture_output=True)
    assert _state(folder)[0] == TRIPLES

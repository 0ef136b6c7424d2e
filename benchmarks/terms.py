"""Term look-up, search and translation: latency in-process and over HTTP, build time, memory.

    .venv/bin/python benchmarks/terms.py [--data DIR] [--repeat N] [--json FILE]

Prints Markdown tables (p50 and p99 in milliseconds) to stdout. Every query is made from the data
set's own labels, so the script works on any data set and names none of its words.
"""

import argparse
import gc
import json
import math
import os
import platform
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx2 as httpx

from rolemap.errors import UnknownTermError
from rolemap.lexicon import Lexicon, Organisation
from rolemap.loader import load
from rolemap.paths import default_data_dir
from rolemap.terms import Terms
from rolemap.text import fold
from rolemap.translate import Translator

TARGETS = {"look_up_ms": 0.5, "search_ms": 2.0, "http_ratio": 1.5}  # p50 targets (issue 4)
Row = dict[str, Any]  # one line of the report: a measure, its figures, a note


# --- Timing ---------------------------------------------------------------------------------------


def timed(call: Callable[[str], object], queries: Iterable[str]) -> list[int]:
    """Nanoseconds per call, one call per query."""
    samples = []
    for query in queries:
        start = time.perf_counter_ns()
        call(query)
        samples.append(time.perf_counter_ns() - start)
    return samples


def summary(name: str, samples: list[int], note: str = "") -> Row:
    ordered = sorted(samples)
    p99 = ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]
    return {
        "measure": name,
        "n": len(samples),
        "p50_ms": statistics.median(ordered) / 1e6,
        "p99_ms": p99 / 1e6,
        "note": note,
    }


def repeated(call: Callable[[str], object], queries: list[str], repeat: int) -> list[int]:
    return [ns for _ in range(repeat) for ns in timed(call, queries)]


# --- Queries made from the data ------------------------------------------------------------------


def all_labels(lexicon: Lexicon) -> list[str]:
    """Every distinct label of every sense: preferred, alternative and hidden, all languages."""
    return sorted({text for sense in lexicon.senses for _, _, text in sense.all_labels()})


def sample(items: list[str], size: int, seed: int = 0) -> list[str]:
    return items if len(items) <= size else sorted(random.Random(seed).sample(items, size))


def look_up_variants(labels: list[str]) -> dict[str, list[str]]:
    """The labels as a professional may type them."""
    return {
        "as stored": labels,
        "lower-case, no accents": [fold(label) for label in labels],
        "hyphens as spaces": [label.replace("-", " ") for label in labels],
    }


def typo(word: str) -> str:
    """Two neighbouring letters swapped in the middle: the most common slip."""
    middle = len(word) // 2
    return word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]


def search_queries(labels: list[str], size: int) -> dict[str, list[str]]:
    """Autocomplete prefixes (3 letters up to the whole word), whole labels and typos."""
    prefixes = [label[:end] for label in labels for end in range(3, len(label))]
    typos = [typo(label) for label in labels if len(label) >= 6]
    return {
        "prefix": sample(list(dict.fromkeys(prefixes)), size),
        "whole label": sample(labels, size),
        "typo": sample(list(dict.fromkeys(typos)), size),
    }


def sentences(lexicon: Lexicon) -> tuple[Organisation, Organisation, list[str]]:
    """A speaker with the most senses, the organisation sharing most of its words, and five
    sentences of the speaker's own labels in plain Dutch."""
    by_org: dict[str, list[str]] = {}
    for sense in lexicon.senses:
        by_org.setdefault(sense.organisation.id, []).append(sense.labels.get("nl", ""))
    speaker = max(sorted(by_org), key=lambda org: len(by_org[org]))
    words = sorted(set(by_org[speaker]) - {""})
    listener = max(
        sorted(set(by_org) - {speaker}) or [speaker],
        key=lambda org: len(set(by_org[org]) & set(words)),
    )
    frames = [
        "We bespreken {} en {} tijdens {}.",
        "Na {} volgt {}, daarna {}.",
        "Mijn collega doet {} met {} en soms {}.",
        "Is {} hetzelfde als {} of {}?",
        "Zij vroegen om {}, maar kregen {} en {}.",
    ]
    picked = random.Random(0).choices(words, k=15)
    texts = [frame.format(*picked[3 * i : 3 * i + 3]) for i, frame in enumerate(frames)]
    organisations = lexicon.organisations
    return organisations[speaker], organisations[listener], texts


# --- In-process -----------------------------------------------------------------------------------


def build(data: Path) -> tuple[Terms, list[Row], dict[str, object]]:
    start = time.perf_counter_ns()
    kg = load(data)
    loaded = time.perf_counter_ns()
    terms = Terms.from_graph(kg)
    indexed = time.perf_counter_ns()
    facts = {"triples": len(kg.graph), "senses": len(terms.lexicon.senses)}
    rows = [
        summary("build: load ontology + data (rdflib)", [loaded - start]),
        summary("build: term index (Terms.from_graph)", [indexed - loaded]),
    ]
    return terms, rows, facts


def look_up(terms: Terms, labels: list[str], repeat: int) -> list[Row]:
    missed = 0

    def call(text: str) -> None:
        nonlocal missed
        try:
            terms.look_up(text)
        except UnknownTermError:
            missed += 1

    rows, everything = [], []
    for variant, queries in look_up_variants(labels).items():
        samples = repeated(call, queries, repeat)
        everything += samples
        rows.append(summary(f"look-up, {variant}", samples))
    rows.insert(0, summary("look-up, all variants", everything, f"{missed // repeat} not found"))
    common = max(labels, key=lambda label: len(terms.find(label)[0]))
    senses = f"{len(terms.find(common)[0])} senses"
    rows.append(summary("look-up, most-used word", repeated(call, [common], 20 * repeat), senses))
    return rows


def search(terms: Terms, queries: dict[str, list[str]], repeat: int) -> list[Row]:
    rows = []
    for kind, texts in queries.items():
        uncached = repeated(terms.search_index._search, texts, repeat)
        rows.append(summary(f"search uncached, {kind}", uncached))
    everything = [text for texts in queries.values() for text in texts]
    timed(terms.search, everything)  # fill the cache
    cached = repeated(terms.search, everything, repeat)
    rows.append(summary("search cached, all kinds", cached, f"{len(everything)} queries"))
    return rows


def translate(terms: Terms, repeat: int) -> list[Row]:
    speaker, listener, texts = sentences(terms.lexicon)
    translator = Translator(terms)
    start = time.perf_counter_ns()
    translator.translate(texts[0], speaker.id, listener.id)  # the first call builds its patterns
    first = time.perf_counter_ns() - start

    def call(text: str) -> object:
        return translator.translate(text, speaker.id, listener.id)

    return [
        summary("translate, first call (builds patterns)", [first]),
        summary("translate, 5 sentences", repeated(call, texts, 20 * repeat)),
    ]


# --- Over HTTP ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(data: Path, port: int, log: Path) -> tuple[subprocess.Popen, int, int]:
    """`rolemap serve` as a subprocess, once /health answers and the server has gone idle (work
    it starts in the background would otherwise be measured too); with both waits in ns."""
    rolemap = Path(sys.executable).parent / "rolemap"
    command = [str(rolemap), "--data-dir", ":memory:", "serve", "--data", str(data)]
    command += ["--port", str(port)]
    start = time.perf_counter_ns()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("wb"))
    while server.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=5).status_code == 200:
                ready = time.perf_counter_ns() - start
                wait_until_idle(server.pid)
                return server, ready, time.perf_counter_ns() - start
        except httpx.TransportError:
            time.sleep(0.2)
    raise RuntimeError(f"rolemap serve stopped: {log.read_text(errors='replace')[-2000:]}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wait_until_idle(pid: int, timeout: float = 600) -> None:
    """Until the process uses under 2% of a core for a second."""
    deadline = time.monotonic() + timeout
    before = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(1)
        now = cpu_seconds(pid)
        if now - before < 0.02:
            return
        before = now


def stop_server(server: subprocess.Popen) -> int:
    """Stop the server; its peak resident memory in kB."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


def over_http(data: Path, labels: list[str], prefixes: list[str], requests: int) -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        server, ready, idle = start_server(data, port, Path(folder) / "serve.log")
        try:
            rows = http_rows(f"http://127.0.0.1:{port}", labels, prefixes, requests)
        finally:
            peak = stop_server(server)
    rows[:0] = [
        summary("serve: start until /health answers", [ready]),
        summary("serve: start until idle", [idle]),
    ]
    rows.append({"measure": "serve: peak memory", "n": 1, "peak_mb": peak / 1024})
    return rows


def http_rows(base: str, labels: list[str], prefixes: list[str], requests: int) -> list[Row]:
    paths = {
        "GET /health": ["/health"],
        "GET /api/terms/{label}": ["/api/terms/" + quote(label, safe="") for label in labels],
        "GET /api/terms?q={prefix}": ["/api/terms?q=" + quote(prefix) for prefix in prefixes],
    }
    rows, answers = [], []
    with httpx.Client(base_url=base, timeout=120) as client:

        def call(path: str) -> None:
            response = client.get(path)
            answers.append((response.status_code, len(response.content)))

        for name, options in paths.items():
            options = random.Random(0).sample(options, len(options))  # not in alphabetical order
            cycle = [options[i % len(options)] for i in range(requests + 50)]
            timed(call, cycle[:50])  # warm-up
            samples = timed(call, cycle[50:])
            failed = sum(status != 200 for status, _ in answers[-requests:])
            size = statistics.mean(size for _, size in answers[-requests:])
            note = f"{size:,.0f} bytes mean" + (f", {failed} not 200" if failed else "")
            rows.append(summary(name, samples, note))
    ratio = rows[1]["p50_ms"] / rows[0]["p50_ms"]
    rows.append({"measure": "look-up p50 / health p50", "n": requests, "ratio": ratio})
    return rows


# --- Report ---------------------------------------------------------------------------------------


def milliseconds(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3f}" if value >= 0.01 else f"{value:.4f}"


def markdown(rows: list[Row]) -> str:
    lines = ["| measure | n | p50 (ms) | p99 (ms) | note |", "|---|---:|---:|---:|---|"]
    for row in rows:
        if "p50_ms" in row:
            figures = f"{milliseconds(row['p50_ms'])} | {milliseconds(row['p99_ms'])}"
        elif "ratio" in row:
            figures = f"{row['ratio']:.2f}× | "
        else:
            figures = f"{row['peak_mb']:.0f} MB | "
        lines.append(f"| {row['measure']} | {row['n']} | {figures} | {row.get('note', '')} |")
    return "\n".join(lines)


def verdicts(rows: list[Row]) -> list[str]:
    """Each p50 target of issue 4 against what was measured."""
    by_name = {row["measure"]: row for row in rows}
    search = max(row["p50_ms"] for row in rows if row["measure"].startswith("search uncached"))
    checks = [
        ("look-up in-process", by_name["look-up, all variants"]["p50_ms"], "look_up_ms", " ms"),
        ("search uncached, slowest kind", search, "search_ms", " ms"),
    ]
    if "look-up p50 / health p50" in by_name:
        ratio = by_name["look-up p50 / health p50"]["ratio"]
        checks.append(("look-up over HTTP / health", ratio, "http_ratio", "×"))
    return [
        f"- {name}: p50 {value:.3f}{unit}, target ≤ {TARGETS[target]}{unit}: "
        + ("met" if value <= TARGETS[target] else "missed")
        for name, value, target, unit in checks
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=default_data_dir(), help="a data set folder")
    parser.add_argument("--repeat", type=int, default=5, help="passes over each query set")
    parser.add_argument("--labels", type=int, default=2000, help="labels looked up, at most")
    parser.add_argument("--queries", type=int, default=500, help="search queries per kind")
    parser.add_argument("--requests", type=int, default=500, help="HTTP requests per endpoint")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP measurements")
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="leave the built objects to the cyclic GC (rolemap serve freezes them): its pauses",
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    terms, rows, facts = build(args.data)
    if not args.no_gc_freeze:  # as `rolemap serve` does once the app is built
        gc.collect()
        gc.freeze()
    labels = sample(all_labels(terms.lexicon), args.labels)
    queries = search_queries(labels, args.queries)
    rows += look_up(terms, labels, args.repeat)
    rows += search(terms, queries, args.repeat)
    rows += translate(terms, args.repeat)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rows.append({"measure": "in-process: peak memory", "n": 1, "peak_mb": peak / 1024})
    if not args.no_http:
        rows += over_http(args.data, labels, queries["prefix"], args.requests)

    facts |= {
        "data": str(args.data),
        "python": platform.python_version(),
        "labels": len(all_labels(terms.lexicon)),
        "labels_used": len(labels),
        "repeat": args.repeat,
        "gc_freeze": not args.no_gc_freeze,
        "targets": TARGETS,
    }
    print(" · ".join(f"{key}: {value}" for key, value in facts.items() if key != "targets"))
    print()
    print(markdown(rows))
    print()
    print("\n".join(verdicts(rows)))
    if args.json:
        args.json.write_text(json.dumps({"facts": facts, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()

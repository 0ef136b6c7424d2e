"""National scale (issue 7): cold start, look-up, search, who picks this up, the overlap report and
checking one addition, at Overvecht and on synthetic data of N municipalities.

    .venv/bin/python benchmarks/national.py --sizes 0 50 342 --json national.json

Size 0 is the shipped Overvecht data; N > 0 is `rolemap synth --municipalities N --seed 0`,
written once under --work. Every figure is the median and p99 over repeated runs (n is given),
with the peak memory of the process that did the work. Each size runs in fresh processes:
cold starts in their own process per run (from Turtle into an in-memory store, and from the
embedded store on disk: ready to answer from its cached indexes, then with the graph loaded in
the background; the first start into the store builds that cache), the in-process work in one
process per size, and HTTP against a `rolemap serve` on that store. Ratios: every figure at
N against the same figure at Overvecht in the same run, an HTTP request against GET /health.
"""

import argparse
import contextlib
import json
import math
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import httpx2 as httpx
from serving import serve
from terms import all_labels, sample

from rolemap.addition_formats import format_for_path, parse_addition
from rolemap.config import Settings
from rolemap.errors import RolemapError
from rolemap.knowledge_base import KnowledgeBase
from rolemap.paths import default_data_dir
from rolemap.recognise import Question
from rolemap.report import build_report
from rolemap.routing import route
from rolemap.synth import write_synthetic

CHECKOUT = Path(__file__).resolve().parents[1]
ADDITION = CHECKOUT / "examples" / "new-organisation.ttl"


# --- Figures -------------------------------------------------------------------------------------


def figure(seconds: list[float], **extra: object) -> dict:
    """Median and p99 in milliseconds over the samples."""
    ordered = sorted(seconds)
    p99 = ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]
    p50 = statistics.median(ordered)
    return {"n": len(ordered), "p50_ms": p50 * 1e3, "p99_ms": p99 * 1e3} | extra


def timed(call: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def peak_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


# --- Child processes: one cold start, or the in-process work of one size -------------------------


def child_start(data: Path, data_dir: str) -> dict:
    """Until look-up, search and who can answer; and until the graph has loaded too (from the
    store's cached indexes the graph follows in a background thread)."""
    start = time.perf_counter()
    kb = KnowledgeBase(Settings(data=data, data_dir=data_dir))
    ready = time.perf_counter() - start
    triples = len(kb.kg.graph)  # waits for the graph
    graph = time.perf_counter() - start
    kb.close()
    return {"seconds": ready, "graph_seconds": graph, "peak_mib": peak_mib(), "triples": triples}


def child_work(data: Path, data_dir: str, repeat: int, report_max_triples: int) -> dict:
    kb = KnowledgeBase(Settings(data=data, data_dir=data_dir))
    kb.kg  # noqa: B018 -- wait for the graph read in the background: time answers without it
    terms, rng = kb.view.terms, random.Random(0)
    labels = sample(all_labels(terms.lexicon), 2000)
    queries = [label[: max(3, len(label) // 2)] for label in labels[:500]]
    questions = who_questions(kb, rng, 200)
    addition = parse_addition(ADDITION.read_bytes(), format_for_path(ADDITION), ADDITION.name)
    figures = {
        "look_up": figure(timed_each(terms.look_up, labels, repeat)),
        "search": figure(timed_each(terms.search_index._search, queries, repeat)),
        "who": figure(timed_each(lambda q: route(kb.view.routing, q), questions, repeat)),
        "check_addition": figure(timed(lambda: kb.check(addition), 5)),
    }
    if len(kb.kg.graph) <= report_max_triples:
        figures["report"] = figure(timed(lambda: build_report(kb.kg), 3))
    return figures | {"peak_mib": peak_mib(), "who_questions": len(questions)}


def timed_each(call: Callable[[object], object], items: list, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        for item in items:
            start = time.perf_counter()
            with contextlib.suppress(RolemapError):  # e.g. a label that folds to nothing
                call(item)
            samples.append(time.perf_counter() - start)
    return samples


def who_questions(kb: KnowledgeBase, rng: random.Random, count: int) -> list[Question]:
    """Questions a task answers: a postcode of its organisation, an age of its target group, its
    life domain (structured fields: no de-identification in these figures)."""
    model, questions = kb.view.routing, []
    tasks = [t for t in model.tasks if t.features["life_domains"]]
    for task in rng.sample(tasks, min(count, len(tasks))):
        info = model.organisations.get(task.organisation)
        areas = info.areas if info else set()
        postcodes = sorted(pc for area in areas for pc in model.areas[area].postcodes)
        domain = model.concepts[sorted(task.features["life_domains"])[0]].id
        groups = [model.concepts[g] for g in sorted(task.features["target_groups"])]
        age = next((g.age_from for g in groups if g.age_from is not None), 40)
        questions.append(
            Question(postcode=postcodes[0] if postcodes else None, age=age, life_domains=[domain])
        )
    return questions


# --- The parent: data sets, runs, HTTP, the table -------------------------------------------------


def data_set(size: int, work: Path) -> Path:
    if size == 0:
        return default_data_dir()
    folder = work / f"synth{size}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        write_synthetic(folder, size, seed=0)
        (folder / ".complete").write_text("")
    return folder


def child(mode: str, data: Path, data_dir: str, repeat: int = 1, report_max: int = 0) -> dict:
    command = [sys.executable, __file__, "--child", mode, "--data", str(data)]
    command += ["--data-dir", data_dir, "--repeat", str(repeat)]
    command += ["--report-max-triples", str(report_max)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{mode} on {data} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def cold_starts(data: Path, store: Path, runs: int) -> dict:
    shutil.rmtree(store, ignore_errors=True)
    first = child("start", data, str(store))  # loads the Turtle into the store, caches indexes
    turtle = [child("start", data, ":memory:") for _ in range(runs)]
    stored = [child("start", data, str(store)) for _ in range(runs)]  # from the cache
    peak = max(r["peak_mib"] for r in stored)
    return {
        "first_start_into_store": figure([first["seconds"]], peak_mib=first["peak_mib"]),
        "start_from_turtle": figure(
            [r["seconds"] for r in turtle], peak_mib=max(r["peak_mib"] for r in turtle)
        ),
        "start_from_store": figure([r["seconds"] for r in stored], peak_mib=peak),
        "start_from_store_graph": figure([r["graph_seconds"] for r in stored], peak_mib=peak),
        "triples": first["triples"],
    }


def over_http(data: Path, store: Path, requests: int) -> dict:
    structured = {"age": 40, "life_domains": ["financien"]}
    started = time.perf_counter()
    with serve(data, data_dir=str(store)) as client:
        answering = time.perf_counter() - started
        graph_ready = wait_until_loaded(client, started)
        label = client.get("/api/terms", params={"q": "begeleiding"}).json()["results"][0]
        path = "/api/terms/" + quote(label["label"], safe="")
        for _ in range(50):  # warm up
            client.get("/health"), client.get(path), client.post("/api/who", json=structured)
        health = timed(lambda: client.get("/health"), requests)
        look_up = timed(lambda: client.get(path), requests)
        search = timed(lambda: client.get("/api/terms", params={"q": "begeleid"}), requests)
        who = timed(lambda: client.post("/api/who", json=structured), requests)
        load = {name: throughput(str(client.base_url) + url) for name, url in LOAD.items()} | {
            "look_up": throughput(str(client.base_url) + path)
        }
    base = statistics.median(health)
    return {
        "serve_answering": figure([answering]),
        "serve_graph_ready": figure([graph_ready]),
        "http_health": figure(health),
        "http_look_up": figure(look_up, ratio_to_health=statistics.median(look_up) / base),
        "http_search": figure(search, ratio_to_health=statistics.median(search) / base),
        "http_who": figure(who, ratio_to_health=statistics.median(who) / base),
        "load_50_clients": load,
    }


def wait_until_loaded(client: httpx.Client, started: float) -> float:
    """Deduce and the graph load in background threads: measure after both. Returns when the
    graph was ready, in seconds since `started`."""
    graph_ready = None
    while True:
        health = client.get("/health").json()
        if health["graph_ready"] and graph_ready is None:
            graph_ready = time.perf_counter() - started
        if graph_ready is not None and health["deidentifier_ready"]:
            return graph_ready
        time.sleep(0.1)


LOAD = {"health": "/health"}  # the floor the look-up is compared with


def throughput(url: str, seconds: int = 10, clients: int = 50) -> dict:
    """Requests/s and errors of `clients` keep-alive connections for `seconds`, by wrk (Debian's
    `wrk`; a second process, so the client does not share the server's interpreter)."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    command = [wrk, "-t1", f"-c{clients}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = {"clients": clients, "seconds": seconds, "errors": 0}
    for line in output.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            figures["requests_per_s"] = float(words[1])
        elif line.strip().startswith("99%"):
            figures["p99"] = words[1]
        elif line.strip().startswith("50%"):
            figures["p50"] = words[1]
        elif "Non-2xx" in line or line.strip().startswith("Socket errors"):
            figures["errors"] += sum(int(w.strip(",")) for w in words if w.strip(",").isdigit())
    return figures


def measure(size: int, work: Path, options: argparse.Namespace) -> dict:
    data = data_set(size, work)
    store = work / f"store{size}"
    figures = {"size": size} | cold_starts(data, store, options.runs)
    figures |= child("work", data, str(store), options.repeat, options.report_max_triples)
    figures |= over_http(data, store, options.requests)
    return figures


def with_ratios(results: list[dict]) -> list[dict]:
    """Each figure at N as a multiple of the same figure at Overvecht (size 0) in this run."""
    base = next((r for r in results if r["size"] == 0), None)
    for result in results:
        result["ratio_to_overvecht"] = {
            key: round(value["p50_ms"] / base[key]["p50_ms"], 2)
            for key, value in result.items()
            if base and isinstance(value, dict) and "p50_ms" in value and key in base
        }
    return results


# What a row measures, where its key alone does not say.
LABELS = {
    "first_start_into_store": "first start: Turtle into the store, indexes cached",
    "start_from_store": "start from the store: ready for look-up and who",
    "start_from_store_graph": "start from the store: graph loaded (report, entity pages)",
    "serve_answering": "rolemap serve: process start to first /health",
    "serve_graph_ready": "rolemap serve: process start to graph_ready",
}


def table(results: list[dict]) -> str:
    keys = [k for k, v in results[0].items() if isinstance(v, dict) and "p50_ms" in v]
    head = "| figure | " + " | ".join(f"N={r['size']} p50 / p99 ms (n)" for r in results) + " |"
    lines = [head, "|---" * (len(results) + 1) + "|"]
    for key in keys:
        name = LABELS.get(key, key)
        if not all(key in r for r in results):
            lines.append(f"| {name} | " + " | ".join(_cell(r.get(key)) for r in results) + " |")
            continue
        cells = [
            f"{r[key]['p50_ms']:.3g} / {r[key]['p99_ms']:.3g} (n={r[key]['n']})" for r in results
        ]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| triples | " + " | ".join(str(r["triples"]) for r in results) + " |")
    lines.append("| peak MiB (work) | " + " | ".join(str(r["peak_mib"]) for r in results) + " |")
    for name in ("health", "look_up"):
        cells = [_load_cell(r["load_50_clients"][name]) for r in results]
        lines.append(f"| {name}, 50 clients (wrk) | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: dict | None) -> str:
    if value is None:
        return "not run"
    return f"{value['p50_ms']:.3g} / {value['p99_ms']:.3g} ({value['n']})"


def _load_cell(load: dict) -> str:
    if "skipped" in load:
        return load["skipped"]
    return f"{load['requests_per_s']:.0f}/s, p99 {load.get('p99')}, {load['errors']} errors"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 50])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the query sets")
    parser.add_argument("--runs", type=int, default=5, help="cold starts of each kind")
    parser.add_argument("--requests", type=int, default=300, help="HTTP requests per endpoint")
    parser.add_argument("--work", type=Path, default=Path("/tmp/rolemap-bench"))
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--report-max-triples",
        type=int,
        default=2_000_000,
        help="build the full report only up to this many triples (it takes minutes nationally)",
    )
    parser.add_argument("--child", choices=["start", "work"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child == "start":
        print(json.dumps(child_start(options.data, options.data_dir)))
        return
    if options.child == "work":
        work = child_work(
            options.data, options.data_dir, options.repeat, options.report_max_triples
        )
        print(json.dumps(work))
        return
    options.work.mkdir(parents=True, exist_ok=True)
    results = []
    for size in options.sizes:
        results.append(measure(size, options.work, options))
        print(f"size {size} done", file=sys.stderr, flush=True)
    results = with_ratios(results)
    print(table(results))
    if options.json:
        options.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

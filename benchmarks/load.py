"""Load: N concurrent clients for D seconds against `rolemap serve` on 127.0.0.1.

    .venv/bin/python benchmarks/load.py [--clients 50] [--duration 60] [--data DIR] [--json FILE]

It starts `rolemap serve` (store in memory) on a free port, waits until the graph and the
de-identifier are loaded, then runs the clients (asyncio, one connection each, no pause between
requests) over a fixed mix, per 100 requests:

- 70 look-ups   GET  /api/terms/{label}   (every term of the catalogue page)
- 20 searches   GET  /api/terms?q=…       (whole labels, autocomplete prefixes, typos)
- 8 who         POST /api/who             (structured: an age and a ZRM life domain)
- 2 reports     GET  /api/report          (the whole overlap report, JSON)

The mix is a shuffled schedule of those 100 slots, each client starting elsewhere in it, so the
proportions hold over the run and the run is the same for a seed. An error is a non-2xx answer, a
timeout or a connection error. It prints a Markdown table (count, errors, p50, p99 and max in ms,
throughput) per kind and overall, and exits 1 if there was any error. Clients and server share the
machine's cores: the figures are of both together.
"""

import argparse
import asyncio
import html
import json
import math
import os
import random
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import httpx2 as httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serving import serve

MIX = {"look-up": 70, "search": 20, "who": 8, "report": 2}
AGES = (9, 16, 35, 70)
READY_TIMEOUT = 180  # seconds for the graph and deduce to load after /health first answers
TERM_LINK = re.compile(r'<a href="/terms/([^"?]+)')


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)  # seconds, answered 2xx
    errors: dict[str, int] = field(default_factory=dict)  # "HTTP 500", "ReadTimeout", …
    samples: dict[str, str] = field(default_factory=dict)  # the first of each, to tell why

    def error(self, reason: str, sample: str = "", count: int = 1) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + count
        self.samples.setdefault(reason, sample[:300])

    def add(self, other: "Tally") -> None:
        self.latencies += other.latencies
        for reason, count in other.errors.items():
            self.error(reason, other.samples.get(reason, ""), count)


@dataclass
class Workload:
    labels: list[str]
    domains: list[str]

    def request(self, kind: str, rng: random.Random) -> tuple[str, str, dict]:
        """(method, path, httpx keyword arguments) of one request of `kind`."""
        if kind == "look-up":
            return "GET", f"/api/terms/{rng.choice(self.labels)}", {}
        if kind == "search":
            return (
                "GET",
                "/api/terms",
                {"params": {"q": _search_text(rng.choice(self.labels), rng)}},
            )
        if kind == "who":
            question = {"age": rng.choice(AGES), "life_domains": [rng.choice(self.domains)]}
            return "POST", "/api/who", {"json": question}
        return "GET", "/api/report", {}


def _search_text(label: str, rng: random.Random) -> str:
    """A whole label, a prefix as typed in a search box, or the label with two letters swapped."""
    way = rng.randrange(3)
    if way == 1 and len(label) > 3:
        return label[: rng.randint(3, len(label))]
    if way == 2 and len(label) > 3:
        i = rng.randrange(len(label) - 1)
        return label[:i] + label[i + 1] + label[i] + label[i + 2 :]
    return label


# --- Before the run: the words and life domains the served data holds ------------------------


def workload(client: httpx.Client) -> Workload:
    """Every term of the catalogue on the search page (GET /, its links to /terms/{label}), and
    the life domains the router knows."""
    page = client.get("/", params={"lang": "nl"})
    page.raise_for_status()
    labels = {unquote(html.unescape(link)) for link in TERM_LINK.findall(page.text)}
    # an unknown life domain is refused with the list of known ones
    refused = client.post("/api/who", json={"life_domains": ["?"]})
    domains = refused.json()["detail"]["known"] if refused.status_code == 422 else []
    if not labels or not domains:
        raise RuntimeError(f"no terms ({len(labels)}) or life domains ({len(domains)}) to ask for")
    return Workload(sorted(labels), sorted(domains))


def wait_until_ready(client: httpx.Client) -> None:
    """The graph is read and deduce loaded in the background after start: not part of the run."""
    deadline = time.monotonic() + READY_TIMEOUT
    while time.monotonic() < deadline:
        health = client.get("/health").json()
        if health.get("graph_ready", True) and health.get("deidentifier_ready", True):
            return
        time.sleep(0.5)
    raise RuntimeError(f"the server was not ready within {READY_TIMEOUT} s")


# --- The run ------------------------------------------------------------------------------------


def schedule(mix: dict[str, int], seed: int) -> list[str]:
    slots = [kind for kind, share in mix.items() for _ in range(share)]
    random.Random(seed).shuffle(slots)
    return slots


async def one_client(
    number: int, base: str, work: Workload, plan: list[str], end: float, timeout: float, seed: int
) -> dict[str, Tally]:
    rng = random.Random(seed * 100_003 + number)
    tallies = {kind: Tally() for kind in set(plan)}
    step = (number * 37) % len(plan)  # clients start at different places in the schedule
    async with httpx.AsyncClient(base_url=base, timeout=timeout) as client:
        while time.monotonic() < end:
            kind = plan[step % len(plan)]
            step += 1
            method, path, options = work.request(kind, rng)
            await _send(client, method, path, options, tallies[kind])
    return tallies


async def _send(
    client: httpx.AsyncClient, method: str, path: str, options: dict, tally: Tally
) -> None:
    started = time.perf_counter()
    try:
        response = await client.request(method, path, **options)
    except httpx.HTTPError as error:
        tally.error(type(error).__name__, f"{method} {path}: {error}")
        return
    if 200 <= response.status_code < 300:
        tally.latencies.append(time.perf_counter() - started)
    else:
        tally.error(f"HTTP {response.status_code}", f"{method} {path}: {response.text}")


async def run(
    base: str,
    work: Workload,
    mix: dict[str, int],
    clients: int,
    duration: float,
    timeout: float,
    seed: int,
) -> tuple[dict[str, Tally], float]:
    plan = schedule(mix, seed)
    started = time.monotonic()
    end = started + duration
    runs = [one_client(n, base, work, plan, end, timeout, seed) for n in range(clients)]
    results = await asyncio.gather(*runs)
    elapsed = time.monotonic() - started  # includes the requests still open at the end
    merged = {kind: Tally() for kind in mix}
    for tallies in results:
        for kind, tally in tallies.items():
            merged[kind].add(tally)
    return merged, elapsed


# --- Figures and the table ----------------------------------------------------------------------


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def figures(tally: Tally, elapsed: float) -> dict:
    ms = [1000 * x for x in tally.latencies]
    errors = sum(tally.errors.values())
    return {
        "requests": len(ms) + errors,
        "errors": errors,
        "error_kinds": dict(tally.errors),
        "error_samples": dict(tally.samples),
        "p50_ms": round(statistics.median(ms), 2) if ms else None,
        "p99_ms": round(p99(ms), 2) if ms else None,
        "max_ms": round(max(ms), 2) if ms else None,
        "per_s": round((len(ms) + errors) / elapsed, 1),
    }


def summary(tallies: dict[str, Tally], elapsed: float) -> dict:
    overall = Tally()
    for tally in tallies.values():
        overall.add(tally)
    kinds = {kind: figures(tally, elapsed) for kind, tally in tallies.items()}
    return {"kinds": kinds, "overall": figures(overall, elapsed), "elapsed_s": round(elapsed, 1)}


def table(result: dict) -> str:
    head = "| kind | share | requests | errors | p50 ms | p99 ms | max ms | req/s |"
    lines = [head, "|---|--:|--:|--:|--:|--:|--:|--:|"]
    total = sum(result["mix"].values())
    rows = [(k, f"{result['mix'][k] / total:.0%}", f) for k, f in result["kinds"].items()]
    rows.append(("**all**", "100%", result["overall"]))
    for kind, share, f in rows:
        lines.append(
            f"| {kind} | {share} | {f['requests']} | {f['errors']} | {f['p50_ms']} "
            f"| {f['p99_ms']} | {f['max_ms']} | {f['per_s']} |"
        )
    return "\n".join(lines)


def parse_mix(text: str) -> dict[str, int]:
    """'look-up=70,report=2': requests of each kind per cycle (kinds left out: none)."""
    mix = {kind: int(share) for kind, share in (part.split("=") for part in text.split(","))}
    unknown = set(mix) - set(MIX)
    if unknown or not any(mix.values()):
        raise argparse.ArgumentTypeError(f"kinds are {', '.join(MIX)}; give at least one share")
    return {kind: share for kind, share in mix.items() if share > 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds")
    parser.add_argument(
        "--data", type=Path, help="a data set folder (rolemap synth); default: shipped"
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds a request may take")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--mix", type=parse_mix, default=MIX, help="e.g. look-up=70,search=30")
    parser.add_argument("--log", type=Path, help="the server's output goes here")
    args = parser.parse_args(argv)
    mix = args.mix
    with serve(args.data, log=args.log) as client:
        wait_until_ready(client)
        work = workload(client)
        base = str(client.base_url)
        tallies, elapsed = asyncio.run(
            run(base, work, mix, args.clients, args.duration, args.timeout, args.seed)
        )
    result = summary(tallies, elapsed) | {
        "clients": args.clients,
        "duration_s": args.duration,
        "data": str(args.data) if args.data else "shipped (Overvecht)",
        "mix": mix,
        "labels": len(work.labels),
        "cpus": os.cpu_count(),
    }
    print(
        f"{args.clients} clients, {args.duration:g} s, data: {result['data']}, "
        f"{result['labels']} labels, {result['cpus']} CPUs\n"
    )
    print(table(result))
    for reason, sample in result["overall"]["error_samples"].items():
        print(f"\n{reason}, first: {sample}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 1 if result["overall"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())

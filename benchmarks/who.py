"""'Who picks this up?': quality on the evaluation set and speed, in one run.

    .venv/bin/python benchmarks/who.py [--data DIR] [--cases FILE] [--repeat N] [--json] [--show]

Quality (benchmarks/who_evaluation.yaml, written from the source before the router existed):
precision@1 (the expected first organisation is first), recall@3 (the expected organisations are
among the candidates), precision@3 (the candidates are expected ones: an answer padded with every
organisation is penalised), grey-area and outside-area accuracy, and advice recall (the expected
protocols are advised). Speed: routing p50/p99 in-process without de-identification, the cost of
de-identification on its own, and over HTTP with structured input against /health as the floor.
"""

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from serving import serve  # noqa: E402

from rolemap.deidentify import Deidentifier  # noqa: E402
from rolemap.loader import load  # noqa: E402
from rolemap.recognise import Question  # noqa: E402
from rolemap.routing import route  # noqa: E402
from rolemap.routing_model import read_routing_model  # noqa: E402

CASES = Path(__file__).with_name("who_evaluation.yaml")
FIELDS = ("description", "age", "postcode", "life_domains", "collective", "urgent")


def questions(path: Path) -> list[tuple[dict, Question]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    as_of = date.fromisoformat(str(document["as_of"]))
    found = []
    for case in document["cases"]:
        given = {field: case[field] for field in FIELDS if case.get(field) is not None}
        found.append((case, Question(**given, as_of=as_of)))
    return found


def score(case: dict, answer: dict) -> dict:
    expected = case["expected"]
    got = [c["organisation"]["id"] for c in answer["candidates"]]
    wanted = set(expected["top3"])
    advised = {a["protocol"]["id"] for a in answer["advice"] if "protocol" in a}
    return {
        "id": case["id"],
        "kind": case.get("kind"),
        "p@1": (got[0] if got else None) == expected["first"],
        "r@3": len(wanted & set(got)) / len(wanted) if wanted else float(not got),
        "p@3": len(wanted & set(got)) / len(got) if got else float(not wanted),
        "grey": answer["grey_area"] == expected["grey_area"],
        "outside": answer["outside_area"] == expected.get("outside_area", False),
        "advice": set(expected.get("advice") or []) <= advised,
        "got": got,
        "expected": [expected["first"], sorted(wanted)],
    }


def quality(model, cases) -> tuple[dict, list[dict]]:
    rows = [score(case, route(model, question)) for case, question in cases]
    metrics = {
        name: round(statistics.mean(float(row[name]) for row in rows), 3)
        for name in ("p@1", "r@3", "p@3", "grey", "outside", "advice")
    }
    return metrics | {"cases": len(rows)}, rows


def timings(function, repeat: int) -> dict:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter_ns()
        function()
        samples.append((time.perf_counter_ns() - start) / 1e6)
    samples.sort()
    return {
        "p50_ms": round(samples[len(samples) // 2], 3),
        "p99_ms": round(samples[min(len(samples) - 1, int(len(samples) * 0.99))], 3),
    }


def speed(model, cases, data: Path | None, repeat: int) -> dict:
    described = [q for _, q in cases if q.description]
    figures = {
        "route_in_process": timings(lambda: [route(model, q) for q in described[:1]], repeat),
    }
    each = [timings(lambda q=q: route(model, q), max(1, repeat // 10)) for _, q in cases]
    figures["route_all_cases_p50_ms"] = round(statistics.median(t["p50_ms"] for t in each), 3)
    deidentifier = Deidentifier()
    deidentifier.warm()
    text = described[0].description
    figures["deidentify"] = timings(lambda: deidentifier(text), repeat)
    structured = {"age": 16, "postcode": "3562", "life_domains": ["sociaal netwerk"]}
    with serve(data) as client:
        while not client.get("/health").json()["deidentifier_ready"]:
            time.sleep(0.5)  # deduce loads in a background thread: measure after it
        for _ in range(50):
            client.get("/health")
            client.post("/api/who", json=structured)
        figures["http_health"] = timings(lambda: client.get("/health"), repeat)
        figures["http_who_structured"] = timings(
            lambda: client.post("/api/who", json=structured), repeat
        )
    figures["http_ratio_who_to_health"] = round(
        figures["http_who_structured"]["p50_ms"] / figures["http_health"]["p50_ms"], 2
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--repeat", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", action="store_true", help="print every case's result")
    parser.add_argument("--no-speed", action="store_true")
    options = parser.parse_args()
    model = read_routing_model(load(options.data).graph)
    cases = questions(options.cases)
    metrics, rows = quality(model, cases)
    figures = {} if options.no_speed else speed(model, cases, options.data, options.repeat)
    if options.json:
        print(json.dumps({"quality": metrics, "speed": figures, "cases": rows}, indent=2))
        return
    print("| quality | value |\n|---|---|")
    for name, value in metrics.items():
        print(f"| {name} | {value} |")
    if figures:
        print("\n| speed | p50 ms | p99 ms |\n|---|---|---|")
        for name, value in figures.items():
            if isinstance(value, dict):
                print(f"| {name} | {value['p50_ms']} | {value['p99_ms']} |")
            else:
                print(f"| {name} | {value} | |")
    if options.show:
        for row in rows:
            flags = "".join(
                mark if row[name] else "."
                for name, mark in (("p@1", "1"), ("grey", "g"), ("outside", "o"), ("advice", "a"))
            )
            print(f"{flags} {row['id']:<40} got {row['got']} expected {row['expected']}")


if __name__ == "__main__":
    main()

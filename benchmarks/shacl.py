"""Validation speed: rolemap's fast path against pySHACL and Apache Jena SHACL (issue 7).

    .venv/bin/python benchmarks/shacl.py                    # Overvecht, pySHACL whole
    .venv/bin/python benchmarks/shacl.py --data /tmp/synth50 --repeat 3 --pyshacl-sample 2 \
        --pyshacl-timeout 30 --jena-runs 2 --jena-timeout 600 --json out.json

Every engine validates the same graph (the ontology plus the data set, as `rolemap.loader.load`
builds it) with what the overlap report validates it with: rolemap's shapes and, if present,
NL-SBB's profile, two validations a run. The shapes are read once and written to a temporary
folder, so that all engines see the same ones. Each engine runs in a process of its own, so that
its peak memory (the process's high-water mark, loaded graph included) is its own:

- fast path: `to_oxigraph` plus `run_fast` for each shapes graph, as `rolemap.report._validate`
  runs them, `--repeat` times;
- pySHACL (rdflib's own store, the options of `run_pyshacl`), shape by shape: each shape that
  has focus nodes is validated alone (`use_shapes`, `inplace`) on the whole graph, on all its
  focus nodes or, with `--pyshacl-sample M`, on M of them drawn at random (`--seed`; IRIs only,
  as pySHACL's focus_nodes option takes no others). A sampled shape's time per node (less the
  cost of the same call on one node that is in no graph) times its number of focus nodes is its
  estimate. The total adds, per shapes graph, a whole call's fixed cost (copying the data graph,
  gathering shapes and targets: a call whose only focus node nothing targets). A shape stopped
  after `--pyshacl-timeout` s counts what it ran so far, which makes the total a lower bound; a
  shape pySHACL refuses (a ValidationFailure) is named and left out. The results, whole or on the
  sampled nodes, are compared with the fast path's for the same shape and nodes;
- Apache Jena SHACL from Debian's `libapache-jena-java` (with a JRE; javac compiles a small
  harness once): one JVM parses data and shapes, then validates `--jena-runs` times, timing each
  validation itself; the first (JIT not yet warm) is reported apart, as is the wall-clock from
  JVM start. Three things make Debian's Jena 4.5 run: the class path is Jena's jars and those of
  the Java packages it depends on, with one SLF4J binding (/usr/share/java holds two, which stops
  the JVM); Xerces's message files are copied to where Debian's relocated classes look for them
  (`xerces_messages`); the shapes keep one sh:message per node, the Dutch one (Jena 4.5 refuses
  more: "More than one match"). Its results are compared with the fast path's as distinct
  (shape, severity, focus, value), blank nodes as one: Jena does not repeat a nested shape's
  results as pySHACL does, and its messages are its own.

The table gives p50 (median) and p99 (nearest rank) in seconds, peak memory in MiB, the number
of results and each p50 as a multiple of the fast path's.
"""

import argparse
import dataclasses
import hashlib
import json
import math
import os
import pickle
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

from pyshacl import validate
from pyshacl.errors import ValidationFailure
from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import SH, XSD
from rdflib.util import from_n3

from rolemap.loader import load
from rolemap.paths import default_data_dir, standards_dir
from rolemap.report import NL_SBB_PROFILE
from rolemap.validation import (
    _results_from_report,
    check_id,
    load_shapes,
    run_fast,
    to_oxigraph,
)

JENA_PACKAGE = "libapache-jena-java"
VERSIONED_JAR = re.compile(r"-\d[\w.-]*\.jar$")  # jena-core-4.5.0.jar beside jena-core.jar
NOWHERE = URIRef("urn:rolemap:benchmark:nowhere")  # a focus node in no graph

HARNESS = r"""
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.out.NodeFmtLib;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.validation.ReportEntry;
import java.util.ArrayList;
import java.util.List;

/** rolemap benchmarks/shacl.py: java JenaShaclBench DATA RUNS SHAPES... */
public class JenaShaclBench {
    static String nt(Node node) {
        return node == null ? "-" : NodeFmtLib.strNT(node).replace("\t", "\\t");
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Graph data = RDFDataMgr.loadGraph(args[0]);
        List<Shapes> shapes = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            shapes.add(Shapes.parse(RDFDataMgr.loadGraph(args[i])));
        }
        System.out.println("#load_s\t" + (System.nanoTime() - start) / 1e9);
        for (int run = 0; run < Integer.parseInt(args[1]); run++) {
            start = System.nanoTime();
            List<ReportEntry> entries = new ArrayList<>();
            for (Shapes s : shapes) {
                entries.addAll(ShaclValidator.get().validate(s, data).getEntries());
            }
            System.out.println("#validate_s\t" + (System.nanoTime() - start) / 1e9);
            for (ReportEntry e : run == 0 ? entries : List.<ReportEntry>of()) {
                System.out.println("R\t" + nt(e.severity().level()) + "\t" + nt(e.source())
                    + "\t" + nt(e.focusNode()) + "\t" + nt(e.value()));
            }
            System.out.flush();
        }
    }
}
"""


def p50(values: list[float]) -> float:
    return statistics.median(values)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.99 * len(ordered)) - 1)]


def peak_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def freeze_shapes(work: Path) -> None:
    """What rolemap.report validates with, rolemap's shapes and NL-SBB's profile if present,
    written once, so that every engine reads the same shapes even if shapes/ changes meanwhile."""
    load_shapes().serialize(work / "shapes-1-rolemap.ttl", format="turtle")
    profile = standards_dir() / NL_SBB_PROFILE
    if profile.exists():
        shutil.copy(profile, work / "shapes-2-NL-SBB.ttl")


def shape_graphs(work: Path) -> list[tuple[str, Graph]]:
    return [
        (path.stem.split("-", 2)[2], Graph().parse(path))
        for path in sorted(work.glob("shapes-*.ttl"))
    ]


def run_child(command: list[str], timeout: float, stdout=subprocess.DEVNULL) -> dict:
    """Run a process to its end, or kill it after `timeout` s: wall-clock, peak RSS, exit."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout)
    timed_out = False
    while not (done := os.wait4(process.pid, os.WNOHANG))[0]:
        if time.perf_counter() - start > timeout:
            process.kill()
            done, timed_out = os.wait4(process.pid, 0), True
            break
        time.sleep(0.05)
    _, status, usage = done
    return {
        "wall_s": time.perf_counter() - start,
        "exit": os.waitstatus_to_exitcode(status),
        "timed_out": timed_out,
        "peak_mib": usage.ru_maxrss / 1024,
    }


def stable(results: list, shapes: Graph) -> list:
    """The results with a blank shape's check (its blank node id, new at each parse) named by
    the shape that has it as sh:property and its path, so that processes can compare them."""
    names = {}
    for parent, shape in shapes.subject_objects(SH.property):
        path = shapes.value(shape, SH.path)
        if isinstance(shape, BNode) and isinstance(path, URIRef):
            names[check_id(shape)] = f"{check_id(parent)}/{path.n3(shapes.namespace_manager)}"
    return [dataclasses.replace(r, check=names.get(r.check, r.check)) for r in results]


# --- Workers: each in a process of its own; they write a pickle -----------------------------------


def worker_fast(data: Path, work: Path, repeat: int) -> dict:
    graph, shapes = load(data).graph, shape_graphs(work)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        store = to_oxigraph(graph)
        results = [run_fast(graph, s, store) for _, s in shapes]
        times.append(time.perf_counter() - start)
    results = [r for (_, s), found in zip(shapes, results, strict=True) for r in stable(found, s)]
    return {"times_s": times, "triples": len(graph), "results": results}


class Stopped(BaseException):
    """Raised by the timer in the middle of pySHACL (BaseException: nothing there catches it)."""


def worker_sample(data: Path, work: Path, per_shape: int, seed: int, limit: float) -> dict:
    from pyshacl.shapes_graph import ShapesGraph

    graph = load(data).graph

    def timed(**options) -> tuple[float, Graph]:
        start = time.perf_counter()
        _, report, _ = validate(graph, allow_warnings=True, advanced=True, **options)
        return time.perf_counter() - start, report

    def stop(*_):
        signal.setitimer(signal.ITIMER_REAL, 10)  # once more if something swallows this one
        raise Stopped

    signal.signal(signal.SIGALRM, stop)
    fixed, rows = [], []
    for name, shapes in shape_graphs(work):
        fixed.append(timed(shacl_graph=shapes, focus_nodes=[NOWHERE])[0])  # copy, gather, targets
        for shape in sorted(ShapesGraph(shapes).shapes, key=lambda s: str(s.node)):
            nodes = sorted(shape.focus_nodes(graph), key=str)
            if not nodes or isinstance(shape.node, BNode):
                continue
            iris = [n for n in nodes if isinstance(n, URIRef)]
            whole = not per_shape or len(nodes) <= per_shape or not iris
            sample = [] if whole else random.Random(f"{seed} {shape.node}").sample(iris, per_shape)
            row = {"shapes": name, "shape": str(shape.node), "check": check_id(shape.node)}
            row |= {"focus_nodes": len(nodes), "sample": sample, "whole": whole}
            one = {"shacl_graph": shapes, "use_shapes": [str(shape.node)], "inplace": True}
            base, started = 0.0, None
            try:
                signal.setitimer(signal.ITIMER_REAL, limit)
                if not whole:  # the cost of a call, on one node in no graph
                    base = timed(**one, focus_nodes=[NOWHERE])[0]
                started = time.perf_counter()
                spent, report = timed(**one, focus_nodes=sample)
                signal.setitimer(signal.ITIMER_REAL, 0)
                row["stopped"] = False
                if isinstance(report, ValidationFailure):  # pySHACL refuses the shape
                    row |= {"refused": report.message.splitlines()[0], "total_s": 0.0}
                    rows.append(row)
                    say(f"  {row['check']}: pySHACL refuses it: {row['refused']}")
                    continue
                row["results"] = stable(_results_from_report(report), shapes)
            except Stopped:
                signal.setitimer(signal.ITIMER_REAL, 0)
                spent = time.perf_counter() - started if started else 0.0
                row["stopped"] = True
            row["per_node_s"] = max(0.0, spent - base) / len(sample or nodes)
            row["total_s"] = row["per_node_s"] * len(nodes)
            rows.append(row)
            say(f"  {row['check']}: {row['total_s']:,.1f} s{' (at least)' * row['stopped']}")
    return {"fixed_s": fixed, "shapes": rows}


def spawn(work: Path, timeout: float, *options: str) -> dict:
    out = work / f"worker-{time.monotonic_ns()}.pickle"
    command = [sys.executable, __file__, "--out", str(out), *options]
    child = run_child(command, timeout)
    if child["timed_out"]:
        return child
    if child["exit"] != 0:
        raise SystemExit(f"worker failed (exit {child['exit']}): {' '.join(command)}")
    return child | pickle.loads(out.read_bytes())


# --- Apache Jena ----------------------------------------------------------------------------------


def _dpkg(*args: str) -> str | None:
    try:
        done = subprocess.run(["dpkg-query", *args], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout


def jena_classpath() -> list[str]:
    """The jars of Debian's Jena and of the Java packages it depends on (recursively), with
    one SLF4J binding (nop): Debian installs several, and two of them together stop the JVM."""
    jars, seen, todo = [], set(), [JENA_PACKAGE]
    while todo:
        package = todo.pop()
        if package in seen:
            continue
        seen.add(package)
        files = _dpkg("-L", package)
        if files is None:
            if package == JENA_PACKAGE:
                raise RuntimeError(f"{JENA_PACKAGE} is not installed (apt-get install {package})")
            continue
        for name in files.splitlines():
            jar = Path(name)
            if (
                jar.parent == Path("/usr/share/java")
                and jar.suffix == ".jar"
                and not VERSIONED_JAR.search(jar.name)
                and "slf4j" not in jar.name
                and "log4j" not in jar.name
            ):
                jars.append(str(jar))
        for alternatives in (_dpkg("-W", "-f=${Depends}", package) or "").split(","):
            name = alternatives.split("|")[0].split("(")[0].strip().split(":")[0]
            if name.startswith("lib") and name.endswith("-java"):
                todo.append(name)
    jars += [f"/usr/share/java/slf4j-{part}.jar" for part in ("api", "nop")]
    return list(dict.fromkeys(jars))


def xerces_messages(jars: list[str], folder: Path) -> list[str]:
    """Debian's jena-core moves Jena's copy of Xerces to the package `xerces` but leaves its
    message files under org/apache/jena/ext/xerces, so Jena fails ("internal error" in
    XSSimpleTypeDecl.applyFacets1). Copies where the classes look for them: [folder] or []."""
    core = next((jar for jar in jars if Path(jar).name == "jena-core.jar"), None)
    if core is None:
        return []
    prefix = "org/apache/jena/ext/xerces/"
    with zipfile.ZipFile(core) as jar:
        names = jar.namelist()
        if "xerces/impl/dv/xs/XSSimpleTypeDecl.class" not in names:
            return []  # not relocated: nothing to repair
        for name in names:
            if name.startswith(prefix) and name.endswith(".properties"):
                target = folder / "xerces" / name.removeprefix(prefix)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(jar.read(name))
    return [str(folder)]


def jena_setup(classpath: str | None) -> tuple[str, str]:
    """(class path, version), the harness compiled once into a cache folder."""
    jars = classpath.split(":") if classpath else jena_classpath()
    version = (_dpkg("-W", "-f=${Version}", JENA_PACKAGE) or "?").strip()
    if not shutil.which("javac"):
        raise RuntimeError("javac (a JDK) is needed to compile the timing harness")
    key = hashlib.sha1((HARNESS + ":".join(jars)).encode()).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"rolemap-shacl-bench-{key}"
    if not (folder / "JenaShaclBench.class").exists():
        folder.mkdir(exist_ok=True)
        (folder / "JenaShaclBench.java").write_text(HARNESS, encoding="utf-8")
        command = ["javac", "-cp", ":".join(jars), "-d", str(folder)]
        subprocess.run([*command, str(folder / "JenaShaclBench.java")], check=True)
    return ":".join([str(folder), *xerces_messages(jars, folder / "fix"), *jars]), version


def one_message(shapes: Graph) -> Graph:
    """The shapes with one sh:message per node, the Dutch one: Jena 4.5 accepts no more."""
    copy = Graph()
    copy += shapes
    for node in set(shapes.subjects(SH.message, None)):
        messages = sorted(shapes.objects(node, SH.message), key=lambda m: (m.language != "nl", m))
        for message in messages[1:]:
            copy.remove((node, SH.message, message))
    return copy


def run_jena(args: argparse.Namespace, work: Path) -> dict:
    classpath, version = jena_setup(args.jena_classpath)
    files = [work / "data.nt"]
    load(args.data).graph.serialize(files[0], format="nt", encoding="utf-8")
    for name, shapes in shape_graphs(work):
        files.append(work / f"jena-{name}.ttl")
        one_message(shapes).serialize(files[-1], format="turtle")
    out = work / "jena.tsv"
    runs = str(args.jena_runs or args.repeat + 1)
    command = ["java", "-cp", classpath, "JenaShaclBench", str(files[0]), runs]
    with out.open("w", encoding="utf-8") as stdout:
        child = run_child([*command, *map(str, files[1:])], args.jena_timeout, stdout)
    if child["exit"] != 0 and not child["timed_out"]:
        raise RuntimeError(f"Jena failed (exit {child['exit']}): {' '.join(command)}")
    lines = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    return child | {
        "version": version,
        "load_s": next((float(c[1]) for c in lines if c[0] == "#load_s"), None),
        "times_s": [float(c[1]) for c in lines if c[0] == "#validate_s"],
        "rows": [c[1:] for c in lines if c[0] == "R"],
    }


# --- Comparing results ----------------------------------------------------------------------------


def term(node: Node | None) -> str | None:
    """A node as engines agree on it: blank nodes as one, xsd:string literals as plain ones."""
    if node is None:
        return None
    if isinstance(node, BNode):
        return "_:"
    if isinstance(node, Literal) and node.datatype == XSD.string:
        node = Literal(str(node))
    return node.n3()


def loose_keys(results, iri_checks: set[str]) -> Counter:
    return Counter(
        (r.check if r.check in iri_checks else "_:", r.severity, term(r.focus), term(r.value))
        for r in results
    )


def jena_keys(rows: list[list[str]]) -> Counter:
    def node(text: str) -> str | None:
        return None if text == "-" else term(from_n3(text.replace("\\t", "\t")))

    return Counter(
        (
            "_:" if source.startswith("_:") else check_id(URIRef(source[1:-1])),
            check_id(URIRef(severity[1:-1])),
            node(focus),
            node(value),
        )
        for severity, source, focus, value in rows
    )


def difference(one: Counter, other: Counter) -> str:
    """'same', or how many results only each side has, with the checks they are in."""
    extra, missing = one - other, other - one
    if not extra and not missing:
        return "same"
    checks = Counter(k[0] for k in extra) + Counter(k[0] for k in missing)
    return (
        f"DIFFERENT: {extra.total()} only in the fast path, {missing.total()} only in the other;"
        f" checks {dict(checks.most_common(5))}"
    )


def pyshacl_agreement(fast_results: list, rows: list[dict]) -> str:
    """pySHACL's results, shape by shape (on its sampled focus nodes if it was sampled), against
    the fast path's for the same check and nodes. A shape's own results are pooled over every
    shape's run, for sh:node repeats a nested shape's results as details of the outer one."""
    done = [r for r in rows if not r["stopped"] and "refused" not in r]
    theirs = [result for r in done for result in r["results"]]
    different = []
    for r in done:
        nodes = set(r["sample"])

        def keys(results, r=r, nodes=nodes) -> Counter:
            return Counter(
                x.key()
                for x in results
                if x.check == r["check"] and (r["whole"] or x.focus in nodes)
            )

        if keys(fast_results) != keys(theirs):
            different.append(r["check"])
    sampled = sum(len(r["sample"]) for r in done if not r["whole"])
    whole = sum(r["whole"] for r in done)
    said = f"{whole} shapes whole" + (f", {sampled} sampled focus nodes" if sampled else "")
    if different:
        return f"DIFFERENT from the fast path ({said}) in {', '.join(different)}"
    return f"same results as the fast path ({said})"


# --- Main -----------------------------------------------------------------------------------------


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def row(engine: str, times: list[float], fast_p50: float, peak, results, note="") -> dict:
    return {
        "engine": engine,
        "runs": len(times),
        "p50_s": p50(times),
        "p99_s": p99(times),
        "peak_mib": peak,
        "results": results,
        "ratio": p50(times) / fast_p50,
        "note": note,
    }


def benchmark(args: argparse.Namespace, work: Path) -> dict:
    data = ["--data", str(args.data)]
    freeze_shapes(work)
    data += ["--shapes", str(work)]
    iri_checks = {check_id(s) for _, g in shape_graphs(work) for s in g.all_nodes()}
    say(f"fast path on {args.data}, {args.repeat} runs …")
    fast = spawn(work, math.inf, "--worker", "fast", *data, "--repeat", str(args.repeat))
    fast_p50 = p50(fast["times_s"])
    report = {"data": str(args.data), "triples": fast["triples"], "rows": []}
    rows = report["rows"]
    rows.append(row("fast path", fast["times_s"], fast_p50, fast["peak_mib"], len(fast["results"])))

    if not args.no_pyshacl:
        m = args.pyshacl_sample
        say(f"pySHACL shape by shape, {f'{m} focus nodes a shape' if m else 'whole'} …")
        options = ["--pyshacl-sample", str(m), "--seed", str(args.seed)]
        options += ["--pyshacl-timeout", str(args.pyshacl_timeout)]
        part = spawn(work, math.inf, "--worker", "sample", *data, *options)
        shapes = part["shapes"]
        total = sum(part["fixed_s"]) + sum(r["total_s"] for r in shapes)
        stopped = [r["check"] for r in shapes if r["stopped"]]
        refused = [r["check"] for r in shapes if "refused" in r]
        sampled = [r for r in shapes if not r["whole"]]
        note = (
            f"estimated from {m} random focus nodes a shape (seed {args.seed}), " if sampled else ""
        )
        note += pyshacl_agreement(fast["results"], shapes)
        if stopped:
            limit = f"{args.pyshacl_timeout:,.0f} s"
            note += f"; a lower bound: {', '.join(stopped)} stopped after {limit}"
        if refused:
            why = next(r["refused"] for r in shapes if "refused" in r)
            note += f"; REFUSES {', '.join(refused)} ({why}): left out"
        results = None if sampled or stopped else sum(len(r.get("results", ())) for r in shapes)
        engine = "pySHACL, sampled" if sampled else "pySHACL, shape by shape"
        rows.append(row(engine, [total], fast_p50, part["peak_mib"], results, note))
        for r in shapes:
            r.pop("results", None)
            r["sample"] = [str(n) for n in r["sample"]]
        report["pyshacl"] = part

    if not args.no_jena:
        say("Jena …")
        try:
            jena = run_jena(args, work)
        except (RuntimeError, subprocess.CalledProcessError) as error:
            say(f"Jena skipped: {error}")
            return report
        if jena["timed_out"] and not jena["times_s"]:
            note = f"stopped after {args.jena_timeout:,.0f} s, in its first validation: a lower"
            note += f" bound (from JVM start; parsing {jena['load_s'] or 0:,.1f} s)"
            engine, peak = f"Jena {jena['version']}", jena["peak_mib"]
            rows.append(row(engine, [jena["wall_s"]], fast_p50, peak, None, note))
            return report
        ours, theirs = loose_keys(fast["results"], iri_checks), jena_keys(jena["rows"])
        check = difference(Counter(set(ours)), Counter(set(theirs)))
        note = f"distinct (shape, severity, focus, value), as the report dedupes them: {check}"
        if ours != theirs:  # pySHACL, so the fast path, repeats a nested shape's results
            note += f" ({ours.total():,} results with repeats, Jena {theirs.total():,})"
        first, warm = jena["times_s"][0], jena["times_s"][1:] or jena["times_s"]
        note += f"; first validation in the JVM {first:,.2f} s"
        note += (
            f"; wall-clock from JVM start {jena['wall_s']:,.1f} s (parsing {jena['load_s']:,.1f} s)"
        )
        engine = f"Jena {jena['version']}, warm"
        rows.append(row(engine, warm, fast_p50, jena["peak_mib"], len(jena["rows"]), note))
        report["jena_same"] = check == "same"
        report["jena"] = {k: v for k, v in jena.items() if k != "rows"}
    return report


def print_report(report: dict) -> None:
    print(f"\n{report['data']}: {report['triples']:,} triples with the ontology\n")
    print("| engine | runs | p50 (s) | p99 (s) | peak MiB | results | × fast path | note |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for r in report["rows"]:
        peak = "-" if r["peak_mib"] is None else f"{r['peak_mib']:,.0f}"
        results = "-" if r["results"] is None else f"{r['results']:,}"
        print(
            f"| {r['engine']} | {r['runs']} | {r['p50_s']:,.2f} | {r['p99_s']:,.2f} | {peak} | "
            f"{results} | {r['ratio']:,.1f}× | {r['note']} |"
        )
    sample = report.get("pyshacl_sample")
    if sample:
        print("\npySHACL sampled, slowest shapes: focus nodes, s per node, s in all")
        for r in sorted(sample["shapes"], key=lambda r: -r["total_s"])[:10]:
            bound = "≥" if r["stopped"] else " "
            print(
                f"  {r['check']:34} {r['focus_nodes']:8,} {bound}{r['per_node_s']:9.4f} "
                f"{bound}{r['total_s']:11,.1f}"
            )
        print(f"  fixed cost of the calls: {', '.join(f'{s:.1f} s' for s in sample['fixed_s'])}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="a data set folder (default: Overvecht)")
    parser.add_argument("--repeat", type=int, default=5, help="fast path and Jena runs (5)")
    parser.add_argument("--no-pyshacl", action="store_true")
    parser.add_argument("--pyshacl-sample", type=int, default=0, metavar="M", help="0: whole")
    parser.add_argument("--pyshacl-timeout", type=float, default=3600, help="s a shape (3600)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-jena", action="store_true")
    parser.add_argument("--jena-runs", type=int, help="validations in the JVM (repeat + 1)")
    parser.add_argument("--jena-timeout", type=float, default=3600, help="s (3600)")
    parser.add_argument("--jena-classpath", help="instead of Debian's jars")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--worker", choices=["fast", "sample"], help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--shapes", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.data = (args.data or default_data_dir()).resolve()
    if args.worker:
        if args.worker == "fast":
            out = worker_fast(args.data, args.shapes, args.repeat)
        else:
            out = worker_sample(
                args.data, args.shapes, args.pyshacl_sample, args.seed, args.pyshacl_timeout
            )
        args.out.write_bytes(pickle.dumps(out | {"peak_mib": peak_mib()}))
        return
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rolemap-shacl-") as work:
        report = benchmark(args, Path(work))
    report["wall_s"] = time.perf_counter() - start
    print_report(report)
    print(f"\nwhole benchmark: {report['wall_s']:,.0f} s wall-clock")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()

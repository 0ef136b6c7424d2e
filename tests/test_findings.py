"""The overlap checks: each fires where it should and not where it should not, and the fast
path (one query per check on Oxigraph) gives exactly pySHACL's results."""

import re
import unicodedata
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import SH

from rolemap.loader import load
from rolemap.report import build_report
from rolemap.terms import Terms
from rolemap.text import normalise
from rolemap.validation import load_shapes, run_fast, run_pyshacl

FINDINGS = Path(__file__).parent / "fixtures" / "shapes" / "findings"
TWO_TEAMS = FINDINGS / "two_teams"
OVERLAP_CHECKS = [
    "homonym",
    "same-work-different-words",
    "overlapping-task",
    "connotation",
    "coverage-gap",
    "unsettled-case",
]


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes()


def _keys(results) -> set:
    return {result.key() for result in results}


def _checks(kg) -> dict[str, str]:
    """check id -> status, for the overlap checks in a report."""
    report = build_report(kg)
    found: dict[str, set[str]] = {}
    for finding in report.findings:
        found.setdefault(finding.check, set()).add(finding.status)
    return {check: ",".join(sorted(statuses)) for check, statuses in found.items()}


def test_every_overlap_check_fires_on_two_teams():
    checks = _checks(load(TWO_TEAMS))
    assert {check: checks.get(check) for check in OVERLAP_CHECKS} == dict.fromkeys(
        OVERLAP_CHECKS, "open"
    )


def test_no_overlap_check_fires_for_a_single_organisation():
    checks = _checks(load(Path(__file__).parent / "fixtures" / "new_organisation"))
    assert set(checks) & set(OVERLAP_CHECKS) == set()


def test_agreements_matches_and_coverage_settle_or_remove_findings():
    kg = load(TWO_TEAMS, extra_files=[FINDINGS / "settles_everything.ttl"])
    checks = _checks(kg)
    assert "homonym" not in checks  # exactMatch: same meaning, not a homonym
    assert "coverage-gap" not in checks  # a task now covers the need
    assert checks["unsettled-case"] == "settled"
    assert checks["overlapping-task"] == "settled"


def test_homonym_folds_case_diacritics_hyphens_and_digits():
    report = build_report(load(TWO_TEAMS))
    (homonym,) = [f for f in report.findings if f.check == "homonym"]
    assert {o["id"] for o in homonym.organisations} == {"noord", "zuid"}
    assert "Één-op-één traject" in homonym.message


def test_homonym_ignores_invisible_characters(tmp_path):
    """A zero-width space pasted into a label: still the same word, for the report and the
    look-up alike (the report split it into two words)."""
    text = (TWO_TEAMS / "two_teams.ttl").read_text(encoding="utf-8")
    (tmp_path / "two_teams.ttl").write_text(
        text.replace('"1-op-1 traject"@nl', '"1-op-1 tra\u200bject"@nl'), encoding="utf-8"
    )
    kg = load(tmp_path)
    assert "homonym" in _checks(kg)
    assert Terms.from_graph(kg).look_up("één-op-één traject")["ambiguous"] is True


# The label key of the pairwise checks: the BIND steps from a label ?l1 to its ?key (?key1).
_KEY_STEPS = re.compile(r"BIND \(REPLACE\(LCASE\(STR\(\?l1\)\).*?AS \?key1?\)", re.S)
# Compatibility letters that fold to a letter and a sign (l with a middle dot, n with an
# apostrophe): the shapes leave them.
_NOT_FOLDED = set("Ŀŀŉ")


def _key_steps() -> str:
    """The key's steps, checked to be one text wherever findings.ttl repeats them."""
    shapes = Graph().parse(Path(__file__).parents[1] / "shapes" / "findings.ttl")
    found = {
        " ".join(step.group().replace("?key1", "?key").split())
        for select in shapes.objects(None, SH.select)
        for step in _KEY_STEPS.finditer(str(select))
    }
    assert len(found) == 1, "the label key differs between checks"
    return found.pop()


def _tricky_labels() -> list[str]:
    letters = [chr(cp) for cp in range(0xC0, 0x180) if chr(cp) not in _NOT_FOLDED]
    invisible = [chr(cp) for cp in range(0x110000) if unicodedata.category(chr(cp)) == "Cf"]
    words = [unicodedata.normalize("NFD", "Één-op-één café"), "1-op-1_traject", "ĲSSEL"]
    return [f"wijk{char}kracht" for char in letters + invisible] + words


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_the_shapes_label_key_is_the_look_ups(engine):
    """Homonyms in the report and ambiguity in the look-up compare labels the same way:
    the shapes' SPARQL steps give text.normalise for every Latin letter with a diacritic,
    every invisible format character and decomposed input, on both SPARQL engines."""
    labels = _tricky_labels()
    query = f"SELECT ?s ?key WHERE {{ ?s <urn:label> ?l1 . {_key_steps()} }}"
    if engine == "oxigraph":
        store = pyoxigraph.Store()
        for i, label in enumerate(labels):
            store.add(
                pyoxigraph.Quad(
                    pyoxigraph.NamedNode(f"urn:{i}"),
                    pyoxigraph.NamedNode("urn:label"),
                    pyoxigraph.Literal(label),
                )
            )
        keys = {int(row["s"].value[4:]): row["key"].value for row in store.query(query)}
    else:
        graph = Graph()
        for i, label in enumerate(labels):
            graph.add((URIRef(f"urn:{i}"), URIRef("urn:label"), Literal(label)))
        keys = {int(str(row.s)[4:]): str(row.key) for row in graph.query(query)}
    wrong = {labels[i]: key for i, key in keys.items() if key != normalise(labels[i])}
    assert len(keys) == len(labels) and wrong == {}


def test_fast_path_equals_plain_pyshacl_on_a_fixture(shapes):
    kg = load(TWO_TEAMS)
    assert _keys(run_fast(kg.graph, shapes)) == _keys(
        run_pyshacl(kg.graph, shapes, on_oxigraph=True)
    )


def test_fast_path_equals_pyshacl_on_the_settled_fixture(shapes):
    kg = load(TWO_TEAMS, extra_files=[FINDINGS / "settles_everything.ttl"])
    assert _keys(run_fast(kg.graph, shapes)) == _keys(
        run_pyshacl(kg.graph, shapes, on_oxigraph=True)
    )


def test_fast_path_equals_pyshacl_on_the_shipped_data(overvecht, shapes):
    # pySHACL on rdflib's own SPARQL engine needs over 15 minutes here; on Oxigraph, seconds.
    reference = _keys(run_pyshacl(overvecht.graph, shapes, on_oxigraph=True))
    assert reference
    assert _keys(run_fast(overvecht.graph, shapes)) == reference


@pytest.mark.parametrize(
    ("where", "paired"),
    [("apart.ttl", False), ("within.ttl", True)],
    ids=["sibling-districts", "district-within-a-commissioned-city"],
)
def test_pairwise_checks_pair_organisations_that_work_in_the_same_place(where, paired, shapes):
    kg = load(TWO_TEAMS, extra_files=[FINDINGS / where])
    checks = _checks(kg)
    assert ("homonym" in checks, "overlapping-task" in checks) == (paired, paired)
    assert _keys(run_fast(kg.graph, shapes)) == _keys(
        run_pyshacl(kg.graph, shapes, on_oxigraph=True)
    )
    assert Terms.from_graph(kg).look_up("één-op-één traject")["ambiguous"] is paired

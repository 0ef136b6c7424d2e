"""The overlap checks: each fires where it should and not where it should not, and the fast
path (one query per check on Oxigraph) gives exactly pySHACL's results."""

from pathlib import Path

import pytest
from rdflib import Graph

from rolemap.loader import load
from rolemap.report import build_report
from rolemap.terms import Terms
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

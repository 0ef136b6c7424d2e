"""National conformance: the organisations' concept schemes follow NL-SBB, checked with
Geonovum's own SHACL profile (read from shared/standards, never copied into the project)."""

import pytest
from rdflib import Graph

from rolemap.paths import standards_dir
from rolemap.report import NL_SBB_PROFILE, build_report
from rolemap.validation import run_fast, run_pyshacl

PROFILE = standards_dir() / NL_SBB_PROFILE


@pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here (shared/standards)")
def test_shipped_data_has_no_nl_sbb_violation(overvecht):
    results = run_pyshacl(overvecht.graph, Graph().parse(PROFILE), on_oxigraph=True)
    violations = [(str(r.focus), r.messages) for r in results if r.severity == "Violation"]
    assert violations == []
    assert results, "the profile ran no check"


@pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here (shared/standards)")
def test_nl_sbb_warnings_are_findings_of_their_own_in_the_report(overvecht):
    report = build_report(overvecht)
    assert report.summary["nl_sbb"].startswith("checked")
    nl_sbb = [f for f in report.findings if f.check.startswith(("Concept", "ConceptScheme"))]
    assert nl_sbb and all(f.severity == "Warning" for f in nl_sbb)


@pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here (shared/standards)")
def test_fast_path_equals_pyshacl_for_the_nl_sbb_profile(overvecht):
    profile = Graph().parse(PROFILE)
    reference = {r.key() for r in run_pyshacl(overvecht.graph, profile, on_oxigraph=True)}
    assert {r.key() for r in run_fast(overvecht.graph, profile)} == reference

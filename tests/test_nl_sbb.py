"""National conformance: the organisations' concept schemes follow NL-SBB, checked with
Geonovum's own SHACL profile (read from shared/standards, never copied into the project)."""

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF, SH

from rolemap.paths import standards_dir
from rolemap.report import build_report
from rolemap.validation import _results_from_report, run_fast

PROFILE = standards_dir() / "nl-sbb-skos-ap-nl.ttl"


@pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here (shared/standards)")
def test_shipped_data_has_no_nl_sbb_violation(overvecht):
    profile = Graph().parse(PROFILE)
    data = Graph(store="Oxigraph")  # pySHACL's queries on Oxigraph: seconds instead of minutes
    data += overvecht.graph
    _, report, _ = validate(data, shacl_graph=profile, allow_warnings=True, inplace=True)
    violations = [
        (str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultMessage)))
        for r in report.subjects(RDF.type, SH.ValidationResult)
        if report.value(r, SH.resultSeverity) == SH.Violation
    ]
    assert violations == []
    assert any(report.subjects(RDF.type, SH.ValidationResult)), "the profile ran no check"


@pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here (shared/standards)")
def test_nl_sbb_warnings_are_findings_of_their_own_in_the_report(overvecht):
    report = build_report(overvecht)
    assert report.summary["nl_sbb"].startswith("checked")
    nl_sbb = [f for f in report.findings if f.check.startswith(("Concept", "ConceptScheme"))]
    assert nl_sbb and all(f.severity == "Warning" for f in nl_sbb)


@pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here (shared/standards)")
def test_fast_path_equals_pyshacl_for_the_nl_sbb_profile(overvecht):
    profile = Graph().parse(PROFILE)
    data = Graph(store="Oxigraph")
    data += overvecht.graph
    for prefix, namespace in overvecht.graph.namespaces():
        data.bind(prefix, namespace, replace=True)
    _, report, _ = validate(data, shacl_graph=profile, allow_warnings=True, inplace=True)
    reference = {r.key() for r in _results_from_report(report)}
    assert {r.key() for r in run_fast(overvecht.graph, profile)} == reference

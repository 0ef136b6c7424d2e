"""National conformance: the organisations' concept schemes follow NL-SBB, checked with
Geonovum's own SHACL profile (read from shared/standards, never copied into the project)."""

import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import RDF, SH

from rolemap.paths import standards_dir

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

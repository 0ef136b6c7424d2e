"""National conformance: the organisations' concept schemes follow NL-SBB, checked with
Geonovum's own SHACL profile (read from shared/standards, never copied into the project)."""

from collections import Counter

import pytest
from rdflib import Graph

from rolemap.paths import standards_dir
from rolemap.report import NL_SBB_PROFILE, build_report
from rolemap.validation import run_fast, run_pyshacl, to_oxigraph

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


class _CountingStore:
    """An Oxigraph store that counts the queries asked of it."""

    def __init__(self, store) -> None:
        self.store, self.asked = store, Counter()

    def query(self, query: str):
        self.asked[query] += 1
        return self.store.query(query)


TWO_CONCEPTS_ONE_LABEL = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/> .
ex:kader a skos:ConceptScheme .
ex:a a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "wijkkracht"@nl .
ex:b a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "wijkkracht"@nl .
"""


@pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here (shared/standards)")
def test_a_constraint_two_shapes_share_is_asked_once():
    """NL-SBB gives UniquePreflabelWithinConceptScheme to two shapes with one target (quadratic
    nationally: 26 s each at 342 municipalities): one query, a result for each shape."""
    data = Graph().parse(data=TWO_CONCEPTS_ONE_LABEL, format="turtle")
    store = _CountingStore(to_oxigraph(data))
    results = run_fast(data, Graph().parse(PROFILE), store=store)
    assert [query for query, n in store.asked.items() if n > 1] == []
    unique = "Meerdere begrippen met dezelfde voorkeursterm"
    by_shape = Counter(r.check for r in results if any(unique in m for _, m in r.messages))
    assert len(by_shape) == 2 and set(by_shape.values()) == {2}  # ex:a and ex:b, each shape

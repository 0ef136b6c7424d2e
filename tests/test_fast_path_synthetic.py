"""The fast path (rolemap.validation.run_fast) gives exactly pySHACL's results on synthetic
national data (rolemap.synth, two municipalities), for rolemap's shapes and NL-SBB's profile.

Results are compared as multisets of Result.key(): the same findings, each as often. For rolemap's
shapes pySHACL runs with its data graph in Oxigraph (`on_oxigraph=True`): on rdflib's own SPARQL
engine it needs over 15 minutes on these ~4,600 triples, even with the suite's parsed-query cache.
The data set is whatever the generator writes, so this test follows it as it grows.
"""

from collections import Counter

import pytest
from rdflib import Graph

from rolemap.loader import KnowledgeGraph, load
from rolemap.paths import standards_dir
from rolemap.report import NL_SBB_PROFILE
from rolemap.synth import write_synthetic
from rolemap.validation import Result, load_shapes, run_fast, run_pyshacl

PROFILE = standards_dir() / NL_SBB_PROFILE


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> KnowledgeGraph:
    folder = tmp_path_factory.mktemp("synth2")
    write_synthetic(folder, municipalities=2, seed=0)
    return load(folder)


def _keys(results: list[Result]) -> Counter:
    return Counter(result.key() for result in results)


def _compare(kg: KnowledgeGraph, shapes: Graph, on_oxigraph: bool) -> tuple[Counter, Counter]:
    """(fast path, pySHACL) as multisets of Result.key()."""
    reference = run_pyshacl(kg.graph, shapes, on_oxigraph=on_oxigraph)
    return _keys(run_fast(kg.graph, shapes)), _keys(reference)


def _difference(fast: Counter, reference: Counter) -> dict[str, list]:
    """What differs (at most five of each, with how many times more), readable when it fails."""
    return {
        "fast path": sorted((fast - reference).items(), key=str)[:5],
        "pySHACL": sorted((reference - fast).items(), key=str)[:5],
    }


SAME = {"fast path": [], "pySHACL": []}


def test_fast_path_gives_pyshacls_results_for_rolemaps_shapes(synthetic) -> None:
    fast, reference = _compare(synthetic, load_shapes(), on_oxigraph=True)
    assert reference, "no shape fired: the comparison would prove nothing"
    assert {check for check, *_ in reference} >= {"homonym"}
    assert _difference(fast, reference) == SAME
    assert fast == reference


def test_fast_path_gives_pyshacls_results_for_the_nl_sbb_profile(synthetic) -> None:
    if not PROFILE.exists():
        pytest.skip(f"{PROFILE} is not here (shared/standards)")
    # NL-SBB's constraints are cheap for rdflib: 2 s here, against 11 s with Oxigraph.
    fast, reference = _compare(synthetic, Graph().parse(PROFILE), on_oxigraph=False)
    assert reference
    assert _difference(fast, reference) == SAME

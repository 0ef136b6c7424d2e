"""How the fast path asks a standard's SPARQL constraints. Query plans (shapes/plans): a
constraint written again in an order Oxigraph runs fast; each must mean what it replaces (the
same rows on a graph that has every case), still match the standard's text, and be what the
fast path asks. A constraint two shapes share is asked once."""

from collections import Counter

import pyoxigraph
import pytest
from rdflib import Graph
from rdflib.namespace import SH

from rolemap.paths import standards_dir
from rolemap.report import NL_SBB_PROFILE
from rolemap.validation import query_plans, run_fast, to_oxigraph

PROFILE = standards_dir() / NL_SBB_PROFILE
needs_profile = pytest.mark.skipif(not PROFILE.exists(), reason=f"{PROFILE} is not here")

# Same label in one scheme (a, b), the same label in another scheme (c), one concept in two
# schemes (d, with a's label in the second), a label in two languages, a concept alone.
EVERY_CASE = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/> .
ex:a skos:inScheme ex:noord ; skos:prefLabel "wijkkracht"@nl .
ex:b skos:inScheme ex:noord ; skos:prefLabel "wijkkracht"@nl .
ex:c skos:inScheme ex:zuid ; skos:prefLabel "wijkkracht"@nl .
ex:d skos:inScheme ex:zuid , ex:west ; skos:prefLabel "buurtkracht"@nl , "wijkkracht"@en .
ex:e skos:inScheme ex:west ; skos:prefLabel "wijkkracht"@en .
ex:f skos:inScheme ex:west ; skos:prefLabel "alleen"@nl .
"""
PREFIXES = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def _rows(store: pyoxigraph.Store, select: str) -> list[tuple]:
    solutions = store.query(PREFIXES + select.replace("$this", "?this"))
    names = [variable.value for variable in solutions.variables]
    return sorted(tuple(str(row[name]) for name in names) for row in solutions)


@pytest.mark.parametrize("original", sorted(query_plans()))
def test_a_plan_gives_the_rows_of_the_query_it_replaces(original):
    store = to_oxigraph(Graph().parse(data=EVERY_CASE, format="turtle"))
    rows = _rows(store, original)
    assert rows, "the graph shows no case the query finds"
    assert _rows(store, query_plans()[original]) == rows


@needs_profile
def test_every_plan_still_matches_the_standard():
    """A changed standard runs as written: a plan that matches nothing is stale."""
    selects = {" ".join(str(s).split()) for s in Graph().parse(PROFILE).objects(None, SH.select)}
    assert set(query_plans()) <= selects


class _CountingStore:
    """An Oxigraph store that notes each query asked of it (whitespace collapsed)."""

    def __init__(self, store: pyoxigraph.Store) -> None:
        self.store, self.asked = store, Counter()

    def query(self, query: str):
        self.asked[" ".join(query.split())] += 1
        return self.store.query(query)


@needs_profile
def test_the_fast_path_asks_the_plan():
    data = Graph().parse(data=EVERY_CASE, format="turtle")
    store = _CountingStore(to_oxigraph(data))
    run_fast(data, Graph().parse(PROFILE), store=store)
    for plan in query_plans().values():
        where = " ".join(plan.split()).split("WHERE {", 1)[1].replace("$this", "?this")
        assert any(where.strip(" }") in asked for asked in store.asked)


TWO_CONCEPTS_ONE_LABEL = """
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix ex: <https://example.org/> .
ex:kader a skos:ConceptScheme .
ex:a a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "wijkkracht"@nl .
ex:b a skos:Concept ; skos:inScheme ex:kader ; skos:prefLabel "wijkkracht"@nl .
"""


@needs_profile
def test_a_constraint_two_shapes_share_is_asked_once():
    """NL-SBB gives UniquePreflabelWithinConceptScheme to two shapes with one target: one
    query, a result for each shape."""
    data = Graph().parse(data=TWO_CONCEPTS_ONE_LABEL, format="turtle")
    store = _CountingStore(to_oxigraph(data))
    results = run_fast(data, Graph().parse(PROFILE), store=store)
    assert [query for query, n in store.asked.items() if n > 1] == []
    unique = "Meerdere begrippen met dezelfde voorkeursterm"
    by_shape = Counter(r.check for r in results if any(unique in m for _, m in r.messages))
    assert len(by_shape) == 2 and set(by_shape.values()) == {2}  # ex:a and ex:b, each shape

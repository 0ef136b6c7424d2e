"""When two organisations work in the same place (the rule of the pairwise shapes), and the index
that finds them without comparing every pair."""

import random

from rdflib import URIRef

from rolemap.working_areas import SamePlace, WorkingAreas

CITY, NORTH, SOUTH, STREET = (
    URIRef(f"https://example.org/{n}") for n in ["city", "north", "south", "street"]
)
PARENTS = {CITY: set(), NORTH: {CITY}, SOUTH: {CITY}, STREET: {NORTH, CITY}}


def works_in(*areas: URIRef) -> WorkingAreas:
    return WorkingAreas(frozenset(areas), frozenset(areas) | {p for a in areas for p in PARENTS[a]})


def test_within_or_equal_is_the_same_place_siblings_are_not():
    assert works_in(NORTH).same_place(works_in(CITY))
    assert works_in(CITY).same_place(works_in(STREET))
    assert works_in(NORTH).same_place(works_in(NORTH))
    assert not works_in(NORTH).same_place(works_in(SOUTH))
    assert not works_in(STREET).same_place(works_in(SOUTH))


def test_without_a_working_area_an_organisation_works_anywhere():
    assert WorkingAreas().same_place(works_in(SOUTH))
    assert works_in(NORTH).same_place(WorkingAreas())


def test_the_index_finds_exactly_what_the_rule_pairs():
    rng = random.Random(7)
    choices = [(), (CITY,), (NORTH,), (SOUTH,), (STREET,), (NORTH, SOUTH)]
    items = [works_in(*rng.choice(choices)) for _ in range(60)]
    index = SamePlace(items, lambda item: item)
    for item in items:
        expected = [other for other in items if item.same_place(other)]
        assert index.of(item) == expected

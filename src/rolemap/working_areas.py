"""Where an organisation works, and when two work in the same place: the rule of the pairwise
shapes (homonym, overlapping-task in shapes/findings.ttl), so look-ups and routing agree with
them."""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rdflib import Graph, Node, URIRef

from rolemap.namespaces import RM

T = TypeVar("T")


@dataclass(frozen=True)
class WorkingAreas:
    areas: frozenset[URIRef] = frozenset()  # its own working areas and its commissions'
    around: frozenset[URIRef] = frozenset()  # those and every area they lie within

    def same_place(self, other: "WorkingAreas") -> bool:
        """One works in an area of the other or within it; without a working area, anywhere."""
        if not self.areas or not other.areas:
            return True
        return bool(self.areas & other.around or other.areas & self.around)


def working_areas(graph: Graph, organisation: Node) -> WorkingAreas:
    commissions = graph.subjects(RM.commissionedTo, organisation)
    areas = frozenset(graph.objects(organisation, RM.workingArea)) | {
        area for commission in commissions for area in graph.objects(commission, RM.workingArea)
    }
    around = frozenset(
        within for area in areas for within in graph.transitive_objects(area, RM.partOfArea)
    )
    return WorkingAreas(areas, around)


class SamePlace(Generic[T]):
    """Finds, among many items (senses, tasks), those whose organisations work in the same place
    as a given one, without comparing every pair: a word used across the country has hundreds."""

    def __init__(self, items: Sequence[T], areas_of: Callable[[T], WorkingAreas]) -> None:
        self._items, self._areas_of = list(items), areas_of
        self._within: dict[URIRef, list[int]] = defaultdict(list)  # works in or within the area
        self._at: dict[URIRef, list[int]] = defaultdict(list)  # works in the area itself
        self._anywhere: list[int] = []
        for position, item in enumerate(self._items):
            areas = areas_of(item)
            if not areas.areas:
                self._anywhere.append(position)
            for area in areas.around:
                self._within[area].append(position)
            for area in areas.areas:
                self._at[area].append(position)

    def of(self, item: T) -> list[T]:
        """The items working in the same place as `item` (itself included), in input order."""
        areas = self._areas_of(item)
        if not areas.areas:
            return list(self._items)
        positions = set(self._anywhere)
        for area in areas.areas:
            positions.update(self._within[area])
        for area in areas.around:
            positions.update(self._at[area])
        return [self._items[position] for position in sorted(positions)]

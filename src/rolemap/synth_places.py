"""Who works where in a synthetic municipality: its organisations, its area and districts with
PC4 postcodes, the organisations' working areas and district teams, and the commissions the
municipality gives them (dated, under a law), modelled as data/overvecht/organisations.ttl does.

Postcodes: the four-digit range is cut into blocks of 25; a seeded order of the blocks gives each
municipality its own, so postcodes are unique in the first 360 municipalities (then they recur).
Every current commission ends on 31 December of END: the router answers for the last day the
commissions cover once that day has passed, and on that day every municipality is served.
"""

import random
from dataclasses import dataclass, field
from functools import cache
from itertools import product

from rolemap.synth_turtle import Ids, Pairs, block, literal, named, texts, typed
from rolemap.synth_vocab import Concept, vocabularies
from rolemap.synth_words import NAME_ENDS, NAME_STARTS, ORG_ABOUT, ORG_NAMES, ORG_VIEWS
from rolemap.synth_work_words import COMMISSIONED_WORK, KINDS_WITH_TEAMS, PROFILE_AT, QUARTERS

ORGANISATIONS = 8  # per municipality: the municipality itself and seven other organisations
DISTRICTS = (2, 5)
POSTCODES_PER_DISTRICT = (1, 4)
FIRST_POSTCODE, POSTCODE_BLOCK = 1000, 25
POSTCODE_BLOCKS = (10_000 - FIRST_POSTCODE) // POSTCODE_BLOCK
FIRST_YEAR, END = 2015, 2028
DASH = "\N{EN DASH}"
TWO_PERIODS = 0.5  # the share of commissions renewed once, at the end of 2018, 2019 or 2020


@dataclass(frozen=True)
class Org:
    id: str
    kind: str  # the id of its row in ORG_NAMES
    cls: str
    name: tuple[str, str]
    about: tuple[str, ...]
    view: tuple[str, ...]  # how it means its words: what sets its senses apart

    @property
    def iri(self) -> str:
        return f"orgs:{self.id}"


@dataclass
class Area:
    iri: str
    label: tuple[str, str]
    postcodes: list[str] = field(default_factory=list)
    parent: "Area | None" = None
    quarter: tuple[str, ...] = ()  # a district's name within the municipality: nl, en


@dataclass
class Team:
    iri: str
    org: Org
    district: Area


@dataclass
class Commission:
    iri: str
    org: Org
    areas: list[Area]
    years: tuple[int, int]
    law: Concept
    work: tuple[str, ...]


def organisations(rng: random.Random, tag: str, place: str) -> list[Org]:
    kinds = [0, *sorted(rng.sample(range(1, len(ORG_NAMES)), ORGANISATIONS - 1))]
    brands = rng.sample(list(product(NAME_STARTS, NAME_ENDS)), ORGANISATIONS)
    return [
        _organisation(kind, start + end, tag, place)
        for kind, (start, end) in zip(kinds, brands, strict=True)
    ]


def _organisation(kind: int, brand: str, tag: str, place: str) -> Org:
    part, name, name_en = ORG_NAMES[kind]
    return Org(
        id=f"{part}-{tag}",
        kind=part,
        cls="rm:Municipality" if kind == 0 else "org:FormalOrganization",
        name=(name.format(place=place, brand=brand), name_en.format(place=place, brand=brand)),
        about=ORG_ABOUT[kind],
        view=ORG_VIEWS[kind],
    )


@cache
def _block_order(seed: int) -> list[int]:
    order = list(range(POSTCODE_BLOCKS))
    random.Random(f"{seed}:postcodes").shuffle(order)
    return order


def postcodes(seed: int, number: int) -> list[str]:
    """The municipality's block of PC4 postcodes, in order."""
    start = FIRST_POSTCODE + POSTCODE_BLOCK * _block_order(seed)[(number - 1) % POSTCODE_BLOCKS]
    return [str(code) for code in range(start, start + POSTCODE_BLOCK)]


class Places:
    """The area, districts, working areas, teams and commissions of one municipality."""

    def __init__(
        self, rng: random.Random, seed: int, number: int, place: str, orgs: list[Org], ids: Ids
    ) -> None:
        self.rng, self.place, self.orgs, self.tag = rng, place, orgs, f"{number:04d}"
        self.assumption = f"assume:synthetisch-{self.tag}"
        self.whole = Area(ids.claim("area", place, self.tag), (place, place))
        codes = iter(postcodes(seed, number))
        self.districts = []
        for quarter, quarter_en in rng.sample(QUARTERS, rng.randint(*DISTRICTS)):
            area = Area(
                ids.claim("area", f"{place} {quarter}", self.tag),
                (f"{place}-{quarter}", f"{place} {quarter_en}"),
                [next(codes) for _ in range(rng.randint(*POSTCODES_PER_DISTRICT))],
                self.whole,
                (quarter, quarter_en),
            )
            self.districts.append(area)
        self.areas_of = {org.id: self._working_areas(org) for org in orgs}
        self.teams = [
            Team(ids.claim("orgs", f"team {district.quarter[0]}", org.id), org, district)
            for org in orgs
            if org.kind in KINDS_WITH_TEAMS
            for district in self.districts
        ]
        self.commissions = [
            Commission(
                ids.claim("commission", f"opdracht {start}", org.id),
                org,
                self.areas_of[org.id],
                (start, end),
                vocabularies().laws[PROFILE_AT[org.kind][0]],
                COMMISSIONED_WORK[org.kind],
            )
            for org in orgs
            if PROFILE_AT[org.kind][0] != "-"
            for start, end in self._periods()
        ]

    @property
    def municipality(self) -> Org:
        return self.orgs[0]

    def _working_areas(self, org: Org) -> list[Area]:
        if PROFILE_AT[org.kind][1] == "gemeente":
            return [self.whole]
        chosen = self.rng.sample(self.districts, self.rng.randint(1, len(self.districts)))
        return sorted(chosen, key=self.districts.index)

    def _periods(self) -> list[tuple[int, int]]:
        if self.rng.random() < TWO_PERIODS:
            renewed = self.rng.choice((2018, 2019, 2020))
            return [(FIRST_YEAR, renewed), (renewed + 1, END)]
        return [(self.rng.choice((FIRST_YEAR, 2016, 2017, 2019, 2021)), END)]

    # --- Turtle -----------------------------------------------------------------------------------

    def blocks(self) -> list[str]:
        return [
            *(self._org_block(org) for org in self.orgs),
            *(self._team_block(team) for team in self.teams),
            *(self._area_block(area) for area in [self.whole, *self.districts]),
            *(self._commission_block(commission) for commission in self.commissions),
        ]

    def _block(self, subject: str, types: str, pairs: Pairs) -> str:
        return block(subject, types, [*pairs, ("dct:source", self.assumption)])

    def _org_block(self, org: Org) -> str:
        return self._block(
            org.iri,
            org.cls,
            [
                *named(org.iri, org.name),
                *texts(
                    "dct:description",
                    f"Synthetisch: {org.about[0]}, {self.place}.",
                    f"Synthetic: {org.about[1]}, {self.place}.",
                ),
                *(("rm:workingArea", area.iri) for area in self.areas_of[org.id]),
            ],
        )

    def _team_block(self, team: Team) -> str:
        org, district = team.org, team.district
        name = (f"{org.name[0]} {district.quarter[0]}", f"{org.name[1]}, {district.quarter[1]}")
        return self._block(
            team.iri,
            "org:OrganizationalUnit",
            [
                *named(team.iri, name),
                *texts(
                    "dct:description",
                    f"Synthetisch: het team van {org.name[0]} in {district.label[0]}.",
                    f"Synthetic: the team of {org.name[1]} in {district.label[1]}.",
                ),
                ("org:unitOf", org.iri),
                ("rm:workingArea", district.iri),
            ],
        )

    def _area_block(self, area: Area) -> str:
        pairs = named(area.iri, area.label)
        if area.parent is None:
            pairs += texts(
                "dct:description",
                f"Synthetisch: de gemeente {self.place}. Geen eigen postcodelijst: de "
                "postcodegebieden van de gemeente zijn die van haar wijken.",
                f"Synthetic: the municipality of {self.place}. No postcode list of its own: its "
                "postcode areas are those of its districts.",
            )
        else:
            codes = ", ".join(area.postcodes)
            pairs += texts(
                "dct:description",
                f"Synthetisch: een wijk van {self.place}, met de postcodegebieden {codes}.",
                f"Synthetic: a district of {self.place}, with the postcode areas {codes}.",
            )
            pairs.append(("rm:partOfArea", area.parent.iri))
            pairs += [("rm:postcodeArea", literal(code)) for code in area.postcodes]
        return self._block(area.iri, "rm:Area", pairs)

    def _commission_block(self, commission: Commission) -> str:
        org, (start, end), law = commission.org, commission.years, commission.law
        work, work_en = commission.work
        label = (
            f"Opdracht {work} aan {org.name[0]}, {start}{DASH}{end}",
            f"Commission for {work_en} to {org.name[1]}, {start}{DASH}{end}",
        )
        return self._block(
            commission.iri,
            "rm:Commission",
            [
                *named(commission.iri, label),
                *texts(
                    "dct:description",
                    f"Synthetisch: de gemeente {self.place} geeft {org.name[0]} opdracht voor "
                    f"{work} onder de {law.label[0]}, van {start} tot en met {end}.",
                    f"Synthetic: the municipality of {self.place} commissions {org.name[1]} for "
                    f"{work_en} under the {law.label[1]}, {start} to {end}.",
                ),
                ("rm:commissionedBy", self.municipality.iri),
                ("rm:commissionedTo", org.iri),
                ("rm:underLaw", law.iri),
                *(("rm:workingArea", area.iri) for area in commission.areas),
                ("prov:startedAtTime", typed(f"{start}-01-01T00:00:00", "xsd:dateTime")),
                ("prov:endedAtTime", typed(f"{end}-12-31T23:59:59", "xsd:dateTime")),
            ],
        )

"""How a synthetic municipality's organisations work together, modelled as data/overvecht does:
working principles and protocols (principles.ttl), cases with episodes between two posts and the
needs they show (cases.ttl), and agreements between organisations that settle some of the grey
areas (agreements.ttl).

Cases are built on the overlapping tasks of synth_work: two organisations that both see the
question as their work. Agreements settle some of those overlaps, not all (rm:settles both tasks,
the case on them and, where the two organisations use a common word differently, one of their
senses of it), so the report has open and settled findings of each kind.
"""

import random
from dataclasses import dataclass

from rolemap.synth_jargon import Jargon
from rolemap.synth_places import Org
from rolemap.synth_turtle import Ids, Pairs, block, named, texts, typed
from rolemap.synth_vocab import vocabularies
from rolemap.synth_work import Task, Work
from rolemap.synth_work_words import EXPECTATIONS, PERSONAS, PRINCIPLES, PROTOCOLS, TOPICS, WHOM

PRINCIPLE_COUNT, PROTOCOL_COUNT = (3, 5), (2, 3)
CASES, EPISODES = (2, 3), (1, 2)
SECOND_NEED = 0.5
GAP = 0.3  # the share of second needs that no task of the municipality covers
PRESCRIBES = 0.7  # the share of agreements that prescribe a protocol
SETTLES_WORD = 0.5  # the share that also settle what the two mean by a common word
AGREED = (2016, 2024)


@dataclass
class Principle:
    iri: str
    name: tuple[str, str]
    meaning: tuple[str, str]
    contrasts: str | None


@dataclass
class Protocol:
    iri: str
    name: tuple[str, str]
    rule: tuple[str, str]


@dataclass
class Need:
    iri: str
    label: tuple[str, str]
    group: str
    domain: str
    mode: str


@dataclass
class Episode:
    iri: str
    label: tuple[str, str]
    expecting: Task
    expected: Task
    expectation: tuple[str, str]


@dataclass
class Case:
    iri: str
    label: tuple[str, str]
    tasks: tuple[Task, Task]
    needs: list[Need]
    episodes: list[Episode]


@dataclass
class Agreement:
    iri: str
    label: tuple[str, str]
    description: tuple[str, str]
    parties: list[Org]
    settles: list[str]
    prescribes: list[str]
    year: int


def principles(rng: random.Random, tag: str, ids: Ids) -> list[Principle]:
    chosen = sorted(rng.sample(PRINCIPLES, rng.randint(*PRINCIPLE_COUNT)), key=PRINCIPLES.index)
    iris = {key: ids.claim("principle", key, tag) for key, *_ in chosen}
    return [
        Principle(iris[key], name, meaning, iris.get(contrast or ""))
        for key, name, meaning, contrast in chosen
    ]


def protocols(rng: random.Random, tag: str, ids: Ids) -> list[Protocol]:
    chosen = sorted(rng.sample(PROTOCOLS, rng.randint(*PROTOCOL_COUNT)), key=PROTOCOLS.index)
    return [Protocol(ids.claim("protocol", key, tag), name, rule) for key, name, rule in chosen]


class Cases:
    """The cases and agreements of one municipality."""

    def __init__(
        self,
        rng: random.Random,
        tag: str,
        place: str,
        work: Work,
        jargon: Jargon,
        ways: tuple[list[Principle], list[Protocol]],
        ids: Ids,
    ) -> None:
        self.rng, self.tag, self.place, self.work, self._ids = rng, tag, place, work, ids
        self.assumption = f"assume:synthetisch-{tag}"
        self.principles, self.protocols = ways
        grey = rng.sample(work.overlaps, min(len(work.overlaps), rng.randint(*CASES)))
        self.cases = [self._case(first, second) for first, second in grey]
        # Some overlaps are settled, never all; one of them the first case's.
        others = [overlap for overlap in work.overlaps if overlap != grey[0]]
        settled = [grey[0], *rng.sample(others, rng.randint(0, len(others) - 1))]
        self.agreements = [self._agreement(first, second, jargon) for first, second in settled]

    # --- Cases ------------------------------------------------------------------------------------

    def _case(self, first: Task, second: Task) -> Case:
        rng = self.rng
        group = first.groups[0].id
        persona = rng.choice([row[1:] for row in PERSONAS if row[0] == group])
        topic = second.topic
        label = (f"{persona[0]}: {topic[0]}", f"{persona[1]}: {topic[1]}")
        assert second.mode is not None
        needs = [self._need(group, second.domains[0].id, second.mode.id, topic, second.whom)]
        if rng.random() < SECOND_NEED:
            domain = self._second_domain(group, {needs[0].domain})
            topic2 = rng.choice([row[1:] for row in TOPICS if row[0] == domain])
            whom = rng.choice([row[1:] for row in WHOM if row[0] == group])
            needs.append(self._need(group, domain, second.mode.id, topic2, whom))
        iri = self._ids.claim("case", label[0], self.tag)
        pairs = [(first, second), (second, first)][: rng.randint(*EPISODES)]
        expectations = rng.sample(EXPECTATIONS, len(pairs))
        episodes = [
            self._episode(label, a, b, expected)
            for (a, b), expected in zip(pairs, expectations, strict=True)
        ]
        return Case(iri, label, (first, second), needs, episodes)

    def _second_domain(self, group: str, taken: set[str]) -> str:
        """Another life domain of the group: one no task here covers (a coverage gap), or one
        some task does."""
        covered = {
            d.id for t in self.work.tasks for d in t.domains if group in _concept_ids(t.groups)
        }
        domains = [d for d in vocabularies().life_domains if d not in taken]
        gaps = [d for d in domains if d not in covered]
        if gaps and self.rng.random() < GAP:
            return self.rng.choice(gaps)
        return self.rng.choice([d for d in domains if d in covered] or domains)

    def _need(self, group: str, domain: str, mode: str, topic: tuple, whom: tuple) -> Need:
        label = (f"hulp bij {topic[0]} {whom[0]}", f"help with {topic[1]} {whom[1]}")
        iri = self._ids.claim("need", label[0], self.tag)
        return Need(iri, label, group, domain, mode)

    def _episode(self, case: tuple[str, str], a: Task, b: Task, expected: tuple) -> Episode:
        (role, role_en), (other, other_en) = a.post.role.name, b.post.role.name
        (what, what_en), (did, did_en) = expected
        org, org_en = b.org.name
        expectation = (
            f"De {role} van {a.org.name[0]} verwachtte {what.format(other=org)}; maar "
            f"{did.format(other=org)}.",
            f"The {role_en} of {a.org.name[1]} expected {what_en.format(other=org_en)}; but "
            f"{did_en.format(other=org_en)}.",
        )
        label = (f"Verwachtingen {role} en {other}", f"Expectations of {role_en} and {other_en}")
        iri = self._ids.claim("case", f"{case[0]} {role}", self.tag)
        return Episode(iri, label, a, b, expectation)

    # --- Agreements -------------------------------------------------------------------------------

    def _agreement(self, first: Task, second: Task, jargon: Jargon) -> Agreement:
        rng, year = self.rng, self.rng.randint(*AGREED)
        a, b = first.org, second.org
        topic, whom = second.topic, second.whom
        label = (f"Afspraak over {topic[0]} {whom[0]}", f"Agreement on {topic[1]} {whom[1]}")
        settles = [first.iri, second.iri]
        settles += [c.iri for c in self.cases if c.tasks == (first, second)]
        description = [
            f"Synthetisch: {a.name[0]} en {b.name[0]} spraken in {year} af dat {a.name[0]} "
            f"‘{first.label[0]}’ blijft doen en dat {b.name[0]} inwoners met deze vraag naar "
            f"{a.name[0]} brengt.",
            f"Synthetic: {a.name[1]} and {b.name[1]} agreed in {year} that {a.name[1]} keeps "
            f"doing ‘{first.label[1]}’ and that {b.name[1]} brings residents with this question "
            f"to {a.name[1]}.",
        ]
        prescribes = []
        if rng.random() < PRESCRIBES:
            protocol = rng.choice(self.protocols)
            prescribes.append(protocol.iri)
            description[0] += f" Zij werken daarbij volgens ‘{protocol.name[0]}’."
            description[1] += f" They work by ‘{protocol.name[1]}’."
        words = [
            senses for senses in jargon.homonyms if {a.id, b.id} <= {spec.org.id for spec in senses}
        ]
        if words and rng.random() < SETTLES_WORD:
            senses = rng.choice(words)
            spec = next(spec for spec in senses if spec.org == b)
            settles.append(spec.iri)
            description[0] += f" Ook spraken ze af wat ze met ‘{spec.word.nl}’ bedoelen."
            description[1] += f" They also agreed what they mean by ‘{spec.word.nl}’."
        iri = self._ids.claim("agreement", label[0], self.tag)
        return Agreement(
            iri, label, (description[0], description[1]), [a, b], settles, prescribes, year
        )

    # --- Turtle -----------------------------------------------------------------------------------

    def blocks(self) -> list[str]:
        return [
            *(self._principle_block(principle) for principle in self.principles),
            *(self._protocol_block(protocol) for protocol in self.protocols),
            *(self._case_block(case) for case in self.cases),
            *(self._episode_block(e, case) for case in self.cases for e in case.episodes),
            *(self._need_block(need) for case in self.cases for need in case.needs),
            *(self._agreement_block(agreement) for agreement in self.agreements),
        ]

    def _block(self, subject: str, types: str, pairs: Pairs) -> str:
        return block(subject, types, [*pairs, ("dct:source", self.assumption)])

    def _principle_block(self, principle: Principle) -> str:
        contrasts = [("rm:contrastsWith", principle.contrasts)] if principle.contrasts else []
        return self._block(
            principle.iri,
            "rm:WorkingPrinciple",
            [
                *named(principle.iri, principle.name),
                *texts("dct:description", *principle.meaning),
                *contrasts,
            ],
        )

    def _protocol_block(self, protocol: Protocol) -> str:
        return self._block(
            protocol.iri,
            "rm:Protocol",
            [
                *named(protocol.iri, protocol.name),
                *texts(
                    "dct:description",
                    f"Synthetisch: een werkwijze die organisaties in {self.place} afspraken.",
                    f"Synthetic: a way of working organisations in {self.place} agreed on.",
                ),
                *texts("rm:rule", *protocol.rule),
            ],
        )

    def _case_block(self, case: Case) -> str:
        first, second = case.tasks
        (a, a_en), (b, b_en) = first.org.name, second.org.name
        return self._block(
            case.iri,
            "rm:Case",
            [
                *named(case.iri, case.label),
                *texts(
                    "dct:description",
                    f"Synthetisch: {case.label[0]}. {a} ziet dit als ‘{first.label[0]}’, {b} als "
                    f"‘{second.label[0]}’: wie pakt het op?",
                    f"Synthetic: {case.label[1]}. {a_en} sees this as ‘{first.label[1]}’, {b_en} "
                    f"as ‘{second.label[1]}’: who takes it up?",
                ),
                *(("rm:involves", task.post.iri) for task in case.tasks),
                *(("rm:showsNeed", need.iri) for need in case.needs),
                *(("rm:episode", episode.iri) for episode in case.episodes),
            ],
        )

    def _episode_block(self, episode: Episode, case: Case) -> str:
        a, b = episode.expecting, episode.expected
        return self._block(
            episode.iri,
            "rm:CaseEpisode",
            [
                *named(episode.iri, episode.label),
                *texts(
                    "dct:description",
                    f"Synthetisch: in ‘{case.label[0]}’ verwachtte {a.org.name[0]} iets anders "
                    f"van {b.org.name[0]} dan die deed.",
                    f"Synthetic: in ‘{case.label[1]}’, {a.org.name[1]} expected something else "
                    f"of {b.org.name[1]} than it did.",
                ),
                ("rm:involves", a.post.iri),
                ("rm:involves", b.post.iri),
                *texts("rm:expectation", *episode.expectation),
            ],
        )

    def _need_block(self, need: Need) -> str:
        vocab = vocabularies()
        group, domain = vocab.target_groups[need.group], vocab.life_domains[need.domain]
        mode = vocab.work_modes[need.mode]
        return self._block(
            need.iri,
            "rm:Need",
            [
                *named(need.iri, need.label),
                *texts(
                    "dct:description",
                    f"Synthetisch: {need.label[0]}; {group.label[0]}, {domain.label[0]}.",
                    f"Synthetic: {need.label[1]}; {group.label[1]}, {domain.label[1]}.",
                ),
                ("rm:targetGroup", group.iri),
                ("rm:lifeDomain", domain.iri),
                ("rm:workMode", mode.iri),
            ],
        )

    def _agreement_block(self, agreement: Agreement) -> str:
        return self._block(
            agreement.iri,
            "rm:Agreement",
            [
                *named(agreement.iri, agreement.label),
                *texts("dct:description", *agreement.description),
                *(("rm:party", org.iri) for org in agreement.parties),
                *(("rm:settles", iri) for iri in agreement.settles),
                *(("rm:prescribes", iri) for iri in agreement.prescribes),
                ("dct:date", typed(str(agreement.year), "xsd:gYear")),
            ],
        )


def _concept_ids(concepts: list) -> set[str]:
    return {concept.id for concept in concepts}

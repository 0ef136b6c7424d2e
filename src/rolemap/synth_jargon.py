"""The jargon of a synthetic municipality: each organisation's rm:Vocabulary of rm:Sense concepts,
a shared vocabulary of neutral rm:SharedConcept terms, and a few rm:Connotation records.

Words recur the way jargon does: common words are used by several organisations for different
work (homonyms, within a municipality and across the country), practice words mean the same
wherever they are used (skos:exactMatch), synonyms are different words exactMatch to one shared
concept, and most words are local.
"""

import random
from dataclasses import dataclass, field
from itertools import product

from rolemap.synth_places import Org
from rolemap.synth_turtle import block, literal, local_id
from rolemap.synth_words import (
    CONNOTATION_KINDS,
    NEUTRAL_DOMAINS,
    NEUTRAL_WORK,
    SCOPE_NOTES,
    Word,
    capital,
    local_word,
)
from rolemap.text import normalise

# What a municipality's ~60 words are made of: (fewest, most) of each kind.
HOMONYMS = (10, 14)  # common words that several organisations use for different work
PRACTICE = (6, 10)  # common words of a shared practice: exactMatch between organisations
SYNONYM_GROUPS = (4, 6)  # neutral concepts that two or three organisations each name differently
OWN_WORDS = (30, 38)  # words that only one organisation uses
CONNOTATIONS = (1, 3)
ENGLISH, ALT_LABEL, SCOPE_NOTE = 0.4, 0.3, 0.3  # the share of senses that have one


@dataclass
class SenseSpec:
    word: Word
    org: Org
    definition: tuple[str, str]
    english: bool  # an English label and definition too
    alt_label: bool  # the plural as skos:altLabel
    note: tuple[str, ...] | None  # skos:scopeNote
    exact: list[str] = field(default_factory=list)
    close: list[str] = field(default_factory=list)
    broad: list[str] = field(default_factory=list)
    connotations: list[str] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return f"sense:{self.word.slug}-{self.org.id}"


@dataclass(frozen=True)
class SharedSpec:
    iri: str
    label: tuple[str, str]
    definition: tuple[str, str]


class Jargon:
    """The senses, shared concepts and connotations of one municipality's organisations."""

    def __init__(
        self, rng: random.Random, tag: str, place: str, orgs: list[Org], common: list[Word]
    ) -> None:
        self.rng, self.tag, self.place, self.orgs = rng, tag, place, orgs
        self.assumption = f"assume:synthetisch-{tag}"
        self.senses: list[SenseSpec] = []
        self.shared: list[SharedSpec] = []
        self.connotations: list[str] = []  # Turtle blocks
        self.homonyms: list[list[SenseSpec]] = []  # the senses of each common word
        self._used: set[str] = set()
        self._neutral = list(product(NEUTRAL_WORK, NEUTRAL_DOMAINS))
        rng.shuffle(self._neutral)
        pool = list(common)
        rng.shuffle(pool)
        self._homonyms(pool[: rng.randint(*HOMONYMS)])
        self._practice(pool[-rng.randint(*PRACTICE) :])
        self._synonyms()
        self._own_words()
        self._connotations()

    @property
    def terms(self) -> int:
        return len(self._used)

    @property
    def scheme(self) -> str:
        return f"scheme:gemeenschappelijke-taal-{self.tag}"

    def iris(self) -> list[str]:
        """Every IRI the jargon names, for the file's registry of ids."""
        return [
            *(vocabulary(org) for org in self.orgs),
            self.scheme,
            *(concept.iri for concept in self.shared),
            *(spec.iri for spec in self.senses),
            *(iri for spec in self.senses for iri in spec.connotations),
        ]

    def _fresh(self, word: Word) -> bool:
        """Claim a label: within a municipality each label names one term."""
        key = normalise(word.nl)
        if key in self._used:
            return False
        self._used.add(key)
        return True

    def _fresh_local_word(self) -> Word:
        while not self._fresh(word := local_word(self.rng)):
            pass
        return word

    def _sense(self, word: Word, org: Org, view: tuple[str, ...] | None = None) -> SenseSpec:
        """A sense of `word` at `org`, its meaning seen from `view` (by default the org's)."""
        view_nl, view_en = view or org.view
        definition = (
            f"{capital(word.gloss[0])}, {view_nl}; zo gebruikt {org.name[0]} het woord.",
            f"{capital(word.gloss[1])}, {view_en}; as {org.name[1]} uses the word.",
        )
        rng = self.rng
        note = rng.choice(SCOPE_NOTES) if rng.random() < SCOPE_NOTE else None
        english, alt_label = rng.random() < ENGLISH, rng.random() < ALT_LABEL
        spec = SenseSpec(word, org, definition, english, alt_label and bool(word.plural), note)
        self.senses.append(spec)
        return spec

    def _shared_concept(self) -> str:
        (work, work_en, what, what_en), (domain, domain_en) = self._neutral.pop()
        label = f"{work} {domain}"
        iri = f"shared:{normalise(label).replace(' ', '-')}-{self.tag}"
        self.shared.append(
            SharedSpec(
                iri,
                (label, f"{work_en} {domain_en}"),
                (
                    f"{capital(what)} {domain}, in woorden van geen organisatie in het bijzonder.",
                    f"{capital(what_en)} {domain_en}, in words of no organisation in particular.",
                ),
            )
        )
        return iri

    def _homonyms(self, words: list[Word]) -> None:
        """Common words several organisations use, each for its own work: no exactMatch."""
        for word in filter(self._fresh, words):
            senses = [self._sense(word, org) for org in self.rng.sample(self.orgs, self._users())]
            self.homonyms.append(senses)
            if self.rng.random() < 0.5:  # a neutral, broader concept for all of them
                broader = self._shared_concept()
                for spec in senses:
                    spec.broad.append(broader)
            if self.rng.random() < 0.3:  # two of the meanings close, though not the same
                senses[0].close.append(senses[1].iri)
                senses[1].close.append(senses[0].iri)

    def _users(self) -> int:
        """How many organisations use a common word: two to five, mostly two or three."""
        return self.rng.choice((2, 2, 3, 3, 4, 5))

    def _practice(self, words: list[Word]) -> None:
        """Words of a practice the organisations share: one meaning, exactMatch all round."""
        agreed = (
            f"zoals afgesproken tussen de organisaties in {self.place}",
            f"as agreed between the organisations in {self.place}",
        )
        for word in filter(self._fresh, words):
            neutral = self._shared_concept()
            senses = [
                self._sense(word, org, agreed) for org in self.rng.sample(self.orgs, self._users())
            ]
            for spec in senses:
                spec.exact += [neutral] + [other.iri for other in senses if other is not spec]

    def _synonyms(self) -> None:
        """A neutral concept that each of two or three organisations has its own word for."""
        for _ in range(self.rng.randint(*SYNONYM_GROUPS)):
            neutral = self._shared_concept()
            for org in self.rng.sample(self.orgs, self.rng.randint(2, 3)):
                self._sense(self._fresh_local_word(), org).exact.append(neutral)

    def _own_words(self) -> None:
        for _ in range(self.rng.randint(*OWN_WORDS)):
            self._sense(self._fresh_local_word(), self.rng.choice(self.orgs))

    def _connotations(self) -> None:
        """A few words another organisation hears as loaded, with a neutral alternative."""
        candidates = [spec for spec in self.senses if not spec.exact]
        for spec in self.rng.sample(candidates, self.rng.randint(*CONNOTATIONS)):
            listener = self.rng.choice([org for org in self.orgs if org != spec.org])
            if not spec.broad:
                spec.broad.append(self._shared_concept())
            iri = f"connotation:{spec.word.slug}-{spec.org.id}-gehoord-door-{listener.id}"
            spec.connotations.append(iri)
            kind = self.rng.choice(CONNOTATION_KINDS)
            self.connotations.append(self._connotation_block(iri, spec, listener, kind))

    # --- Turtle -----------------------------------------------------------------------------------

    def blocks(self) -> list[str]:
        return [
            *(self._vocabulary_block(org) for org in self.orgs),
            self._shared_vocabulary_block(),
            *(self._shared_block(concept) for concept in self.shared),
            *(self._sense_block(spec) for spec in self.senses),
            *self.connotations,
        ]

    def _vocabulary_block(self, org: Org) -> str:
        return block(
            vocabulary(org),
            "rm:Vocabulary",
            [
                ("dct:identifier", literal(f"jargon-{org.id}")),
                ("rm:vocabularyOf", org.iri),
                ("skos:prefLabel", literal(f"Jargon van {org.name[0]}", "nl")),
                ("skos:prefLabel", literal(f"Jargon of {org.name[1]}", "en")),
                ("dct:source", self.assumption),
            ],
        )

    def _shared_vocabulary_block(self) -> str:
        return block(
            self.scheme,
            "rm:SharedVocabulary",
            [
                ("dct:identifier", literal(f"gemeenschappelijke-taal-{self.tag}")),
                ("skos:prefLabel", literal(f"Gemeenschappelijke taal in {self.place}", "nl")),
                ("skos:prefLabel", literal(f"Shared language in {self.place}", "en")),
                ("dct:source", self.assumption),
            ],
        )

    def _shared_block(self, concept: SharedSpec) -> str:
        scheme = self.scheme
        return block(
            concept.iri,
            "rm:SharedConcept , skos:Concept",
            [
                ("dct:identifier", literal(local_id(concept.iri))),
                ("skos:inScheme", scheme),
                ("skos:topConceptOf", scheme),
                ("skos:prefLabel", literal(concept.label[0], "nl")),
                ("skos:prefLabel", literal(concept.label[1], "en")),
                ("skos:definition", literal(concept.definition[0], "nl")),
                ("skos:definition", literal(concept.definition[1], "en")),
                ("dct:source", self.assumption),
            ],
        )

    def _sense_block(self, spec: SenseSpec) -> str:
        scheme = vocabulary(spec.org)
        languages = ("nl", "en") if spec.english else ("nl",)
        pairs = [
            ("dct:identifier", literal(local_id(spec.iri))),
            ("skos:inScheme", scheme),
            ("skos:topConceptOf", scheme),
        ]
        for index, lang in enumerate(languages):
            pairs.append(("skos:prefLabel", literal((spec.word.nl, spec.word.en)[index], lang)))
            pairs.append(("skos:definition", literal(spec.definition[index], lang)))
            if spec.note:
                pairs.append(("skos:scopeNote", literal(spec.note[index], lang)))
        if spec.alt_label and spec.word.plural:
            pairs.append(("skos:altLabel", literal(spec.word.plural, "nl")))
        for predicate, objects in (
            ("skos:exactMatch", spec.exact),
            ("skos:closeMatch", spec.close),
            ("skos:broadMatch", spec.broad),
            ("rm:hasConnotation", spec.connotations),
        ):
            pairs += [(predicate, iri) for iri in objects]
        pairs.append(("dct:source", self.assumption))
        return block(spec.iri, "rm:Sense , skos:Concept", pairs)

    def _connotation_block(
        self, iri: str, spec: SenseSpec, listener: Org, kind: tuple[str, ...]
    ) -> str:
        kind_id, kind_en, why, why_en = kind
        alternative = next(c for c in self.shared if c.iri == spec.broad[0])
        word, speaker = spec.word.nl, spec.org
        nl = (
            f"{listener.name[0]} hoort ‘{word}’ van {speaker.name[0]} als {kind_id}: {why}. "
            f"Neutraal alternatief: {alternative.label[0]}."
        )
        en = (
            f"{listener.name[1]} hears ‘{word}’ from {speaker.name[1]} as {kind_en}: {why_en}. "
            f"Neutral alternative: {alternative.label[1]}."
        )
        return block(
            iri,
            "rm:Connotation",
            [
                ("dct:identifier", literal(local_id(iri))),
                ("skos:prefLabel", literal(f"‘{word}’ zoals {listener.name[0]} het hoort", "nl")),
                ("dct:description", literal(nl, "nl")),
                ("dct:description", literal(en, "en")),
                ("rm:perceivedBy", listener.iri),
                ("rm:connotationKind", f"rmv:{kind_id}"),
                ("rm:neutralAlternative", alternative.iri),
                ("dct:source", self.assumption),
            ],
        )


def vocabulary(org: Org) -> str:
    return f"jargon:jargon-{org.id}"

"""A deterministic synthetic national data set: organisations and their jargon, per municipality.

For benchmarks at national scale (342 municipalities) and nothing else: every name, word and
definition is put together from the word parts below, and every entity cites an rm:Assumption
that says so. The files follow the model of the shipped data (data/README.md): per municipality
8 organisations, each with an rm:Vocabulary of rm:Sense concepts, a shared vocabulary of neutral
rm:SharedConcept terms, and a few rm:Connotation records. Words recur the way jargon does: common
words are used by several organisations for different work (homonyms, within a municipality and
across the country), practice words mean the same wherever they are used (skos:exactMatch),
synonyms are different words exactMatch to one shared concept, and most words are local.

IRIs live under a base of their own, so synthetic data never collides with real data, and every
id ends in the municipality's number (or an organisation id that does), so ids are unique across
files. A municipality's file depends on the seed and its number only, not on how many are made.
"""

import argparse
import random
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from rolemap.text import normalise

BASE = "https://w3id.org/rolemap/synth/id/"
PREFIXES = {
    "rm": "https://w3id.org/rolemap/def#",
    "rmv": "https://w3id.org/rolemap/vocab/",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "orgs": BASE + "org/",
    "jargon": BASE + "vocabulary/",
    "scheme": BASE + "scheme/",
    "sense": BASE + "sense/",
    "shared": BASE + "shared/",
    "connotation": BASE + "connotation/",
    "assume": BASE + "assumption/",
}

# What a municipality's ~60 words are made of: (fewest, most) of each kind.
HOMONYMS = (10, 14)  # common words that several organisations use for different work
PRACTICE = (6, 10)  # common words of a shared practice: exactMatch between organisations
SYNONYM_GROUPS = (4, 6)  # neutral concepts that two or three organisations each name differently
OWN_WORDS = (30, 38)  # words that only one organisation uses
CONNOTATIONS = (1, 3)
COMMON_POOL = 40  # the country's common words; a municipality uses about half of them
ORGANISATIONS = 8  # per municipality: the municipality itself and seven other organisations
ENGLISH, ALT_LABEL, SCOPE_NOTE = 0.4, 0.3, 0.3  # the share of senses that have one


def _table(text: str) -> list[tuple[str, ...]]:
    """The rows of a table written one row a line, cells separated by '|'."""
    return [tuple(cell.strip() for cell in line.split("|")) for line in text.strip().splitlines()]


# --- Word material --------------------------------------------------------------------------------

# first part | English | what a word with it is about: nl | en
FIRST_PARTS = _table("""
wijk          | district      | wat er in de wijk speelt           | what goes on in the district
buurt         | neighbourhood | vragen van bewoners in de buurt    | residents' local questions
gezins        | family        | de situatie van het hele gezin     | the whole family's situation
jeugd         | youth         | kinderen en jongeren tot 23 jaar   | children and youngsters to 23
netwerk       | network       | de mensen rond een inwoner         | the people around a resident
huis          | house         | wat er achter de voordeur gebeurt  | what happens behind the door
keukentafel   | kitchen-table | de vraag van een inwoner           | a resident's request
straat        | street        | jongeren op straat                 | young people in the street
school        | school        | leerlingen en hun ouders           | pupils and their parents
ouder         | parent        | vragen over opvoeden               | questions about parenting
mantelzorg    | carer         | mensen die voor een naaste zorgen  | people caring for a relative
schuld        | debt          | betalingsachterstanden             | payment arrears
geld          | money         | rondkomen van een laag inkomen     | getting by on a low income
werk          | work          | de weg naar betaald werk           | the way into paid work
bewoners      | residents     | initiatieven van bewoners          | residents' initiatives
vrijwilligers | volunteer     | de inzet van vrijwilligers         | the work of volunteers
inloop        | drop-in       | wie zonder afspraak binnenloopt    | whoever walks in unannounced
thuis         | home          | zelfstandig thuis blijven wonen    | living independently at home
taal          | language      | laaggeletterdheid                  | low literacy
opvoed        | parenting     | opvoedvragen van ouders            | parents' questions
woon          | housing       | overlast en huurachterstand        | nuisance and rent arrears
ontmoetings   | meeting       | elkaar treffen in de wijk          | meeting each other locally
signalerings  | alert         | zorgen die vroeg gezien worden     | worries spotted early
nazorg        | aftercare     | de tijd na een behandeling         | the time after treatment
dagbestedings | day-activity  | een zinvolle dag                   | a meaningful day
ketens        | chain         | samenwerking tussen instellingen   | cooperation between agencies
casus         | case          | één ingewikkelde situatie          | one complicated situation
buddy         | buddy         | iemand die er alleen voor staat    | someone who is on their own
krachten      | strengths     | wat een inwoner zelf kan           | what a resident can do alone
toekomst      | future        | plannen voor de komende jaren      | plans for the coming years
gezondheids   | health        | gezond leven                       | healthy living
armoede       | poverty       | kinderen in armoede                | children in poverty
eenzaamheids  | loneliness    | mensen die weinig contact hebben   | people with few contacts
sport         | sport         | bewegen in de buurt                | exercise in the neighbourhood
veiligheids   | safety        | onveilige situaties thuis          | unsafe situations at home
participatie  | participation | meedoen in de samenleving          | taking part in society
""")

# noun | English | plural | article | what it is: nl | en
HEADS = _table("""
gesprek       | talk        | gesprekken      | het | een gesprek            | a conversation
overleg       | meeting     | overleggen      | het | een vakoverleg         | a meeting of staff
coach         | coach       | coaches         | de  | een vaste medewerker   | a regular worker
begeleiding   | guidance    | begeleidingen   | de  | begeleiding            | guidance
aanpak        | approach    | aanpakken       | de  | een werkwijze          | a way of working
team          | team        | teams           | het | een team               | a team
tafel         | table       | tafels          | de  | een tafeloverleg       | a round-table
plan          | plan        | plannen         | het | een plan               | a plan
punt          | point       | punten          | het | een inlooppunt         | a walk-in point
route         | route       | routes          | de  | een reeks stappen      | a series of steps
regie         | lead        | regies          | de  | de coördinatie         | coordination
bezoek        | visit       | bezoeken        | het | een bezoek             | a visit
spreekuur     | surgery     | spreekuren      | het | een spreekuur          | a surgery
kring         | circle      | kringen         | de  | een vaste groep        | a regular group
maatje        | buddy       | maatjes         | het | een vrijwillige maat   | a volunteer buddy
signaal       | signal      | signalen        | het | een zorgmelding        | a report of concern
traject       | pathway     | trajecten       | het | een traject            | a pathway
bespreking    | review      | besprekingen    | de  | een bespreking         | a review
consulent     | officer     | consulenten     | de  | een beoordelaar        | an assessor
makelaar      | broker      | makelaars       | de  | een verbinder          | a connector
verkenning    | exploration | verkenningen    | de  | een eerste verkenning  | a first look
scan          | scan        | scans           | de  | een korte vragenlijst  | a questionnaire
kompas        | compass     | kompassen       | het | een keuzehulp          | a choice aid
ondersteuning | support     | ondersteuningen | de  | ondersteuning          | support
werkplaats    | lab         | werkplaatsen    | de  | een leerplek           | a place to learn
""")

# uninflected | inflected | English | what it adds: nl | en
ADJECTIVES = _table("""
integraal   | integrale    | integrated  | op alle leefgebieden            | on every life domain
vroeg       | vroege       | early       | voordat problemen groot worden  | before problems grow
collectief  | collectieve  | collective  | met een groep tegelijk          | with a group at once
individueel | individuele  | individual  | voor één inwoner                | for one resident
outreachend | outreachende | outreaching | door zelf op mensen af te stappen | by approaching people
preventief  | preventieve  | preventive  | om erger te voorkomen           | to prevent worse
gezamenlijk | gezamenlijke | joint       | door organisaties samen         | jointly
intensief   | intensieve   | intensive   | met contact elke week           | with weekly contact
tijdelijk   | tijdelijke   | temporary   | voor hooguit drie maanden       | for three months
informeel   | informele    | informal    | zonder indicatie of dossier     | without a file
snel        | snelle       | rapid       | binnen een week                 | within a week
stevig      | stevige      | firm        | met duidelijke afspraken        | with clear agreements
""")

# words after the noun | English | what they add: nl | en
PHRASES = _table("""
op maat           | tailored             | afgestemd op één inwoner     | fitted to one resident
aan huis          | at home              | bij de inwoner thuis         | at the resident's home
in de wijk        | in the district      | op een vaste plek in de wijk | at a fixed local place
na school         | after school         | na schooltijd                | after school hours
op afspraak       | by appointment       | alleen op afspraak           | by appointment only
zonder wachtlijst | without waiting list | zonder wachttijd             | without waiting time
""")

# Coined names (local programmes, organisations, places): a start and an end.
NAME_STARTS = ["Samen", "Sterk", "Kracht", "Door", "Mee", "Vrij", "Thuis", "Veer", "Brug", "Kern"]
NAME_STARTS += ["Zon", "Groei", "Spring", "Hoop"]
NAME_ENDS = ["spoor", "wijs", "lijn", "punt", "baken", "haven", "anker", "kompas", "veld", "plein"]
NAME_ENDS += ["kring", "stroom", "roer", "stap"]
PLACE_STARTS = ["Al", "Bor", "Dal", "Eem", "Gel", "Has", "Lin", "Mar", "Ned", "Ros", "Sted", "Ter"]
PLACE_STARTS += ["Wes", "Zand", "Beek", "Hol", "Kam", "Lo"]
PLACE_ENDS = ["beek", "dam", "veen", "horst", "berg", "hoven", "dorp", "lo", "mond", "rade"]
PLACE_ENDS += ["wolde", "zijl", "meer", "broek", "sum"]

# Neutral concepts of a shared vocabulary: a kind of work, for a life domain.
# label nl | label en | what it is: nl | en
NEUTRAL_WORK = _table("""
individuele ondersteuning | individual support   | hulp aan één huishouden  | help for one household
collectieve activiteit    | collective activity  | wat inwoners samen doen  | joint activity
afstemming                | alignment            | werk op elkaar afstemmen | aligning work
eerste gesprek            | first conversation   | het eerste contact       | the first contact
doorverwijzing            | referral             | naar een ander verwijzen | referring on
vroegsignalering          | early identification | zorgen vroeg opmerken    | noticing worries early
persoonlijk plan          | personal plan        | doelen van één inwoner   | one resident's goals
ontmoeting                | getting together     | elkaar treffen           | residents meeting
vrijwillige inzet         | voluntary effort     | wat vrijwilligers doen   | what volunteers do
praktische hulp           | practical help       | helpen met een taak      | help with a task
""")
# nl | en
NEUTRAL_DOMAINS = _table("""
bij geldzaken             | with money matters
bij opvoeden              | with parenting
rond wonen                | around housing
rond werk en dagbesteding | around work and daytime activity
voor mantelzorgers        | for carers
in de buurt               | in the neighbourhood
bij eenzaamheid           | with loneliness
rond gezondheid           | around health
voor jongeren             | for young people
voor ouderen              | for older people
""")

# Kinds of organisation; the first is the municipality itself.
# id | name nl | name en ({place}, {brand} filled in)
ORG_NAMES = _table("""
gemeente              | Gemeente {place}              | Municipality of {place}
wijkteam-jeugd        | {brand} Jeugd en Gezin        | {brand} Youth and Family
wijkteam-volwassenen  | Wijkteam {brand}              | {brand} Adult District Team
welzijn               | Welzijn {brand}               | {brand} Welfare
schuldhulp            | Schuldhulp {brand}            | {brand} Debt Advice
ggd                   | GGD {brand}                   | {brand} Public Health Service
woningcorporatie      | Woonstichting {brand}         | {brand} Housing Association
vrijwilligerscentrale | Vrijwilligerscentrale {brand} | {brand} Volunteer Centre
clientondersteuning   | Cliëntondersteuning {brand}   | {brand} Client Support
buurtsport            | Buurtsport {brand}            | {brand} Community Sport
""")
# what it is: nl | en (rows in the order of ORG_NAMES)
ORG_ABOUT = _table("""
opdrachtgever in het sociaal domein  | commissioning body in the social domain
aanbieder van wijkteams jeugd        | provider of district teams for youth
aanbieder van wijkteams volwassenen  | provider of district teams for adults
welzijnsorganisatie voor de buurt    | welfare organisation for the neighbourhood
organisatie voor schuldhulp          | debt advice organisation
gemeentelijke gezondheidsdienst      | municipal health service
verhuurder van sociale huurwoningen  | landlord of social housing
centrale die vrijwilligers koppelt   | centre that matches volunteers
onafhankelijke cliëntondersteuning   | independent client support
organisatie voor sport in de buurt   | organisation for local sport
""")
# how it means its words: nl | en (rows in the order of ORG_NAMES)
ORG_VIEWS = _table("""
in termen van beleid en budget         | in terms of policy and budget
om de vraag van één gezin op te lossen | to solve one family's question
als steun aan één volwassene           | as support of one adult
om bewoners met elkaar te verbinden    | to connect residents with each other
gericht op een stabiele geldsituatie   | aimed at a stable financial situation
vanuit de gezondheid van iedereen      | from everyone's health
om huurders veilig te laten wonen      | so that tenants live safely
als inzet van vrijwilligers            | as the effort of volunteers
aan de kant van de inwoner             | on the resident's side
als aanleiding om mee te doen          | as a reason to take part
""")

# rmv: kind | English | why the listener hears it so: nl | en
CONNOTATION_KINDS = _table("""
denigrerend | denigrating | het woord maakt hun werk klein     | the word belittles their work
beladen     | loaded      | het woord roept oude conflicten op | the word recalls old conflicts
verwarrend  | confusing   | zij bedoelen er ander werk mee     | they mean other work by it
""")
# nl | en
SCOPE_NOTES = _table("""
Andere organisaties bedoelen er soms ander werk mee; vraag door. | Others may mean other work.
Staat zo in de werkinstructie van de organisatie.               | As the work instructions say.
Vooral in gesprekken met inwoners gebruikt.                     | Used mostly with residents.
""")


# --- Records --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """A label with its English form, its plural and what it means word for word."""

    nl: str
    en: str
    plural: str | None
    gloss: tuple[str, str]  # nl, en

    @property
    def slug(self) -> str:
        return normalise(self.nl).replace(" ", "-")


@dataclass(frozen=True)
class Org:
    id: str
    cls: str
    name: tuple[str, str]
    about: tuple[str, ...]
    view: tuple[str, ...]  # how it means its words: what sets its senses apart


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


# --- Words ----------------------------------------------------------------------------------------


def compound(first: tuple[str, ...], head: tuple[str, ...]) -> Word:
    part, part_en, about, about_en = first
    noun, noun_en, plural, _, what, what_en = head
    gloss = (f"{what} over {about}", f"{what_en} about {about_en}")
    return Word(part + noun, f"{part_en} {noun_en}", part + plural, gloss)


def with_adjective(word: Word, adjective: tuple[str, ...], het_word: bool) -> Word:
    plain, inflected, english, adds, adds_en = adjective
    return Word(
        f"{plain if het_word else inflected} {word.nl}",
        f"{english} {word.en}",
        f"{inflected} {word.plural}",
        (f"{word.gloss[0]}, {adds}", f"{word.gloss[1]}, {adds_en}"),
    )


def with_phrase(word: Word, phrase: tuple[str, ...]) -> Word:
    words, english, adds, adds_en = phrase
    return Word(
        f"{word.nl} {words}",
        f"{word.en} {english}",
        f"{word.plural} {words}",
        (f"{word.gloss[0]}, {adds}", f"{word.gloss[1]}, {adds_en}"),
    )


def coined(rng: random.Random) -> Word:
    name = rng.choice(NAME_STARTS) + rng.choice(NAME_ENDS)
    return Word(name, name, None, (f"het lokale programma {name}", f"the local programme {name}"))


def local_word(rng: random.Random) -> Word:
    """A word of one organisation: mostly compounds, some with an adjective or a phrase."""
    head = rng.choice(HEADS)
    word = compound(rng.choice(FIRST_PARTS), head)
    roll = rng.random()
    if roll < 0.45:
        return word
    if roll < 0.7:
        return with_adjective(word, rng.choice(ADJECTIVES), het_word=head[3] == "het")
    if roll < 0.85:
        return with_phrase(word, rng.choice(PHRASES))
    return coined(rng)


def common_words(seed: int) -> list[Word]:
    """The country's common words: plain compounds that every municipality draws from."""
    pairs = list(product(FIRST_PARTS, HEADS))
    return [compound(first, head) for first, head in random.Random(seed).sample(pairs, COMMON_POOL)]


def place_name(seed: int, number: int) -> str:
    names = [start + end for start, end in product(PLACE_STARTS, PLACE_ENDS)]
    random.Random(seed).shuffle(names)
    rounds, index = divmod(number - 1, len(names))
    return f"{names[index]} {rounds + 1}" if rounds else names[index]


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- One municipality -----------------------------------------------------------------------------


class Municipality:
    """The organisations, senses, shared concepts and connotations of one municipality."""

    def __init__(self, seed: int, number: int, common: list[Word]) -> None:
        self.seed, self.number, self.tag = seed, number, f"{number:04d}"
        self.rng = random.Random(f"{seed}:{number}")
        self.place = place_name(seed, number)
        self.orgs = self._organisations()
        self.senses: list[SenseSpec] = []
        self.shared: list[SharedSpec] = []
        self.connotations: list[str] = []  # Turtle blocks
        self._used: set[str] = set()
        self._neutral = list(product(NEUTRAL_WORK, NEUTRAL_DOMAINS))
        self.rng.shuffle(self._neutral)
        pool = list(common)
        self.rng.shuffle(pool)
        self._homonyms(pool[: self.rng.randint(*HOMONYMS)])
        self._practice(pool[-self.rng.randint(*PRACTICE) :])
        self._synonyms()
        self._own_words()
        self._connotations()

    @property
    def assumption(self) -> str:
        return f"assume:synthetisch-{self.tag}"

    @property
    def terms(self) -> int:
        return len(self._used)

    def _organisations(self) -> list[Org]:
        kinds = [0, *sorted(self.rng.sample(range(1, len(ORG_NAMES)), ORGANISATIONS - 1))]
        brands = self.rng.sample(list(product(NAME_STARTS, NAME_ENDS)), ORGANISATIONS)
        return [
            self._organisation(kind, start + end)
            for kind, (start, end) in zip(kinds, brands, strict=True)
        ]

    def _organisation(self, kind: int, brand: str) -> Org:
        part, name, name_en = ORG_NAMES[kind]
        return Org(
            id=f"{part}-{self.tag}",
            cls="rm:Municipality" if kind == 0 else "org:FormalOrganization",
            name=(
                name.format(place=self.place, brand=brand),
                name_en.format(place=self.place, brand=brand),
            ),
            about=ORG_ABOUT[kind],
            view=ORG_VIEWS[kind],
        )

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

    def turtle(self) -> str:
        return "\n".join(
            [
                _header(
                    f"Synthetic municipality {self.tag} ({self.place}): organisations, jargon."
                ),
                self._assumption_block(),
                *(self._org_block(org) for org in self.orgs),
                *(self._vocabulary_block(org) for org in self.orgs),
                self._shared_vocabulary_block(),
                *(self._shared_block(concept) for concept in self.shared),
                *(self._sense_block(spec) for spec in self.senses),
                *self.connotations,
            ]
        )

    def _assumption_block(self) -> str:
        made = f"seed {self.seed}, {self.tag}"
        nl = (
            f"Synthetische gegevens ({made}): de gemeente {self.place}, haar organisaties en hun "
            "jargon zijn door rolemap.synth samengesteld uit woorddelen, om prestaties op "
            "landelijke schaal te meten. Ze beschrijven geen echte organisatie."
        )
        en = (
            f"Synthetic data ({made}): the municipality of {self.place}, its organisations and "
            "their jargon were put together from word parts by rolemap.synth, to measure "
            "performance at national scale. They describe no real organisation."
        )
        return _block(
            self.assumption,
            "rm:Assumption",
            [
                ("dct:identifier", _literal(f"synthetisch-{self.tag}")),
                ("dct:description", _literal(nl, "nl")),
                ("dct:description", _literal(en, "en")),
            ],
        )

    def _org_block(self, org: Org) -> str:
        return _block(
            f"orgs:{org.id}",
            org.cls,
            [
                ("dct:identifier", _literal(org.id)),
                ("skos:prefLabel", _literal(org.name[0], "nl")),
                ("skos:prefLabel", _literal(org.name[1], "en")),
                ("dct:description", _literal(f"Synthetisch: {org.about[0]}, {self.place}.", "nl")),
                ("dct:description", _literal(f"Synthetic: {org.about[1]}, {self.place}.", "en")),
                ("dct:source", self.assumption),
            ],
        )

    def _vocabulary_block(self, org: Org) -> str:
        return _block(
            f"jargon:jargon-{org.id}",
            "rm:Vocabulary",
            [
                ("dct:identifier", _literal(f"jargon-{org.id}")),
                ("rm:vocabularyOf", f"orgs:{org.id}"),
                ("skos:prefLabel", _literal(f"Jargon van {org.name[0]}", "nl")),
                ("skos:prefLabel", _literal(f"Jargon of {org.name[1]}", "en")),
                ("dct:source", self.assumption),
            ],
        )

    def _shared_vocabulary_block(self) -> str:
        return _block(
            f"scheme:gemeenschappelijke-taal-{self.tag}",
            "rm:SharedVocabulary",
            [
                ("dct:identifier", _literal(f"gemeenschappelijke-taal-{self.tag}")),
                ("skos:prefLabel", _literal(f"Gemeenschappelijke taal in {self.place}", "nl")),
                ("skos:prefLabel", _literal(f"Shared language in {self.place}", "en")),
                ("dct:source", self.assumption),
            ],
        )

    def _shared_block(self, concept: SharedSpec) -> str:
        scheme = f"scheme:gemeenschappelijke-taal-{self.tag}"
        return _block(
            concept.iri,
            "rm:SharedConcept , skos:Concept",
            [
                ("dct:identifier", _literal(concept.iri.split(":", 1)[1])),
                ("skos:inScheme", scheme),
                ("skos:topConceptOf", scheme),
                ("skos:prefLabel", _literal(concept.label[0], "nl")),
                ("skos:prefLabel", _literal(concept.label[1], "en")),
                ("skos:definition", _literal(concept.definition[0], "nl")),
                ("skos:definition", _literal(concept.definition[1], "en")),
                ("dct:source", self.assumption),
            ],
        )

    def _sense_block(self, spec: SenseSpec) -> str:
        scheme = f"jargon:jargon-{spec.org.id}"
        languages = ("nl", "en") if spec.english else ("nl",)
        pairs = [
            ("dct:identifier", _literal(spec.iri.split(":", 1)[1])),
            ("skos:inScheme", scheme),
            ("skos:topConceptOf", scheme),
        ]
        for index, lang in enumerate(languages):
            pairs.append(("skos:prefLabel", _literal((spec.word.nl, spec.word.en)[index], lang)))
            pairs.append(("skos:definition", _literal(spec.definition[index], lang)))
            if spec.note:
                pairs.append(("skos:scopeNote", _literal(spec.note[index], lang)))
        if spec.alt_label and spec.word.plural:
            pairs.append(("skos:altLabel", _literal(spec.word.plural, "nl")))
        for predicate, objects in (
            ("skos:exactMatch", spec.exact),
            ("skos:closeMatch", spec.close),
            ("skos:broadMatch", spec.broad),
            ("rm:hasConnotation", spec.connotations),
        ):
            pairs += [(predicate, iri) for iri in objects]
        pairs.append(("dct:source", self.assumption))
        return _block(spec.iri, "rm:Sense , skos:Concept", pairs)

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
        return _block(
            iri,
            "rm:Connotation",
            [
                ("dct:identifier", _literal(iri.split(":", 1)[1])),
                ("skos:prefLabel", _literal(f"‘{word}’ zoals {listener.name[0]} het hoort", "nl")),
                ("dct:description", _literal(nl, "nl")),
                ("dct:description", _literal(en, "en")),
                ("rm:perceivedBy", f"orgs:{listener.id}"),
                ("rm:connotationKind", f"rmv:{kind_id}"),
                ("rm:neutralAlternative", alternative.iri),
                ("dct:source", self.assumption),
            ],
        )


# --- Turtle text ----------------------------------------------------------------------------------


def _literal(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def _block(subject: str, types: str, pairs: list[tuple[str, str]]) -> str:
    """One subject: its types, then a line per predicate with all its objects."""
    grouped: dict[str, list[str]] = {}
    for predicate, value in pairs:
        grouped.setdefault(predicate, []).append(value)
    body = " ;\n".join(
        f"    {predicate} {' , '.join(values)}" for predicate, values in grouped.items()
    )
    return f"{subject} a {types} ;\n{body} .\n"


def _header(comment: str) -> str:
    prefixes = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
    return f"{prefixes}\n# {comment}\n# Synthetic, generated by rolemap.synth for benchmarks.\n"


# --- Entry points ---------------------------------------------------------------------------------


def write_synthetic(out_dir: Path, municipalities: int, seed: int = 0) -> dict[str, int]:
    """Write gemeente-0001.ttl … into `out_dir`, one Turtle file a municipality; return counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    common = common_words(seed)
    totals = dict.fromkeys(
        ("municipalities", "organisations", "terms", "senses", "shared", "connotations", "bytes"),
        0,
    )
    for number in range(1, municipalities + 1):
        place = Municipality(seed, number, common)
        text = place.turtle().encode("utf-8")
        (out_dir / f"gemeente-{place.tag}.ttl").write_bytes(text)
        for key, value in (
            ("municipalities", 1),
            ("organisations", len(place.orgs)),
            ("terms", place.terms),
            ("senses", len(place.senses)),
            ("shared", len(place.shared)),
            ("connotations", len(place.connotations)),
            ("bytes", len(text)),
        ):
            totals[key] += value
    return totals


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m rolemap.synth", description="Write a synthetic national data set."
    )
    parser.add_argument("--municipalities", type=int, required=True, help="how many (342: NL)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write Turtle files to")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    totals = write_synthetic(args.out, args.municipalities, args.seed)
    print(" ".join(f"{key}={value}" for key, value in totals.items()))


if __name__ == "__main__":
    main()

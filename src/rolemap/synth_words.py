"""The word material of the synthetic data set: parts that names, words and definitions are put
together from, and the functions that put them together (rolemap.synth)."""

import random
from dataclasses import dataclass
from itertools import product

from rolemap.text import normalise

COMMON_POOL = 40  # the country's common words; a municipality uses about half of them


def table(text: str) -> list[tuple[str, ...]]:
    """The rows of a table written one row a line, cells separated by '|'."""
    return [tuple(cell.strip() for cell in line.split("|")) for line in text.strip().splitlines()]


# --- Word material --------------------------------------------------------------------------------

# first part | English | what a word with it is about: nl | en
FIRST_PARTS = table("""
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
HEADS = table("""
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
ADJECTIVES = table("""
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
PHRASES = table("""
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
NEUTRAL_WORK = table("""
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
NEUTRAL_DOMAINS = table("""
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
ORG_NAMES = table("""
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
ORG_ABOUT = table("""
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
ORG_VIEWS = table("""
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
CONNOTATION_KINDS = table("""
denigrerend | denigrating | het woord maakt hun werk klein     | the word belittles their work
beladen     | loaded      | het woord roept oude conflicten op | the word recalls old conflicts
verwarrend  | confusing   | zij bedoelen er ander werk mee     | they mean other work by it
""")
# nl | en
SCOPE_NOTES = table("""
Andere organisaties bedoelen er soms ander werk mee; vraag door. | Others may mean other work.
Staat zo in de werkinstructie van de organisatie.               | As the work instructions say.
Vooral in gesprekken met inwoners gebruikt.                     | Used mostly with residents.
""")


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

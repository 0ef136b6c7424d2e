"""The material synthetic work is made of: what each kind of organisation does for whom, its
roles, the phrases tasks, cases and agreements are named with, districts, principles and protocols.

Classifications are named by the dct:identifier of the reference vocabularies' concepts
(ontology/vocabularies.ttl); rolemap.synth_vocab reads them from there.
"""

from rolemap.synth_words import table

# What each kind of organisation (the ids of synth_words.ORG_NAMES) does: for which target
# groups, in which work modes and orientations, on which life domains; the first of each is its
# usual one, and the first target group, life domain and work mode are its core, which no two
# kinds share.
# kind | target groups
PROFILE_FOR = {
    row[0]: row[1].split()
    for row in table("""
gemeente              | volwassenen jeugd-gezin
wijkteam-jeugd        | jeugd-gezin
wijkteam-volwassenen  | volwassenen
welzijn               | buurt volwassenen jeugd-gezin
schuldhulp            | volwassenen jeugd-gezin
ggd                   | jeugd-gezin volwassenen buurt
woningcorporatie      | volwassenen buurt
vrijwilligerscentrale | volwassenen buurt
clientondersteuning   | volwassenen jeugd-gezin
buurtsport            | jeugd-gezin buurt volwassenen
""")
}
# kind | work modes | orientations
PROFILE_HOW = {
    row[0]: (row[1].split(), row[2].split())
    for row in table("""
gemeente              | individueel            | acuut-curatief preventief
wijkteam-jeugd        | individueel collectief | acuut-curatief preventief
wijkteam-volwassenen  | individueel            | acuut-curatief preventief
welzijn               | collectief individueel | preventief
schuldhulp            | individueel collectief | acuut-curatief preventief
ggd                   | collectief individueel | preventief acuut-curatief
woningcorporatie      | individueel collectief | acuut-curatief preventief
vrijwilligerscentrale | individueel collectief | preventief
clientondersteuning   | individueel            | preventief acuut-curatief
buurtsport            | collectief individueel | preventief
""")
}
# kind | life domains
PROFILE_ON = {
    row[0]: row[1].split()
    for row in table("""
gemeente              | basale-adl instrumentele-adl huisvesting werk-opleiding
wijkteam-jeugd        | huiselijke-relaties geestelijke-gezondheid sociaal-netwerk werk-opleiding
wijkteam-volwassenen  | geestelijke-gezondheid lichamelijke-gezondheid basale-adl instrumentele-adl
welzijn               | sociaal-netwerk maatschappelijke-participatie tijdsbesteding
schuldhulp            | financien instrumentele-adl werk-opleiding
ggd                   | lichamelijke-gezondheid geestelijke-gezondheid middelengebruik
woningcorporatie      | huisvesting financien sociaal-netwerk
vrijwilligerscentrale | tijdsbesteding maatschappelijke-participatie sociaal-netwerk
clientondersteuning   | instrumentele-adl basale-adl financien werk-opleiding
buurtsport            | tijdsbesteding lichamelijke-gezondheid sociaal-netwerk
""")
}
# The law a commission to it rests on (a BWB id; '-': the municipality does not commission it),
# where it works ('gemeente': the whole municipality, 'wijken': some of its districts), its roles.
# kind | law | where | roles
PROFILE_AT = {
    row[0]: (row[1], row[2], row[3].split())
    for row in table("""
gemeente              | -           | gemeente | wmo-consulent leerplichtambtenaar beleidsadviseur
wijkteam-jeugd        | BWBR0034925 | gemeente | gezinscoach jeugdconsulent
wijkteam-volwassenen  | BWBR0035362 | gemeente | wijkcoach wijkverpleegkundige
welzijn               | BWBR0035362 | wijken   | opbouwwerker ouderenadviseur jongerenwerker
schuldhulp            | BWBR0015703 | gemeente | schuldhulpverlener budgetcoach
ggd                   | -           | gemeente | jeugdverpleegkundige gezondheidsbevorderaar
woningcorporatie      | -           | gemeente | woonconsulent huismeester
vrijwilligerscentrale | BWBR0035362 | gemeente | vrijwilligerscoordinator maatjescoordinator
clientondersteuning   | BWBR0035362 | gemeente | clientondersteuner
buurtsport            | BWBR0035362 | wijken   | buurtsportcoach
""")
}
# The work a commission is for, per kind that is commissioned: nl | en
COMMISSIONED_WORK = {
    row[0]: row[1:]
    for row in table("""
wijkteam-jeugd        | jeugdhulp in de wijk          | youth and family support in the district
wijkteam-volwassenen  | ondersteuning van volwassenen | support for adults
welzijn               | welzijnswerk                  | welfare work
schuldhulp            | schuldhulpverlening           | debt counselling
vrijwilligerscentrale | vrijwilligerswerk en maatjes  | volunteering and buddies
clientondersteuning   | onafhankelijke ondersteuning  | independent client support
buurtsport            | sport en bewegen in de buurt  | sport and exercise in the neighbourhood
""")
}
KINDS_WITH_TEAMS = ("wijkteam-jeugd", "wijkteam-volwassenen")  # a team in every district
LEAD_ROLE = "teamleider"  # every organisation has one
INTERNAL_ROLES = (LEAD_ROLE, "beleidsadviseur")  # their tasks are not a service to residents

# id | name nl | en
ROLE_NAMES = {
    row[0]: row[1:]
    for row in table("""
wmo-consulent            | Wmo-consulent                  | social support officer
leerplichtambtenaar      | leerplichtambtenaar            | school attendance officer
beleidsadviseur          | beleidsadviseur sociaal domein | social-domain policy adviser
gezinscoach              | gezinscoach                    | family coach
jeugdconsulent           | jeugdconsulent                 | youth officer
wijkcoach                | wijkcoach                      | district coach
wijkverpleegkundige      | wijkverpleegkundige            | district nurse
opbouwwerker             | opbouwwerker                   | community worker
ouderenadviseur          | ouderenadviseur                | adviser for older people
jongerenwerker           | jongerenwerker                 | youth worker
schuldhulpverlener       | schuldhulpverlener             | debt counsellor
budgetcoach              | budgetcoach                    | budget coach
jeugdverpleegkundige     | jeugdverpleegkundige           | youth health nurse
gezondheidsbevorderaar   | gezondheidsbevorderaar         | health promoter
woonconsulent            | woonconsulent                  | housing officer
huismeester              | huismeester                    | caretaker
vrijwilligerscoordinator | vrijwilligerscoördinator       | volunteer coordinator
maatjescoordinator       | maatjescoördinator             | buddy coordinator
clientondersteuner       | cliëntondersteuner             | client supporter
buurtsportcoach          | buurtsportcoach                | community sports coach
teamleider               | teamleider                     | team leader
""")
}
# id: definition nl, en
ROLE_DEFINITIONS = {
    "wmo-consulent": (
        "Medewerker van de gemeente die met de inwoner bespreekt welke ondersteuning nodig is",
        "Municipal officer who discusses with the resident what support is needed",
    ),
    "leerplichtambtenaar": (
        "Ziet toe op de leerplicht en zoekt leerlingen op die thuis zitten",
        "Monitors compulsory schooling and visits pupils who stay at home",
    ),
    "beleidsadviseur": (
        "Schrijft beleid en stuurt op de opdrachten aan aanbieders",
        "Writes policy and steers the commissions to providers",
    ),
    "gezinscoach": (
        "Helpt gezinnen met vragen over opvoeden en opgroeien, thuis en in de wijk",
        "Helps families with questions about parenting and growing up, at home and locally",
    ),
    "jeugdconsulent": (
        "Bespreekt met jongeren en ouders welke hulp nodig is en regelt die",
        "Discusses with young people and parents what help is needed and arranges it",
    ),
    "wijkcoach": (
        "Ondersteunt volwassenen bij vragen op meer leefgebieden tegelijk",
        "Supports adults with questions on several life domains at once",
    ),
    "wijkverpleegkundige": (
        "Verpleegkundige die mensen thuis verzorgt en hun gezondheid bewaakt",
        "Nurse who cares for people at home and watches over their health",
    ),
    "opbouwwerker": (
        "Helpt bewoners samen iets op te zetten voor hun buurt",
        "Helps residents set up something together for their neighbourhood",
    ),
    "ouderenadviseur": (
        "Adviseert ouderen over zelfstandig wonen en meedoen",
        "Advises older people on living independently and taking part",
    ),
    "jongerenwerker": (
        "Zoekt jongeren op straat en in de wijk op en werkt met hen aan hun plannen",
        "Seeks out young people in the street and the district and works on their plans",
    ),
    "schuldhulpverlener": (
        "Brengt schulden in kaart en regelt een oplossing met schuldeisers",
        "Maps debts and arranges a solution with creditors",
    ),
    "budgetcoach": (
        "Helpt huishoudens hun inkomsten en uitgaven in balans te houden",
        "Helps households keep income and spending in balance",
    ),
    "jeugdverpleegkundige": (
        "Volgt de gezondheid en ontwikkeling van kinderen en adviseert ouders",
        "Follows children's health and development and advises parents",
    ),
    "gezondheidsbevorderaar": (
        "Zet programma's op voor gezond leven in wijken en op scholen",
        "Sets up programmes for healthy living in districts and schools",
    ),
    "woonconsulent": (
        "Spreekt huurders aan bij achterstand, overlast of zorgen over hoe iemand woont",
        "Talks to tenants about arrears, nuisance or worries about how someone lives",
    ),
    "huismeester": (
        "Het vaste aanspreekpunt van de woningcorporatie in een complex",
        "The housing association's regular contact in a block of homes",
    ),
    "vrijwilligerscoordinator": (
        "Zoekt vrijwilligers en koppelt hen aan organisaties en inwoners",
        "Finds volunteers and matches them with organisations and residents",
    ),
    "maatjescoordinator": (
        "Koppelt inwoners die er alleen voor staan aan een vrijwillig maatje",
        "Matches residents who are on their own with a volunteer buddy",
    ),
    "clientondersteuner": (
        "Staat naast de inwoner bij aanvragen en gesprekken met instanties",
        "Stands beside the resident in applications and talks with agencies",
    ),
    "buurtsportcoach": (
        "Organiseert sport en bewegen voor wie dat niet vanzelf doet",
        "Organises sport and exercise for those who do not take it up by themselves",
    ),
    "teamleider": (
        "Leidt een team en bewaakt de afspraken met andere organisaties",
        "Leads a team and keeps track of agreements with other organisations",
    ),
}

# What a task does, by work mode and orientation; {topic} is filled in: mode | orientation | nl | en
ACTIVITIES = table("""
individueel | acuut-curatief | hulp bij {topic}                 | help with {topic}
individueel | acuut-curatief | begeleiding bij {topic}          | guidance with {topic}
individueel | acuut-curatief | crisisondersteuning bij {topic}  | crisis support with {topic}
individueel | acuut-curatief | een plan rond {topic}            | a plan around {topic}
individueel | preventief     | advies over {topic}              | advice on {topic}
individueel | preventief     | coaching bij {topic}             | coaching with {topic}
individueel | preventief     | vroeg signaleren van {topic}     | early detection of {topic}
individueel | preventief     | een huisbezoek over {topic}      | a home visit about {topic}
collectief  | preventief     | groepsbijeenkomsten over {topic} | group meetings on {topic}
collectief  | preventief     | voorlichting over {topic}        | information sessions on {topic}
collectief  | preventief     | buurtactiviteiten rond {topic}   | local activities around {topic}
collectief  | preventief     | een cursus over {topic}          | a course on {topic}
collectief  | acuut-curatief | een wijkaanpak van {topic}       | a district approach to {topic}
collectief  | acuut-curatief | een buurtoverleg over {topic}    | a neighbourhood meeting on {topic}
""")
# What a task or need is about, two per life domain: life domain | nl | en
TOPICS = table("""
financien                    | geldzorgen                     | money worries
financien                    | schulden                       | debts
werk-opleiding               | werk en opleiding              | work and education
werk-opleiding               | schoolverzuim                  | missing school
tijdsbesteding               | een zinvolle dag               | a meaningful day
tijdsbesteding               | vrije tijd                     | free time
huisvesting                  | wonen en huur                  | housing and rent
huisvesting                  | een dreigende uitzetting       | a threatened eviction
huiselijke-relaties          | opvoedvragen                   | parenting questions
huiselijke-relaties          | spanningen thuis               | tension at home
geestelijke-gezondheid       | psychische klachten            | mental health complaints
geestelijke-gezondheid       | stress en somberheid           | stress and low mood
lichamelijke-gezondheid      | gezond leven                   | healthy living
lichamelijke-gezondheid      | bewegen                        | exercise
middelengebruik              | alcohol en drugs               | alcohol and drugs
middelengebruik              | gokken                         | gambling
basale-adl                   | persoonlijke verzorging        | personal care
basale-adl                   | eten en drinken                | eating and drinking
instrumentele-adl            | huishouden en administratie    | housekeeping and paperwork
instrumentele-adl            | formulieren en aanvragen       | forms and applications
sociaal-netwerk              | eenzaamheid                    | loneliness
sociaal-netwerk              | contact met de buren           | contact with the neighbours
maatschappelijke-participatie | meedoen in de buurt           | taking part locally
maatschappelijke-participatie | bewonersinitiatieven          | residents' initiatives
justitie                     | contact met justitie           | contact with the justice system
justitie                     | terugkeer na detentie          | return after detention
""")
# For whom, two per target group: target group | nl | en
WHOM = table("""
jeugd-gezin | voor gezinnen     | for families
jeugd-gezin | voor jongeren     | for young people
volwassenen | voor volwassenen  | for adults
volwassenen | voor ouderen      | for older people
buurt       | in de buurt       | in the neighbourhood
buurt       | met bewoners      | with residents
""")
# Tasks that are not a service to residents (no classification): nl | en
INTERNAL_TASKS = [
    ("werkoverleg met het team voeren", "holding staff meetings with the team"),
    ("afspraken met andere organisaties bewaken", "keeping track of agreements with others"),
    ("nieuwe medewerkers inwerken", "introducing new staff"),
    ("de jaarrapportage voor de gemeente schrijven", "writing the annual report for the council"),
    ("het netwerk van organisaties in de wijk onderhouden", "keeping up the local network"),
    ("knelpunten uit de teams doorgeven aan de gemeente", "passing bottlenecks on to the council"),
]

# Districts of a municipality: nl | en
QUARTERS = table("""
Centrum   | Centre
Noord     | North
Oost      | East
Zuid      | South
West      | West
Noordwest | North-West
Zuidwest  | South-West
Zuidoost  | South-East
""")

# id, name (nl, en), what it means (nl, en), the principle it contrasts with
PRINCIPLES = [
    (
        "vraaggericht",
        ("vraaggericht werken", "demand-led work"),
        (
            "De vraag van de inwoner bepaalt wat er gebeurt, niet wat er aan aanbod is.",
            "The resident's question decides what happens, not what is on offer.",
        ),
        "aanbodgericht",
    ),
    (
        "aanbodgericht",
        ("werken vanuit het aanbod", "supply-led work"),
        (
            "Wat een organisatie aanbiedt, bepaalt wat een inwoner krijgt.",
            "What an organisation offers decides what a resident gets.",
        ),
        "vraaggericht",
    ),
    (
        "eigen-kracht",
        ("eigen kracht eerst", "own strength first"),
        (
            "Eerst kijken wat de inwoner en de mensen om hem heen zelf kunnen.",
            "First see what residents and the people around them can do themselves.",
        ),
        None,
    ),
    (
        "een-plan",
        ("één huishouden, één plan", "one household, one plan"),
        (
            "Alle organisaties rond een huishouden werken aan één gezamenlijk plan.",
            "All organisations around a household work on one joint plan.",
        ),
        None,
    ),
    (
        "dichtbij",
        ("dichtbij en laagdrempelig", "close by and easy to reach"),
        (
            "Zonder verwijzing of wachttijd, op plekken waar inwoners al komen.",
            "Without referral or waiting time, in places residents already go to.",
        ),
        None,
    ),
    (
        "wijkgericht",
        ("wijkgericht werken", "district-based work"),
        (
            "Het werk volgt de wijk: wie er woont en wat er speelt.",
            "The work follows the district: who lives there and what goes on.",
        ),
        "doelgroepgericht",
    ),
    (
        "doelgroepgericht",
        ("doelgroepgericht werken", "target-group work"),
        (
            "Het werk volgt een doelgroep, waar die ook woont.",
            "The work follows a target group, wherever it lives.",
        ),
        "wijkgericht",
    ),
]
# id, name (nl, en), rule (nl, en)
PROTOCOLS = [
    (
        "driegesprek",
        ("driegesprek met de inwoner", "three-way talk with the resident"),
        (
            "Bij een overdracht voeren beide professionals één gesprek samen met de inwoner.",
            "At a handover both professionals hold one conversation with the resident.",
        ),
    ),
    (
        "toestemming-eerst",
        ("eerst toestemming vragen", "consent first"),
        (
            "Deel niets over een inwoner zonder diens toestemming.",
            "Share nothing about a resident without their consent.",
        ),
    ),
    (
        "vaste-contactpersoon",
        ("één vaste contactpersoon", "one regular contact"),
        (
            "Een inwoner houdt één contactpersoon, ook als meer organisaties helpen.",
            "A resident keeps one contact, even when several organisations help.",
        ),
    ),
    (
        "terugkoppeling",
        ("terugkoppeling binnen een week", "feedback within a week"),
        (
            "Wie doorverwijst, hoort binnen een week of de inwoner geholpen is.",
            "Whoever refers hears within a week whether the resident was helped.",
        ),
    ),
    (
        "casusoverleg",
        ("maandelijks casusoverleg", "monthly case meeting"),
        (
            "Vastgelopen vragen komen elke maand in een overleg van de betrokken organisaties.",
            "Stuck questions go to a monthly meeting of the organisations involved.",
        ),
    ),
]

# Whom a case is about: target group | nl | en
PERSONAS = table("""
jeugd-gezin | Een alleenstaande moeder met twee kinderen | A single mother with two children
jeugd-gezin | Een jongen van vijftien die thuis zit       | A boy of fifteen who stays home
jeugd-gezin | Een gezin dat net is verhuisd              | A family that has just moved
volwassenen | Een oudere man die alleen woont            | An older man living alone
volwassenen | Een vrouw met een laag inkomen             | A woman on a low income
volwassenen | Een stel van wie één partner ziek is       | A couple of whom one is ill
buurt       | Bewoners van een flat                      | Residents of a block of flats
buurt       | Ouders rond een speelplein                 | Parents around a play area
""")
# What one professional expected of another, and what the other did ({other}: the other's
# organisation): expected (nl, en), did (nl, en)
EXPECTATIONS = [
    (
        ("dat {other} de vraag meteen zou overnemen", "that {other} would take over at once"),
        (
            "{other} wilde eerst samen met de inwoner kijken wat nodig is",
            "{other} first wanted to see with the resident what was needed",
        ),
    ),
    (
        ("informatie over de inwoner te krijgen", "to be told about the resident"),
        (
            "{other} deelt alleen iets met toestemming van de inwoner",
            "{other} shares nothing without the resident's consent",
        ),
    ),
    (
        ("dat {other} een groep zou starten", "that {other} would start a group"),
        (
            "{other} begon een traject met één huishouden",
            "{other} started a pathway with one household",
        ),
    ),
    (
        ("een snelle oplossing", "a quick solution"),
        (
            "{other} werkt aan verandering op de lange termijn",
            "{other} works on change in the long run",
        ),
    ),
    (
        ("dat {other} op huisbezoek zou gaan", "that {other} would visit the resident at home"),
        (
            "{other} nodigde de inwoner uit op kantoor",
            "{other} invited the resident to the office",
        ),
    ),
]

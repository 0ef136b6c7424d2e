"""Who does what in a synthetic municipality: a roles scheme with its roles, posts (one role in one
organisation) and their tasks, classified for routing as data/overvecht/tasks.ttl does (target
group, ZRM life domain, work mode, one orientation, settings).

Tasks are distinct the way a municipality's division of labour makes them: every organisation
claims a few combinations of target group, life domain and work mode from what its kind of
organisation does (synth_work_words.PROFILE_*), and its tasks stay within its own. Then a few
tasks are added that another organisation's claim overlaps (same target group, life domain and
work mode): the overlapping-task findings of the report. Teamleiders and policy advisers have
tasks that are not a service to residents, unclassified as in the shipped data.
"""

import random
from collections import Counter
from dataclasses import dataclass, field

from rolemap.synth_places import Org
from rolemap.synth_turtle import Ids, Pairs, block, named, texts
from rolemap.synth_vocab import Concept, vocabularies
from rolemap.synth_work_words import (
    ACTIVITIES,
    INTERNAL_ROLES,
    INTERNAL_TASKS,
    LEAD_ROLE,
    PROFILE_AT,
    PROFILE_FOR,
    PROFILE_HOW,
    PROFILE_ON,
    ROLE_DEFINITIONS,
    ROLE_NAMES,
    TOPICS,
    WHOM,
)

TERRITORY = (4, 7)  # combinations of target group, life domain and work mode an org claims
RESIDENT_TASKS = (2, 4)  # per post that serves residents
INTERNAL = (1, 2)  # tasks per post that does not
OVERLAPS = (2, 4)  # tasks that overlap another organisation's, per municipality
SECOND_DOMAIN, SECOND_GROUP, SECOND_SETTING = 0.4, 0.1, 0.4
USUAL_ORIENTATION = 0.75  # the share of tasks in the organisation's usual orientation
PRINCIPLED = 0.4  # the share of tasks that name a principle of their own
HOME, STREET = "huisbezoek", "openbare-ruimte"  # the other settings are places residents come to

Combination = tuple[str, str, str]  # target group, life domain, work mode (their ids)
COLLECTIVE_GROUPS = ("buurt",)  # target groups that are a collective: no individual work


@dataclass
class Role:
    iri: str
    key: str  # its row in ROLE_NAMES
    name: tuple[str, ...]
    definition: tuple[str, ...]


@dataclass
class Post:
    iri: str
    org: Org
    role: Role
    principles: list[str] = field(default_factory=list)
    protocols: list[str] = field(default_factory=list)

    @property
    def serves_residents(self) -> bool:
        return self.role.key not in INTERNAL_ROLES


@dataclass
class Task:
    iri: str
    post: Post
    label: tuple[str, str]
    groups: list[Concept] = field(default_factory=list)  # none: not a service to residents
    domains: list[Concept] = field(default_factory=list)
    mode: Concept | None = None
    orientation: Concept | None = None
    settings: list[Concept] = field(default_factory=list)
    principles: list[str] = field(default_factory=list)
    topic: tuple[str, str] = ("", "")  # what it is about, in words: nl, en
    whom: tuple[str, str] = ("", "")

    @property
    def org(self) -> Org:
        return self.post.org

    def combinations(self) -> set[Combination]:
        mode = self.mode.id if self.mode else ""
        return {(g.id, d.id, mode) for g in self.groups for d in self.domains}


class Work:
    """The roles, posts and tasks of one municipality, and which tasks overlap."""

    def __init__(
        self,
        rng: random.Random,
        tag: str,
        place: str,
        orgs: list[Org],
        ids: Ids,
        principles: list[str],
        protocols: list[str],
    ) -> None:
        self.rng, self.tag, self.place, self.orgs = rng, tag, place, orgs
        self.assumption = f"assume:synthetisch-{tag}"
        self.vocab = vocabularies()
        self._ids, self._principles = ids, principles
        self.scheme = ids.claim("scheme", "rollen", tag)
        self.roles: dict[str, Role] = {}
        self.posts = [
            Post(
                ids.claim("post", f"{key} bij", org.id),
                org,
                self._role(key),
                rng.sample(principles, rng.randint(0, 2)),
                [p for p in protocols if rng.random() < 0.3],
            )
            for org in orgs
            for key in self._role_keys(org)
        ]
        self.territory = self._territories()
        self.tasks: list[Task] = []
        for org in orgs:
            internal = rng.sample(INTERNAL_TASKS, len(INTERNAL_TASKS))  # none twice in an org
            core = self.territory[org.id][:1]  # its first task is on its core
            for post in (p for p in self.posts if p.org == org):
                if post.serves_residents:
                    for _ in range(rng.randint(*RESIDENT_TASKS)):
                        combination = core.pop() if core else self._combination(org)
                        self.tasks.append(self._resident_task(post, combination))
                else:
                    for nl, en in (internal.pop() for _ in range(rng.randint(*INTERNAL))):
                        self.tasks.append(Task(ids.claim("task", nl, org.id), post, (nl, en)))
        own = [task for task in self.tasks if task.groups]
        self.overlaps = [self._overlap(own) for _ in range(rng.randint(*OVERLAPS))]

    def _role_keys(self, org: Org) -> list[str]:
        """Its kind's first role, some of the others, and a teamleider."""
        first, *others = PROFILE_AT[org.kind][2]
        return [first, *self.rng.sample(others, self.rng.randint(0, len(others))), LEAD_ROLE]

    def _role(self, key: str) -> Role:
        if key not in self.roles:
            iri = self._ids.claim("role", key, self.tag)
            self.roles[key] = Role(iri, key, ROLE_NAMES[key], ROLE_DEFINITIONS[key])
        return self.roles[key]

    def _territories(self) -> dict[str, list[Combination]]:
        """Each organisation's own combinations: nobody else's tasks have them. Its core (its
        kind's first target group, life domain and work mode) first, then a few more."""
        territory = {org.id: [_core(org)] for org in self.orgs}
        claimed = {own[0] for own in territory.values()}
        for org in self.rng.sample(self.orgs, len(self.orgs)):
            groups, domains = PROFILE_FOR[org.kind], PROFILE_ON[org.kind]
            free = [
                (g, d, m)
                for g in groups
                for d in domains
                for m in PROFILE_HOW[org.kind][0]
                if (g, d, m) not in claimed and _fits(g, m)
            ]
            more = self.rng.sample(free, min(len(free), self.rng.randint(*TERRITORY) - 1))
            if not more:  # its usual work is taken: some other domain for its groups
                rest = [c for c in self._all(groups) if c not in claimed]
                more = self.rng.sample(rest, 1)
            claimed.update(more)
            territory[org.id] += more
        return territory

    def _all(self, groups: list[str]) -> list[Combination]:
        domains, modes = self.vocab.life_domains, self.vocab.work_modes
        return [(g, d, m) for g in groups for d in domains for m in modes if _fits(g, m)]

    def _combination(self, org: Org) -> Combination:
        return self.rng.choice(self.territory[org.id])

    def _resident_task(self, post: Post, combination: Combination) -> Task:
        """A task for `combination`, widened within its organisation's own combinations."""
        rng, vocab, own = self.rng, self.vocab, self.territory[post.org.id]  # a list: in order
        group, domain, mode = combination
        domains = [domain]
        if rng.random() < SECOND_DOMAIN:
            domains += rng.sample([d for g, d, m in own if (g, m) == (group, mode)], 1)
        groups = [group]
        if rng.random() < SECOND_GROUP:
            groups += [
                g
                for g in vocab.target_groups
                if g != group and all((g, d, mode) in own for d in domains)
            ][:1]
        domains = list(dict.fromkeys(domains))
        orientation = self._orientation(post.org)
        return self._task(post, groups, domains, mode, orientation)

    def _orientation(self, org: Org) -> str:
        usual, *others = PROFILE_HOW[org.kind][1]
        return usual if not others or self.rng.random() < USUAL_ORIENTATION else others[0]

    def _task(
        self,
        post: Post,
        groups: list[str],
        domains: list[str],
        mode: str,
        orientation: str,
        like: "Task | None" = None,
    ) -> Task:
        """A task, named after what it does, about and for whom (those of `like` if given)."""
        rng, vocab = self.rng, self.vocab
        taken = {task.label[0] for task in self.tasks if task.org == post.org}
        for _ in range(20):  # a label of its own within the organisation, if there is one
            activity = rng.choice([a for a in ACTIVITIES if a[:2] == (mode, orientation)])
            topic = rng.choice([t for t in TOPICS if t[0] == domains[0]])[1:]
            whom = rng.choice([w for w in WHOM if w[0] == groups[0]])[1:]
            if like is not None:
                topic, whom = like.topic, like.whom
            label = (
                f"{activity[2].format(topic=topic[0])} {whom[0]}",
                f"{activity[3].format(topic=topic[1])} {whom[1]}",
            )
            if label[0] not in taken:
                break
        settings = self._settings(mode)
        return Task(
            iri=self._ids.claim("task", label[0], post.org.id),
            post=post,
            label=label,
            groups=[vocab.target_groups[g] for g in groups],
            domains=[vocab.life_domains[d] for d in domains],
            mode=vocab.work_modes[mode],
            orientation=vocab.orientations[orientation],
            settings=settings,
            principles=rng.sample(self._principles, 1) if rng.random() < PRINCIPLED else [],
            topic=topic,
            whom=whom,
        )

    def _settings(self, mode: str) -> list[Concept]:
        """Home visits for individual work, public space for collective work, or a place
        residents come to."""
        settings = self.vocab.settings
        own = HOME if mode == "individueel" else STREET
        pool = [settings[own], *(c for key, c in settings.items() if key not in (HOME, STREET))]
        chosen = self.rng.sample(pool, 2 if self.rng.random() < SECOND_SETTING else 1)
        return sorted(chosen, key=pool.index)

    def _overlap(self, tasks: list[Task]) -> tuple[Task, Task]:
        """A task of another organisation on a combination one task has (of those that fewest
        tasks have), by one whose kind works for that target group in that work mode if any."""
        sharing = Counter(c for task in self.tasks for c in task.combinations())
        fewest = min(sharing[_first(task)] for task in tasks)
        first = self.rng.choice([task for task in tasks if sharing[_first(task)] == fewest])
        group, domain, mode = first.groups[0].id, first.domains[0].id, first.mode
        assert mode is not None
        others = [p for p in self.posts if p.serves_residents and p.org != first.org]
        likely = [
            p
            for p in others
            if group in PROFILE_FOR[p.org.kind] and mode.id in PROFILE_HOW[p.org.kind][0]
        ]
        post = self.rng.choice(likely or others)
        orientation = self._orientation(post.org)
        second = self._task(post, [group], [domain], mode.id, orientation, like=first)
        self.tasks.append(second)
        return first, second

    # --- Turtle -----------------------------------------------------------------------------------

    def blocks(self) -> list[str]:
        return [
            self._scheme_block(),
            *(self._role_block(role) for role in self.roles.values()),
            *(self._post_block(post) for post in self.posts),
            *(self._task_block(task) for task in self.tasks),
        ]

    def _block(self, subject: str, types: str, pairs: Pairs) -> str:
        return block(subject, types, [*pairs, ("dct:source", self.assumption)])

    def _scheme_block(self) -> str:
        return self._block(
            self.scheme,
            "skos:ConceptScheme",
            [
                *named(self.scheme, (f"Rollen in {self.place}", f"Roles in {self.place}")),
                *texts(
                    "dct:description",
                    f"Synthetisch: de beroepsrollen in de organisaties van {self.place}.",
                    f"Synthetic: the professional roles in the organisations of {self.place}.",
                ),
                *(("skos:hasTopConcept", role.iri) for role in self.roles.values()),
            ],
        )

    def _role_block(self, role: Role) -> str:
        return self._block(
            role.iri,
            "org:Role",
            [
                *named(role.iri, role.name),
                ("skos:inScheme", self.scheme),
                ("skos:topConceptOf", self.scheme),
                *texts("skos:definition", f"{role.definition[0]}.", f"{role.definition[1]}."),
            ],
        )

    def _post_block(self, post: Post) -> str:
        (role, role_en), (org, org_en) = post.role.name, post.org.name
        return self._block(
            post.iri,
            "org:Post",
            [
                *named(post.iri, (f"{role} bij {org}", f"{role_en} at {org_en}")),
                *texts(
                    "dct:description",
                    f"Synthetisch: {role} in dienst van {org}, {self.place}.",
                    f"Synthetic: {role_en} employed by {org_en}, {self.place}.",
                ),
                ("org:postIn", post.org.iri),
                ("org:role", post.role.iri),
                *(("rm:followsPrinciple", iri) for iri in post.principles),
                *(("rm:followsProtocol", iri) for iri in post.protocols),
            ],
        )

    def _task_block(self, task: Task) -> str:
        (role, role_en), (org, org_en) = task.post.role.name, task.org.name
        pairs = [*named(task.iri, task.label), ("rm:performedBy", task.post.iri)]
        if task.mode is None or task.orientation is None:
            about = ("geen dienst aan inwoners", "not a service to residents")
        else:
            groups, domains = _labels(task.groups, " en ", " and "), _labels(task.domains)
            how = _labels([task.mode, task.orientation])
            where = _labels(task.settings, " of ", " or ")
            about = (
                f"voor {groups[0]}, op {domains[0]}; {how[0]}; plek: {where[0]}",
                f"for {groups[1]}, on {domains[1]}; {how[1]}; setting: {where[1]}",
            )
            pairs += [
                *(("rm:targetGroup", g.iri) for g in task.groups),
                *(("rm:lifeDomain", d.iri) for d in task.domains),
                ("rm:workMode", task.mode.iri),
                ("rm:orientation", task.orientation.iri),
                *(("rm:setting", s.iri) for s in task.settings),
            ]
        description = texts(
            "dct:description",
            f"Synthetisch: {task.label[0]}, door de {role} van {org}; {about[0]}.",
            f"Synthetic: {task.label[1]}, by the {role_en} of {org_en}; {about[1]}.",
        )
        principles = [("rm:followsPrinciple", iri) for iri in task.principles]
        return self._block(task.iri, "rm:Task", [*pairs, *description, *principles])


def _labels(concepts: list[Concept], nl: str = ", ", en: str = ", ") -> tuple[str, str]:
    return (nl.join(c.label[0] for c in concepts), en.join(c.label[1] for c in concepts))


def _first(task: Task) -> Combination:
    """The task's first target group, life domain and its work mode."""
    assert task.mode is not None
    return task.groups[0].id, task.domains[0].id, task.mode.id


def _core(org: Org) -> Combination:
    return PROFILE_FOR[org.kind][0], PROFILE_ON[org.kind][0], PROFILE_HOW[org.kind][0][0]


def _fits(group: str, mode: str) -> bool:
    return group not in COLLECTIVE_GROUPS or mode == "collectief"

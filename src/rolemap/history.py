"""Committing additions, their history, and undoing one: each a single SPARQL update, so a store
is always as it was before or as it is after (Oxigraph and the SPARQL servers run one update
request as one transaction)."""

import re
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from rolemap.additions import CheckedAddition
from rolemap.dataset import ADDITION_GRAPHS, STORE_GRAPH, ntriples
from rolemap.errors import RolemapError
from rolemap.namespaces import RDFS, RM
from rolemap.store import Backend, StoreError

ADDITIONS = "https://w3id.org/rolemap/id/addition/"
AGENTS = "https://w3id.org/rolemap/id/agent/"
AGENT_LABEL = re.compile(r"[A-Za-z0-9._-]{1,64}")


class UnknownAdditionError(RolemapError):
    status = 404


class UndoRefusedError(RolemapError):
    status = 409


@dataclass
class HistoryEntry:
    id: int
    at: str  # ISO 8601, UTC
    by: str
    source: str  # the file or body it came from
    triples: int
    organisations: list[str]  # ids
    undone_at: str | None = None
    undone_by: str | None = None

    @property
    def graph(self) -> str:
        return f"{ADDITION_GRAPHS}{self.id}"

    def to_json(self) -> dict:
        return asdict(self) | {"status": "undone" if self.undone_at else "live"}


def agent(by: str) -> URIRef:
    if not AGENT_LABEL.fullmatch(by):
        raise RolemapError(
            f"‘{by}’ cannot name who made a change: use 1 to 64 letters, digits, '.', '_' or '-'."
        )
    return URIRef(AGENTS + by)


def commit(backend: Backend, checked: CheckedAddition, by: str) -> HistoryEntry:
    """Store the addition and its history record together; return the record."""
    who = agent(by)
    for _ in range(5):  # another rolemap on the same store may take the same number first
        number, at = next_number(backend), Literal(_now(), datatype=XSD.dateTime)
        backend.update(_insert(checked, number, who, at))
        if _landed(backend, number, who, at):
            return entry(backend, number)
    raise StoreError("five other additions went in at the same moment; send this one again.")


def _landed(backend: Backend, number: int, who: URIRef, at: Literal) -> bool:
    """Whether record `number` is ours (compared as values: stores may rewrite a dateTime)."""
    record = URIRef(f"{ADDITIONS}{number}")
    answer = backend.query(
        f"ASK {{ GRAPH <{STORE_GRAPH}> {{ {record.n3()} {PROV.endedAtTime.n3()} ?at ; "
        f"{PROV.wasAssociatedWith.n3()} {who.n3()} . FILTER(?at = {at.n3()}) }} }}"
    )
    return bool(answer)


def next_number(backend: Backend) -> int:
    rows = list(
        backend.query(
            f"SELECT (MAX(?n) AS ?max) WHERE {{ GRAPH <{STORE_GRAPH}> {{ "
            f"?a a <{RM.Addition}> ; <{DCTERMS.identifier}> ?id . "
            f"BIND(<{XSD.integer}>(?id) AS ?n) }} }}"
        )
    )
    latest = rows[0]["max"] if rows else None
    return int(latest.value) + 1 if latest is not None else 1


def _insert(checked: CheckedAddition, number: int, who: URIRef, at: Literal) -> str:
    """The addition's triples and its record, only if the number is still free."""
    record = URIRef(f"{ADDITIONS}{number}")
    graph = URIRef(f"{ADDITION_GRAPHS}{number}")
    facts = [
        (RDF.type, RM.Addition),
        (DCTERMS.identifier, Literal(str(number))),
        (PROV.endedAtTime, at),
        (PROV.wasAssociatedWith, who),
        (DCTERMS.source, Literal(checked.addition.name)),
        (RM.tripleCount, Literal(checked.triples)),
        (RM.namedGraph, graph),
        *((PROV.generated, org) for org in checked.organisations),
    ]
    record_triples = " ".join(f"{record.n3()} {p.n3()} {o.n3()} ." for p, o in facts)
    record_triples += "".join(  # on the record: the organisations' own ids go when undone
        f" {record.n3()} {RM.organisationId.n3()} {Literal(org_id).n3()} ."
        for org_id in checked.organisation_ids
    )
    agent_triples = _agent_triples(who)
    return (
        f"INSERT {{ GRAPH {graph.n3()} {{ {ntriples(checked.addition.graph)} }} "
        f"GRAPH <{STORE_GRAPH}> {{ {record_triples} {agent_triples} }} }} "
        f"WHERE {{ FILTER NOT EXISTS {{ GRAPH <{STORE_GRAPH}> {{ {record.n3()} ?p ?o }} }} }}"
    )


def _agent_triples(who: URIRef) -> str:
    name = Literal(str(who).removeprefix(AGENTS))
    return f"{who.n3()} a {PROV.Agent.n3()} ; {RDFS.label.n3()} {name.n3()} ."


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


_HISTORY = f"""
SELECT ?id ?at ?by ?source ?triples ?undoneAt ?undoneBy
       (GROUP_CONCAT(?orgId; separator=" ") AS ?orgs)
WHERE {{ GRAPH <{STORE_GRAPH}> {{
    ?a a <{RM.Addition}> ; <{DCTERMS.identifier}> ?id ; <{PROV.endedAtTime}> ?at ;
       <{PROV.wasAssociatedWith}> ?by ; <{DCTERMS.source}> ?source ; <{RM.tripleCount}> ?triples .
    OPTIONAL {{ ?a <{RM.undoneAt}> ?undoneAt ; <{RM.undoneBy}> ?undoneBy }}
    OPTIONAL {{ ?a <{RM.organisationId}> ?orgId }}
    FILTER_PLACEHOLDER
}} }}
GROUP BY ?id ?at ?by ?source ?triples ?undoneAt ?undoneBy
"""


def history(backend: Backend) -> list[HistoryEntry]:
    """Every addition, oldest first; undone ones stay, marked."""
    rows = backend.query(_HISTORY.replace("FILTER_PLACEHOLDER", ""))
    return sorted((_from_row(row) for row in rows), key=lambda e: e.id)


def _entry(backend: Backend, number: int) -> HistoryEntry | None:
    query = _HISTORY.replace("FILTER_PLACEHOLDER", f'FILTER(?id = "{number}")')
    rows = list(backend.query(query))
    return _from_row(rows[0]) if rows else None


def _from_row(row) -> HistoryEntry:
    def text(name: str) -> str | None:
        value = row[name]
        return None if value is None else value.value

    return HistoryEntry(
        id=int(text("id") or 0),
        at=text("at") or "",
        by=(text("by") or "").removeprefix(AGENTS),
        source=text("source") or "",
        triples=int(text("triples") or 0),
        organisations=sorted(set((text("orgs") or "").split())),
        undone_at=text("undoneAt"),
        undone_by=(text("undoneBy") or "").removeprefix(AGENTS) or None,
    )


def entry(backend: Backend, number: int) -> HistoryEntry:
    found = _entry(backend, number)
    if found is None:
        known = ", ".join(str(e.id) for e in history(backend)) or "none yet"
        raise UnknownAdditionError(
            f"there is no addition {number}; additions: {known}. See `rolemap history`."
        )
    return found


def undo(backend: Backend, number: int, by: str) -> HistoryEntry:
    """Drop the addition's graph and mark its record, in one update."""
    found = entry(backend, number)
    if found.undone_at:
        raise UndoRefusedError(
            f"addition {number} was already undone at {found.undone_at} by {found.undone_by}."
        )
    who, record = agent(by), URIRef(f"{ADDITIONS}{number}")
    at = Literal(_now(), datatype=XSD.dateTime)
    backend.update(
        f"DROP SILENT GRAPH <{found.graph}> ; INSERT DATA {{ GRAPH <{STORE_GRAPH}> {{ "
        f"{record.n3()} {RM.undoneAt.n3()} {at.n3()} ; {RM.undoneBy.n3()} {who.n3()} . "
        f"{_agent_triples(who)} }} }}"
    )
    return entry(backend, number)


def change_marker(backend: Backend) -> tuple[int, int]:
    """(additions, undone ones): changes whenever any process adds or undoes."""
    rows = backend.query(
        f"SELECT (COUNT(DISTINCT ?a) AS ?added) (COUNT(DISTINCT ?u) AS ?undone) "
        f"WHERE {{ GRAPH <{STORE_GRAPH}> {{ ?a a <{RM.Addition}> . "
        f"OPTIONAL {{ ?a <{RM.undoneAt}> ?u }} }} }}"
    )
    row = next(iter(rows))
    return int(row["added"].value), int(row["undone"].value)

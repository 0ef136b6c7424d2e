"""How rolemap's graph is laid out in a store, and reading it back.

- Every file of the ontology and of the data set is one named graph (a base graph); the store
  record holds its SHA-256, so a changed file (a new release of the shipped data) is loaded again
  at start, in one transaction per file, and additions are kept.
- Every addition is one named graph and one rm:Addition record (ontology/store.ttl).
- The records live in their own named graph, which the knowledge graph does not include.
"""

import hashlib
import threading
from pathlib import Path

import pyoxigraph
from rdflib import Graph, Literal, Node, URIRef

from rolemap.errors import DataFileError, RolemapError
from rolemap.loader import KnowledgeGraph, parse_turtle, turtle_files
from rolemap.namespaces import PREFIXES, RM
from rolemap.oxigraph_terms import to_oxigraph_triple, to_rdflib
from rolemap.paths import default_data_dir, ontology_dir
from rolemap.store import Backend, StoreError
from rolemap.text import lone_surrogate, shown

GRAPHS = "https://w3id.org/rolemap/graph/"
STORE_GRAPH = GRAPHS + "store"
ADDITION_GRAPHS = GRAPHS + "addition/"
_STORE_NODE = f"<{STORE_GRAPH}>"


def base_files(data_dir: Path) -> dict[str, Path]:
    """Named graph IRI → file, for the ontology and one data set."""
    files = {GRAPHS + "ontology/" + p.name: p for p in turtle_files(ontology_dir())}
    for path in turtle_files(data_dir):
        files[GRAPHS + "data/" + path.relative_to(data_dir).as_posix()] = path
    return files


def checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_base(backend: Backend, data_dir: Path | None = None) -> list[Path]:
    """Load the base graphs that are missing or whose file changed; return those files.

    A store belongs to one data set: opening it with another is refused, so that additions made
    on top of one data set never silently end up on another.
    """
    data_dir = (data_dir or default_data_dir()).resolve()
    recorded_data = check_data_set(backend, data_dir)
    files = base_files(data_dir)
    recorded = recorded_checksums(backend)
    changed = [(g, p, checksum(p)) for g, p in files.items() if recorded.get(g) != checksum(p)]
    # all parse and are written out as updates before any is sent
    updates = [_replace_base_graph(g, path, digest) for g, path, digest in changed]
    for update in updates:
        backend.update(update)
    for graph_iri in sorted(set(recorded) - set(files)):
        backend.update(_drop_base_graph(graph_iri))
    if recorded_data is None:
        backend.update(
            f"INSERT DATA {{ GRAPH {_STORE_NODE} {{ {_STORE_NODE} <{RM.baseData}> "
            f"{Literal(str(data_dir)).n3()} }} }}"
        )
    return [path for _, path, _ in changed]


def check_data_set(backend: Backend, data_dir: Path | None = None) -> str | None:
    """The data set the store was built from (None for a new store); StoreError if that is
    not `data_dir`."""
    data_dir = (data_dir or default_data_dir()).resolve()
    recorded_data = _recorded_data_dir(backend)
    if recorded_data is not None and recorded_data != str(data_dir):
        raise StoreError(
            f"the store at {backend.name} was built from the data set {recorded_data}, not "
            f"{data_dir}. Give --data {recorded_data}, or another --data-dir for this data set "
            "(':memory:' for one that is not kept)."
        )
    return recorded_data


def _recorded_data_dir(backend: Backend) -> str | None:
    rows = list(
        backend.query(
            f"SELECT ?d WHERE {{ GRAPH {_STORE_NODE} {{ {_STORE_NODE} <{RM.baseData}> ?d }} }}"
        )
    )
    return rows[0]["d"].value if rows else None


def recorded_checksums(backend: Backend) -> dict[str, str]:
    """Base graph IRI → the SHA-256 of the file the store holds it from."""
    rows = backend.query(
        f"SELECT ?g ?sum WHERE {{ GRAPH {_STORE_NODE} {{ ?g a <{RM.BaseGraph}> ; "
        f"<{RM.checksum}> ?sum }} }}"
    )
    return {row["g"].value: row["sum"].value for row in rows}


def _replace_base_graph(graph_iri: str, path: Path, digest: str) -> str:
    """One update (one transaction): the file's triples and its checksum record together."""
    try:
        triples = ntriples(parse_turtle(path))
    except UnwritableTermError as error:  # rdflib's parser lets such IRIs through
        raise DataFileError(path, error.message, hint=error.hint) from None
    return (
        _drop_base_graph(graph_iri) + f"; INSERT DATA {{ GRAPH <{graph_iri}> {{ {triples} }} "
        f"GRAPH {_STORE_NODE} {{ <{graph_iri}> a <{RM.BaseGraph}> ; "
        f'<{RM.checksum}> "{digest}" }} }}'
    )


def _drop_base_graph(graph_iri: str) -> str:
    return (
        f"DROP SILENT GRAPH <{graph_iri}> ; "
        f"DELETE WHERE {{ GRAPH {_STORE_NODE} {{ <{graph_iri}> ?p ?o }} }}"
    )


class UnwritableTermError(RolemapError):
    """A term of a graph that N-Triples (and so a SPARQL update) cannot hold."""

    def __init__(self, triple: tuple[Node, Node, Node], reason: str) -> None:
        self.subject = triple[0]
        about = shown(
            f"<{self.subject}>" if isinstance(self.subject, URIRef) else f"_:{self.subject}"
        )[:200]
        self.message = f"cannot be stored: {shown(reason)} (in a statement about {about})"
        text = any(isinstance(term, Literal) and lone_surrogate(term) for term in triple)
        self.hint = (
            "Write the character itself, or as one escape of 8 digits (\\U0001F600)."
            if text
            else "An IRI cannot hold spaces, quotes, <, >, {, }, |, ^, ` or \\: percent-encode "
            "the character (a space is %20) or leave it out."
        )
        super().__init__(f"{self.message}. {self.hint}")


def ntriples(graph: Graph) -> str:
    """The graph as N-Triples, which is also valid inside SPARQL's INSERT DATA. Oxigraph writes
    it: rdflib writes an IRI with a '>' or a space as it is, which breaks out of the update."""
    triples = [_triple(triple) for triple in graph]
    return pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES).decode("utf-8")


def _triple(triple: tuple[Node, Node, Node]) -> pyoxigraph.Triple:
    try:
        return to_oxigraph_triple(triple)
    except ValueError as error:  # the message names the term
        raise UnwritableTermError(triple, str(error)) from None


class ReadCancelledError(Exception):
    """read_graph was stopped (its store is being closed)."""


def read_graph(
    backend: Backend,
    data_dir: Path | None = None,
    without: str | None = None,
    stop: threading.Event | None = None,
) -> KnowledgeGraph:
    """The knowledge graph as it is in the store now: base graphs plus live additions (all but
    the named graph `without`, to see the graph as it would be without it). Setting `stop`
    ends a read in a background thread (ReadCancelledError)."""
    data_dir = (data_dir or default_data_dir()).resolve()
    files = base_files(data_dir)
    kg = KnowledgeGraph(graph=Graph(), data_dir=data_dir, files=list(files.values()))
    for prefix, namespace in PREFIXES.items():
        kg.graph.bind(prefix, namespace)
    add, sources, convert, copied = kg.graph.add, {}, _Converter(), []
    skipped = {STORE_GRAPH, without}
    for number, quad in enumerate(backend.quads()):
        if stop is not None and not number % 65536 and stop.is_set():
            raise ReadCancelledError
        graph_name = quad.graph_name
        if not isinstance(graph_name, pyoxigraph.NamedNode) or graph_name.value in skipped:
            continue
        subject = convert(quad.subject)
        add((subject, convert(quad.predicate), convert(quad.object)))
        copied.append(pyoxigraph.Quad(quad.subject, quad.predicate, quad.object))
        if isinstance(subject, URIRef):
            source = sources.get(graph_name.value)
            if source is None:
                source = sources[graph_name.value] = _source_of(graph_name.value, files)
            kg.stated_in.setdefault(subject, set()).add(source)
    kg.files += sorted({s for s in sources.values() if s not in files.values()})
    kg.oxigraph = pyoxigraph.Store()  # the same triples, blank node ids included
    kg.oxigraph.bulk_extend(copied)
    return kg


def _source_of(graph_iri: str, files: dict[str, Path]) -> Path:
    if graph_iri in files:
        return files[graph_iri]
    return Path(graph_iri.removeprefix(GRAPHS))  # e.g. addition/3


class _Converter:
    """pyoxigraph → rdflib terms, each distinct term converted once (labels repeat a lot)."""

    def __init__(self) -> None:
        self._seen: dict = {}

    def __call__(self, term):
        try:
            return self._seen[term]
        except KeyError:
            converted = self._seen[term] = to_rdflib(term)
            return converted

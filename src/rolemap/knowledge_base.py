"""The knowledge base: the graph in its store, the indexes answers come from, and the validated
ways to change it. The CLI and the API both work through this one object."""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from rolemap.addition_formats import Addition
from rolemap.additions import (
    CheckedAddition,
    InvalidAdditionError,
    Problem,
    ReportChanges,
    check_addition,
    new_structure_violations,
    report_changes,
)
from rolemap.config import Settings
from rolemap.dataset import ReadCancelledError, check_data_set, ensure_base, read_graph
from rolemap.history import (
    HistoryEntry,
    UndoRefusedError,
    change_marker,
    commit,
    entry,
    history,
    undo,
)
from rolemap.labels import label
from rolemap.loader import KnowledgeGraph
from rolemap.paths import default_data_dir
from rolemap.report import Report, build_report
from rolemap.store import Backend, StoreError, open_backend
from rolemap.translate import Translator
from rolemap.view_cache import Indexes, view_cache

log = logging.getLogger(__name__)


class LazyGraph:
    """The rdflib graph of a View when its indexes came from the cache: read from the store on
    first use, or ahead in a background thread (a server). Look-up, search, translation and
    routing answer without it; what works on the graph itself (the report, entity pages,
    checking an addition) waits for it. It holds no reference to its KnowledgeBase, so an
    unclosed one is still freed (and its store unlocked) when dropped."""

    def __init__(
        self, read: Callable[..., KnowledgeGraph], loaded: list[Callable[[], None]] | None = None
    ) -> None:
        self._read, self._loaded = read, loaded if loaded is not None else []
        self._kg: KnowledgeGraph | None = None
        self._done, self._stop = threading.Event(), threading.Event()
        self._reading = threading.Lock()
        self._thread: threading.Thread | None = None  # made on start: it refers back to self

    @classmethod
    def of(cls, kg: KnowledgeGraph) -> "LazyGraph":
        """A graph already read."""
        graph = cls(lambda **_: kg)
        graph._kg = kg
        return graph

    @property
    def ready(self) -> bool:
        return self._kg is not None

    def start(self) -> None:
        """Read it now in a background thread."""
        self._thread = threading.Thread(target=self._load, name="rolemap-graph", daemon=True)
        self._thread.start()

    def _load(self) -> None:
        try:
            self._kg = self._read(stop=self._stop)
        except ReadCancelledError:
            return
        except Exception as error:  # whoever needs the graph reads it again (get)
            log.warning("rolemap: reading the graph in the background failed: %s", error)
            return
        finally:
            self._done.set()
        for hook in self._loaded:
            hook()

    def get(self) -> KnowledgeGraph:
        if self._kg is None:
            if self._thread is not None:  # being read in the background
                self._done.wait()
            with self._reading:
                if self._kg is None:  # not read ahead, or that failed
                    self._kg = self._read(stop=self._stop)
        return self._kg

    def stop(self) -> None:
        """End a read still running (the store is about to close) and wait for the thread."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


class View:
    """Everything answers are computed from, built from one snapshot of the store. A change
    builds a new View and swaps it in whole, so a request never mixes two snapshots."""

    def __init__(self, indexes: Indexes, graph: LazyGraph) -> None:
        self.indexes = indexes
        self.terms = indexes.terms
        self.translator = Translator(indexes.terms)
        self.routing = indexes.routing
        self.triples = indexes.triples  # known before the graph has loaded
        self.graph = graph
        self._reports: dict[str, Report] = {}

    @classmethod
    def build(cls, kg: KnowledgeGraph) -> "View":
        return cls(Indexes.build(kg), LazyGraph.of(kg))

    @property
    def kg(self) -> KnowledgeGraph:
        """The graph; waits while it is still being read."""
        return self.graph.get()

    @property
    def graph_ready(self) -> bool:
        return self.graph.ready

    def report(self, lang: str = "nl") -> Report:
        """The whole overlap report, built once per language (the graph of a View is fixed)."""
        if lang not in self._reports:
            self._reports[lang] = build_report(self.kg, lang=lang)
        return self._reports[lang]


@dataclass
class Added:
    checked: CheckedAddition
    changes: ReportChanges
    entry: HistoryEntry


class KnowledgeBase:
    """The store the settings name, brought up to date with the data set's files, and the View
    answers come from. Writes (add, undo) go one at a time and rebuild the View."""

    def __init__(
        self, settings: Settings, backend: Backend | None = None, read_ahead: bool = True
    ) -> None:
        """`read_ahead`: after a start from the cache, read the graph in a background thread
        (a server); otherwise on first use (a command that may not need it)."""
        self.settings = settings
        self._read_ahead = read_ahead
        self.backend = backend or open_backend(settings)
        # base files (re)loaded now; a read-only store is kept current by its owner, but it
        # must hold the data set asked for
        if self.backend.writable:
            self.loaded = ensure_base(self.backend, settings.data)
        else:
            check_data_set(self.backend, settings.data)
            self.loaded = []
        self._writing = threading.Lock()
        self.reloaded: list[Callable[[], None]] = []  # called after each reload
        # called when a View's graph has been read in the background
        self.graph_loaded: list[Callable[[], None]] = []
        self.view = self._open_view()

    @property
    def kg(self) -> KnowledgeGraph:
        return self.view.kg

    @property
    def store_reachable(self) -> bool:
        """Whether the store answered when last asked: by a request, or by `watch`. Asks it
        nothing now, so it costs nothing to read as often as a load balancer polls."""
        return self.backend.reachable

    def _open_view(self) -> View:
        """A View of the store now: its indexes from the cache when it holds this state (the
        graph follows, see LazyGraph), else built from the graph and cached."""
        self._seen = change_marker(self.backend)
        data_dir = (self.settings.data or default_data_dir()).resolve()
        cache = view_cache(self.backend, data_dir, self._seen)
        indexes = cache.load() if cache is not None else None
        if indexes is None:
            view = View.build(read_graph(self.backend, data_dir))
            if cache is not None:
                cache.save(view.indexes)
            return view
        graph = LazyGraph(partial(read_graph, self.backend, data_dir), self.graph_loaded)
        if self._read_ahead:
            graph.start()
        return View(indexes, graph)

    def reload(self) -> None:
        self.view = self._open_view()
        for hook in self.reloaded:
            hook()

    def refresh(self) -> bool:
        """Reload if another process added or undid something in the store since (several
        rolemap servers on one SPARQL store). True when it reloaded."""
        if change_marker(self.backend) == self._seen:
            return False
        self.reload()
        return True

    def watch(self, interval: float, stop: threading.Event) -> None:
        """Refresh every `interval` seconds until `stop` is set (run it in a thread)."""
        while not stop.wait(interval):
            try:
                with self._writing:
                    self.refresh()
            except StoreError as error:  # the store is away; answers come from the last copy
                log.warning("rolemap: could not check the store for changes: %s", error)

    def check(self, addition: Addition, lang: str = "nl") -> CheckedAddition:
        return check_addition(self.kg, addition, lang)

    def dry_run(
        self, addition: Addition, lang: str = "nl"
    ) -> tuple[CheckedAddition, ReportChanges]:
        checked = self.check(addition, lang)
        return checked, report_changes(self.report(lang), build_report(checked.merged(), lang=lang))

    def report(self, lang: str = "nl") -> Report:
        return self.view.report(lang)

    def add(self, addition: Addition, by: str, lang: str = "nl") -> Added:
        """Validate, commit in one transaction, and answer from the new graph from now on."""
        with self._writing:
            self.refresh()  # validate against what the store holds now
            checked, changes = self.dry_run(addition, lang)
            added = commit(self.backend, checked, by)
            self.reload()
        return Added(checked, changes, added)

    def history(self) -> list[HistoryEntry]:
        return history(self.backend)

    def undo(self, number: int, by: str, lang: str = "nl") -> HistoryEntry:
        """Undo an addition, unless a later one depends on it (undo that one first)."""
        with self._writing:
            self.refresh()
            found = entry(self.backend, number)
            if not found.undone_at:
                self._refuse_if_needed(found, lang)
            undone = undo(self.backend, number, by)
            self.reload()
        return undone

    def _refuse_if_needed(self, found: HistoryEntry, lang: str) -> None:
        remaining = read_graph(self.backend, self.settings.data, without=found.graph)
        broken = new_structure_violations(self.kg.graph, remaining.graph)
        if broken:
            problems = [
                Problem(
                    f"{label(self.kg.graph, r.focus, lang)}: {dict(r.messages).get(lang, r.check)}",
                    check=r.check,
                    focus=str(r.focus),
                )
                for r in broken
            ]
            raise UndoRefusedError(
                str(
                    InvalidAdditionError(
                        f"addition {found.id}",
                        "later additions depend on it; undo those first.",
                        problems,
                    )
                )
            )

    def close(self) -> None:
        self.view.graph.stop()
        self.backend.close()

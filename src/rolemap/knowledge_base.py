"""The knowledge base: the graph in its store, the indexes answers come from, and the validated
ways to change it. The CLI and the API both work through this one object."""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

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
from rolemap.dataset import ensure_base, read_graph
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
from rolemap.report import Report, build_report
from rolemap.routing_model import RoutingModel, read_routing_model
from rolemap.store import Backend, StoreError, open_backend
from rolemap.terms import Terms
from rolemap.translate import Translator

log = logging.getLogger(__name__)


@dataclass
class View:
    """Everything answers are computed from, built from one snapshot of the store. A change
    builds a new View and swaps it in whole, so a request never mixes two snapshots."""

    kg: KnowledgeGraph
    terms: Terms = field(init=False)
    translator: Translator = field(init=False)
    routing: RoutingModel = field(init=False)
    _reports: dict[str, Report] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.terms = Terms.from_graph(self.kg)
        self.translator = Translator(self.terms)
        self.routing = read_routing_model(self.kg.graph)

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

    def __init__(self, settings: Settings, backend: Backend | None = None) -> None:
        self.settings = settings
        self.backend = backend or open_backend(settings)
        # base files (re)loaded now; a read-only store is kept current by its owner
        self.loaded = ensure_base(self.backend, settings.data) if self.backend.writable else []
        self._seen = change_marker(self.backend)
        self.view = View(read_graph(self.backend, settings.data))
        self._writing = threading.Lock()
        self.reloaded: list[Callable[[], None]] = []  # called after each reload

    @property
    def kg(self) -> KnowledgeGraph:
        return self.view.kg

    def reload(self) -> None:
        self._seen = change_marker(self.backend)
        self.view = View(read_graph(self.backend, self.settings.data))
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
        self.backend.close()

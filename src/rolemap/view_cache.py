"""The answer indexes of a View, kept in a file in the embedded store's folder, so that a start
need not read the whole graph into rdflib (half a minute at national scale) before it answers.

The file is keyed by the store's state (the additions' change marker, the checksums of the base
files the store holds, the data set) and by the code that built it, so a change to the store, the
data or rolemap itself never reads a stale one. A missing, stale, corrupt or unreadable file is
rebuilt; one that cannot be written is skipped. The file is a pickle: whoever can write into the
store's folder can change the store itself anyway.
"""

import gc
import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from rolemap import __version__
from rolemap.config import MEMORY
from rolemap.dataset import recorded_checksums
from rolemap.loader import KnowledgeGraph
from rolemap.routing_model import RoutingModel, read_routing_model
from rolemap.store import Backend
from rolemap.terms import Terms

log = logging.getLogger(__name__)

CACHE_FILE = "rolemap-view.cache"
FORMAT = 1  # raise when what the file holds changes shape in a way the code digest misses
PROTOCOL = 5


@dataclass
class Indexes:
    """What answers come from without the graph: terms (with search), the routing model, and
    the graph's size (for /health before the graph has loaded)."""

    terms: Terms
    routing: RoutingModel
    triples: int

    @classmethod
    def build(cls, kg: KnowledgeGraph) -> "Indexes":
        return cls(Terms.from_graph(kg), read_routing_model(kg.graph), len(kg.graph))


@dataclass(frozen=True)
class ViewCache:
    path: Path
    key: tuple

    def load(self) -> Indexes | None:
        """The cached indexes if the file is there and holds this key; otherwise None."""
        try:
            file = self.path.open("rb")
        except FileNotFoundError:
            return None
        except OSError as error:
            log.info("rolemap: cannot read the view cache %s (%s); building", self.path, error)
            return None
        with file:
            try:
                if pickle.load(file) != self.key:
                    log.info("rolemap: the view cache %s is out of date; building", self.path)
                    return None
                return _unpickle(file)
            except Exception as error:  # a damaged pickle can fail in almost any way
                log.warning(
                    "rolemap: the view cache %s is damaged (%s: %s); building it again",
                    self.path,
                    type(error).__name__,
                    error,
                )
                return None

    def save(self, indexes: Indexes) -> None:
        """Write the file whole or not at all (a temporary file renamed over the old one)."""
        try:
            handle, temporary = tempfile.mkstemp(
                dir=self.path.parent, prefix=".rolemap-view-", suffix=".tmp"
            )
        except OSError as error:  # a read-only folder: start without a cache
            log.info("rolemap: cannot write the view cache in %s (%s)", self.path.parent, error)
            return
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump(self.key, file, protocol=PROTOCOL)
                pickle.dump(indexes, file, protocol=PROTOCOL)
            os.chmod(temporary, 0o644)  # as the store's own files (mkstemp makes it 0600)
            os.replace(temporary, self.path)
        except Exception as error:  # a full disk, or something in the indexes pickle refuses
            log.warning("rolemap: could not write the view cache %s: %s", self.path, error)
            Path(temporary).unlink(missing_ok=True)


def _unpickle(file: BinaryIO) -> Indexes:
    """A million small objects: with the garbage collector on, its passes over them while they
    are created take ten times as long as the loading itself. (`rolemap serve` then freezes
    them out of later passes.)"""
    enabled = gc.isenabled()
    gc.disable()
    try:
        indexes = pickle.load(file)
    finally:
        if enabled:
            gc.enable()
    if not isinstance(indexes, Indexes):
        raise TypeError(f"holds a {type(indexes).__name__}, not the indexes")
    return indexes


def view_cache(backend: Backend, data_dir: Path, marker: tuple[int, int]) -> ViewCache | None:
    """The cache of an embedded store on disk, for the store's state now (`marker`: its change
    marker); None for a store in memory or a remote one."""
    if backend.query_url is not None or backend.name == MEMORY:
        return None
    checksums = tuple(sorted(recorded_checksums(backend).items()))
    key = (FORMAT, __version__, _code_digest(), str(data_dir), tuple(marker), checksums)
    return ViewCache(Path(backend.name) / CACHE_FILE, key)


@cache
def _code_digest() -> str:
    """rolemap's own modules: any change to the code that builds or holds the indexes makes
    the cache stale, released or not."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()

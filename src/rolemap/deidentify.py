"""De-identification of case descriptions with deduce (Dutch names, addresses, phone numbers,
dates, ages, BSN). Loading deduce takes seconds, so one instance serves the whole process."""

import logging
import threading
from contextlib import contextmanager
from functools import lru_cache


class Deidentifier:
    def __init__(self) -> None:
        self._engine = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._engine is None:
                with _logging_untouched():
                    from deduce import Deduce  # imported here: loading it is the slow part

                    self._engine = Deduce()
        return self._engine

    def warm(self) -> None:
        """Load deduce now (for example in a background thread at start-up)."""
        self._load()

    @property
    def ready(self) -> bool:
        return self._engine is not None

    def __call__(self, text: str) -> str:
        return self._load().deidentify(text).deidentified_text


@contextmanager
def _logging_untouched():
    """deduce calls logging.basicConfig(level=DEBUG) on import: every library's debug lines
    (request details among them) would reach stdout. Put the root logger back as it was."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


@lru_cache(maxsize=1)
def shared_deidentifier() -> Deidentifier:
    return Deidentifier()

"""De-identification of case descriptions with deduce (Dutch names, addresses, phone numbers,
dates, ages, BSN). Loading deduce takes seconds, so one instance serves the whole process."""

import logging
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache


class Deidentifier:
    def __init__(self) -> None:
        self._engine = None
        self._lock = threading.Lock()

    def _load(self):
        with self._lock:
            if self._engine is None:
                with _process_settings_untouched():
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
def _process_settings_untouched() -> Iterator[None]:
    """deduce sets process-wide settings that belong to the application. It calls
    logging.basicConfig(level=DEBUG) on import, and logging.info (which calls basicConfig when
    the root logger has no handler) while loading. Either gives the root logger a handler:
    during the seconds deduce loads in a background thread, every library's debug lines
    (request details among them) would reach stdout. So basicConfig does nothing meanwhile, and
    the root logger is put back as it was should deduce change it otherwise. It also resets the
    warnings filters (warnings.simplefilter("default")): they are restored too."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    basic_config, logging.basicConfig = logging.basicConfig, _leave_logging_alone
    try:
        with warnings.catch_warnings():  # puts the filters back
            yield
    finally:
        logging.basicConfig = basic_config
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        if root.level != level:
            root.setLevel(level)


def _leave_logging_alone(**_: object) -> None:
    """logging.basicConfig while deduce loads: the application configures logging, not it."""


@lru_cache(maxsize=1)
def shared_deidentifier() -> Deidentifier:
    return Deidentifier()

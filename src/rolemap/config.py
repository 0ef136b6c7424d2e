"""Settings: set by CLI options, each with a ROLEMAP_* environment variable behind it."""

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

ENV_DATA = "ROLEMAP_DATA"
ENV_DATA_DIR = "ROLEMAP_DATA_DIR"
ENV_SPARQL_URL = "ROLEMAP_SPARQL_URL"
ENV_SPARQL_UPDATE_URL = "ROLEMAP_SPARQL_UPDATE_URL"
ENV_TOKEN = "ROLEMAP_TOKEN"
ENV_MAX_BODY = "ROLEMAP_MAX_BODY"
ENV_QUERY_TIMEOUT = "ROLEMAP_QUERY_TIMEOUT"
ENV_QUERY_MAX_ROWS = "ROLEMAP_QUERY_MAX_ROWS"
ENV_HOST = "ROLEMAP_HOST"
ENV_PORT = "ROLEMAP_PORT"
ENV_ACCESS_LOG = "ROLEMAP_ACCESS_LOG"
ENV_CORS_ORIGINS = "ROLEMAP_CORS_ORIGINS"

MEMORY = ":memory:"  # the data dir value for a store that lives in memory only
# scheme://host[:port], nothing after: a browser's Origin never has a path or a trailing slash
ORIGIN = re.compile(r"https?://[^/\s?#]+")


def default_data_dir() -> Path:
    """Where the embedded store keeps its state unless told otherwise (XDG data home)."""
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "rolemap" / "store"


@dataclass(frozen=True)
class Settings:
    data: Path | None = None  # a data set folder; None means the shipped Overvecht data
    # The embedded store's folder, or MEMORY. The library's default is memory; the CLI's is
    # default_data_dir(), so a served graph keeps its additions.
    data_dir: str = MEMORY
    sparql_url: str | None = None  # a SPARQL 1.1 Protocol query endpoint instead of embedded
    sparql_update_url: str | None = None  # its update endpoint; derived from sparql_url if None
    token: str | None = None  # "label:secret,…" or "secret"; None disables writes
    max_body: int = 1_000_000  # bytes an addition may have
    query_timeout: float = 10.0  # seconds a /sparql query may run
    query_max_rows: int = 10_000  # solutions or triples a /sparql answer may have
    host: str = "127.0.0.1"
    port: int = 8000
    # uvicorn's line per request: off by default, it cost a fifth of a look-up's CPU time
    access_log: bool = False
    # Origins whose pages may call the API from a browser (CORS); none by default.
    cors_origins: tuple[str, ...] = ()


def parse_origins(values: Iterable[str]) -> tuple[str, ...]:
    """Origins from repeated options and comma-separated lists; '*' allows any. Raises
    ValueError for one a browser would never send (a path, a trailing slash, no scheme)."""
    origins = [o.strip() for value in values for o in value.split(",") if o.strip()]
    for origin in origins:
        if origin != "*" and not ORIGIN.fullmatch(origin):
            raise ValueError(f"{origin!r} is not an origin: use scheme://host[:port], no path")
    return tuple(dict.fromkeys(origins))

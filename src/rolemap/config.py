"""Settings: set by CLI options, each with a ROLEMAP_* environment variable behind it."""

from dataclasses import dataclass
from pathlib import Path

ENV_DATA = "ROLEMAP_DATA"
ENV_HOST = "ROLEMAP_HOST"
ENV_PORT = "ROLEMAP_PORT"


@dataclass(frozen=True)
class Settings:
    data: Path | None = None  # a data set folder; None means the shipped Overvecht data
    host: str = "127.0.0.1"
    port: int = 8000

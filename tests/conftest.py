from pathlib import Path

import pytest

from rolemap.loader import KnowledgeGraph, load

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def overvecht() -> KnowledgeGraph:
    """The shipped Overvecht graph, loaded once (tests must not change it)."""
    return load()


@pytest.fixture
def write_ttl(tmp_path: Path):
    """Write a Turtle file into a fresh folder and return its path."""

    def write(text: str, name: str = "data.ttl") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write

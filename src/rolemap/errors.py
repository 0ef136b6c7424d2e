"""Errors that reach a user: each says what went wrong, where, and how to fix it."""

from dataclasses import dataclass
from pathlib import Path


class RolemapError(Exception):
    """Base class for errors rolemap reports to a person instead of a traceback."""


@dataclass
class DataFileError(RolemapError):
    """A data or ontology file could not be read."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None
    hint: str = "Fix the file and run `rolemap check` again."

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}. {self.hint}"


@dataclass
class Clash:
    """One contradiction the reasoner's verdict traces back to: what, which entity, which files."""

    entity: str
    label: str
    message: str
    files: tuple[str, ...] = ()

    def __str__(self) -> str:
        files = f" (stated in {', '.join(self.files)})" if self.files else ""
        return f"{self.label} <{self.entity}>: {self.message}{files}"


class InconsistentGraphError(RolemapError):
    """The reasoner found the graph contradictory."""

    def __init__(self, clashes: list[Clash]) -> None:
        self.clashes = clashes
        super().__init__(str(self))

    def __str__(self) -> str:
        if not self.clashes:
            return (
                "The reasoner (HermiT) found the graph inconsistent, but no single clash of "
                "disjoint classes or functional properties explains it. Remove the latest "
                "addition and add it back piece by piece to find the contradiction."
            )
        lines = ["The graph contradicts itself:"]
        lines += [f"  - {clash}" for clash in self.clashes]
        lines.append("Fix: remove or correct one of the contradicting statements.")
        return "\n".join(lines)


class ReasonerUnavailableError(RolemapError):
    """The reasoner could not run (for example, no Java)."""

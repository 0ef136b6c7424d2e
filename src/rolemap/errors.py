"""Errors that reach a user: each says what went wrong, where, and how to fix it."""

from dataclasses import dataclass
from pathlib import Path

from rolemap.text import shown


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
        # shown(): the message may quote a key or value with a lone surrogate (from an escape)
        return shown(f"{where}: {self.message}. {self.hint}")


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


class UnknownOrganisationError(RolemapError):
    """An organisation id that the graph does not hold."""

    def __init__(self, unknown: list[str], known: list[str]) -> None:
        self.unknown, self.known = unknown, known
        super().__init__(
            f"unknown organisation id(s): {', '.join(unknown)}; known ids: {', '.join(known)}"
        )


class UnknownTermError(RolemapError):
    """A word no sense in the graph carries (for that organisation, when one was asked for)."""

    def __init__(
        self,
        text: str,
        suggestions: list[str],
        organisation: str | None = None,
        used_by: list[str] | None = None,
    ) -> None:
        self.text, self.suggestions, self.organisation = text, suggestions, organisation
        self.used_by = used_by or []
        if organisation and self.used_by:
            message = (
                f"{organisation} has no word ‘{text}’ of its own; {', '.join(self.used_by)} "
                "uses it. Leave out the organisation to see what they mean by it."
            )
        else:
            where = f" in the jargon of {organisation}" if organisation else ""
            hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
            message = (
                f"no term ‘{text}’{where}.{hint} Search by meaning instead: "
                "GET /api/terms?q=… or `rolemap search …`."
            )
        super().__init__(message)

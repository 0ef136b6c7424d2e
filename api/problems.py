"""The bodies of error answers, for the OpenAPI document: a client (and tests/test_fuzz_api.py)
can rely on every status and body shape an operation declares, and only on those."""

from typing import Any

from pydantic import BaseModel


class Problem(BaseModel):
    """Most errors: what is wrong and how to fix it, in words."""

    detail: str


class FieldError(BaseModel):
    """Where a request does not fit its parameters or body, and why (never the input)."""

    loc: list[str | int]
    msg: str
    type: str


class UnknownOrganisation(BaseModel):
    error: str
    unknown: list[str]
    known: list[str]


class UnknownOrganisationProblem(BaseModel):
    detail: UnknownOrganisation


class UnknownTerm(BaseModel):
    error: str
    label: str
    suggestions: list[str]


class UnknownTermProblem(BaseModel):
    detail: UnknownTerm | UnknownOrganisation


class UnreadableQuestion(BaseModel):
    """A question the router cannot read, such as an unknown life domain."""

    error: str
    field: str
    known: list[str]


class WhoInvalid(BaseModel):
    detail: list[FieldError] | UnreadableQuestion


class UnknownFormat(BaseModel):
    error: str
    formats: list[str]


class UnknownFormatProblem(BaseModel):
    detail: UnknownFormat


class ParseProblem(Problem):
    """The body does not parse: where."""

    line: int | None = None
    column: int | None = None


class AdditionProblem(BaseModel):
    message: str
    line: int | None = None
    check: str | None = None
    focus: str | None = None


class Refusal(BaseModel):
    """An addition refused (nothing stored), or a request that does not fit its parameters."""

    detail: str | list[FieldError]
    problems: list[AdditionProblem] = []


def declared(model: type[BaseModel] | None, description: str, **headers: str) -> dict[str, Any]:
    """One entry of a route's `responses=`, with the headers it always carries (`Retry_After`
    for Retry-After)."""
    entry: dict[str, Any] = {"description": description}
    if model is not None:
        entry["model"] = model
    if headers:
        entry["headers"] = {
            name.replace("_", "-"): {"description": text, "schema": {"type": "string"}}
            for name, text in headers.items()
        }
    return entry


UNKNOWN_ORGANISATION = {404: declared(UnknownOrganisationProblem, "An unknown organisation id.")}
# FastAPI's own 400 for a JSON body it cannot decode (not UTF-8), before validation.
UNPARSABLE_BODY = {400: declared(Problem, "The body cannot be decoded.")}

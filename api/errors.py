"""rolemap's errors as HTTP answers: the status says what kind, the body what, where and how to
fix it. Routers raise; this one handler answers."""

from fastapi import Request
from fastapi.responses import JSONResponse

from rolemap.addition_formats import UnsupportedFormatError
from rolemap.additions import AdditionError
from rolemap.errors import DataFileError, RolemapError, UnknownOrganisationError
from rolemap.store import StoreError

# Errors without a status of their own: which HTTP status each kind gets.
STATUS: list[tuple[type[RolemapError], int]] = [
    (DataFileError, 400),  # the body does not parse
    (UnsupportedFormatError, 415),
    (UnknownOrganisationError, 404),
    (StoreError, 503),  # the store does not answer or cannot be written
]


def status_of(error: RolemapError) -> int:
    status = getattr(error, "status", None)
    if isinstance(status, int):
        return status
    return next((code for kind, code in STATUS if isinstance(error, kind)), 400)


async def rolemap_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RolemapError)
    body: dict = {"detail": str(error)}
    if isinstance(error, DataFileError):
        body |= {"line": error.line, "column": error.column}
    if isinstance(error, AdditionError):
        body |= {
            "detail": f"{error.name}: {error.summary}",
            "problems": [vars(problem) for problem in error.problems],
        }
    headers = {"Retry-After": "5"} if status_of(error) == 503 else None
    return JSONResponse(body, status_code=status_of(error), headers=headers)

"""rolemap's errors as HTTP answers: the status says what kind, the body what, where and how to
fix it. Routers raise; this one handler answers."""

from fastapi import Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

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


async def unreadable_body(request: Request, error: Exception) -> Response:
    """FastAPI answers a JSON body it cannot decode with "There was an error parsing the body";
    say why when the cause is known (the body itself is never repeated: it may hold personal
    data). Every other HTTP error keeps FastAPI's answer."""
    assert isinstance(error, StarletteHTTPException)
    cause = error.__cause__
    if error.status_code == 400 and isinstance(cause, UnicodeDecodeError):
        detail = (
            f"The body is not UTF-8: byte 0x{cause.object[cause.start]:02x} at position "
            f"{cause.start} is no UTF-8 character. Send the JSON encoded as UTF-8."
        )
    elif error.status_code == 400 and isinstance(cause, RecursionError):
        detail = (
            "The JSON body is nested too deeply to read. Send one object with the fields "
            "this operation lists in /docs."
        )
    else:
        return await http_exception_handler(request, error)
    return JSONResponse({"detail": detail}, status_code=400)

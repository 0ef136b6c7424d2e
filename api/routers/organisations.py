"""Analysts extend the graph over HTTP: add an organisation (validated, one transaction), list
organisations, see the history of additions and undo one. Writes need the bearer token."""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from api.auth import Writer
from api.problems import ParseProblem, Problem, Refusal, declared
from rolemap.addition_formats import FORMATS, format_for_media_type, parse_addition
from rolemap.additions import addition_json
from rolemap.organisations import organisation_detail, organisation_list

router = APIRouter(prefix="/api", tags=["organisations"])

Lang = Annotated[str, Query(pattern="^(nl|en)$", description="Language of labels and messages.")]

# Declared for both writes: the token check, and a store that cannot be written (Retry-After).
WRITE_REFUSED = {
    401: declared(Problem, "No bearer token.", WWW_Authenticate="Bearer"),
    403: declared(Problem, "Wrong token, or writes disabled (no ROLEMAP_TOKEN)."),
}
STORE_DOWN = {503: declared(Problem, "The store cannot be written now.", Retry_After="Seconds.")}

_BODY_TYPES = sorted({media for fmt in FORMATS.values() for media in fmt.media_types})


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes."""
    too_big = HTTPException(
        413, f"the body is larger than {limit} bytes (ROLEMAP_MAX_BODY); split the addition."
    )
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise too_big
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "/organisations",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {media: {"schema": {"type": "string"}} for media in _BODY_TYPES},
        }
    },
    responses={
        201: declared(None, "Added: what was stored and what changed.", Location="Its URL."),
        200: {
            "description": "Dry run: what the addition would change; nothing stored.",
            "content": {"application/json": {}},
        },
        400: declared(ParseProblem, "The body does not parse (line and column given)."),
        **WRITE_REFUSED,
        409: declared(Refusal, "An organisation with this IRI or id exists."),
        413: declared(Problem, "The body is larger than ROLEMAP_MAX_BODY."),
        415: declared(Problem, "Not Turtle, JSON-LD or YAML."),
        422: declared(
            Refusal, "No organisation in the body, shape or reasoner findings, or bad parameters."
        ),
        **STORE_DOWN,
    },
)
async def add_organisation(
    request: Request,
    by: Writer,
    lang: Lang = "nl",
    dry_run: Annotated[bool, Query(description="Check and show changes; store nothing.")] = False,
    source: Annotated[
        str, Query(max_length=200, description="Name of the file, for the history.")
    ] = "request body",
) -> JSONResponse:
    """Add one or more organisations (with their roles, tasks, terms, sources) after checking
    them: syntax, structure shapes, reasoner. Answers what was added and what changed in the
    overlap report. Body: Turtle, JSON-LD or YAML (see examples/)."""
    fmt = format_for_media_type(request.headers.get("content-type", ""))
    body = await read_body(request, request.app.state.settings.max_body)
    addition = parse_addition(body, fmt, source)
    kb = request.app.state.kb
    if dry_run:
        answer = addition_json(*await run_in_threadpool(kb.dry_run, addition, lang), lang)
        return JSONResponse(answer | {"dry_run": True})
    added = await run_in_threadpool(kb.add, addition, by, lang)
    answer = addition_json(added.checked, added.changes, lang)
    answer["addition"] = added.entry.to_json()
    location = f"/api/organisations/{added.checked.organisation_ids[0]}"
    return JSONResponse(answer, status_code=201, headers={"Location": location})


@router.get("/organisations")
def list_organisations(request: Request, lang: Lang = "nl") -> JSONResponse:
    """Every organisation: id, name, kind, and the addition that brought it (null: base data)."""
    return JSONResponse(organisation_list(request.app.state.kb.kg, lang))


@router.get("/organisations/{org_id}", responses={404: declared(Problem, "No such organisation.")})
def get_organisation(
    request: Request, org_id: Annotated[str, Path(max_length=200)], lang: Lang = "nl"
) -> JSONResponse:
    """One organisation: its roles, tasks, terms, working areas and sources."""
    return JSONResponse(organisation_detail(request.app.state.kb.kg, org_id, lang))


@router.get("/additions")
def list_additions(request: Request) -> JSONResponse:
    """The history of additions, oldest first; undone ones stay, marked."""
    return JSONResponse([entry.to_json() for entry in request.app.state.kb.history()])


@router.delete(
    "/additions/{number}",
    responses={
        **WRITE_REFUSED,
        404: declared(Problem, "No such addition."),
        409: declared(Problem, "Later additions depend on it: undo those first."),
        **STORE_DOWN,
    },
)
async def undo_addition(
    request: Request, number: Annotated[int, Path(ge=1)], by: Writer, lang: Lang = "nl"
) -> JSONResponse:
    """Undo an addition in one transaction (refused while later additions depend on it)."""
    undone = await run_in_threadpool(request.app.state.kb.undo, number, by, lang)
    return JSONResponse(undone.to_json())

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from api.problems import UNKNOWN_ORGANISATION, UnknownFormatProblem, declared
from rolemap.errors import UnknownOrganisationError
from rolemap.report import build_report
from rolemap.report_formats import FORMATS, MEDIA_TYPES, render

router = APIRouter(prefix="/api", tags=["report"])


_RESPONSES = {
    200: {
        "description": "The report in the format asked for.",
        "content": {media.split(";")[0]: {} for media in MEDIA_TYPES.values()},
    },
    400: declared(UnknownFormatProblem, "An unknown format."),
    **UNKNOWN_ORGANISATION,
}


@router.get("/report", responses=_RESPONSES)
def report(
    request: Request,
    format: Annotated[str, Query(description=f"One of: {', '.join(FORMATS)}.")] = "json",
    org: Annotated[list[str] | None, Query(description="Organisation ids to focus on.")] = None,
    lang: Annotated[str, Query(pattern="^(nl|en)$")] = "nl",
) -> Response:
    """The overlap report of the graph: findings with organisations, terms, sources, settlement."""
    if format not in FORMATS:
        raise HTTPException(400, {"error": f"unknown format {format!r}", "formats": list(FORMATS)})
    view = request.app.state.kb.view
    try:  # the whole report is built once per View and language; a focus is built anew
        built = build_report(view.kg, org, lang) if org else view.report(lang)
    except UnknownOrganisationError as error:
        raise HTTPException(
            404, {"error": str(error), "unknown": error.unknown, "known": error.known}
        ) from None
    return Response(render(built, format), media_type=MEDIA_TYPES[format])

"""Term look-up and search: what each organisation means by a word."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from api.answers import AnswerCache, Encoded
from api.language import language
from api.problems import UNKNOWN_ORGANISATION, UnknownTermProblem, declared
from rolemap.errors import UnknownOrganisationError, UnknownTermError
from rolemap.knowledge_base import View

router = APIRouter(prefix="/api", tags=["terms"])
# Answers are returned as JSONResponse: FastAPI's re-encoding of a plain dict costs more than the
# look-up itself.

Lang = Annotated[str, Depends(language)]
Org = Annotated[str | None, Query(description="An organisation id: only its senses.")]


def unknown_organisation(error: UnknownOrganisationError) -> HTTPException:
    return HTTPException(404, {"error": str(error), "unknown": error.unknown, "known": error.known})


@router.get("/terms", responses=UNKNOWN_ORGANISATION)
def search_terms(
    request: Request,
    lang: Lang,
    q: Annotated[str, Query(max_length=200, description="What to look for.")] = "",
    org: Org = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
) -> JSONResponse:
    """Ranked search over labels, definitions and notes, with the matched text's spans."""
    try:
        results = request.app.state.kb.view.terms.search(q, org, lang, limit)
    except UnknownOrganisationError as error:
        raise unknown_organisation(error) from None
    return JSONResponse({"query": q, "results": results})


@router.get(
    "/terms/{label:path}",
    responses={
        200: {"description": "Gzipped when the client accepts it and it is over 1 kB."},
        404: declared(UnknownTermProblem, "No such word (with suggestions), or organisation."),
    },
)
async def look_up_term(
    request: Request,
    label: str,
    lang: Lang,
    org: Org = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Senses listed at most.")] = 100,
    offset: Annotated[
        int, Query(ge=0, le=100_000, description="Senses skipped first; see total_senses.")
    ] = 0,
) -> Response:
    """Each organisation's meaning of a word: definition, usage, connotation, equivalents.
    A common word may have a sense per organisation in the country: `total_senses` says how
    many there are, `limit` and `offset` page through them."""
    # async: a cached answer takes microseconds, less than a hand-off to the thread pool.
    view, key = request.app.state.kb.view, (label, org, lang, limit, offset)
    cache: AnswerCache = request.app.state.answers
    answer = cache.get(view, key)
    if answer is None:  # not asked since the last change
        answer = cache.put(key, Encoded.of(_look_up(view, label, org, lang, limit, offset)))
    return answer.response(request)


def _look_up(view: View, label: str, org: str | None, lang: str, limit: int, offset: int) -> dict:
    try:
        answer = view.terms.look_up(label, org, lang, offset + limit)
        answer["senses"] = answer["senses"][offset:]
        return answer
    except UnknownOrganisationError as error:
        raise unknown_organisation(error) from None
    except UnknownTermError as error:
        raise HTTPException(
            404, {"error": str(error), "label": label, "suggestions": error.suggestions}
        ) from None

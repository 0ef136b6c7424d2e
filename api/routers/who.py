"""Who picks this up? Ranked organisations for a case, with reasons, advice and sources.

The description may hold personal data: it is de-identified, used in memory for this request only,
never stored and never logged (the access log has no bodies; errors never echo input)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.language import language
from api.problems import UNPARSABLE_BODY, WhoInvalid, declared
from rolemap.recognise import Question, QuestionError
from rolemap.routing import route

router = APIRouter(prefix="/api", tags=["who"])

MAX_DESCRIPTION = 5000


class WhoRequest(BaseModel):
    description: str | None = Field(
        None, max_length=MAX_DESCRIPTION, description="The case in your own words (Dutch)."
    )
    age: int | None = Field(None, ge=0, le=120, description="Age of the resident in years.")
    postcode: str | None = Field(None, max_length=10, description="1234 or 1234 AB.")
    life_domains: list[str] = Field(
        default_factory=list, max_length=20, description="ZRM life domains, by label or id."
    )
    collective: bool | None = Field(None, description="Is it a question of a group or street?")
    urgent: bool | None = Field(None, description="Does it need help now?")
    consent: bool | None = Field(None, description="Did the resident consent to sharing?")
    as_of: date | None = Field(None, description="The day the answer should hold for.")

    def question(self) -> Question:
        return Question(**self.model_dump())


def answer(request: Request, body: WhoRequest, lang: str) -> dict:
    """Route a question; a question the router cannot read is a 422 that says which field."""
    state = request.app.state
    try:
        return route(state.kb.view.routing, body.question(), lang, deidentify=state.deidentifier)
    except QuestionError as error:
        raise HTTPException(
            422, {"error": str(error), "field": error.field, "known": error.known}
        ) from None


@router.post(
    "/who",
    responses={
        **UNPARSABLE_BODY,
        422: declared(WhoInvalid, "The body does not fit, or names what is not known."),
    },
)
def who(
    request: Request, body: WhoRequest, lang: Annotated[str, Depends(language)]
) -> JSONResponse:
    """Candidates ranked, with reasons and sources; grey area, advice and protocols."""
    # A JSONResponse skips FastAPI's re-encoding of the answer, which costs more than routing.
    return JSONResponse(answer(request, body, lang))

"""Translation between jargons: one organisation's words as another organisation hears them."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from api.language import language
from api.problems import UNKNOWN_ORGANISATION, UNPARSABLE_BODY
from api.routers.terms import unknown_organisation
from rolemap.errors import UnknownOrganisationError

router = APIRouter(prefix="/api", tags=["terms"])

MAX_TEXT = 5000


class TranslateRequest(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    text: str = Field(min_length=1, max_length=MAX_TEXT, description="A professional's words.")
    source: str = Field(alias="from", description="Id of the organisation that speaks.")
    target: str = Field(alias="to", description="Id of the organisation that listens.")


Lang = Annotated[str, Depends(language)]


@router.post("/translate", responses=UNKNOWN_ORGANISATION | UNPARSABLE_BODY)
def translate(request: Request, body: TranslateRequest, lang: Lang) -> dict:
    """Per span of the speaker's jargon: its meaning, the listener's word, and warnings."""
    return _translate(request, body, lang)


@router.get("/translate", responses=UNKNOWN_ORGANISATION)
def translate_link(
    request: Request, body: Annotated[TranslateRequest, Query()], lang: Lang
) -> dict:
    """The same as POST, as a link: the JSON twin of the /translate page."""
    return _translate(request, body, lang)


def _translate(request: Request, body: TranslateRequest, lang: str) -> dict:
    try:
        return request.app.state.kb.view.translator.translate(
            body.text, body.source, body.target, lang
        )
    except UnknownOrganisationError as error:
        raise unknown_organisation(error) from None

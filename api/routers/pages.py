"""The web pages: search with autocomplete, a page per term, translation. Each has a JSON twin.

Pages work without JavaScript (plain forms and links); api/static/autocomplete.js only adds
suggestions while typing.
"""

from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from pydantic import ValidationError

from api.language import language
from api.routers.who import WhoRequest, answer
from rolemap.errors import UnknownOrganisationError, UnknownTermError
from rolemap.labels import ontology_label
from rolemap.lexicon import pick
from rolemap.messages import MESSAGES, message
from rolemap.routing_model import FEATURE_CLASSES
from rolemap.terms import Terms

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parents[1] / "templates")

Lang = Annotated[str, Depends(language)]


def highlight(text: str, spans: list[tuple[int, int]]) -> Markup:
    """`text` HTML-escaped, with each (start, end) span in <mark>."""
    out, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        out += [escape(text[cursor:start]), Markup("<mark>"), escape(text[start:end])]
        out.append(Markup("</mark>"))
        cursor = end
    out.append(escape(text[cursor:]))
    return Markup("").join(out)


def isolated_message(key: str, lang: str, **values: str) -> Markup:
    """A catalogue sentence whose values (data) each sit in <bdi>: a bidi control in a label
    then cannot reorder the rest of the sentence."""
    isolated = {name: Markup("<bdi>{}</bdi>").format(value) for name, value in values.items()}
    return escape(message(key, lang)).format(**isolated)


def isolate(text: str) -> str:
    """Text between Unicode's first-strong isolate and its pop, for where no <bdi> can go (a
    <title>, an <option>): bidi controls in the data then cannot reorder the text around it."""
    return f"\u2068{text}\u2069"


def term_url(term: str) -> str:
    return "/terms/" + quote(term, safe="")


templates.env.filters["highlight"] = highlight
templates.env.filters["isolate"] = isolate


def render(request: Request, name: str, lang: str, status: int = 200, **context) -> HTMLResponse:
    explicit = request.query_params.get("lang")
    lang_param = f"lang={explicit}" if explicit else ""
    other_lang = "en" if lang == "nl" else "nl"
    switched = {**request.query_params, "lang": other_lang}
    context |= {
        "lang": lang,
        "t": lambda key: message(key, lang),
        "say": lambda key, **values: isolated_message(key, lang, **values),
        "lang_param": lang_param,
        "other_lang": other_lang,
        "other_lang_url": f"{request.url.path}?{urlencode(switched)}",
        # Links to terms keep a language the user chose explicitly.
        "term_link": lambda term: term_url(term) + (f"?{lang_param}" if lang_param else ""),
    }
    # Security headers, the Content-Security-Policy among them, come from api/security.py.
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request, lang: Lang, q: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    terms = request.app.state.kb.view.terms
    results = terms.search(q, lang=lang, limit=20) if q.strip() else []
    catalogue = [] if q.strip() else terms.catalogue(lang)
    return render(
        request,
        "search.html",
        lang,
        q=q,
        results=results,
        catalogue=catalogue,
        json_url=f"/api/terms?q={quote(q)}",
    )


@router.get("/terms/{label:path}", response_class=HTMLResponse)
def term_page(request: Request, label: str, lang: Lang, org: str | None = None) -> HTMLResponse:
    json_url = "/api" + term_url(label) + (f"?org={quote(org)}" if org else "")
    terms = request.app.state.kb.view.terms
    try:
        term = terms.look_up(label, org, lang)
    except (UnknownTermError, UnknownOrganisationError) as error:
        suggestions = getattr(error, "suggestions", [])
        return render(
            request,
            "not_found.html",
            lang,
            404,
            label=label,
            message=_not_found(error, terms, lang),
            suggestions=suggestions,
            json_url=json_url,
        )
    return render(request, "term.html", lang, term=term, json_url=json_url)


def _not_found(
    error: UnknownTermError | UnknownOrganisationError, terms: Terms, lang: str
) -> Markup:
    """The error in the page's language (the API's own message is English, for developers)."""
    if isinstance(error, UnknownOrganisationError):
        return _unknown_organisation(error, lang)
    if not error.organisation:
        return isolated_message("no_term", lang, word=error.text)
    owner = terms.lexicon.organisations[error.organisation].to_json(lang)["name"]
    if not error.used_by:
        return isolated_message("no_term_of", lang, organisation=owner, word=error.text)
    used_by = ", ".join(error.used_by)
    return isolated_message(
        "not_their_word", lang, organisation=owner, word=error.text, used_by=used_by
    )


def _unknown_organisation(error: UnknownOrganisationError, lang: str) -> Markup:
    unknown, known = ", ".join(error.unknown), ", ".join(error.known)
    return isolated_message("unknown_organisation", lang, unknown=unknown, known=known)


@router.get("/translate", response_class=HTMLResponse)
def translate_page(
    request: Request,
    lang: Lang,
    text: Annotated[str, Query(max_length=5000)] = "",
    source: Annotated[str, Query(alias="from")] = "",
    target: Annotated[str, Query(alias="to")] = "",
) -> HTMLResponse:
    terms = request.app.state.kb.view.terms
    result, error = None, None
    if text.strip() and source and target:
        try:
            result = request.app.state.kb.view.translator.translate(text, source, target, lang)
        except UnknownOrganisationError as failure:
            error = _unknown_organisation(failure, lang)
    return render(
        request,
        "translate.html",
        lang,
        400 if error else 200,
        text=text,
        source=source,
        target=target,
        result=result,
        error=error,
        marks=[(span["start"], span["end"]) for span in result["spans"]] if result else [],
        speakers=terms.speakers(lang),
        organisations=terms.organisation_choices(lang),
        json_url="/api/translate?" + urlencode(request.query_params) if result else None,
    )


def _who_form(request: Request, lang: str) -> dict:
    model = request.app.state.kb.view.routing
    domains = sorted((pick(c.labels, lang), c.id) for c in model.by_kind.get("life_domains", []))
    # What rolemap read, by kind: each kind named as the ontology names its class.
    kinds = {kind: ontology_label(cls, lang) for kind, cls in FEATURE_CLASSES.items()}
    return {"domains": domains, "kinds": kinds, "json_url": None}


@router.get("/who", response_class=HTMLResponse)
def who_page(request: Request, lang: Lang) -> HTMLResponse:
    return render(request, "who.html", lang, form=WhoRequest(), result=None,
                  **_who_form(request, lang))  # fmt: skip


@router.post("/who", response_class=HTMLResponse)
def who_answer_page(
    request: Request,
    lang: Lang,
    description: Annotated[str, Form()] = "",
    age: Annotated[str, Form()] = "",
    postcode: Annotated[str, Form()] = "",
    life_domains: Annotated[list[str] | None, Form()] = None,
    collective: Annotated[bool, Form()] = False,
    urgent: Annotated[bool, Form()] = False,
) -> HTMLResponse:
    """A POSTed form, so the description never appears in a URL or an access log. Checked here,
    not by FastAPI, so that a mistake gets this page back with a message, not JSON."""
    fields = {
        "description": description or None,
        "age": age.strip() or None,
        "postcode": postcode.strip() or None,
        "life_domains": life_domains or [],
        "collective": collective or None,
        "urgent": urgent or None,
    }
    result, error, form_info = None, None, _who_form(request, lang)
    try:
        form = WhoRequest.model_validate(fields)
        result = answer(request, form, lang)
        # The page shown after the answer holds the text without personal data, not the original.
        form.description = result["deidentified_description"]
    except ValidationError as invalid:
        form = WhoRequest.model_construct(**fields)
        error = "; ".join(_field_error(e, lang) for e in invalid.errors())
    except HTTPException as failure:
        domains = form_info["domains"]
        error = _question_error(failure.detail, lang, domains, life_domains or [])
    return render(request, "who.html", lang, 422 if error else 200, form=form, result=result,
                  error=error, **form_info)  # fmt: skip


def _field_error(error: dict, lang: str) -> str:
    """Which field is wrong and how, without repeating what was typed."""
    field = str(error["loc"][0]) if error["loc"] else ""
    label = message(field, lang) if field in MESSAGES else field
    key = f"invalid_{error['type']}"
    values = {name: str(value) for name, value in error.get("ctx", {}).items()}
    return f"{label}: {message(key, lang, **values) if key in MESSAGES else error['msg']}"


def _question_error(
    detail: dict, lang: str, domains: list[tuple[str, str]], given: list[str]
) -> str:
    """The router's objection in the page's language; its own words for what it has none of."""
    field, key = detail["field"], f"who_invalid_{detail['field']}"
    if key not in MESSAGES:
        return detail["error"]
    known = {name for domain in domains for name in domain}
    unknown = ", ".join(name for name in given if name not in known)
    values = {"unknown": unknown, "known": ", ".join(label for label, _ in domains)}
    text = isolated_message(key, lang, **values)
    return Markup("{}: {}").format(message(field, lang), text) if field in MESSAGES else text

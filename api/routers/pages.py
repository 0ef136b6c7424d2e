"""The web pages: search with autocomplete, a page per term, translation. Each has a JSON twin.

Pages work without JavaScript (plain forms and links); api/static/autocomplete.js only adds
suggestions while typing.
"""

from pathlib import Path
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from api.language import language
from rolemap.errors import UnknownOrganisationError, UnknownTermError
from rolemap.messages import message

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parents[1] / "templates")

# Pages load nothing from elsewhere and run only our own script.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}

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


def term_url(term: str) -> str:
    return "/terms/" + quote(term, safe="")


templates.env.filters["highlight"] = highlight


def render(request: Request, name: str, lang: str, status: int = 200, **context) -> HTMLResponse:
    explicit = request.query_params.get("lang")
    lang_param = f"lang={explicit}" if explicit else ""
    other_lang = "en" if lang == "nl" else "nl"
    switched = {**request.query_params, "lang": other_lang}
    context |= {
        "lang": lang,
        "t": lambda key: message(key, lang),
        "lang_param": lang_param,
        "other_lang": other_lang,
        "other_lang_url": f"{request.url.path}?{urlencode(switched)}",
        # Links to terms keep a language the user chose explicitly.
        "term_link": lambda term: term_url(term) + (f"?{lang_param}" if lang_param else ""),
    }
    return templates.TemplateResponse(
        request, name, context, status_code=status, headers=PAGE_HEADERS
    )


@router.get("/", response_class=HTMLResponse)
def search_page(
    request: Request, lang: Lang, q: Annotated[str, Query(max_length=200)] = ""
) -> HTMLResponse:
    terms = request.app.state.terms
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
    try:
        term = request.app.state.terms.look_up(label, org, lang)
    except (UnknownTermError, UnknownOrganisationError) as error:
        suggestions = getattr(error, "suggestions", [])
        return render(
            request,
            "not_found.html",
            lang,
            404,
            label=label,
            message=str(error),
            suggestions=suggestions,
            json_url=json_url,
        )
    return render(request, "term.html", lang, term=term, json_url=json_url)


@router.get("/translate", response_class=HTMLResponse)
def translate_page(
    request: Request,
    lang: Lang,
    text: Annotated[str, Query(max_length=5000)] = "",
    source: Annotated[str, Query(alias="from")] = "",
    target: Annotated[str, Query(alias="to")] = "",
) -> HTMLResponse:
    terms = request.app.state.terms
    result, error = None, None
    if text.strip() and source and target:
        try:
            result = request.app.state.translator.translate(text, source, target, lang)
        except UnknownOrganisationError as failure:
            error = str(failure)
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

"""Security of the served app: headers on every response, a Content-Security-Policy the pages
keep to, no CORS unless configured, and nothing an analyst adds runs in a reader's browser."""

import base64
import hashlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import api.app
from api.app import create_app
from rolemap.cli import app as cli
from rolemap.config import ENV_CORS_ORIGINS, Settings, parse_origins
from rolemap.errors import RolemapError

FIXTURES = Path(__file__).parent / "fixtures"
TWO_TEAMS = FIXTURES / "jargon"
HOSTILE = (FIXTURES / "hostile" / "hostile_labels.ttl").read_bytes()
TOKEN = "s3cret-token"
WRITE = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "text/turtle"}
APP_ORIGIN, OTHER_ORIGIN = "https://app.example", "https://evil.example"


class Html(HTMLParser):
    """A page's elements as (tag, attributes), the text of its inline scripts and styles, and
    its visible text (entities decoded)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.inline: dict[str, list[str]] = {"script": [], "style": []}
        self.text_parts: list[str] = []
        self.open: str | None = None  # the script or style element being read
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        self.open = tag if tag in self.inline else None

    def handle_endtag(self, tag: str) -> None:
        self.open = None

    def handle_data(self, data: str) -> None:
        if self.open is None:
            self.text_parts.append(data)
        elif data.strip():
            self.inline[self.open].append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def tags(self, name: str) -> list[dict[str, str]]:
        return [attrs for tag, attrs in self.elements if tag == name]


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive → sources; there must be exactly one."""
    (header,) = response.headers.get_list("content-security-policy")
    directives = (d.split() for d in header.split(";") if d.strip())
    return {name: sources for name, *sources in directives}


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data=TWO_TEAMS, token=TOKEN))) as client:
        yield client


# ---------------------------------------------------------------------------------------------
# Headers


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/terms/wijkkracht",
        "/api/terms/wijkkracht",
        "/api/report?format=html",
        "/api/entity?iri=https%3A%2F%2Fexample.org%2Fjargon%2Fnoord&format=text/turtle",
        "/static/rolemap.css",
        "/docs",
        "/api/no-such-thing",
    ],
)
def test_every_response_carries_nosniff_no_referrer_no_framing_and_one_policy(client, url):
    response = client.get(url)
    assert response.headers.get_list("x-content-type-options") == ["nosniff"]
    assert response.headers.get_list("referrer-policy") == ["no-referrer"]
    assert response.headers.get_list("x-frame-options") == ["DENY"]
    assert policy(response)["frame-ancestors"] == ["'none'"]


SECURITY_HEADERS = (
    "content-security-policy",
    "x-content-type-options",
    "referrer-policy",
    "x-frame-options",
)


@pytest.mark.parametrize(
    ("url", "accept", "media_type"),
    [
        ("/sparql", "text/html", "text/html"),  # the usage page, which set nosniff itself
        ("/sparql", "application/sparql-results+json", "application/json"),  # no query: 400
        ("/health", "application/json", "application/json"),
        ("/api/report?format=csv", "*/*", "text/csv"),
        ("/api/report?format=html", "*/*", "text/html"),
        ("/", "text/html", "text/html"),
        ("/docs", "text/html", "text/html"),
        ("/openapi.json", "application/json", "application/json"),
        ("/static/rolemap.css", "text/css", "text/css"),
        ("/api/no-such-thing", "application/json", "application/json"),
    ],
)
def test_each_security_header_is_sent_exactly_once(client, url, accept, media_type):
    """Twice is not harmless: a proxy or browser may join the values ("nosniff, nosniff") and
    then ignore the header; two policies are both enforced."""
    response = client.get(url, headers={"Accept": accept})
    assert response.headers["content-type"].startswith(media_type), response.text[:200]
    for name in SECURITY_HEADERS:
        assert len(response.headers.get_list(name)) == 1, (name, response.headers.get_list(name))


def test_the_page_policy_runs_only_our_own_files(client):
    rules = policy(client.get("/terms/wijkkracht"))
    assert rules["default-src"] == ["'self'"]  # scripts and styles: only files from here
    assert "script-src" not in rules and "style-src" not in rules, "nothing loosens default-src"
    assert rules["object-src"] == rules["base-uri"] == ["'none'"]
    assert rules["form-action"] == ["'self'"]
    assert rules["img-src"] == ["'self'", "data:"]  # the empty data: favicon


def test_the_report_page_allows_exactly_its_own_inline_style(client):
    response = client.get("/api/report?format=html")
    page = Html(response.text)
    (style,) = page.inline["style"]
    assert policy(response)["style-src"] == ["'self'", sha256_source(style)]
    assert not page.tags("script")


def test_the_docs_page_gets_swagger_ui_from_its_cdn_and_its_one_inline_script(client):
    response = client.get("/docs")
    (script,) = Html(response.text).inline["script"]
    rules = policy(response)
    assert rules["default-src"] == ["'none'"]
    assert rules["script-src"] == ["https://cdn.jsdelivr.net", sha256_source(script)]
    assert rules["connect-src"] == ["'self'"]  # the schema and "Try it out", nowhere else
    assert "https://cdn.jsdelivr.net" not in str(policy(client.get("/")))


PAGES = [
    "/",
    "/?q=wijk",
    "/terms/wijkkracht",
    "/terms/geen-woord",
    "/translate?" + urlencode({"text": "netwerkberaad", "from": "team-noord", "to": "team-zuid"}),
    "/who",
    "/api/entity?iri=https%3A%2F%2Fexample.org%2Fjargon%2Fwijkkracht-noord&format=text/html",
]


@pytest.mark.parametrize("url", PAGES)
def test_pages_need_no_inline_script_style_or_event_handler(client, url):
    """What the page policy would block: such a page would be broken for every reader."""
    page = Html(client.get(url).text)
    assert not page.inline["script"] and not page.inline["style"]
    assert all(s.get("src", "").startswith("/static/") for s in page.tags("script"))
    attributes = {name for _, attrs in page.elements for name in attrs}
    assert "style" not in attributes
    assert not [name for name in attributes if name.startswith("on")]


# ---------------------------------------------------------------------------------------------
# CORS


def test_no_cors_unless_configured(client):
    read = client.get("/api/terms?q=wijk", headers={"Origin": OTHER_ORIGIN})
    preflight = client.options(
        "/api/organisations",
        headers={"Origin": OTHER_ORIGIN, "Access-Control-Request-Method": "POST"},
    )
    for response in (read, preflight):
        assert not [h for h in response.headers if h.startswith("access-control-")]


@pytest.fixture(scope="module")
def cors_client() -> Iterator[TestClient]:
    settings = Settings(data=TWO_TEAMS, token=TOKEN, cors_origins=(APP_ORIGIN,))
    with TestClient(create_app(settings)) as client:
        yield client


def test_a_configured_origin_may_read_and_post_but_writes_still_need_the_token(cors_client):
    preflight = cors_client.options(
        "/api/organisations",
        headers={
            "Origin": APP_ORIGIN,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert preflight.headers["access-control-allow-origin"] == APP_ORIGIN
    assert preflight.headers["access-control-allow-methods"] == "GET, POST"
    assert preflight.headers["x-content-type-options"] == "nosniff"
    read = cors_client.get("/api/terms?q=wijk", headers={"Origin": APP_ORIGIN})
    assert read.headers["access-control-allow-origin"] == APP_ORIGIN
    write = cors_client.post(
        "/api/organisations",
        content=HOSTILE,
        headers={"Origin": APP_ORIGIN, "Content-Type": "text/turtle"},
    )
    assert write.status_code == 401  # CORS lets the page see the answer, not skip the token


def test_other_origins_and_other_methods_get_no_cors(cors_client):
    other = cors_client.get("/api/terms?q=wijk", headers={"Origin": OTHER_ORIGIN})
    assert "access-control-allow-origin" not in other.headers
    undo = cors_client.options(
        "/api/additions/1",
        headers={"Origin": APP_ORIGIN, "Access-Control-Request-Method": "DELETE"},
    )
    assert undo.status_code == 400 and "DELETE" not in undo.headers["access-control-allow-methods"]


def test_origins_come_from_repeated_options_and_comma_separated_lists():
    assert parse_origins(["https://a.example, http://b.example:8080", "https://a.example"]) == (
        "https://a.example",
        "http://b.example:8080",
    )
    assert parse_origins([]) == ()
    for wrong in ("https://a.example/", "a.example", "https://a.example/app"):
        with pytest.raises(ValueError, match="not an origin"):
            parse_origins([wrong])


def test_serve_takes_cors_origins_from_its_option_and_the_environment(monkeypatch):
    started: list[Settings] = []

    def create_app_stub(settings: Settings):
        started.append(settings)
        raise RolemapError("stop before loading anything")

    monkeypatch.setattr(api.app, "create_app", create_app_stub)
    runner = CliRunner()
    runner.invoke(cli, ["--data-dir", ":memory:", "serve", "--cors-origin", APP_ORIGIN])
    env = {ENV_CORS_ORIGINS: f"{APP_ORIGIN},{OTHER_ORIGIN}"}
    runner.invoke(cli, ["--data-dir", ":memory:", "serve"], env=env)
    runner.invoke(cli, ["--data-dir", ":memory:", "serve"], env={ENV_CORS_ORIGINS: ""})
    assert [s.cors_origins for s in started] == [(APP_ORIGIN,), (APP_ORIGIN, OTHER_ORIGIN), ()]
    wrong = runner.invoke(cli, ["--data-dir", ":memory:", "serve", "--cors-origin", "app.example"])
    assert wrong.exit_code == 2 and "not an origin" in wrong.output
    assert len(started) == 3, "a wrong origin stops serve before the app is built"


# ---------------------------------------------------------------------------------------------
# Stored XSS: an analyst's labels, definitions and sources on every page that shows them


def hostile_entity(name: str) -> str:
    iri = quote(f"https://example.org/hostile/{name}", safe="")
    return f"/api/entity?iri={iri}&format=text/html"


def term_page(label: str) -> str:
    return "/terms/" + quote(label, safe="")


TRANSLATE = "/translate?" + urlencode({"text": "wijkkracht", "from": "hostile", "to": "team-noord"})
# page → markers (the text inside `alert('…')`) of the payloads it must show, as text
SHOWN = {
    "/": "org-label sense-label",
    "/?q=script": "sense-alt",
    "/?q=" + quote("<script>alert('query')</script>"): "query",
    "/terms/wijkkracht": "org-label sense-definition sense-scope-note connotation document-label "
    "section quote",
    term_page("javascript:alert('sense-label')"): "sense-label url-word-definition assumption",
    term_page("<img src=x onerror=alert('missing')>"): "missing",
    TRANSLATE: "sense-definition connotation quote",
    "/api/report?format=html": "org-label task-label document-label quote assumption",
    hostile_entity("org"): "org-label org-alt org-description",
    hostile_entity("role"): "role-label role-definition scheme",
    hostile_entity("post"): "post-label org-label",
    hostile_entity("task"): "task-label task-description",
    hostile_entity("wijkkracht"): "sense-definition sense-scope-note connotation-label",
    hostile_entity("document"): "document-title document-label",
    hostile_entity("citation"): "section quote",
    hostile_entity("assumption"): "assumption",
}


@pytest.fixture(scope="module")
def hostile_client(client) -> TestClient:
    added = client.post("/api/organisations", content=HOSTILE, headers=WRITE)
    assert added.status_code == 201, added.text
    return client


def assert_inert(html: str, shown: str) -> None:
    """No payload arrives as markup, and each expected one arrives as text."""
    assert "<script>alert(" not in html and "<img src=x" not in html
    page = Html(html)
    assert not page.tags("img") and not page.inline["script"]
    assert all(s.get("src", "").startswith("/static/") for s in page.tags("script"))
    for tag, attrs in page.elements:
        assert not [a for a in attrs if a.startswith("on")], tag
        urls = [v for a, v in attrs.items() if a in ("href", "src", "action", "formaction")]
        assert not [u for u in urls if u.strip().lower().startswith("javascript:")], tag
    for marker in shown.split():
        assert f"alert('{marker}')" in page.text, marker


@pytest.mark.parametrize("url", SHOWN)
def test_an_analysts_markup_is_shown_as_text_on_every_page(hostile_client, url):
    response = hostile_client.get(url)
    assert response.status_code in (200, 404) and response.headers["content-type"].startswith(
        "text/html"
    )
    assert_inert(response.text, SHOWN[url])


def test_the_who_answer_shows_an_analysts_markup_as_text(hostile_client):
    form = {"life_domains": "maatschappelijke-participatie", "age": "40"}
    response = hostile_client.post("/who", data=form)
    assert response.status_code == 200, response.text
    assert_inert(response.text, "org-label role-label task-label section quote")


def test_json_answers_with_markup_are_never_sniffed_as_html(hostile_client):
    response = hostile_client.get("/api/organisations/hostile")
    assert "<script>alert('org-label')</script>" in response.text  # JSON keeps the data as is
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-content-type-options"] == "nosniff"

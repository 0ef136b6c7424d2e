"""The web pages work without JavaScript, show sources, escape data, and have JSON twins."""

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.config import Settings

TWO_TEAMS = Path(__file__).parent / "fixtures" / "jargon"


class Page(HTMLParser):
    """The elements of a page as (tag, attributes) and its visible text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text_parts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data):
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            a for t, a in self.elements if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


@pytest.fixture(scope="module")
def client(module_store_settings) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data=TWO_TEAMS, **module_store_settings))) as client:
        yield client


def page(client: TestClient, url: str, status: int = 200) -> Page:
    response = client.get(url)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/html")
    return Page(response.text)


def test_the_home_page_is_a_search_form_that_works_without_javascript(client):
    home = page(client, "/")
    form = home.all("form", role="search")[0]
    assert (form["action"], form["method"]) == ("/", "get")
    assert home.all("input", name="q", id="q") and home.all("label", **{"for": "q"})
    assert home.all("script", src="/static/autocomplete.js")[0].get("defer") is not None
    assert home.all("meta", name="viewport"), "usable on a phone"
    assert "/terms/keukentafelgesprek" in [a["href"] for a in home.all("a")]


def test_searching_without_javascript_lists_linked_results(client):
    results = page(client, "/?q=keukent")
    assert "/terms/keukentafelgesprek" in [a["href"] for a in results.all("a")]


def test_a_term_page_shows_every_organisations_sense_with_sources(client):
    term = page(client, "/terms/" + quote("1-op-1 gesprek"))
    assert len(term.all("article")) == 2
    assert "Team Noord" in term.text and "Team Zuid" in term.text
    assert "Een hulpverleningsgesprek met één cliënt" in term.text
    assert "Een kennismaking met een bewoner" in term.text
    assert "niet bij elke organisatie hetzelfde" in term.text, "the ambiguity is shown"
    assert "Fictief voorbeeld, alleen voor tests." in term.text, "sources are shown"


def test_a_loaded_word_shows_who_hears_it_so_and_what_to_say_instead(client):
    term = page(client, "/terms/wijkkracht")
    assert "Beladen voor Team Zuid" in term.text
    assert "samen sterk in de wijk" in term.text


def test_each_page_links_its_json_twin(client):
    term = page(client, "/terms/wijkkracht")
    twin = term.all("link", rel="alternate", type="application/json")[0]["href"]
    assert client.get(twin).json() == client.get("/api/terms/wijkkracht").json()


def test_an_unknown_term_page_is_a_404_with_suggestions(client):
    missing = page(client, "/terms/keukntafelgesprek", status=404)
    assert "/terms/keukentafelgesprek" in [a["href"] for a in missing.all("a")]


def test_the_translate_page_works_as_a_plain_form(client):
    form = page(client, "/translate")
    assert form.all("textarea", name="text") and form.all("select", name="from")
    url = "/translate?" + "&".join(
        ["text=" + quote("Het netwerkberaad."), "from=team-noord", "to=team-zuid"]
    )
    answer = page(client, url)
    assert "Het huiskamerberaad." in answer.text
    assert len(answer.all("mark")) == 1
    twin = answer.all("link", rel="alternate", type="application/json")[0]["href"]
    assert client.get(twin).json()["translation"] == "Het huiskamerberaad."


def test_pages_speak_english_when_asked(client):
    english = page(client, "/terms/wijkkracht?lang=en")
    assert english.all("html", lang="en")
    assert "Loaded for Team South" in english.text


def test_pages_send_security_headers(client):
    headers = client.get("/").headers
    assert "script-src" not in headers["content-security-policy"], "default-src 'self' covers it"
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"


def test_labels_and_definitions_from_the_data_are_escaped(write_ttl):
    hostile = (
        (TWO_TEAMS / "two_teams.ttl")
        .read_text(encoding="utf-8")
        .replace("Wat bewoners samen kunnen", "<script>alert(1)</script>Wat bewoners samen kunnen")
    )
    client = TestClient(create_app(Settings(data=write_ttl(hostile).parent)))
    html = client.get("/terms/wijkkracht").text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_language_switch_keeps_the_question_and_links_keep_the_language(client):
    results = page(client, "/?q=keukent&lang=en")
    switch = results.all("a", hreflang="nl")[0]["href"]
    assert switch == "/?q=keukent&lang=nl"
    assert "/terms/keukentafelgesprek?lang=en" in [a["href"] for a in results.all("a")]

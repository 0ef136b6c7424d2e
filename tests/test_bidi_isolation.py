"""Bidi controls in an analyst's data stay inside it. A label with an unclosed U+202E (right-to-
left override) would reverse the page text after it; the pages put data in <bdi> (inline), in an
element with `dir` (a block of data only, a form field) or, where no markup can go (<title>,
<option>), between U+2068 (first-strong isolate) and U+2069 (pop directional isolate)."""

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.config import Settings

BIDI = Path(__file__).parent / "fixtures" / "bidi"
# Embeddings and overrides (U+202A-U+202E) and isolates opened (U+2066-U+2068) in the data
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2068]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
NO_MARKUP = {"title", "option"}  # elements holding text only


class Unisolated(HTMLParser):
    """The texts of a page that hold a bidi control outside any isolation."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # (tag, isolates its content)
        self.found: list[str] = []
        self.bdi_texts: list[str] = []  # what sits directly in a <bdi>
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            isolates = tag in ("bdi", "textarea") or "dir" in dict(attrs)
            self.open.append((tag, isolates))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1][0] == "bdi":
            self.bdi_texts.append(data)
        if any(isolates for _, isolates in self.open):
            return
        if self.open and self.open[-1][0] in NO_MARKUP:
            data = re.sub("\u2068[^\u2069]*\u2069", "", data)
        if CONTROLS.search(data):
            self.found.append(data)


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(Settings(data=BIDI))) as client:
        yield client


def _entity(name: str) -> str:
    return "/api/entity?format=text/html&iri=" + quote(f"https://example.org/bidi/{name}", safe="")


TRANSLATE = urlencode({"text": "Wijkkracht en buurtkracht.", "from": "team-omgekeerd"})
PAGES = [
    "/",
    "/?q=wijkkracht",
    "/?q=buurtkracht",
    "/?q=" + quote("samen kunnen"),
    "/?q=" + quote("\u202eomgekeerd"),
    "/terms/wijkkracht",
    "/terms/" + quote("\u202eonbekend", safe=""),
    "/terms/wijkkracht?org=team-gewoon",
    "/translate?" + TRANSLATE + "&to=team-gewoon",
    _entity("org"),
    _entity("task"),
    _entity("wijkkracht"),
    _entity("citation"),
]


@pytest.mark.parametrize("url", PAGES)
def test_no_bidi_control_of_the_data_reaches_the_page_unisolated(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), response.text
    assert CONTROLS.search(response.text), "the page shows none of the data: it proves nothing"
    assert Unisolated(response.text).found == []


def test_the_who_answer_isolates_the_data_it_shows(client):
    form = {"life_domains": "maatschappelijke-participatie", "age": "40"}
    response = client.post("/who", data=form)
    assert response.status_code == 200, response.text
    assert "meedoen \u202eneodeem" in response.text, "the task is in the answer"
    assert Unisolated(response.text).found == []


def test_labels_and_names_sit_in_bdi_elements(client):
    term = Unisolated(client.get("/terms/wijkkracht").text)
    assert "Team \u202edrekegmo" in term.bdi_texts  # the organisation's name
    assert "samen \u202ekrats" in term.bdi_texts  # the neutral word to say instead
    home = Unisolated(client.get("/").text)
    assert {"wijkkracht", "Team \u202edrekegmo"} <= set(home.bdi_texts)

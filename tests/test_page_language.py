"""Every page speaks one language: what rolemap itself says on a Dutch page is Dutch, on an
English page English. Checked against the message catalogue: each text of the page chrome must
be a catalogue text of the page's language (its {values} filled in by anything). Data (labels,
names, definitions) is not chrome: it sits in <bdi>, in an element with `dir`, or between U+2068
and U+2069, and is in whatever language the data has."""

import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from rolemap.config import Settings
from rolemap.messages import MESSAGES

FIXTURES = Path(__file__).parent / "fixtures"
# Words on every page that are no language: the product's name, formats, the JSON twin's name.
NEUTRAL = re.compile(r"(?<!\w)(?:rolemap|Turtle|JSON-LD|RDF/XML)(?!\w)")
DATA_ELEMENTS = {"bdi", "code", "textarea", "script", "style"}
INLINE = {"a", "abbr", "b", "bdi", "cite", "code", "em", "i", "mark", "small", "span", "strong"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
ISOLATED = re.compile("\u2068.*?\u2069", re.DOTALL)
DATA = "\ufffc"  # stands for a piece of data in the chrome: what a {value} of the catalogue is


class Chrome(HTMLParser):
    """The texts of a page outside its data, one per block (paragraph, heading, list item …),
    each piece of data in it as DATA."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.open: list[tuple[str, bool]] = []  # (tag, holds data)
        self.texts: list[str] = []
        self.block: list[str] = []
        self.feed(html)
        self.flush()

    def in_data(self) -> bool:
        return any(data for _, data in self.open)

    def flush(self) -> None:
        text = " ".join("".join(self.block).split())
        if text.strip(DATA + " "):
            self.texts.append(text)
        self.block = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in INLINE:
            self.flush()
        if tag in VOID:
            return
        data = tag in DATA_ELEMENTS or "dir" in dict(attrs)
        if data and not self.in_data():
            self.block.append(DATA)
        self.open.append((tag, data))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass
        if tag not in INLINE:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.in_data():
            self.block.append(ISOLATED.sub(DATA, data))


def catalogue(lang: str) -> re.Pattern[str]:
    """Any text of the catalogue in `lang`, each {value} standing for any text; longest first."""
    texts = sorted({entry[lang] for entry in MESSAGES.values()}, key=len, reverse=True)
    # {value}: any text; at the end of a catalogue text, the rest of the page's text node
    patterns = [re.sub(r"\\\{\w+\\\}", ".+?", re.escape(text)) for text in texts]
    patterns = [p[:-1] if p.endswith(".+?") else p for p in patterns]
    return re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)", re.DOTALL)


def foreign(html: str, lang: str) -> list[str]:
    """The chrome texts of a page that are not (made of) catalogue texts in `lang`."""
    known = catalogue(lang)
    return [
        text
        for text in Chrome(html).texts
        if re.sub(r"[\W\d_]+", "", NEUTRAL.sub(" ", known.sub(" ", text)))
    ]


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator[TestClient]:
    """Jargon and routing together: every page has something to show."""
    data = tmp_path_factory.mktemp("jargon-and-routing")
    shutil.copy(FIXTURES / "jargon" / "two_teams.ttl", data / "jargon.ttl")
    shutil.copy(FIXTURES / "routing" / "two_teams.ttl", data / "routing.ttl")
    with TestClient(create_app(Settings(data=data))) as client:
        yield client


def _translate(text: str, source: str, target: str) -> str:
    return "/translate?" + urlencode({"text": text, "from": source, "to": target})


def _entity(iri: str) -> str:
    return "/api/entity?format=text/html&iri=" + quote(iri, safe="")


PAGES = [
    "/",
    "/?q=gesprek",
    "/?q=kennismaking",
    "/?q=zzqqxx",
    "/terms/wijkkracht",
    "/terms/" + quote("één-op-één gesprek"),
    "/terms/keukentafelgesprek",
    "/terms/wijkkrachtt",
    "/terms/wijkkracht?org=team-zuid",
    "/terms/netwerkberaad?org=gezinsteam-zuid",
    "/terms/wijkkracht?org=nope",
    "/translate",
    _translate("Het netwerkberaad is geen één-op-één gesprek.", "team-noord", "team-zuid"),
    _translate("Dat is wijkkracht.", "team-noord", "team-zuid"),
    _translate("Een woord.", "gezinsteam-zuid", "team-zuid"),
    _translate("Een woord.", "nope", "team-zuid"),
    "/who",
    _entity("https://example.org/jargon/noord"),
    _entity("https://example.org/routing/gezinshulp"),
]
FORMS = [
    {"description": "Ruzie thuis bij een gezin in 9901; er is nu hulp nodig.", "age": "12"},
    {"description": "De buurt wil een kermis.", "collective": "true"},
    {"life_domains": "maatschappelijke-participatie", "age": "40"},
    {},
    {"age": "abc"},
    {"age": "200"},
    {"postcode": "12345678901"},
    {"postcode": "abc"},
    {"life_domains": "onbekend"},
]


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("url", PAGES)
def test_a_page_shows_no_text_of_its_own_in_the_other_language(client, url, lang):
    response = client.get(url + ("&" if "?" in url else "?") + f"lang={lang}")
    assert response.status_code in (200, 400, 404), response.text
    assert foreign(response.text, lang) == []


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("form", FORMS, ids=lambda form: "-".join(form) or "empty")
def test_the_who_answer_and_its_errors_show_no_text_of_its_own_in_the_other_language(
    client, form, lang
):
    response = client.post(f"/who?lang={lang}", data=form)
    assert response.status_code in (200, 422), response.text
    assert foreign(response.text, lang) == []


def test_the_check_finds_english_on_a_dutch_page_and_dutch_on_an_english_one():
    page = "<p>{}</p><p>{}</p><bdi>data in any language</bdi>"
    assert foreign(page.format("Gevonden woorden", "work modes"), "nl") == ["work modes"]
    assert foreign(page.format("Words found", "Leefgebieden"), "en") == ["Leefgebieden"]
    said = "Doelgroep jeugd: de taak ‘x’ is voor hen."
    assert foreign(page.format(said, "12%"), "nl") == []


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_what_rolemap_read_is_named_by_the_ontologys_labels_in_the_page_language(client, lang):
    form = {"description": "Ruzie thuis bij een gezin; er is nu hulp nodig.", "age": "12"}
    html = client.post(f"/who?lang={lang}", data=form).text
    names = {"nl": ("Doelgroep", "Leefgebied"), "en": ("Target group", "Life domain")}[lang]
    assert all(f"<bdi>{name}</bdi>:" in html for name in names)
    assert "target groups" not in html and "work modes" not in html


def test_an_entity_page_names_each_property_by_its_label_in_the_page_language(client):
    html = client.get(_entity("https://example.org/jargon/noord") + "&lang=nl").text
    shown = re.findall(r'<dt title="([^"]+)"><bdi>([^<]*)</bdi></dt>', html)
    assert shown
    assert [iri for iri, name in shown if re.split(r"[#/]", iri)[-1] == name] == []

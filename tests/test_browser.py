"""A real browser walks the flows a person does, against a real `rolemap serve` (store in memory):
search with autocomplete and open a term's senses; fill the who form and read the answer; open
the overlap report with its organisation × task matrix. Every page visited is checked for
accessibility basics (lang, one h1, headings in order, a label on every field, the main controls
reached with Tab and used with Enter), for nothing the browser reports as broken (a script error,
a resource the Content-Security-Policy refuses) and, in a phone-sized viewport, for fitting the
screen without sideways scrolling.

Adding an organisation has no page: it is done through the API (POST /api/organisations) or the
CLI, so no browser flow covers it.

Playwright drives Debian's chromium (/usr/bin/chromium; `apt-get install chromium`), never a
browser of Playwright's own download. Screenshots of each step land in
test-artifacts/screenshots/ at the repository root (git-ignored), rewritten on every run.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Page

CHROMIUM = Path("/usr/bin/chromium")
if not CHROMIUM.exists():
    pytest.skip(
        f"no {CHROMIUM}: the browser tests need Debian's chromium (apt-get install chromium)",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is in the test extra: pip install -e '.[test]'"
)

ROOT = Path(__file__).parents[1]
SHOTS = ROOT / "test-artifacts" / "screenshots"
sys.path.insert(0, str(ROOT / "benchmarks"))

from serving import serve  # noqa: E402

# Chromium as root needs --no-sandbox; the rest keep it off a network this machine doesn't have.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "nl-NL"}
PHONE_WIDTH = 390  # CSS pixels, an ordinary phone
PHONE = {
    "viewport": {"width": PHONE_WIDTH, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "locale": "nl-NL",
}
WAIT = 15_000  # ms: generous for a page on loopback
ANSWER_WAIT = 90_000  # ms: the first who question loads deduce in the server

SURNAME = "Voorbeeldsma"  # made up, like the rest of the description
DESCRIPTION = (
    f"Ik begeleid meneer Jantje {SURNAME} (45 jaar), tel 06-12345678. Hij heeft psychische "
    "problemen en wil graag vrijwilligerswerk doen. Kan ik hem naar jullie doorverwijzen?"
)
REPORT = "/api/report?format=html&lang=nl"
ENTITY = "/api/entity?format=text/html&iri=https://w3id.org/rolemap/id/"
TRANSLATION = "/translate?from=wijkenco&to=lokalis&text=Wij+doen+aan+activering+en+empowerment."

BROKEN: WeakKeyDictionary[Page, list[str]] = WeakKeyDictionary()  # each page's console errors

# What a page does wrong, in words: fields without a label, headings out of order, no lang.
AUDIT_JS = """() => {
  const problems = [];
  if (!document.documentElement.lang) problems.push("html has no lang");
  const fields = document.querySelectorAll(
    "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea");
  for (const f of fields) {
    const named = f.labels.length || f.getAttribute("aria-label")
      || f.getAttribute("aria-labelledby");
    if (!named) problems.push("no label: " + f.outerHTML.slice(0, 80));
  }
  const headings = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const h1s = headings.filter((h) => h.tagName === "H1").length;
  if (h1s !== 1) problems.push(h1s + " h1 elements");
  let previous = 0;
  for (const h of headings) {
    const level = Number(h.tagName[1]);
    const text = h.textContent.trim().slice(0, 40);
    if (level > previous + 1) problems.push("h" + previous + " then h" + level + ": " + text);
    previous = level;
  }
  return problems;
}"""


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    # The server warms deduce in the background from its start; nothing to warm here.
    with serve() as client:
        yield str(client.base_url).rstrip("/")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    yield from _open(browser, base_url, DESKTOP)


@pytest.fixture
def phone(browser: Browser, base_url: str) -> Iterator[Page]:
    yield from _open(browser, base_url, PHONE)


def _open(browser: Browser, base_url: str, options: dict) -> Iterator[Page]:
    """A page in a fresh context that notes what the browser reports as broken (a script error,
    a resource refused by the Content-Security-Policy): `audit` fails on any of it."""
    context = browser.new_context(base_url=base_url, **options)
    context.set_default_timeout(WAIT)
    page = context.new_page()
    errors = BROKEN.setdefault(page, [])
    page.on("console", lambda m: errors.append(_said(m)) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()


def shoot(page: Page, name: str, full_page: bool = True) -> None:
    page.screenshot(path=SHOTS / f"{name}.png", full_page=full_page)


def audit(page: Page) -> None:
    """Fails on what AUDIT_JS finds and on what the browser reported as broken, but for a 404
    of the page itself (answered so on purpose)."""
    assert page.evaluate(AUDIT_JS) == [], page.url
    broken = [e for e in BROKEN[page] if not e.endswith(f"404 (Not Found) at {page.url}")]
    assert broken == [], page.url


def _said(message: ConsoleMessage) -> str:
    return f"{message.text} at {message.location.get('url', '')}"


def tab_to(page: Page, selector: str, presses: int = 40) -> None:
    """Press Tab until `selector` has the focus: it is reachable by keyboard."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} not reached with {presses} presses of Tab on {page.url}")


def test_search_with_autocomplete_then_the_senses_of_each_organisation(page: Page) -> None:
    page.goto("/")
    audit(page)
    page.locator("#q").press_sequentially("activ", delay=40)
    options = page.locator("#q-suggestions [role=option]")
    options.first.wait_for()
    assert page.get_attribute("#q", "aria-expanded") == "true"
    shoot(page, "01-search-suggestions")
    # The Dutch word on a Dutch page, though 'activ' also matches its English label first.
    assert options.first.inner_text().startswith("activering"), options.first.inner_text()
    option = options.filter(has_text="activering").first
    organisations = option.locator(".hint").inner_text()
    option.click()
    page.wait_for_url("**/terms/activering*")
    audit(page)
    names = page.locator("article.sense:not(.shared) h2").all_inner_texts()
    assert len(names) >= 2 and all(name in organisations for name in names)
    for sense in page.locator("article.sense:not(.shared)").all():
        assert sense.get_by_role("heading", name="Betekenis").is_visible()
    assert page.locator("article.sense h3 + p").first.inner_text().strip()
    shoot(page, "02-term-senses")


def test_search_works_by_keyboard_alone(page: Page) -> None:
    page.goto("/")
    tab_to(page, "#q")
    page.keyboard.type("empowerment")
    tab_to(page, "form.search button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=empowerment*")
    audit(page)
    assert page.locator("ol.results a", has_text="empowerment").is_visible()
    shoot(page, "03-search-results")
    # The suggestions too: arrow down to one, Enter opens its term.
    tab_to(page, "#q")
    page.keyboard.press("Control+A")
    page.keyboard.type("empow")
    page.locator("#q-suggestions [role=option]").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#q", "aria-activedescendant") == "q-option-0"
    page.keyboard.press("Enter")
    page.wait_for_url("**/terms/empowerment*")
    audit(page)


def test_overlap_report_shows_findings_and_the_matrix(page: Page) -> None:
    page.goto(REPORT)
    audit(page)
    assert page.get_by_role("heading", name="Organisatie × taak").is_visible()
    matrix = page.get_by_role("img", name="organisatie × taak")
    assert matrix.is_visible() and matrix.locator("rect").count() > 0
    assert page.locator("h2 + ul > li").count() >= 1
    shoot(page, "05-report", full_page=False)  # the whole report is metres long
    matrix.screenshot(path=SHOTS / "06-matrix.png")


# Every page a person reaches, by the name of its screenshot.
PHONE_PAGES = [
    ("search", "/"),
    ("results", "/?q=activ"),
    ("term", "/terms/activering"),
    ("not-found", "/terms/activeringsplan"),
    ("who", "/who"),
    ("translate", TRANSLATION),
    ("organisation", ENTITY + "org/lokalis"),
    ("source", ENTITY + "source/wmo-wijzer-overvecht"),
    ("report", REPORT),
]


@pytest.mark.parametrize(("name", "path"), PHONE_PAGES)
def test_each_page_fits_a_phone(phone: Page, name: str, path: str) -> None:
    phone.goto(path)
    audit(phone)
    # Not window.innerWidth: on a phone it widens to whatever the page overflows to.
    width = phone.evaluate("() => document.scrollingElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{path} scrolls sideways on a phone: {width}px"
    heading = phone.locator("h1")
    box = heading.bounding_box()
    assert heading.is_visible() and box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE_WIDTH, f"h1 off screen: {box}"
    shoot(phone, f"phone-{name}", full_page=name != "report")  # the report is metres long


# Last: the server warms deduce in the background meanwhile (the first question waits for it).
def test_who_form_by_keyboard_shows_ranked_reasons_sources_and_deidentified_text(
    page: Page,
) -> None:
    page.goto("/who")
    audit(page)
    tab_to(page, "#description")
    page.keyboard.insert_text(DESCRIPTION)
    tab_to(page, "form.who button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/who#answer", timeout=ANSWER_WAIT)
    audit(page)
    candidates = page.locator("li.candidate")
    scores = [int(re.findall(r"(\d+)%", c.inner_text())[0]) for c in candidates.all()]
    assert scores and scores == sorted(scores, reverse=True), f"not ranked: {scores}"
    first = candidates.first
    assert first.locator("h3").inner_text().strip()
    assert first.get_by_role("heading", name="Waarom").is_visible()
    assert first.locator("h4 + ul li").first.inner_text().strip()
    sources = first.locator("details.sources").first
    sources.locator("summary").click()
    assert sources.locator("li").first.is_visible()
    text = page.locator("#recognised-heading ~ p").inner_text()
    assert "[PERSOON-1]" in text and "vrijwilligerswerk" in text
    # Nowhere on the page, the refilled form included, is the name typed.
    assert SURNAME not in page.content() and SURNAME not in page.input_value("#description")
    shoot(page, "04-who-answer")

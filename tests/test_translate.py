"""Translation: one organisation's jargon in a sentence, as another organisation hears it."""

from pathlib import Path

import pytest

from rolemap.errors import UnknownOrganisationError
from rolemap.loader import load
from rolemap.terms import Terms
from rolemap.translate import Translator

TWO_TEAMS = Path(__file__).parent / "fixtures" / "jargon"


@pytest.fixture(scope="module")
def translator() -> Translator:
    return Translator(Terms.from_graph(load(TWO_TEAMS)))


def spans(answer: dict) -> list[tuple[str, str]]:
    return [(span["text"], span["sense"]["id"]) for span in answer["spans"]]


def test_each_word_of_the_speakers_jargon_is_a_span_with_its_place(translator):
    text = "Na het 1-op-1 gesprek volgt een netwerkberaad."
    answer = translator.translate(text, "team-noord", "team-zuid")
    assert spans(answer) == [
        ("1-op-1 gesprek", "gesprek-noord"),
        ("netwerkberaad", "netwerkberaad-noord"),
    ]
    for span in answer["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]


def test_the_longest_label_wins(translator):
    # 'één-op-één gesprek' is a label; 'gesprek' alone is not, nor is 'één'.
    answer = translator.translate("een een-op-een gesprek", "team-noord", "team-zuid")
    assert spans(answer) == [("een-op-een gesprek", "gesprek-noord")]


def test_inflected_forms_are_found(translator):
    answer = translator.translate("Twee keukentafelgesprekken.", "team-noord", "team-zuid")
    assert spans(answer) == [("keukentafelgesprekken", "keukentafel-noord")]


def test_only_the_speakers_words_count(translator):
    answer = translator.translate("Een huiskamerberaad.", "team-noord", "team-zuid")
    assert answer["spans"] == []


def test_the_listeners_own_word_replaces_an_equivalent(translator):
    answer = translator.translate("Het netwerkberaad.", "team-noord", "team-zuid")
    assert answer["spans"][0]["say_instead"] == {"label": "huiskamerberaad", "why": "equivalent"}
    assert answer["translation"] == "Het huiskamerberaad."


def test_the_same_word_with_the_same_meaning_stays(translator):
    answer = translator.translate("Een keukentafelgesprek.", "team-noord", "team-zuid")
    assert answer["spans"][0]["say_instead"] is None
    assert answer["spans"][0]["warnings"] == []
    assert answer["translation"] == "Een keukentafelgesprek."


def test_a_word_the_listener_means_otherwise_is_flagged_and_neutralised(translator):
    answer = translator.translate("Een één-op-één gesprek.", "team-noord", "team-zuid")
    span = answer["spans"][0]
    assert [w["kind"] for w in span["warnings"]] == ["ambiguous"]
    assert "Een kennismaking met een bewoner" in span["warnings"][0]["message"]
    assert span["say_instead"] == {"label": "individueel hulpgesprek", "why": "neutral"}
    assert answer["translation"] == "Een individueel hulpgesprek."


def test_what_to_say_instead_is_in_the_language_of_the_text_not_of_the_page(translator):
    dutch = translator.translate("Een één-op-één gesprek.", "team-noord", "team-zuid", lang="en")
    assert dutch["translation"] == "Een individueel hulpgesprek."
    assert dutch["spans"][0]["warnings"][0]["message"].startswith("Team South uses")
    english = translator.translate("A one-to-one talk.", "team-noord", "team-zuid", lang="en")
    assert english["translation"] == "A individual help talk."


def test_a_word_loaded_for_the_listener_is_flagged_with_its_alternative(translator):
    answer = translator.translate("Dat is wijkkracht.", "team-noord", "team-zuid")
    span = answer["spans"][0]
    assert [w["kind"] for w in span["warnings"]] == ["loaded"]
    assert span["warnings"][0]["message"].startswith("Team Zuid hoort in ‘wijkkracht’")
    assert span["say_instead"] == {"label": "samen sterk in de wijk", "why": "loaded"}


def test_a_connotation_for_someone_else_is_no_warning_for_this_listener(translator):
    answer = translator.translate("Dat is wijkkracht.", "team-noord", "team-noord")
    assert answer["spans"][0]["warnings"] == []


def test_every_span_explains_the_speakers_meaning_with_sources(translator):
    span = translator.translate("wijkkracht", "team-noord", "team-zuid")["spans"][0]
    assert span["sense"]["definition"].startswith("Wat bewoners samen kunnen")
    assert span["sense"]["sources"]


def test_a_speaker_without_jargon_gets_a_note_not_silence(translator):
    answer = translator.translate("wijkkracht", "team-zuid", "team-noord")
    assert answer["spans"] == []
    answer = Translator(Terms.from_graph(load(extra_files=[]))).translate(
        "woord", "dock", "lokalis"
    )
    assert answer["notes"], "an organisation without a vocabulary says so"


def test_unknown_organisations_are_an_error(translator):
    with pytest.raises(UnknownOrganisationError):
        translator.translate("wijkkracht", "team-west", "team-zuid")


HOMOGRAPHS = Path(__file__).parent / "fixtures" / "homographs"


@pytest.fixture(scope="module")
def homographs() -> Translator:
    return Translator(Terms.from_graph(load(HOMOGRAPHS)))


@pytest.mark.parametrize(
    ("text", "lang", "sense", "instead"),
    [
        # 'brief': Team Oost's Dutch word for a letter, and the English label of its 'opdracht'
        ("Stuur de brief.", "nl", "brief-oost", "schrijven"),
        ("Read the brief.", "en", "opdracht-oost", "assignment"),
        # 'team': one sense, labelled alike in both languages
        ("Het team.", "nl", "team-oost", "ploeg"),
        ("The team.", "en", "team-oost", "crew"),
    ],
)
def test_a_homograph_is_read_in_the_page_language(homographs, text, lang, sense, instead):
    (span,) = homographs.translate(text, "team-oost", "team-west", lang)["spans"]
    assert (span["sense"]["id"], span["say_instead"]["label"]) == (sense, instead)

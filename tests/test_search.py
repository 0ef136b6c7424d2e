"""Search: ranked, forgiving of Dutch spelling, with the matched text's place in it."""

from pathlib import Path

import pytest

from rolemap.errors import UnknownOrganisationError
from rolemap.loader import load
from rolemap.matching import tokens
from rolemap.terms import Terms

TWO_TEAMS = Path(__file__).parent / "fixtures" / "jargon"


@pytest.fixture(scope="module")
def terms() -> Terms:
    return Terms.from_graph(load(TWO_TEAMS))


def found(terms: Terms, query: str, **options) -> list[str]:
    return [result["term"] for result in terms.search(query, **options)]


def test_a_whole_label_comes_first(terms):
    assert found(terms, "wijkkracht")[0] == "wijkkracht"


def test_case_diacritics_and_digits_do_not_matter(terms):
    assert found(terms, "1-OP-1 GESPREK")[0] == "één-op-één gesprek"


def test_the_start_of_a_word_completes_it(terms):
    assert found(terms, "keukent")[0] == "keukentafelgesprek"


def test_a_plural_finds_the_singular(terms):
    assert "keukentafelgesprek" in found(terms, "keukentafelgesprekken")


def test_a_word_finds_the_compounds_it_is_part_of(terms):
    assert found(terms, "beraad")[:2] == ["huiskamerberaad", "netwerkberaad"]


def test_a_compound_query_finds_its_known_parts(terms):
    # 'coachgesprek' is in no text; its parts 'coach' and 'gesprek' are.
    assert set(found(terms, "coachgesprek")) >= {"wijkkracht", "één-op-één gesprek"}


def test_a_typo_finds_the_word(terms):
    assert found(terms, "keukntafelgesprek")[0] == "keukentafelgesprek"


def test_a_hidden_label_finds_the_term_under_its_own_name(terms):
    result = terms.search("wijkcracht")[0]
    assert (result["term"], result["label"], result["match"]["field"]) == (
        "wijkkracht",
        "wijkkracht",
        "hiddenLabel",
    )


def test_definitions_and_notes_are_searched_below_labels(terms):
    results = terms.search("hulpvraag")
    assert results[0]["term"] == "één-op-één gesprek"
    assert results[0]["match"]["field"] == "definition"


def test_the_spans_point_at_the_matched_words(terms):
    match = terms.search("kennismaking bewoner")[0]["match"]
    marked = [match["text"][start:end] for start, end in match["spans"]]
    assert [t.folded for t in tokens(" ".join(marked))] == ["kennismaking", "bewoner"]


def test_long_definitions_are_cut_around_the_match_and_spans_still_point_right(overvecht):
    results = Terms.from_graph(overvecht).search("hulpvraag", limit=50)
    cut = [r["match"] for r in results if r["match"]["text"].startswith("…")]
    assert cut, "some definitions are longer than a snippet"
    for match in cut:
        assert [match["text"][start:end] for start, end in match["spans"]] == ["hulpvraag"]


def test_one_organisation_only(terms):
    results = terms.search("gesprek", organisation="team-zuid")
    assert results and all([o["id"] for o in r["organisations"]] == ["team-zuid"] for r in results)


def test_an_unknown_organisation_is_an_error(terms):
    with pytest.raises(UnknownOrganisationError):
        terms.search("gesprek", organisation="team-west")


def test_english_searches_english_definitions(terms):
    assert found(terms, "conversation", lang="en")[0] == "één-op-één gesprek"
    assert found(terms, "conversation", lang="nl") == []


def test_results_list_every_organisation_using_the_word(terms):
    result = terms.search("één-op-één gesprek")[0]
    assert [o["id"] for o in result["organisations"]] == ["team-noord", "team-zuid"]


def test_an_empty_query_finds_nothing(terms):
    assert terms.search("  -- ") == []


def test_a_word_of_many_organisations_names_some_and_counts_all(write_ttl):
    lines = [
        "@prefix rm: <https://w3id.org/rolemap/def#> . @prefix org: <http://www.w3.org/ns/org#> .",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix ex: <https://example.org/> . @prefix dct: <http://purl.org/dc/terms/> .",
    ]
    for i in range(15):
        lines.append(
            f"ex:o{i} a org:FormalOrganization ; dct:identifier 'o{i}' ; skos:prefLabel 'O{i}'@nl ."
            f" ex:v{i} a rm:Vocabulary ; rm:vocabularyOf ex:o{i} ."
            f" ex:s{i} a rm:Sense ; skos:inScheme ex:v{i} ; skos:prefLabel 'aanpak'@nl ."
        )
    terms = Terms.from_graph(load(write_ttl("\n".join(lines)).parent))
    result = terms.search("aanpak")[0]
    assert result["organisation_count"] == 15 and len(result["organisations"]) == 10


HOMOGRAPHS = Path(__file__).parent / "fixtures" / "homographs"


@pytest.fixture(scope="module")
def homographs() -> Terms:
    return Terms.from_graph(load(HOMOGRAPHS))


@pytest.mark.parametrize(("lang", "term"), [("nl", "brief"), ("en", "opdracht")])
def test_a_homograph_finds_first_the_term_it_is_a_word_for_in_the_page_language(
    homographs, lang, term
):
    # 'brief' is Dutch for a letter and the English label of 'opdracht': both match fully.
    first = homographs.search("brief", lang=lang)[0]
    assert (first["term"], first["label"], first["match"]["lang"]) == (term, "brief", lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_label_spelled_alike_in_both_languages_matches_in_the_page_language(homographs, lang):
    first = homographs.search("team", lang=lang)[0]
    assert (first["term"], first["match"]["lang"]) == ("team", lang)

"""Term look-up: every organisation's meaning of a word; ambiguity is computed from the data."""

from pathlib import Path

import pytest

from rolemap.errors import UnknownOrganisationError, UnknownTermError
from rolemap.loader import load
from rolemap.report import build_report
from rolemap.stats import term_labels
from rolemap.synth import write_synthetic
from rolemap.terms import Terms

FIXTURES = Path(__file__).parent / "fixtures"
TWO_TEAMS = FIXTURES / "jargon"


@pytest.fixture(scope="module")
def two_teams() -> Terms:
    return Terms.from_graph(load(TWO_TEAMS))


@pytest.fixture(scope="module")
def overvecht_terms(overvecht) -> Terms:
    return Terms.from_graph(overvecht)


def organisations(answer: dict) -> list[str]:
    return [sense["organisation"]["id"] for sense in answer["senses"]]


@pytest.mark.parametrize(
    "typed",
    [
        "één-op-één gesprek",
        "EEN-OP-EEN GESPREK",  # case and diacritics
        "een op een gesprek",  # hyphens and spaces
        "eenopeen gesprek",  # spaces left out
        "1-op-1 gesprek",  # digits
        "één-op-één gesprekken",  # plural (stemmer)
    ],
)
def test_a_word_is_found_however_it_is_written(two_teams, typed):
    assert organisations(two_teams.look_up(typed)) == ["team-noord", "team-zuid"]


def test_an_english_label_finds_the_term(two_teams):
    answer = two_teams.look_up("kitchen table talk", lang="en")
    assert organisations(answer) == ["team-noord", "team-zuid"]


def test_a_hidden_label_finds_the_term_but_is_not_shown(two_teams):
    answer = two_teams.look_up("wijkcracht")
    assert answer["label"] == "wijkkracht"
    assert organisations(answer) == ["team-noord"]


def test_different_meanings_without_exact_match_are_ambiguous(two_teams):
    answer = two_teams.look_up("één-op-één gesprek")
    assert answer["ambiguous"] is True
    assert answer["divergent"][0]["senses"] == ["gesprek-noord", "gesprek-zuid"]


def test_an_exact_match_between_senses_is_not_ambiguous(two_teams):
    assert two_teams.look_up("keukentafelgesprek")["ambiguous"] is False


def test_ambiguity_is_computed_from_the_mappings_not_stored(two_teams, write_ttl):
    # The same two senses without their skos:exactMatch: now they diverge.
    text = (TWO_TEAMS / "two_teams.ttl").read_text(encoding="utf-8")
    text = text.replace("    skos:exactMatch ex:keukentafel-zuid ;\n", "")
    text = text.replace("    skos:exactMatch ex:keukentafel-noord ;\n", "")
    terms = Terms.from_graph(load(write_ttl(text).parent))
    assert terms.look_up("keukentafelgesprek")["ambiguous"] is True


def test_a_sense_lists_definition_usage_connotation_equivalents_and_sources(two_teams):
    sense = two_teams.look_up("wijkkracht")["senses"][0]
    assert sense["definition"].startswith("Wat bewoners samen kunnen")
    assert sense["connotation"][0]["perceived_by"]["id"] == "team-zuid"
    assert sense["connotation"][0]["neutral_alternative"]["label"] == "samen sterk in de wijk"
    assert sense["shared_term"]["id"] == "samen-sterk"
    assert sense["sources"] == [{"assumption": "Fictief voorbeeld, alleen voor tests."}]
    assert two_teams.look_up("wijkkracht")["loaded"] is True


def test_same_meaning_under_another_word_is_an_equivalent(two_teams):
    sense = two_teams.look_up("netwerkberaad")["senses"][0]
    assert [(e["organisation"]["id"], e["label"], e["match"]) for e in sense["equivalents"]] == [
        ("team-zuid", "huiskamerberaad", "exact")
    ]


def test_english_answers_use_english_texts_where_the_data_has_them(two_teams):
    answer = two_teams.look_up("één-op-één gesprek", lang="en")
    noord, zuid = answer["senses"]
    assert noord["label"] == "one-to-one talk" and noord["organisation"]["name"] == "Team North"
    assert noord["definition"].startswith("A professional help conversation")
    assert zuid["definition"].startswith("Een kennismaking"), "no English: Dutch, not nothing"


def test_one_organisation_can_be_asked_for(two_teams):
    answer = two_teams.look_up("één-op-één gesprek", organisation="team-zuid")
    assert organisations(answer) == ["team-zuid"]
    assert answer["ambiguous"] is True, "ambiguity still compares with the other organisations"


def test_a_word_of_another_organisation_says_who_uses_it(two_teams):
    with pytest.raises(UnknownTermError) as caught:
        two_teams.look_up("wijkkracht", organisation="team-zuid")
    assert caught.value.used_by == ["Team Noord"]
    assert "Team Noord uses it" in str(caught.value)


def test_an_unknown_word_suggests_the_closest_terms(two_teams):
    with pytest.raises(UnknownTermError) as caught:
        two_teams.look_up("keukntafelgesprek")
    assert caught.value.suggestions[0] == "keukentafelgesprek"


def test_an_unknown_organisation_is_an_error_listing_the_known_ones(two_teams):
    with pytest.raises(UnknownOrganisationError) as caught:
        two_teams.look_up("wijkkracht", organisation="team-west")
    assert caught.value.known == ["team-noord", "team-zuid"]


def test_a_shared_term_alone_is_found(two_teams):
    answer = two_teams.look_up("samen sterk in de wijk")
    assert answer["senses"] == [] and answer["shared_terms"][0]["id"] == "samen-sterk"


def test_a_term_added_for_a_new_organisation_is_found_without_code_changes():
    extra = FIXTURES / "new_organisation" / "buurtkracht.ttl"
    terms = Terms.from_graph(load(extra_files=[extra]))
    assert organisations(terms.look_up("wijkkracht")) == ["buurtkracht"]
    assert terms.search("wijkkracht")[0]["organisations"][0]["id"] == "buurtkracht"


def test_every_overvecht_term_is_found_by_its_label(overvecht_terms, overvecht):
    for label in term_labels(overvecht.graph):
        assert overvecht_terms.look_up(label)["senses"], label


def _homonyms_and_ambiguous_terms(kg, terms: Terms) -> tuple[set[str], set[str]]:
    homonyms = {
        term
        for finding in build_report(kg).findings
        if finding.check == "homonym"
        for term in finding.terms
    }
    ambiguous = {
        answer["label"]
        for answer in (terms.look_up(label) for label in term_labels(kg.graph))
        if answer["ambiguous"]
    }
    return homonyms, ambiguous


def test_ambiguity_agrees_with_the_homonym_findings_of_the_shapes(overvecht_terms, overvecht):
    homonyms, ambiguous = _homonyms_and_ambiguous_terms(overvecht, overvecht_terms)
    assert ambiguous == homonyms


def test_a_word_is_ambiguous_only_where_its_users_work_in_the_same_place(tmp_path):
    """Two municipalities: the same word used in each is no homonym between them; look-up and
    report agree on which words are."""
    write_synthetic(tmp_path, 2, seed=0)
    kg = load(tmp_path)
    homonyms, ambiguous = _homonyms_and_ambiguous_terms(kg, Terms.from_graph(kg))
    assert homonyms and ambiguous == homonyms
    municipalities = [
        {o["id"].rsplit("-", 1)[-1] for o in finding.organisations}
        for finding in build_report(kg).findings
        if finding.check == "homonym"
    ]
    assert all(len(pair) == 1 for pair in municipalities)  # never one from each
    assert len(set().union(*municipalities)) == 2


def test_a_limit_caps_the_senses_listed_but_not_the_ambiguity(two_teams):
    answer = two_teams.look_up("één-op-één gesprek", limit=1)
    assert len(answer["senses"]) == 1 and answer["total_senses"] == 2
    assert answer["ambiguous"] is True


def _many_teams(count: int) -> str:
    prefixes = (
        "@prefix rm: <https://w3id.org/rolemap/def#> . "
        "@prefix org: <http://www.w3.org/ns/org#> . "
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . "
        "@prefix dct: <http://purl.org/dc/terms/> . @prefix ex: <https://example.org/> .\n"
    )
    blocks = [
        f"ex:o{i} a org:FormalOrganization ; dct:identifier 'o{i}' ; skos:prefLabel 'O{i}'@nl .\n"
        f"ex:v{i} a rm:Vocabulary ; rm:vocabularyOf ex:o{i} .\n"
        f"ex:s{i} a rm:Sense ; skos:inScheme ex:v{i} ; dct:identifier 's{i}' ;\n"
        f"  skos:prefLabel 'aanpak'@nl ; skos:definition 'Betekenis {i}.'@nl .\n"
        for i in range(count)
    ]
    return prefixes + "".join(blocks)


def test_the_pairs_that_explain_an_ambiguity_are_capped(write_ttl):
    terms = Terms.from_graph(load(write_ttl(_many_teams(12)).parent))
    answer = terms.look_up("aanpak")
    assert answer["total_senses"] == 12 and answer["ambiguous"] is True
    assert len(answer["divergent"]) == 20, "66 pairs diverge; 20 explain it"

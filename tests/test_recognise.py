"""Reading a question: signal words like terms, an age, a postcode, and clear errors."""

import pytest

from rolemap.recognise import Question, QuestionError, recognise
from rolemap.routing_model import read_routing_model


@pytest.fixture(scope="module")
def model(overvecht):
    return read_routing_model(overvecht.graph)


def concepts(model, text: str, kind: str) -> set[str]:
    found = recognise(model, Question(text)).features.get(kind, {})
    return {model.concepts[iri].id for iri in found}


def test_signal_words_match_inflected_and_capitalised(model):
    assert "financien" in concepts(model, "Hij heeft SCHULDEN.", "life_domains")
    assert "sociaal-netwerk" in concepts(model, "Ze werd gepest.", "life_domains")


def test_a_phrase_matches_as_a_whole(model):
    assert "loket" in concepts(model, "Ze kwam aan het loket.", "settings")
    assert "overdracht" in concepts(model, "Ik begeleid hem al.", "situations")
    assert "overdracht" not in concepts(model, "Ik zag hem al.", "situations")


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Een meisje van 10 wordt gepest.", 10),
        ("Meneer (67 jaar) is eenzaam.", 67),
        ("Een 17-jarige jongen.", 17),
        ("Hij is 19 en woont op kamers.", 19),
        ("De afspraak is om 10 uur.", None),
        ("Hij heeft 300 euro schuld.", None),
    ],
)
def test_an_age_is_read_from_the_text(model, text, age):
    assert recognise(model, Question(text)).age == age


def test_an_age_gives_the_target_group_and_the_boundary_situation(model):
    found = recognise(model, Question(age=17))
    ids = {model.concepts[iri].id for kind in found.features.values() for iri in kind}
    assert {"jeugd-gezin", "leeftijdsgrens"} <= ids


def test_only_the_four_digits_of_a_postcode_are_kept(model):
    assert recognise(model, Question("Woont op 3562 AB, nummer 4.")).postcode == "3562"
    assert recognise(model, Question(postcode="3562ab")).postcode == "3562"


def test_life_domains_are_given_by_label_or_id_like_terms(model):
    found = recognise(model, Question(life_domains=["Financiën", "huisvesting", "sociaal-netwerk"]))
    assert {model.concepts[iri].id for iri in found.features["life_domains"]} == {
        "financien",
        "huisvesting",
        "sociaal-netwerk",
    }


def test_an_unknown_life_domain_lists_the_known_ones(model):
    with pytest.raises(QuestionError) as caught:
        recognise(model, Question(life_domains=["geluk"]))
    assert caught.value.field == "life_domains"
    assert "financiën" in caught.value.known and len(caught.value.known) == 13


@pytest.mark.parametrize(
    ("question", "field"),
    [
        (Question(), "question"),
        (Question(description="   "), "question"),
        (Question(age=130), "age"),
        (Question(postcode="35620"), "postcode"),
    ],
)
def test_a_question_that_cannot_be_read_says_which_field(model, question, field):
    with pytest.raises(QuestionError) as caught:
        recognise(model, question)
    assert caught.value.field == field

"""Who picks this up: ranking, reasons, areas, time, grey area and advice, all from data."""

from datetime import date
from pathlib import Path

import pytest

from rolemap.loader import load
from rolemap.recognise import Question
from rolemap.routing import route, tasks_overlap
from rolemap.routing_model import read_routing_model

ROUTING = Path(__file__).parent / "fixtures" / "routing"
FAMILY = "Een moeder heeft veel ruzie thuis met haar zoon van 12."
NEIGHBOURS = "De buren willen samen een buurtfeest organiseren."
BOTH = "Een moeder heeft veel ruzie thuis met haar zoon; de buren willen samen iets organiseren."


@pytest.fixture(scope="module")
def model():
    return read_routing_model(load(ROUTING).graph)


def first(answer: dict) -> str | None:
    candidates = answer["candidates"]
    return candidates[0]["organisation"]["id"] if candidates else None


def ids(answer: dict) -> list[str]:
    return [c["organisation"]["id"] for c in answer["candidates"]]


def advised(answer: dict) -> dict[str, list]:
    return {a["protocol"]["id"]: a["because"] for a in answer["advice"] if "protocol" in a}


def test_a_family_question_goes_to_the_family_team_with_reasons_and_sources(model):
    answer = route(model, Question(FAMILY))
    assert ids(answer) == ["gezinsteam-zuid"]
    candidate = answer["candidates"][0]
    assert candidate["role"] == "gezinscoach"
    features = {(r["feature"], r["value"]) for r in candidate["reasons"] if "feature" in r}
    assert features >= {
        ("target_groups", "jeugd en gezin"),
        ("life_domains", "huiselijke relaties"),
    }
    assert all(r["task"] == "gezinshulp" for r in candidate["reasons"])
    assert candidate["sources"] == [{"assumption": "Fictief, alleen voor tests."}]


def test_a_collective_question_goes_to_the_neighbourhood_work(model):
    assert ids(route(model, Question(NEIGHBOURS))) == ["buurtwerk-zuid"]


def test_what_was_recognised_is_shown_with_the_signal_word_not_the_text(model):
    recognised = route(model, Question(FAMILY))["recognised"]
    domains = {d["id"]: d["because"] for d in recognised["life_domains"]}
    assert domains["huiselijke-relaties"] == [{"from": "text", "signal": "ruzie"}]
    assert recognised["age"] == 12


def test_a_signal_word_added_as_data_changes_the_routing(model):
    # "kermis" is a signal word of the fixture's data only.
    answer = route(model, Question("Zij willen een kermis."))
    assert [d["id"] for d in answer["recognised"]["life_domains"]] == [
        "maatschappelijke-participatie"
    ]
    assert first(answer) == "buurtwerk-zuid"


def test_structured_fields_alone_are_enough(model):
    answer = route(model, Question(age=9, life_domains=["huiselijke relaties"]))
    assert first(answer) == "gezinsteam-zuid"
    assert answer["deidentified_description"] is None


def test_the_collective_field_overrules_the_words(model):
    answer = route(model, Question(NEIGHBOURS, collective=False))
    assert "work_modes" not in answer["recognised"]


def test_an_individual_and_a_collective_question_is_a_grey_area_with_advice(model):
    answer = route(model, Question(BOTH, as_of=date(2021, 1, 1)))
    assert set(ids(answer)) == {"gezinsteam-zuid", "buurtwerk-zuid"}
    assert answer["grey_area"] is True
    kinds = {reason["kind"] for reason in answer["grey_area_reasons"]}
    assert "situation" in kinds
    advice = advised(answer)
    assert advice["ouders-erbij"] == [
        {"followed_by": {"id": "gezinsteam-zuid", "name": "Gezinsteam Zuid"}}
    ]
    assert advice["samen-bespreken"][0]["agreement"] == "afspraak-samen", (
        "an agreement with the predecessor holds for its successor"
    )


def test_an_agreement_is_no_advice_before_it_was_made(model):
    answer = route(model, Question(BOTH, as_of=date(2015, 6, 1)))
    assert "samen-bespreken" not in advised(answer)


def test_a_handover_gets_the_protocol_that_applies_to_it(model):
    answer = route(
        model,
        Question("Ik begeleid een moeder met ruzie thuis; kan ik haar naar jullie doorverwijzen?"),
    )
    assert advised(answer)["warm-doorgeven"] == [{"situation": "overdracht", "label": "overdracht"}]


def test_without_consent_the_protocol_for_that_situation_is_advised(model):
    answer = route(model, Question(NEIGHBOURS, consent=False))
    assert advised(answer)["ouders-erbij"][0]["situation"] == "geen-toestemming"
    assert "ouders-erbij" not in advised(route(model, Question(NEIGHBOURS, consent=True)))


def test_a_postcode_in_the_area_names_the_team_there(model):
    candidate = route(model, Question(FAMILY, postcode="9901 AB"))["candidates"][0]
    assert candidate["team"] == {"id": "gezinsteam-zuid-wijk", "name": "Gezinsteam Zuid, wijkteam"}
    assert route(model, Question(FAMILY, postcode="9901 AB"))["recognised"]["postcode"] == "9901"


def test_a_postcode_outside_every_area_gets_no_candidates_but_advice(model):
    answer = route(model, Question(FAMILY, postcode="1234"))
    assert answer["candidates"] == [] and answer["outside_area"] is True
    assert "warm-doorgeven" in advised(answer)


def test_the_text_can_say_the_resident_lives_elsewhere(model):
    answer = route(model, Question(FAMILY + " Ze woont niet in ons postcodegebied."))
    assert answer["candidates"] == [] and answer["outside_area"] is True


def test_a_successor_takes_over_its_predecessors_tasks(model):
    later = route(model, Question(NEIGHBOURS, as_of=date(2021, 1, 1)))["candidates"][0]
    assert later["organisation"]["id"] == "buurtwerk-zuid"
    assert later["succeeds"] == [{"id": "buurtwerk-oud", "name": "Buurtwerk Oud"}]
    earlier = route(model, Question(NEIGHBOURS, as_of=date(2018, 1, 1)))
    assert ids(earlier) == ["buurtwerk-oud"], "before the change, and before the new commission"


def test_after_the_last_commission_the_answer_holds_for_its_last_day(model):
    answer = route(model, Question(NEIGHBOURS, as_of=date(2040, 1, 1)))
    assert answer["as_of"] == "2030-12-31" and ids(answer) == ["buurtwerk-zuid"]


def test_english_answers(model):
    answer = route(model, Question(FAMILY), lang="en")
    reasons = [r["text"] for r in answer["candidates"][0]["reasons"]]
    assert "Target group youth and family: the task ‘family help’ is for them." in reasons


def test_the_description_is_deidentified_by_the_function_given():
    model = read_routing_model(load(ROUTING).graph)
    answer = route(model, Question(FAMILY), deidentify=lambda text: text.replace("moeder", "[X]"))
    assert answer["deidentified_description"].startswith("Een [X] heeft")


def _shape_pairs(kg) -> set:
    from rolemap.report import build_report

    return {
        frozenset((f.focus, f.value))
        for f in build_report(kg).findings
        if f.check == "overlapping-task"
    }


def _routing_pairs(kg) -> set:
    model = read_routing_model(kg.graph)
    successions = {frozenset((a, b)) for a, b, _ in model.successions}
    return {
        frozenset((str(a.iri), str(b.iri)))
        for a in model.tasks
        for b in model.tasks
        if a.organisation != b.organisation
        and frozenset((a.organisation, b.organisation)) not in successions
        and tasks_overlap(model, a, b)
    }


def test_overlap_follows_the_rule_of_the_overlapping_task_shape(overvecht):
    assert _routing_pairs(overvecht) == _shape_pairs(overvecht)


def test_tasks_in_different_places_do_not_overlap(tmp_path):
    """Two municipalities: the same kind of work in each is no grey area between them."""
    from rolemap.synth import write_synthetic

    write_synthetic(tmp_path, 2, seed=0)
    kg = load(tmp_path)
    pairs = _shape_pairs(kg)
    assert pairs and pairs == _routing_pairs(kg)
    municipality = {str(t.iri): t.id.rsplit("-", 1)[-1] for t in read_routing_model(kg.graph).tasks}
    assert all(len({municipality[task] for task in pair}) == 1 for pair in pairs)


def test_a_postcode_question_is_ranked_among_who_works_there(tmp_path):
    """Elsewhere in the country a better-fitting organisation may exist; it must not push the
    local ones out of the answer (found on synthetic national data)."""
    from rolemap.synth import write_synthetic

    write_synthetic(tmp_path, 3, seed=0)
    model = read_routing_model(load(tmp_path).graph)
    empty = []
    for task in [t for t in model.tasks if t.features["life_domains"]]:
        info = model.organisations.get(task.organisation)
        postcodes = sorted(
            pc for a in (info.areas if info else ()) for pc in model.areas[a].postcodes
        )
        if not postcodes:
            continue
        domain = model.concepts[sorted(task.features["life_domains"])[0]].id
        answer = route(model, Question(postcode=postcodes[0], age=40, life_domains=[domain]))
        if not answer["candidates"]:
            empty.append((task.id, postcodes[0]))
    assert empty == []

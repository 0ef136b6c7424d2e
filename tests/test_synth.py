"""The synthetic national data set (rolemap.synth): well-formed, deterministic, jargon-shaped,
with the areas, commissions, roles, posts, tasks, cases and agreements routing and the overlap
report work on."""

import os
import subprocess
import sys
from collections import Counter
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS
from typer.testing import CliRunner

from rolemap.cli import app
from rolemap.consistency import check_consistency
from rolemap.loader import KnowledgeGraph, load
from rolemap.namespaces import RM
from rolemap.recognise import Question
from rolemap.report import Report, build_report
from rolemap.routing import route
from rolemap.routing_model import read_routing_model
from rolemap.stats import instances
from rolemap.synth import BASE, Municipality, common_words, main, write_synthetic
from rolemap.synth_places import END
from rolemap.terms import Terms
from rolemap.text import normalise
from rolemap.validation import load_shapes, run_fast, to_oxigraph

STRUCTURE = Path(__file__).resolve().parents[1] / "shapes" / "structure.ttl"
SEED = 7
# The kinds a municipality's file holds besides organisations and jargon.
WORK_KINDS = (
    RM.Area,
    RM.Commission,
    ORG.OrganizationalUnit,
    ORG.Role,
    ORG.Post,
    RM.Task,
    RM.WorkingPrinciple,
    RM.Protocol,
    RM.Case,
    RM.CaseEpisode,
    RM.Need,
    RM.Agreement,
)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.ttl"))}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("synth")
    return folder, write_synthetic(folder, municipalities=2, seed=SEED)


@pytest.fixture(scope="module")
def kg(written) -> KnowledgeGraph:
    return load(written[0])


@pytest.fixture(scope="module")
def terms(kg) -> Terms:
    return Terms.from_graph(kg)


@pytest.fixture(scope="module")
def places() -> list[Municipality]:
    """The two municipalities of `written`, as generated."""
    common = common_words(SEED)
    return [Municipality(SEED, number, common) for number in (1, 2)]


@pytest.fixture(scope="module")
def report(kg) -> Report:
    return build_report(kg)


def test_one_file_per_municipality_that_loads_with_the_counted_senses(written, kg) -> None:
    folder, totals = written
    assert list(_files(folder)) == ["gemeente-0001.ttl", "gemeente-0002.ttl"]
    assert totals["municipalities"] == 2 and totals["organisations"] == 16
    assert len(instances(kg.graph, RM.Sense)) == totals["senses"]
    assert 80 <= totals["senses"] / 2 <= 160, "about 60 terms with ~2 senses per municipality"
    for key, kind in (("tasks", RM.Task), ("cases", RM.Case), ("agreements", RM.Agreement)):
        assert len(instances(kg.graph, kind)) == totals[key], key
    files = sum(len(Graph().parse(path)) for path in folder.glob("*.ttl"))
    assert totals["triples"] == files
    assert 2_400 <= totals["triples"] / 2 <= 3_600, "~1 million triples for 342 municipalities"


def test_same_seed_same_bytes_other_seed_other_data(written, tmp_path) -> None:
    folder, _ = written
    write_synthetic(tmp_path / "again", municipalities=2, seed=SEED)
    write_synthetic(tmp_path / "other", municipalities=2, seed=SEED + 1)
    assert _files(tmp_path / "again") == _files(folder)
    other = _files(tmp_path / "other")
    assert other.keys() == _files(folder).keys()
    assert all(other[name] != data for name, data in _files(folder).items())


def test_a_municipality_does_not_depend_on_how_many_are_written(written, tmp_path) -> None:
    write_synthetic(tmp_path, municipalities=1, seed=SEED)
    assert _files(tmp_path)["gemeente-0001.ttl"] == _files(written[0])["gemeente-0001.ttl"]


def test_same_bytes_in_every_process_whatever_its_string_hashing(written, tmp_path) -> None:
    """Nothing may depend on the order of a set of strings, which differs between processes."""
    for hash_seed in ("1", "2"):
        out = tmp_path / hash_seed
        code = (
            f"from pathlib import Path; from rolemap.synth import write_synthetic; "
            f"write_synthetic(Path({str(out)!r}), 1, {SEED})"
        )
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
        assert _files(out)["gemeente-0001.ttl"] == _files(written[0])["gemeente-0001.ttl"]


def test_every_identifier_is_unique(kg) -> None:
    counted = Counter(str(value) for value in kg.graph.objects(None, DCTERMS.identifier))
    assert [identifier for identifier, n in counted.items() if n > 1] == []


def test_no_structure_violation_on_any_kind(kg) -> None:
    synthetic = {
        kind: [n for n in instances(kg.graph, kind) if str(n).startswith(BASE)]
        for kind in WORK_KINDS
    }
    assert [kind for kind, nodes in synthetic.items() if not nodes] == [], "every kind is there"
    results = run_fast(kg.graph, load_shapes([STRUCTURE]), to_oxigraph(kg.graph))
    assert [r for r in results if r.severity == "Violation"] == []


def test_every_entity_has_a_source_and_an_id_named_after_its_iri(kg) -> None:
    typed = {s for s in kg.graph.subjects(RDF.type, None) if str(s).startswith(BASE)}
    typed -= instances(kg.graph, RM.Assumption)
    assert [s for s in typed if (s, DCTERMS.source, None) not in kg.graph] == []
    assert [
        s for s in typed if str(kg.graph.value(s, DCTERMS.identifier)) != str(s).rsplit("/", 1)[1]
    ] == []


def test_hermit_finds_two_municipalities_consistent(kg) -> None:
    check_consistency(kg)


def test_every_source_is_an_assumption_that_says_the_data_is_synthetic(kg) -> None:
    sources = {
        source
        for subject, source in kg.graph.subject_objects(DCTERMS.source)
        if str(subject).startswith(BASE)
    }
    assert sources and sources <= instances(kg.graph, RM.Assumption)
    for source in sources:
        described = {
            value.language: str(value) for value in kg.graph.objects(source, DCTERMS.description)
        }
        assert described["nl"].startswith("Synthetische gegevens"), source
        assert described["en"].startswith("Synthetic data"), source


def _labels(terms: Terms) -> list[str]:
    return sorted({sense.labels["nl"] for sense in terms.lexicon.senses})


def test_common_words_are_homonyms(terms) -> None:
    ambiguous = [label for label in _labels(terms) if terms.look_up(label)["ambiguous"]]
    assert len(ambiguous) >= 10
    across = [label for label in ambiguous if _municipalities(terms, label) == 2]
    assert across, "common words recur in other municipalities too"


def _municipalities(terms: Terms, label: str) -> int:
    senses = terms.find(label)[0]
    return len({sense.organisation.id.rsplit("-", 1)[1] for sense in senses})


def test_synonyms_are_different_words_exact_to_one_shared_concept(terms) -> None:
    shared = {concept.iri for concept in terms.lexicon.shared}
    words: dict[str, set[str]] = {}
    for sense in terms.lexicon.senses:
        for target in sense.exact & shared:
            words.setdefault(str(target), set()).add(sense.labels["nl"])
    synonyms = [labels for labels in words.values() if len(labels) > 1]
    assert len(synonyms) >= 4
    label = sorted(synonyms[0])[0]
    equivalents = terms.look_up(label)["senses"][0]["equivalents"]
    assert any(e["match"] == "exact" and e["label"] != label for e in equivalents)


def test_practice_words_are_exact_matches_between_organisations(terms) -> None:
    exact = [label for label in _labels(terms) if _exact_pair(terms, label)]
    assert len(exact) >= 6


def _exact_pair(terms: Terms, label: str) -> bool:
    answer = terms.look_up(label)
    return not answer["ambiguous"] and any(
        e["match"] == "exact" and e["label"] == label
        for sense in answer["senses"]
        for e in sense["equivalents"]
    )


def test_some_words_are_loaded_for_another_organisation(terms) -> None:
    loaded = [label for label in _labels(terms) if terms.look_up(label)["loaded"]]
    assert loaded
    connotation = next(s for s in terms.look_up(loaded[0])["senses"] if s["connotation"])
    heard = connotation["connotation"][0]
    assert heard["kind"] and heard["neutral_alternative"] and heard["perceived_by"]
    assert heard["perceived_by"] != connotation["organisation"]


SHIPPED_KINDS = (RM.Sense, RM.SharedConcept, ORG.Organization, *WORK_KINDS)


def _names(place: Municipality) -> set[str]:
    """Every name and word a municipality is generated with, Dutch and English."""
    pairs = [
        *((spec.word.nl, spec.word.en) for spec in place.senses),
        *(org.name for org in place.orgs),
        *(area.label for area in [place.places.whole, *place.places.districts]),
        *(role.name for role in place.work.roles.values()),
        *(task.label for task in place.work.tasks),
        *(p.name for p in [*place.cases.principles, *place.cases.protocols]),
        *(case.label for case in place.cases.cases),
        *(e.label for case in place.cases.cases for e in case.episodes),
        *(need.label for case in place.cases.cases for need in case.needs),
        *(agreement.label for agreement in place.cases.agreements),
    ]
    return {normalise(name) for pair in pairs for name in pair}


def test_no_name_of_the_shipped_data_is_generated(overvecht) -> None:
    """Synthetic names and words are made from parts; none may copy a real one."""
    real = {
        normalise(str(value))
        for kind in SHIPPED_KINDS
        for node in instances(overvecht.graph, kind)
        for value in overvecht.graph.objects(node, SKOS.prefLabel)
        if isinstance(value, Literal)
    }
    assert len(real) > 150
    common = common_words(0)
    generated = set()
    for number in range(1, 343):
        generated |= _names(Municipality(0, number, common))
    assert len(generated) > 10_000
    assert sorted(generated & real) == []


def test_command_line(tmp_path, capsys) -> None:
    main(["--municipalities", "1", "--out", str(tmp_path), "--seed", "3"])
    assert "municipalities=1" in capsys.readouterr().out
    assert list(_files(tmp_path)) == ["gemeente-0001.ttl"]


# --- Work: areas, commissions, posts, tasks, cases and agreements -------------------------------


def test_a_municipality_holds_each_kind_in_proportion(places) -> None:
    for place in places:
        districts = place.places.districts
        assert 2 <= len(districts) <= 5
        assert all(
            d.postcodes and all(len(c) == 4 and c.isdigit() for c in d.postcodes) for d in districts
        )
        assert all(place.places.areas_of[org.id] for org in place.orgs), "every org works somewhere"
        municipality = place.orgs[0]
        assert {c.org.id for c in place.places.commissions} <= {o.id for o in place.orgs[1:]}
        assert max(c.years[1] for c in place.places.commissions) == END
        posts = Counter(post.org.id for post in place.work.posts)
        assert all(posts[org.id] >= 2 for org in place.orgs), "a teamleider and at least one more"
        tasks = place.work.tasks
        resident = [task for task in tasks if task.groups]
        assert 35 <= len(tasks) <= 75 and len(resident) >= 0.7 * len(tasks)
        assert all(task.mode and task.orientation and task.settings for task in resident)
        assert municipality.id in {task.org.id for task in resident}
        overlapping = [
            (a, b)
            for a, b in combinations(resident, 2)
            if a.org != b.org and a.combinations() & b.combinations()
        ]
        involved = {task.iri for pair in overlapping for task in pair}
        assert 4 <= len(involved) <= len(resident) / 3, "most tasks distinct, a few overlap"
        made = {frozenset((a.iri, b.iri)) for a, b in place.work.overlaps}
        assert made <= {frozenset((a.iri, b.iri)) for a, b in overlapping}
        cases = place.cases.cases
        assert 2 <= len(cases) <= 3 and all(case.needs and case.episodes for case in cases)
        assert 1 <= len(place.cases.agreements) < len(place.work.overlaps)


def _municipalities_of(finding) -> set[str]:
    return {organisation["id"].rsplit("-", 1)[1] for organisation in finding.organisations}


def test_the_overlap_report_has_overlapping_tasks_open_and_settled(report) -> None:
    within = [
        f
        for f in report.findings
        if f.check == "overlapping-task" and len(_municipalities_of(f)) == 1
    ]
    assert {f.status for f in within} == {"open", "settled"}
    settled = next(f for f in within if f.status == "settled")
    assert settled.settled_by[0]["id"].startswith("afspraak-over-")
    statuses = {(f.check, f.status) for f in report.findings}
    assert {("unsettled-case", "open"), ("unsettled-case", "settled")} <= statuses
    assert ("homonym", "settled") in statuses, "an agreement on what two mean by a word"


def _single(task, group: str) -> bool:
    return [g.id for g in task.groups] == [group] and len(task.domains) == 1


def _postcode(place: Municipality, org_id: str) -> str:
    area = place.places.areas_of[org_id][0]
    return (area.postcodes or place.places.districts[0].postcodes)[0]


def test_who_picks_this_up_by_postcode_answers_with_that_municipality(kg, places) -> None:
    place = places[0]
    task = next(t for t in place.work.tasks if _single(t, "volwassenen"))
    question = Question(
        postcode=_postcode(place, task.org.id), age=40, life_domains=[task.domains[0].label[0]]
    )
    answer = route(read_routing_model(kg.graph), question, "nl")
    found = [c["organisation"]["id"] for c in answer["candidates"]]
    assert task.org.id in found and all(i.endswith(f"-{place.tag}") for i in found)
    assert not answer["outside_area"]


def test_who_picks_this_up_follows_the_commissions_in_time(kg, places) -> None:
    model = read_routing_model(kg.graph)
    starts = {
        (place.tag, org.id): min(c.years[0] for c in place.places.commissions if c.org == org)
        for place in places
        for org in {c.org for c in place.places.commissions}
    }
    place, task, start = next(
        (place, task, starts[place.tag, task.org.id])
        for place in places
        for task in place.work.tasks
        if starts.get((place.tag, task.org.id), 0) > 2015
        and (_single(task, "volwassenen") or _single(task, "jeugd-gezin"))
    )
    age = 40 if task.groups[0].id == "volwassenen" else 10
    ask = {"postcode": _postcode(place, task.org.id), "age": age}
    ask["life_domains"] = [task.domains[0].id]

    def found(day: date) -> list[str]:
        answer = route(model, Question(**ask, as_of=day), "nl")
        return [c["organisation"]["id"] for c in answer["candidates"]]

    assert task.org.id not in found(date(start - 1, 6, 1)), "not yet commissioned"
    assert task.org.id in found(date(END, 6, 1))


def test_the_synth_command_says_what_it_wrote(tmp_path) -> None:
    result = CliRunner().invoke(
        app,
        ["synth", "--municipalities", "2", "--out", str(tmp_path), "--seed", "3"],
        env={"ROLEMAP_DATA_DIR": ":memory:"},
    )
    assert result.exit_code == 0, result.output
    assert list(_files(tmp_path)) == ["gemeente-0001.ttl", "gemeente-0002.ttl"]
    printed = dict(line.split() for line in result.output.splitlines()[1:])
    assert int(printed["triples"]) == sum(len(Graph().parse(p)) for p in tmp_path.glob("*.ttl"))
    assert int(printed["tasks"]) > 0 and f"wrote 2 files to {tmp_path}" in result.output

"""The synthetic national data set (rolemap.synth): well-formed, deterministic, jargon-shaped."""

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import DCTERMS, ORG, SKOS

from rolemap.loader import KnowledgeGraph, load
from rolemap.namespaces import RM
from rolemap.stats import instances
from rolemap.synth import BASE, Municipality, common_words, main, write_synthetic
from rolemap.terms import Terms
from rolemap.text import normalise
from rolemap.validation import load_shapes, run_fast, to_oxigraph

STRUCTURE = Path(__file__).resolve().parents[1] / "shapes" / "structure.ttl"


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.ttl"))}


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    folder = tmp_path_factory.mktemp("synth")
    return folder, write_synthetic(folder, municipalities=2, seed=7)


@pytest.fixture(scope="module")
def kg(written) -> KnowledgeGraph:
    return load(written[0])


@pytest.fixture(scope="module")
def terms(kg) -> Terms:
    return Terms.from_graph(kg)


def test_one_file_per_municipality_that_loads_with_the_counted_senses(written, kg) -> None:
    folder, totals = written
    assert list(_files(folder)) == ["gemeente-0001.ttl", "gemeente-0002.ttl"]
    assert totals["municipalities"] == 2 and totals["organisations"] == 16
    assert len(instances(kg.graph, RM.Sense)) == totals["senses"]
    assert 80 <= totals["senses"] / 2 <= 160, "about 60 terms with ~2 senses per municipality"


def test_same_seed_same_bytes_other_seed_other_data(written, tmp_path) -> None:
    folder, _ = written
    write_synthetic(tmp_path / "again", municipalities=2, seed=7)
    write_synthetic(tmp_path / "other", municipalities=2, seed=8)
    assert _files(tmp_path / "again") == _files(folder)
    other = _files(tmp_path / "other")
    assert other.keys() == _files(folder).keys()
    assert all(other[name] != data for name, data in _files(folder).items())


def test_a_municipality_does_not_depend_on_how_many_are_written(written, tmp_path) -> None:
    write_synthetic(tmp_path, municipalities=1, seed=7)
    assert _files(tmp_path)["gemeente-0001.ttl"] == _files(written[0])["gemeente-0001.ttl"]


def test_every_identifier_is_unique(kg) -> None:
    counted = Counter(str(value) for value in kg.graph.objects(None, DCTERMS.identifier))
    assert [identifier for identifier, n in counted.items() if n > 1] == []


def test_no_structure_violation(kg) -> None:
    results = run_fast(kg.graph, load_shapes([STRUCTURE]), to_oxigraph(kg.graph))
    assert [r for r in results if r.severity == "Violation"] == []


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


def test_no_name_of_the_shipped_data_is_generated(overvecht) -> None:
    """Synthetic words are made from parts; none may copy a real organisation or term."""
    real = {
        normalise(str(value))
        for kind in (RM.Sense, RM.SharedConcept, ORG.Organization)
        for node in instances(overvecht.graph, kind)
        for value in overvecht.graph.objects(node, SKOS.prefLabel)
        if isinstance(value, Literal)
    }
    common = common_words(0)
    generated = set()
    for number in range(1, 343):
        place = Municipality(0, number, common)
        generated |= {normalise(spec.word.nl) for spec in place.senses}
        generated |= {normalise(spec.word.en) for spec in place.senses}
        generated |= {normalise(name) for org in place.orgs for name in org.name}
    assert len(generated) > 10_000
    assert sorted(generated & real) == []


def test_command_line(tmp_path, capsys) -> None:
    main(["--municipalities", "1", "--out", str(tmp_path), "--seed", "3"])
    assert "municipalities=1" in capsys.readouterr().out
    assert list(_files(tmp_path)) == ["gemeente-0001.ttl"]

"""Vocabulary-quality shapes (shapes/quality.ttl): the qSKOS, ROBOT report and Skosify checks that
apply to rolemap's SKOS data, plus dangling references and missing language tags.

tests/fixtures/shapes/quality/clean/wijkpunt.ttl is a small, clean vocabulary with a near miss for
every check: nothing fires on it. Each flawed fixture next to it is loaded on top of it (with the
ontology) and must give exactly the findings listed in FLAWS. Per fixture the fast path (Oxigraph)
is used; pySHACL, the reference, runs once on the clean fixture and once on all flawed fixtures
together (their entities do not overlap), and must agree with the fast path there.
"""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

from rolemap.loader import KnowledgeGraph, load, parse_turtle
from rolemap.paths import ontology_dir
from rolemap.validation import Result, load_shapes, run_fast, run_pyshacl

CHECKOUT = Path(__file__).resolve().parents[1]
SHAPES_FILE = CHECKOUT / "shapes" / "quality.ttl"
QUALITY = Path(__file__).parent / "fixtures" / "shapes" / "quality"
CLEAN = QUALITY / "clean"

RMSH = Namespace("https://w3id.org/rolemap/shapes#")
EX = Namespace("https://example.org/wijkpunt/")
ZRM = Namespace("https://w3id.org/rolemap/vocab/zrm/")
XSD_STRING = URIRef("http://www.w3.org/2001/XMLSchema#string")

SEVERITIES = {
    "missing-label": "Warning",
    "missing-definition": "Warning",
    "multiple-preflabels": "Warning",
    "pref-alt-same": "Warning",
    "label-clash-in-scheme": "Warning",
    "mapping-clash": "Warning",
    "broader-cycle": "Warning",
    "orphan-concept": "Info",
    "undocumented-concept": "Info",
    "dangling-reference": "Warning",
    "missing-language-tag": "Warning",
    "missing-source": "Warning",
}

# fixture -> the (check, focus node, value node) it must give, and nothing else. Pairs are reported
# once, on the concept whose IRI sorts first.
FLAWS = {
    "missing_label": {("missing-label", EX.buurtgesprek, EX.buurtgesprek)},
    "missing_definition": {("missing-definition", EX.buurtpraat, EX.buurtpraat)},
    "undocumented_concept": {
        ("missing-definition", EX.ommetje, EX.ommetje),
        ("undocumented-concept", EX.ommetje, EX.ommetje),
    },
    "multiple_preflabels": {
        ("multiple-preflabels", EX.buurtkamer, Literal("huiskamer", lang="nl")),
    },
    "pref_alt_same": {("pref-alt-same", EX.wijkwinkel, Literal("Wijkwinkel", lang="nl"))},
    "label_clash_in_scheme": {("label-clash-in-scheme", EX["koffie-ochtend"], EX.koffieochtend)},
    "mapping_clash": {
        ("mapping-clash", EX.inloop, EX.spreekuur),
        ("mapping-clash", EX.spreekuur, EX["walk-in"]),
        ("mapping-clash", EX.contact, EX["walk-in"]),
    },
    "broader_cycle": {
        ("broader-cycle", EX.buurt, EX.wijk),
        ("broader-cycle", EX.wijk, EX.stad),
        ("broader-cycle", EX.stad, EX.buurt),
    },
    "orphan_concept": {("orphan-concept", EX.los, EX.los)},
    "dangling_reference": {
        ("dangling-reference", EX.straatpraat, EX.straatwerk),
        ("dangling-reference", EX.straatpraat, EX["vergeten-bron"]),
        ("dangling-reference", EX.buurtfeest, ZRM["sociaal-netwerkk"]),
    },
    "missing_language_tag": {
        ("missing-language-tag", EX.praatje, Literal("Een praatje met bewoners op straat.")),
        (
            "missing-language-tag",
            EX["eenzame-buurman"],
            Literal("Een buurman die al weken niemand heeft gesproken."),
        ),
    },
    "missing_source": {
        ("missing-source", EX.buurtbabbel, EX.buurtbabbel),
        ("missing-source", EX.ontmoeting, EX.ontmoeting),
    },
}


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes([SHAPES_FILE])


def plain(node):
    """The fast path types a plain literal as xsd:string, pySHACL leaves it untyped: the same
    RDF 1.1 literal, but unequal in rdflib."""
    if isinstance(node, Literal) and node.datatype == XSD_STRING:
        return Literal(str(node))
    return node


def found(results: list[Result]) -> set[tuple]:
    return {(r.check, r.focus, plain(r.value)) for r in results}


def agreed(results: list[Result]) -> set[tuple]:
    """What the two engines must agree on: Result.key() with the value literal made plain."""
    return {(*r.key()[:3], plain(r.value), r.key()[4]) for r in results}


def node_shapes(shapes: Graph) -> list[URIRef]:
    return sorted(shapes.subjects(RDF.type, SH.NodeShape))


def check_id(shape: URIRef) -> str:
    return str(shape).removeprefix(str(RMSH))


# --- The shapes file itself -----------------------------------------------------------------------


def test_every_check_is_a_documented_sparql_node_shape(shapes: Graph) -> None:
    assert {check_id(s): shapes.value(s, SH.severity) for s in node_shapes(shapes)} == {
        check: SH[severity] for check, severity in SEVERITIES.items()
    }
    assert not set(shapes.subjects(SH.target, None))
    for shape in node_shapes(shapes):
        check = check_id(shape)
        assert list(shapes.objects(shape, SH.targetClass)), check
        for predicate in (RDFS.label, RDFS.comment):
            languages = {o.language for o in shapes.objects(shape, predicate)}
            assert languages == {"nl", "en"}, f"{check}: {predicate} needs @nl and @en"
        (constraint,) = shapes.objects(shape, SH.sparql)
        assert {m.language for m in shapes.objects(constraint, SH.message)} == {"nl", "en"}
        select = str(shapes.value(constraint, SH.select))
        assert "SELECT $this" in select, check
        # SHACL forbids VALUES in a constraint; rdflib returns one empty row for a grouped query
        # without solutions unless HAVING drops it.
        assert "VALUES" not in select and "HAVING (COUNT(*) > 0)" in select, check


def test_target_classes_exist_in_the_ontology(shapes: Graph, ontology: Graph) -> None:
    skos_classes = {
        URIRef(f"http://www.w3.org/2004/02/skos/core#{c}") for c in ("Concept", "ConceptScheme")
    }
    for shape in node_shapes(shapes):
        for target in shapes.objects(shape, SH.targetClass):
            assert target in skos_classes or (target, RDF.type, OWL.Class) in ontology, target


def _covered(shapes: Graph, ontology: Graph, check: str) -> set[URIRef]:
    targets = shapes.objects(RMSH[check], SH.targetClass)
    return {
        kind for target in targets for kind in ontology.transitive_subjects(RDFS.subClassOf, target)
    }


@pytest.mark.parametrize("check", ["dangling-reference", "missing-language-tag"])
def test_entity_checks_target_every_class_of_the_ontology(
    shapes: Graph, ontology: Graph, check: str
) -> None:
    """Every class whose instances live in the knowledge graph. The store's own records
    (ontology/store.ttl) live in the store's record graph, which the checks never see."""
    records = parse_turtle(ontology_dir() / "store.ttl")
    classes = {
        c
        for c in ontology.subjects(RDF.type, OWL.Class)
        if isinstance(c, URIRef) and (c, RDF.type, OWL.Class) not in records
    }
    assert records.value(predicate=RDF.type, object=OWL.Class) is not None
    assert classes - _covered(shapes, ontology, check) == set()


@pytest.mark.parametrize("check", ["dangling-reference", "missing-language-tag"])
def test_entity_checks_target_every_kind_in_the_shipped_data(
    overvecht: KnowledgeGraph, shapes: Graph, ontology: Graph, check: str
) -> None:
    covered = _covered(shapes, ontology, check)
    kinds = {
        kind
        for kind in overvecht.graph.objects(None, RDF.type)
        if not str(kind).startswith(str(OWL))
    }
    assert kinds - covered == set()


# --- Clean data gives nothing, each flaw exactly its findings -------------------------------------


def test_clean_fixture_gives_no_finding(shapes: Graph) -> None:
    graph = load(CLEAN).graph
    assert run_pyshacl(graph, shapes, on_oxigraph=True) == []
    assert run_fast(graph, shapes) == []


def test_shipped_data_gives_no_quality_finding(overvecht: KnowledgeGraph, shapes: Graph) -> None:
    # pySHACL agrees on the shipped data: tests/test_findings.py compares every shape file there.
    assert found(run_fast(overvecht.graph, shapes)) == set()


@pytest.mark.parametrize("fixture", sorted(FLAWS))
def test_flaw_fires_exactly_its_findings(shapes: Graph, fixture: str) -> None:
    graph = load(CLEAN, extra_files=[QUALITY / f"{fixture}.ttl"]).graph
    results = run_fast(graph, shapes)
    assert found(results) == FLAWS[fixture]
    assert {(r.check, r.severity) for r in results} <= set(SEVERITIES.items())


def test_every_check_has_a_fixture_where_it_fires() -> None:
    assert {check for expected in FLAWS.values() for check, *_ in expected} == set(SEVERITIES)
    assert {path.stem for path in QUALITY.glob("*.ttl")} == set(FLAWS)


@pytest.fixture(scope="module")
def all_flaws(shapes: Graph) -> tuple[list[Result], list[Result]]:
    """pySHACL and the fast path on the clean fixture plus every flawed fixture at once."""
    graph = load(CLEAN, extra_files=sorted(QUALITY.glob("*.ttl"))).graph
    return run_pyshacl(graph, shapes, on_oxigraph=True), run_fast(graph, shapes)


def test_pyshacl_gives_every_flaw_and_the_fast_path_agrees(all_flaws) -> None:
    reference, fast = all_flaws
    assert found(reference) == set().union(*FLAWS.values())
    assert agreed(fast) == agreed(reference)


def test_messages_name_the_term_the_organisation_and_the_offending_part(all_flaws) -> None:
    reference, _ = all_flaws
    messages = {text for result in reference for _, text in result.messages}
    assert not [m for m in messages if "{?" in m or "{$" in m]
    assert {
        "‘buurtpraat’ (Wijkpunt) heeft geen definitie (skos:definition).",
        "‘neighbourhood chat’ (Wijkpunt) heeft geen Nederlandse voorkeursterm "
        "(skos:prefLabel met @nl).",
        "‘wijkwinkel’ (Wijkpunt) heeft ‘Wijkwinkel’ als voorkeursterm én als skos:altLabel.",
        "Twee begrippen in Wijkpunt hebben dezelfde voorkeursterm ‘Koffieochtend’: "
        "koffie-ochtend en koffieochtend.",
        "‘contact met bewoners’ (Gedeelde woorden) en ‘Walk-in’ (Wijkpunt) zijn skos:exactMatch "
        "en ook skos:narrowMatch.",
        "‘buurtfeest’ (Taak) verwijst met rm:lifeDomain naar "
        "<https://w3id.org/rolemap/vocab/zrm/sociaal-netwerkk>, maar daarover staat niets in de "
        "gegevens.",
        "‘eenzame buurman’ (Casus) heeft bij dct:description een tekst zonder taallabel: "
        "‘Een buurman die al weken niemand heeft gesproken.’.",
        "‘stad’ (Gedeelde woorden) ligt via ‘buurt’ onder zichzelf: skos:broader/skos:narrower "
        "vormen een kring.",
    } <= messages

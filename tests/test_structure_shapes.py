"""Structure shapes (shapes/structure.ttl): the gate that rejects badly formed additions.

Each flawed fixture in tests/fixtures/shapes/structure/ adds one entity with exactly one flaw to the
fictional Buurtkracht Zuid (tests/fixtures/new_organisation/buurtkracht.ttl); exactly one finding,
of the right check, focus node, path and constraint, must come out. The well-formed side is
buurtkracht.ttl plus well_formed_extras.ttl (every kind the shapes target) and the Overvecht data.
"""

from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SH, SKOS

from rolemap.loader import KnowledgeGraph, load, parse_turtle

CHECKOUT = Path(__file__).resolve().parents[1]
SHAPES_FILE = CHECKOUT / "shapes" / "structure.ttl"
FIXTURES = Path(__file__).parent / "fixtures"
STRUCTURE = FIXTURES / "shapes" / "structure"
BUURTKRACHT = FIXTURES / "new_organisation" / "buurtkracht.ttl"
WELL_FORMED = STRUCTURE / "well_formed_extras.ttl"

RMSH = Namespace("https://w3id.org/rolemap/shapes#")
RM = Namespace("https://w3id.org/rolemap/def#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
EX = Namespace("https://example.org/buurtkracht/")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


def check_of(shapes: Graph, shape: URIRef) -> str:
    """The check id: the local name of the NodeShape the property shape belongs to."""
    node_shape = shapes.value(None, SH.property, shape) or shape
    return str(node_shape).removeprefix(str(RMSH))


def findings(data: Graph, shapes: Graph) -> set[tuple]:
    """(check id, focus node, path, constraint component, severity) of every result."""
    _, report, _ = validate(data, shacl_graph=shapes, allow_warnings=True, advanced=True)
    return {
        (
            check_of(shapes, report.value(result, SH.sourceShape)),
            report.value(result, SH.focusNode),
            report.value(result, SH.resultPath),
            report.value(result, SH.sourceConstraintComponent),
            report.value(result, SH.resultSeverity),
        )
        for result in report.subjects(RDF.type, SH.ValidationResult)
    }


def with_ontology(ontology: Graph, *files: Path) -> Graph:
    graph = Graph()
    graph += ontology
    for path in files:
        graph += parse_turtle(path)
    return graph


# --- The shapes file itself -----------------------------------------------------------------------


def node_shapes(shapes: Graph) -> list[URIRef]:
    return sorted(shapes.subjects(RDF.type, SH.NodeShape))


def test_every_check_is_a_documented_violation_node_shape(shapes: Graph) -> None:
    assert node_shapes(shapes), "no NodeShape in shapes/structure.ttl"
    for shape in node_shapes(shapes):
        check = str(shape).removeprefix(str(RMSH))
        assert str(shape).startswith(str(RMSH)) and check.endswith("-structure"), shape
        assert shapes.value(shape, SH.severity) == SH.Violation, check
        assert shapes.value(shape, SH.targetClass) is not None, check
        for predicate in (RDFS.label, RDFS.comment):
            languages = {o.language for o in shapes.objects(shape, predicate)}
            assert {"nl", "en"} <= languages, f"{check}: {predicate} needs @nl and @en"
        properties = list(shapes.objects(shape, SH.property))
        assert properties, check
        for prop in properties:
            assert shapes.value(prop, SH.path) is not None, check
            languages = {m.language for m in shapes.objects(prop, SH.message)}
            assert languages == {"nl", "en"}, (
                f"{check}: each property shape needs sh:message @nl+@en"
            )


def test_structure_shapes_are_core_only(shapes: Graph) -> None:
    assert not set(shapes.subjects(SH.sparql, None))
    assert not set(shapes.subjects(SH.target, None))


def test_target_classes_exist_in_the_ontology(shapes: Graph, ontology: Graph) -> None:
    for shape in node_shapes(shapes):
        target = shapes.value(shape, SH.targetClass)
        assert (target, RDF.type, OWL.Class) in ontology, target


# --- Well-formed data conforms --------------------------------------------------------------------


def test_overvecht_data_conforms(overvecht: KnowledgeGraph, shapes: Graph) -> None:
    assert findings(overvecht.graph, shapes) == set()


def test_overvecht_with_a_new_organisation_conforms(shapes: Graph) -> None:
    kg = load(extra_files=[BUURTKRACHT, WELL_FORMED])
    assert findings(kg.graph, shapes) == set()


def test_well_formed_fixtures_conform_and_cover_every_check(shapes: Graph, ontology: Graph) -> None:
    data = with_ontology(ontology, BUURTKRACHT, WELL_FORMED)
    assert findings(data, shapes) == set()
    fixtures = with_ontology(Graph(), BUURTKRACHT, WELL_FORMED)
    for shape in node_shapes(shapes):
        target = shapes.value(shape, SH.targetClass)
        kinds = set(ontology.transitive_subjects(RDFS.subClassOf, target))
        instances = {s for kind in kinds for s in fixtures.subjects(RDF.type, kind)}
        assert instances, f"no well-formed {target} in the fixtures"


# --- Each flaw fires exactly its check ------------------------------------------------------------

DCT = DCTERMS
MIN = SH.MinCountConstraintComponent
MAX = SH.MaxCountConstraintComponent
CLASS = SH.ClassConstraintComponent
QMIN = SH.QualifiedMinCountConstraintComponent
UNIQUE = SH.UniqueLangConstraintComponent
PATTERN = SH.PatternConstraintComponent
OR = SH.OrConstraintComponent

FLAWS = [
    ("organisation_id_not_kebab_case", "organisation", "buurt-west", DCT.identifier, PATTERN),
    ("organisation_without_identifier", "organisation", "buurt-west", DCT.identifier, MIN),
    ("organisation_named_only_in_english", "organisation", "team-west", SKOS.prefLabel, QMIN),
    ("organisation_with_two_dutch_names", "organisation", "buurt-west", SKOS.prefLabel, UNIQUE),
    ("organisation_without_source", "organisation", "buurt-west", DCT.source, MIN),
    ("organisation_source_is_document", "organisation", "buurt-west", DCT.source, OR),
    ("role_without_definition", "role", "wijkgids", SKOS.definition, QMIN),
    ("role_without_scheme", "role", "wijkgids", SKOS.inScheme, MIN),
    ("post_without_role", "post", "buurtkracht-coordinator", ORG.role, MIN),
    ("post_in_a_role", "post", "buurtkracht-coordinator", ORG.postIn, CLASS),
    ("task_without_performer", "task", "buurtfeest", RM.performedBy, MIN),
    ("task_with_two_orientations", "task", "buurtfeest", RM.orientation, MAX),
    ("task_target_group_is_life_domain", "task", "buurtfeest", RM.targetGroup, CLASS),
    ("sense_with_two_dutch_labels", "sense", "samenredzaamheid", SKOS.prefLabel, UNIQUE),
    ("sense_without_definition", "sense", "samenredzaamheid", SKOS.definition, QMIN),
    ("sense_in_role_scheme", "sense", "samenredzaamheid", SKOS.inScheme, CLASS),
    ("vocabulary_without_organisation", "vocabulary", "jargon-west", RM.vocabularyOf, MIN),
    ("connotation_without_kind", "connotation", "wijkkracht-hoort", RM.connotationKind, MIN),
    ("case_without_description", "case", "eenzame-buurman", DCT.description, QMIN),
    ("need_without_life_domain", "need", "contact-in-de-buurt", RM.lifeDomain, MIN),
    ("agreement_without_settles", "agreement", "afspraak-buurman", RM.settles, MIN),
    ("citation_without_document", "citation", "cite-zonder-document", RM.inDocument, MIN),
    ("citation_section_is_number", "citation", "cite-paragraaf-3", RM.section, OR),
    ("assumption_described_only_in_english", "assumption", "aanname-engels", DCT.description, QMIN),
    ("source_document_without_title", "source-document", "notulen", DCT.title, MIN),
]  # fmt: skip


@pytest.mark.parametrize(
    ("fixture", "kind", "focus", "path", "component"), FLAWS, ids=[f[0] for f in FLAWS]
)
def test_flaw_fires_exactly_its_check(
    shapes: Graph, ontology: Graph, fixture: str, kind: str, focus: str, path, component
) -> None:
    data = with_ontology(ontology, BUURTKRACHT, STRUCTURE / f"{fixture}.ttl")
    expected = (f"{kind}-structure", EX[focus], path, component, SH.Violation)
    assert findings(data, shapes) == {expected}


def test_every_check_has_a_fixture_where_it_fires(shapes: Graph) -> None:
    fired = {f"{kind}-structure" for _, kind, *_ in FLAWS}
    assert fired == {str(s).removeprefix(str(RMSH)) for s in node_shapes(shapes)}
    on_disk = {p.stem for p in STRUCTURE.glob("*.ttl")} - {WELL_FORMED.stem}
    assert on_disk == {f[0] for f in FLAWS}


def test_messages_say_what_is_missing_and_how_to_fix_it(shapes: Graph, ontology: Graph) -> None:
    data = with_ontology(ontology, BUURTKRACHT, STRUCTURE / "task_without_performer.ttl")
    _, report, _ = validate(data, shacl_graph=shapes, allow_warnings=True, advanced=True)
    messages = set(report.objects(None, SH.resultMessage))
    assert (
        Literal(
            "Een taak heeft precies één uitvoerende functie (rm:performedBy, een org:Post) nodig; "
            "voeg rm:performedBy post:… toe, of maak per functie een eigen taak.",
            lang="nl",
        )
        in messages
    )
    assert {m.language for m in messages} == {"nl", "en"}

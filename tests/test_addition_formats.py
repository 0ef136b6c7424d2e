"""An analyst's addition reads the same from Turtle, JSON-LD and YAML, and every mistake is named
with its line: the YAML is JSON-LD under rolemap's context, which covers the model one-to-one."""

import json
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, XSD

from rolemap.addition_formats import (
    FORMATS,
    UnsupportedFormatError,
    format_for_media_type,
    format_for_path,
    parse_addition,
)
from rolemap.errors import DataFileError
from rolemap.jsonld_context import CONTEXT_IRI, context_keys
from rolemap.paths import default_data_dir, ontology_dir

CHECKOUT = Path(__file__).resolve().parents[1]
EXAMPLE_TTL = CHECKOUT / "examples" / "new-organisation.ttl"
EXAMPLE_YAML = CHECKOUT / "examples" / "new-organisation.yaml"
ORGS = "https://w3id.org/rolemap/id/org/"
SKOS_PREFLABEL = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")


def _parse(text: str, fmt: str, name: str = "addition") -> Graph:
    return parse_addition(text.encode("utf-8"), fmt, name).graph


def _error(data: str | bytes, fmt: str) -> DataFileError:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with pytest.raises(DataFileError) as caught:
        parse_addition(raw, fmt, f"addition.{FORMATS[fmt].suffixes[0].lstrip('.')}")
    return caught.value


def _data_graph() -> Graph:
    graph = Graph()
    for path in sorted(default_data_dir().glob("*.ttl")):
        graph.parse(path)
    return graph


# =============================================================================================
# The worked example: one organisation, three formats, one graph
# =============================================================================================


def test_the_yaml_example_is_the_turtle_example():
    turtle = parse_addition(EXAMPLE_TTL.read_bytes(), "turtle", EXAMPLE_TTL.name)
    yaml_form = parse_addition(EXAMPLE_YAML.read_bytes(), "yaml", EXAMPLE_YAML.name)
    assert len(turtle.graph) > 150
    assert isomorphic(turtle.graph, yaml_form.graph)


def test_the_example_as_json_is_the_same_graph():
    layout = yaml.load(EXAMPLE_YAML.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    as_json = json.dumps(layout, ensure_ascii=False, indent=2)
    turtle = parse_addition(EXAMPLE_TTL.read_bytes(), "turtle", EXAMPLE_TTL.name)
    assert isomorphic(turtle.graph, _parse(as_json, "json-ld"))


def test_lines_point_at_where_each_entity_is_described():
    org = URIRef(ORGS + "buurtwerk-de-brug")
    for path, fmt, opening in ((EXAMPLE_TTL, "turtle", "orgs:"), (EXAMPLE_YAML, "yaml", "- id:")):
        addition = parse_addition(path.read_bytes(), fmt, path.name)
        lines = path.read_text(encoding="utf-8").splitlines()
        assert set(addition.lines) == {s for s in addition.graph.subjects() if s in addition.lines}
        assert len(addition.lines) == len(set(addition.graph.subjects()))
        assert lines[addition.lines[org] - 1].strip().startswith(opening)
        assert "orgs:buurtwerk-de-brug" in lines[addition.lines[org] - 1]


def test_json_lines_are_found_too():
    """In JSON, the line where the object that carries the id opens."""
    text = '{\n  "entities": [\n    {\n      "id": "orgs:x",\n      "prefLabel": {"nl": "X"}}]}'
    assert parse_addition(text.encode(), "json-ld", "x.json").lines == {URIRef(ORGS + "x"): 3}


# =============================================================================================
# The context covers the model one-to-one
# =============================================================================================


def _context() -> dict:
    def no_duplicates(pairs):
        keys = [key for key, _ in pairs]
        assert len(keys) == len(set(keys)), f"duplicate keys in context.jsonld: {keys}"
        return dict(pairs)

    text = (ontology_dir() / "context.jsonld").read_text(encoding="utf-8")
    return json.loads(text, object_pairs_hook=no_duplicates)["@context"]


def test_every_property_and_class_of_the_data_has_a_context_key():
    graph = _data_graph()
    used = {p for p in graph.predicates() if p != RDF.type} | set(graph.objects(None, RDF.type))
    missing = sorted(str(iri) for iri in used if str(iri) not in context_keys())
    assert missing == []


def test_every_class_and_property_of_the_ontology_has_a_context_key():
    ontology = Graph().parse(ontology_dir() / "rolemap.ttl")
    declared = {
        node
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for node in ontology.subjects(RDF.type, kind)
        if isinstance(node, URIRef)
    }
    reference = Graph()
    for name in ("vocabularies.ttl", "signals.ttl"):
        reference.parse(ontology_dir() / name)
    described = {p for p in reference.predicates() if not str(p).startswith((str(OWL), str(RDF)))}
    missing = sorted(str(iri) for iri in declared | described if str(iri) not in context_keys())
    assert missing == []


def test_each_context_key_types_its_values_as_the_data_does():
    """IRI-valued properties take references, texts a language map, dates and years their type:
    so a YAML value becomes exactly the literal or IRI the Turtle data has."""
    graph = _data_graph()
    keys = context_keys()
    raw = _context()
    wrong = []
    for predicate in set(graph.predicates()) - {RDF.type}:
        definition = raw[keys[str(predicate)]]
        for value in set(graph.objects(None, predicate)):
            if isinstance(value, URIRef):
                expected = definition.get("@type") == "@id"
            elif value.language:
                expected = definition.get("@container") == "@language"
            elif value.datatype not in (None, XSD.string):
                coerce = definition.get("@type", "@id")
                prefix, _, local = coerce.partition(":")
                expected = coerce != "@id" and raw[prefix] + local == str(value.datatype)
            else:
                expected = "@type" not in definition and "@container" not in definition
            if not expected:
                wrong.append(f"{keys[str(predicate)]}: {value!r}")
                break
    assert wrong == []


def test_no_two_keys_stand_for_the_same_iri():
    raw = _context()
    iris = [value if isinstance(value, str) else value["@id"] for value in raw.values()]
    named = [iri for iri in iris if not iri.startswith("@") and not iri.endswith(("/", "#"))]
    assert len(named) == len(set(named))
    assert raw["id"] == "@id" and raw["type"] == "@type"
    # org:role and rm:lesson have keys of their own: role: and lesson: are prefixes (data/README)
    assert raw["holdsRole"]["@id"] == "org:role" and raw["role"].endswith("/id/role/")
    assert raw["hasLesson"]["@id"] == "rm:lesson" and raw["lesson"].endswith("/id/lesson/")


# =============================================================================================
# What YAML and JSON-LD mean
# =============================================================================================


def test_language_maps_give_one_text_per_language_and_yaml_words_stay_text():
    graph = _parse(
        "entities:\n"
        "  - id: area:noorderwijk\n"
        "    prefLabel: {nl: Noorderwijk, no: nei}\n"
        "    altLabel: {nl: [Noord, De Noord]}\n"
        "    postcodeArea: [0123, 9991]\n"
        "    identifier: 2019\n",
        "yaml",
    )
    area = URIRef("https://w3id.org/rolemap/id/area/noorderwijk")
    assert set(graph.objects(area, SKOS_PREFLABEL)) == {
        Literal("Noorderwijk", lang="nl"),
        Literal("nei", lang="no"),
    }
    postcodes = set(graph.objects(area, URIRef("https://w3id.org/rolemap/def#postcodeArea")))
    assert postcodes == {Literal("0123"), Literal("9991")}
    assert (
        len(set(graph.objects(area, URIRef("http://www.w3.org/2004/02/skos/core#altLabel")))) == 2
    )
    assert Literal("2019") in set(
        graph.objects(area, URIRef("http://purl.org/dc/terms/identifier"))
    )


def test_dates_and_years_get_their_datatype():
    graph = _parse(
        "entities:\n"
        "  - id: commission:x\n"
        "    startedAtTime: 2024-01-01T00:00:00\n"
        "  - id: doc:x\n"
        "    issued: 2024\n",
        "yaml",
    )
    assert Literal("2024-01-01T00:00:00", datatype=XSD.dateTime) in set(graph.objects())
    assert Literal("2024", datatype=XSD.gYear) in set(graph.objects())


def test_own_prefixes_are_declared_under_prefixes():
    graph = _parse(
        "prefixes:\n  ex: https://example.org/brug/\nentities:\n"
        "  - {id: ex:brug, type: FormalOrganization, source: ex:aanname}\n",
        "yaml",
    )
    brug = URIRef("https://example.org/brug/brug")
    assert (brug, URIRef("http://purl.org/dc/terms/source"), URIRef(brug[:-4] + "aanname")) in graph


def test_plain_json_ld_with_its_own_context_keeps_it_after_rolemaps():
    document = {
        "@context": {"ex": "https://example.org/", "naam": {"@id": "skos:prefLabel"}},
        "@graph": [
            {"@id": "ex:a", "@type": "org:FormalOrganization", "prefLabel": {"nl": "A"}},
            {
                "@id": "https://example.org/b",
                "http://www.w3.org/2004/02/skos/core#prefLabel": {"@value": "B", "@language": "nl"},
            },
        ],
    }
    graph = _parse(json.dumps(document), "json-ld")
    assert (URIRef("https://example.org/a"), SKOS_PREFLABEL, Literal("A", lang="nl")) in graph
    assert (URIRef("https://example.org/b"), SKOS_PREFLABEL, Literal("B", lang="nl")) in graph


def test_a_json_ld_body_without_context_gets_rolemaps():
    graph = _parse('{"id": "orgs:x", "prefLabel": {"nl": "X"}}', "json-ld")
    assert (URIRef(ORGS + "x"), SKOS_PREFLABEL, Literal("X", lang="nl")) in graph


def test_rolemaps_context_iri_is_read_from_the_local_file(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("rolemap must not fetch a context")

    monkeypatch.setattr("rdflib.plugins.shared.jsonld.context.source_to_json", no_network)
    monkeypatch.setattr("rdflib.plugins.shared.jsonld.util.source_to_json", no_network)
    body = {"@context": [CONTEXT_IRI, {"ex": "https://example.org/"}], "id": "ex:a", "type": "Task"}
    graph = _parse(json.dumps(body), "json-ld")
    assert (
        URIRef("https://example.org/a"),
        RDF.type,
        URIRef("https://w3id.org/rolemap/def#Task"),
    ) in graph


# =============================================================================================
# Mistakes: each is a DataFileError with its line (and column where there is one)
# =============================================================================================

NOT_UTF8_ON_LINE_3 = b"entities:\n  - id: orgs:x\n    prefLabel: {nl: caf\xe9}\n"
TURTLE_MISSING_DOT_ON_LINE_3 = (
    "@prefix orgs: <https://w3id.org/rolemap/id/org/> .\n"
    "@prefix dct: <http://purl.org/dc/terms/> .\n"
    'orgs:x dct:identifier "x"\n'
    'orgs:y dct:identifier "y" .\n'
)
TURTLE_UNDECLARED_PREFIX_ON_LINE_2 = (
    "@prefix orgs: <https://w3id.org/rolemap/id/org/> .\norgs:x a foo:Bar .\n"
)
JSON_MISSING_COMMA_ON_LINE_3 = '{\n  "id": "orgs:x"\n  "prefLabel": {"nl": "X"}\n}'
YAML_BAD_INDENT_ON_LINE_3 = "entities:\n  - id: orgs:x\n   prefLabel: {nl: X}\n"
MISSPELT_KEY_ON_LINE_4 = (
    "entities:\n  - id: orgs:x\n    type: FormalOrganization\n    preflabel: {nl: X}\n"
)
UNDECLARED_PREFIX_ON_LINE_3 = "entities:\n  - id: orgs:x\n    source: bron:aanname\n"
ANCHOR_ON_LINE_3 = (
    "entities:\n  - id: orgs:x\n    prefLabel: &name {nl: X}\n"
    "  - id: orgs:y\n    prefLabel: *name\n"
)


def test_invalid_utf8_names_its_line():
    for fmt in ("yaml", "turtle", "json-ld"):
        error = _error(NOT_UTF8_ON_LINE_3, fmt)
        assert (error.line, error.column) == (3, 24)  # the byte after "caf"
        assert "UTF-8" in error.message


def test_turtle_syntax_error_names_line_and_column():
    error = _error(TURTLE_MISSING_DOT_ON_LINE_3, "turtle")
    assert (error.line, error.column) == (4, 1)  # where the parser found no "."
    assert "Turtle syntax error" in error.message
    error = _error(TURTLE_UNDECLARED_PREFIX_ON_LINE_2, "turtle")
    assert (error.line, error.column) == (2, 10)
    assert "foo:" in error.message


def test_json_syntax_error_names_line_and_column():
    error = _error(JSON_MISSING_COMMA_ON_LINE_3, "json-ld")
    assert (error.line, error.column) == (3, 3)
    assert "JSON syntax error" in error.message


def test_yaml_syntax_error_names_line_and_column():
    error = _error(YAML_BAD_INDENT_ON_LINE_3, "yaml")
    assert (error.line, error.column) == (3, 4)
    assert "YAML syntax error" in error.message


def test_a_top_level_that_is_neither_mapping_nor_list_is_refused():
    assert _error("just a sentence\n", "yaml").line == 1
    assert _error('\n"just a sentence"', "json-ld").line == 2


def test_yaml_anchors_and_aliases_are_refused():
    error = _error(ANCHOR_ON_LINE_3.replace("&name ", ""), "yaml")  # alias without anchor
    assert "alias" in error.message or "syntax" in error.message
    error = _error(ANCHOR_ON_LINE_3, "yaml")
    assert error.line == 3 and "anchor or alias" in error.message


def test_yaml_tags_are_refused():
    assert _error("entities:\n  - id: !!python/name:os.system orgs:x\n", "yaml").line == 2


def test_an_unknown_key_names_the_key_its_line_and_the_nearest_keys():
    error = _error(MISSPELT_KEY_ON_LINE_4, "yaml")
    assert (error.line, error.column) == (4, 5)
    assert "‘preflabel’" in error.message and "‘prefLabel’" in error.message
    assert "drop" in error.message


def test_an_unknown_key_in_json_names_its_line():
    error = _error('{\n  "id": "orgs:x",\n  "definiton": {"nl": "x"}\n}', "json-ld")
    assert (error.line, error.column) == (3, 3)
    assert "‘definiton’" in error.message and "‘definition’" in error.message


def test_a_property_outside_the_model_is_refused_even_as_a_prefixed_name():
    error = _error('{"id": "orgs:x",\n "skos:preflabel": "x"}', "json-ld")
    assert error.line == 2 and "‘prefLabel’" in error.message


def test_an_unknown_type_names_the_nearest_class():
    error = _error("entities:\n  - id: orgs:x\n    type: Organisation\n", "yaml")
    assert error.line == 3 and "‘Organization’" in error.message


def test_a_prefixed_name_with_an_undeclared_prefix_is_refused():
    error = _error(UNDECLARED_PREFIX_ON_LINE_3, "yaml")
    assert (error.line, error.column) == (3, 13)
    assert "‘bron:’" in error.message


def test_a_reference_that_is_not_an_iri_is_refused():
    error = _error("entities:\n  - id: orgs:x\n    workingArea: overvecht\n", "yaml")
    assert error.line == 3 and "not an IRI" in error.message


def test_text_without_a_language_is_refused():
    error = _error("entities:\n  - id: orgs:x\n    definition: Een organisatie.\n", "yaml")
    assert error.line == 3 and "language" in error.message
    assert "{nl: …" in error.hint


def test_a_value_object_where_texts_per_language_belong_says_so():
    """Regression: JSON-LD reads it as a language map, so rdflib said "'@value' is not a
    valid language tag"."""
    error = _error(
        'entities:\n  - id: orgs:x\n    prefLabel: {"@value": X, "@language": nl}\n', "yaml"
    )
    assert error.line == 3 and "not a value object with @value" in error.message
    assert "prefLabel: {nl: …" in error.hint


def test_a_key_given_twice_is_refused():
    assert _error("entities:\n  - id: orgs:x\n    id: orgs:y\n", "yaml").line == 3
    assert _error('{"id": "orgs:x",\n "id": "orgs:y"}', "json-ld").line == 2


def test_an_empty_document_is_refused():
    for data, fmt in (
        ("# only a comment\n", "yaml"),
        ("entities: []\n", "yaml"),
        ("  \n", "json-ld"),
        ("[]", "json-ld"),
        ("@prefix orgs: <https://w3id.org/rolemap/id/org/> .\n", "turtle"),
    ):
        error = _error(data, fmt)
        assert "empty" in error.message or "no statements" in error.message, (data, fmt)


def test_a_remote_context_is_refused_without_fetching_it(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("rolemap must not fetch a context")

    monkeypatch.setattr("rdflib.plugins.shared.jsonld.context.source_to_json", no_network)
    error = _error(
        '{\n  "@context": "https://example.org/context.jsonld",\n  "id": "orgs:x"\n}', "json-ld"
    )
    assert error.line == 2 and "remote @context" in error.message
    error = _error('{"@context": {"@import": "https://example.org/c.jsonld"}}', "json-ld")
    assert "@import" in error.message


def test_a_document_may_not_redefine_rolemaps_keys():
    error = _error(
        '{"@context": {"prefLabel": "https://example.org/name"}, "id": "orgs:x"}', "json-ld"
    )
    assert "redefines ‘prefLabel’" in error.message
    error = _error("prefixes:\n  rm: https://example.org/\nentities: []\n", "yaml")
    assert error.line == 2 and "redefines ‘rm’" in error.message


def test_other_top_level_keys_of_the_layout_are_refused():
    error = _error("prefixes: {}\nentity:\n  - id: orgs:x\n", "yaml")
    assert error.line == 2 and "‘entities’" in error.message


# =============================================================================================
# Formats
# =============================================================================================


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("buurtwerk.ttl", "turtle"),
        ("buurtwerk.jsonld", "json-ld"),
        ("buurtwerk.json", "json-ld"),
        ("buurtwerk.yaml", "yaml"),
        ("BUURTWERK.YML", "yaml"),
        ("examples/new-organisation.yaml", "yaml"),
    ],
)
def test_format_by_file_suffix(name, fmt):
    assert format_for_path(name) == fmt
    assert format_for_path(Path(name)) == fmt


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        ("text/turtle", "turtle"),
        ("text/turtle; charset=utf-8", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/json;charset=UTF-8", "json-ld"),
        ("application/yaml", "yaml"),
        ("application/x-yaml", "yaml"),
        ("Text/YAML ; charset=utf-8", "yaml"),
    ],
)
def test_format_by_media_type(header, fmt):
    assert format_for_media_type(header) == fmt


def test_an_unknown_format_lists_the_supported_ones():
    for attempt in (
        lambda: format_for_path("buurtwerk.xml"),
        lambda: format_for_media_type("application/rdf+xml"),
        lambda: parse_addition(b"", "rdfxml", "x"),
    ):
        with pytest.raises(UnsupportedFormatError) as caught:
            attempt()
        message = str(caught.value)
        for expected in (".ttl", ".jsonld", ".yaml", ".yml", "text/turtle", "application/yaml"):
            assert expected in message


@pytest.mark.parametrize("text", ["[]", '<a> <b> """x', "@prefix : <x> .\n:a :b ("])
def test_turtle_the_parser_chokes_on_is_a_data_file_error_too(text):
    with pytest.raises(DataFileError, match=r"addition\.ttl"):
        parse_addition(text.encode(), "turtle", "addition.ttl")


# =============================================================================================
# Ids and references that are no usable IRI (issue 8): JSON-LD dropped or kept them silently
# =============================================================================================

GOOD_ENTITY = {"id": "orgs:goed", "type": "FormalOrganization", "prefLabel": {"nl": "Goed"}}
UNUSABLE_IDS = [
    "orgs:team x",  # a space after a declared prefix: rdflib dropped the entity
    "https://example.org/team x",
    "https://example.org/team>x",  # kept by rdflib, and it breaks the update that stores it
    "orgs:{x}",
    "_:team x",  # a blank node id with a space
]


@pytest.mark.parametrize("fmt", ["json-ld", "yaml"])
@pytest.mark.parametrize("bad", UNUSABLE_IDS)
def test_one_unusable_id_among_good_entities_refuses_the_addition_and_names_it(bad, fmt):
    """Regression: rdflib's JSON-LD parser dropped the entity with a space in its IRI without a
    word, so the good entities were added and the bad one's statements lost."""
    layout = {"entities": [GOOD_ENTITY, {"id": bad, "type": "Task", "prefLabel": {"nl": "X"}}]}
    error = _error(json.dumps(layout), fmt)  # JSON is YAML too
    assert f"the id ‘{bad}’ at entities[1].id is not a usable IRI" in error.message
    assert "absolute IRI" in error.hint and "prefixed name" in error.hint


def test_an_unusable_id_says_the_iri_its_prefixed_name_stands_for():
    """Regression: an addition of only such an entity was "holds no statements"."""
    error = _error("entities:\n  - id: orgs:team x\n    prefLabel: {nl: X}\n", "yaml")
    assert "no statements" not in error.message
    assert f"stands for ‘{ORGS}team x’, which holds a space" in error.message
    assert "%20" in error.hint


def test_a_reference_that_is_no_usable_blank_node_id_is_refused():
    """Regression: rdflib kept any text after _: as a blank node id and wrote it out as it was,
    inside the update that stores the addition."""
    bad = "_:a> } } ; DROP ALL ; #"
    layout = {"entities": [GOOD_ENTITY | {"source": bad}]}
    error = _error(json.dumps(layout), "json-ld")
    assert f"the reference ‘{bad}’ at entities[0].source is not a usable IRI" in error.message
    assert "blank node" in error.message


def test_ids_and_references_that_are_usable_iris_are_kept():
    layout = {
        "prefixes": {"ex": "https://example.org/x/"},
        "entities": [
            GOOD_ENTITY | {"source": "_:bron"},
            {"id": "ex:a%20b", "type": "Task", "prefLabel": {"nl": "A"}},
            {"id": "https://example.org/ü?q=1#f", "type": "Task", "prefLabel": {"nl": "Ü"}},
        ],
    }
    subjects = set(_parse(json.dumps(layout), "json-ld").subjects())
    assert {URIRef(ORGS + "goed"), URIRef("https://example.org/x/a%20b")} < subjects
    assert URIRef("https://example.org/ü?q=1#f") in subjects


# =============================================================================================
# Turtle is read by Oxigraph (issue 8): rdflib's parser is quadratic on long multi-line strings
# =============================================================================================

TWO_TRIPLES = "@prefix ex: <https://example.org/> .\nex:a ex:b {0} .\n"


def test_a_turtle_addition_is_not_read_by_rdflibs_turtle_parser(monkeypatch):
    """Regression: rdflib's Turtle parser took 16 s (here; 45 s reported) on a 1 MB addition
    with a long string of many lines, Oxigraph's takes 0.1 s (measured, not asserted)."""

    def quadratic(*args, **kwargs):
        raise AssertionError("rdflib's Turtle parser read an addition")

    monkeypatch.setattr("rdflib.plugins.parsers.notation3.TurtleParser.parse", quadratic)
    addition = parse_addition(EXAMPLE_TTL.read_bytes(), "turtle", EXAMPLE_TTL.name)
    assert len(addition.graph) > 150
    assert addition.lines[URIRef(ORGS + "buurtwerk-de-brug")] > 1


def test_a_long_string_of_many_lines_is_read_as_written():
    value = "\n".join(f'regel {i}: "geciteerd", met \\ erin' for i in range(20_000))
    written = value.replace("\\", "\\\\")  # a backslash is escaped in Turtle
    graph = _parse(TWO_TRIPLES.format(f'"""{written}"""@nl'), "turtle")
    assert set(graph.objects()) == {Literal(value, lang="nl")}


def test_a_language_tag_reads_in_lower_case_as_the_store_keeps_it():
    """rdflib kept ‘nl-NL’, the store (Oxigraph) ‘nl-nl’: an addition compared with the graph
    read back from the store now reads its tags the same way."""
    (text,) = _parse(TWO_TRIPLES.format('"Hallo"@nl-NL'), "turtle").objects()
    assert (text, text.language) == (Literal("Hallo", lang="nl-nl"), "nl-nl")  # == ignores case


def test_a_character_escaped_as_two_utf16_halves_is_one_character():
    """Oxigraph reads the pair as the one character it encodes (rdflib kept two halves, which
    were refused)."""
    graph = _parse(TWO_TRIPLES.format('"x\\uD83D\\uDE00y"'), "turtle")
    assert set(graph.objects()) == {Literal("x\U0001f600y")}


@pytest.mark.parametrize(
    ("written", "value"),
    [('"x\\\\uD800y"', "x\\uD800y"), ('"\\u00E9\\U0001F600"', "é\U0001f600")],
    ids=["escaped backslash", "whole characters"],
)
def test_escapes_that_are_no_lone_half_read_as_written(written, value):
    assert set(_parse(TWO_TRIPLES.format(written), "turtle").objects()) == {Literal(value)}


def test_a_lone_half_in_an_iri_is_named_with_its_entitys_line():
    error = _error(TWO_TRIPLES.format("<https://example.org/c\\uDC00>"), "turtle")
    assert error.line == 2 and "U+DC00" in error.message and "IRI" in error.message


def test_an_invalid_iri_beyond_the_forbidden_characters_is_refused():
    """What the store refuses is refused when read, with the entity's line, not when stored."""
    error = _error("<https://example.org/a%zz> <https://example.org/b> 1 .\n", "turtle")
    assert (error.line, error.column) == (1, 2)
    assert "‘https://example.org/a%zz’" in error.message and "not a valid IRI" in error.message


def test_an_undeclared_prefix_says_how_to_declare_it():
    error = _error(TURTLE_UNDECLARED_PREFIX_ON_LINE_2, "turtle")
    assert "the prefix foo: is not bound" in error.message
    assert "@prefix foo: <…> ." in error.message


def test_the_prefixes_of_a_turtle_addition_are_bound_on_its_graph():
    graph = _parse(TWO_TRIPLES.format("ex:c"), "turtle")
    assert ("ex", URIRef("https://example.org/")) in set(graph.namespaces())


def test_blank_nodes_are_one_per_label_in_an_addition_and_new_in_the_next():
    text = TWO_TRIPLES.format("_:b") + "_:b ex:c [ ex:d _:b ] .\n"
    first, second = _parse(text, "turtle"), _parse(text, "turtle")
    blank = set(first.objects(URIRef("https://example.org/a"), URIRef("https://example.org/b")))
    assert len(blank) == 1 and len(set(first.subjects())) == 3
    (node,) = blank
    assert (None, URIRef("https://example.org/d"), node) in first
    assert not set(first.all_nodes()) & set(second.all_nodes()) - {
        URIRef(f"https://example.org/{x}") for x in "abcd"
    }

"""SHACL Core compiled to SPARQL (rolemap.shacl_core) gives exactly pySHACL's results.

One tiny data graph and shape per compiled component, each with the edge cases that differ
between a naive translation and pySHACL: subclass targets, a focus node reached twice, literals
against IRIs, language tags, default messages, nested shapes. Every case checks that the shapes
are compiled (not left to pySHACL) and that run_fast and run_pyshacl give the same multiset of
Result.key(), which includes the message texts.
"""

import re
from collections import Counter

import pytest
from rdflib import Graph, Literal, URIRef

from rolemap.shacl_core import DEFAULT_MESSAGES, in_language, partition
from rolemap.validation import Result, run_fast, run_pyshacl

PREFIXES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://example.org/> .
"""
EX = "https://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

# name: (shapes, data)
CASES: dict[str, tuple[str, str]] = {
    "class_target_includes_subclasses_and_counts_a_node_once": (
        """ex:S a sh:NodeShape ; sh:targetClass ex:Animal ;
            sh:property [ sh:path ex:eats ; sh:class ex:Food ] .""",
        """ex:Dog rdfs:subClassOf ex:Animal . ex:Puppy rdfs:subClassOf ex:Dog .
        ex:rex a ex:Dog , ex:Animal , ex:Puppy ; ex:eats ex:bone , ex:stone , "meat" .
        ex:Bone rdfs:subClassOf ex:Food . ex:bone a ex:Bone .""",
    ),
    "class_with_two_classes_names_both": (
        """ex:S sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:class ex:B , ex:C ] .""",
        """ex:a a ex:A ; ex:p ex:b , ex:c , ex:bc . ex:b a ex:B . ex:c a ex:C .
        ex:bc a ex:B , ex:C .""",
    ),
    "min_and_max_count_have_no_value_and_name_the_focus": (
        """ex:S sh:targetClass ex:A ;
            sh:property [ sh:path ex:p ; sh:minCount 2 ; sh:maxCount 3 ] ,
                [ sh:path ex:q ; sh:minCount 1 ] , [ sh:path ex:r ; sh:maxCount 0 ] .""",
        """ex:none a ex:A ; ex:r ex:x . ex:one a ex:A ; ex:p 1 ; ex:q "x" .
        ex:four a ex:A ; ex:p 1 , 2 , "3" , ex:four ; ex:q ex:y .
        _:blank a ex:A ; ex:p 1 , 2 .""",
    ),
    "node_kind_on_iris_literals_and_blank_nodes": (
        """ex:S sh:targetSubjectsOf ex:p ;
            sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ] ,
                [ sh:path ex:p ; sh:nodeKind sh:Literal ; sh:severity sh:Warning ] ,
                [ sh:path ex:p ; sh:nodeKind sh:BlankNodeOrIRI ; sh:severity sh:Info ] .""",
        """ex:a ex:p ex:b , "b" , "c"@nl , 3 , [ ex:q 1 ] .""",
    ),
    "datatype_string_and_langstring_against_plain_tagged_and_typed": (
        """ex:S sh:targetObjectsOf ex:has ;
            sh:property [ sh:path ex:p ; sh:datatype xsd:string ] ,
                [ sh:path ex:p ; sh:datatype rdf:langString ] .""",
        """ex:x ex:has ex:a . ex:a ex:p "plain" , "typed"^^xsd:string , "tagged"@nl ,
            "Tagged"@EN-gb , 12 , ex:iri .""",
    ),
    "language_in_through_a_qualified_value_shape": (
        """ex:S sh:targetClass ex:A ;
            sh:property [ sh:path ex:label ;
                sh:qualifiedValueShape [ sh:languageIn ( "nl" ) ] ; sh:qualifiedMinCount 1 ] ,
                [ sh:path ex:label ; sh:languageIn ( "nl" "en" ) ] .""",
        """ex:dutch a ex:A ; ex:label "hallo"@nl . ex:regional a ex:A ; ex:label "hoi"@nl-BE .
        ex:english a ex:A ; ex:label "hello"@en , "plain" . ex:nothing a ex:A .
        ex:upper a ex:A ; ex:label "HOI"@NL , "salut"@fr .""",
    ),
    "qualified_max_count": (
        """ex:S sh:targetClass ex:A ; sh:property [ sh:path ex:p ;
            sh:qualifiedValueShape [ sh:class ex:B ] ; sh:qualifiedMaxCount 1 ] .""",
        """ex:one a ex:A ; ex:p ex:b1 , ex:c . ex:two a ex:A ; ex:p ex:b1 , ex:b2 .
        ex:b1 a ex:B . ex:b2 a ex:B .""",
    ),
    "unique_lang_gives_one_result_per_repeated_language": (
        """ex:S sh:targetClass ex:A ; sh:property [ sh:path ex:label ; sh:uniqueLang true ] .""",
        """ex:a a ex:A ; ex:label "a"@nl , "b"@nl , "c"@NL , "d"@en , "e"@en , "f"@fr , "g" , "h" .
        ex:fine a ex:A ; ex:label "a"@nl , "a"@en .""",
    ),
    "disjoint_with_several_properties_names_them_all": (
        """ex:S sh:targetClass ex:A ;
            sh:property [ sh:path ex:p ; sh:disjoint ex:q , ex:r ] ,
                [ sh:path ex:p ; sh:disjoint ex:q ; sh:severity sh:Warning ] .""",
        """ex:a a ex:A ; ex:p ex:x , "lit" , ex:y ; ex:q ex:x , "lit" ; ex:r ex:x , ex:y .""",
    ),
    "or_of_classes_and_of_datatypes": (
        """ex:S sh:targetClass ex:A ;
            sh:property [ sh:path ex:source ; sh:or ( [ sh:class ex:C ] [ sh:class ex:D ] ) ] ,
                [ sh:path ex:text ;
                  sh:or ( [ sh:datatype xsd:string ] [ sh:datatype rdf:langString ] ) ] .""",
        """ex:a a ex:A ; ex:source ex:c , ex:d , ex:e , "text" ; ex:text "x" , "y"@nl , 3 , ex:z .
        ex:c a ex:C . ex:d a ex:D . ex:E rdfs:subClassOf ex:D . ex:e2 a ex:E .
        ex:b a ex:A ; ex:source ex:e2 .""",
    ),
    "pattern_on_literals_iris_and_blank_nodes": (
        """ex:S sh:targetClass ex:A ; sh:property [ sh:path ex:id ;
            sh:pattern "^[a-z0-9]+(-[a-z0-9]+)*$" ] ,
            [ sh:path ex:id ; sh:pattern "X" ; sh:flags "i" ; sh:severity sh:Info ] .""",
        """ex:a a ex:A ; ex:id "good-id" , "Bad Id" , "x"@nl , 12 , ex:iri , [ ex:p 1 ] .""",
    ),
    "node_repeats_the_nested_results_once_per_pair": (
        """ex:Concept sh:targetClass ex:Concept ;
            sh:property [ sh:path ex:source ; sh:node ex:Doc ; sh:severity sh:Warning ;
                sh:nodeKind sh:BlankNodeOrIRI ] .
        ex:Doc a sh:NodeShape ; sh:targetObjectsOf ex:source ;
            sh:property [ sh:path ex:title ; sh:minCount 1 ; sh:severity sh:Info ] ,
                [ sh:path ex:title ; sh:datatype rdf:langString ; sh:severity sh:Warning ] .""",
        """ex:c1 a ex:Concept ; ex:source ex:doc , ex:titled , ex:untitled .
        ex:c2 a ex:Concept ; ex:source ex:doc . ex:other ex:source ex:doc .
        ex:titled ex:title "T"@nl . ex:untitled ex:title "T" .""",
    ),
    "messages_of_the_shape_replace_the_default_ones": (
        """ex:S sh:targetClass ex:A ; sh:severity sh:Warning ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ; sh:class ex:B ;
                sh:message "Ontbreekt of verkeerd"@nl , "Missing or wrong"@en ] .""",
        """ex:none a ex:A . ex:wrong a ex:A ; ex:p ex:x .""",
    ),
    "node_shape_constraints_apply_to_the_focus_itself": (
        """ex:S sh:targetClass ex:A ; sh:class ex:B ; sh:nodeKind sh:IRI ;
            sh:targetNode ex:lonely , "literal" .""",
        """ex:a a ex:A . ex:ab a ex:A , ex:B . _:blank a ex:A .""",
    ),
    "inverse_path": (
        """ex:S sh:targetClass ex:A ;
            sh:property [ sh:path [ sh:inversePath ex:partOf ] ;
                sh:minCount 1 ; sh:class ex:B ] .""",
        """ex:a a ex:A . ex:b a ex:A . ex:x ex:partOf ex:b .""",
    ),
    "literals_are_reported_as_written_not_as_the_store_keeps_them": (
        """ex:S sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:nodeKind sh:IRI ] ,
            [ sh:path ex:p ; sh:disjoint ex:q ] .""",
        """ex:a a ex:A ; ex:p "01"^^xsd:integer , "1.50"^^xsd:decimal , "Hoi"@NL-nl ,
            "t"^^xsd:string ; ex:q "01"^^xsd:integer .""",
    ),
}


def _graphs(case: str) -> tuple[Graph, Graph]:
    shapes_ttl, data_ttl = CASES[case]
    shapes = Graph().parse(data=PREFIXES + shapes_ttl, format="turtle")
    data = Graph().parse(data=PREFIXES + data_ttl, format="turtle")
    return shapes, data


def _keys(results: list[Result]) -> Counter:
    return Counter(result.key() for result in results)


@pytest.mark.parametrize("case", sorted(CASES))
def test_compiled_shapes_give_pyshacls_results(case: str) -> None:
    shapes, data = _graphs(case)
    assert partition(shapes, data)[1] == [], "the case must run compiled, not on pySHACL"
    reference = _keys(run_pyshacl(data, shapes))
    assert reference, "no result: the comparison would prove nothing"
    fast = _keys(run_fast(data, shapes))
    assert {"fast path": fast - reference, "pySHACL": reference - fast} == {
        "fast path": Counter(),
        "pySHACL": Counter(),
    }


def test_a_node_reached_by_several_type_paths_is_checked_once() -> None:
    shapes, data = _graphs("class_target_includes_subclasses_and_counts_a_node_once")
    values = sorted(str(r.value) for r in run_fast(data, shapes))
    assert values == [f"{EX}stone", "meat"]


def test_default_messages_are_pyshacls_texts() -> None:
    shapes, data = _graphs("min_and_max_count_have_no_value_and_name_the_focus")
    texts = {text for r in run_fast(data, shapes) for _, text in r.messages}
    assert "Less than 2 values on ex:none->ex:p" in texts
    assert "More than 3 values on ex:four->ex:p" in texts
    assert all(r.value is None for r in run_fast(data, shapes))


def test_nested_node_results_count_once_per_focus_and_value() -> None:
    shapes, data = _graphs("node_repeats_the_nested_results_once_per_pair")
    found = Counter((r.check, r.focus) for r in run_fast(data, shapes))
    title = next(
        r.check for r in run_fast(data, shapes) if r.severity == "Info"
    )  # the blank property shape with sh:minCount
    # ex:doc: its own target, and a detail for each of ex:c1 and ex:c2 (not ex:other)
    assert found[(title, URIRef(f"{EX}doc"))] == 3


def test_literal_values_keep_their_language_tag_case_and_lexical_form() -> None:
    shapes, data = _graphs("literals_are_reported_as_written_not_as_the_store_keeps_them")
    values = {r.value for r in run_fast(data, shapes)}
    # Oxigraph keeps these as "hoi"@nl-nl, "1.5"^^xsd:decimal and a plain "t"
    assert Literal("Hoi", lang="NL-nl") in values
    assert Literal("1.50", datatype=URIRef(f"{XSD}decimal")) in values
    assert Literal("t", datatype=URIRef(f"{XSD}string")) in values


def test_an_unsupported_constraint_leaves_just_its_shape_to_pyshacl() -> None:
    shapes = Graph().parse(
        data=PREFIXES
        + """ex:In sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:in ( ex:x ) ] .
        ex:Min sh:targetClass ex:A ; sh:property [ sh:path ex:p ; sh:minCount 3 ] .""",
        format="turtle",
    )
    data = Graph().parse(data=PREFIXES + "ex:a a ex:A ; ex:p ex:y .", format="turtle")
    queries, fallback = partition(shapes, data)
    assert fallback == [URIRef(f"{EX}In")]
    assert queries
    assert _keys(run_fast(data, shapes)) == _keys(run_pyshacl(data, shapes))


def test_default_messages_read_in_dutch_for_a_dutch_report() -> None:
    """pySHACL writes its default messages in English only: each compiled component's reads
    in Dutch, and stays pySHACL's own text in English."""
    shapes, data = _graphs("min_and_max_count_have_no_value_and_name_the_focus")
    texts = {text for r in run_fast(data, shapes) for _, text in r.messages}
    dutch = {in_language(text, "nl") for text in texts}
    assert "Minder dan 2 waarden bij ex:none->ex:p" in dutch
    assert "Meer dan 3 waarden bij ex:four->ex:p" in dutch
    assert {in_language(text, "en") for text in texts} == texts


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_default_message_of_the_cases_has_a_dutch_form(case: str) -> None:
    shapes, data = _graphs(case)
    defaults = {text for r in run_fast(data, shapes) for lang, text in r.messages if not lang}
    assert [text for text in defaults if in_language(text, "nl") == text] == []


@pytest.mark.parametrize("key", sorted(DEFAULT_MESSAGES))
def test_each_default_message_template_reads_back_into_dutch(key: str) -> None:
    """Also the forms no case above produces (several sh:node or sh:pattern values …)."""
    texts = DEFAULT_MESSAGES[key]
    values = {name: f"<{name}>" for name in re.findall(r"\{(\w+)\}", texts["en"])}
    assert in_language(texts["en"].format(**values), "nl") == texts["nl"].format(**values)

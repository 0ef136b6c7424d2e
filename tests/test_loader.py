from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from rolemap.errors import DataFileError
from rolemap.loader import load, parse_turtle, read_turtle
from rolemap.stats import counts

FIXTURES = Path(__file__).parent / "fixtures"


def test_overvecht_graph_holds_every_kind(overvecht):
    found = counts(overvecht.graph)
    empty = [kind for kind, number in found.items() if number == 0]
    assert empty == []


def test_syntax_error_names_file_line_and_column(write_ttl):
    path = write_ttl('@prefix ex: <http://ex/> .\nex:a ex:b ex:c .\nex:d ex:e "open .\n')
    with pytest.raises(DataFileError) as caught:
        parse_turtle(path)
    assert (caught.value.path, caught.value.line) == (path, 3)
    assert caught.value.column is not None
    assert f"{path}:3:" in str(caught.value)


def test_missing_statement_end_is_reported_on_the_next_line(write_ttl):
    path = write_ttl("@prefix ex: <http://ex/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n")
    with pytest.raises(DataFileError) as caught:
        parse_turtle(path)
    assert caught.value.line == 3


def test_undeclared_prefix_is_a_syntax_error_with_a_line(write_ttl):
    path = write_ttl("<http://ex/a> <http://ex/b> <http://ex/c> .\n\nnope:a nope:b nope:c .\n")
    with pytest.raises(DataFileError) as caught:
        parse_turtle(path)
    assert caught.value.line == 3
    assert "nope" in str(caught.value)


def test_file_that_is_not_utf8_is_reported_with_its_line(write_ttl, tmp_path):
    path = tmp_path / "latin1.ttl"
    path.write_bytes(
        '<http://ex/a> <http://ex/b> "ok" .\n<http://ex/a> <http://ex/b> "é" .\n'.encode("latin-1")
    )
    with pytest.raises(DataFileError) as caught:
        parse_turtle(path)
    assert caught.value.line == 2
    assert "UTF-8" in str(caught.value)


def test_data_folder_without_turtle_is_refused(tmp_path):
    with pytest.raises(DataFileError, match=r"holds no \.ttl files"):
        load(tmp_path)


def test_missing_data_folder_is_refused(tmp_path):
    with pytest.raises(DataFileError, match="is not a folder"):
        load(tmp_path / "absent")


def test_another_data_set_loads_with_the_ontology():
    kg = load(FIXTURES / "new_organisation")
    found = counts(kg.graph)
    assert (found["organisations"], found["tasks"], found["senses"]) == (1, 1, 1)
    assert kg.stated_in  # every subject remembers its file, for error messages


def test_turtle_the_parser_fails_on_without_a_syntax_error_is_still_named(write_ttl):
    path = write_ttl('<a> <b> """x')  # rdflib raises an AssertionError here, not BadSyntax
    with pytest.raises(DataFileError, match=r"data\.ttl: Turtle the parser cannot read"):
        parse_turtle(path)


# --- read_turtle: Oxigraph's parser, rdflib's terms (additions are read with it) --------------


def _read(text: str) -> set:
    return set(read_turtle(text, Path("x.ttl"), "file:///data/x.ttl"))


def test_read_turtle_names_the_line_and_column_of_a_syntax_error():
    with pytest.raises(DataFileError) as caught:
        _read("@prefix ex: <http://ex/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .\n")
    error = caught.value
    assert (error.path, error.line, error.column) == (Path("x.ttl"), 3, 1)
    assert error.message == "Turtle syntax error: a dot is expected at the end of statements"


def test_read_turtle_resolves_relative_iris_against_the_base_and_base_directives():
    found = _read("<a> <b> <#c> .\n@base <http://ex/d/> .\n<e> <f> <../g> .")
    assert found == {
        (URIRef("file:///data/a"), URIRef("file:///data/b"), URIRef("file:///data/x.ttl#c")),
        (URIRef("http://ex/d/e"), URIRef("http://ex/d/f"), URIRef("http://ex/g")),
    }


def test_read_turtle_gives_the_literals_rdflib_gives():
    """A plain or xsd:string text as a plain literal (as read back from the store), numbers
    and booleans typed, a language tag in lower case, a lexical form as written."""
    found = _read(
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n<http://ex/a> <http://ex/b> "
        '"x", "y"^^xsd:string, 1, 1.5, true, "2024"^^xsd:gYear, "01"^^xsd:integer, "z"@EN .'
    )
    assert {o for _, _, o in found} == {
        Literal("x"),
        Literal("y"),
        Literal("1", datatype=XSD.integer),
        Literal("1.5", datatype=XSD.decimal),
        Literal("true", datatype=XSD.boolean),
        Literal("2024", datatype=XSD.gYear),
        Literal("01", datatype=XSD.integer),
        Literal("z", lang="en"),
    }


def test_read_turtle_gives_each_blank_node_label_one_node_new_in_each_document():
    text = "_:b <http://ex/p> _:b , [] ."
    first, second = _read(text), _read(text)
    assert {type(term) for triple in first for term in triple[::2]} == {BNode}
    assert len({triple[0] for triple in first}) == 1 and len(first) == 2
    assert not {triple[0] for triple in first} & {triple[0] for triple in second}

"""Knowledge lives in data: no organisation or term of the data set is named in code or pages."""

from pathlib import Path

from rdflib.namespace import DCTERMS, ORG, SKOS

from rolemap.namespaces import RM
from rolemap.stats import instances
from rolemap.text import normalise

ROOT = Path(__file__).parents[1]


CODE_SUFFIXES = {".py", ".html", ".js", ".css"}


def _code_text() -> str:
    files = sorted(
        path
        for folder in ("src", "api")
        for path in (ROOT / folder).rglob("*")
        if path.suffix in CODE_SUFFIXES
    )
    assert any(path.suffix == ".html" for path in files), "page templates are checked too"
    return " " + " ".join(normalise(path.read_text(encoding="utf-8")) for path in files) + " "


def _names_in_data(graph) -> set[str]:
    names = set()
    for node in instances(graph, ORG.Organization):
        names |= {str(value) for value in graph.objects(node, DCTERMS.identifier)}
        names |= {str(value) for value in graph.objects(node, SKOS.prefLabel)}
    for node in instances(graph, RM.Sense):
        names |= {str(value) for value in graph.objects(node, SKOS.prefLabel)}
    return {normalise(name) for name in names} - {""}


# The product's own concepts that happen to be terms of the data too: the grey area is the flag
# "who picks this up?" answers with (issue 5's grey_area), and also a research term in the data.
PRODUCT_CONCEPTS = {"grey area", "grijs gebied"}


def test_no_organisation_or_term_is_named_in_src_or_api(overvecht):
    code = _code_text()
    names = _names_in_data(overvecht.graph) - PRODUCT_CONCEPTS
    assert len(names) > 20, "the data set should name organisations and terms"
    assert sorted(name for name in names if f" {name} " in code) == []

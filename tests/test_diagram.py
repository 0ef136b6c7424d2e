from pathlib import Path

from rolemap.diagram import ontology_graph, to_dot

DOCS = Path(__file__).parents[1] / "docs"


def test_committed_diagram_matches_the_ontology():
    committed = (DOCS / "model.dot").read_text(encoding="utf-8")
    assert committed == to_dot(ontology_graph()), "run `make diagram` and commit docs/model.*"


def test_diagram_draws_relations_between_main_classes():
    dot = to_dot(ontology_graph())
    assert '"rm:Task" -> "org:Post" [label="performed by"]' in dot
    assert '"rm:Sense" -> "rm:Connotation"' in dot

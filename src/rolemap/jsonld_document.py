"""A YAML-LD or JSON-LD addition turned into RDF. The data is laid out as a JSON-LD document
under rolemap's context (`ontology/context.jsonld`), checked entity by entity, and handed to
rdflib's JSON-LD parser, which does the conversion.

The friendly layout, in YAML or JSON:

    prefixes: {ex: https://example.org/brug/}     # optional; rolemap's prefixes are always there
    entities:
      - id: orgs:buurtwerk-de-brug
        type: FormalOrganization
        prefLabel: {nl: Buurtwerk De Brug}

A top-level list is the entities alone; any other JSON-LD document is read as JSON-LD, with
rolemap's context applied before its own.
"""

import json
from collections.abc import Iterator
from typing import Any

from rdflib import Graph, URIRef

from rolemap.jsonld_context import CONTEXT_IRI, Context, shipped
from rolemap.jsonld_definitions import declare_prefix, did_you_mean
from rolemap.jsonld_entities import EntityCheck
from rolemap.marked_data import Marks, read_json, read_yaml
from rolemap.namespaces import PREFIXES


def read_linked_data(
    marks: Marks, text: str, yaml_syntax: bool, base: str
) -> tuple[Graph, dict[URIRef, int]]:
    """The graph of a YAML (`yaml_syntax`) or JSON addition, and the line of each subject."""
    data = read_yaml(marks, text) if yaml_syntax else read_json(marks, text)
    check = EntityCheck(marks)
    document, context = _document(check, data)
    _inline_shipped_contexts(document)
    graph = _to_graph(marks, document, context, base)
    subjects = set(graph.subjects())
    lines = {
        URIRef(iri): line for iri, line in check.subject_lines.items() if URIRef(iri) in subjects
    }
    return graph, lines


def _to_graph(marks: Marks, document: dict[str, Any], context: Context, base: str) -> Graph:
    parsed = Graph()
    try:
        parsed.parse(data=json.dumps(document), format="json-ld", publicID=base)
    except Exception as exc:  # rdflib's JSON-LD errors share no base class
        marks.fail(f"is not valid JSON-LD ({exc})")
    graph = Graph()  # without the bindings rdflib makes of every context term
    for prefix, namespace in {**PREFIXES, **context.prefixes}.items():
        graph.bind(prefix, namespace)
    graph += parsed
    return graph


def _document(check: EntityCheck, data: Any) -> tuple[dict[str, Any], Context]:
    """The JSON-LD document for rdflib, after checking every key and reference."""
    model = shipped()
    if isinstance(data, list):
        check.nodes(data, (), model.context)
        return {"@context": model.raw, "@graph": data}, model.context
    if not isinstance(data, dict):
        check.marks.fail(
            "must be a mapping (prefixes:, entities:) or a list of entities at the top",
            at=(),
            hint="Start with `entities:` and list the entities under it (see the README).",
        )
    if "entities" in data or "prefixes" in data:
        return _layout(check, data)
    document = dict(data)
    own = data.get("@context")
    context = check.node(data, (), model.context)
    contexts = own if isinstance(own, list) else [own] if own is not None else []
    document["@context"] = [model.raw, *(c for c in contexts if c != CONTEXT_IRI)]
    return document, context


def _layout(check: EntityCheck, data: dict[str, Any]) -> tuple[dict[str, Any], Context]:
    """The friendly layout: `prefixes:` and `entities:`, nothing else at the top."""
    marks, model = check.marks, shipped()
    for key in data:
        if key not in ("prefixes", "entities"):
            marks.fail(
                f"has the top-level key ‘{key}’"
                + did_you_mean(key, ["prefixes", "entities"], "keys"),
                at=(key,),
                key=True,
                hint="At the top stand only prefixes: and entities:; entity keys go "
                "inside an entity under entities:.",
            )
    prefixes = data.get("prefixes") or {}
    if not isinstance(prefixes, dict):
        marks.fail(
            "prefixes: must map prefix names to namespaces",
            at=("prefixes",),
            hint="Write `prefixes: {ex: https://example.org/brug/}`.",
        )
    context = model.context.copy()
    for name, namespace in prefixes.items():
        declare_prefix(marks, context, name, namespace, ("prefixes", name))
    entities = data.get("entities") or []
    if not isinstance(entities, list):
        marks.fail(
            "entities: must be a list of entities",
            at=("entities",),
            hint="Write each entity as a list item: `- id: orgs:…`.",
        )
    check.nodes(entities, ("entities",), context)
    local = [model.raw, prefixes] if prefixes else model.raw
    return {"@context": local, "@graph": entities}, context


def _inline_shipped_contexts(document: Any) -> None:
    """Replace rolemap's context IRI wherever a nested @context names it by the local copy, so
    rdflib never fetches it. (The top-level one is already resolved; others were refused.)"""
    for node in _dicts(document):
        own = node.get("@context")
        if own == CONTEXT_IRI:
            node["@context"] = shipped().raw
        elif isinstance(own, list):
            node["@context"] = [shipped().raw if c == CONTEXT_IRI else c for c in own]


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for key, item in value.items():
            if key != "@context":
                yield from _dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dicts(item)

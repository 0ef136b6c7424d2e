"""pyoxigraph terms as rdflib terms and back: the store speaks one, the indexes are built on the
other. Oxigraph checks what RDF allows, rdflib does not (it keeps an IRI with a space or a '>'
and writes it out as it is), so a term that cannot be converted to Oxigraph cannot be stored."""

import re
from collections.abc import Callable
from typing import Any

import pyoxigraph
from rdflib import BNode, Literal, Node, URIRef
from rdflib.namespace import XSD

from rolemap.text import lone_surrogate

OxigraphTerm = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal

_STRING = str(XSD.string)
# What an IRI cannot hold (the IRIREF of N-Triples and SPARQL, and control characters): looked
# for before Oxigraph's own check, so that a message names the character in words.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f-\x9f]')


def to_rdflib(term: OxigraphTerm) -> Node:
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _STRING:  # a plain literal, as rdflib and pySHACL keep it
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def to_oxigraph(term: Node) -> OxigraphTerm:
    """The term as Oxigraph has it; ValueError, saying why, when RDF does not allow it."""
    try:
        return _CONVERT.get(type(term), _by_kind)(term)
    except ValueError:
        raise ValueError(_fault(term)) from None


def to_oxigraph_triple(triple: tuple[Node, Node, Node]) -> pyoxigraph.Triple:
    """The triple as Oxigraph has it, or ValueError as to_oxigraph. (Inline: it runs once per
    triple of a data set written to the store.)"""
    s, p, o = triple
    try:
        return pyoxigraph.Triple(
            _CONVERT.get(type(s), _by_kind)(s),
            _CONVERT.get(type(p), _by_kind)(p),
            _CONVERT.get(type(o), _by_kind)(o),
        )
    except ValueError:
        for term in triple:
            to_oxigraph(term)  # raises, naming the term
        raise


def _literal(term: Literal) -> pyoxigraph.Literal:
    if term.language:
        return pyoxigraph.Literal(str(term), language=term.language)
    if term.datatype is not None:
        return pyoxigraph.Literal(str(term), datatype=pyoxigraph.NamedNode(term.datatype))
    return pyoxigraph.Literal(str(term))


def _by_kind(term: Node) -> OxigraphTerm:
    """A subclass of an rdflib term (a skolem IRI, say), or no term."""
    for kind, convert in _CONVERT.items():
        if isinstance(term, kind):
            return convert(term)
    raise ValueError(f"{term!r} is no IRI, blank node or literal")


_CONVERT: dict[type, Callable[[Any], OxigraphTerm]] = {
    URIRef: pyoxigraph.NamedNode,
    BNode: pyoxigraph.BlankNode,
    Literal: _literal,
}


def _fault(term: Node) -> str:
    """What Oxigraph refused in `term`, in words (its own reasons name no term)."""
    if isinstance(term, BNode):
        return f"the blank node ‘_:{term[:200]}’ {blank_node_fault(term)}"
    iri = term.datatype if isinstance(term, Literal) else term
    if isinstance(iri, URIRef) and (fault := iri_fault(iri)):
        return f"the IRI ‘{iri[:200]}’ {fault}"
    if isinstance(term, Literal) and (half := lone_surrogate(term)):
        return f"the text holds {character(half)}"
    if isinstance(term, Literal) and term.language:
        return f"the language tag ‘{term.language}’ is not one"
    return f"{term!r} is no IRI, blank node or literal"


def iri_fault(iri: str) -> str | None:
    """Why `iri` is no IRI the store can hold ("holds a space"), or None when it is one."""
    found = _NOT_IN_IRI.search(iri)
    half = found.group() if found else lone_surrogate(iri)
    if half:
        return f"holds {character(half)}"
    try:
        pyoxigraph.NamedNode(iri)
    except ValueError as error:
        return f"is not a valid IRI ({error})"
    return None


def blank_node_fault(identifier: str) -> str | None:
    """Why `identifier` is no blank node id the store can hold, or None when it is one."""
    try:
        pyoxigraph.BlankNode(identifier)
    except ValueError:
        return "holds other characters than letters, digits, _, - and ."
    return None


def character(char: str) -> str:
    """One character as a message names it: ‘>’, a space, U+0001."""
    if char == " ":
        return "a space"
    if lone_surrogate(char):
        return f"U+{ord(char):04X}, half of a UTF-16 pair with no character of its own"
    return f"‘{char}’" if char.isprintable() else f"the control character U+{ord(char):04X}"

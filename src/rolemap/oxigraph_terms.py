"""pyoxigraph terms as rdflib terms: the store speaks one, the indexes are built on the other."""

import pyoxigraph
from rdflib import BNode, Literal, Node, URIRef
from rdflib.namespace import XSD

_STRING = str(XSD.string)


def to_rdflib(term: pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal) -> Node:
    if isinstance(term, pyoxigraph.NamedNode):
        return URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype.value == _STRING:  # a plain literal, as rdflib and pySHACL keep it
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))

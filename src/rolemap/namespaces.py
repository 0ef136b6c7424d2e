"""RDF namespaces used by rolemap's code; the vocabulary itself lives in ontology/."""

from rdflib import Namespace
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

RM = Namespace("https://w3id.org/rolemap/def#")
RMV = Namespace("https://w3id.org/rolemap/vocab/")
OA = Namespace("http://www.w3.org/ns/oa#")

PREFIXES = {
    "rm": RM,
    "rmv": RMV,
    "oa": OA,
    "org": ORG,
    "skos": SKOS,
    "prov": PROV,
    "dct": DCTERMS,
    "foaf": FOAF,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

"""RDF namespaces. ``EGOV`` is checked against ``ontology/egov.ttl`` by the tests, and a typo
in a term raises (``_fail = True``), so no IRI is ever written as a string in code."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from egovkg.ids import ID_BASE

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
ID = Namespace(ID_BASE)


class EGOV(DefinedNamespace):
    """The egovkg ontology (``https://w3id.org/egovkg/ontology#``)."""

    _fail = True
    _NS = Namespace("https://w3id.org/egovkg/ontology#")

    # classes
    Municipality: URIRef
    District: URIRef
    Region: URIRef
    State: URIRef
    Country: URIRef
    Ministry: URIRef
    PublicAuthority: URIRef
    Organization: URIRef
    Person: URIRef
    Programme: URIRef
    Document: URIRef
    Funding: URIRef
    Evidence: URIRef
    # relations between entities
    memberOf: URIRef
    heads: URIRef
    worksFor: URIRef
    funds: URIRef
    runs: URIRef
    participatesIn: URIRef
    supports: URIRef
    cooperatesWith: URIRef
    locatedIn: URIRef
    # entity, document, funding and evidence properties
    mentionedIn: URIRef
    ags: URIRef
    sha256: URIRef
    documentKind: URIRef
    partOfPage: URIRef
    funder: URIRef
    recipient: URIRef
    programme: URIRef
    amount: URIRef
    amountText: URIRef
    approximate: URIRef
    role: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractor: URIRef
    confidence: URIRef
    hasEvidence: URIRef  # Funding -> the Evidence it was read from


PREFIXES: dict[str, Namespace | str] = {
    "egov": str(EGOV._NS),
    "id": ID_BASE,
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "prov": str(PROV),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
}
"""Prefixes predeclared for SPARQL queries and bound in every serialisation."""

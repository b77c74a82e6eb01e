"""The RDF graph, its NetworkX view, queries and exports (``egovkg.graph``)."""

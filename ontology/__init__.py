"""Data only: the ontology, SHACL shapes and reference lists (``egovkg.ontology``)."""

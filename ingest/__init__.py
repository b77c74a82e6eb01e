"""Reading, cleaning, entity recognition and fact extraction (``egovkg.ingest``)."""

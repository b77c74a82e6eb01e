# egovkg: two commands do all the set-up on a fresh clone: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test install bench bytecode clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP) bytecode

# The editable install leaves our modules uncompiled, and where PYTHONDONTWRITEBYTECODE is set
# Python never caches them: each run would compile ~90 files again (~0.1 s of start-up).
# compileall only rewrites what changed.
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q egovkg ingest graph ontology

demo: $(STAMP) bytecode
	$(BIN)/egovkg build examples/corpus --out exports

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 tests

# The issue-7 benchmark: a generated corpus (../shared/bench/make_corpus.py, made once), five
# fresh builds each followed by a bare-tokeniser run, medians printed.
BENCH_DOCS ?= 2000
BENCH_DIR  ?= /tmp/egovkg-bench-$(BENCH_DOCS)
bench: $(STAMP) bytecode
	test -d $(BENCH_DIR) || $(BIN)/python ../shared/bench/make_corpus.py $(BENCH_DIR) --docs $(BENCH_DOCS)
	$(BIN)/python benchmarks/build.py $(BENCH_DIR) --repeat 5

clean:
	rm -rf $(VENV) exports/graph.* .pytest_cache

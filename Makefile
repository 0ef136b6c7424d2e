# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test lint check diagram clean

$(BIN)/rolemap: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.test-deps: $(BIN)/rolemap
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

run: $(BIN)/rolemap  ## serve the embedded Overvecht graph on http://127.0.0.1:8000
	$(BIN)/rolemap serve

test: $(VENV)/.test-deps  ## lint, then the whole test suite
	$(BIN)/ruff check src api tests benchmarks
	$(BIN)/ruff format --check src api tests benchmarks
	$(BIN)/pytest

check: $(BIN)/rolemap  ## parse, reason and count the Overvecht graph
	$(BIN)/rolemap check

diagram: $(BIN)/rolemap  ## redraw the model picture in docs/ (needs Graphviz)
	$(BIN)/rolemap diagram docs/model.dot
	$(BIN)/rolemap diagram docs/model.svg

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

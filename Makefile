# Everything runs in .venv, created from the project's own files with the machine's python3.11.
# editable_mode=compat puts the source on sys.path with a .pth file: no import-hook finder at every start.
# compileall caches the bytecode an editable install does not, so a command starts as fast where
# PYTHONDONTWRITEBYTECODE is set as elsewhere (bench compiles again for edited sources).
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test db bench bench-scale clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) on PATH (or make PYTHON=/path/to/python3.11)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q smbstar
	touch $(STAMP)

## demo: build the embedded database and run the main job
demo: $(STAMP)
	$(BIN)/smbstar db build
	$(BIN)/smbstar tech list
	$(BIN)/smbstar search 배터리

## test: the test suite on the real documents
test: $(STAMP)
	$(BIN)/python -m pytest -q

## db: (re)build the embedded default database at db/smbstar.db
db: $(STAMP)
	$(BIN)/smbstar db build

## bench: build time, start-up and query timings, then the scale benchmark at SIZES (default 10x and 100x)
SIZES ?= 10 100
bench: $(STAMP)
	$(BIN)/python -m compileall -q smbstar
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/scale.py --sizes $(SIZES)

## bench-scale: the scale benchmark alone (bench/scale-<sizes>.md); full run: make bench-scale SIZES="1 10 100 1000"
bench-scale: $(STAMP)
	$(BIN)/python bench/scale.py --sizes $(SIZES)

clean:
	rm -rf $(VENV) db/*.db

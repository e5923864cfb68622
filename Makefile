# pmg-analysis — two commands do everything: `make report` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PMG_CBS_DIR ?= $(if $(wildcard ../shared/reference/cbs-83553NED),$(abspath ../shared/reference),)

EXAMPLE := data/raw/pmg_enquete_2017_synthetisch.xlsx

.PHONY: setup report test lab bench lint notebooks processed clean-outputs

setup: $(STAMP)

# Create the virtual environment when it is missing and (re)install when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

# make report INPUT=pad/naar/export.xlsx  (zonder INPUT: de voorbeelddata)
INPUT ?= $(EXAMPLE)
report: $(STAMP)
	$(BIN)/pmg-analysis report "$(INPUT)"

# The notebooks read data/processed/, which is rebuilt from the bundled example first.
processed: $(STAMP)
	$(BIN)/pmg-analysis clean $(EXAMPLE) > /dev/null

test: processed
	$(BIN)/ruff check src tests notebooks
	$(BIN)/python -m pytest

# Re-execute the notebooks and save them with outputs (after a deliberate change).
notebooks: processed
	$(BIN)/pmg-analysis notebooks

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

bench: $(STAMP)
	$(BIN)/pmg-analysis bench

lint: $(STAMP)
	$(BIN)/ruff check src tests

clean-outputs:
	rm -rf data/processed/*.parquet data/processed/*.json data/processed/*.csv data/processed/*.xlsx reports/*.html reports/gemeenten

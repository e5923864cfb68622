# pmg-analysis — two commands do everything: `make report` and `make test`.
# `make` on its own lists the verbs: every target with a `## ` comment above it.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PMG_CBS_DIR ?= $(if $(wildcard ../shared/reference/cbs-83553NED),$(abspath ../shared/reference),)

EXAMPLE := data/raw/pmg_enquete_2017_synthetisch.xlsx
LINTED := src tests notebooks

.DEFAULT_GOAL := help
.PHONY: help setup report test test-fast lab bench lint notebooks processed clean-outputs embeddings

## toon deze lijst met commando's
help:
	@awk '/^## /{doc=substr($$0,4); next} /^[a-zA-Z_-]+:/{if(doc!=""){split($$1,t,":"); printf "  make %-14s %s\n", t[1], doc}; doc=""; next} {doc=""}' $(MAKEFILE_LIST)

## maak de virtuele omgeving .venv/ en installeer het pakket (gebeurt ook vanzelf)
setup: $(STAMP)

# Create the virtual environment when it is missing and (re)install when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

INPUT ?= $(EXAMPLE)
INSTELLINGEN ?=
VORIGE ?=
VRAGENLIJST ?=
VRAGENLIJST_VORIGE ?=
## draai de hele keten op een export en schrijf reports/: make report INPUT=pad/naar/export.xlsx [INSTELLINGEN=instellingen.yaml] [VORIGE=oud.csv] (zonder INPUT: de voorbeelddata; haalt zo nodig CBS-gegevens op; VORIGE vergelijkt met de vorige ronde)
report: $(STAMP)
	$(BIN)/pmg-analysis report "$(INPUT)" $(if $(INSTELLINGEN),--instellingen "$(INSTELLINGEN)") $(if $(VORIGE),--vorige "$(VORIGE)") $(if $(VRAGENLIJST),--vragenlijst $(VRAGENLIJST)) $(if $(VRAGENLIJST_VORIGE),--vragenlijst-vorige $(VRAGENLIJST_VORIGE))

## bouw data/processed/ opnieuw uit de meegeleverde voorbeeldexport (tabellen en analyseresultaten)
processed: $(STAMP)
	$(BIN)/pmg-analysis clean $(EXAMPLE) > /dev/null
	$(BIN)/pmg-analysis analyse > /dev/null

# `make test` spreads the tests over the cores (pytest-xdist, at most 4 workers: each builds the
# example's tables once); a file's tests and a notebook's cells stay together on one worker (nbval
# runs cells in order). TESTJOBS=0 runs everything in this one process.
TESTJOBS ?= auto
## ruff en alle tests, ook het opnieuw uitvoeren van de notebooks (nbval); laat data/processed en reports/ ongemoeid
test: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/python -m pytest -n $(TESTJOBS) --maxprocesses=4 --dist loadfile

## snelle tests voor tussendoor: ruff en de unittests, zonder notebooks, browser en hele ketens
test-fast: $(STAMP)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/python -m pytest tests src -m "not slow" -q

## voer de notebooks opnieuw uit en sla ze op met uitvoer (na een bewuste wijziging)
notebooks: processed
	$(BIN)/pmg-analysis notebooks

## JupyterLab op de notebooks
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

## meet snelheid en geheugen (1.000.000 antwoorden opschonen naast een kale pyarrow-inleesactie; de hele keten op het voorbeeld en op 388 gemeenten)
bench: $(STAMP)
	$(BIN)/pmg-analysis bench

## bereken de meegeleverde vectoren van de referentieteksten opnieuw (na een wijziging van de seeds of de voorbeelddata)
embeddings: $(STAMP)
	$(BIN)/pmg-analysis embeddings

## alleen ruff, op dezelfde mappen als make test
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)

## verwijder de verwerkte tabellen en de rapporten
clean-outputs:
	rm -rf data/processed/*.parquet data/processed/*.json data/processed/*.csv data/processed/*.xlsx reports/*.html reports/gemeenten

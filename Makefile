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
.PHONY: help setup report test lab bench lint notebooks processed clean-outputs

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
## draai de hele keten op een export en schrijf reports/: make report INPUT=pad/naar/export.xlsx (zonder INPUT: de voorbeelddata; haalt zo nodig CBS-gegevens op)
report: $(STAMP)
	$(BIN)/pmg-analysis report "$(INPUT)"

## bouw data/processed/ opnieuw uit de meegeleverde voorbeeldexport
processed: $(STAMP)
	$(BIN)/pmg-analysis clean $(EXAMPLE) > /dev/null

## ruff en alle tests, ook het opnieuw uitvoeren van de notebooks (nbval)
test: processed
	$(BIN)/ruff check $(LINTED)
	$(BIN)/python -m pytest

## voer de notebooks opnieuw uit en sla ze op met uitvoer (na een bewuste wijziging)
notebooks: processed
	$(BIN)/pmg-analysis notebooks

## JupyterLab op de notebooks
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

## meet snelheid en geheugen (1.000.000 antwoorden opschonen naast een kale pyarrow-inleesactie; de hele keten op het voorbeeld en op 388 gemeenten)
bench: $(STAMP)
	$(BIN)/pmg-analysis bench

## alleen ruff, op dezelfde mappen als make test
lint: $(STAMP)
	$(BIN)/ruff check $(LINTED)

## verwijder de verwerkte tabellen en de rapporten
clean-outputs:
	rm -rf data/processed/*.parquet data/processed/*.json data/processed/*.csv data/processed/*.xlsx reports/*.html reports/gemeenten

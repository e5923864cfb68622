"""The catalog: every data set declared once, and the only place that spells a file name."""

from __future__ import annotations

import re

import pandas as pd

from conftest import ROOT
from pmg_analysis import catalog
from pmg_analysis.clean import clean_export
from pmg_analysis.io import read_export
from pmg_analysis.pipeline import EXAMPLE_EXPORT, load_processed, write_clean_outputs

SRC = ROOT / "src" / "pmg_analysis"
# Modules still spelling a catalog file name themselves (none left: every module asks the
# catalog). Add an entry only for a module a branch is rewriting at the same time; the test fails
# when a listed module no longer needs it.
NOT_YET: dict[str, set[str]] = {}


def test_every_data_set_has_one_name_and_a_table_is_named_like_its_file():
    assert len({(d.folder, d.file) for d in catalog.DATASETS.values()}) == len(catalog.DATASETS)
    for table in catalog.CLEAN_TABLES + (catalog.GEMEENTEN, catalog.BUREN, catalog.QUARANTINE):
        assert table.file == f"{table.name}.{table.format}"


def test_no_module_outside_the_catalog_spells_a_file_name_of_the_catalog():
    names = {catalog.DATASETS[n].file.rsplit("/", 1)[-1] for n in catalog.DATASETS
             if "{" not in catalog.DATASETS[n].file}
    found: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel == "catalog.py" or rel.startswith("example/"):
            continue
        code = path.read_text("utf-8")
        spelled = {n for n in names if re.search(rf"[\"'/]{re.escape(n)}[\"']", code)}
        if spelled:
            found[rel] = spelled
    assert found == NOT_YET


def test_a_clean_run_writes_the_catalog_files_and_they_pass_their_schemas(tmp_path):
    result = clean_export(read_export(EXAMPLE_EXPORT))
    written = write_clean_outputs(result, tmp_path)
    expected = [catalog.DATASETS[d.name].path(tmp_path) for d in catalog.CLEAN_TABLES] + [
        catalog.QUARANTINE.path(tmp_path), catalog.CLEAN_WORKBOOK.path(tmp_path),
        catalog.MANIFEST.path(tmp_path)]
    assert sorted(written) == sorted(expected)
    tables = load_processed(tmp_path)
    for dataset in catalog.CLEAN_TABLES:
        schema = dataset.load_schema()
        if schema is not None:
            assert isinstance(schema.validate(tables[dataset.name]), pd.DataFrame)
    assert set(tables) == {d.name for d in catalog.CLEAN_TABLES} | {"quarantine"}


def test_a_stored_comparison_of_two_rounds_writes_and_reads_exactly_the_catalog_files(tmp_path):
    from pmg_analysis.rounds.compare import RoundComparison
    from pmg_analysis.rounds.store import (
        EXTRA,
        TABLES,
        clear_comparison,
        load_comparison,
        write_comparison,
    )

    tables = {name: pd.DataFrame({"gemeente_code": ["GM0355"], "waarde": [i]})
              for i, name in enumerate(TABLES)}
    extra = {name: pd.DataFrame({"need": ["n1"]}) for name in EXTRA}
    written = write_comparison(RoundComparison(**tables), extra, tmp_path, meta={"vorige": "a"})
    assert written == [catalog.COMPARISON_TABLE.path(tmp_path, table=n) for n in TABLES + EXTRA
                       ] + [catalog.COMPARISON_META.path(tmp_path)]
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()} \
        == {"ontwikkeling/ontwikkeling.json", *(f"ontwikkeling/{n}.parquet"
                                                for n in TABLES + EXTRA)}
    comparison, read_extra, meta = load_comparison(tmp_path)
    assert comparison.paired["waarde"].tolist() == [TABLES.index("paired")]
    assert set(read_extra) == set(EXTRA) and meta["vorige"] == "a"
    (tmp_path / catalog.PREVIOUS_ROUND_DIR).mkdir()
    clear_comparison(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_packaged_table_of_municipal_changes_and_questionnaire_versions_are_catalogued():
    from pmg_analysis.instrument import load_instrument_version
    from pmg_analysis.rounds import load_changes

    assert catalog.MUNICIPAL_CHANGES.path().is_file()
    assert len(load_changes()) == len(load_changes(catalog.MUNICIPAL_CHANGES.path())) == 69
    assert catalog.INSTRUMENT_VERSION.path(year="2019").is_file()
    assert load_instrument_version("2019").version == "2019.1"

"""Compute once: the analysis after a clean run takes the tables in memory, and the municipality
pages read the processed tables once."""

from __future__ import annotations

import filecmp
import shutil

import pytest

from pmg_analysis import catalog, pipeline, processed, sections
from pmg_analysis.context import RunContext
from pmg_analysis.pipeline import EXAMPLE_EXPORT


@pytest.fixture(scope="module")
def cleaned(tmp_path_factory):
    out = tmp_path_factory.mktemp("verwerkt")
    return pipeline.run_clean(EXAMPLE_EXPORT, out), out


def test_the_analysis_of_a_clean_run_uses_its_tables_in_memory_and_writes_the_same_files(
        cleaned, tmp_path, monkeypatch):
    result, out = cleaned
    reread = tmp_path / "teruggelezen"
    shutil.copytree(out, reread)
    sha = result.manifest.source.sha256
    from_disk = pipeline.write_analysis(pipeline.load_processed(reread),
                                        RunContext(processed=reread), source_sha256=sha)

    def no_reading(*args, **kwargs):
        raise AssertionError("the processed tables were read back")

    monkeypatch.setattr(pipeline, "load_processed", no_reading)
    in_memory = pipeline.write_analysis(pipeline.result_tables(result), RunContext(processed=out),
                                        source_sha256=sha)
    assert [p.name for p in in_memory] == [p.name for p in from_disk]
    assert len(in_memory) == len(catalog.RESULTS) + 2  # the stamp and werkprogramma.xlsx
    assert all(filecmp.cmp(a, b, shallow=False) for a, b in zip(in_memory, from_disk,
                                                                strict=True))


def test_the_municipality_pages_read_the_processed_tables_once_when_no_results_are_stored(
        cleaned, tmp_path, monkeypatch):
    result, out = cleaned
    fresh = tmp_path / "zonder_resultaten"
    shutil.copytree(out, fresh)
    for dataset in [*catalog.RESULTS.values(), catalog.RESULTS_STAMP]:
        dataset.path(fresh).unlink(missing_ok=True)
    reads = []
    load = processed.load_processed
    monkeypatch.setattr(processed, "load_processed", lambda d: reads.append(d) or load(d))
    data = sections.load(RunContext(processed=fresh))
    codes = sorted(data.responses["gemeente_code"].astype(str).unique())[:2]
    pages = [sections.page_sections(data, sections.MUNICIPALITY_PAGE, code) for code in codes]
    assert len(reads) == 1
    assert len(data.responses) == result.manifest.counts.clean
    assert sum(len(page["needs"].table("leerbehoeften")) for page in pages) > 0
    assert not list(fresh.glob("resultaat_*.parquet"))  # computed in memory, nothing written

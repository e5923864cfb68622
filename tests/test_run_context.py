"""One run context reaches every step (issue 24): the whole chain with ``--vorige`` on
non-default settings (an own pseudonym key, other weights, another min_score) gives both rounds
the run's pseudonyms and every result and comparison the run's settings."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pandas as pd
import pytest

from pmg_analysis import catalog, rounds
from pmg_analysis.clean import clean_export
from pmg_analysis.cli import build_parser, run_context
from pmg_analysis.context import RunContext, context_from_parameters
from pmg_analysis.example.second_round import write_rounds
from pmg_analysis.instrument import instrument_version, load_instrument_version
from pmg_analysis.io import read_export
from pmg_analysis.paths import NOTEBOOKS
from pmg_analysis.pipeline import load_manifest, load_processed, run_report
from pmg_analysis.results import compute_results, read_results
from pmg_analysis.rounds.store import load_comparison
from pmg_analysis.settings import Settings

KEY = "eigen-sleutel-van-de-test"
SETTINGS_FILE = f"""\
clean:
  pseudonym_key: {KEY}
prioritise:
  weight_demand: 0.6
  weight_urgency: 0.1
learning_needs:
  min_score: 0.45
text:
  use_embeddings: false
"""


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    root = tmp_path_factory.mktemp("keten")
    old_path, new_path = write_rounds(root / "rondes")
    settings_file = root / "instellingen.yaml"
    settings_file.write_text(SETTINGS_FILE, encoding="utf-8")
    args = build_parser().parse_args([
        "report", str(new_path), "--vorige", str(old_path), "--vragenlijst", "2019",
        "--instellingen", str(settings_file), "--out", str(root / "verwerkt"),
        "--reports", str(root / "rapporten")])
    run = run_context(args)
    # the notebook that reads the comparison; the other pages are the browser test's
    notebooks = root / "notebooks"
    notebooks.mkdir()
    shutil.copy(NOTEBOOKS / "06_ontwikkeling.ipynb", notebooks)
    run = replace(run, notebooks=notebooks)
    pages = run_report(new_path, run)
    return {"run": run, "old": old_path, "new": new_path, "pages": pages, "root": root}


def test_the_command_line_is_read_into_one_run_context(chain):
    run = chain["run"]
    assert run.settings.clean.pseudonym_key == KEY
    assert run.settings.prioritise.weight_demand == 0.6
    assert run.settings.learning_needs.min_score == 0.45
    assert run.settings.learning_needs.text.use_embeddings is False  # linked section
    assert run.version == "2019" and run.previous == chain["old"]
    assert run.previous_dir == run.processed / catalog.PREVIOUS_ROUND_DIR


def test_both_rounds_are_pseudonymised_with_the_runs_own_key(chain):
    run = chain["run"]
    for folder, path, version in ((run.processed, chain["new"], "2019"),
                                  (run.previous_dir, chain["old"], None)):
        instrument = load_instrument_version(version) if version else None
        export = read_export(path)
        own = clean_export(export, instrument, config=run.settings.clean).responses
        public = clean_export(export, instrument).responses
        stored = load_processed(folder)
        assert stored["responses"]["response_id"].tolist() == own["response_id"].tolist()
        assert not set(stored["responses"]["response_id"]) & set(public["response_id"])
        for table in ("answers", "texts", "problems"):
            assert set(stored[table]["response_id"]) <= set(own["response_id"]), table
        manifest = load_manifest(folder)
        assert manifest.settings.pseudonym_sentence is None  # not the public key
        assert "prioritise.weight_demand" in manifest.settings.changes


def test_every_stored_result_is_the_one_of_the_runs_settings(chain):
    run = chain["run"]
    stored = read_results(run.processed)
    with instrument_version(run.version):  # the round's questionnaire, as in the run
        expected = compute_results(load_processed(run.processed), cache_dir=run.processed,
                                   settings=run.settings)
    for name in catalog.RESULTS:
        pd.testing.assert_frame_equal(stored.tables[name].reset_index(drop=True),
                                      expected.tables[name].reset_index(drop=True),
                                      check_dtype=False, obj=name)
    default_settings = replace(run.settings, prioritise=Settings().prioritise,
                               learning_needs=replace(Settings().learning_needs,
                                                      text=run.settings.text))
    with instrument_version(run.version):
        defaults = compute_results(load_processed(run.processed), cache_dir=run.processed,
                                   settings=default_settings)
    # the weights and the threshold made a difference, so the test could fail
    assert not stored.plan.programma["score"].equals(defaults.plan.programma["score"])
    assert not stored.needs.members["need"].equals(defaults.needs.members["need"])


def test_the_comparison_uses_the_runs_needs_and_programme_settings(chain):
    run = chain["run"]
    _, extra, meta = load_comparison(run.processed)
    old, new = load_processed(run.previous_dir), load_processed(run.processed)
    mapped = rounds.compare.comparison_mapped(old["responses"], new["responses"])
    expected = rounds.needs_and_ranks(old, new, mapped_old_responses=mapped,
                                      need_config=run.settings.learning_needs,
                                      priority_config=run.settings.prioritise,
                                      theme_config=run.settings.themes,
                                      cache_dir=run.processed)
    for name in ("needs", "ranks"):
        pd.testing.assert_frame_equal(extra[name], expected[name].reset_index(drop=True),
                                      check_dtype=False, obj=name)
    default_needs = rounds.needs_and_ranks(
        old, new, mapped_old_responses=mapped,
        need_config=replace(Settings().learning_needs, text=run.settings.text),
        cache_dir=run.processed)
    assert not extra["needs"].equals(default_needs["needs"].reset_index(drop=True))
    assert meta["vorige"] == chain["old"].name


def test_notebook_06_gets_the_runs_parameters_and_says_the_settings(chain):
    page = catalog.REPORT_PAGE.path(chain["run"].reports, notebook="06_ontwikkeling")
    assert page in chain["pages"]
    html = page.read_text("utf-8")
    assert "prioritise.weight_demand = 0.6" in html
    run = chain["run"]
    rebuilt = context_from_parameters(**run.parameters())
    assert rebuilt.settings == replace(run.settings, clean=Settings().clean)  # never the key
    assert rebuilt.processed == run.processed.resolve() and rebuilt.version == "2019"


def test_the_own_key_is_written_nowhere(chain):
    written = [p for p in chain["root"].rglob("*") if p.is_file()
               and p.name != "instellingen.yaml" and p.suffix not in (".parquet",)]
    assert written
    assert [p for p in written if KEY in p.read_text("utf-8", errors="replace")] == []


def test_a_run_context_is_frozen_and_its_parameters_round_trip():
    run = RunContext(settings=Settings(), version=None)
    with pytest.raises(AttributeError):
        run.version = "2019"  # type: ignore[misc]
    assert context_from_parameters(**run.parameters()).settings == Settings()

"""Root conftest: loaded for every test path, also `pytest notebooks/...` on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

# Property tests draw the same examples on every run and machine (a fixed seed per test): a red
# CI then means a change, not a new draw. A case hypothesis once found stays as an @example.
from hypothesis import settings as _hypothesis  # noqa: E402

_hypothesis.register_profile("pmg", derandomize=True)
_hypothesis.load_profile("pmg")

# Notebooks whose committed outputs are only valid with the CBS/PDOK data (regions.resolve_source).
CBS_NOTEBOOKS = ("02_positie_in_de_regio.ipynb",
                 # its breadth part counts CBS-derived positions
                 "05_werkprogramma.ipynb", "04_leervragen.ipynb",
                 # positions per municipality and the programme built on them
                 "00_samenvatting.ipynb", "gemeenteprofiel.ipynb",
                 # theme scores and tests per position type
                 "03_themas.ipynb")


# The slow tests: whole chains (export to every report), the browser, notebooks executed with
# papermill, the embedding engine rebuilt from source, the real CBS files. `make test` runs
# them; `make test-fast` (-m "not slow", without the notebooks) leaves them out. Marked here,
# per file or per test, so that the list is in one place.
SLOW_FILES = {
    "test_browser.py", "test_export_shapes.py", "test_export_shapes_property.py",
    "test_text_stability.py", "test_report.py", "test_regions_real.py", "test_needs_eval.py",
    "test_notebooks_privacy.py", "test_text.py", "test_regions_autofetch.py",
    "test_run_context.py",
}
SLOW_TESTS = {
    "test_settings.py": ("test_changed_settings_are_stored", "test_run_report_hands",
                         "test_an_own_pseudonym_key", "test_the_public_default_key"),
    "test_rounds.py": ("test_a_report_on_a_revised_questionnaire", "test_the_report_command",
                       "test_the_whole_chain"),
    "test_cli.py": ("test_report_on_bad_input",),
    "test_sections.py": ("test_the_comparison_page_of_the_example_rounds",),  # cleans 2 rounds
    "test_pipeline.py": ("test_the_whole_chain",),
}


def _is_slow(item: pytest.Item) -> bool:
    name = item.path.name
    return (name in SLOW_FILES or item.path.suffix == ".ipynb"
            or item.name.startswith(SLOW_TESTS.get(name, ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tests; skip the nbval cells of the CBS notebooks when no CBS/PDOK source
    is available."""
    for item in items:
        if _is_slow(item):
            item.add_marker(pytest.mark.slow)
    cbs_items = [item for item in items if item.path.name in CBS_NOTEBOOKS]
    if not cbs_items:
        return
    from pmg_analysis.regions import resolve_source

    source = resolve_source()
    if source.available:
        return
    skip = pytest.mark.skip(reason=(
        "no CBS/PDOK source (set PMG_CBS_DIR or run 'pmg-analysis cbs fetch'): the outputs of "
        "this notebook are only valid with the CBS data"))
    for item in cbs_items:
        item.add_marker(skip)


# The example's processed tables and analysis results, built once per session in a temporary
# folder (as `make processed` builds data/processed): the tests never read or write the
# checkout's data/processed or reports/. The notebooks executed by nbval read them through
# PMG_VERWERKT (pmg_analysis.context.PROCESSED_ENV), set before their kernel starts.
_PROCESSED: dict[str, Path] = {}


def example_processed(config: pytest.Config) -> Path:
    """The folder with the example's processed tables and results (built on first use)."""
    if "dir" not in _PROCESSED:
        import os

        from pmg_analysis.context import PROCESSED_ENV, RunContext
        from pmg_analysis.pipeline import (
            EXAMPLE_EXPORT,
            result_tables,
            run_clean,
            write_analysis,
        )

        folder = config._tmp_path_factory.mktemp("verwerkt_voorbeeld")
        result = run_clean(EXAMPLE_EXPORT, folder)
        write_analysis(result_tables(result), RunContext(processed=folder),
                       source_sha256=result.manifest.source.sha256)
        os.environ[PROCESSED_ENV] = str(folder)
        _PROCESSED["dir"] = folder
    return _PROCESSED["dir"]


@pytest.fixture(scope="session")
def processed_dir(request) -> Path:
    """The example's processed tables and results, in a temporary folder (read only)."""
    return example_processed(request.config)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before a notebook's kernel starts (nbval): the example's tables in their folder."""
    if item.path.suffix == ".ipynb":
        example_processed(item.config)


# The checkout's own folders are the user's: a test run leaves data/processed and reports/ as
# they were. Every file's size and mtime before the run is compared with after it; a test that
# wrote there fails the run with the files named.
_GUARDED = (ROOT / "data" / "processed", ROOT / "reports")


def _snapshot() -> dict[str, tuple[int, int]]:
    out = {}
    for folder in _GUARDED:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else ():
            if path.is_file():
                stat = path.stat()
                out[str(path.relative_to(ROOT))] = (stat.st_size, stat.st_mtime_ns)
    return out


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = _snapshot()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None or hasattr(session.config, "workerinput"):
        return
    after = _snapshot()
    touched = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if touched:
        session.config.stash[_TOUCHED] = touched
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


_BEFORE = pytest.StashKey[dict]()
_TOUCHED = pytest.StashKey[list]()


# Measured figures (macro-F1 of the text coder, precision/recall of name redaction, accuracy of
# the typology ...) are printed at the end of every test run, so `make test` shows them. A test
# records them on its report (user_properties), which pytest-xdist carries from a worker to the
# process that prints the summary.
_MEASURED: list[str] = []
_METRIC = "gemeten"


@pytest.fixture
def report_metric(request):
    """Record one line with a measured figure; printed in pytest's terminal summary."""
    return lambda line: request.node.user_properties.append((_METRIC, str(line)))


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "teardown":
        _MEASURED.extend(v for k, v in report.user_properties if k == _METRIC)


def pytest_terminal_summary(terminalreporter) -> None:
    touched = terminalreporter.config.stash.get(_TOUCHED, [])
    if touched:
        terminalreporter.section("data/processed of reports/ veranderd door de tests")
        for line in touched[:20]:
            terminalreporter.write_line(line)
    if _MEASURED:
        terminalreporter.section("gemeten")
        for line in sorted(_MEASURED):
            terminalreporter.write_line(line)


# The names the examples in the docstrings of src/ use (pytest --doctest-modules): the synthetic
# example export, cleaned in memory (nothing read from or written to data/processed), and what
# the analysis steps make of it; computed once per session, on the first doctest.
@pytest.fixture(autouse=True)
def _doctest_names(request, doctest_namespace):
    """Fill ``doctest_namespace`` for doctests only (unit tests do not pay for it)."""
    if type(request.node).__name__ == "DoctestItem":
        doctest_namespace.update(request.getfixturevalue("_example_names"))


@pytest.fixture(scope="session")
def _example_names() -> dict:
    from pmg_analysis import regions
    from pmg_analysis.clean import clean_export
    from pmg_analysis.io import read_export
    from pmg_analysis.pipeline import EXAMPLE_EXPORT
    from pmg_analysis.prioritise.programme import priority_inputs, programme_from_inputs
    from pmg_analysis.text import NeedConfig, TextConfig, learning_needs

    cleaned = clean_export(read_export(EXAMPLE_EXPORT))
    # positions as ticked by the respondents: the examples do not depend on CBS files
    responses = regions.add_positie_cbs(cleaned.responses, None)
    answers, texts = cleaned.answers, cleaned.texts
    clusters = learning_needs(texts, responses, cache_dir=None,
                              config=NeedConfig(text=TextConfig(use_embeddings=False)))
    inputs = priority_inputs(answers, responses, clusters)
    return {
        "cleaned": cleaned, "responses": responses, "answers": answers, "texts": texts,
        "tables": {"responses": responses, "answers": answers, "texts": texts,
                   "problems": cleaned.problems, "quarantine": cleaned.quarantine},
        "clusters": clusters, "inputs": inputs, "programme": programme_from_inputs(inputs),
        "cbs_fixture": ROOT / "tests" / "fixtures" / "regions" / "ok",
    }

"""Root conftest: loaded for every test path, also `pytest notebooks/...` on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

# Notebooks whose committed outputs are only valid with the CBS/PDOK data (regions.resolve_source).
CBS_NOTEBOOKS = ("02_positie_in_de_regio.ipynb",
                 # its breadth part counts CBS-derived positions
                 "05_werkprogramma.ipynb", "04_leervragen.ipynb",
                 # positions per municipality and the programme built on them
                 "00_samenvatting.ipynb", "gemeenteprofiel.ipynb",
                 # theme scores and tests per position type
                 "03_themas.ipynb")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the nbval cells of the CBS notebooks when no CBS/PDOK source is available."""
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


# Measured figures (macro-F1 of the text coder, precision/recall of name redaction, accuracy of
# the typology ...) are printed at the end of every test run, so `make test` shows them.
_MEASURED: list[str] = []


@pytest.fixture
def report_metric():
    """Record one line with a measured figure; printed in pytest's terminal summary."""
    return _MEASURED.append


def pytest_terminal_summary(terminalreporter) -> None:
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

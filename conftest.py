"""Root conftest: loaded for every test path, also `pytest notebooks/...` on its own."""

from __future__ import annotations

import pytest

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

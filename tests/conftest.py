"""Shared test fixtures. Files from ../shared are read in place; tests skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the calling test with a reason when it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"../shared/{'/'.join(parts)} is not available (run beside ../shared)")
    return path


@pytest.fixture
def formats_dir() -> Path:
    return shared_path("formats")


@pytest.fixture
def reference_dir() -> Path:
    return shared_path("reference")


# Notebooks whose committed outputs are only valid with the CBS/PDOK data (regions.resolve_source).
CBS_NOTEBOOKS = ("02_positie_in_de_regio.ipynb",)


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

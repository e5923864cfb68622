"""The steps wired together: where positions come from, with and without the CBS/PDOK files."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import pytest

from pmg_analysis import regions
from pmg_analysis.clean import clean_export
from pmg_analysis.io import read_export
from pmg_analysis.pipeline import EXAMPLE_EXPORT, add_regions, load_manifest, write_clean_outputs
from pmg_analysis.regions import CbsSource

ROOT = Path(__file__).resolve().parents[1]
CBS_FIXTURE = ROOT / "tests" / "fixtures" / "regions" / "ok"


@pytest.fixture(scope="module")
def cleaned():
    return clean_export(read_export(EXAMPLE_EXPORT))


def _with_source(monkeypatch, directory: Path | None):
    origin = "PMG_CBS_DIR" if directory else None
    monkeypatch.setattr(regions, "resolve_source", lambda: CbsSource(directory, origin))


def test_without_cbs_files_the_manifest_says_positions_are_self_reported(cleaned, monkeypatch,
                                                                          tmp_path):
    _with_source(monkeypatch, None)
    result = add_regions(cleaned, tmp_path)
    assert result.manifest.positions.cbs_available is False
    assert result.manifest.positions.sentence == regions.positie_bron_zin(False)
    assert result.responses["positie_cbs"].isna().all()
    write_clean_outputs(result, tmp_path)
    assert load_manifest(tmp_path).positions == result.manifest.positions


def test_with_cbs_files_the_manifest_says_positions_come_from_cbs(cleaned, monkeypatch,
                                                                   tmp_path):
    _with_source(monkeypatch, CBS_FIXTURE)
    result = add_regions(cleaned, tmp_path)
    assert result.manifest.positions.cbs_available is True
    assert "CBS" in result.manifest.positions.sentence


def _sanitise(text: str) -> str:
    """Apply tests/nbval_sanitize.cfg as nbval does (every pattern, in file order)."""
    config = configparser.ConfigParser()
    config.read(ROOT / "tests" / "nbval_sanitize.cfg", encoding="utf-8")
    for section in config.sections():
        text = re.sub(config[section]["regex"], config[section]["replace"], text)
    return text


def test_notebook_outputs_compare_alike_with_or_without_cbs_files():
    """Notebook 01 prints where positions come from; its committed output must hold on a
    machine with and one without the CBS files, and nothing else may be hidden by it."""
    with_cbs = regions.positie_bron_zin(True) + "\n"
    without = regions.positie_bron_zin(False) + "\n"
    assert with_cbs != without
    assert _sanitise(with_cbs) == _sanitise(without) != with_cbs
    other = "De positie in de regio is onbekend.\n"
    assert _sanitise(other) == other


def test_a_municipality_formed_after_2017_gets_its_largest_predecessors_position_and_says_so(
        monkeypatch, tmp_path):
    from types import SimpleNamespace

    import pandas as pd

    from pmg_analysis.example.second_round import write_rounds
    from pmg_analysis.instrument import load_instrument_version

    _, new_path = write_rounds(tmp_path)
    second = clean_export(read_export(new_path), load_instrument_version("2019"))
    # CBS 2017 rows (inhabitants as in Gebieden in Nederland 2017) of the predecessors of
    # Midden-Groningen, with made-up positions: the most populous one's must be taken
    gemeenten = pd.DataFrame({
        "gemeente_code": ["GM0018", "GM0040", "GM1987", "GM0355"],
        "gemeente_naam": ["Hoogezand-Sappemeer", "Slochteren", "Menterwolde", "Zeist"],
        "inwoners": [34_000, 15_500, 12_300, 62_900],
        "positie_cbs": ["nabij_grotere_stad", "monocentrisch", "polycentrisch",
                        "nabij_grotere_stad"]})
    _with_source(monkeypatch, CBS_FIXTURE)
    monkeypatch.setattr(regions, "load_tables", lambda *a, **k: SimpleNamespace(
        gemeenten=gemeenten))
    result = add_regions(second, tmp_path)
    positions = result.responses.set_index(result.responses["gemeente_code"].astype(str))
    assert positions.loc["GM1952", "positie_cbs"] == "nabij_grotere_stad"
    assert positions.loc[["GM1963", "GM1959"], "positie_cbs"].isna().all()  # no predecessor row
    assert result.responses["gemeente_code"].equals(second.responses["gemeente_code"])
    assert result.manifest.positions.sentence.endswith(
        "van de voorganger met de meeste inwoners (Midden-Groningen van Hoogezand-Sappemeer).")

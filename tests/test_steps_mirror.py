"""``report.steps`` repeats the library calls of every notebook so that the export-shape matrix
runs without papermill. This checks that the two agree: every call a notebook's code cells make
is made by its ``*_page`` function too, or is listed here with the reason it is left out."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import nbformat
import pytest

from pmg_analysis.report import steps

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"

# Calls that show, load or set up, and compute nothing a page could fail on.
SHOWING = {"plots.show", "show_table", "print", "len", "list", "min", "load_manifest",
           "load_processed", "load_results", "settings_from_mapping", "use_instrument_version",
           "notebook_context",
           "summary.show_link", "profile.profile_data", "show_sentences"}
# Per notebook: calls not repeated in steps, each with its reason.
LEFT_OUT = {
    # the comparison with a previous round: only after --vorige; tested in the rounds tests
    "00_samenvatting": {"summary_part"},
    "gemeenteprofiel": {"profile.comparison_lines"},
    # the national CBS/PDOK tables, the typology and its validation: they do not depend on the
    # export, so every export shape gives the same page; steps runs the export-dependent part
    "02_positie_in_de_regio": {
        "plots.position_map", "regions.display_geojson", "regions.thresholds_table",
        "regions.type_counts", "regions.seed_table", "regions.kernen_sentence",
        "regions.kern_fallback_table", "regions.validate", "regions.validation_sentence",
        "regions.validation_per_part_table", "regions.validation_per_type_table",
        "regions.misses_table", "regions.validation_target_sentence",
        "regions.validation_set_table", "regions.borderline_counts",
        "regions.borderline_thresholds_table", "regions.borderline_table",
        "regions.cluster_indicators", "regions.cluster_sentence",
        "regions.indicator_cluster_summary", "regions.grouping_sentence"},
}


def _calls(source: str) -> set[str]:
    """``module.function`` and plain function names called in ``source``."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
                found.add(f"{f.value.id}.{f.attr}")
            elif isinstance(f, ast.Name):
                found.add(f.id)
    return found


PAGES = {**steps.PAGES, "gemeenteprofiel": steps.municipality_page}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_call_of_a_notebook_is_made_by_its_step_function_or_left_out_for_a_reason(name):
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    in_notebook = _calls("\n".join(c.source for c in nb.cells if c.cell_type == "code"))
    in_steps = _calls(inspect.getsource(PAGES[name]))
    missing = in_notebook - in_steps - SHOWING - LEFT_OUT.get(name, set())
    assert not missing, f"{name}: in the notebook, not in report.steps: {sorted(missing)}"
    stale = LEFT_OUT.get(name, set()) - in_notebook
    assert not stale, f"{name}: listed as left out, but the notebook no longer calls {stale}"


def test_every_report_notebook_has_a_step_function():
    # 06 compares two rounds: built only with --vorige, its steps are tested with the rounds
    built = {p.stem for p in NOTEBOOKS.glob("*.ipynb")} - {"06_ontwikkeling"}
    assert built == set(PAGES)

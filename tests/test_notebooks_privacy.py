"""The committed notebook outputs (what the HTML reports show; nbval keeps them equal to a fresh
run) contain no personal data from the example export, and free text in them is escaped."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from pmg_analysis.io import read_export
from pmg_analysis.pipeline import EXAMPLE_EXPORT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def personal_values() -> set[str]:
    raw = read_export(EXAMPLE_EXPORT).data
    values = {v for v in raw["Email"].dropna() if "@" in v}
    values |= {v for v in raw["Name"].dropna() if " " in v}
    assert len(values) > 20
    return values


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_no_personal_data_in_committed_outputs(notebook, personal_values):
    text = notebook.read_text("utf-8")
    found = sorted(v for v in personal_values if v in text)
    assert not found
    assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text.replace("[e-mail]", ""))
    assert "<script>alert" not in text  # typed HTML would be shown escaped, never as markup

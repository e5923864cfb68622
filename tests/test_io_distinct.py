"""Columns as codes into their distinct values: what the CSV reader hands to cleaning."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from pmg_analysis.io.distinct import categorical, distinct, from_arrow, per_row

DICT = pa.dictionary(pa.int32(), pa.large_string())


def test_few_distinct_values_become_a_categorical_in_file_order():
    chunks = [pa.array(["Mee eens", None, "Neutraal"] * 3).cast(DICT),
              pa.array(["Neutraal", "Oneens", "Mee eens"] * 3).cast(DICT)]
    out = from_arrow(pa.chunked_array(chunks))
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert list(out.cat.categories) == ["Mee eens", "Neutraal", "Oneens"]
    assert out.iloc[0] == "Mee eens" and pd.isna(out.iloc[1])
    assert out.iloc[-3:].tolist() == ["Neutraal", "Oneens", "Mee eens"]


def test_mostly_unique_text_stays_text():
    texts = [f"antwoord {i}" for i in range(10)]
    out = from_arrow(pa.chunked_array([pa.array(texts).cast(DICT)]))
    assert out.dtype == "string" and out.tolist() == texts


def test_distinct_gives_the_same_per_row_result_for_text_and_categorical():
    values = pd.Series(["b", None, "a", "b", "c"], dtype="str")
    for column in (values, values.astype("category")):
        codes, uniques = distinct(column)
        upper = np.array([u.upper() for u in uniques.to_pylist()], dtype=object)
        assert per_row(codes, upper, None).tolist() == ["B", None, "A", "B", "C"]


def test_categorical_drops_unused_and_merges_repeated_values():
    out = categorical(np.array([2, -1, 0, 2]), pa.array(["x", "secret", "x"]))
    assert list(out.categories) == ["x"]  # "secret" is used by no row
    assert out.tolist()[0] == "x" and pd.isna(out[1])

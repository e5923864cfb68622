"""Columns as codes into their distinct values.

A survey answer column of a million rows holds a handful of distinct labels ("Mee eens",
"Zeer urgent" ...). Everything that judges a cell (label matching, splitting choices, hashing,
redaction) therefore works on the distinct values and maps the result back by each row's code.
The CSV reader keeps such columns dictionary-encoded as they are parsed, so the codes come for
free: :func:`from_arrow` turns them into pandas categoricals, and :func:`distinct` gives the
codes and distinct values of any text column, categorical or not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

STRING = pd.StringDtype("pyarrow")
# A dictionary-encoded column becomes a categorical when it has at most this share of distinct
# values per row (answer labels); free text that is mostly unique stays plain text.
MAX_DISTINCT_SHARE = 0.5


def _text_array(values) -> pa.Array:
    """Values (pandas array, Index or Arrow) as one large_string Arrow array."""
    arr = values if isinstance(values, pa.Array | pa.ChunkedArray) else pa.array(
        values, type=pa.large_string(), from_pandas=True)
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks() if arr.num_chunks else pa.array([], pa.large_string())
    return arr.cast(pa.large_string())


def from_arrow(column: pa.ChunkedArray) -> pd.Series:
    """An Arrow text column as a pandas Series: a dictionary-encoded column with few distinct
    values becomes a categorical (categories in order of first appearance), anything else
    Arrow-backed text."""
    if pa.types.is_dictionary(column.type):
        if sum(len(c.dictionary) for c in column.chunks) > MAX_DISTINCT_SHARE * len(column):
            column = column.cast(column.type.value_type)  # mostly unique: plain text
        else:
            column = column.unify_dictionaries()
            chunks = column.chunks
            dictionary = (chunks[0].dictionary if chunks
                          else pa.array([], column.type.value_type))
            codes = (pc.fill_null(pa.chunked_array([c.indices for c in chunks]), -1).to_numpy()
                     if chunks else np.array([], dtype=np.int32))
            dtype = pd.CategoricalDtype(pd.Index(pd.array(dictionary, dtype=STRING)))
            return pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False))
    return pd.Series(pd.array(column.cast(pa.large_string()), dtype=STRING))


def distinct(values: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """Each row's code into the distinct values (-1 = missing) and those values as text.

    For a categorical the codes and categories are used as they are (categories that no row
    uses may be among the values); other columns are factorised (in order of appearance).
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy().astype(np.intp)
        categories = values.cat.categories
        if not pd.api.types.is_string_dtype(categories.dtype):
            categories = categories.astype(STRING)
        return codes, _text_array(categories.array)
    codes, uniques = pd.factorize(values.astype(STRING), use_na_sentinel=True)
    return codes.astype(np.intp, copy=False), _text_array(uniques)


def per_row(codes: np.ndarray, per_value: np.ndarray, missing) -> np.ndarray:
    """A result per distinct value (``per_value``) spread to the rows by their ``codes``;
    rows without a value (code -1) get ``missing``."""
    per_value = np.asarray(per_value)
    # code -1 takes the last element: ``missing``, appended
    return np.append(per_value, np.asarray([missing], dtype=per_value.dtype))[codes]


def code_dtype(n_categories: int) -> np.dtype:
    """The integer type pandas keeps the codes of ``n_categories`` categories in (codes made
    in that type from the start are not copied once more by ``Categorical.from_codes``)."""
    for dtype in (np.int8, np.int16, np.int32):
        if n_categories < np.iinfo(dtype).max:
            return np.dtype(dtype)
    return np.dtype(np.int64)


def categorical(codes: np.ndarray, values: pa.Array) -> pd.Categorical:
    """A categorical from codes (-1 = missing) into ``values`` that may repeat or go unused:
    its categories are the distinct values that some row uses (nothing unused, e.g. a text
    before redaction, is kept), sorted, so that they do not depend on how ``values`` came."""
    codes = np.asarray(codes)
    present = codes >= 0
    used = np.bincount(codes[present], minlength=len(values)) > 0
    kept = values.filter(pa.array(used))
    new_codes, categories = pd.factorize(pd.array(kept, dtype=STRING), sort=True)
    to_new = np.full(len(values) + 1, -1, dtype=np.int64)
    to_new[np.flatnonzero(used)] = new_codes
    dtype = pd.CategoricalDtype(pd.Index(categories, dtype=STRING))
    out = to_new[codes].astype(code_dtype(len(categories)))  # code -1 -> last: -1
    return pd.Categorical.from_codes(out, dtype=dtype, validate=False)

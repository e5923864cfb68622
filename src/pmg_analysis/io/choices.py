"""Split joined multi-choice and ranking cells by matching the KNOWN option texts.

Options may contain the separator themselves ("..., klimaatadaptatie"), so cells are not split
naively: options are matched longest-first at separator boundaries, and whatever is left (the
"Anders, namelijk ..." text, unknown items) is returned as text. Work is done once per distinct
cell value and mapped back, so a million rows cost little.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pmg_analysis.io.distinct import STRING, distinct

DEFAULT_SEPARATORS = ";,"


def _options(options: Sequence[str] | Mapping[str, str]) -> tuple[list[str], list[str]]:
    """(column names, option texts); a mapping is {column name: option text}."""
    if isinstance(options, Mapping):
        return list(options.keys()), list(options.values())
    return list(options), list(options)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _pattern(texts: Sequence[str], seps: str) -> re.Pattern[str]:
    sep = re.escape(seps)
    alternatives = sorted({_norm(t) for t in texts if t.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alternatives) or r"(?!)"
    # An option starts at the beginning or after a separator, and ends at a separator or the end.
    return re.compile(rf"(?:(?<=^)|(?<=[{sep}])|(?<=[{sep}]\s))\s*({body})\s*(?=[{sep}]|$)",
                      re.IGNORECASE)


def _match(cell: str, pattern: re.Pattern[str], lookup: dict[str, int], seps: str,
           ) -> tuple[list[tuple[int, int]], str | None]:
    """([(option index, start offset)], leftover text) for one distinct cell value."""
    found: list[tuple[int, int]] = []
    leftover, last = [], 0
    for m in pattern.finditer(cell):
        index = lookup.get(_norm(m.group(1)))
        if index is None:
            continue
        found.append((index, m.start(1)))
        leftover.append(cell[last:m.start()])
        last = m.end()
    leftover.append(cell[last:])
    rest = "".join(leftover)
    rest = re.sub(rf"\s*[{re.escape(seps)}](\s*[{re.escape(seps)}])+\s*",
                  lambda m: m.group(0).strip()[0] + " ", rest)
    rest = rest.strip().strip(seps).strip()
    return found, rest or None


def _unique_split(cells: pd.Series, texts: Sequence[str], seps: str,
                  ) -> tuple[np.ndarray, list, list[tuple[list[tuple[int, int]], str | None]]]:
    codes, uniques = distinct(cells)
    uniques = uniques.to_pylist()
    pattern = _pattern(texts, seps)
    lookup = {_norm(t): i for i, t in enumerate(texts)}
    results = [_match(str(u), pattern, lookup, seps) for u in uniques]
    return codes, list(uniques), results


def split_choices(cells: pd.Series, options: Sequence[str] | Mapping[str, str], *,
                  sep: str | None = None) -> pd.DataFrame:
    """One nullable-boolean column per option (NA where the cell is empty) plus ``other``:
    the text left after removing the recognised options (NA when nothing is left).

    ``options`` are the option texts (columns are named by them) or {column name: text}.
    ``sep`` restricts the separators (default: ``;`` and ``,``).
    """
    names, texts = _options(options)
    if "other" in names:
        raise ValueError("an option column may not be called 'other'")
    seps = sep.strip() or sep if sep else DEFAULT_SEPARATORS
    codes, _, results = _unique_split(cells, texts, seps)
    missing = codes < 0
    chosen = np.zeros((len(results) + 1, len(texts)), dtype=bool)
    other = np.empty(len(results) + 1, dtype=object)
    for u, (found, rest) in enumerate(results):
        chosen[u, [j for j, _ in found]] = True
        other[u] = rest
    other[-1] = None
    frame = {}
    for j, name in enumerate(names):
        col = pd.array(chosen[codes, j], dtype="boolean")
        col[missing] = pd.NA
        frame[name] = col
    frame["other"] = _take_text(other[:-1], codes)
    return pd.DataFrame(frame, index=cells.index)


def _take_text(per_unique: np.ndarray, codes: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Texts per distinct value mapped back to the rows (code -1 -> NA), done by Arrow's take:
    it builds the string column directly, without a million-element object array."""
    dictionary = pa.array(per_unique, type=pa.large_string(), from_pandas=True)
    return pd.array(pc.take(dictionary, pa.array(codes, mask=codes < 0)), dtype=STRING)


def split_ranking(cells: pd.Series, items: Sequence[str] | Mapping[str, str], *,
                  sep: str = ";") -> pd.DataFrame:
    """Ranks (``Int64``, 1 = first in the cell) per item for MS-Forms-style ranked lists
    ``"B;A;C;"``, plus ``leftover``: unknown items, as text. Unranked items are NA.
    A rank is the item's position in the cell, unknown items counted (``"A;X;B"``: B is 3)."""
    names, texts = _options(items)
    if "leftover" in names:
        raise ValueError("an item column may not be called 'leftover'")
    codes, uniques, results = _unique_split(cells, texts, sep)
    ranks = np.zeros((len(results) + 1, len(texts)), dtype="int64")
    leftover = np.empty(len(results) + 1, dtype=object)
    for u, (found, rest) in enumerate(results):
        cell = str(uniques[u])
        for j, start in found:
            rank = 1 + sum(1 for token in cell[:start].split(sep) if token.strip())
            if ranks[u, j] == 0:
                ranks[u, j] = rank
        leftover[u] = rest
    leftover[-1] = None
    frame = {}
    for j, name in enumerate(names):
        col = ranks[codes, j]
        frame[name] = pd.array(np.where(col > 0, col, 0), dtype="Int64")
        frame[name][col == 0] = pd.NA
    frame["leftover"] = _take_text(leftover[:-1], codes)
    return pd.DataFrame(frame, index=cells.index)

"""Turning exported cells into codes and numbers: labels, scale points, ticked options.

Every function works on the distinct values of a column and maps the result back, so a million
rows cost as much as the handful of labels they contain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from pmg_analysis.io.distinct import distinct
from pmg_analysis.io.normalise import normalise_text

_NUMBERED = re.compile(r"^\s*(\d{1,2})(?:\s*[-=.:)]\s*(.*))?\s*$")


def normalise_label(text: str) -> str:
    """The readers' comparison key (casefolded, no accents, HTML or numbering such as
    "4 - "), without surrounding punctuation."""
    return normalise_text(str(text)).strip(" .;,:")


def _uniques(cells: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Codes into the distinct values (-1 = missing). An all-missing column gets one dummy
    distinct value so that ``result[np.maximum(codes, 0)]`` stays valid."""
    codes, uniques = distinct(cells)
    return codes, uniques.to_pylist() or [""]


def match_labels(cells: pd.Series, labels: Sequence[str], *, threshold: float = 90.0,
                 numeric: bool = True) -> tuple[np.ndarray, pd.Series]:
    """Index (0-based) into ``labels`` for every cell, -1 where missing or not matched.

    A cell matches a label when it is equal after :func:`normalise_label`; a number ``k`` (or
    ``"k - label"``) means label ``k`` (1-based) when ``numeric``; otherwise the closest label
    above ``threshold`` (rapidfuzz ratio) is taken. Returns the indices and a boolean Series
    marking filled cells that matched nothing (to be reported, never silently dropped).
    """
    codes, uniques = _uniques(cells)
    norm_labels = {normalise_label(lab): i for i, lab in enumerate(labels)}
    keys = list(norm_labels)
    result = np.full(len(uniques), -1, dtype=np.int32)
    for u, value in enumerate(uniques):
        norm = normalise_label(value)
        if norm in norm_labels:
            result[u] = norm_labels[norm]
            continue
        m = _NUMBERED.match(norm) if numeric else None
        if m and 1 <= int(m.group(1)) <= len(labels):
            result[u] = int(m.group(1)) - 1
            continue
        if norm and keys:
            best = process.extractOne(norm, keys, scorer=fuzz.ratio, score_cutoff=threshold)
            if best is not None:
                result[u] = norm_labels[best[0]]
    out = np.where(codes >= 0, result[np.maximum(codes, 0)], -1).astype(np.int32)
    unmatched = pd.Series((codes >= 0) & (out < 0), index=cells.index)
    return out, unmatched


# ordinal words a respondent types for a place in a ranking (Dutch and English)
ORDINAL_WORDS: dict[str, int] = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
}
# "1", "1e", "1ste", "2de", "2nd", "3rd", "4th", "1.", "nr. 1", "#1", "1e plaats", "1 = hoogste"
_ORDINAL = re.compile(r"^(?:nr\.?|nummer|no\.?|#|plaats)?\s*(\d{1,2})\s*(?:e|ste|de|st|nd|rd|th|"
                      r"°|º)?\.?\s*(?:plaats|keuze|place|choice)?\s*(?:[-=:(].*)?$")
_ORDINAL_WORD = re.compile(r"^(?:de\s+|het\s+|the\s+)?([a-z]+)\s*(?:plaats|keuze|place|choice)?"
                           r"\s*(?:[-=:(].*)?$")


def parse_rank(text: str, n: int) -> int | None:
    """The place (1..n) a ranking cell gives: a number, an ordinal ("1e", "2de", "3rd") or an
    ordinal word ("eerste", "second"); None when it says nothing of the kind or is out of range.

    Examples
    --------
    >>> [parse_rank(t, 4) for t in ["1", "2e", "1ste", "tweede", "3rd", "Vierde plaats", "5", "?"]]
    [1, 2, 1, 2, 3, 4, None, None]
    """
    norm = normalise_label(text)
    m = _ORDINAL.match(norm)
    rank = int(m.group(1)) if m else None
    if rank is None and (w := _ORDINAL_WORD.match(norm)):
        rank = ORDINAL_WORDS.get(w.group(1))
    return rank if rank is not None and 1 <= rank <= n else None


def ranks(cells: pd.Series, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The place per cell of a one-column-per-item ranking (NaN where empty or unreadable),
    and which filled cells could not be read (:func:`parse_rank`), on the distinct values."""
    codes, uniques = _uniques(cells)
    parsed = np.array([parse_rank(u, n) or np.nan for u in uniques], dtype=np.float64)
    blank = np.array([not str(u).strip() for u in uniques], dtype=bool)
    present = codes >= 0
    place = np.where(present, parsed[np.maximum(codes, 0)], np.nan)
    unread = present & np.isnan(place) & ~blank[np.maximum(codes, 0)]
    return place, unread


def ticked(cells: pd.Series, option_text: str, *, truthy: Sequence[str],
           falsy: Sequence[str]) -> tuple[np.ndarray, pd.Series]:
    """Whether an option is ticked in a one-column-per-option layout, and any typed text.

    Tools write 1, "Y", "Ja", the option's label, or (for an "other" option) the typed text.
    Returns a boolean array and a Series with the cell text where it is neither a tick mark
    nor the label itself (the respondent's own words), else NA.
    """
    codes, uniques = _uniques(cells)
    truthy_n = {normalise_label(t) for t in truthy} | {normalise_label(option_text)}
    falsy_n = {normalise_label(f) for f in falsy}
    is_ticked = np.zeros(len(uniques), dtype=bool)
    own_text = np.full(len(uniques), None, dtype=object)
    for u, value in enumerate(uniques):
        norm = normalise_label(value)
        if not norm or norm in falsy_n:
            continue
        is_ticked[u] = True
        if norm not in truthy_n:
            own_text[u] = str(value).strip()
    present = codes >= 0
    tick = np.where(present, is_ticked[np.maximum(codes, 0)], False)
    text = np.where(present, own_text[np.maximum(codes, 0)], None)
    return tick, pd.Series(text, index=cells.index, dtype="str")

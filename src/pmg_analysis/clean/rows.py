"""Row-level decisions: which raw rows become responses and which go to quarantine, and why.

Every raw row gets exactly one outcome. The checks run in a fixed order and the first that
fails gives the reason, so counts in = clean + quarantined per reason, always.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.clean.values import normalise_label
from pmg_analysis.io.distinct import distinct, per_row

# Reason codes in the order the checks run, with the Dutch text written to quarantine.csv.
REASONS: dict[str, str] = {
    "leeg": "Lege inzending: geen enkele vraag beantwoord",
    "test": "Testinzending",
    "gemeente_leeg": "Geen gemeente ingevuld",
    "gemeente_onbekend": "Gemeente niet herkend",
    "gemeente_dubbelzinnig": "Gemeente niet eenduidig: past bij meer dan een gemeente",
    "dubbel": "Dubbele inzending van dezelfde respondent (de laatste volledige telt)",
}
# Qualtrics response types that are not real responses (preview, test, spam), by code or label.
_NOT_REAL_STATUS = r"preview|test|spam|^(?:1|2|8|9|12)$"


def _matches(values: pd.Series, pattern: str, max_length: int | None = None) -> np.ndarray:
    """Case-insensitive RE2 search over the distinct values; missing values never match, nor
    (with ``max_length``) texts longer than that (a text of only test words is short)."""
    codes, uniques = distinct(values)
    hit = np.zeros(len(uniques), dtype=bool)
    at = np.arange(len(uniques))
    if max_length is not None:
        at = np.flatnonzero(pc.fill_null(pc.less_equal(pc.utf8_length(uniques), max_length),
                                         False).to_numpy(zero_copy_only=False))
    if len(at):
        found = pc.match_substring_regex(uniques.take(pa.array(at)), pattern=pattern,
                                         ignore_case=True)
        hit[at] = pc.fill_null(found, False).to_numpy(zero_copy_only=False)
    return per_row(codes, hit, False)


def is_test(municipality: pd.Series, texts: pd.DataFrame, status: pd.Series | None,
            config: CleanConfig) -> pd.Series:
    """Test submissions: a test word as the municipality, only test words as free text, or a
    tool status that marks previews, tests and spam."""
    words = "(?:" + "|".join(re.escape(w) for w in config.test_words) + ")"
    flag = _matches(municipality, rf"\b{words}\b")
    if texts.shape[1]:
        only_words = rf"^\W*{words}(?:\W+{words})*\W*$"
        filled = texts.notna().to_numpy()
        testy = np.column_stack([_matches(texts[c], only_words, config.test_text_max)
                                 for c in texts.columns])
        flag |= filled.any(axis=1) & (testy == filled).all(axis=1)
    if status is not None:
        flag |= _matches(status.astype("str").str.strip(), _NOT_REAL_STATUS)
    return pd.Series(flag, index=municipality.index)


def _casefold(values: pd.Series) -> pd.Series:
    """``str.casefold`` at Arrow speed: for ASCII text casefolding is lower-casing (an Arrow
    kernel); only the non-ASCII values (few: "ß" -> "ss" and the like) go through Python."""
    folded = values.str.lower()
    other = (~values.str.isascii() & values.notna()).to_numpy(dtype=bool)
    if other.any():
        folded[other] = values[other].str.casefold()
    return folded


def identity_key(index: pd.Index, email: pd.Series | None, name: pd.Series | None,
                 config: CleanConfig) -> pd.Series:
    """Who submitted: a normalised e-mail address, else a normalised name; NA when anonymous."""
    anonymous = {normalise_label(a) for a in config.anonymous_values}
    key = pd.Series(pd.NA, index=index, dtype="str")
    for col, prefix in ((name, "n:"), (email, "e:")):  # applied last wins: e-mail before name
        if col is None:
            continue
        values = _casefold(col.astype("str").str.strip())
        values = values.where(~values.isin(anonymous) & (values.str.len() > 0))
        key = (prefix + values).fillna(key)
    return key


def duplicates(candidates: pd.DataFrame) -> pd.Series:
    """Rows superseded by another submission of the same respondent.

    ``candidates`` has columns gemeente_code, identity (NA if unknown), content_hash,
    is_partial, submitted_at and an index of raw rows. Two rows are the same respondent when they
    share municipality and identity, or municipality and exactly the same answers. Of each group
    the latest complete submission is kept (complete beats partial, then later beats earlier, then
    the later row in the file). Returns, per row, the raw row that replaces it (NA if kept).
    """
    df = candidates.assign(_raw=candidates.index.to_numpy())
    replaced_by = pd.Series(pd.NA, index=candidates.index, dtype="Int64")
    for keys in (["gemeente_code", "identity"], ["gemeente_code", "content_hash"]):
        usable = df.dropna(subset=keys)
        usable = usable[replaced_by.reindex(usable.index).isna().to_numpy()]
        # Most rows are alone in their group (and so kept): only the repeated keys are sorted.
        usable = usable[usable.duplicated(keys, keep=False).to_numpy()]
        usable = usable.sort_values(["is_partial", "submitted_at", "_raw"],
                                    ascending=[True, False, False], na_position="last",
                                    kind="stable")
        keeper = usable.groupby(keys, observed=True, sort=False)["_raw"].transform("first")
        dupe = keeper != usable["_raw"]
        replaced_by.loc[usable.index[dupe]] = keeper[dupe].to_numpy()
    return replaced_by


def decide(*, empty: pd.Series, test: pd.Series, match: pd.Series,
           replaced_by: pd.Series) -> pd.Series:
    """The quarantine reason per raw row (NA = kept), checks in the order of :data:`REASONS`."""
    reason = pd.Series(pd.NA, index=empty.index, dtype="str")
    checks = [
        ("leeg", empty),
        ("test", test),
        ("gemeente_leeg", match.eq("empty")),
        ("gemeente_onbekend", match.eq("unknown")),
        ("gemeente_dubbelzinnig", match.eq("ambiguous")),
        ("dubbel", replaced_by.notna()),
    ]
    for code, mask in checks:
        reason = reason.mask(reason.isna() & mask.fillna(False).astype(bool), code)
    return reason.astype(pd.CategoricalDtype(list(REASONS)))


def content_hash(frame: pd.DataFrame) -> pd.Series:
    """A hash of a row's answers, to recognise a form submitted twice without identity."""
    # Per column: the distinct texts are hashed (a few hundred, not a million) and the hashes
    # mapped back by the rows' codes; missing gets its own constant. The columns are combined
    # FNV-style (wrapping uint64 arithmetic).
    combined = np.zeros(len(frame), dtype=np.uint64)
    for key in frame.columns:
        codes, uniques = distinct(frame[key])
        hashed = pd.util.hash_array(uniques.to_numpy(zero_copy_only=False))
        combined = ((combined * np.uint64(0x100000001B3))
                    ^ per_row(codes, hashed, np.uint64(0x9E3779B97F4A7C15)))
    return pd.Series(combined, index=frame.index)

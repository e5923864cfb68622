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
from pmg_analysis.io.distinct import distinct, per_row

# Reason codes in the order the checks run, with the Dutch text written to quarantine.csv.
REASONS: dict[str, str] = {
    "leeg": "Lege inzending: geen enkele vraag beantwoord",
    "test": "Testinzending",
    "gemeente_leeg": "Geen gemeente ingevuld",
    "gemeente_onbekend": "Gemeente niet herkend",
    "gemeente_dubbelzinnig": "Gemeente niet eenduidig: past bij meer dan een gemeente",
    "herinzending": "Herinzending: dezelfde respondent (zelfde e-mailadres of naam) vulde later "
                    "opnieuw in; de laatste volledige inzending telt",
    "dubbel": "Dubbele inzending: dezelfde antwoorden, ook in de open vragen, nog eens "
              "ingestuurd zonder naam of e-mailadres (de laatste volledige telt)",
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


def resubmissions(candidates: pd.DataFrame) -> pd.DataFrame:
    """Rows superseded by another submission of the same respondent.

    ``candidates`` has columns gemeente_code, email and name (normalised, NA if not given; see
    :mod:`pmg_analysis.clean.personal`), content_hash, has_text (some free text answered),
    is_partial, submitted_at and an index of raw rows. Within a municipality two rows are one
    respondent when they share the e-mail address, or the name while no two e-mail addresses
    are given under it (a second submission with only the name is the same person as a first
    one with name and e-mail), and so on along such links. Anonymous rows are one respondent
    when every answer, free text included, is the same: identical closed answers alone never
    make two people one (colleagues tick the same boxes), nor do identical answers under two
    e-mail addresses or names.

    Of each respondent the latest complete submission is kept (complete beats partial, then
    later beats earlier, then the later row in the file). Returns, per row, ``vervangen_door``
    (the raw row that replaces it, NA if kept) and ``soort`` (``herinzending`` when the
    respondent was recognised by e-mail or name, ``dubbel`` for an anonymous repeat).
    """
    n = len(candidates)
    raw = candidates.index.to_numpy()
    out = pd.DataFrame({"vervangen_door": pd.Series(pd.NA, index=candidates.index,
                                                    dtype="Int64"),
                        "soort": pd.Series(pd.NA, index=candidates.index, dtype="str")})
    if n == 0:
        return out
    label, known = _respondents(candidates)
    order = pd.DataFrame({"label": label, "partial": candidates["is_partial"].to_numpy(),
                          "at": candidates["submitted_at"].to_numpy(), "raw": raw})
    repeated = order[order.duplicated("label", keep=False).to_numpy()]
    repeated = repeated.sort_values(["partial", "at", "raw"], ascending=[True, False, False],
                                    na_position="last", kind="stable")
    keeper = repeated.groupby("label", sort=False)["raw"].transform("first")
    recognised = pd.Series(known[repeated.index]).groupby(
        repeated["label"].to_numpy()).transform("any").to_numpy()
    dupe = (keeper != repeated["raw"]).to_numpy()
    rows = raw[repeated.index.to_numpy()[dupe]]
    out.loc[rows, "vervangen_door"] = keeper.to_numpy()[dupe]
    out.loc[rows, "soort"] = np.where(recognised[dupe], "herinzending", "dubbel")
    return out


def _respondents(candidates: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per row of ``candidates`` (see :func:`resubmissions`): the respondent, as the smallest
    position of the rows linked to it, and whether an e-mail address or name was given."""
    # every key as integer codes (-1 = not given), so the groups below are numpy work
    muni = pd.factorize(candidates["gemeente_code"])[0].astype(np.int64)
    email = pd.factorize(candidates["email"])[0].astype(np.int64)
    name = pd.factorize(candidates["name"])[0].astype(np.int64)
    content = pd.factorize(candidates["content_hash"])[0].astype(np.int64)
    by_email = _groups(muni, email)
    # a name joins rows only while the name's rows give at most one e-mail address
    by_name = _groups(muni, name)
    by_name = np.where(_distinct_per_group(by_name, email) <= 1, by_name, -1)
    by_content = _groups(muni, content, candidates["has_text"].to_numpy(dtype=bool))
    one_person = ((_distinct_per_group(by_content, email) <= 1)
                  & (_distinct_per_group(by_content, name) <= 1))
    by_content = np.where(one_person, by_content, -1)
    return _connected([by_email, by_name, by_content]), (email >= 0) | (name >= 0)


def _groups(muni: np.ndarray, key: np.ndarray, allowed: np.ndarray | None = None) -> np.ndarray:
    """Group number per row (-1: no group) of the rows of one municipality ``muni`` sharing
    ``key`` (both integer codes, -1 = not given), among the ``allowed`` rows."""
    ok = (key >= 0) & (muni >= 0) & (True if allowed is None else allowed)
    ids = np.full(len(key), -1, dtype=np.int64)
    if ok.any():
        ids[ok] = pd.factorize(muni[ok] * (int(key.max()) + 1) + key[ok])[0]
    return ids


def _distinct_per_group(ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Per row: how many distinct given ``values`` the rows of its group hold."""
    at = (ids >= 0) & (values >= 0)
    base = int(values.max()) + 1
    pairs = pd.unique(ids[at] * base + values[at])  # each (group, value) once
    count = np.bincount(pairs // base, minlength=max(1, int(ids.max()) + 1))
    return np.where(ids >= 0, count[np.maximum(ids, 0)], 0)


def _connected(groupings: list[np.ndarray]) -> np.ndarray:
    """Rows linked by any of the ``groupings`` (group number per row, -1: none), directly or
    along a chain: every row takes the smallest row position of its groups until none changes.

    >>> _connected([np.array([0, 0, -1, -1]), np.array([-1, 0, 0, -1])]).tolist()
    [0, 0, 0, 3]
    """
    n = len(groupings[0])
    label = np.arange(n)
    for _ in range(n + 1):
        before = label.copy()
        for ids in groupings:
            at = ids >= 0
            if at.any():
                smallest = np.full(int(ids.max()) + 1, n, dtype=np.int64)  # n: no row yet
                np.minimum.at(smallest, ids[at], label[at])
                label[at] = smallest[ids[at]]
        if np.array_equal(label, before):
            break
    return label


def decide(*, empty: pd.Series, test: pd.Series, match: pd.Series,
           replaced: pd.Series) -> pd.Series:
    """The quarantine reason per raw row (NA = kept), checks in the order of :data:`REASONS`;
    ``replaced`` is the kind of superseded submission (see :func:`resubmissions`)."""
    reason = pd.Series(pd.NA, index=empty.index, dtype="str")
    checks = [
        ("leeg", empty),
        ("test", test),
        ("gemeente_leeg", match.eq("empty")),
        ("gemeente_onbekend", match.eq("unknown")),
        ("gemeente_dubbelzinnig", match.eq("ambiguous")),
        ("herinzending", replaced.eq("herinzending")),
        ("dubbel", replaced.eq("dubbel")),
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

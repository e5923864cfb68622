"""Keeping personal data out: redaction of free text and pseudonymous response ids.

Patterns are RE2-compatible so that pandas' Arrow-backed strings run them vectorised
(``pyarrow.compute.replace_substring_regex``); one call handles a million texts.
"""

from __future__ import annotations

import hashlib
import re
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.io.distinct import categorical, distinct

EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
# Dutch phone numbers: 10 digits starting with 0 (06-12345678, 030 123 4567, 0301234567) or the
# international forms +31 / 0031 with an optional "(0)"; spaces, dashes and dots between digits.
PHONE = (
    r"(?:\+31|\b0031)[ \-.]?(?:\(0\)[ \-.]?)?\d(?:[ \-.]?\d){8}\b"
    r"|\b0(?:[ \-.]?\d){9}\b"
    r"|\(0\d{2,3}\)[ \-.]?\d(?:[ \-.]?\d){5,6}\b"
)
IPV4 = r"\b(?:\d{1,3}\.){3}\d{1,3}\b"
# Dutch family-name particles are never redacted on their own ("de", "van" ...).
_PARTICLES = frozenset({"de", "der", "den", "van", "von", "het", "ter", "ten", "te", "in", "op",
                        "la", "le", "du", "da", "di", "'t", "t"})


# Cheap tests that every text with an e-mail address / a phone number or IP address passes;
# the full patterns then run only on those texts.
_MAY_HAVE_EMAIL = "@"
_MAY_HAVE_NUMBER = r"\d[ \-.()]{0,2}\d[ \-.()]{0,2}\d"


def _expand(text: pd.Series, codes: np.ndarray, before: pa.Array, after: pa.Array
            ) -> pd.Series:
    """``text`` with the redacted distinct texts mapped back: ``after[codes]`` (a categorical
    ``text`` gives a categorical of the redacted texts that rows use: no original is kept).

    ``before`` are the distinct texts (redaction works on those, as many answers repeat, and
    maps back), ``after`` the same after redaction (longer when row-specific variants were
    appended). Only rows whose text changed are replaced: most
    texts contain no personal data, and copying ``text`` is cheaper than gathering every row.
    """
    if isinstance(text.dtype, pd.CategoricalDtype):  # stays categorical: new categories
        return pd.Series(categorical(codes, after), index=text.index)
    changed = np.ones(len(after), dtype=bool)
    changed[:len(before)] = pc.not_equal(before, after.slice(0, len(before))).to_numpy(
        zero_copy_only=False)
    rows = codes >= 0
    rows[rows] = changed[codes[rows]]
    arr = pa.array(text.astype("str"), type=pa.large_string(), from_pandas=True)
    chunks = arr.chunks if isinstance(arr, pa.ChunkedArray) else [arr]
    out, start = [], 0
    for chunk in chunks:  # chunk by chunk: chunks without a change are kept as they are
        hit = rows[start:start + len(chunk)]
        if hit.any():
            new = after.take(pa.array(codes[start:start + len(chunk)][hit]))
            chunk = pc.replace_with_mask(chunk, pa.array(hit), new.cast(chunk.type))
        out.append(chunk)
        start += len(chunk)
    return pd.Series(pd.array(pa.chunked_array(out, type=pa.large_string()), dtype="str"),
                     index=text.index)


# Regex work runs in two halves on two threads (Arrow's kernels release the GIL).
_THREADS = 2


def _in_halves(arr: pa.Array, work) -> pa.Array:
    """``work`` (Arrow array -> Arrow array, row by row) applied to two halves in parallel."""
    half = (len(arr) + 1) // 2
    with ThreadPoolExecutor(_THREADS) as pool:
        parts = list(pool.map(work, [arr.slice(0, half), arr.slice(half)]))
    return pa.concat_arrays([p.combine_chunks() if isinstance(p, pa.ChunkedArray) else p
                             for p in parts])


def _replace_where(arr: pa.Array, candidates: np.ndarray, replace) -> pa.Array:
    """Apply ``replace`` (Arrow array -> Arrow array) to the rows in ``candidates`` only."""
    if not candidates.any():
        return arr
    mask = pa.array(candidates)
    return pc.replace_with_mask(arr, mask, replace(arr.filter(mask)))


def _candidates(arr: pa.Array, pattern: str) -> np.ndarray:
    return pc.fill_null(pc.match_substring_regex(arr, pattern), False).to_numpy(
        zero_copy_only=False)


def _redact_patterns_arrow(arr: pa.Array, config: CleanConfig) -> pa.Array:
    """E-mail addresses, phone numbers and IPv4 addresses replaced in an Arrow array."""
    def sub(pattern: str, key: str):
        return lambda a: pc.replace_substring_regex(a, pattern=pattern,
                                                    replacement=config.markers[key])

    def redact(part: pa.Array) -> pa.Array:
        # e-mail first: an address may contain digits that look like a phone number
        part = _replace_where(part, _candidates(part, _MAY_HAVE_EMAIL), sub(EMAIL, "email"))
        numbers = _candidates(part, _MAY_HAVE_NUMBER)
        return _replace_where(part, numbers, lambda a: sub(PHONE, "phone")(sub(IPV4, "ip")(a)))

    return _in_halves(arr, redact)


def redact_patterns(text: pd.Series, config: CleanConfig = CleanConfig()) -> pd.Series:
    """Replace e-mail addresses, Dutch phone numbers and IPv4 addresses by markers."""
    codes, uniques = distinct(text)
    return _expand(text, codes, uniques, _redact_patterns_arrow(uniques, config))


def redact_text(text: pd.Series, names: pd.Series | None,
                config: CleanConfig = CleanConfig()) -> pd.Series:
    """:func:`redact_patterns`, then :func:`redact_names` (when ``names`` is given), with the
    distinct texts worked out once."""
    codes, before = distinct(text)
    after = _redact_patterns_arrow(before, config)
    if names is not None:
        codes, after = _redact_names_coded(codes, after, names, config)
    return _expand(text, codes, before, after)


def _name_parts(name: str) -> tuple[list[str], list[str]]:
    """The tokens of a name and its distinctive parts, capitalised as names are written."""
    tokens = [t for t in re.split(r"[\s,]+", name.strip()) if t]
    parts = sorted({t[:1].upper() + t[1:] for t in tokens
                    if t.casefold() not in _PARTICLES and len(t) >= 3
                    and any(ch.isalpha() for ch in t)}, key=lambda p: (-len(p), p))
    return tokens, parts


def name_pattern(name: str) -> str | None:
    """A whole-word pattern for a person's full name and its distinctive parts, as written
    with capitals ("Groot" in "Jeroen de Groot", not the ordinary word "groot": many Dutch
    surnames are ordinary words too)."""
    tokens, parts = _name_parts(name)
    if not parts:
        return None
    full = r"\s+".join(re.escape(t) for t in tokens)
    # \b in RE2 is ASCII-only; names with accents still match because the boundary sits on the
    # surrounding spaces/punctuation.
    return r"\b(?:" + "|".join([full, *(re.escape(p) for p in parts)]) + r")\b"


def redact_names(text: pd.Series, names: pd.Series,
                 config: CleanConfig = CleanConfig()) -> pd.Series:
    """Replace each row's own respondent name (``names``, aligned with ``text``) by ``[naam]``."""
    codes, before = distinct(text)
    codes, after = _redact_names_coded(codes, before, names, config)
    return _expand(text, codes, before, after)


def _redact_names_coded(codes: np.ndarray, uniques: pa.Array, names: pd.Series,
                        config: CleanConfig) -> tuple[np.ndarray, pa.Array]:
    """Name redaction on texts as codes into distinct texts (see
    :func:`~pmg_analysis.io.distinct.distinct`): new codes and distinct texts.

    One pass with the union of all names' parts (literal words, fast in RE2) over the distinct
    texts finds the few rows that may mention a respondent; their distinct (text, own name)
    pairs are grouped by name and replaced with that name's pattern. The redacted variants are
    appended to the distinct texts and those rows' codes point to them.
    """
    has = names.notna().to_numpy() & (codes >= 0)
    patterns = {n: name_pattern(n) for n in pd.unique(names[has].astype("str"))}
    patterns = {n: p for n, p in patterns.items() if p is not None}
    if not patterns:
        return codes, uniques
    union = sorted({p for n in patterns for p in _name_parts(n)[1]}, key=lambda p: (-len(p), p))
    union_pattern = r"\b(?:" + "|".join(re.escape(p) for p in union) + r")\b"
    half = (len(uniques) + 1) // 2
    with ThreadPoolExecutor(_THREADS) as pool:  # one big alternation: scan halves in parallel
        mentions = np.concatenate(list(pool.map(lambda a: _candidates(a, union_pattern),
                                                [uniques.slice(0, half), uniques.slice(half)])))
    candidates = has & mentions[np.maximum(codes, 0)]
    candidates &= names.astype("str").isin(list(patterns)).to_numpy()
    rows = np.flatnonzero(candidates)
    if not len(rows):
        return codes, uniques
    name_codes, own = pd.factorize(names.iloc[rows].astype("str").to_numpy(dtype=object),
                                   sort=True)
    # distinct (text, name) pairs among the candidate rows, and per row its pair
    pair_of_row, pairs = pd.factorize(codes[rows].astype(np.int64) * len(own) + name_codes)
    pair_text, pair_name = pairs // len(own), pairs % len(own)
    order = np.argsort(pair_name, kind="stable")
    bounds = np.searchsorted(pair_name[order], np.arange(len(own) + 1))
    grouped = uniques.take(pa.array(pair_text[order]))
    pieces = []
    for u, name in enumerate(own):
        chunk = grouped.slice(bounds[u], bounds[u + 1] - bounds[u])
        pieces.append(pc.replace_substring_regex(chunk, pattern=patterns[name],
                                                 replacement=config.markers["name"]))
    redacted = pa.concat_arrays(pieces).take(pa.array(np.argsort(order)))  # in pair order
    codes = codes.copy()
    codes[rows] = len(uniques) + pair_of_row
    return codes, pa.concat_arrays([uniques, redacted.cast(uniques.type)])


_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def pseudonymise(keys: pd.Series | pd.DataFrame, config: CleanConfig = CleanConfig(), *,
                 namespace: str = "") -> pd.Series:
    """A stable pseudonymous id per key (e.g. the tool's response id and submission time, as
    the columns of a DataFrame; ``namespace`` e.g. the tool's name).

    A keyed hash (SipHash-2-4 as in :func:`pandas.util.hash_pandas_object`, keyed with a digest
    of ``config.pseudonym_key`` and ``namespace``): the same export gives the same ids on every
    run, and without the key the id reveals nothing about the respondent. 64 bits, written as
    ``R`` + 16 hex digits; a collision (probability ~3e-8 for a million responses) raises.
    """
    secret = f"{config.pseudonym_key}|{namespace}".encode()
    hash_key = hashlib.blake2b(secret, digest_size=8).hexdigest()
    hashed = pd.util.hash_pandas_object(keys, index=False, hash_key=hash_key).to_numpy()
    # all hashes distinct: no collision (the usual case; the keys need not be compared then)
    n_hashes = len(pd.unique(hashed))
    if n_hashes != len(keys) and n_hashes != len(keys.drop_duplicates()):  # pragma: no cover
        raise RuntimeError("pseudonymous ids collide; change CleanConfig.pseudonym_key")
    octets = hashed.astype(">u8").view(np.uint8).reshape(-1, 8)
    digits = np.empty((len(hashed), 17), dtype=np.uint8)  # "R" + 16 hex digits per id
    digits[:, 0] = ord("R")
    digits[:, 1::2] = _HEX[octets >> 4]
    digits[:, 2::2] = _HEX[octets & 15]
    # the ASCII bytes become an Arrow string column as they are: fixed offsets, no Python str
    offsets = np.arange(0, 17 * (len(hashed) + 1), 17, dtype=np.int64)
    ids = pa.LargeStringArray.from_buffers(len(hashed), pa.py_buffer(offsets),
                                           pa.py_buffer(digits.tobytes()))
    return pd.Series(pd.array(ids, dtype="str"), index=keys.index)

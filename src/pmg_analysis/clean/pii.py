"""Keeping personal data out: redaction of free text and pseudonymous response ids.

Patterns are RE2-compatible so that pandas' Arrow-backed strings run them vectorised
(``pyarrow.compute.replace_substring_regex``); one call handles a million texts.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pmg_analysis.clean.config import CleanConfig

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


def redact_patterns(text: pd.Series, config: CleanConfig | None = None) -> pd.Series:
    """Replace e-mail addresses, Dutch phone numbers and IPv4 addresses by markers."""
    config = config or CleanConfig()
    arr = pa.array(text.astype("str"), type=pa.large_string(), from_pandas=True)
    # e-mail first: an address may contain digits that look like a phone number
    for pattern, key in ((EMAIL, "email"), (IPV4, "ip"), (PHONE, "phone")):
        arr = pc.replace_substring_regex(arr, pattern=pattern, replacement=config.markers[key])
    return pd.Series(arr.to_pandas(types_mapper=pd.ArrowDtype).array,
                     index=text.index).astype("str")


def name_pattern(name: str) -> str | None:
    """A whole-word pattern for a person's full name (any case) and its distinctive parts.

    Single parts match only as written with a capital ("Groot" in "Jeroen de Groot"), because
    many Dutch surnames are ordinary words too ("groot", "bos", "visser").
    """
    tokens = [t for t in re.split(r"[\s,]+", name.strip()) if t]
    parts = [t for t in tokens if t.casefold() not in _PARTICLES and len(t) >= 3
             and any(ch.isalpha() for ch in t)]
    if not parts:
        return None
    full = r"(?i:" + r"\s+".join(re.escape(t) for t in tokens) + ")"
    capitalised = sorted({re.escape(p[:1].upper() + p[1:]) for p in parts},
                         key=lambda p: (-len(p), p))
    # \b in RE2 is ASCII-only; names with accents still match because the boundary sits on the
    # surrounding spaces/punctuation.
    return r"\b(?:" + "|".join([full, *capitalised]) + r")\b"


def redact_names(text: pd.Series, names: pd.Series, config: CleanConfig | None = None) -> pd.Series:
    """Replace each row's own respondent name (``names``, aligned with ``text``) by ``[naam]``.

    Rows are grouped by name, so the regex engine runs once per distinct name, not once per text.
    """
    config = config or CleanConfig()
    out = text.astype("str").copy()
    has = names.notna() & text.notna()
    if not has.any():
        return out
    names_used = names[has].astype("str")
    codes, uniques = pd.factorize(names_used, sort=True)
    positions = np.flatnonzero(has.to_numpy())
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
    values = out.to_numpy(dtype=object, na_value=None)
    for u, name in enumerate(uniques):
        pattern = name_pattern(name)
        if pattern is None:
            continue
        rows = positions[order[bounds[u]:bounds[u + 1]]]
        chunk = pa.array(values[rows], type=pa.large_string())
        replaced = pc.replace_substring_regex(chunk, pattern=pattern,
                                              replacement=config.markers["name"])
        values[rows] = replaced.to_numpy(zero_copy_only=False)
    return pd.Series(values, index=text.index, dtype="str")


def pseudonymise(keys: pd.Series, config: CleanConfig | None = None) -> pd.Series:
    """A stable pseudonymous id per key (the tool's response id and submission time).

    A keyed BLAKE2b hash: the same export gives the same ids on every run, and the id reveals
    nothing about the respondent. 12 hex characters keep collisions negligible (< 1e-6 for a
    million responses); a collision is detected and raises.
    """
    config = config or CleanConfig()
    key = config.pseudonym_key.encode("utf-8")[:64]
    uniques, inverse = np.unique(keys.astype("str").to_numpy(dtype=object), return_inverse=True)
    ids = np.array(["R" + hashlib.blake2b(str(u).encode("utf-8"), key=key, digest_size=6).hexdigest()
                    for u in uniques], dtype=object)
    if len(set(ids)) != len(ids):  # pragma: no cover - astronomically unlikely
        raise RuntimeError("pseudonymous ids collide; change CleanConfig.pseudonym_key")
    return pd.Series(ids[inverse], index=keys.index, dtype="str")

"""Keeping personal data out: redaction of free text and pseudonymous response ids.

Redaction works on the distinct texts of a column (many answers repeat; see
:mod:`pmg_analysis.io.distinct`) and maps the result back to the rows. In order:

1. e-mail addresses and IPv4 addresses: RE2 patterns that Arrow runs over all texts at once;
2. phone numbers: Google's libphonenumber (``phonenumbers.PhoneNumberMatcher``), which knows
   every way a Dutch number is written and leaves years, amounts and postcodes alone; it is
   slow per call, so only texts with enough digits go to it;
3. what respondents typed in personal fields (:mod:`pmg_analysis.clean.personal`): phone
   numbers in any writing, names in any case and each part of them;
4. person names after cue words such as "wethouder", "bel met" or "met vriendelijke groet"
   (:mod:`pmg_analysis.clean.names`); municipality names survive.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import phonenumbers
import pyarrow as pa
import pyarrow.compute as pc

from pmg_analysis.clean import names as person_names
from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.io.distinct import categorical, distinct
from pmg_analysis.parallel import in_parallel

EMAIL = r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
IPV4 = r"\b(?:\d{1,3}\.){3}\d{1,3}\b"


def _expand(text: pd.Series, codes: np.ndarray, before: pa.Array, after: pa.Array
            ) -> pd.Series:
    """``text`` with the redacted distinct texts mapped back: ``after[codes]`` (a categorical
    ``text`` gives a categorical of the redacted texts that rows use: no original is kept).

    ``before`` are the distinct texts (redaction works on those, as many answers repeat, and
    maps back), ``after`` the same texts after redaction. Only rows whose text changed are
    replaced: most texts contain no personal data, and copying ``text`` is cheaper than
    gathering every row.
    """
    if isinstance(text.dtype, pd.CategoricalDtype):  # stays categorical: new categories
        return pd.Series(categorical(codes, after), index=text.index)
    # which distinct texts redaction changed, and so which rows need their text replaced
    changed = pc.fill_null(pc.not_equal(before, after), False).to_numpy(zero_copy_only=False)
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


def _replace_where(arr: pa.Array, candidates: np.ndarray, replace) -> pa.Array:
    """Apply ``replace`` (Arrow array -> Arrow array) to the rows in ``candidates`` only."""
    if not candidates.any():
        return arr
    mask = pa.array(candidates)
    return pc.replace_with_mask(arr, mask, replace(arr.filter(mask)).cast(arr.type))


def _matches(arr: pa.Array, pattern: str) -> np.ndarray:
    """Which texts contain a match of the RE2 ``pattern`` (missing texts: no)."""
    return pc.fill_null(pc.match_substring_regex(arr, pattern), False).to_numpy(
        zero_copy_only=False)


def _in_halves(arr: pa.Array, work) -> pa.Array:
    """``work`` (Arrow array -> Arrow array of the same length) on the two halves of ``arr`` at
    once (Arrow's regex kernels release the GIL), joined back in order."""
    half = (len(arr) + 1) // 2
    parts = in_parallel([lambda: work(arr.slice(0, half)), lambda: work(arr.slice(half))])
    return pa.concat_arrays([p.combine_chunks() if isinstance(p, pa.ChunkedArray) else p
                             for p in parts])


def _redact_phone_numbers(texts: pa.Array, config: CleanConfig) -> pa.Array:
    """Phone numbers -> marker, found by libphonenumber in the texts that hold at least
    ``config.phone_min_digits`` digits (the others cannot hold a phone number)."""
    marker = config.markers["phone"]

    def redact_one(text: str) -> str:
        found = list(phonenumbers.PhoneNumberMatcher(text, config.phone_region))
        for match in reversed(found):  # from the end: earlier positions stay valid
            text = text[:match.start] + marker + text[match.end:]
        return text

    digits = pc.fill_null(pc.count_substring_regex(texts, r"\d"), 0).to_numpy(
        zero_copy_only=False)
    return _replace_where(texts, digits >= config.phone_min_digits,
                          lambda some: pa.array([redact_one(t) for t in some.to_pylist()]))


def _redact_patterns_arrow(texts: pa.Array, config: CleanConfig) -> pa.Array:
    """E-mail addresses, IPv4 addresses and phone numbers replaced in distinct texts."""
    def sub(pattern: str, key: str):
        return lambda a: pc.replace_substring_regex(a, pattern=pattern,
                                                    replacement=config.markers[key])

    def emails(part: pa.Array) -> pa.Array:  # only texts with an "@" can hold one
        return _replace_where(part, _matches(part, "@"), sub(EMAIL, "email"))

    def ips(part: pa.Array) -> pa.Array:  # only texts with a digit, a dot and a digit
        return _replace_where(part, _matches(part, r"\d\.\d"), sub(IPV4, "ip"))

    # e-mail first: an address may contain digits that look like a phone number; phone numbers
    # before IP addresses: "06.12.34.56.78" has the shape of an IP address
    texts = _redact_phone_numbers(_in_halves(texts, emails), config)
    return _in_halves(texts, ips)


@dataclass(frozen=True)
class Typed:
    """What respondents typed in personal fields, split for scrubbing: names, and phone
    numbers as typed (a whole e-mail address needs nothing: :data:`EMAIL` finds it anywhere)."""

    names: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()


# a phone number as typed: at least six digits, with the separators people use between them
_TYPED_NUMBER = re.compile(r"(?:\+|\b00)?\d(?:[\s().\-/]{0,3}\d){5,}")


def split_typed(values: Iterable[str]) -> Typed:
    """Names and phone numbers in what was typed in personal fields: e-mail addresses and
    numbers taken out, what is left (with at least two letters) is a name.

    Examples
    --------
    >>> split_typed(["Gert van Leeuwen (06-1234 5678)", "g.vanleeuwen@ede.nl"])
    Typed(names=('Gert van Leeuwen',), numbers=('06-1234 5678',))
    """
    names: dict[str, None] = {}
    numbers: dict[str, None] = {}
    for value in map(str, values):
        rest = re.sub(EMAIL, " ", value)
        numbers.update(dict.fromkeys(m.group(0) for m in _TYPED_NUMBER.finditer(rest)))
        # a name keeps its letters, spaces, hyphens, apostrophes and initials' full stops
        rest = re.sub(r"[^\w\s'’.-]|[\d_]", " ", _TYPED_NUMBER.sub(" ", rest))
        rest = re.sub(r"\s+", " ", rest).strip(" .-")
        if sum(ch.isalpha() for ch in rest) >= 2:
            names[rest] = None
    return Typed(tuple(names), tuple(numbers))


def typed_numbers_pattern(numbers: Iterable[str]) -> str | None:
    """One RE2 pattern for the phone numbers typed in personal fields, in any writing: the
    same digits with any separators, national ("06 ...") or international ("+31 6 ...")."""
    variants: set[str] = set()
    for number in numbers:
        digits = re.sub(r"\D", "", number)
        if digits.startswith("0031"):
            digits = digits[2:]
        forms = {digits}
        if digits.startswith("31") and number.lstrip().startswith(("+", "00")):
            forms.add("0" + digits[2:])
        elif digits.startswith("0") and not digits.startswith("00"):
            forms.add("31" + digits[1:])
        variants |= forms
    if not variants:
        return None
    sep = r"[\s().\-/]{0,3}"
    bodies = sorted((sep.join(d) for d in variants), key=lambda b: (-len(b), b))
    return r"(?:\+|\b00|\b)(?:" + "|".join(bodies) + r")\b"


def _redact_typed_numbers(texts: pa.Array, numbers: Iterable[str],
                          config: CleanConfig) -> pa.Array:
    """The phone numbers typed in personal fields -> marker, in whatever writing (a number
    libphonenumber does not take for a phone number is still someone's number)."""
    pattern = typed_numbers_pattern(numbers)
    if pattern is None or not len(texts):
        return texts
    return _replace_where(texts, _matches(texts, pattern), lambda some: pc.replace_substring_regex(
        some, pattern=pattern, replacement=config.markers["phone"]))


def _redact_names_arrow(texts: pa.Array, names: Iterable[str],
                        config: CleanConfig) -> pa.Array:
    """Person names replaced in distinct texts: the ``names`` people gave (an RE2 filter over
    all texts, then a Python pattern that knows where a word with an accent ends), then names
    after cue words (Python, only on texts with a cue word)."""
    marker = config.markers["name"]
    # "anoniem" or "test" in a name field is not a person's name
    not_a_name = {w.casefold() for w in config.anonymous_values + config.test_words}
    names = tuple(n for n in map(str, names) if n.strip().casefold() not in not_a_name)
    compiled, prefilter, known = _known_names(names)
    if compiled is not None:
        candidates = _matches(texts, prefilter)
        texts = _replace_where(texts, candidates, lambda some: pa.array(
            [compiled.sub(marker, t) for t in some.to_pylist()], pa.large_string()))
    cues = person_names.cue_pattern(config.name_cues)
    cued = _matches(texts, person_names.may_have_cue(config.name_cues))
    return _replace_where(texts, cued, lambda some: pa.array([
        person_names.redact_after_cues(t, cues, marker, known) for t in some.to_pylist()]))


@lru_cache(maxsize=4)
def _known_names(names: tuple[str, ...]) -> tuple[re.Pattern | None, str, frozenset[str]]:
    """The compiled pattern of the ``names`` people gave, its RE2 prefilter and their parts;
    worked out once per export (the free text and the quarantine use them both)."""
    pattern = person_names.known_names_pattern(names)
    known = frozenset(p.casefold() for n in names for p in person_names.name_parts(n)[1])
    if pattern is None:
        return None, "", known
    return re.compile(pattern), person_names.prefilter(pattern), known


def redact_text(text: pd.Series, typed: Iterable[str] | None = None,
                config: CleanConfig = CleanConfig()) -> pd.Series:
    """Personal data in free text replaced by markers: e-mail addresses, phone numbers and IPv4
    addresses; then what was ``typed`` in any response's personal fields (the survey's name and
    e-mail questions, the platform's contact columns): phone numbers in any writing and names
    in any case, each part of them too; then names after cue words ("Met vriendelijke groet,
    ...", "wethouder ..."); the distinct texts worked out once.

    Examples
    --------
    >>> redact_text(pd.Series(["Bel jeroen op 010 - 498 7654."]), ["Jeroen de Groot"]).iloc[0]
    'Bel [naam] op [telefoon].'
    """
    codes, before = distinct(text)
    known = split_typed(typed or ())
    after = _redact_typed_numbers(_redact_patterns_arrow(before, config), known.numbers, config)
    after = _redact_names_arrow(after, known.names, config)
    return _expand(text, codes, before, after)


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
    # Write each 64-bit hash as "R" + 16 hex digits, for all ids at once: the hash's 8 bytes
    # (big-endian, as the hex is read), each byte's high and low half looked up in "0-9a-f".
    octets = hashed.astype(">u8").view(np.uint8).reshape(-1, 8)
    digits = np.empty((len(hashed), 17), dtype=np.uint8)  # one row of ASCII codes per id
    digits[:, 0] = ord("R")
    digits[:, 1::2] = _HEX[octets >> 4]
    digits[:, 2::2] = _HEX[octets & 15]
    # Those ASCII rows, laid end to end, are the bytes of an Arrow string column whose i-th
    # string starts at byte 17 * i: no Python string is made for a million ids.
    offsets = np.arange(0, 17 * (len(hashed) + 1), 17, dtype=np.int64)
    ids = pa.LargeStringArray.from_buffers(len(hashed), pa.py_buffer(offsets),
                                           pa.py_buffer(digits.tobytes()))
    return pd.Series(pd.array(ids, dtype="str"), index=keys.index)

"""The 2017 municipality register and matching of typed municipality names to it.

Respondents type the name of their municipality, so the survey holds "Gemeente Zeist",
"zeist ", "Den Bosch", "Rosendaal" and "Bergen". :func:`match_municipalities` maps such names
to the 388 codes of 1 January 2017 in stages, on the *unique* names only (a million responses
hold a few thousand distinct spellings):

1. ``empty``      nothing left after normalisation;
2. ``exact``      the normalised name equals a normalised register name, also when IJ is
                  written Y ("Harderwyk"), or is a GM code ("GM0355");
3. ``alias``      a common name from ``data/gemeente_aliassen.yaml`` (Den Bosch, Nuenen ...);
4. qualifiers     "Bergen NH", "Hengelo (Ov.)": the name without its province qualifier;
                  a bare name shared by several municipalities ("Bergen") is ``ambiguous``,
                  and a province ("Utrecht (provincie)") is ``unknown`` with the municipality
                  of the same name as candidate — a province is not a municipality;
5. ``fuzzy``      typos, scored with rapidfuzz on normalised names; the best score must reach
                  :attr:`MatchConfig.threshold`, and a runner-up within
                  :attr:`MatchConfig.ambiguity_margin` makes the name ``ambiguous``;
6. ``unknown``    everything else, with near misses as candidates.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

import numpy as np
import pandas as pd
import yaml
from annotated_types import Ge, Interval
from rapidfuzz import fuzz, process

from pmg_analysis import catalog
from pmg_analysis.io.distinct import distinct
from pmg_analysis.io.normalise import strip_diacritics
from pmg_analysis.reasons import setting

MATCH_KINDS: tuple[str, ...] = ("exact", "alias", "fuzzy", "ambiguous", "unknown", "empty")


@dataclass(frozen=True)
class MatchConfig:
    """Settings for :func:`match_municipalities` (scores are 0–100)."""

    threshold: Annotated[float, Interval(ge=0, le=100)] = setting(85.0, reason=(
        "lowest fuzzy score accepted as a match"))
    ambiguity_margin: Annotated[float, Interval(ge=0, le=100)] = setting(3.0, reason=(
        "runner-up this close to the best score -> ambiguous"))
    near_miss: Annotated[float, Interval(ge=0, le=100)] = setting(70.0, reason=(
        "lowest score listed as a candidate for an unknown name"))
    max_candidates: Annotated[int, Ge(0)] = setting(3, reason=(
        "candidates listed for ambiguous / unknown names"))
    scorer: Literal["ratio", "WRatio", "token_sort_ratio"] = setting("ratio", reason=(
        "Plain ratio (edit distance over the whole name): names are short and typed whole; "
        "WRatio scores a name inside a longer one as close (\"Bergen\" - \"Bergen op Zoom\": 90, "
        "ratio 60)."))


# Province qualifiers as respondents write them (normalised) -> canonical short form.
# The register spells the two Bergens "Bergen (NH.)" and "Bergen (L.)".
_PROVINCES: dict[str, tuple[str, ...]] = {
    "gr": ("groningen", "gr", "gn", "grn"),
    "fr": ("friesland", "fryslan", "fr", "fri", "frl"),
    "dr": ("drenthe", "dr", "dre"),
    "ov": ("overijssel", "ov", "o", "ovl", "ovr"),
    "fl": ("flevoland", "fl", "fle", "flv"),
    "gld": ("gelderland", "gld", "gl", "ge", "gdl"),
    "u": ("utrecht", "u", "ut", "utr"),
    "nh": ("noord holland", "nh", "noordholland"),
    "zh": ("zuid holland", "zh", "zuidholland"),
    "z": ("zeeland", "z", "zl", "ze", "zld"),
    "nb": ("noord brabant", "nb", "brabant", "noordbrabant"),
    "l": ("limburg", "l", "lb", "li", "lim", "lg"),
}
_QUALIFIER: dict[str, str] = {form: code for code, forms in _PROVINCES.items() for form in forms}
_PROVINCE_WORDS = frozenset({"provincie", "prov"})
PROVINCE = "provincie"  # pseudo-qualifier: the respondent named a province

_PREFIX_WORDS = frozenset({"gemeente", "gem", "gemeentebestuur", "municipality"})
_APOSTROPHES = str.maketrans({c: "'" for c in "’‘`´′"})
_BRACKETS = re.compile(r"[(\[]([^)\]]*)[)\]]?")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_CODE = re.compile(r"^(?:gm ?)?(\d{1,4})$")


def _plain(text: str) -> str:
    """Casefold, drop diacritics and turn punctuation into single spaces."""
    text = strip_diacritics(text.translate(_APOSTROPHES)).casefold()
    text = text.replace("&", " en ")
    return _NON_ALNUM.sub(" ", text).strip()


def _join_letters(tokens: list[str]) -> list[str]:
    """Join runs of two or more one-letter tokens: 'n h' -> 'nh', 'c a' -> 'ca'."""
    out: list[str] = []
    run: list[str] = []
    for tok in [*tokens, ""]:
        if len(tok) == 1:
            run.append(tok)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if tok:
            out.append(tok)
    return out


def _qualifier(content: str) -> str | None:
    """Canonical qualifier for bracketed text, or None when it is not a province."""
    words = _join_letters(_plain(content).split())
    is_province = bool(words) and words[0] in _PROVINCE_WORDS
    if is_province:
        words = words[1:]
    rest = " ".join(words)
    if rest in _QUALIFIER:
        return _QUALIFIER[rest]
    return PROVINCE if is_province and not rest else None


def normalise_name(s: str) -> str:
    """Normalise a typed municipality name for comparison.

    Casefolds, removes diacritics and punctuation, collapses whitespace, drops "Gemeente"/"gem."
    prefixes, unifies ``'s-``/``s-``/``’s`` and "St."/"Sint", and turns a bracketed province
    into a short trailing qualifier: "Bergen (NH.)" -> "bergen nh", "Gemeente Bergen
    (Limburg)" -> "bergen l", "Provincie Utrecht" / "Utrecht (provincie)" -> "utrecht provincie".
    Other bracketed remarks are dropped. Missing values give "".
    """
    if not isinstance(s, str):
        return ""
    qualifiers = []
    for content in _BRACKETS.findall(s):
        qual = _qualifier(content)
        if qual is not None:
            qualifiers.append(qual)
    base = _BRACKETS.sub(" ", s)
    tokens = _join_letters(_plain(base).split())
    if not tokens:  # only a bracketed remark: keep its words rather than nothing
        tokens = _join_letters(_plain(s).split())
    while tokens and tokens[0] in _PREFIX_WORDS | _PROVINCE_WORDS:
        if tokens.pop(0) in _PROVINCE_WORDS:
            qualifiers.append(PROVINCE)
    while tokens and tokens[-1] in _PREFIX_WORDS:
        tokens.pop()
    if not tokens:
        return ""
    tokens = ["sint" if t == "st" else t for t in tokens]
    return " ".join(tokens + qualifiers[:1])


def _y(norm: str) -> str:
    """IJ and Y are spelling variants in Dutch names ("Harderwyk", "Ysselstein")."""
    return norm.replace("ij", "y")


def split_qualifier(norm: str) -> tuple[str, str | None]:
    """Split a normalised name into (base, canonical province qualifier or None)."""
    words = norm.split()
    for size in (2, 1):
        if len(words) > size:
            tail = " ".join(words[-size:])
            if tail == PROVINCE or tail in _QUALIFIER:
                return " ".join(words[:-size]), _QUALIFIER.get(tail, PROVINCE)
    return norm, None


# --------------------------------------------------------------------------- changes
CHANGE_KINDS = ("samenvoeging", "splitsing", "naamswijziging")

_COLUMNS = {"datum": "datetime64[ns]", "oude_code": "string", "oude_naam": "string",
            "nieuwe_code": "string", "nieuwe_naam": "string", "soort": "string",
            "hoofdkern_naar": "string", "hoofdkern": "string", "bron": "string"}


def load_changes(path: str | Path | None = None) -> pd.DataFrame:
    """The table of municipal changes (default: the packaged
    ``data/gemeentelijke_herindelingen.csv``, 2017-2024).

    Returns
    -------
    DataFrame
        One row per (old municipality, successor): ``datum`` (datetime64), ``oude_code``,
        ``oude_naam``, ``nieuwe_code``, ``nieuwe_naam``, ``soort`` (samenvoeging, splitsing,
        naamswijziging), ``hoofdkern_naar`` and ``hoofdkern`` (splits only), ``bron``; sorted
        by date and old code.
    """
    if path is None:
        ref = resources.files("pmg_analysis").joinpath("data", catalog.MUNICIPAL_CHANGES.file)
        with resources.as_file(ref) as file:
            frame = pd.read_csv(file, comment="#", dtype=str, keep_default_na=False)
    else:
        frame = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    frame = frame.replace("", pd.NA)
    frame["datum"] = pd.to_datetime(frame["datum"], format="%Y-%m-%d")
    frame = frame.astype(_COLUMNS)[list(_COLUMNS)]
    unknown = set(frame["soort"].dropna()) - set(CHANGE_KINDS)
    if unknown:
        raise ValueError(f"unknown kinds of change: {sorted(unknown)}")
    return frame.sort_values(["datum", "oude_code", "nieuwe_code"], ignore_index=True)


# --------------------------------------------------------------------------- register
@cache
def _register() -> pd.DataFrame:
    path = resources.files("pmg_analysis").joinpath("data", catalog.MUNICIPALITY_REGISTER.file)
    with path.open("r", encoding="utf-8") as fh:
        reg = pd.read_csv(fh, comment="#", dtype="string")
    reg = reg.rename(columns={"code": "gemeente_code", "naam": "gemeente_naam"})
    return reg[["gemeente_code", "gemeente_naam"]].reset_index(drop=True)


@cache
def _changes() -> pd.DataFrame:
    """The packaged table of municipal changes since 2017 (read once)."""
    return load_changes()


def _in_force(at: dt.date | pd.Timestamp | None) -> pd.Timestamp | None:
    """The date of the last municipal change on or before ``at`` (None: before the first
    change, or no date: the 2017 register holds). Registers are cached by this date."""
    if at is None or pd.isna(at):
        return None
    dates = _changes()["datum"]
    applied = dates[dates <= pd.Timestamp(at)]
    return None if applied.empty else pd.Timestamp(applied.max())


@cache
def _register_on(last_change: pd.Timestamp | None
                 ) -> tuple[pd.DataFrame, dict[str, tuple[str, ...]]]:
    """The register after every change up to ``last_change``, and each dissolved 2017
    municipality with the live municipalities that took it over (one for a merger, several
    for a split)."""
    reg = _register()
    if last_change is None:
        return reg, {}
    live = dict(zip(reg["gemeente_code"], reg["gemeente_naam"], strict=True))
    successors: dict[str, tuple[str, ...]] = {}
    window = _changes()[_changes()["datum"] <= last_change]
    for _, rows in window.groupby("datum", sort=True):
        for old, hit in rows.groupby("oude_code", sort=True):
            for code, name in zip(hit["nieuwe_code"], hit["nieuwe_naam"], strict=True):
                live.setdefault(str(code), str(name))
            live.pop(str(old), None)
            successors[str(old)] = tuple(dict.fromkeys(str(c) for c in hit["nieuwe_code"]))

    def follow(code: str) -> tuple[str, ...]:
        if code in live:
            return (code,)
        return tuple(dict.fromkeys(c for s in successors.get(code, ()) for c in follow(s)))

    out = pd.DataFrame({"gemeente_code": list(live), "gemeente_naam": list(live.values())},
                       dtype="string").sort_values("gemeente_code", ignore_index=True)
    return out, {old: follow(old) for old in successors}


def load_register(at: dt.date | pd.Timestamp | None = None) -> pd.DataFrame:
    """The municipalities on date ``at``: ``gemeente_code``, ``gemeente_naam`` (string).

    Without a date (or before 1 January 2018) the 388 municipalities of 1 January 2017. On a
    later date the 2017 register with every change of the packaged table of municipal changes
    (:func:`pmg_analysis.rounds.load_changes`) up to that date applied: a new municipality is
    added with its CBS code, a dissolved one removed.

    Examples
    --------
    >>> len(load_register()), len(load_register(dt.date(2023, 3, 1)))
    (388, 342)
    """
    return _register_on(_in_force(at))[0].copy()


def round_date(submitted: pd.Series, version: str | None = None) -> pd.Timestamp | None:
    """The date whose municipalities a round's answers are matched to: the round's last
    submission (every municipality that existed during the round is then known, and the name
    of one dissolved during the round still matches, see :func:`match_municipalities`);
    without any submission time 1 January of the questionnaire's year (``version`` such as
    "2019.1"); None when neither is known (the 2017 register).

    >>> round_date(pd.Series(pd.to_datetime(["2019-02-04", "2019-03-22"])))
    Timestamp('2019-03-22 00:00:00')
    >>> round_date(pd.Series([pd.NaT]), "2017.1")
    Timestamp('2017-01-01 00:00:00')
    """
    last = pd.to_datetime(submitted, errors="coerce").max()
    if pd.notna(last):
        return pd.Timestamp(last).normalize()
    year = str(version or "").split(".")[0]
    return pd.Timestamp(f"{year}-01-01") if year.isdigit() and len(year) == 4 else None


@dataclass(frozen=True)
class _Index:
    codes: tuple[str, ...]
    names: tuple[str, ...]
    exact: dict[str, int]               # normalised register name -> register position
    exact_y: dict[str, int]             # the same with ij -> y
    base: dict[str, tuple[int, ...]]    # name without qualifier -> positions
    qual: tuple[str | None, ...]        # register qualifier per position
    alias: dict[str, tuple[int, ...]]   # normalised alias -> positions
    choice_names: tuple[str, ...]       # fuzzy choices (names and aliases), grouped by position
    choice_pos: np.ndarray              # register position of each choice


@cache
def _index(last_change: pd.Timestamp | None = None) -> _Index:
    """The matching index of the register after ``last_change`` (None: 2017). A dissolved
    municipality's name and aliases become aliases of the municipalities that took it over:
    one successor (a merger) matches, several (a split) make the name ambiguous with the
    successors as candidates."""
    reg, dissolved = _register_on(last_change)
    codes = tuple(reg["gemeente_code"])
    names = tuple(reg["gemeente_naam"])
    pos_of = {c: i for i, c in enumerate(codes)}
    norms = [normalise_name(n) for n in names]
    exact = {n: i for i, n in enumerate(norms)}
    exact_y = {_y(n): i for i, n in enumerate(norms)}
    if not len(exact) == len(exact_y) == len(norms):
        raise ValueError("register names are not unique after normalisation")
    base: dict[str, list[int]] = {}
    quals: list[str | None] = []
    for i, n in enumerate(norms):
        b, q = split_qualifier(n)
        base.setdefault(b, []).append(i)
        quals.append(q)
    text = resources.files("pmg_analysis").joinpath("data/gemeente_aliassen.yaml")
    alias: dict[str, list[int]] = {}
    former = _register().set_index("gemeente_code")["gemeente_naam"]
    named = list(yaml.safe_load(text.read_text("utf-8")).items())
    named += [(code, [str(former[code])]) for code in dissolved]
    for code, aliases in named:
        for target in dissolved.get(code, (code,)):
            for a in aliases:
                hits = alias.setdefault(normalise_name(a), [])
                if pos_of[target] not in hits:  # a name listed twice stays one match
                    hits.append(pos_of[target])
    choices = sorted([(i, n) for i, n in enumerate(norms)]
                     + [(i, a) for a, ps in alias.items() for i in ps])
    return _Index(codes=codes, names=names, exact=exact, exact_y=exact_y,
                  base={k: tuple(v) for k, v in base.items()}, qual=tuple(quals),
                  alias={k: tuple(v) for k, v in alias.items()},
                  choice_names=tuple(n for _, n in choices),
                  choice_pos=np.array([i for i, _ in choices], dtype=np.int64))


# --------------------------------------------------------------------------- matching
@dataclass
class _Result:
    kind: str
    pos: int = -1
    score: float | None = None
    candidates: tuple[int, ...] = ()


def _by_rules(norm: str, ix: _Index) -> _Result | None:
    """Stages 1–4; None when the name needs fuzzy matching."""
    if not norm:
        return _Result("empty")
    if norm in ix.exact:
        return _Result("exact", ix.exact[norm], 100.0)
    if _y(norm) in ix.exact_y:
        return _Result("exact", ix.exact_y[_y(norm)], 100.0)
    code = _CODE.match(norm)
    if code and f"GM{int(code.group(1)):04d}" in ix.codes:
        return _Result("exact", ix.codes.index(f"GM{int(code.group(1)):04d}"), 100.0)
    if norm in ix.alias:
        hits = ix.alias[norm]
        if len(hits) == 1:
            return _Result("alias", hits[0], 100.0)
        return _Result("ambiguous", score=100.0, candidates=hits)
    base, qual = split_qualifier(norm)
    hits = ix.base.get(base, ()) or ix.alias.get(base, ())
    if not hits:
        return None
    if qual == PROVINCE:
        return _Result("unknown", candidates=hits)
    if len(hits) > 1 and qual is not None:
        hits = tuple(i for i in hits if ix.qual[i] == qual) or hits
    if len(hits) == 1:
        return _Result("exact" if base in ix.base else "alias", hits[0], 100.0)
    return _Result("ambiguous", score=100.0, candidates=hits)


def _by_score(queries: list[str], ix: _Index, config: MatchConfig) -> list[_Result]:
    """Stage 5–6 for names the rules could not place, as one score matrix."""
    if not queries:
        return []
    scorer = getattr(fuzz, config.scorer)
    scores = process.cdist(queries, list(ix.choice_names), scorer=scorer, dtype=np.float64)
    starts = np.flatnonzero(np.r_[True, np.diff(ix.choice_pos) != 0])
    per_pos = np.maximum.reduceat(scores, starts, axis=1)  # best choice per municipality
    positions = ix.choice_pos[starts]
    order = np.argsort(-per_pos, axis=1, kind="stable")
    results = []
    for row, ranked in zip(per_pos, order, strict=True):
        best = round(float(row[ranked[0]]), 1)
        second = round(float(row[ranked[1]]), 1)
        top = ranked[: config.max_candidates]
        if best >= config.threshold and best - second > config.ambiguity_margin:
            results.append(_Result("fuzzy", int(positions[ranked[0]]), best))
        elif best >= config.threshold:
            close = [p for p in top if best - row[p] <= config.ambiguity_margin]
            results.append(_Result("ambiguous", score=best,
                                   candidates=tuple(int(positions[p]) for p in close)))
        else:
            near = [p for p in top if row[p] >= config.near_miss]
            results.append(_Result("unknown", score=best,
                                   candidates=tuple(int(positions[p]) for p in near)))
    return results


def match_municipalities(names: pd.Series, config: MatchConfig = MatchConfig(), *,
                         at: dt.date | pd.Timestamp | None = None) -> pd.DataFrame:
    """Match typed municipality names to the register of date ``at`` (None: 2017).

    ``at`` is the round's date (:func:`round_date`): on a later date a municipality formed
    after 2017 (Midden-Groningen, Het Hogeland, Dijk en Waard ...) matches, and the name of a
    dissolved one matches the municipality it merged into (kind ``alias``, as a former
    municipality's name in ``gemeente_aliassen.yaml``) or, when it was split, is ambiguous with
    the successors as candidates.

    Returns a frame with the index of ``names`` and columns ``gemeente_code`` and
    ``gemeente_naam`` (categoricals over the register's municipalities; NA unless the match is
    exact, alias or fuzzy), ``match`` (categorical, one of :data:`MATCH_KINDS`), ``score``
    (Float64, 0–100; NA for empty names) and ``candidates`` (string, "naam (code)" joined by
    "; " for ambiguous names and unknown names with near misses, else NA).
    """
    ix = _index(_in_force(at))
    codes_u, uniques = distinct(names)
    uniques = uniques.to_pylist()
    norms = [normalise_name(u) for u in uniques]
    results: list[_Result | None] = [_by_rules(n, ix) for n in norms]
    todo = [i for i, r in enumerate(results) if r is None]
    for i, r in zip(todo, _by_score([norms[i] for i in todo], ix, config), strict=True):
        results[i] = r
    results.append(_Result("empty"))  # position -1: missing values

    def cand(r: _Result) -> str | None:
        return "; ".join(f"{ix.names[p]} ({ix.codes[p]})" for p in r.candidates) or None

    matched = {"exact", "alias", "fuzzy"}
    pos = np.array([r.pos if r.kind in matched else -1 for r in results], dtype=np.int64)
    kind = np.array([MATCH_KINDS.index(r.kind) for r in results], dtype=np.int8)
    score = pd.array([r.score for r in results], dtype="Float64")
    cands = pd.array([cand(r) for r in results], dtype="string")
    take = np.where(codes_u < 0, len(results) - 1, codes_u)
    row_pos = pos[take]
    out = pd.DataFrame(
        {
            "gemeente_code": pd.Categorical.from_codes(row_pos, categories=list(ix.codes)),
            "gemeente_naam": pd.Categorical.from_codes(row_pos, categories=list(ix.names)),
            "match": pd.Categorical.from_codes(kind[take], categories=list(MATCH_KINDS)),
            "score": score.take(take),
            "candidates": cands.take(take),
        },
        index=names.index,
    )
    return out


def is_municipality_name(text: str) -> bool:
    """Whether ``text`` names a municipality of 2017 (register name, name without province
    qualifier or alias; any case or spelling that :func:`normalise_name` evens out).

    Examples
    --------
    >>> is_municipality_name("zeist"), is_municipality_name("Den Bosch")
    (True, True)
    """
    ix = _index()
    norm = normalise_name(text)
    return bool(norm) and (norm in ix.exact or norm in ix.base or norm in ix.alias)

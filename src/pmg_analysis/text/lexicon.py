"""The editable lexicon (``data/lexicon.yaml``) and the seed passages (``data/seeds.yaml``).

The lexicon is the explainable half of the text coder: Dutch words per theme and per opgave.
:func:`match` finds the entries in texts (stems, inside compounds too) and :func:`explain` lists
them per text, so a researcher sees why a text got its label and what to add to the YAML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from pmg_analysis.instrument import load_instrument
from pmg_analysis.text.prepare import Preparer, content_words, stem, words


@dataclass(frozen=True)
class Entry:
    """One lexicon word (or phrase): where it belongs and its stems."""

    theme: str
    opgave: str | None  # None: the theme's general list
    term: str
    stems: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """Entries per theme and opgave, and the vocabulary (stems) used to split compounds."""

    themes: tuple[str, ...]
    opgaven: tuple[str, ...]
    entries: tuple[Entry, ...]
    vocabulary: frozenset[str]

    def preparer(self) -> Preparer:
        """A :class:`Preparer` that splits compounds against this lexicon's vocabulary."""
        return Preparer(self.vocabulary)


def _read_yaml(path: Path | None, name: str) -> dict:
    if path is None:
        return yaml.safe_load(resources.files("pmg_analysis.text").joinpath("data", name)
                              .read_text(encoding="utf-8"))
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


@cache
def seed_passages() -> dict[str, tuple[str, ...]]:
    """Seed passages per theme code and per opgave id (see ``data/seeds.yaml``).

    A theme's passages: its name, its opgave texts from the instrument, its trends and its opgave
    bullets. An opgave's passages: its instrument text and its bullets.
    """
    seeds = _read_yaml(None, "seeds.yaml")
    ins = load_instrument()
    out: dict[str, tuple[str, ...]] = {}
    for code in ins.theme_codes:
        options = ins[f"{code}_opgaven"].options
        theme = ([ins.theme_name(code)] + [o.text for o in options] + list(seeds["trends"][code])
                 + list(seeds.get("beschrijvingen", {}).get(code, ())))
        for o in options:
            own = (o.text, *seeds["opgaven"].get(o.id, ()))
            out[o.id] = tuple(own)
            theme += own[1:]
        out[code] = tuple(theme)
    return out


@cache
def _packaged() -> Lexicon:
    return _build(_read_yaml(None, "lexicon.yaml"))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The packaged lexicon, or the YAML at ``path`` (same layout: theme -> algemeen/opgaven).

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.themes
    ('EA', 'LD', 'SV', 'EF')
    """
    return _packaged() if path is None else _build(_read_yaml(Path(path), ""))


def _build(doc: dict) -> Lexicon:
    ins = load_instrument()
    themes = ins.theme_codes
    opgaven = tuple(o.id for t in themes for o in ins[f"{t}_opgaven"].options)
    entries: list[Entry] = []
    for theme in themes:
        lists = {None: (doc.get(theme) or {}).get("algemeen") or []}
        lists.update((doc.get(theme) or {}).get("opgaven") or {})
        for opgave, terms in lists.items():
            if opgave is not None and opgave not in opgaven:
                raise ValueError(f"lexicon: onbekende opgave {opgave!r} onder {theme}")
            for term in terms:
                stems = tuple(stem(w) for w in words(str(term)))
                if stems:
                    entries.append(Entry(theme, opgave, str(term), stems))
    seeds = seed_passages()
    vocab = {s for e in entries for s in e.stems}
    vocab |= {stem(w) for passages in seeds.values() for p in passages for w in content_words(p)}
    return Lexicon(themes, opgaven, tuple(entries), frozenset(v for v in vocab if len(v) >= 3))


def _found(stems: list[str], tokens: list[str], lexicon: Lexicon,
           index: dict[str, list[Entry]]) -> list[tuple[Entry, str]]:
    hits: list[tuple[Entry, str]] = []
    for i, s in enumerate(stems):
        for entry in index.get(s, ()):
            n = len(entry.stems)
            if tuple(stems[i:i + n]) == entry.stems:
                hits.append((entry, " ".join(tokens[i:i + n])))
    return hits


@cache
def _index(lexicon: Lexicon) -> dict[str, list[Entry]]:
    index: dict[str, list[Entry]] = {}
    for e in lexicon.entries:
        index.setdefault(e.stems[0], []).append(e)
    return index


def match(texts: Sequence[str], lexicon: Lexicon) -> list[list[tuple[Entry, str]]]:
    """Per text, the lexicon entries found in it with the word(s) that matched."""
    prep = lexicon.preparer()
    index = _index(lexicon)
    out = []
    for text in texts:
        tokens = prep.tokens(text)
        out.append(_found([stem(t) for t in tokens], tokens, lexicon, index))
    return out


def counts(texts: Sequence[str], lexicon: Lexicon) -> tuple[np.ndarray, np.ndarray]:
    """Distinct entries found per text: (n × themes) and (n × opgaven) float arrays.

    An entry counts once per text however often it occurs; an opgave's entries also count for
    its theme (an entry listed twice under one theme counts once for the theme).
    """
    t_pos = {t: i for i, t in enumerate(lexicon.themes)}
    o_pos = {o: i for i, o in enumerate(lexicon.opgaven)}
    by_theme = np.zeros((len(texts), len(t_pos)))
    by_opgave = np.zeros((len(texts), len(o_pos)))
    unique: dict[str, int] = {}
    for text in texts:
        unique.setdefault(text, len(unique))
    found = match(list(unique), lexicon)
    for row, text in enumerate(texts):
        hits = found[unique[text]]
        for theme, _stems in {(e.theme, e.stems) for e, _ in hits}:
            by_theme[row, t_pos[theme]] += 1
        for opgave, _ in {(e.opgave, e.stems) for e, _ in hits if e.opgave}:
            by_opgave[row, o_pos[opgave]] += 1
    return by_theme, by_opgave


def explain_matches(texts: Sequence[str] | pd.Series, lexicon: Lexicon) -> pd.DataFrame:
    """What the lexicon found in each text: one row per text × entry found.

    Columns: ``tekst`` (the index of the text), ``theme``, ``opgave`` (NA for a theme's general
    list), ``term`` (the lexicon entry) and ``gevonden`` (the word in the text that matched, e.g.
    the part of a compound). Texts without a match have no row.

    Examples
    --------
    >>> found = explain_matches(["Meer huurwoningen voor starters"], load_lexicon())
    >>> found[["term", "gevonden"]].iloc[0].tolist()
    ['huurwoning', 'huurwoningen']
    """
    lex = lexicon
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    found = match([str(t) if pd.notna(t) else "" for t in series], lex)
    rows = [(idx, e.theme, e.opgave, e.term, word)
            for idx, hits in zip(series.index, found, strict=True) for e, word in hits]
    frame = pd.DataFrame(rows, columns=["tekst", "theme", "opgave", "term", "gevonden"])
    # entries with one stem ("starter", "starters") are one match
    frame = frame.drop_duplicates(["tekst", "theme", "opgave", "gevonden"]).reset_index(drop=True)
    frame["theme"] = pd.Categorical(frame["theme"], categories=list(lex.themes))
    frame["opgave"] = pd.Categorical(frame["opgave"], categories=list(lex.opgaven))
    return frame

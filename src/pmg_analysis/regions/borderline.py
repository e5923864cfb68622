"""Borderline municipalities: those whose type changes when any single threshold moves by ±10%.

Every numeric setting of :class:`~pmg_analysis.regions.typology.TypologyConfig` (its indicator
definitions included) is moved down and up by ``BorderlineConfig.stap`` (10%), one at a time;
the indicators are recomputed and the rules applied again. A municipality is a *grensgeval*
when at least one of these runs gives it another type. :func:`borderline` returns every such
run as a tidy long table (the ``grensgevallen`` table of the catalog): which municipality, which
setting (``instelling``, dotted), which move (``verschuiving``, e.g. -0.1) and which type it
would get (``positie_anders``). The display layer writes it as
``"mono_min_dominantie -10% -> polycentrisch"`` (:mod:`pmg_analysis.regions.validation_report`).
Settings that do not change any type (the medium-sized bounds, the descriptive comparability
band) never flag anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Annotated

import pandas as pd
from annotated_types import Gt, Lt

from pmg_analysis.reasons import setting
from pmg_analysis.regions.typology import PositieDtype, TypologyConfig


@dataclass(frozen=True)
class BorderlineConfig:
    stap: Annotated[float, Gt(0), Lt(1)] = setting(0.10, reason=(
        "\"Moves by 10%\": a threshold is a choice, and 10% is about the precision with which a "
        "planner could defend any of them (20 km or 22 km, a factor 1.5 or 1.65)."))


def numeric_paths(config: object, prefix: str = "") -> list[str]:
    """Every numeric (int/float, not bool) setting of a nested config dataclass, dotted."""
    paths: list[str] = []
    for f in fields(config):
        value = getattr(config, f.name)
        if is_dataclass(value):
            paths += numeric_paths(value, f"{prefix}{f.name}.")
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            paths.append(prefix + f.name)
    return paths


def moved(config: object, path: str, factor: float) -> object:
    """A copy of ``config`` with the setting at ``path`` multiplied by ``factor`` (ints stay
    ints, rounded).

    Examples
    --------
    >>> moved(TypologyConfig(), "indicators.straal_km", 1.1).indicators.straal_km
    22.0
    """
    head, _, rest = path.partition(".")
    value = getattr(config, head)
    if rest:
        return replace(config, **{head: moved(value, rest, factor)})
    new = round(value * factor) if isinstance(value, int) else value * factor
    return replace(config, **{head: new})


MOVE_COLUMNS: tuple[str, ...] = ("instelling", "verschuiving", "positie_anders")


def borderline(labels: pd.Series, relabel: Callable[[TypologyConfig], pd.Series],
               config: TypologyConfig = TypologyConfig(),  # noqa: B008
               settings: BorderlineConfig = BorderlineConfig()) -> pd.DataFrame:
    """Every single threshold move that gives a municipality another type, one row each.

    ``labels`` are the types under ``config``, indexed by the municipality (the index becomes
    the first column, named after the index, else ``"index"``); ``relabel(config)`` returns the
    types (same order) under another configuration, e.g. by recomputing the indicators and
    classifying. Columns after the key: ``instelling`` (string, the dotted setting),
    ``verschuiving`` (Float64, the relative move: ``-stap`` or ``+stap``) and
    ``positie_anders`` (the type it would get). Rows in the order of ``labels``, then of the
    settings in the config, down before up. A municipality is borderline when it has a row.

    Examples
    --------
    >>> base = pd.Series(["monocentrisch", "polycentrisch"], index=pd.Index(["a", "b"],
    ...                  name="gemeente_code"))
    >>> def relabel(c):
    ...     near = c.nabij_max_bereik > 1.05
    ...     return pd.Series(["nabij_grotere_stad" if near else "monocentrisch", "polycentrisch"])
    >>> borderline(base, relabel).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'gemeente_code': 'a', 'instelling': 'nabij_max_bereik', 'verschuiving': 0.1,
      'positie_anders': 'nabij_grotere_stad'}]
    """
    key = labels.index.name or "index"
    base = labels.astype("string").to_numpy()
    found: list[tuple[int, int, str, float, str]] = []  # (row, run, setting, move, type)
    run = 0
    for path in numeric_paths(config):
        for move in (-settings.stap, settings.stap):
            other = relabel(moved(config, path, 1 + move)).astype("string").to_numpy()
            found += [(int(i), run, path, move, str(other[i]))
                      for i in (base != other).nonzero()[0]]
            run += 1
    found.sort(key=lambda f: (f[0], f[1]))
    rows = [f[0] for f in found]
    return pd.DataFrame({
        key: labels.index.take(rows).to_numpy(),
        "instelling": pd.array([f[2] for f in found], dtype="string"),
        "verschuiving": pd.array([f[3] for f in found], dtype="Float64"),
        "positie_anders": pd.Categorical([f[4] for f in found], dtype=PositieDtype),
    })

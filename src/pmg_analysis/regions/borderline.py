"""Borderline municipalities: those whose type changes when any single threshold moves by ±10%.

Every numeric setting of :class:`~pmg_analysis.regions.typology.TypologyConfig` (its indicator
definitions included) is moved down and up by ``BorderlineConfig.stap`` (10%), one at a time;
the indicators are recomputed and the rules applied again. A municipality is a *grensgeval*
when at least one of these runs gives it another type. ``grensgeval_drempels`` says which
threshold, in which direction, and which type it would get, e.g.
``"mono_min_dominantie -10% -> polycentrisch"``. Settings that do not change any type (the
medium-sized bounds, the descriptive comparability band) never flag anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Annotated

import pandas as pd
from annotated_types import Gt, Lt

from pmg_analysis.regions.typology import TypologyConfig


@dataclass(frozen=True)
class BorderlineConfig:
    # "Moves by 10%": a threshold is a choice, and 10% is about the precision with which a
    # planner could defend any of them (20 km or 22 km, a factor 1.5 or 1.65).
    stap: Annotated[float, Gt(0), Lt(1)] = 0.10


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


def _pct(factor: float) -> str:
    return f"{(factor - 1) * 100:+.0f}%"


def borderline(labels: pd.Series, relabel: Callable[[TypologyConfig], pd.Series],
               config: TypologyConfig = TypologyConfig(),  # noqa: B008
               settings: BorderlineConfig = BorderlineConfig()) -> pd.DataFrame:
    """``grensgeval`` (bool) and ``grensgeval_drempels`` (string, NA when not borderline).

    ``labels`` are the types under ``config``; ``relabel(config)`` returns the types (same
    index) under another configuration, e.g. by recomputing the indicators and classifying.
    Drempels are listed in config order, down before up, joined by ``"; "``.

    Examples
    --------
    >>> base = pd.Series(["monocentrisch", "polycentrisch"])
    >>> def relabel(c):
    ...     near = c.nabij_max_bereik > 1.05
    ...     return pd.Series(["nabij_grotere_stad" if near else "monocentrisch", "polycentrisch"])
    >>> borderline(base, relabel)["grensgeval"].tolist()
    [True, False]
    """
    notes: list[list[str]] = [[] for _ in range(len(labels))]
    base = labels.astype("string").to_numpy()
    for path in numeric_paths(config):
        for factor in (1 - settings.stap, 1 + settings.stap):
            other = relabel(moved(config, path, factor)).astype("string").to_numpy()
            for i in (base != other).nonzero()[0]:
                notes[i].append(f"{path} {_pct(factor)} -> {other[i]}")
    text = pd.array(["; ".join(n) if n else None for n in notes], dtype="string")
    return pd.DataFrame({"grensgeval": [bool(n) for n in notes], "grensgeval_drempels": text},
                        index=labels.index)

"""Rules that turn the indicators into the three positions of the seed.

The rules are applied in order; the first that holds decides:

1. ``nabij_grotere_stad`` — a larger city (>= 2x the population and >= 100,000 inhabitants)
   lies within its reach: ``bereik_grotere_stad <= nabij_max_bereik`` (Zeist, 10 km from Utrecht).
2. ``polycentrisch`` — no such city, but at least ``poly_min_vergelijkbaar`` urban
   municipalities of comparable size within the radius, and the municipality does not dominate
   its surroundings (``aandeel_straal < poly_max_aandeel_straal``): Veenendaal with Ede and
   Wageningen in FoodValley.
3. ``monocentrisch`` — otherwise: the municipality is the town of its own region, surrounded by
   smaller or rural municipalities (Winterswijk, with Aalten and Oost Gelre), or it holds so
   large a share of the people around it that a comparable town nearby does not change that.

Every threshold lives in :class:`TypologyConfig` (indicator definitions in
:class:`~pmg_analysis.regions.indicators.IndicatorConfig`). No municipality is named anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from pmg_analysis.regions.indicators import IndicatorConfig

POSITIE_TYPES: tuple[str, ...] = ("nabij_grotere_stad", "polycentrisch", "monocentrisch")
PositieDtype = pd.CategoricalDtype(list(POSITIE_TYPES), ordered=False)


@dataclass(frozen=True)
class TypologyConfig:
    indicators: IndicatorConfig = field(default_factory=IndicatorConfig)
    # Within the reach of a larger city (distance / reach <= 1, see indicators). Values up to
    # 1 are the suburbs and satellite towns of a city (Zeist 0.7 from Utrecht, Nieuwegein,
    # Purmerend, Helmond); towns only in a larger city's wider orbit (Veenendaal, 20 km from
    # Amersfoort: 1.6) are not "next to" it.
    nabij_max_bereik: float = 1.0
    # One comparable urban municipality nearby already makes a region polycentric: two
    # similar towns in one daily urban system share the regional functions.
    poly_min_vergelijkbaar: int = 1
    # ... unless the municipality holds about a fifth (>= 0.19) of all inhabitants within the
    # radius (0.19 lies in a gap of the distribution: 0.185 | 0.199 Lelystad, Amersfoort):
    # then it is the centre of its region and its comparable neighbour a second town in it
    # (Roermond, Heerenveen, Roosendaal: 0.22-0.24), whereas towns in a network of similar
    # towns hold a tenth or less (Veenendaal 0.10, Ede 0.16, Hengelo and Almelo 0.16-0.17).
    poly_max_aandeel_straal: float = 0.19
    # "Medium-sized" municipalities (the PMG target group): 25,000 to 150,000 inhabitants.
    # Around 25,000-30,000 a municipality usually has one town with regional facilities; the
    # seed's own monocentric example Winterswijk has 28,900, so the bound is 25,000 rather than
    # 30,000. Above 150,000 are the large cities the others are measured against (Amersfoort
    # 154,000, Apeldoorn, Haarlem, Zaanstad and the G4/Groningen/Eindhoven...).
    middelgroot_min_inwoners: int = 25_000
    middelgroot_max_inwoners: int = 150_000


def classify(indicators: pd.DataFrame, config: TypologyConfig = TypologyConfig()) -> pd.Series:
    """``positie_cbs`` (categorical of ``POSITIE_TYPES``) from the indicator columns."""
    near = (indicators["bereik_grotere_stad"].fillna(np.inf) <= config.nabij_max_bereik)
    poly = ((indicators["n_vergelijkbaar"].fillna(0) >= config.poly_min_vergelijkbaar)
            & (indicators["aandeel_straal"].fillna(1.0) < config.poly_max_aandeel_straal))
    labels = np.select([near.to_numpy(bool), poly.to_numpy(bool)],
                       ["nabij_grotere_stad", "polycentrisch"], default="monocentrisch")
    return pd.Series(pd.Categorical(labels, dtype=PositieDtype), index=indicators.index,
                     name="positie_cbs")


def is_middelgroot(inwoners: pd.Series, config: TypologyConfig = TypologyConfig()) -> pd.Series:
    """True for medium-sized municipalities (``middelgroot_min/max_inwoners``, inclusive)."""
    return inwoners.between(config.middelgroot_min_inwoners,
                            config.middelgroot_max_inwoners).fillna(False).astype(bool)

"""Rules that turn the indicators into the three positions of the seed.

The seed's wording, read literally:

* *nabij een grotere stad* — "in de nabijheid van een grotere stad";
* *polycentrisch* — "in een polycentrische regio met steden van vergelijkbare omvang";
* *monocentrisch* — "monocentrische gemeente in een regio met voornamelijk kleinere gemeenten".

The rules are applied in order; the first that holds decides:

1. ``nabij_grotere_stad`` — a larger city (>= 2x the population and >= 100,000 inhabitants)
   lies within its reach: ``bereik_grotere_stad <= nabij_max_bereik`` (Zeist, 10 km from Utrecht).
2. ``polycentrisch`` — the municipality is itself a town (``oad >= poly_min_oad``) and it does
   not dominate its daily urban system: a peer town (urban, within the radius, in the same
   labour-market region, less than twice as large) has at least ``1 / mono_min_dominantie``
   of its population (``dominantie < mono_min_dominantie``). The regional functions are
   shared between towns of comparable size: Veenendaal with Ede in FoodValley.
3. ``monocentrisch`` — otherwise: the municipality is the town of its own daily urban system,
   at least ``mono_min_dominantie`` times as large as any peer town, or it has no peer
   (Winterswijk, whose neighbours Aalten and Oost Gelre are villages, not towns); or it is
   itself rural and belongs to the region of a town.

Dominance is measured against towns, not against the total population of a circle: a rural
surrounding does not make two comparable towns a monocentric region, and many small
municipalities around a centre do not make it polycentric (the two patterns of issue 10).

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
    # Monocentric when at least 1.5x the largest other urban municipality within the radius:
    # a town of at most two-thirds of its size is clearly a smaller town of its region (the
    # seed's "voornamelijk kleinere gemeenten"); one between two-thirds and 1.5x is a town "van
    # vergelijkbare omvang" (within +-50%), one still larger but not a "larger city" in reach
    # (rule 1) a town the municipality shares its region with. The old factor 2 counted a town
    # at two-thirds of the size as comparable, which made regional centres polycentric.
    # Equal to ``IndicatorConfig.vergelijkbaar_factor`` (the descriptive ``n_vergelijkbaar``).
    mono_min_dominantie: float = 1.5
    # A polycentric region is one "met steden van vergelijkbare omvang": the municipality must
    # itself be a town. OAD >= 1,000 addresses/km² is CBS's lower bound of "matig stedelijk"
    # (stedelijkheid 1-3), the same bound that makes a neighbour a town
    # (``IndicatorConfig.vergelijkbaar_min_oad``). A rural municipality of villages near a
    # town belongs to that town's region and is not one of the region's centres.
    poly_min_oad: int = 1_000
    # "Medium-sized" municipalities (the PMG target group): 25,000 to 150,000 inhabitants.
    # Around 25,000-30,000 a municipality usually has one town with regional facilities; the
    # seed's own monocentric example Winterswijk has 28,900, so the bound is 25,000 rather than
    # 30,000. Above 150,000 are the large cities the others are measured against (Amersfoort
    # 154,000, Apeldoorn, Haarlem, Zaanstad and the G4/Groningen/Eindhoven...).
    middelgroot_min_inwoners: int = 25_000
    middelgroot_max_inwoners: int = 150_000


def classify(indicators: pd.DataFrame, config: TypologyConfig = TypologyConfig()) -> pd.Series:
    """``positie_cbs`` (categorical of ``POSITIE_TYPES``) from the indicator columns.

    Needs ``bereik_grotere_stad``, ``dominantie`` (NA: no larger city / no other town) and
    ``oad``.

    Examples
    --------
    >>> ind = pd.DataFrame({"bereik_grotere_stad": [0.7, 1.6, None, 1.6],
    ...                     "dominantie": [1.0, 0.6, None, 0.6],
    ...                     "oad": [1500, 1500, 1500, 700]})
    >>> classify(ind).astype(str).tolist()
    ['nabij_grotere_stad', 'polycentrisch', 'monocentrisch', 'monocentrisch']
    """
    near = (indicators["bereik_grotere_stad"].fillna(np.inf) <= config.nabij_max_bereik)
    poly = ((indicators["dominantie"].fillna(np.inf) < config.mono_min_dominantie)
            & (indicators["oad"].fillna(0) >= config.poly_min_oad))
    labels = np.select([near.to_numpy(bool), poly.to_numpy(bool)],
                       ["nabij_grotere_stad", "polycentrisch"], default="monocentrisch")
    return pd.Series(pd.Categorical(labels, dtype=PositieDtype), index=indicators.index,
                     name="positie_cbs")


def is_middelgroot(inwoners: pd.Series, config: TypologyConfig = TypologyConfig()) -> pd.Series:
    """True for medium-sized municipalities (``middelgroot_min/max_inwoners``, inclusive)."""
    return inwoners.between(config.middelgroot_min_inwoners,
                            config.middelgroot_max_inwoners).fillna(False).astype(bool)

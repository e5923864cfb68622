"""Rules that turn the indicators into the three positions of the seed.

The seed's wording, read literally:

* *nabij een grotere stad* — "in de nabijheid van een grotere stad";
* *polycentrisch* — "in een polycentrische regio met steden van vergelijkbare omvang";
* *monocentrisch* — "monocentrische gemeente in een regio met voornamelijk kleinere gemeenten".

The rules are applied in order; the first that holds decides:

1. ``nabij_grotere_stad`` — a larger city (>= 2x the population and >= 100,000 inhabitants)
   lies within its reach: ``bereik_grotere_stad <= nabij_max_bereik`` (Zeist, 10 km from Utrecht).
2. ``polycentrisch`` — the municipality lies in a daily urban system whose towns share the
   regional functions: the largest town of the system (``centrum``) is less than
   ``mono_min_dominantie`` times as large as the other towns of the system together
   (``dominantie``; towns: urban, within the radius, in the same labour-market region, not a
   satellite of a larger city). A town of such a network is polycentric even when it is its
   largest member (Ede with Veenendaal and Wageningen in FoodValley: 1.1x the other two together);
   Veenendaal is the seed's example. A municipality that is not a town (with core figures: its
   largest core has fewer than ``indicators.stad_min_kern_inwoners`` inhabitants; without them:
   ``oad < poly_min_oad``) is not one of the towns; it takes the position of the central town
   of its system ("een gemeente in een polycentrische regio"): polycentric when that town is.
   With core figures a town is measured by its largest core, also when its municipality has
   many villages (Sneek in Súdwest-Fryslân, Stadskanaal, Veendam).
3. ``monocentrisch`` — otherwise: the municipality is the town of its own daily urban system, at
   least ``mono_min_dominantie`` times as large as the other towns together, or it has no other
   town (Winterswijk, whose neighbours Aalten and Oost Gelre are villages, not towns); or it is a
   smaller town or a rural municipality in the region of such a centre.

Dominance is measured against towns, not against the total population of a circle: a rural
surrounding does not make two comparable towns a monocentric region, and many villages or the
suburbs of a large city around a centre do not make it polycentric (the two patterns of issue
10). Measuring it against the other towns *together* rather than against the largest one reads
a network of several towns as the seed's "regio met steden van vergelijkbare omvang".

Every threshold lives in :class:`TypologyConfig` (indicator definitions in
:class:`~pmg_analysis.regions.indicators.IndicatorConfig`). No municipality is named anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Gt

from pmg_analysis.reasons import setting
from pmg_analysis.regions.indicators import IndicatorConfig, town_figures

POSITIE_TYPES: tuple[str, ...] = ("nabij_grotere_stad", "polycentrisch", "monocentrisch")
PositieDtype = pd.CategoricalDtype(list(POSITIE_TYPES), ordered=False)


@dataclass(frozen=True)
class TypologyConfig:
    indicators: IndicatorConfig = setting(factory=IndicatorConfig, reason=(
        "The indicators the position types are read from (reach of a larger city, cores)."))
    nabij_max_bereik: Annotated[float, Gt(0)] = setting(1.0, reason=(
        "Within the reach of a larger city (distance / reach <= 1, see indicators). Values up to "
        "1 are the suburbs and satellite towns of a city (Zeist 0.7 from Utrecht, Nieuwegein, "
        "Purmerend, Helmond); towns only in a larger city's wider orbit (Veenendaal, 20 km from "
        "Amersfoort: 1.6) are not \"next to\" it."))
    mono_min_dominantie: Annotated[float, Gt(0)] = setting(1.5, reason=(
        "Monocentric when the central town of the daily urban system is at least 1.5x the other "
        "towns of the system together. For two towns this is the comparability band: a town of "
        "at most two-thirds of the centre's size is clearly a smaller town of its region (the "
        "seed's \"voornamelijk kleinere gemeenten\"), one between two-thirds and 1.5x is a town "
        "\"van vergelijkbare omvang\" (within +-50%); for three or more towns it asks whether "
        "the others together weigh as much as a comparable town would. The old factor 2 counted "
        "a town at two-thirds of the size as comparable, which made regional centres "
        "polycentric. Equal to ``IndicatorConfig.vergelijkbaar_factor`` (the descriptive "
        "``n_vergelijkbaar``)."))
    poly_min_oad: Annotated[int, Ge(0)] = setting(1_000, reason=(
        "A polycentric region is one \"met steden van vergelijkbare omvang\": a municipality is "
        "one of those towns when OAD >= 1,000 addresses/km², CBS's lower bound of \"matig "
        "stedelijk\" (stedelijkheid 1-3), the same bound that makes a neighbour a town "
        "(``IndicatorConfig.vergelijkbaar_min_oad``). A rural municipality of villages is not "
        "one of the region's towns; it belongs to the region of its central town and takes its "
        "type. This bound applies where there are no core figures; with them the size of the "
        "largest core decides (``IndicatorConfig.stad_min_kern_inwoners``)."))
    middelgroot_min_inwoners: Annotated[int, Ge(0)] = setting(25_000, reason=(
        "\"Medium-sized\" municipalities (the PMG target group): 25,000 to 150,000 inhabitants. "
        "Around 25,000-30,000 a municipality usually has one town with regional facilities; the "
        "seed's own monocentric example Winterswijk has 28,900, so the bound is 25,000 rather "
        "than 30,000. Above 150,000 are the large cities the others are measured against "
        "(Amersfoort 154,000, Apeldoorn, Haarlem, Zaanstad and the G4/Groningen/Eindhoven...)."))
    middelgroot_max_inwoners: Annotated[int, Ge(0)] = setting(150_000, reason=(
        "The upper end of the range above: from 150,000 a municipality is a large city."))


def classify(indicators: pd.DataFrame, config: TypologyConfig = TypologyConfig()) -> pd.Series:
    """``positie_cbs`` (categorical of ``POSITIE_TYPES``) from the indicator columns.

    Needs ``gemeente_code``, ``bereik_grotere_stad``, ``dominantie`` (NA: fewer than two towns
    in the system), ``centrum_code`` (NA: no town in the system) and ``oad``.

    Examples
    --------
    >>> ind = pd.DataFrame({"gemeente_code": ["A", "B", "C", "D", "E"],
    ...                     "bereik_grotere_stad": [0.7, 1.6, None, 1.6, 1.6],
    ...                     "dominantie": [1.0, 1.1, None, 1.1, 2.5],
    ...                     "centrum_code": ["A", "B", "C", "B", "E"],
    ...                     "oad": [1500, 1500, 1500, 700, 700]})
    >>> classify(ind).astype(str).tolist()
    ['nabij_grotere_stad', 'polycentrisch', 'monocentrisch', 'polycentrisch', 'monocentrisch']
    """
    near = (indicators["bereik_grotere_stad"].fillna(np.inf) <= config.nabij_max_bereik
            ).to_numpy(bool)
    shared = (indicators["dominantie"].fillna(np.inf) < config.mono_min_dominantie
              ).to_numpy(bool)
    town, _ = town_figures(indicators, config.indicators, config.poly_min_oad)
    town = np.nan_to_num(town, nan=0).astype(bool)
    poly_town = town & shared & ~near
    # A rural municipality takes the type of its central town (a town of the same table).
    codes = pd.Index(indicators["gemeente_code"].astype("string"))
    centre = codes.get_indexer(pd.Index(indicators["centrum_code"].astype("string")))
    centre_poly = np.where(centre >= 0, poly_town[np.maximum(centre, 0)], False)
    poly = poly_town | (~town & centre_poly)
    labels = np.select([near, poly], ["nabij_grotere_stad", "polycentrisch"],
                       default="monocentrisch")
    return pd.Series(pd.Categorical(labels, dtype=PositieDtype), index=indicators.index,
                     name="positie_cbs")


def is_middelgroot(inwoners: pd.Series, config: TypologyConfig = TypologyConfig()) -> pd.Series:
    """True for medium-sized municipalities (``middelgroot_min/max_inwoners``, inclusive)."""
    return inwoners.between(config.middelgroot_min_inwoners,
                            config.middelgroot_max_inwoners).fillna(False).astype(bool)

"""Indicators of a municipality's position in its region, for all municipalities at once.

Notation: for municipality *i*, ``P_i`` = inhabitants (``inwoners``), ``O_i`` = address density
of the surroundings (``oad``), ``d_ij`` = distance in km between the centroids in RD New,
``N(i)`` = the neighbours of *i* (boundaries within the neighbour tolerance).

* ``grotere_stad`` of *i*: any *j* with ``P_j >= max(factor * P_i, min_inwoners)``
  (default: at least twice as large and at least 100,000 inhabitants).
* ``afstand_grotere_stad_km`` = ``min_j d_ij`` over those *j* (NA when none exists);
  ``grotere_stad_code``/``_naam`` name that nearest one.
* ``grotere_stad_is_buur``: one of those *j* is in ``N(i)``.
* ``bereik_grotere_stad`` = ``min_j d_ij / (reach_km * sqrt(P_j / 100,000))``: the distance to
  a larger city relative to that city's reach. A city's pull falls with distance squared and
  grows with its size (gravity model), so the distance at which it is equally strong grows
  with ``sqrt(P_j)``; values <= 1 mean *i* lies within the reach of a larger city.
* *towns*: with core figures (``kern_bron == "kernen"``, see ``kernen``), municipalities
  whose largest core has at least ``stad_min_kern_inwoners`` (20,000) inhabitants; without
  them, municipalities with ``O_j >= vergelijkbaar_min_oad`` (1,000 addresses/km² is CBS's
  lower bound of "matig stedelijk"). A town's size ``T_j`` is its largest core's population
  (``kern_inwoners``; ``P_j`` without core figures); dominance, the centre and the largest
  peer are measured in ``T``. A *satellite* is a town within the reach of a larger city
  (``bereik_grotere_stad <= satelliet_max_bereik``, rule 1 of the typology): a suburb or growth
  centre of that city, not a centre of its own region.
* *peers* of *i* (``R(i)`` = its functional region, by default the arbeidsmarktregio): the towns
  *j != i* with ``d_ij <= radius_km`` and ``R(j) = R(i)`` that are not satellites. Together with
  *i* itself when it is a town they are the towns of its daily urban system, ``S(i)``
  (``n_steden`` = ``|S(i)|``).
* ``centrum_code``/``_naam``: the largest town of ``S(i)`` (*i* itself when it is the largest;
  NA when ``S(i)`` is empty).
* ``dominantie`` = ``T_c / sum_{j in S(i), j != c} T_j`` for that centre *c*: how many times
  larger the centre is than the other towns of the system *together* (NA when ``S(i)`` has fewer
  than two towns). A network of several towns (Ede with Veenendaal and Wageningen) is not
  dominated by its largest member even when each of the others is much smaller; villages around
  a town (Winterswijk's rural neighbours) and suburbs of a large city do not count, however many
  inhabitants their municipalities have.
* ``stedelijke_buur_code``/``_naam``: the largest peer (descriptive).
* ``stad``: the municipality itself counts as a town (the test above).
* ``n_vergelijkbaar``: the number of peers with ``1/factor <= T_j / T_i <= factor`` (towns of
  comparable size in the municipality's daily urban system).
* ``gewicht_inwoners`` = ``P_i / mean_{j in N(i)} P_j``; ``gewicht_oad`` likewise with ``O``:
  the municipality's weight relative to its neighbours (> 1: heavier than its average neighbour).
* ``aandeel_straal`` = ``P_i / sum_{j: d_ij <= radius_km} P_j`` (*i* included): its share of
  the population within the radius (descriptive; the rules do not use it).

Everything is computed with dense ``n x n`` arrays (388 municipalities: ~150,000 cells).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Gt

from pmg_analysis.reasons import setting


@dataclass(frozen=True)
class IndicatorConfig:
    grotere_stad_factor: Annotated[float, Ge(1)] = setting(2.0, reason=(
        "\"A larger city\" as in the seed (Zeist next to Utrecht): at least twice the "
        "municipality's population and a city in its own right (>= 100,000 inhabitants, the "
        "G40/large-city size)."))
    grotere_stad_min_inwoners: Annotated[int, Ge(0)] = setting(100_000, reason=(
        "The \"city in its own right\" part of the rule above: at least 100,000 inhabitants."))
    bereik_km_per_100k: Annotated[float, Gt(0)] = setting(10.0, reason=(
        "Reach of a city of 100,000 inhabitants, in km between centroids; a city of 400,000 "
        "reaches twice as far (sqrt law, see module docstring): Utrecht (343,000) 18.5 km, "
        "Amsterdam (844,000) 29 km. 10 km is about the distance from the centroid of a city of "
        "100,000 to the centroids of the municipalities that border it. With 12 km, regional "
        "centres 30 km from Amsterdam (Hoorn, Alkmaar) would count as its suburbs; with 8 km, "
        "Helmond (14 km from Eindhoven) would not. The same reach marks satellites: a town "
        "within a larger city's reach is not counted as a town of another centre's urban system."))
    straal_km: Annotated[float, Gt(0)] = setting(20.0, reason=(
        "\"Nearby\" for comparable municipalities and population shares: 20 km between "
        "centroids, the scale of a daily urban system (commuting, shopping) in the Netherlands."))
    vergelijkbaar_factor: Annotated[float, Ge(1)] = setting(1.5, reason=(
        "\"Comparable size\" (``n_vergelijkbaar``, descriptive): at most a factor 1.5 larger or "
        "smaller. A town at two-thirds of a municipality's size is clearly the smaller of the "
        "two (the seed's \"voornamelijk kleinere gemeenten\"); the old factor 2 (the \"larger "
        "city\" factor) counted it as comparable and made regional centres look polycentric. The "
        "rule itself uses the same notion through ``TypologyConfig.mono_min_dominantie``."))
    vergelijkbaar_min_oad: Annotated[int, Ge(0)] = setting(1_000, reason=(
        "A town of an urban system (and a comparable municipality) must itself be urban: OAD >= "
        "1,000 addresses/km² (CBS stedelijkheid classes 1-3). This separates a town from a rural "
        "municipality of the same population made of villages (Winterswijk's neighbours Aalten "
        "and Oost Gelre)."))
    functionele_regio: str | None = setting("arbeidsmarktregio_code", reason=(
        "The functional region a town shares with its peers (column of the municipality table): "
        "the CBS labour-market region (arbeidsmarktregio, 35 regions delineated on commuting). "
        "Together with the radius it bounds the daily urban system: a town just across a "
        "labour-market boundary (another region's centre) is not a peer, and in the large "
        "one-region provinces (Friesland, Zeeland) the radius still keeps it local. COROP areas "
        "are too coarse here (COROP Utrecht is the whole province) and split FoodValley, whose "
        "towns the seed names as one region. None: the radius alone."))
    stad_min_kern_inwoners: Annotated[int, Ge(0)] = setting(20_000, reason=(
        "With population per core (``kern_bron == \"kernen\"``) a municipality is a town when "
        "its largest core has at least this many inhabitants, whatever the density of the "
        "municipality as a whole: its town is then judged as a town, not averaged with its "
        "villages and countryside (Sneek 31,915 in Súdwest-Fryslân, OAD of the municipality "
        "862). Density does not decide here: ribbon-built towns of the north-east are thin "
        "(Stadskanaal 21,275 at a core OAD of 936, Veendam/Wildervank 24,575 at 974), while "
        "large villages have dense cores (Ermelo 1,088, Putten 1,099). 20,000 is the bound of "
        "CBS's size classes of the cores (10,000-20,000 / 20,000-50,000) and the usual lower "
        "bound of a \"kleine stad\" with regional facilities (secondary schools, a hospital, a "
        "regional shopping centre); the villages of a rural municipality stay below it (Aalten "
        "12,520, Lichtenvoorde 12,365). Without core figures the municipal OAD bound above "
        "decides, as before."))
    stad_omvang: str = setting("kern", reason=(
        "The size of a town in its urban system: its largest core (\"kern\": \"steden van "
        "vergelijkbare omvang\" compares towns, not towns plus the villages merged with them; "
        "municipalities without core figures use their municipal population) or the whole "
        "municipality (\"gemeente\", the rule before core figures)."))

    def __post_init__(self) -> None:
        if self.stad_omvang not in ("kern", "gemeente"):
            raise ValueError(f"stad_omvang must be 'kern' or 'gemeente', not {self.stad_omvang!r}")


INDICATOR_COLUMNS: tuple[str, ...] = (
    "afstand_grotere_stad_km", "grotere_stad_code", "grotere_stad_naam",
    "grotere_stad_is_buur", "bereik_grotere_stad", "n_vergelijkbaar", "gewicht_inwoners",
    "gewicht_oad", "aandeel_straal", "dominantie", "stedelijke_buur_code",
    "stedelijke_buur_naam", "n_steden", "centrum_code", "centrum_naam", "stad",
)


def town_figures(gemeenten: pd.DataFrame, config: IndicatorConfig = IndicatorConfig(),
                 min_oad: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(is a town, size as a town) per municipality, as bool/float arrays.

    With core figures (``kern_bron == "kernen"``) a municipality is a town when its largest core
    has at least ``config.stad_min_kern_inwoners`` inhabitants; without them (no core columns,
    or no usable linked core) when its municipal ``oad`` reaches ``min_oad`` (default
    ``config.vergelijkbaar_min_oad``), as before core figures existed. Its size as a town:
    ``kern_inwoners`` (the municipal population where there are no core figures) when
    ``config.stad_omvang == "kern"``, else ``inwoners``. Without core columns this is exactly
    the municipal rule (OAD, municipal population).
    """
    min_oad = config.vergelijkbaar_min_oad if min_oad is None else min_oad
    pop = (gemeenten["inwoners"].to_numpy(dtype=float, na_value=np.nan)
           if "inwoners" in gemeenten.columns else np.full(len(gemeenten), np.nan))
    oad = gemeenten["oad"].to_numpy(dtype=float, na_value=np.nan)
    if "kern_bron" not in gemeenten.columns:
        return oad >= min_oad, pop
    cores = gemeenten["kern_bron"].astype("string").eq("kernen").fillna(False).to_numpy(bool)
    k_pop = gemeenten["kern_inwoners"].to_numpy(dtype=float, na_value=np.nan)
    k_pop = np.where(np.isnan(k_pop), pop, k_pop)
    town = np.where(cores, k_pop >= config.stad_min_kern_inwoners, oad >= min_oad)
    return town, (k_pop if config.stad_omvang == "kern" else pop)


def compute_indicators(gemeenten: pd.DataFrame, buren: pd.DataFrame,
                       config: IndicatorConfig = IndicatorConfig(),
                       satelliet_max_bereik: float = 1.0) -> pd.DataFrame:
    """The indicator columns (``INDICATOR_COLUMNS``) for every row of ``gemeenten``.

    ``satelliet_max_bereik`` is the typology's ``nabij_max_bereik`` (a town within the reach of
    a larger city is a satellite, not a peer); :func:`~pmg_analysis.regions.typology.classify`
    callers pass the same value.

    ``gemeenten`` needs gemeente_code, gemeente_naam, inwoners, oad, centroid_x, centroid_y
    and the ``functionele_regio`` column;
    ``buren`` is the long neighbour table (gemeente_code, buur_code). Returns a frame with the
    same index as ``gemeenten``.
    """
    codes = gemeenten["gemeente_code"].to_numpy(dtype=object)
    pop = gemeenten["inwoners"].to_numpy(dtype=float, na_value=np.nan)
    dist, adj = _distances_and_adjacency(gemeenten, buren)
    larger_city = _larger_city(pop, dist, adj, config)
    system = _urban_system(gemeenten, dist, larger_city["reach_ratio"], config,
                           satelliet_max_bereik)
    weights = _neighbour_weights(gemeenten, dist, adj, config)

    n = len(codes)
    names = gemeenten["gemeente_naam"].to_numpy(dtype=object)
    has_larger, nearest = larger_city["has_larger"], larger_city["nearest"]
    reach_ratio = larger_city["reach_ratio"]
    n_steden, centre = system["n_steden"], system["centre"]
    has_urban, largest_urban = system["has_urban"], system["largest_urban"]
    out = pd.DataFrame(index=gemeenten.index)
    out["afstand_grotere_stad_km"] = pd.array(
        np.where(has_larger, dist[np.arange(n), nearest], np.nan), dtype="Float64")
    out["grotere_stad_code"] = pd.array(np.where(has_larger, codes[nearest], None), dtype="string")
    out["grotere_stad_naam"] = pd.array(np.where(has_larger, names[nearest], None), dtype="string")
    out["grotere_stad_is_buur"] = larger_city["is_neighbour"]
    out["bereik_grotere_stad"] = pd.array(
        np.where(np.isfinite(reach_ratio), reach_ratio, np.nan), dtype="Float64")
    out["n_vergelijkbaar"] = pd.array(system["n_vergelijkbaar"], dtype="Int16")
    has_buren = weights["n_buren"] > 0
    out["gewicht_inwoners"] = pd.array(np.where(has_buren, weights["gewicht_inwoners"], np.nan),
                                       dtype="Float64")
    out["gewicht_oad"] = pd.array(np.where(has_buren, weights["gewicht_oad"], np.nan),
                                  dtype="Float64")
    out["aandeel_straal"] = pd.array(weights["aandeel"], dtype="Float64")
    out["dominantie"] = pd.array(np.where(n_steden >= 2, system["dominantie"], np.nan),
                                 dtype="Float64")
    out["stedelijke_buur_code"] = pd.array(np.where(has_urban, codes[largest_urban], None),
                                           dtype="string")
    out["stedelijke_buur_naam"] = pd.array(np.where(has_urban, names[largest_urban], None),
                                           dtype="string")
    out["n_steden"] = pd.array(n_steden, dtype="Int16")
    out["centrum_code"] = pd.array(np.where(n_steden > 0, codes[centre], None), dtype="string")
    out["centrum_naam"] = pd.array(np.where(n_steden > 0, names[centre], None), dtype="string")
    out["stad"] = np.asarray(system["town"], dtype=bool)
    return out


def _distances_and_adjacency(gemeenten: pd.DataFrame,
                             buren: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Distances between centroids in km, and whether two municipalities are neighbours."""
    codes = gemeenten["gemeente_code"].to_numpy(dtype=object)
    x = gemeenten["centroid_x"].to_numpy(dtype=float, na_value=np.nan)
    y = gemeenten["centroid_y"].to_numpy(dtype=float, na_value=np.nan)
    n = len(codes)
    dist = np.hypot(x[:, None] - x[None, :], y[:, None] - y[None, :]) / 1000.0
    position = pd.Series(np.arange(n), index=pd.Index(codes))
    adj = np.zeros((n, n), dtype=bool)
    known = buren["gemeente_code"].isin(position.index) & buren["buur_code"].isin(position.index)
    adj[position[buren.loc[known, "gemeente_code"]].to_numpy(),
        position[buren.loc[known, "buur_code"]].to_numpy()] = True
    return dist, adj


def _larger_city(pop: np.ndarray, dist: np.ndarray, adj: np.ndarray,
                 config: IndicatorConfig) -> dict[str, np.ndarray]:
    """The nearest larger city of each municipality, and how far within its reach it lies."""
    n = len(pop)
    threshold = np.maximum(config.grotere_stad_factor * pop, config.grotere_stad_min_inwoners)
    larger = pop[None, :] >= threshold[:, None]
    d_larger = np.where(larger, dist, np.inf)
    nearest = d_larger.argmin(axis=1)
    reach = config.bereik_km_per_100k * np.sqrt(pop / 100_000.0)
    return {
        "nearest": nearest,
        "has_larger": np.isfinite(d_larger[np.arange(n), nearest]),
        "reach_ratio": np.where(larger, dist / reach[None, :], np.inf).min(axis=1),
        "is_neighbour": (larger & adj).any(axis=1),
    }


def _urban_system(gemeenten: pd.DataFrame, dist: np.ndarray, reach_ratio: np.ndarray,
                  config: IndicatorConfig,
                  satelliet_max_bereik: float) -> dict[str, np.ndarray]:
    """The towns within the radius that form each municipality's urban system: its peers,
    the comparable ones, the system's centre and how much the centre dominates the rest."""
    n = len(gemeenten)
    within = dist <= config.straal_km
    town, size = town_figures(gemeenten, config)
    ratio = size[None, :] / size[:, None]
    satellite = reach_ratio <= satelliet_max_bereik
    peers = within & ~np.eye(n, dtype=bool) & (town & ~satellite)[None, :]
    if config.functionele_regio is not None:
        region = gemeenten[config.functionele_regio].astype("string").to_numpy(dtype=object)
        peers &= region[:, None] == region[None, :]
    comparable = (peers & (ratio >= 1 / config.vergelijkbaar_factor)
                  & (ratio <= config.vergelijkbaar_factor))
    system = peers | (np.eye(n, dtype=bool) & town[:, None])
    centre = np.where(system, size[None, :], -np.inf).argmax(axis=1)
    rest = np.where(system, size[None, :], 0.0).sum(axis=1) - size[centre]
    with np.errstate(invalid="ignore", divide="ignore"):
        dominantie = size[centre] / rest
    return {
        "town": town,
        "n_vergelijkbaar": comparable.sum(axis=1),
        "largest_urban": np.where(peers, size[None, :], -np.inf).argmax(axis=1),
        "has_urban": peers.any(axis=1),
        "n_steden": system.sum(axis=1),
        "centre": centre,
        "dominantie": dominantie,
    }


def _neighbour_weights(gemeenten: pd.DataFrame, dist: np.ndarray, adj: np.ndarray,
                       config: IndicatorConfig) -> dict[str, np.ndarray]:
    """Weight against the neighbours (inhabitants, address density) and the share of the
    inhabitants within the radius."""
    pop = gemeenten["inwoners"].to_numpy(dtype=float, na_value=np.nan)
    oad = gemeenten["oad"].to_numpy(dtype=float, na_value=np.nan)
    within = dist <= config.straal_km
    n_buren = adj.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_pop_buren = np.where(adj, pop[None, :], 0.0).sum(axis=1) / n_buren
        mean_oad_buren = np.where(adj, oad[None, :], 0.0).sum(axis=1) / n_buren
        return {
            "n_buren": n_buren,
            "gewicht_inwoners": pop / mean_pop_buren,
            "gewicht_oad": oad / mean_oad_buren,
            "aandeel": pop / np.where(within, pop[None, :], 0.0).sum(axis=1),
        }

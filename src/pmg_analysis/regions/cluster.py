"""Data-driven views beside the rules: clustering with a silhouette-chosen k.

Two uses, one function (:func:`cluster`):

* :func:`cluster_indicators` — all municipalities on the typology indicators, compared with the
  rule-based ``positie_cbs``;
* :func:`cluster_profiles` — the responding municipalities on their answer profiles (urgency
  per theme, chosen opgaven, theme ranking), compared with their position type.

Pipeline: median imputation -> standard scaling -> KMeans (fixed seed). k is the value in
``k_range`` with the highest silhouette score; the full silhouette table is returned for display.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Interval
from sklearn.cluster import KMeans
from sklearn.impute import SimpleImputer
from sklearn.metrics import adjusted_rand_score, silhouette_score
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from pmg_analysis.reasons import setting

# Indicators used for the data-driven view of the typology (log-scaled where skewed).
INDICATOR_FEATURES: tuple[str, ...] = (
    "log_bereik_grotere_stad", "grotere_stad_is_buur", "n_vergelijkbaar",
    "log_gewicht_inwoners", "log_gewicht_oad", "aandeel_straal",
)


@dataclass(frozen=True)
class KMeansConfig:
    """Settings of the k-means clustering of municipalities (on indicators or on answer
    profiles), with the number of clusters chosen by silhouette between ``k_min`` and
    ``k_max``."""

    k_min: Annotated[int, Ge(2)] = setting(2, reason=(
        "The silhouette search range: two clusters is the least structure there is; above six "
        "groups of a few dozen municipalities no group can be described on its own."))
    k_max: Annotated[int, Ge(2)] = setting(6, reason="the upper end of the search range above")
    random_state: Annotated[int, Interval(ge=0, le=2**32 - 1)] = setting(0, reason=(
        "A fixed seed and several starts: the same data give the same clusters."))
    n_init: Annotated[int, Ge(1)] = setting(10, reason="scikit-learn's classic number of starts")
    min_per_cluster: Annotated[int, Ge(1)] = setting(3, reason=(
        "Below this many units per cluster the silhouette search is not meaningful; k_max is "
        "lowered to n // min_per_cluster, and with fewer than 2 * min_per_cluster units there is "
        "no clustering at all."))
    min_n_verkennend: Annotated[int, Ge(0)] = setting(30, reason=(
        "Sample-size wording for the Dutch note on the answer-profile clustering."))
    min_silhouette_structuur: Annotated[float, Interval(ge=-1, le=1)] = setting(0.25, reason=(
        "Below this best silhouette the clusters show no substantial structure (Kaufman & "
        "Rousseeuw 1990: < 0.25 \"no substantial structure has been found\")."))

    def __post_init__(self) -> None:
        if self.k_min > self.k_max:
            raise ValueError("k_min mag niet groter zijn dan k_max")


@dataclass
class ClusterResult:
    labels: pd.Series                 # cluster per unit (Int8, 1-based), NA if not clustered
    k: int | None
    silhouette: pd.DataFrame          # columns k, silhouette
    crosstab: pd.DataFrame            # cluster x reference type
    ari: float | None                 # adjusted Rand index vs the reference type
    centres: pd.DataFrame             # mean of every feature per cluster (original units)
    note: str = ""
    features: tuple[str, ...] = field(default_factory=tuple)


def make_pipeline(k: int, config: KMeansConfig = KMeansConfig()) -> Pipeline:
    return Pipeline([
        ("impute", SimpleImputer(strategy="median")),
        ("scale", StandardScaler()),
        ("cluster", KMeans(n_clusters=k, n_init=config.n_init, random_state=config.random_state)),
    ])


def cluster(features: pd.DataFrame, reference: pd.Series | None = None,
            config: KMeansConfig = KMeansConfig()) -> ClusterResult:
    """Cluster the rows of ``features`` (numeric) and compare with ``reference`` (a type)."""
    x = features.astype("float64").to_numpy(na_value=np.nan)
    usable = ~np.isnan(x).all(axis=0)
    x = x[:, usable]
    n = len(features)
    k_max = min(config.k_max, n // config.min_per_cluster, n - 1)
    # Small data: one BLAS/OpenMP thread is ~15x faster than oversubscribed threads here.
    with threadpool_limits(limits=1):
        scores, best = _search(x, k_max, config) if x.shape[1] > 0 else ([], None)
    silhouette = pd.DataFrame(scores, columns=["k", "silhouette"])
    if best is None:
        labels = pd.Series(pd.NA, index=features.index, dtype="Int8", name="cluster")
        return ClusterResult(labels, None, silhouette, pd.DataFrame(), None, pd.DataFrame(),
                             features=tuple(features.columns))
    _, k, raw = best
    # Number clusters by size (1 = largest) so the output does not depend on KMeans' order.
    order = pd.Series(raw).value_counts().index
    relabel = {old: new + 1 for new, old in enumerate(order)}
    labels = pd.Series(pd.Series(raw).map(relabel).to_numpy(), dtype="Int8", index=features.index,
                       name="cluster")
    centres = features.astype("Float64").groupby(labels).mean()
    crosstab, ari = pd.DataFrame(), None
    if reference is not None:
        ref = reference.reindex(features.index)
        known = ref.notna()
        crosstab = pd.crosstab(labels[known], ref[known], dropna=False)
        if known.sum() >= 2:
            ari = float(adjusted_rand_score(ref[known].astype(str), labels[known].astype(int)))
    return ClusterResult(labels, k, silhouette, crosstab, ari, centres,
                         features=tuple(features.columns))


def _search(x: np.ndarray, k_max: int, config: KMeansConfig
            ) -> tuple[list[tuple[int, float]], tuple[float, int, np.ndarray] | None]:
    """Fit every k in range; the silhouette per k and the best (score, k, labels)."""
    scores: list[tuple[int, float]] = []
    best: tuple[float, int, np.ndarray] | None = None
    for k in range(config.k_min, k_max + 1):
        pipe = make_pipeline(k, config)
        labels = pipe.fit_predict(x)
        if len(set(labels)) < 2:
            continue
        score = float(silhouette_score(pipe[:-1].transform(x), labels))
        scores.append((k, score))
        if best is None or score > best[0]:
            best = (score, k, labels)
    return scores, best


def indicator_features(gemeenten: pd.DataFrame) -> pd.DataFrame:
    """The feature matrix for :func:`cluster_indicators` (``INDICATOR_FEATURES``)."""
    g = gemeenten
    with np.errstate(divide="ignore"):
        out = pd.DataFrame({
            # No larger city at all (the largest cities): treat as far away (ratio 5).
            "log_bereik_grotere_stad": np.log(g["bereik_grotere_stad"].fillna(5.0).clip(0.05, 5)
                                              .astype(float)),
            "grotere_stad_is_buur": g["grotere_stad_is_buur"].astype(float),
            "n_vergelijkbaar": g["n_vergelijkbaar"].astype("Float64"),
            "log_gewicht_inwoners": np.log(g["gewicht_inwoners"].astype(float).clip(lower=0.01)),
            "log_gewicht_oad": np.log(g["gewicht_oad"].astype(float).clip(lower=0.01)),
            "aandeel_straal": g["aandeel_straal"].astype("Float64"),
        }, index=g.index)
    return out.astype("Float64")


def cluster_indicators(gemeenten: pd.DataFrame, config: KMeansConfig = KMeansConfig()
                       ) -> ClusterResult:
    """KMeans on the indicators of all municipalities, compared with ``positie_cbs``."""
    features = indicator_features(gemeenten).set_axis(
        gemeenten["gemeente_code"].astype(str), axis=0)
    reference = gemeenten["positie_cbs"].set_axis(features.index)
    return cluster(features, reference, config)


def profile_note(n: int, k: int | None, ari: float | None,
                 config: KMeansConfig = KMeansConfig(), silhouette: float | None = None
                 ) -> str:
    """An honest Dutch note on what ``n`` responding municipalities allow (and, given the best
    ``silhouette``, whether the groups are more than a partition of a cloud)."""
    if k is None:
        return (f"Met {n} gemeenten met antwoorden is clusteren niet zinvol; de profielen zijn "
                "alleen beschrijvend te bekijken.")
    text = (f"De {n} gemeenten met antwoorden vallen in {k} groepen met een vergelijkbaar "
            "antwoordprofiel. ")
    if n < config.min_n_verkennend:
        text += ("Dat is een kleine steekproef: de groepen en hun overlap met de positietypen "
                 "zijn verkennend en kunnen met een paar andere gemeenten al anders uitvallen; "
                 "er zijn geen conclusies over verschillen tussen de typen uit te trekken. ")
    else:
        text += ("De groepen zijn verkennend: ze beschrijven deze respondenten, niet alle "
                 "middelgrote gemeenten. ")
    if silhouette is not None and silhouette < config.min_silhouette_structuur:
        sil_nl = f"{silhouette:.2f}".replace(".", ",")
        text += (f"Het silhouet ({sil_nl}) is laag: de profielen vormen geen duidelijk "
                 "gescheiden groepen, de indeling knipt een doorlopende wolk in stukken. ")
    if ari is not None:
        strength = ("nauwelijks" if ari < 0.1 else "enigszins" if ari < 0.3 else "duidelijk")
        ari_nl = f"{ari:.2f}".replace(".", ",")
        text += (f"De overeenkomst met de positietypen (aangepaste Rand-index {ari_nl}) is "
                 f"{strength}.")
    return text.strip()


def cluster_profiles(profiles: pd.DataFrame, positie_per_gemeente: pd.Series | None = None,
                     config: KMeansConfig = KMeansConfig()) -> ClusterResult:
    """Cluster the responding municipalities on their answer profiles.

    ``profiles`` is :func:`~pmg_analysis.regions.respondents.answer_profiles` (``n_respondenten``
    is not used as a feature); ``positie_per_gemeente`` the position type per municipality
    code (e.g. :func:`positie_per_gemeente`). Adds the Dutch sample-size ``note``.
    """
    features = profiles.drop(columns=["n_respondenten"], errors="ignore")
    result = cluster(features, positie_per_gemeente, config)
    best = (float(result.silhouette["silhouette"].max()) if result.k is not None
            and not result.silhouette.empty else None)
    result.note = profile_note(len(features), result.k, result.ari, config, silhouette=best)
    return result


def positie_per_gemeente(responses: pd.DataFrame, grouping: pd.Series) -> pd.Series:
    """One position per municipality: the most frequent grouping among its respondents."""
    frame = pd.DataFrame({"gemeente_code": responses["gemeente_code"].astype("string"),
                          "positie": grouping.astype("string")}).dropna()
    if frame.empty:
        return pd.Series(dtype=grouping.dtype, name="positie")
    mode = (frame.groupby(["gemeente_code", "positie"]).size().rename("n").reset_index()
            .sort_values(["gemeente_code", "n", "positie"], ascending=[True, False, True])
            .drop_duplicates("gemeente_code").set_index("gemeente_code")["positie"])
    return mode.astype(grouping.dtype).rename("positie")

"""Dutch display tables and sentences comparing groupings: clusters vs rules, ticked vs derived.

For the notebook "Positie in de regio"; built on
:class:`~pmg_analysis.regions.cluster.ClusterResult` and
:class:`~pmg_analysis.regions.respondents.Agreement`. Type names come in as ``labels``
(see :mod:`pmg_analysis.regions.overview`).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.regions.cluster import ClusterResult
from pmg_analysis.regions.overview import getal, labelled
from pmg_analysis.regions.respondents import Agreement, GroupingConfig


def silhouette_table(result: ClusterResult) -> pd.DataFrame:
    """Silhouette per number of clusters k, with the chosen k marked."""
    s = result.silhouette
    return pd.DataFrame({
        "Aantal clusters (k)": s["k"].astype("Int64"),
        "Silhouet": s["silhouette"].astype("Float64"),
        "Gekozen": s["k"].eq(result.k).map({True: "ja", False: ""}).astype("string"),
    })


def _with_totals(table: pd.DataFrame, first: str) -> pd.DataFrame:
    """Counts with a total column and row; the row labels become the first column."""
    counts = table.astype("Int64")
    counts["Totaal"] = counts.sum(axis=1).astype("Int64")
    total = counts.sum(axis=0).astype("Int64").to_frame("Totaal").T
    out = pd.concat([counts, total])
    out.index = pd.Index(out.index.astype(str), name=first)
    return out.reset_index().astype({first: "string"})


def cluster_crosstab(result: ClusterResult, labels: Mapping[str, str] | None = None,
                     reference: str = "Type") -> pd.DataFrame:
    """Cluster x reference type (counts with totals); clusters named "Cluster 1", ..."""
    table = result.crosstab.copy()
    table.index = [f"Cluster {int(i)}" for i in table.index]
    table.columns = labelled(pd.Series([str(c) for c in table.columns]), labels).tolist()
    return _with_totals(table, f"Cluster \\ {reference}")


def cluster_sentence(result: ClusterResult, eenheid: str = "gemeenten",
                     reference: str = "de indeling volgens de regels") -> str:
    """One Dutch sentence: the chosen k, its silhouette and the ARI against ``reference``."""
    if result.k is None:
        return f"Er zijn te weinig {eenheid} om te clusteren."
    best = result.silhouette.loc[result.silhouette["k"] == result.k, "silhouette"].iloc[0]
    n = int(result.labels.notna().sum())
    text = (f"k-means verdeelt de {n} {eenheid} in k = {result.k} clusters: daarbij is het "
            f"silhouet het hoogst ({getal(best, 2)}).")
    if result.ari is not None:
        text += (f" De aangepaste Rand-index tussen de clusters en {reference} is "
                 f"{getal(result.ari, 2)} (0 = niet meer overeenkomst dan toeval, "
                 "1 = dezelfde indeling).")
    return text


INDICATOR_SUMMARY: dict[str, str] = {
    "bereik_grotere_stad": "Bereik grotere stad (mediaan)",
    "grotere_stad_is_buur": "Grenst aan grotere stad (aandeel)",
    "n_vergelijkbaar": "Vergelijkbare gemeenten (mediaan)",
    "gewicht_inwoners": "Gewicht inwoners (mediaan)",
    "aandeel_straal": "Aandeel in de straal (mediaan)",
}


def indicator_cluster_summary(gemeenten: pd.DataFrame, result: ClusterResult) -> pd.DataFrame:
    """Per indicator cluster: the number of municipalities and typical indicator values."""
    labels = result.labels.reindex(gemeenten["gemeente_code"].astype(str)).to_numpy()
    g = gemeenten.assign(cluster=labels).dropna(subset=["cluster"])
    grouped = g.groupby("cluster", observed=True)
    out = pd.DataFrame({"Gemeenten": grouped.size().astype("Int64")})
    for col, name in INDICATOR_SUMMARY.items():
        values = g[col].astype("Float64")
        agg = "mean" if col == "grotere_stad_is_buur" else "median"
        out[name] = values.groupby(g["cluster"]).agg(agg).astype("Float64")
    out.index = pd.Index([f"Cluster {int(i)}" for i in out.index], name="Cluster")
    return out.reset_index().astype({"Cluster": "string"})


def profile_cluster_summary(result: ClusterResult) -> pd.DataFrame:
    """Per answer-profile cluster: municipalities, mean urgency and mean rank per theme.

    Rows are the themes' measures (Dutch), columns the clusters ("Cluster 1 (n = 7)").
    """
    instrument = load_instrument()
    rows = {f"urgentie_{t.code}": f"Urgentie (1-5): {t.name}" for t in instrument.themes}
    rows |= {f"rang_{t.code}": f"Gemiddelde rang (1 = hoogst): {t.name}"
             for t in instrument.themes}
    present = [c for c in rows if c in result.centres.columns]
    sizes = result.labels.value_counts().sort_index()
    table = result.centres[present].T
    table.columns = [f"Cluster {int(c)} (n = {int(sizes.get(c, 0))})" for c in table.columns]
    table.index = pd.Index([rows[c] for c in present], name="Kenmerk")
    return table.reset_index().astype({"Kenmerk": "string"})


_ZELF_EXTRA = {"weet_niet": "Weet niet", "onbekend": "Niet ingevuld"}


def agreement_table(agreement: Agreement, labels: Mapping[str, str] | None = None
                    ) -> pd.DataFrame:
    """Ticked (rows) x derived (columns) position, counts of responses with totals."""
    table = agreement.crosstab.copy()
    names = {**_ZELF_EXTRA, **(labels or {})}
    table.index = labelled(pd.Series([str(i) for i in table.index]), names).tolist()
    table.columns = labelled(pd.Series([str(c) for c in table.columns]), labels).tolist()
    return _with_totals(table, "Zelf aangekruist \\ volgens CBS")


def agreement_sentence(agreement: Agreement) -> str:
    """One Dutch sentence: responses with both positions, how many agree, Cohen's kappa."""
    if agreement.n == 0:
        return "Er zijn geen antwoorden waarbij zowel de aangekruiste als de afgeleide positie " \
               "bekend is."
    same = agreement.n - int(agreement.verschillen["n_respondenten"].sum())
    text = (f"Bij {agreement.n} antwoorden zijn beide posities bekend; bij {same} daarvan "
            f"({getal(100 * same / agreement.n, 0)}%) komen ze overeen.")
    if agreement.kappa is not None:
        text += (f" Cohen's kappa is {getal(agreement.kappa, 2)} (0 = niet meer overeenstemming "
                 "dan toeval, 1 = volledige overeenstemming).")
    return text


def differences_table(agreement: Agreement, labels: Mapping[str, str] | None = None
                      ) -> pd.DataFrame:
    """The municipalities where the ticked position differs from the derived one."""
    v = agreement.verschillen
    return pd.DataFrame({
        "Gemeente": v["gemeente_naam"].astype("string"),
        "Zelf aangekruist": labelled(v["positie_zelf"], labels),
        "Volgens CBS-gegevens": labelled(v["positie_cbs"], labels),
        "Respondenten": v["n_respondenten"].astype("Int64"),
    })


def grouping_sentence(config: GroupingConfig = GroupingConfig()) -> str:
    """The Dutch sentence saying which position groups the analyses downstream."""
    if config.bron == "zelf":
        return ("De verdere analyses groeperen de antwoorden naar de positie die respondenten "
                "zelf aankruisten; 'weet ik niet' vormt geen groep.")
    return ("De verdere analyses groeperen de antwoorden naar de positie afgeleid uit de "
            "CBS-gegevens, en alleen waar die ontbreekt naar wat de respondent zelf "
            "aankruiste; 'weet ik niet' vormt geen groep.")

"""Dutch display tables of the typology: thresholds, seed examples, counts, indicators.

Pure functions for the notebook "Positie in de regio": a DataFrame in, a small DataFrame with
Dutch column names out (shown with :func:`pmg_analysis.report.show_table`). Type names are
passed in as ``labels`` (the house labels live in :mod:`pmg_analysis.plots`, to the right of
this package); without ``labels`` the codes are shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from pmg_analysis.regions.typology import POSITIE_TYPES, TypologyConfig


def getal(value: float | int, decimals: int | None = None) -> str:
    """A number in Dutch notation: ``100000 -> "100.000"``, ``0.19 -> "0,19"``.

    ``decimals`` None: integers without decimals, other numbers with up to 3 significant
    decimals and no trailing zeros.
    """
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 3
        text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    else:
        text = f"{value:,.{decimals}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def labelled(values: pd.Series, labels: Mapping[str, str] | None) -> pd.Series:
    """Codes replaced by their display names (codes without a name kept as they are)."""
    text = values.astype("string")
    return text.map(lambda v: labels.get(v, v), na_action="ignore") if labels else text


@dataclass(frozen=True)
class Threshold:
    """One row of the thresholds table: the setting's path in :class:`TypologyConfig`."""

    onderdeel: str
    omschrijving: str
    instelling: str  # dotted attribute path, e.g. "indicators.straal_km"


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("Grotere stad", "minstens zoveel keer de inwoners van de gemeente",
              "indicators.grotere_stad_factor"),
    Threshold("Grotere stad", "en minstens zoveel inwoners",
              "indicators.grotere_stad_min_inwoners"),
    Threshold("Bereik", "bereik (km) van een stad met 100.000 inwoners",
              "indicators.bereik_km_per_100k"),
    Threshold("Dichtbij", "straal (km) tussen de middelpunten", "indicators.straal_km"),
    Threshold("Vergelijkbare omvang", "hoogstens zoveel keer groter of kleiner (alleen de "
              "beschrijvende kolom n_vergelijkbaar)", "indicators.vergelijkbaar_factor"),
    Threshold("Stad in de omgeving", "stedelijk: omgevingsadressendichtheid (adressen per km²) "
              "minstens (zonder kerncijfers)", "indicators.vergelijkbaar_min_oad"),
    Threshold("Stad in de omgeving", "met kerncijfers: inwoners van de grootste kern minstens "
              "(een stad telt met de inwoners van die kern)",
              "indicators.stad_min_kern_inwoners"),
    Threshold("Regel 1: nabij een grotere stad", "bereik_grotere_stad hoogstens",
              "nabij_max_bereik"),
    Threshold("Regel 2: polycentrisch", "dominantie (de grootste stad gedeeld door de andere "
              "steden samen) kleiner dan (anders monocentrisch)", "mono_min_dominantie"),
    Threshold("Regel 2: polycentrisch", "en zelf een stad: omgevingsadressendichtheid minstens "
              "(zonder kerncijfers; met kerncijfers de grootste kern, zie hierboven)",
              "poly_min_oad"),
    Threshold("Middelgroot", "inwoners minstens", "middelgroot_min_inwoners"),
    Threshold("Middelgroot", "inwoners hoogstens", "middelgroot_max_inwoners"),
)


def _setting(config: object, path: str) -> float | int:
    value = config
    for part in path.split("."):
        value = getattr(value, part)
    return value


def thresholds_table(config: TypologyConfig = TypologyConfig(),
                     rows: Sequence[Threshold] = THRESHOLDS) -> pd.DataFrame:
    """The indicator definitions and rule thresholds with their current values (Dutch)."""
    return pd.DataFrame({
        "Onderdeel": [r.onderdeel for r in rows],
        "Omschrijving": [r.omschrijving for r in rows],
        "Waarde": [getal(_setting(config, r.instelling)) for r in rows],
        "Instelling": [r.instelling for r in rows],
    }).astype("string")


@dataclass(frozen=True)
class SeedExample:
    """An example the seed presentation gives for a position (the municipality by code)."""

    gemeente_code: str
    voorbeeld: str
    positie: str


SEED_EXAMPLES: tuple[SeedExample, ...] = (
    SeedExample("GM0355", "Zeist bij Utrecht", "nabij_grotere_stad"),
    SeedExample("GM0345", "Veenendaal in FoodValley", "polycentrisch"),
    SeedExample("GM0294", "Winterswijk in de Oost-Achterhoek", "monocentrisch"),
)


def seed_table(gemeenten: pd.DataFrame, labels: Mapping[str, str] | None = None,
               examples: Sequence[SeedExample] = SEED_EXAMPLES) -> pd.DataFrame:
    """The seed's examples: the type the presentation gives and the type the rules derive."""
    seed = pd.DataFrame([vars(e) for e in examples]).rename(columns={"positie": "positie_seed"})
    g = gemeenten.assign(gemeente_code=gemeenten["gemeente_code"].astype(str))
    rows = seed.merge(g, on="gemeente_code", how="left")
    return pd.DataFrame({
        "Voorbeeld in de presentatie": rows["voorbeeld"].astype("string"),
        "Type in de presentatie": labelled(rows["positie_seed"], labels),
        "Type volgens de regels": labelled(rows["positie_cbs"], labels),
        "Inwoners": rows["inwoners"].astype("Int64"),
        "Grootste kern": (rows["grootste_kern"] if "grootste_kern" in rows.columns
                          else pd.Series(pd.NA, index=rows.index)).astype("string"),
        "Inwoners grootste kern": (rows["kern_inwoners"] if "kern_inwoners" in rows.columns
                                   else rows["inwoners"]).astype("Int64"),
        "Dichtstbijzijnde grotere stad": rows["grotere_stad_naam"].astype("string"),
        "Bereik grotere stad": rows["bereik_grotere_stad"].astype("Float64"),
        "Centrum van de regio": rows["centrum_naam"].astype("string"),
        "Dominantie van het centrum": rows["dominantie"].astype("Float64"),
        "Grensgeval": rows["grensgeval"].map({True: "ja", False: "nee"}).astype("string"),
    })


def type_counts(gemeenten: pd.DataFrame, labels: Mapping[str, str] | None = None
                ) -> pd.DataFrame:
    """Municipalities per type: all, and the medium-sized ones; counts, shares and a total."""
    types = pd.Categorical(gemeenten["positie_cbs"], categories=list(POSITIE_TYPES))
    alle = pd.Series(types).value_counts(sort=False)
    middel = pd.Series(types[gemeenten["middelgroot"].to_numpy(bool)]).value_counts(sort=False)
    out = pd.DataFrame({
        "Type": labelled(pd.Series(list(POSITIE_TYPES)), labels).tolist() + ["Totaal"],
        "Alle gemeenten": [*alle.tolist(), int(alle.sum())],
        "Aandeel alle": [*(alle / alle.sum()).tolist(), 1.0],
        "Middelgrote gemeenten": [*middel.tolist(), int(middel.sum())],
        "Aandeel middelgroot": [*(middel / max(int(middel.sum()), 1)).tolist(), 1.0],
    })
    return out.astype({"Type": "string", "Alle gemeenten": "Int64",
                       "Middelgrote gemeenten": "Int64", "Aandeel alle": "Float64",
                       "Aandeel middelgroot": "Float64"})


TYPE_COUNT_SHARES: tuple[str, ...] = ("Aandeel alle", "Aandeel middelgroot")


def indicator_table(gemeenten: pd.DataFrame, codes: pd.Series,
                    labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The indicators of the municipalities in ``codes`` (e.g. the responding ones), one row
    each, ordered by type and name."""
    wanted = set(codes.dropna().astype(str))
    g = gemeenten[gemeenten["gemeente_code"].astype(str).isin(wanted)]
    g = g.assign(_type=pd.Categorical(g["positie_cbs"], categories=list(POSITIE_TYPES)).codes)
    g = g.sort_values(["_type", "gemeente_naam", "gemeente_code"], ignore_index=True)
    return pd.DataFrame({
        "Gemeente": g["gemeente_naam"].astype("string"),
        "Type": labelled(g["positie_cbs"], labels),
        "Middelgroot": g["middelgroot"].map({True: "ja", False: "nee"}).astype("string"),
        "Inwoners": g["inwoners"].astype("Int64"),
        "Grotere stad": g["grotere_stad_naam"].astype("string"),
        "Afstand (km)": g["afstand_grotere_stad_km"].astype("Float64"),
        "Bereik": g["bereik_grotere_stad"].astype("Float64"),
        "Grenst aan grotere stad": g["grotere_stad_is_buur"].map({True: "ja", False: "nee"})
        .astype("string"),
        "Stedelijk (OAD)": g["oad"].astype("Int64"),
        "Grootste andere stad": g["stedelijke_buur_naam"].astype("string"),
        "Centrum": g["centrum_naam"].astype("string"),
        "Dominantie van het centrum": g["dominantie"].astype("Float64"),
        "Vergelijkbaar": g["n_vergelijkbaar"].astype("Int64"),
        "Aandeel straal": g["aandeel_straal"].astype("Float64"),
        "Grensgeval": g["grensgeval"].map({True: "ja", False: "nee"}).astype("string"),
    })

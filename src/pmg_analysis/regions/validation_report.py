"""Dutch tables and sentences about the validation set and the borderline municipalities.

Pure display functions for notebook 02: computed frames in (from
:func:`~pmg_analysis.regions.validation.validate` and the municipality table), Dutch out. Each
miss is explained in one sentence generated from the indicators that decided it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmg_analysis.regions.overview import getal, labelled
from pmg_analysis.regions.typology import POSITIE_TYPES, TypologyConfig
from pmg_analysis.regions.validation import accuracy_per_part, accuracy_per_type

DEEL_LABELS: dict[str, str] = {
    "ontwikkeling": "Ontwikkeldeel (gebruikt bij het opstellen van de regels)",
    "toets": "Toetsdeel (pas na de regels gemeten)",
    "totaal": "Totaal",
}


def _pct(share: float) -> str:
    return f"{getal(100 * share, 1)}%"


def _parts(validated: pd.DataFrame) -> dict[str, tuple[int, int, float]]:
    """Per part and "totaal": (right, number, share)."""
    return {r.deel: (int(r.goed), int(r.aantal), float(r.aandeel))
            for r in accuracy_per_part(validated).itertuples()}


def _needs_core_data(positie: object, oad: object,
                     config: TypologyConfig = TypologyConfig(),  # noqa: B008
                     kern_bron: object = "gemeente") -> object:
    """True where the source calls a municipality polycentric but the whole municipality is not
    urban (OAD below ``poly_min_oad``) and there are no core figures for it (``kern_bron`` is
    not ``"kernen"``): its town may be merged with many villages, and only inhabitants per core
    could show it is one of the region's towns. Scalars or Series."""
    return ((positie == "polycentrisch") & (oad < config.poly_min_oad)
            & (kern_bron != "kernen"))


def _kern_bron(frame: pd.DataFrame | pd.Series) -> object:
    """The ``kern_bron`` column or value (``"gemeente"`` when a frame has no core columns)."""
    if isinstance(frame, pd.DataFrame):
        return (frame["kern_bron"].astype("string") if "kern_bron" in frame.columns
                else pd.Series("gemeente", index=frame.index, dtype="string"))
    return frame.get("kern_bron", "gemeente")


def validation_sentence(validated: pd.DataFrame) -> str:
    """Dutch sentences: right / number / share in all, then per part of the set.

    The held-out part (``toets``) is named as the honest estimate; the development part
    flatters the rules because they were designed while its misses were looked at.
    """
    per = _parts(validated)
    (goed, n, aandeel), ont, toe = per["totaal"], per["ontwikkeling"], per["toets"]
    zin = (f"Van de {n} gemeenten in de toetsset krijgen er {goed} van de regels dezelfde "
           f"positie als in de gepubliceerde bronnen: {_pct(aandeel)}.")
    if ont[1] and toe[1]:
        zin += (" In het ontwikkeldeel, waarvan de missers bekend waren toen de regels werden "
                f"opgesteld, zijn dat er {ont[0]} van {ont[1]} ({_pct(ont[2])}); in het "
                f"toetsdeel, pas daarna gemeten, {toe[0]} van {toe[1]} ({_pct(toe[2])}).")
    return zin


def validation_target_sentence(validated: pd.DataFrame, doel: float = 0.85,
                               config: TypologyConfig = TypologyConfig(),  # noqa: B008
                               ) -> str:
    """Dutch sentences: is the target share met on the whole set and on the held-out part, and
    how far the misses that need core-level data (a non-urban municipality the source calls
    polycentric) stand in the way.
    """
    per = _parts(validated)
    (goed, n, aandeel), toe = per["totaal"], per["toets"]
    zin = (f"Het doel van {getal(100 * doel, 0)}% goed wordt over de hele set "
           + ("gehaald" if aandeel >= doel else "niet gehaald") + f" ({_pct(aandeel)})")
    if toe[1]:
        zin += (", op het toetsdeel " + ("wel" if toe[2] >= doel else "ook niet")
                + f" ({_pct(toe[2])})")
    zin += "."
    kern = (~validated["goed"] & _needs_core_data(validated["positie"].astype("string"),
                                                 validated["oad"], config,
                                                 _kern_bron(validated))).fillna(False)
    if kern.any():
        k = int(kern.sum())
        een = k == 1
        zin += (f" Van de missers {'is' if een else 'zijn'} er {k} "
                f"{'gemeente' if een else 'gemeenten'} waarvan de stad met veel dorpen één "
                f"niet-stedelijke gemeente vormt; {'die is' if een else 'die zijn'} pas met "
                "inwoners per kern te "
                f"beoordelen, en met die {k} goed zou de hele set op {_pct((goed + k) / n)} "
                "uitkomen.")
    return zin


def validation_per_part_table(validated: pd.DataFrame) -> pd.DataFrame:
    """Per part of the validation set and in all: number, right, share right (Dutch columns)."""
    per = accuracy_per_part(validated)
    return pd.DataFrame({
        "Deel van de toetsset": per["deel"].map(DEEL_LABELS).astype("string"),
        "Gemeenten": per["aantal"],
        "Goed": per["goed"],
        "Aandeel goed": pd.array(per["aandeel"], dtype="Float64"),
        "95%-interval": pd.array([f"{_pct(lo)} – {_pct(hi)}" for lo, hi in
                                  zip(per["laag"], per["hoog"], strict=True)], dtype="string"),
    })


def validation_per_type_table(validated: pd.DataFrame,
                              labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per position in the validation set: number, right, share right (Dutch columns)."""
    per = accuracy_per_type(validated)
    return pd.DataFrame({
        "Positie volgens de bron": labelled(per["positie"], labels),
        "Gemeenten": per["aantal"],
        "Goed": per["goed"],
        "Aandeel goed": (per["goed"] / per["aantal"].where(per["aantal"] > 0)).astype("Float64"),
    })


def _kort(value: object) -> str:
    return getal(float(value), 2)


def miss_reason(row: pd.Series,
                config: TypologyConfig = TypologyConfig()) -> str:  # noqa: B008
    """One Dutch sentence: why the rules gave ``positie_cbs`` where the source says ``positie``.

    ``row`` is a row of :func:`~pmg_analysis.regions.validation.validate` (a miss).
    """
    ind = config.indicators
    bron, regels = str(row["positie"]), str(row["positie_cbs"])
    stad, afstand = row["grotere_stad_naam"], row["afstand_grotere_stad_km"]
    if regels == "nabij_grotere_stad":
        bron_ziet = ("als een van de steden van een stedennetwerk" if bron == "polycentrisch"
                     else "als eigen centrum")
        return (f"{stad} ligt op {getal(float(afstand), 0)} km en valt voor de regels nog binnen "
                f"het bereik van een grotere stad (bereik {_kort(row['bereik_grotere_stad'])} ≤ "
                f"{getal(config.nabij_max_bereik)}), terwijl de bron de gemeente {bron_ziet} "
                "ziet.")
    if bron == "nabij_grotere_stad":
        if pd.isna(stad):
            return "Er is geen gemeente die tweemaal zo groot is met minstens 100.000 inwoners."
        return (f"{stad} ligt op {getal(float(afstand), 0)} km, net buiten het bereik dat de "
                f"regels een stad van die omvang geven (bereik {_kort(row['bereik_grotere_stad'])}"
                f" > {getal(config.nabij_max_bereik)}).")
    dominantie, buur = row["dominantie"], row["stedelijke_buur_naam"]
    centrum, zelf = row["centrum_naam"], row["centrum_code"] == row["gemeente_code"]
    systeem = (f"binnen {getal(ind.straal_km)} km, in haar arbeidsmarktregio en geen satelliet "
               "van een grotere stad")
    kern_bron = _kern_bron(row)
    if bron == "polycentrisch" and kern_bron == "kernen" and not bool(row.get("stad", True)):
        return (f"De grootste kern van de gemeente, {row['grootste_kern']}, heeft "
                f"{getal(int(row['kern_inwoners']))} inwoners (< "
                f"{getal(ind.stad_min_kern_inwoners)}), zodat de regels de gemeente niet als een "
                "van de steden van de regio zien; zij neemt de positie over van "
                + (f"{centrum}, en die ligt niet in een stedennetwerk." if not pd.isna(centrum)
                   else "geen stad, want binnen "
                   f"{getal(ind.straal_km)} km in haar arbeidsmarktregio ligt er geen."))
    if bron == "polycentrisch":
        if _needs_core_data(bron, row["oad"], config, kern_bron):
            return (f"De gemeente als geheel is niet stedelijk (omgevingsadressendichtheid "
                    f"{getal(int(row['oad']))} < {getal(config.poly_min_oad)}), doordat haar "
                    "stad met veel dorpen één gemeente vormt; de regels zien haar daarom niet als "
                    "een van de steden van de regio, en "
                    + (f"{centrum}, de stad in haar omgeving waarvan zij de positie overneemt, "
                       "ligt niet in een stedennetwerk." if not pd.isna(centrum) else
                       f"binnen {getal(ind.straal_km)} km in haar arbeidsmarktregio ligt geen "
                       "stad (die geen satelliet van een grotere stad is) waarvan zij de positie "
                       "kan overnemen."))
        if pd.isna(dominantie):
            return (f"Binnen {getal(ind.straal_km)} km (tussen de middelpunten) en in dezelfde "
                    "arbeidsmarktregio ligt geen andere stad die geen satelliet van een grotere "
                    "stad is; de partnersteden uit de bron liggen verder weg of horen bij een "
                    "andere arbeidsmarktregio.")
        wie = (f"De gemeente is als stad {_kort(dominantie)} keer zo groot als de andere steden "
               "van haar "
               f"stedelijk systeem samen ({systeem}; de grootste: {buur})" if zelf else
               f"{centrum} is {_kort(dominantie)} keer zo groot als de andere steden van het "
               f"stedelijk systeem van de gemeente samen ({systeem}; de gemeente zelf meegeteld)")
        return (f"{wie}, wat de regels (≥ {getal(config.mono_min_dominantie)}) als overwicht "
                f"lezen; verdere partnersteden uit de bron liggen meer dan "
                f"{getal(ind.straal_km)} km weg (tussen de middelpunten) of in een andere "
                "arbeidsmarktregio.")
    # source monocentric, rules polycentric
    if not bool(row.get("stad", row["oad"] >= config.poly_min_oad)):
        return ("De gemeente is voor de regels geen stad en neemt de positie over van "
                f"{centrum}, de grootste stad in haar omgeving, die met de andere steden daar een "
                "polycentrisch netwerk vormt.")
    wie = "de gemeente zelf" if zelf else f"{centrum}, de grootste stad,"
    return (f"Binnen {getal(ind.straal_km)} km in dezelfde arbeidsmarktregio liggen ook andere "
            f"steden (de grootste: {buur}) en {wie} is maar {_kort(dominantie)} keer zo groot als "
            f"de andere samen (< {getal(config.mono_min_dominantie)}), dus delen voor de regels "
            "meerdere steden de regio.")


def misses_table(validated: pd.DataFrame, labels: Mapping[str, str] | None = None,
                 config: TypologyConfig = TypologyConfig(),  # noqa: B008
                 ) -> pd.DataFrame:
    """Every municipality the rules get wrong, with the source and a one-sentence reason."""
    miss = validated[~validated["goed"]]
    return pd.DataFrame({
        "Gemeente": miss["gemeente_naam"].astype("string"),
        "Deel": miss["deel"].astype("string"),
        "Volgens de bron": labelled(miss["positie"], labels),
        "Volgens de regels": labelled(miss["positie_cbs"], labels),
        "Grensgeval": miss["grensgeval"].map({True: "ja", False: "nee"}).astype("string"),
        "Waarom de regels afwijken": pd.array([miss_reason(r, config) for _, r in miss.iterrows()],
                                              dtype="string"),
        "Bron": miss["bron"].astype("string"),
    }).reset_index(drop=True)


def validation_set_table(validated: pd.DataFrame,
                         labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The whole validation set: municipality, province, both positions, source, reasoning."""
    return pd.DataFrame({
        "Gemeente": validated["gemeente_naam"].astype("string"),
        "Provincie": validated["provincie"].astype("string"),
        "Deel": validated["deel"].astype("string"),
        "Inwoners": validated["inwoners"].astype("Int64"),
        "Volgens de bron": labelled(validated["positie"], labels),
        "Volgens de regels": labelled(validated["positie_cbs"], labels),
        "Bron": validated["bron"].astype("string"),
        "Toelichting": validated["toelichting"].astype("string"),
    })


def borderline_counts(gemeenten: pd.DataFrame,
                      labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Per type: municipalities, borderline ones (all and medium-sized), and a total row."""
    types = pd.Categorical(gemeenten["positie_cbs"], categories=list(POSITIE_TYPES))
    frame = pd.DataFrame({"type": types, "grens": gemeenten["grensgeval"].to_numpy(bool),
                          "middel": gemeenten["middelgroot"].to_numpy(bool)})
    per = frame.groupby("type", observed=False).agg(
        alle=("grens", "size"), grens=("grens", "sum"),
        middel=("middel", "sum"),
        grens_middel=("grens", lambda s: int((s & frame.loc[s.index, "middel"]).sum())))
    per.loc["Totaal"] = per.sum()
    return pd.DataFrame({
        "Type": labelled(pd.Series(per.index.astype(str)), labels).to_numpy(),
        "Gemeenten": per["alle"].astype("Int64").to_numpy(),
        "Grensgevallen": per["grens"].astype("Int64").to_numpy(),
        "Middelgroot": per["middel"].astype("Int64").to_numpy(),
        "Middelgrote grensgevallen": per["grens_middel"].astype("Int64").to_numpy(),
    }).astype({"Type": "string"})


def _move_text(grensgevallen: pd.DataFrame) -> pd.Series:
    """"instelling -10%" per row of the borderline table (string)."""
    pct = [f"{v * 100:+.0f}%" for v in grensgevallen["verschuiving"].astype(float)]
    return grensgevallen["instelling"].astype("string") + " " + pd.Series(
        pct, index=grensgevallen.index, dtype="string")


def borderline_moves_text(grensgevallen: pd.DataFrame) -> pd.Series:
    """Per municipality (index ``gemeente_code``): its threshold moves as one Dutch line,
    "instelling -10% -> type; ..." in the order of the settings (as the cell shows them).

    Examples
    --------
    >>> moves = pd.DataFrame({"gemeente_code": ["GM0001", "GM0001"],
    ...                       "instelling": ["mono_min_dominantie", "indicators.straal_km"],
    ...                       "verschuiving": [-0.1, 0.1],
    ...                       "positie_anders": ["polycentrisch", "nabij_grotere_stad"]})
    >>> borderline_moves_text(moves)["GM0001"]
    'mono_min_dominantie -10% -> polycentrisch; indicators.straal_km +10% -> nabij_grotere_stad'
    """
    text = _move_text(grensgevallen) + " -> " + grensgevallen["positie_anders"].astype("string")
    codes = grensgevallen["gemeente_code"].astype("string")
    return text.groupby(codes.to_numpy(), sort=False).agg("; ".join).astype("string") \
        .rename_axis("gemeente_code")


THRESHOLD_WORDS: dict[str, str] = {
    "indicators.grotere_stad_factor": "hoeveel keer groter een grotere stad is",
    "indicators.grotere_stad_min_inwoners": "inwoners van een grotere stad",
    "indicators.bereik_km_per_100k": "bereik van een stad",
    "indicators.straal_km": "straal van het stedelijk systeem",
    "indicators.vergelijkbaar_factor": "grens van een vergelijkbare omvang",
    "indicators.vergelijkbaar_min_oad": "dichtheid van een stad (zonder kerncijfers)",
    "indicators.stad_min_kern_inwoners": "inwoners van de grootste kern van een stad",
    "nabij_max_bereik": "grens van het bereik (regel 1)",
    "mono_min_dominantie": "overwicht van het centrum (regel 2)",
    "poly_min_oad": "dichtheid van een stad in een polycentrische regio (regel 2)",
    "middelgroot_min_inwoners": "ondergrens van middelgroot",
    "middelgroot_max_inwoners": "bovengrens van middelgroot",
}
"""The thresholds of the typology in words, for the tables a reader sees (the setting names
stay in the thresholds table and in the stored borderline table)."""


def _move_words(grensgevallen: pd.DataFrame,
                labels: Mapping[str, str] | None = None) -> pd.Series:
    """"overwicht van het centrum (regel 2) 10% hoger" per row (with ``labels``: "→ type" in
    words too)."""
    names = grensgevallen["instelling"].astype("string")
    words = names.map(lambda k: THRESHOLD_WORDS.get(str(k), str(k)))
    shift = [f"{abs(v) * 100:.0f}% {'hoger' if v > 0 else 'lager'}"
             for v in grensgevallen["verschuiving"].astype(float)]
    text = words + " " + pd.Series(shift, index=grensgevallen.index, dtype="string")
    if labels is not None:
        text = text + " → " + labelled(grensgevallen["positie_anders"], labels)
    return text.astype("string")


def borderline_thresholds_table(grensgevallen: pd.DataFrame) -> pd.DataFrame:
    """Per threshold (in words) and direction: how many municipalities change type (most
    first)."""
    counts = _move_words(grensgevallen).value_counts()
    out = pd.DataFrame({"Drempel en verschuiving": counts.index.astype("string"),
                        "Gemeenten die van type wisselen": counts.astype("Int64").to_numpy()})
    return out.sort_values(["Gemeenten die van type wisselen", "Drempel en verschuiving"],
                           ascending=[False, True], ignore_index=True)


def borderline_table(gemeenten: pd.DataFrame, grensgevallen: pd.DataFrame,
                     labels: Mapping[str, str] | None = None,
                     only_medium: bool = True) -> pd.DataFrame:
    """The borderline municipalities (by default the medium-sized ones): type and what moves it
    (the threshold moves of ``grensgevallen``, written out by :func:`borderline_moves_text`)."""
    g = gemeenten[gemeenten["grensgeval"].to_numpy(bool)]
    if only_medium:
        g = g[g["middelgroot"].to_numpy(bool)]
    g = g.assign(_t=pd.Categorical(g["positie_cbs"], categories=list(POSITIE_TYPES)).codes)
    g = g.sort_values(["_t", "gemeente_naam"], ignore_index=True)
    moves = _move_words(grensgevallen, labels or {})
    codes = grensgevallen["gemeente_code"].astype("string")
    per = moves.groupby(codes.to_numpy(), sort=False).agg("; ".join)
    return pd.DataFrame({
        "Gemeente": g["gemeente_naam"].astype("string"),
        "Type": labelled(g["positie_cbs"], labels),
        "Wisselt bij (drempel ±10% → type)": g["gemeente_code"].astype("string").map(per)
        .astype("string"),
    })

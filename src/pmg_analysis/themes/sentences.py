"""Dutch sentences for the reports, from the computed frames (no computation of figures here).

Every function takes a frame from :mod:`~pmg_analysis.themes.scores`,
:mod:`~pmg_analysis.themes.compare` or :mod:`~pmg_analysis.themes.opgaven` and returns Dutch
text; empty input and themes nobody answered get a clear sentence instead of an error.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.regions.overview import getal
from pmg_analysis.themes.config import ThemeConfig

MEASURE_NAMES: dict[str, str] = {
    "urgentie": "gemiddelde urgentie (1–5)",
    "urgent": "aandeel urgent of zeer urgent",
    "borda": "Bordascore van de prioriteit (0–3)",
    "eerste": "aandeel met het thema op de eerste plaats",
    "trekker": "aantal gemeenten dat trekker wil zijn",
    "tekst": "aandeel gemeenten met open tekst over het thema",
    "eens": "aandeel (helemaal) mee eens",
    "gemiddelde": "gemiddelde (1–5)",
}
"""Dutch names of the measures (lower case, for use inside a sentence)."""

SHARE_MEASURES: frozenset[str] = frozenset({"urgent", "eerste", "tekst", "eens"})
COUNT_MEASURES: frozenset[str] = frozenset({"trekker"})

NO_DATA = ("Er zijn nog geen antwoorden om de thema's te vergelijken: de tabellen en figuren "
           "hieronder blijven leeg.")


def measure_name(measure: str) -> str:
    """The Dutch name of a measure, with a capital: ``"borda"`` -> "Bordascore van ...". """
    name = MEASURE_NAMES.get(measure, measure)
    return name[:1].upper() + name[1:]


def value_text(value: object, measure: str) -> str:
    """A figure in Dutch notation for its measure: 45%, 3,62 or 12; "–" when unknown."""
    if value is None or pd.isna(value):
        return "–"
    number = float(value)
    if measure in SHARE_MEASURES:
        return f"{getal(round(number * 100), 0)}%"
    if measure in COUNT_MEASURES:
        return getal(round(number), 0)
    return getal(number, 2)


def interval_text(lower: object, upper: object, measure: str) -> str:
    """``"3,41–3,86"``; "–" when unknown."""
    if lower is None or upper is None or pd.isna(lower) or pd.isna(upper):
        return "–"
    return f"{value_text(lower, measure)}–{value_text(upper, measure)}"


def group_name(group: object, labels: Mapping[str, str] | None = None) -> str:
    """Display name of a group; "onbekend" reads "positie onbekend"."""
    text = str(group)
    if labels and text in labels:
        return labels[text]
    return "Positie onbekend" if text == "onbekend" else text


def theme_name(code: object) -> str:
    return load_instrument().theme_name(str(code))


def dominance_sentences(scores: pd.DataFrame) -> list[str]:
    """Per measure one Dutch sentence: which theme leads, with its interval, and whether the
    lead is clear (its interval does not overlap the runner-up's) or uncertain.

    ``scores`` is :func:`~pmg_analysis.themes.scores.theme_scores` for one group (``by=None``).

    Examples
    --------
    >>> from pmg_analysis.themes import theme_scores
    >>> dominance_sentences(theme_scores(answers, responses))[0][:43]
    'Gemiddelde urgentie (1–5): Economie & arbei'
    """
    if scores.empty or scores["n_gemeenten"].fillna(0).eq(0).all():
        return [NO_DATA]
    out = []
    for measure, part in scores.groupby("measure", observed=True, sort=True):
        known = part[part["estimate"].notna()].sort_values(
            ["estimate", "theme"], ascending=[False, True], kind="stable")
        missing = part[part["estimate"].isna()]["theme"].astype(str).tolist()
        name = measure_name(str(measure))
        if known.empty:
            out.append(f"{name}: niemand beantwoordde deze vraag.")
            continue
        first = known.iloc[0]
        tied = known[known["estimate"] == first["estimate"]]
        if len(tied) > 1:
            names = " en ".join(theme_name(t) for t in tied["theme"])
            text = (f"{name}: {names} staan gelijk bovenaan "
                    f"({value_text(first['estimate'], measure)}).")
        else:
            text = (f"{name}: {theme_name(first['theme'])} staat bovenaan "
                    f"({value_text(first['estimate'], measure)}; 95%-interval "
                    f"{interval_text(first['lower'], first['upper'], measure)}).")
        if len(known) > 1 and len(tied) == 1:
            second = known.iloc[1]
            if pd.notna(second["upper"]) and pd.notna(first["lower"]) \
                    and second["upper"] < first["lower"]:
                text += (f" De voorsprong op {theme_name(second['theme'])} "
                         f"({value_text(second['estimate'], measure)}) is duidelijk: de "
                         "intervallen overlappen niet.")
            else:
                text += (f" {theme_name(second['theme'])} volgt met "
                         f"{value_text(second['estimate'], measure)}; de intervallen "
                         "overlappen, dus de volgorde van deze twee is onzeker.")
        if missing:
            names = ", ".join(theme_name(t) for t in missing)
            text += f" Over {names} antwoordde niemand."
        out.append(text)
    return out


def _groups(cell: object) -> list:
    """The groups in a ``kleine_groepen`` cell: a list, or the array a parquet file gives back
    (nothing for a missing cell)."""
    return [] if cell is None or (isinstance(cell, float) and cell != cell) else list(cell)


def small_group_warnings(frame: pd.DataFrame, labels: Mapping[str, str] | None = None,
                         min_group: int = 5) -> list[str]:
    """Dutch warnings for groups with fewer than ``min_group`` municipalities.

    ``frame`` is :func:`~pmg_analysis.themes.scores.theme_scores` (``by`` given; uses
    ``group`` and ``n_gemeenten``) or :func:`~pmg_analysis.themes.compare.group_tests` (uses
    ``kleine_groepen``). One warning per group, empty list when every group is large enough.
    """
    if "kleine_groepen" in frame.columns:
        small = sorted({str(g) for cell in frame["kleine_groepen"] for g in _groups(cell)})
        sizes: dict[str, int | None] = {g: None for g in small}
    else:
        per = frame.groupby("group", observed=True)["n_gemeenten"].max()
        sizes = {str(g): int(n) for g, n in per.items() if n < min_group}
    out = []
    for group, n in sizes.items():
        name = group_name(group, labels)
        if n == 0:
            out.append(f"Let op: de groep ‘{name}’ telt geen gemeenten; voor die groep zijn er "
                       "geen cijfers.")
            continue
        count = f"minder dan {min_group} gemeenten" if n is None else (
            "maar 1 gemeente" if n == 1 else f"maar {n} gemeenten")
        out.append(f"Let op: de groep ‘{name}’ telt {count}. Cijfers voor die groep zijn erg "
                   "onzeker en een verschil met andere groepen is nauwelijks aan te tonen.")
    return out


def group_test_sentence(tests: pd.DataFrame, alpha: float = 0.05,
                        config: ThemeConfig = ThemeConfig()) -> str:
    """One Dutch paragraph on :func:`~pmg_analysis.themes.compare.group_tests` (or
    ``statement_tests``): where the position types differ after the Benjamini-Hochberg
    correction, or that they do not; when nothing could be tested, why and what would make
    it possible."""
    tested = tests[tests["p_bh"].notna()]
    if tested.empty:
        n = int(tests["n_gemeenten"].max()) if len(tests) and tests["n_gemeenten"].notna().any() \
            else 0
        m = config.min_test_group
        who = ("Zonder gemeenten met een bekende positie" if n == 0 else
               f"Met {n} gemeente{'n' if n != 1 else ''} met een bekende positie")
        return (f"{who} is een vergelijking tussen de posities niet mogelijk: daarvoor zijn in "
                f"minstens twee posities minstens {m} gemeenten nodig.")
    hits = tested[tested["p_bh"] < alpha]
    what = "stellingen" if "stelling" in tests.columns else "vergelijkingen (thema × maat)"
    intro = (f"Van de {len(tested)} {what} laten er {len(hits)} een "
             "verschil tussen de posities zien dat niet goed door toeval te verklaren is "
             f"(Kruskal–Wallis, p < {getal(alpha, 2)} na correctie voor het aantal toetsen)")
    if hits.empty:
        return intro + "."
    names = {**MEASURE_NAMES, "trekker": "de bereidheid om trekker te zijn"}
    if "stelling" in tests.columns:
        parts = [f"stelling {r['stelling']} (p = {getal(float(r['p_bh']), 3)})"
                 for _, r in hits.iterrows()]
    else:
        parts = [f"{names.get(str(r['measure']), r['measure'])} bij "
                 f"{theme_name(r['theme'])} (p = {getal(float(r['p_bh']), 3)})"
                 for _, r in hits.iterrows()]
    return intro + ": " + "; ".join(parts) + "."


def method_sentence(config: ThemeConfig = ThemeConfig()) -> str:
    """How the figures are made, in Dutch, with the settings actually used."""
    return (f"Elke gemeente telt één keer. Elk cijfer heeft een "
            f"{getal(round(config.confidence * 100), 0)}%-interval uit "
            f"{getal(config.n_resamples, 0)} bootstrap-steekproeven van gemeenten (vaste seed "
            f"{config.seed}); een groep met minder dan {config.min_group} gemeenten krijgt een "
            "waarschuwing.")


def small_group_text(frame: pd.DataFrame, labels: Mapping[str, str] | None = None,
                     min_group: int = 5) -> str:
    """:func:`small_group_warnings` as one text, or a sentence that every group is large
    enough (so the report always says whether it checked)."""
    warnings = small_group_warnings(frame, labels, min_group)
    if warnings:
        return "\n".join(warnings)
    return f"Elke groep telt minstens {min_group} gemeenten."


def ranking_note(meldingen: pd.DataFrame) -> str:
    """How many rankings ``clean`` left out as invalid (from the ``meldingen`` table), so the
    Borda figures say what they do not count."""
    codes = meldingen["code"].astype("string") if "code" in meldingen.columns else pd.Series(
        dtype="string")
    n = int(codes.eq("rangschikking_ongeldig").sum())
    if n == 0:
        return "Alle ingevulde rangschikkingen waren geldig."
    wat, tellen = ("rangschikking was", "telt") if n == 1 else ("rangschikkingen waren", "tellen")
    return (f"{n} {wat} ongeldig (niet precies 1 t/m 4) en {tellen} niet mee voor de "
            "Bordascore en de eerste plaats; de andere antwoorden van die respondenten tellen "
            "wel mee.")

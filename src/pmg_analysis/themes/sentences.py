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
from pmg_analysis.themes.municipality import UNKNOWN_GROUP

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


def statement_name(code: object) -> str:
    """A stelling as a reader reads it: "de stelling ‘...’" (its id when the questionnaire of
    this round does not have it)."""
    items = {i.id: i.text for q in load_instrument().questions if q.id == "stelling"
             for i in q.items}
    text = items.get(str(code))
    return f"de stelling ‘{text}’" if text else f"stelling {code}"


def _ranked(part: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The themes of one measure with an estimate, highest first (ties by theme order), and the
    themes nobody answered."""
    known = part[part["estimate"].notna()].sort_values(
        ["estimate", "theme"], ascending=[False, True], kind="stable")
    missing = part[part["estimate"].isna()]["theme"].astype(str).tolist()
    return known, missing


def _lead_is_clear(first: pd.Series, second: pd.Series) -> bool:
    """Whether the leader's interval lies wholly above the runner-up's."""
    return bool(pd.notna(second["upper"]) and pd.notna(first["lower"])
                and second["upper"] < first["lower"])


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
        known, missing = _ranked(part)
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
            if _lead_is_clear(first, second):
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


def short_value(value: object, measure: str) -> str:
    """A figure as a reader's sentence gives it: shares as whole percentages, means with one
    decimal ("3,9"), counts whole; "–" when unknown."""
    if value is None or pd.isna(value):
        return "–"
    if measure in SHARE_MEASURES or measure in COUNT_MEASURES:
        return value_text(value, measure)
    return getal(float(value), 1)


_HEADLINE = {
    "eerste": ("staat het vaakst op de eerste plaats", "bij {v} van de gemeenten",
               "{t} ({v})"),
    "urgentie": ("is het urgentst", "{v} op een schaal van 1 tot 5", "{t} ({v})"),
}


def theme_headline(scores: pd.DataFrame) -> str:
    """The members' answer in one or two sentences: which theme they put first most often and
    which they find most urgent, with the figure, and in words whether the lead over the
    runner-up is clear (the 95% intervals do not overlap) or could be chance.

    ``scores`` is :func:`~pmg_analysis.themes.scores.theme_scores` for all municipalities.

    Examples
    --------
    >>> rows = [("EA", "eerste", .42, .29, .56), ("SV", "eerste", .26, .14, .38),
    ...         ("EA", "urgentie", 3.9, 3.7, 4.1), ("EF", "urgentie", 3.0, 2.8, 3.2)]
    >>> scores = pd.DataFrame(rows, columns=["theme", "measure", "estimate", "lower", "upper"]
    ...                       ).assign(n_gemeenten=40)
    >>> print(theme_headline(scores))  # doctest: +NORMALIZE_WHITESPACE
    Economie & arbeidsmarkt staat het vaakst op de eerste plaats (bij 42% van de gemeenten) en
    is het urgentst (3,9 op een schaal van 1 tot 5). De voorsprong op de eerste plaats is niet
    zeker: het verschil met Sociale veerkracht & relatie burger-overheid (26%) kan toeval zijn.
    De voorsprong in urgentie is duidelijk: Energietransitie & fysieke leefomgeving volgt met
    3,0.
    """
    if scores.empty or scores["n_gemeenten"].fillna(0).eq(0).all():
        return NO_DATA
    leads = {}
    for measure in _HEADLINE:
        known, _ = _ranked(scores[scores["measure"].astype(str) == measure])
        if not known.empty:
            leads[measure] = known
    if not leads:
        return NO_DATA
    parts, notes = [], []
    tops = {m: k.iloc[0] for m, k in leads.items()}
    for measure, known in leads.items():
        first = tops[measure]
        verb, figure, _ = _HEADLINE[measure]
        tied = known[known["estimate"] == first["estimate"]]
        value = short_value(first["estimate"], measure)
        if len(tied) > 1:
            names = " en ".join(theme_name(t) for t in tied["theme"])
            verb = verb.replace("staat", "staan").replace("is het", "zijn even")
            parts.append((names, f"{verb} ({figure.format(v=value)})", True))
            continue
        parts.append((theme_name(first["theme"]), f"{verb} ({figure.format(v=value)})", False))
        if len(known) > 1:
            second = known.iloc[1]
            what = "op de eerste plaats" if measure == "eerste" else "in urgentie"
            other = short_value(second["estimate"], measure)
            if _lead_is_clear(first, second):
                notes.append(f"De voorsprong {what} is duidelijk: "
                             f"{theme_name(second['theme'])} volgt met {other}.")
            else:
                notes.append(f"De voorsprong {what} is niet zeker: het verschil met "
                             f"{theme_name(second['theme'])} ({other}) kan toeval zijn.")
    if len(parts) == 2 and parts[0][0] == parts[1][0]:
        text = f"{parts[0][0]} {parts[0][1]} en {parts[1][1]}."
    else:
        text = " ".join(f"{who} {what}." for who, what, _ in parts)
    return " ".join([text, *notes])


_CONTRAST_VERBS: dict[str, tuple[str, str, str]] = {
    # measure: (higher, lower, how the figure reads)
    "urgentie": ("vinden {t} urgenter", "vinden {t} minder urgent", "{v} op 5"),
    "urgent": ("noemen {t} vaker urgent of zeer urgent",
               "noemen {t} minder vaak urgent of zeer urgent", "{v}"),
    "borda": ("zetten {t} hoger in hun rangschikking", "zetten {t} lager in hun rangschikking",
              "{v} van de 3 punten"),
    "eerste": ("zetten {t} vaker op de eerste plaats", "zetten {t} minder vaak op de eerste "
               "plaats", "{v}"),
    "trekker": ("willen vaker trekker zijn voor {t}", "willen minder vaak trekker zijn voor {t}",
                "{v}"),
    "tekst": ("schrijven vaker over {t}", "schrijven minder vaak over {t}", "{v}"),
    "eens": ("zijn het vaker eens met {t}", "zijn het minder vaak eens met {t}", "{v}"),
    "gemiddelde": ("zijn het meer eens met {t}", "zijn het minder eens met {t}", "{v} op 5"),
}


def contrast_sentence(row: pd.Series | Mapping, min_group: int = 5) -> str:
    """One row of :func:`~pmg_analysis.themes.contrasts.position_contrasts` as a sentence that
    says who scores higher and by how much, with the position in words.

    Examples
    --------
    >>> row = {"subject": "EF", "measure": "urgentie", "group": "nabij_grotere_stad",
    ...        "estimate": 4.46, "n_gemeenten": 8, "others": 3.55, "n_others": 32,
    ...        "other_groups": ["monocentrisch", "polycentrisch"],
    ...        "other_estimates": [3.55, 3.54], "higher": True}
    >>> print(contrast_sentence(row))  # doctest: +NORMALIZE_WHITESPACE
    Gemeenten nabij een grotere stad vinden Energietransitie & fysieke leefomgeving urgenter
    (4,5 op 5) dan gemeenten in de andere posities (3,5).
    """
    from pmg_analysis.regions.display import position_place, position_subject

    measure = str(row["measure"])
    share = "urgent" if measure in COUNT_MEASURES else measure  # a count is compared as share
    subject = str(row["subject"])
    name = (theme_name(subject) if subject in load_instrument().theme_codes
            else statement_name(subject))
    higher, lower, figure = _CONTRAST_VERBS.get(
        measure, (f"scoren hoger op {measure_name(measure).lower()} bij {{t}}",
                  f"scoren lager op {measure_name(measure).lower()} bij {{t}}", "{v}"))
    verb = (higher if row["higher"] else lower).format(t=name)

    def v(x: object) -> str:
        return short_value(x, share)

    own = figure.format(v=v(row["estimate"]))
    others = [str(g) for g in row["other_groups"]]
    values = [float(x) for x in row["other_estimates"]]
    gap = abs(float(row["estimate"]) - float(row["others"]))
    spread = max(values) - min(values) if values else 0.0
    if len(others) <= 1:
        rest = f"{position_subject(others[0]) if others else 'de andere gemeenten'}"
        rest += f" ({v(values[0] if values else row['others'])})"
    elif v(max(values)) == v(min(values)) or spread < gap / 4:
        rest = f"gemeenten in de andere posities ({v(row['others'])})"
    else:
        listed = [f"{position_place(g)} ({v(x)})" for g, x in zip(others, values, strict=True)]
        rest = "gemeenten " + ", ".join(listed[:-1]) + " en " + listed[-1]
    text = f"{position_subject(row['group'], capital=True)} {verb} ({own}) dan {rest}."
    n = int(row["n_gemeenten"])
    if n < min_group:
        text += (f" Let op: dat zijn maar {n} gemeente{'n' if n != 1 else ''}, dus het cijfer "
                 "is onzeker.")
    return text


HEADLINE_MEASURES: tuple[str, ...] = ("urgentie", "eerste", "urgent", "borda", "trekker",
                                      "tekst", "gemiddelde", "eens")
"""The order in which the differences of one theme are told: the measure a reader grasps most
easily leads the sentence."""

_ALSO_VERBS: dict[str, tuple[str, str]] = {
    "urgentie": ("vinden het ook urgenter", "vinden het ook minder urgent"),
    "urgent": ("noemen het ook vaker urgent of zeer urgent",
               "noemen het ook minder vaak urgent of zeer urgent"),
    "borda": ("zetten het ook hoger in hun rangschikking",
              "zetten het ook lager in hun rangschikking"),
    "eerste": ("zetten het ook vaker op de eerste plaats",
               "zetten het ook minder vaak op de eerste plaats"),
    "trekker": ("willen er ook vaker trekker voor zijn",
                "willen er ook minder vaak trekker voor zijn"),
    "tekst": ("schrijven er ook vaker over", "schrijven er ook minder vaak over"),
    "eens": ("zijn het er ook vaker mee eens", "zijn het er ook minder vaak mee eens"),
    "gemiddelde": ("zijn het er ook meer mee eens", "zijn het er ook minder mee eens"),
}


def _also_clause(row: pd.Series) -> str:
    """A further difference of the same position on the same theme: "zetten het ook vaker op
    de eerste plaats (50% tegen 6%)"."""
    measure = str(row["measure"])
    share = "urgent" if measure in COUNT_MEASURES else measure
    higher, lower = _ALSO_VERBS.get(measure, ("scoren er ook hoger op", "scoren er ook lager op"))
    return (f"{higher if row['higher'] else lower} ({short_value(row['estimate'], share)} tegen "
            f"{short_value(row['others'], share)})")


def position_difference_sentences(contrasts: pd.DataFrame, *,
                                  none_text: str | None = None) -> list[str]:
    """:func:`~pmg_analysis.themes.contrasts.position_contrasts` in sentences that say who
    scores higher and by how much: per theme and position one sentence, led by the measure
    that reads most easily (:data:`HEADLINE_MEASURES`), further differences of the same
    position as "ze ... ook ..." with both figures. Without any difference one sentence says so
    (``none_text`` or the default).

    Examples
    --------
    >>> row = {"subject": "EF", "group": "nabij_grotere_stad", "n_gemeenten": 8,
    ...        "n_others": 32, "other_groups": ["monocentrisch", "polycentrisch"],
    ...        "higher": True, "p_bh": 0.03}
    >>> rows = pd.DataFrame([{**row, "measure": "eerste", "estimate": .5, "others": .06,
    ...                       "other_estimates": [.08, .04]},
    ...                      {**row, "measure": "urgentie", "estimate": 4.46, "others": 3.55,
    ...                       "other_estimates": [3.55, 3.54]}])
    >>> print(*position_difference_sentences(rows))  # doctest: +NORMALIZE_WHITESPACE
    Gemeenten nabij een grotere stad vinden Energietransitie & fysieke leefomgeving urgenter
    (4,5 op 5) dan gemeenten in de andere posities (3,5); ze zetten het ook vaker op de eerste
    plaats (50% tegen 6%).
    """
    if contrasts.empty:
        return [none_text or "De posities in de regio verschillen niet meer dan toeval kan "
                "verklaren: bij geen thema scoort één positie duidelijk hoger of lager."]
    rank = {m: i for i, m in enumerate(HEADLINE_MEASURES)}
    rows = contrasts.assign(_r=contrasts["measure"].astype(str).map(rank).fillna(len(rank)),
                            _s=contrasts["subject"].astype(str),
                            _g=contrasts["group"].astype(str))
    out = []
    for subject in dict.fromkeys(rows["_s"]):
        part = rows[rows["_s"] == subject]
        for group in dict.fromkeys(part.sort_values("_r", kind="stable")["_g"]):
            mine = part[part["_g"] == group].sort_values("_r", kind="stable")
            text = contrast_sentence(mine.iloc[0])
            more = [_also_clause(r) for _, r in mine.iloc[1:].iterrows()]
            if more:
                clause = more[0] if len(more) == 1 else (", ".join(more[:-1]) + " en "
                                                         + more[-1])
                stem, dot, tail = text.partition(".")
                text = f"{stem}; ze {clause}.{tail}"
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


def position_sentences(per_position: pd.DataFrame, tests: pd.DataFrame,
                       alpha: float = 0.05) -> list[str]:
    """What differs by position, in sentences that say which position scores higher and by
    how much; only differences that hold after the correction for many tests
    (:func:`pmg_analysis.themes.contrasts.position_contrasts`). When the positions could not be
    compared, :func:`group_test_sentence` says why.

    ``per_position`` is :func:`~pmg_analysis.themes.scores.theme_scores` (``by="positie"``) with
    ``tests`` from :func:`~pmg_analysis.themes.compare.group_tests`, or ``statement_scores``
    with ``statement_tests``.
    """
    from pmg_analysis.themes.contrasts import position_contrasts

    if tests.empty or tests["p_bh"].isna().all():
        return [group_test_sentence(tests)]
    none = None
    if "stelling" in tests.columns:
        none = ("Bij geen stelling verschillen de posities in de regio meer dan toeval kan "
                "verklaren.")
    contrasts = position_contrasts(per_position, tests, alpha)
    out = position_difference_sentences(contrasts, none_text=none)
    if contrasts.empty:
        return out
    if contrasts["subject"].nunique() > 1:  # the rows are sorted clearest first (p_bh)
        first = str(contrasts["subject"].iloc[0])
        name = (theme_name(first) if first in load_instrument().theme_codes
                else statement_name(first))
        out = [f"Het duidelijkst verschillen de posities bij {name}.", *out]
    return [*out, position_sizes_sentence(per_position)]


def position_sizes_sentence(per_position: pd.DataFrame) -> str:
    """How many municipalities each position has (the most that answered any measure), so a
    reader can weigh the differences.

    Examples
    --------
    >>> per = pd.DataFrame({"group": ["nabij_grotere_stad", "polycentrisch", "monocentrisch"],
    ...                     "n_gemeenten": [8, 13, 19]})
    >>> print(position_sizes_sentence(per))  # doctest: +NORMALIZE_WHITESPACE
    Dit rust op 40 gemeenten met een bekende positie: 8 nabij een grotere stad, 13 in een
    polycentrische regio en 19 in een monocentrische regio.
    """
    from pmg_analysis.regions.display import position_place

    sizes = (per_position[per_position["group"].astype(str) != UNKNOWN_GROUP]
             .groupby(per_position["group"].astype(str), sort=False)["n_gemeenten"].max())
    parts = [f"{int(n)} {position_place(g)}" for g, n in sizes.items()]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " en " + parts[-1]
    return f"Dit rust op {int(sizes.sum())} gemeenten met een bekende positie: {listed}."

"""The work programme as a board reads it (report 05): the answer first, the year's programme
with one proposed trekker per item, the themes beside the members' own ranking, and the
municipalities of every group by name. Each function takes the computed
:class:`~pmg_analysis.prioritise.WorkProgramme` and returns one sentence or one table in Dutch:
no codes, ids or numbers a reader must look up (labels in words with their rank)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis.prioritise import sentences
from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.prioritise.sentences import names

if TYPE_CHECKING:
    from pmg_analysis.prioritise.programme import WorkProgramme

QUARTERS = 4


def quarter(start: int, config: PriorityConfig = PriorityConfig()) -> int:
    """The quarter in which the ``start``-th item of the year's programme starts: the year's
    ``config.starts_per_year`` starts spread evenly over the four quarters, from the first.

    Examples
    --------
    >>> [quarter(i) for i in range(1, 6)]
    [1, 1, 2, 3, 4]
    >>> [quarter(i, PriorityConfig(starts_per_year=3)) for i in range(1, 4)]
    [1, 2, 3]
    """
    return (start - 1) * QUARTERS // config.starts_per_year + 1


def _kind(programme: pd.DataFrame, soort: str) -> pd.DataFrame:
    return programme[programme["soort"].astype("string") == soort].sort_values("rang")


def _year(programme: pd.DataFrame) -> pd.DataFrame:
    questions = _kind(programme, "leervraag")
    return questions[questions["start"].notna()].sort_values("start")


def ranked_label(row: pd.Series) -> str:
    """``"3. Aansluiting onderwijs en arbeidsmarkt"``: the label in words with its rank."""
    return f"{int(row['rang'])}. {row['label']}"


def _theme_names(programme: pd.DataFrame) -> dict[str, str]:
    from pmg_analysis.instrument import load_instrument

    instrument = load_instrument()
    return {str(t): instrument.theme_name(str(t)) for t in programme["theme"].dropna().unique()}


def _lead(members: pd.DataFrame, item: str) -> tuple[str, str]:
    """(proposed trekker with the reason, the alternates) of one item."""
    willing = members[(members["item"].astype("string") == item)
                      & members["trekker_keuze"].notna()].sort_values("trekker_keuze")
    if willing.empty:
        return "nog geen: geen gemeente wil trekken", "geen"
    first = willing.iloc[0]
    reason = sentences.trekker_reason(str(first["trekker_reden"]), willing)
    return (f"{first['gemeente_naam']}: {reason}",
            sentences.alternates(willing["gemeente_naam"].iloc[1:].astype(str).tolist()))


def _groups_of(plan: WorkProgramme, item: str) -> pd.DataFrame:
    groups = plan.leerkringen.groepen
    return groups[groups["item"].astype("string") == item].sort_values("leerkring")


def _form(plan: WorkProgramme, row: pd.Series, config: PriorityConfig) -> str:
    groups = _groups_of(plan, str(row["item"]))
    if len(groups):
        return sentences.form_in_words(list(zip(groups["vorm"].astype(str),
                                                groups["n_gemeenten"].astype(int),
                                                strict=True)))
    n = int(row["n_gemeenten"])
    return (f"netwerkbijeenkomst: {n} {'gemeente' if n == 1 else 'gemeenten'}, te weinig voor "
            f"een groep (minstens {config.group_min})")


def year_programme(plan: WorkProgramme, config: PriorityConfig = PriorityConfig()
                   ) -> pd.DataFrame:
    """The year's programme, one row per learning question in start order: when it starts
    (quarter), the question (rank. label), its theme, the form in words, the proposed trekker
    with the reason, the alternates, and how firm its place is."""
    programme, members = plan.programma, plan.gemeenten
    year = _year(programme)
    themes = _theme_names(programme)
    firm = sentences.stability_sentences(plan.gevoeligheid, programme, config)
    rows = []
    for _, row in year.iterrows():
        lead, others = _lead(members, str(row["item"]))
        rows.append({"start": f"kwartaal {quarter(int(row['start']), config)}",
                     "leervraag": ranked_label(row),
                     "thema": themes.get(str(row["theme"]), "–"),
                     "vorm": _form(plan, row, config),
                     "voorgestelde trekker": lead, "reserve": others,
                     "hoe vast": firm.get(str(row["item"]), "")})
    return pd.DataFrame(rows, columns=["start", "leervraag", "thema", "vorm",
                                       "voorgestelde trekker", "reserve", "hoe vast"],
                        dtype="string")


def themes_table(plan: WorkProgramme, config: PriorityConfig = PriorityConfig()
                 ) -> pd.DataFrame:
    """The four themes in programme order beside the members' own ranking, with the number of
    municipalities, the proposed trekker, the alternates and how firm the place is."""
    programme, members = plan.programma, plan.gemeenten
    themes = _kind(programme, "thema")
    firm = sentences.stability_sentences(plan.gevoeligheid, programme, config)
    rows = []
    for _, row in themes.iterrows():
        lead, others = _lead(members, str(row["item"]))
        members_place = (f"{int(row['rang_leden'])} (gemiddelde plaats "
                         f"{sentences.decimal(row['plaats_rangschikking'])})"
                         if pd.notna(row["rang_leden"]) else "niet gevraagd")
        rows.append({"thema": ranked_label(row), "plaats bij de leden": members_place,
                     "gemeenten": int(row["n_gemeenten"]), "voorgestelde trekker": lead,
                     "reserve": others, "hoe vast": firm.get(str(row["item"]), "")})
    out = pd.DataFrame(rows, columns=["thema", "plaats bij de leden", "gemeenten",
                                      "voorgestelde trekker", "reserve", "hoe vast"])
    return out.astype({c: "string" for c in out.columns if c != "gemeenten"})


def groups_table(plan: WorkProgramme, config: PriorityConfig = PriorityConfig()
                 ) -> pd.DataFrame:
    """Who takes part: per group of the year's learning questions its municipalities by name
    (the trekker first, marked), the mix of positions and any note (no trekker, municipalities
    left out because they are in the maximum of groups); a question without a group names who
    asked it."""
    shown = sentences.groups_shown(plan.leerkringen, config)
    without = sentences.without_shown(plan.leerkringen, config)
    leden = plan.leerkringen.leden
    rows = []
    for _, row in _year(plan.programma).iterrows():
        item = str(row["item"])
        groups = shown[shown["item"].astype("string") == item]
        said: set[str] = set()
        for i, group in enumerate(groups.itertuples(), start=1):
            note = " ".join(n for n in _sentences_of(group.toelichting or "") if n not in said)
            said |= set(_sentences_of(group.toelichting or ""))
            members = leden[leden["leerkring"] == group.leerkring]
            lead = members[members["rol"] == "trekker"]["gemeente_naam"].astype(str).tolist()
            rest = members[members["rol"] != "trekker"]["gemeente_naam"].astype(str).tolist()
            who = ([f"{lead[0]} (trekker)"] if lead else []) + rest
            rows.append({"leervraag": ranked_label(row),
                         "groep": f"{i} van {len(groups)}" if len(groups) > 1 else "1",
                         "gemeenten": ", ".join(who), "posities": group.posities,
                         "opmerking": note})
        if groups.empty:
            note = without.loc[without["item"].astype("string") == item, "toelichting"]
            asked = plan.gemeenten.loc[plan.gemeenten["item"].astype("string") == item,
                                       "gemeente_naam"].astype(str).tolist()
            rows.append({"leervraag": ranked_label(row), "groep": "geen",
                         "gemeenten": ", ".join(asked), "posities": "",
                         "opmerking": note.iloc[0] if len(note) else ""})
    return pd.DataFrame(rows, columns=["leervraag", "groep", "gemeenten", "posities",
                                       "opmerking"], dtype="string")


def _sentences_of(text: str) -> list[str]:
    return [part.strip().rstrip(".") + "." for part in str(text).split(". ")
            if part.strip(". ")]


def year_sentence(plan: WorkProgramme) -> str:
    """What the year's programme starts, in which order (and what starts last for want of a
    trekker): the first sentence of :func:`answer`, also shown in the summary (00)."""
    year = _year(plan.programma)
    out = []
    if len(year):
        n = len(year)
        word = sentences.NUMBERS.get(n, str(n)) if n > 1 else "één"
        out.append(f"Voorstel voor het komende jaar: het PMG start {word} "
                   f"{'leervraag' if n == 1 else 'leervragen'}, in deze volgorde: "
                   f"{names([str(label) for label in year['label']])}.")
        no_lead = year[year["n_trekkers"] == 0]
        if len(no_lead):
            out.append(f"Voor {names([str(x) for x in no_lead['label']])} wil nog geen "
                       "gemeente trekken; die start daarom als laatste.")
    else:
        out.append("Er zijn (nog) geen leervragen om een jaarprogramma mee te vullen.")
    return " ".join(out)


def answer(plan: WorkProgramme, config: PriorityConfig = PriorityConfig()) -> str:
    """The answer first: what the year's programme starts, in which order, which theme comes
    first and - where it differs from the members' own ranking - why."""
    programme = plan.programma
    themes = _kind(programme, "thema")
    out = [year_sentence(plan)]
    if len(themes) and int(themes["n_gemeenten"].max()) > 0:
        top = themes.iloc[0]
        agree = pd.notna(top["rang_leden"]) and int(top["rang_leden"]) == 1
        out.append(f"Bij de thema's gaat {top['label']} voor"
                   + ("; de leden zetten het zelf ook bovenaan." if agree else "."))
        why = sentences.ranking_difference(programme, config)
        if why:
            out.append(why)
    return " ".join(out)


def later(plan: WorkProgramme, config: PriorityConfig = PriorityConfig(), n: int = 5) -> str:
    """The next ``n`` learning questions after the year's programme, for the year after."""
    questions = _kind(plan.programma, "leervraag")
    rest = questions[questions["start"].isna()].head(n)
    if rest.empty:
        return ("Er zijn geen andere leervragen: alle passen in het programma van dit jaar."
                if len(questions) else "Er zijn (nog) geen leervragen.")
    return ("Daarna, als er ruimte is of voor het jaar erna: "
            f"{names([ranked_label(r) for _, r in rest.iterrows()])}.")

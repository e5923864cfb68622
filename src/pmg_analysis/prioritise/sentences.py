"""Dutch sentences for the work programme, kept apart from the computations: every function
takes computed frames or numbers and returns text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis.prioritise.config import PriorityConfig

if TYPE_CHECKING:
    from pmg_analysis.prioritise.leerkringen import Leerkringen

POSITIE_NAMEN: dict[str, str] = {
    "nabij_grotere_stad": "nabij een grotere stad",
    "polycentrisch": "polycentrische regio",
    "monocentrisch": "monocentrische regio",
}
ONBEKEND = "positie onbekend"

DEEL_UITLEG: dict[str, tuple[str, str]] = {
    "deel_vraag": ("Vraag", "Hoeveel gemeenten dit willen oppakken, vergeleken met het meest "
                   "gevraagde onderwerp van dezelfde soort (dat krijgt 1)."),
    "deel_urgentie": ("Urgentie", "Hoe urgent deze gemeenten het thema vinden: 0 = niet "
                      "urgent, 1 = zeer urgent."),
    "deel_breedte": ("Breedte", "Uit hoeveel van de drie soorten posities in de regio deze "
                     "gemeenten komen (1 = alle drie)."),
    "deel_trekker": ("Trekker", "Of er gemeenten zijn die willen trekken: 1 bij twee of meer "
                     "kandidaat-trekkers, 0,5 bij één."),
    "deel_vorm": ("Vorm", "Welk deel van deze gemeenten de voorgestelde werkvorm koos "
                  "(1 = allemaal dezelfde)."),
}


def names(values: Sequence[str]) -> str:
    """``["A", "B", "C"]`` -> ``"A, B en C"``."""
    values = [str(v) for v in values]
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} en {values[-1]}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def weights_table(config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """The five parts with their weight (share of the total) and what they measure."""
    weights = config.weights
    total = sum(weights.values())
    return pd.DataFrame({
        "onderdeel": [DEEL_UITLEG[p][0] for p in weights],
        "gewicht": [w / total for w in weights.values()],
        "wat het meet": [DEEL_UITLEG[p][1] for p in weights],
    })


def position_mix(counts: Mapping[str, int], unknown: int = 0) -> str:
    """``{"polycentrisch": 2, ...}`` -> ``"2 polycentrische regio, 1 monocentrische regio"``."""
    parts = [f"{counts[key]} {label}" for key, label in POSITIE_NAMEN.items()
             if counts.get(key, 0)]
    if unknown:
        parts.append(f"{unknown} {ONBEKEND}")
    return ", ".join(parts) if parts else "geen posities bekend"


def no_lead(theme_name: str | None, elsewhere: Sequence[str] = ()) -> str:
    """No member wants to lead; ``elsewhere``: municipalities outside the group that do."""
    theme = f"het thema {theme_name}" if theme_name else "dit thema"
    text = f"Geen gemeente in deze groep wil trekker zijn van {theme}; "
    if elsewhere:
        return text + (f"wel {names(elsewhere)}, buiten de groep. Vraag een van hen, of laat het "
                       "programmateam trekken.")
    return text + "het programmateam zoekt een trekker of trekt zelf."


def not_placed(gemeenten: Sequence[str], limit: int) -> str:
    if not gemeenten:
        return ""
    return (f"Niet ingedeeld omdat ze al in {limit} leerkringen zitten: {names(gemeenten)}.")


def too_few(n_interested: int, n_available: int, gemeenten: Sequence[str],
            config: PriorityConfig = PriorityConfig()) -> str:
    """Why no leerkring is proposed for a learning question, and what to do instead."""
    who = f" ({names(gemeenten)})" if gemeenten else ""
    asked = _count(n_interested, "gemeente heeft", "gemeenten hebben")
    text = f"Te weinig gemeenten voor een leerkring: {asked} deze leervraag{who}"
    if n_available < n_interested:
        busy = n_interested - n_available
        text += (f", waarvan {busy} al in {config.max_groups_per_municipality} leerkringen "
                 f"{'zit' if busy == 1 else 'zitten'}")
    return (text + f". Een leerkring vraagt minstens {config.group_min} gemeenten. Voorstel: "
            "bespreek de vraag in een netwerkbijeenkomst of voeg haar samen met een verwante "
            "leervraag.")


def _listing(frame: pd.DataFrame) -> str:
    return names([f"{row.label} ({row.item})" if row.soort == "leervraag" else str(row.label)
                  for row in frame.itertuples()])


def programme_summary(programme: pd.DataFrame, config: PriorityConfig = PriorityConfig()) -> str:
    """Two or three sentences on what comes first in the ranked programme."""
    if programme.empty:
        return "Er zijn geen antwoorden om een werkprogramma uit af te leiden."
    out = []
    themes = programme[programme["soort"] == "thema"].sort_values("rang")
    questions = programme[programme["soort"] == "leervraag"].sort_values("rang")
    if len(themes) and themes["n_gemeenten"].iloc[0] > 0:
        top = themes.iloc[0]
        n = int(top["n_gemeenten"])
        out.append(f"Het thema met de hoogste score is {top['label']}: "
                   f"{_count(n, 'gemeente wil', 'gemeenten willen')} "
                   "ermee aan de slag.")
    if len(questions):
        first = questions.head(config.top_n)
        out.append(f"De {len(first)} leervragen met de hoogste score: {_listing(first)}.")
    else:
        out.append("Er zijn (nog) geen leervragen gegroepeerd.")
    return " ".join(out)


def sensitivity_summary(programme: pd.DataFrame, config: PriorityConfig = PriorityConfig()
                        ) -> str:
    """Which items stay on top when each weight is 25% lower or higher, which are sensitive."""
    if programme.empty:
        return "Er is niets te rangschikken."
    pct = round(config.sensitivity_step * 100)
    out = [f"Elk gewicht is om de beurt {pct}% lager en {pct}% hoger gezet."]
    for soort, plural in (("thema", "thema's"), ("leervraag", "leervragen")):
        part = programme[programme["soort"] == soort].sort_values("rang")
        if part.empty:
            continue
        stay = part[part["blijft_in_top"]]
        if len(part) > config.top_n:
            out.append(f"Bij de {plural} blijven steeds in de top {config.top_n}: "
                       f"{_listing(stay) if len(stay) else 'geen enkele'}.")
        sensitive = part[part["gevoelig"]]
        if sensitive.empty:
            out.append(f"De volgorde van de {plural} verandert daarbij niet.")
            continue
        near_top = sensitive[sensitive["rang_min"] <= config.top_n]
        where = f" in of rond de top {config.top_n}" if len(part) > config.top_n else ""
        if len(near_top):
            out.append(f"Bij de {plural}{where} schuift de plaats van {_listing(near_top)}: die "
                       "volgorde hangt af van de precieze gewichten (gemarkeerd als gevoelig).")
        rest = len(sensitive) - len(near_top)
        if rest:
            out.append(f"Lager in de lijst schuift de plaats van nog {rest} van de {len(part)} "
                       f"{plural}: daar zijn de verschillen in score klein.")
    return " ".join(out)


def leerkringen_summary(proposal: Leerkringen, config: PriorityConfig = PriorityConfig()
                        ) -> str:
    """One paragraph on the proposed leerkringen (members counted in the long ``leden``)."""
    groups, without = proposal.groepen, proposal.zonder_groep
    if groups.empty and without.empty:
        return "Er zijn geen leervragen om leerkringen voor voor te stellen."
    n_members = proposal.leden["gemeente_code"].nunique()
    out = [f"Voorgesteld: {_count(len(groups), 'leerkring', 'leerkringen')} met samen "
           f"{_count(n_members, 'gemeente', 'gemeenten')}, voor de "
           f"{config.leerkring_items} leervragen met de hoogste score. Elke groep telt "
           f"{config.group_min} tot {config.group_max} gemeenten; geen gemeente zit in meer "
           f"dan {config.max_groups_per_municipality} leerkringen."]
    no_lead_groups = groups[groups["trekker"] == ""]
    if len(no_lead_groups):
        out.append(f"Voor {_count(len(no_lead_groups), 'leerkring', 'leerkringen')} is nog geen "
                   "trekker gevonden.")
    if len(without):
        out.append(f"Voor {_count(len(without), 'leervraag', 'leervragen')} zijn te weinig "
                   "gemeenten voor een leerkring (zie de tabel daaronder).")
    return " ".join(out)


def groups_shown(proposal: Leerkringen, config: PriorityConfig = PriorityConfig()
                 ) -> pd.DataFrame:
    """The groups as they are shown: ``groepen`` with, per group, ``gemeenten`` (names, "; "),
    ``gemeente_codes`` (";"), ``posities`` (e.g. "3 nabij een grotere stad, 2 polycentrische
    regio") and ``toelichting`` (no trekker; municipalities left out for the limit), written
    from the long ``leden`` and ``buiten``."""
    from pmg_analysis.instrument import load_instrument
    from pmg_analysis.prioritise.leerkringen import AL_VOL, ELDERS_TREKKER

    groups, leden, buiten = proposal.groepen, proposal.leden, proposal.buiten
    instrument = load_instrument()
    rows = []
    for group in groups.itertuples():
        members = leden[leden["leerkring"] == group.leerkring]
        positions = members["positie"].dropna().astype(str)
        beside = buiten[buiten["leerkring"] == group.leerkring]
        elsewhere = beside.loc[beside["reden"] == ELDERS_TREKKER, "gemeente_naam"].astype(str)
        busy = beside.loc[beside["reden"] == AL_VOL, "gemeente_naam"].astype(str)
        notes = [] if group.trekker else [no_lead(
            instrument.theme_name(group.theme) if group.theme else None, list(elsewhere))]
        notes.append(not_placed(list(busy), config.max_groups_per_municipality))
        rows.append({
            "gemeenten": "; ".join(members["gemeente_naam"].astype(str)),
            "gemeente_codes": ";".join(sorted(members["gemeente_code"].astype(str))),
            "posities": position_mix(positions.value_counts().to_dict(),
                                     int(members["positie"].isna().sum())),
            "toelichting": " ".join(n for n in notes if n)})
    shown = pd.DataFrame(rows, columns=["gemeenten", "gemeente_codes", "posities",
                                        "toelichting"], dtype="string")
    out = groups.reset_index(drop=True).join(shown)
    return out[["leerkring", "item", "label", "theme", "rang", "n_gemeenten", "gemeenten",
                "gemeente_codes", "trekker", "vorm", "posities", "toelichting"]]


def without_shown(proposal: Leerkringen, config: PriorityConfig = PriorityConfig()
                  ) -> pd.DataFrame:
    """The top learning questions without a group as they are shown: ``zonder_groep`` with
    ``toelichting`` (too few municipalities, who asked, what to do instead)."""
    from pmg_analysis.prioritise.leerkringen import GEVRAAGD

    without, buiten = proposal.zonder_groep, proposal.buiten
    asked = buiten[buiten["leerkring"].isna() & (buiten["reden"] == GEVRAAGD)]
    text = [too_few(int(row.n_gemeenten), int(row.n_beschikbaar),
                    list(asked.loc[asked["item"] == row.item, "gemeente_naam"].astype(str)),
                    config) for row in without.itertuples()]
    return without.reset_index(drop=True).assign(
        toelichting=pd.array(text, dtype="string"))

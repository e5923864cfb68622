"""Proposed leerkringen: groups of interested municipalities for the top learning questions.

For the ``config.leerkring_items`` learning questions with the highest score, in rank order:

1. the candidates are the municipalities that asked the question and are not yet in
   ``config.max_groups_per_municipality`` groups (higher-ranked questions fill first);
2. fewer than ``config.group_min`` candidates: no group, with a Dutch explanation;
3. otherwise ``ceil(n / group_max)`` groups of nearly equal size (so 4..8 each): the
   candidates are dealt out in turn - first those willing to lead the question's theme, in the
   order of preference of :mod:`pmg_analysis.prioritise.trekkers` (so each group gets a
   trekker while there are enough, the first group the most preferred), then the others
   ordered by position in the region and name (so every group gets a mix of positions);
4. per group: the trekker (its most preferred willing municipality; a sentence when none), the
   form most chosen by its members (ties: questionnaire order) and the mix of positions.

Everything is ordered by codes, names and ranks: no randomness, the same input rows in any
order give the same groups.

The tables hold facts only (codes, names, numbers, one row per member or per municipality left
out); the Dutch explanations, the member lists and the position mix are written where they are
shown (:func:`pmg_analysis.prioritise.sentences.groups_shown`).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import pandas as pd

from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.prioritise.inputs import LEERVRAAG, PriorityInputs, form_labels
from pmg_analysis.prioritise.schemas import groups_schema
from pmg_analysis.regions.typology import POSITIE_TYPES

GROUP_COLUMNS = ["leerkring", "item", "label", "theme", "rang", "n_gemeenten", "trekker",
                 "vorm"]
MEMBER_COLUMNS = ["leerkring", "item", "gemeente_code", "gemeente_naam", "rol", "positie"]
WITHOUT_COLUMNS = ["item", "label", "rang", "n_gemeenten", "n_beschikbaar"]
OUTSIDE_COLUMNS = ["leerkring", "item", "gemeente_code", "gemeente_naam", "reden"]
TREKKER, DEELNEMER = "trekker", "deelnemer"
# why a municipality is named beside a group or a question (``Leerkringen.buiten``)
ELDERS_TREKKER = "wil_trekken_buiten_groep"  # would lead the theme, but is not in this group
AL_VOL = "al_in_maximum_leerkringen"  # asked the question, but is in the maximum of groups
GEVRAAGD = "vroeg_zonder_groep"  # asked a question that gets no group (too few)


@dataclass(frozen=True)
class Leerkringen:
    """The proposal.

    * ``groepen``: one row per group - ``leerkring`` (1, 2, ...), ``item``, ``label``,
      ``theme``, ``rang`` (of the learning question), ``n_gemeenten``, ``trekker`` (name, ""
      when none), ``vorm``;
    * ``leden``: long - ``leerkring``, ``item``, ``gemeente_code``, ``gemeente_naam``, ``rol``
      ("trekker"/"deelnemer"), ``positie`` (position in the region, NA when unknown); per
      group in the order shown (by name);
    * ``zonder_groep``: top learning questions without a group - ``item``, ``label``, ``rang``,
      ``n_gemeenten``, ``n_beschikbaar``;
    * ``buiten``: long - the municipalities named beside a group or question: ``leerkring``
      (NA for a question without a group), ``item``, ``gemeente_code``, ``gemeente_naam``,
      ``reden`` (:data:`ELDERS_TREKKER`, :data:`AL_VOL`, :data:`GEVRAAGD`), by name.
    """

    groepen: pd.DataFrame
    leden: pd.DataFrame
    zonder_groep: pd.DataFrame
    buiten: pd.DataFrame


def _deal(candidates: list[str], leads: list[str], positie: dict[str, str | None],
          naam: dict[str, str], n_groups: int) -> list[list[str]]:
    """Deal the candidates over ``n_groups`` groups in turn: ``leads`` first (in their order of
    preference), then the others by position and name."""
    order = {p: i for i, p in enumerate(POSITIE_TYPES)}
    first = [c for c in leads if c in candidates]
    rest = sorted((c for c in candidates if c not in leads),
                  key=lambda c: (order.get(positie.get(c) or "", len(order)),
                                 naam[c].casefold(), c))
    groups: list[list[str]] = [[] for _ in range(n_groups)]
    for i, code in enumerate(first + rest):
        groups[i % n_groups].append(code)
    return groups


def _preferred(mt: pd.DataFrame, codes: list[str], theme: str, naam: dict[str, str],
               inputs: PriorityInputs) -> list[str]:
    """``codes`` (willing to lead ``theme``) in the order of preference of
    :func:`pmg_analysis.prioritise.trekkers.preference`."""
    from pmg_analysis.prioritise.score import _ranked_themes, lead_counts
    from pmg_analysis.prioritise.trekkers import preference

    if not codes:
        return []
    k = _ranked_themes(inputs)
    rows = mt[(mt["theme"].astype("string") == theme)
              & mt["gemeente_code"].astype("string").isin(codes)]
    urg = dict(zip(rows["gemeente_code"].astype(str), rows["urgentie"].astype("Float64"),
                   strict=True))
    borda = (dict(zip(rows["gemeente_code"].astype(str), rows["borda"].astype("Float64"),
                      strict=True)) if "borda" in rows.columns and k >= 2 else {})
    frame = pd.DataFrame({
        "gemeente_code": pd.array(codes, dtype="string"),
        "gemeente_naam": pd.array([naam[c] for c in codes], dtype="string"),
        "urgentie": pd.array([urg.get(c, pd.NA) for c in codes], dtype="Float64"),
        "plaats": pd.array([k - borda[c] if c in borda and pd.notna(borda[c]) else pd.NA
                            for c in codes], dtype="Float64"),
        "n_thema_trekker": [int(lead_counts(inputs).get(c, 0)) for c in codes]})
    return preference(frame)["gemeente_code"].astype(str).tolist()


def _form(members: list[str], forms: pd.DataFrame) -> str:
    chosen = Counter(forms.loc[forms["gemeente_code"].isin(members), "vorm"])
    if not chosen:
        return "geen voorkeur opgegeven"
    labels = form_labels()
    best = max(labels, key=lambda k: (chosen.get(k, 0), -list(labels).index(k)))
    return labels[best]


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


def propose_leerkringen(programme: pd.DataFrame, inputs: PriorityInputs,
                        config: PriorityConfig = PriorityConfig()) -> Leerkringen:
    """Groups of 4-8 municipalities for the top learning questions of ``programme``.

    Parameters
    ----------
    programme : DataFrame
        The ranked programme (``soort``, ``item``, ``label``, ``theme``, ``rang``).
    inputs : PriorityInputs
        Interest, names, positions, trekkers and forms.
    config : PriorityConfig
        ``leerkring_items``, ``group_min``, ``group_max``, ``max_groups_per_municipality``.

    Returns
    -------
    Leerkringen

    Examples
    --------
    >>> proposal = propose_leerkringen(programme, inputs)
    >>> proposal.groepen["leerkring"].tolist() == list(range(1, len(proposal.groepen) + 1))
    True
    >>> int(proposal.leden.groupby("gemeente_code").size().max()) <= 2  # at most two groups
    True
    """
    known = _known(inputs)
    naam, positie, lead_pairs = known.naam, known.positie, known.lead_pairs
    mt = inputs.municipality_themes
    interest = inputs.interest.astype("string")
    top = (programme[programme["soort"] == LEERVRAAG].sort_values("rang")
           .head(config.leerkring_items))

    used: Counter[str] = Counter()
    groups: list[dict] = []
    members: list[dict] = []
    without: list[dict] = []
    outside: list[dict] = []
    for row in top.itertuples():
        interested = sorted(set(interest.loc[interest["item"] == row.item, "gemeente_code"]))
        for code in interested:
            naam.setdefault(code, code)
        available = [c for c in interested if used[c] < config.max_groups_per_municipality]
        busy = [c for c in interested if c not in available]
        if len(available) < config.group_min:
            without.append({"item": row.item, "label": row.label, "rang": row.rang,
                            "n_gemeenten": len(interested), "n_beschikbaar": len(available)})
            outside += _named(naam, None, row.item, interested, GEVRAAGD)
            continue
        theme = str(row.theme) if pd.notna(row.theme) else ""
        leads = _preferred(mt, [c for c in available if (c, theme) in lead_pairs], theme, naam,
                           inputs)
        dealt = _deal(available, leads, positie, naam,
                      math.ceil(len(available) / config.group_max))
        rows = _item_groups(row, theme, dealt, leads, busy, len(groups) + 1, known)
        groups += rows[0]
        members += rows[1]
        outside += rows[2]
        for group in dealt:
            used.update(group)
    return _proposal(groups, members, without, outside, config)


@dataclass(frozen=True)
class _Known:
    """What the groups need to know of the municipalities: names (code -> name; a code without
    one is named by its code), positions, who would lead which theme and the forms chosen."""

    naam: dict[str, str]
    positie: dict[str, str | None]
    lead_pairs: set[tuple[str, str]]  # (gemeente_code, theme) willing to lead it
    forms: pd.DataFrame


def _known(inputs: PriorityInputs) -> _Known:
    municipalities = inputs.municipalities.astype({"gemeente_code": "string"})
    naam = dict(zip(municipalities["gemeente_code"],
                    municipalities["gemeente_naam"].astype("string"), strict=True))
    positie = {c: (None if pd.isna(p) else str(p))
               for c, p in zip(municipalities["gemeente_code"], municipalities["positie"],
                               strict=True)}
    mt = inputs.municipality_themes
    lead_pairs = set(zip(mt.loc[mt["trekker"].astype("boolean").fillna(False).astype(bool),
                                "gemeente_code"].astype(str),
                         mt.loc[mt["trekker"].astype("boolean").fillna(False).astype(bool),
                                "theme"].astype(str), strict=True))
    return _Known(naam, positie, lead_pairs, inputs.forms.astype("string"))


def _named(naam: dict[str, str], number: int | None, item: str, codes: list[str],
           reden: str) -> list[dict]:
    """Rows of ``buiten``: the municipalities ``codes`` named beside a group, by name."""
    return [{"leerkring": number, "item": item, "gemeente_code": c, "gemeente_naam": naam[c],
             "reden": reden} for c in sorted(codes, key=lambda c: (naam[c].casefold(), c))]


def _item_groups(row, theme: str, dealt: list[list[str]], leads: list[str], busy: list[str],
                 first: int, known: _Known) -> tuple[list[dict], list[dict], list[dict]]:
    """The rows of ``groepen``, ``leden`` and ``buiten`` for the groups ``dealt`` of one
    learning question (``row`` of the programme), numbered from ``first``."""
    naam, positie = known.naam, known.positie
    groups, members, outside = [], [], []
    for number, group in enumerate(dealt, start=first):
        group_leads = [c for c in leads if c in group]
        lead = group_leads[0] if group_leads else None
        shown = sorted(group, key=lambda c: (naam[c].casefold(), c))
        if not lead:
            outside += _named(naam, number, row.item, [c for c, t in known.lead_pairs
                                                       if t == theme and c not in group
                                                       and c in naam], ELDERS_TREKKER)
        outside += _named(naam, number, row.item, busy, AL_VOL)
        groups.append({
            "leerkring": number, "item": row.item, "label": row.label, "theme": theme,
            "rang": row.rang, "n_gemeenten": len(group),
            "trekker": naam[lead] if lead else "", "vorm": _form(group, known.forms)})
        members += [{"leerkring": number, "item": row.item, "gemeente_code": c,
                     "gemeente_naam": naam[c], "rol": TREKKER if c == lead else DEELNEMER,
                     "positie": positie.get(c)}
                    for c in shown]
    return groups, members, outside


def _table(rows: list[dict], columns: list[str], dtypes: dict[str, str]) -> pd.DataFrame:
    """The rows as a table of ``columns`` with explicit ``dtypes`` (also when there are none)."""
    frame = pd.DataFrame(rows, columns=columns) if rows else _empty(columns)
    return frame.astype(dtypes)


def _proposal(groups: list[dict], members: list[dict], without: list[dict],
              outside: list[dict], config: PriorityConfig) -> Leerkringen:
    ints = {"leerkring": "Int64", "rang": "Int64", "n_gemeenten": "Int64"}
    groepen = _table(groups, GROUP_COLUMNS,
                     {**{c: "string" for c in GROUP_COLUMNS if c not in ints}, **ints})
    return Leerkringen(
        groepen=groups_schema(config).validate(groepen),
        leden=_table(members, MEMBER_COLUMNS, {
            "leerkring": "Int64", "item": "string", "gemeente_code": "string",
            "gemeente_naam": "string", "rol": "string", "positie": "string"}),
        zonder_groep=_table(without, WITHOUT_COLUMNS, {
            "item": "string", "label": "string", "rang": "Int64", "n_gemeenten": "Int64",
            "n_beschikbaar": "Int64"}),
        buiten=_table(outside, OUTSIDE_COLUMNS, {
            "leerkring": "Int64", "item": "string", "gemeente_code": "string",
            "gemeente_naam": "string", "reden": "string"}))

"""Municipalities across time: the packaged table of municipal changes and the mapping of an
older round's answers to the municipalities of the newer round.

Rules (the issue's): a municipality that merged takes the code of the municipality it went up
in; its respondents then count for that municipality together with the municipality's own
respondents, by the one-value-per-municipality rule of :mod:`pmg_analysis.themes.municipality`
(mean over the respondents who answered). A municipality that was split goes to the successor
that took its main town (``hoofdkern_naar``), and the mapping says so. Changes are followed in
date order, so a municipality that changed twice ends at its latest successor. Every mapping
applied is one row of the mapping table, with a Dutch explanation and the public source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from pmg_analysis.municipalities import CHANGE_KINDS, load_changes

__all__ = ["CHANGE_KINDS", "DERIVED_START", "MappedRound", "derived_positions_sentence",
           "load_changes", "map_municipalities", "position_predecessors"]


@dataclass(frozen=True)
class MappedRound:
    """An older round's responses on the newer round's municipalities.

    ``responses``: the input with ``gemeente_code``/``gemeente_naam`` replaced by the successor
    and the original kept as ``gemeente_code_oud``/``gemeente_naam_oud``; ``mapping``: one row
    per municipality that was mapped (``oude_code``, ``oude_naam``, ``nieuwe_code``,
    ``nieuwe_naam``, ``soort``, ``datum``, ``n_respondenten``, ``uitleg``, ``bron``).
    """

    responses: pd.DataFrame
    mapping: pd.DataFrame


def _date_nl(value: pd.Timestamp) -> str:
    months = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
              "september", "oktober", "november", "december")
    return f"{value.day} {months[value.month - 1]} {value.year}"


def _follow(code: str, name: str, changes: pd.DataFrame) -> tuple[str, str, list[dict]]:
    """The successor of one municipality after all ``changes`` (in date order), and the steps."""
    steps: list[dict] = []
    for _, rows in changes.groupby("datum", sort=True):
        hit = rows[rows["oude_code"] == code]
        if hit.empty:
            continue
        first = hit.iloc[0]
        if first["soort"] == "splitsing":
            main = hit[hit["nieuwe_code"] == first["hoofdkern_naar"]]
            target = main.iloc[0] if not main.empty else first
            others = [str(n) for n in hit["nieuwe_naam"] if n != target["nieuwe_naam"]]
            uitleg = (f"{name} (gesplitst per {_date_nl(first['datum'])}) → "
                      f"{target['nieuwe_naam']}: daar ligt de hoofdkern {first['hoofdkern']}"
                      + (f"; de rest ging naar {' en '.join(others)}" if others else ""))
        else:
            target = first
            uitleg = {
                "samenvoeging": (f"{name} → {target['nieuwe_naam']}: opgegaan in "
                                 f"{target['nieuwe_naam']} per {_date_nl(first['datum'])}"),
                "naamswijziging": (f"{name} → {target['nieuwe_naam']}: nieuwe naam per "
                                   f"{_date_nl(first['datum'])}"),
            }[str(first["soort"])]
        steps.append({"soort": str(first["soort"]), "datum": first["datum"],
                      "uitleg": uitleg, "bron": str(first["bron"])})
        code, name = str(target["nieuwe_code"]), str(target["nieuwe_naam"])
    return code, name, steps


def map_municipalities(responses_old: pd.DataFrame, changes: pd.DataFrame | None = None, *,
                       to_date: dt.date | pd.Timestamp,
                       from_date: dt.date | pd.Timestamp | None = None) -> MappedRound:
    """Map an older round's responses to the municipalities as they were on ``to_date``.

    Parameters
    ----------
    responses_old : DataFrame
        The processed ``responses`` table of the older round (``gemeente_code``,
        ``gemeente_naam``).
    changes : DataFrame, optional
        :func:`load_changes` (default: the packaged table).
    to_date : date
        The date of the newer round (e.g. its first submission): changes on or before it apply.
    from_date : date, optional
        The date of the older round: changes before it are already in its codes and are
        skipped (default: every change in the table).

    Returns
    -------
    MappedRound
        The mapped responses and the table of every mapping applied.

    Examples
    --------
    >>> mapped = map_municipalities(responses, to_date=dt.date(2019, 3, 1))  # doctest: +SKIP
    >>> mapped.mapping["uitleg"].tolist()  # doctest: +SKIP
    ['Rijnwaarden → Zevenaar: opgegaan in Zevenaar per 1 januari 2018']
    """
    changes = load_changes() if changes is None else changes
    to_ts = pd.Timestamp(to_date)
    window = changes[changes["datum"] <= to_ts]
    if from_date is not None:
        window = window[window["datum"] > pd.Timestamp(from_date)]
    out = responses_old.copy()
    codes = out["gemeente_code"].astype("string")
    names = out["gemeente_naam"].astype("string")
    out["gemeente_code_oud"], out["gemeente_naam_oud"] = codes, names
    new_code, new_name, rows = codes.copy(), names.copy(), []
    pairs = pd.DataFrame({"code": codes, "naam": names}).dropna().drop_duplicates("code")
    for code, name in zip(pairs["code"], pairs["naam"], strict=True):
        target, target_name, steps = _follow(str(code), str(name), window)
        if not steps:
            continue
        mask = codes == code
        new_code[mask], new_name[mask] = target, target_name
        rows.append({"oude_code": code, "oude_naam": name, "nieuwe_code": target,
                     "nieuwe_naam": target_name, "soort": steps[-1]["soort"]
                     if len(steps) == 1 else "meer wijzigingen",
                     "datum": steps[-1]["datum"], "n_respondenten": int(mask.sum()),
                     "uitleg": "; daarna ".join(s["uitleg"] for s in steps),
                     "bron": "; ".join(dict.fromkeys(s["bron"] for s in steps))})
    out["gemeente_code"], out["gemeente_naam"] = new_code, new_name
    mapping = pd.DataFrame(rows, columns=["oude_code", "oude_naam", "nieuwe_code",
                                          "nieuwe_naam", "soort", "datum", "n_respondenten",
                                          "uitleg", "bron"])
    also = set(mapping["nieuwe_code"]) & set(codes.dropna())
    if not mapping.empty:
        mapping["uitleg"] = [
            u + (f"; telt samen met de eigen antwoorden van {n} (één waarde per gemeente: het "
                 "gemiddelde over de respondenten)" if c in also else "")
            for u, c, n in zip(mapping["uitleg"], mapping["nieuwe_code"], mapping["nieuwe_naam"],
                               strict=True)]
    mapping = mapping.astype({"oude_code": "string", "oude_naam": "string",
                              "nieuwe_code": "string", "nieuwe_naam": "string",
                              "soort": "string", "datum": "datetime64[ns]",
                              "n_respondenten": "int64", "uitleg": "string", "bron": "string"})
    return MappedRound(out, mapping.sort_values("oude_code", ignore_index=True))


def position_predecessors(codes: pd.Series, gemeenten: pd.DataFrame,
                          changes: pd.DataFrame | None = None) -> dict[str, str]:
    """For each code among ``codes`` that CBS 2017 has no row for (a municipality formed after
    2017), the 2017 municipality whose position in the region it takes: of the municipalities
    that went up in it entirely (and a split municipality whose main town it took), the one
    with the most inhabitants in CBS 2017 (``gemeenten["inwoners"]``): the table of changes
    names a main town for splits only, and the most populous former municipality usually
    holds the new one's main town (not always: Hoeksche Waard's town hall is in Oud-Beijerland,
    Binnenmaas had more inhabitants). A code without such a predecessor is left out (its
    position stays unknown).

    Examples
    --------
    >>> gemeenten = pd.DataFrame({"gemeente_code": ["GM0018", "GM0040", "GM1987"],
    ...                           "inwoners": [34000, 15000, 12000]})
    >>> position_predecessors(pd.Series(["GM1952", "GM0018"]), gemeenten)
    {'GM1952': 'GM0018'}
    """
    changes = load_changes() if changes is None else changes
    known = set(gemeenten["gemeente_code"].astype(str))
    people = dict(zip(gemeenten["gemeente_code"].astype(str),
                      pd.to_numeric(gemeenten["inwoners"]).fillna(0), strict=True))
    whole = changes[(changes["soort"] != "splitsing")
                    | (changes["hoofdkern_naar"] == changes["nieuwe_code"])]

    def source(code: str, seen: frozenset[str] = frozenset()) -> str | None:
        if code in known:
            return code
        before = [str(c) for c in whole.loc[whole["nieuwe_code"] == code, "oude_code"]
                  if str(c) not in seen]
        found = [s for s in (source(c, seen | {code}) for c in before) if s is not None]
        return max(found, key=lambda c: (people.get(c, 0), c)) if found else None

    out = {}
    for code in sorted(set(codes.dropna().astype(str)) - known):
        found = source(code)
        if found is not None:
            out[code] = found
    return out


def derived_positions_sentence(derived: dict[str, str], names: dict[str, str]) -> str | None:
    """One Dutch sentence naming each municipality whose position was taken from a
    predecessor (:func:`position_predecessors`); None when there is none."""
    if not derived:
        return None
    pairs = "; ".join(f"{names.get(new, new)} van {names.get(old, old)}"
                      for new, old in sorted(derived.items()))
    return (DERIVED_START + " staan niet in de CBS-gegevens van 2017: hun "
            "positie is afgeleid van de voorganger met de meeste inwoners (" + pairs + ").")


# How :func:`derived_positions_sentence` begins: the pages show that sentence in their foot line.
DERIVED_START = "Gemeenten die na 2017 zijn ontstaan"

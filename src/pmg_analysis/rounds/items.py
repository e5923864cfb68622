"""Opgaven and stellingen compared between two rounds, per item and measure.

The same three questions as for the themes (:mod:`pmg_analysis.rounds.change`, whose
:func:`~pmg_analysis.rounds.change.round_estimates` and
:func:`~pmg_analysis.rounds.change.paired_change` do the statistics here too): each round's
estimate with its interval, and the paired change among the municipalities that answered both
rounds. A municipality's value is the one of the themes' figures (report 03): for an opgave the
share of its respondents who answered the theme's ``{code}_opgaven`` question and chose it
(``gekozen``), for a stelling the share agreeing (``eens``) and the mean answer 1..5
(``gemiddelde``). An item that was reworded, added or removed between the questionnaire versions
is not compared; it is listed with its reason in the instrument comparison
(:func:`pmg_analysis.rounds.compare_instruments`) and counted in ``niet_vergeleken``.
"""

from __future__ import annotations

import pandas as pd

from pmg_analysis.instrument import Instrument
from pmg_analysis.rounds.change import paired_change, round_estimates
from pmg_analysis.rounds.config import RoundsConfig
from pmg_analysis.rounds.instruments import comparable
from pmg_analysis.themes.municipality import combine, opgave_values
from pmg_analysis.themes.statements import QUESTION, STATEMENT_MEASURES, statement_values

OPGAVE_MEASURES: tuple[str, ...] = ("gekozen",)
KINDS = {"opgave": OPGAVE_MEASURES, "stelling": STATEMENT_MEASURES}
ESTIMATE_COLUMNS = ["soort", "item", "theme", "tekst", "ronde", "measure", "n", "schatting",
                    "ci_laag", "ci_hoog"]
PAIRED_COLUMNS = ["soort", "item", "theme", "tekst", "measure", "n", "oud", "nieuw", "verschil",
                  "ci_laag", "ci_hoog", "p_waarde"]


def item_scores(answers: pd.DataFrame, responses: pd.DataFrame, kind: str,
                config: RoundsConfig = RoundsConfig()) -> pd.DataFrame:
    """One row per municipality and item: ``gemeente_code``, ``item`` and the measures of
    ``kind`` ("opgave": ``gekozen``; "stelling": ``eens``, ``gemiddelde``), by the
    one-value-per-municipality rule (mean over its respondents who answered)."""
    if kind == "opgave":
        long = combine(opgave_values(answers), responses, keys=["opgave"]).rename(
            columns={"opgave": "item"}).assign(measure="gekozen")
    else:
        long = statement_values(answers, responses, "gemeente", config.theme).rename(
            columns={"stelling": "item"})
    wide = long.pivot_table(index=["unit", "item"], columns="measure", values="value",
                            aggfunc="first", observed=True)
    wide = wide.reindex(columns=list(KINDS[kind])).reset_index()
    return wide.rename(columns={"unit": "gemeente_code"}).astype(
        {"gemeente_code": "string", "item": "string", **dict.fromkeys(KINDS[kind], float)})


def _question(kind: str, item: str) -> str:
    return f"{item[:2]}_opgaven" if kind == "opgave" else QUESTION


def _texts(instrument: Instrument, kind: str) -> dict[str, str]:
    if kind == "stelling":
        return {i.id: i.text for i in instrument[QUESTION].items}
    return {o.id: o.text for t in instrument.theme_codes
            for o in instrument[f"{t}_opgaven"].options}


def compare_items(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame],
                  instrument_table: pd.DataFrame, new_instrument: Instrument, *,
                  config: RoundsConfig = RoundsConfig()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each round's estimate per opgave and stelling, and the paired change.

    Parameters
    ----------
    old, new : dict of DataFrame
        ``answers`` and ``responses`` of each round, the older responses on the newer round's
        municipalities (:func:`pmg_analysis.rounds.map_municipalities`).
    instrument_table : DataFrame
        :func:`pmg_analysis.rounds.compare_instruments`: items not comparable are left out.
    new_instrument : Instrument
        The newer questionnaire (the items' texts).
    config : RoundsConfig

    Returns
    -------
    (DataFrame, DataFrame)
        Estimates: ``soort`` (opgave, stelling), ``item`` (EA1, K1 ...), ``theme`` (an opgave's
        theme; NA for a stelling), ``tekst``, ``ronde`` (vorige, nieuwe), ``measure``, ``n``,
        ``schatting``, ``ci_laag``, ``ci_hoog``. Paired change: ``soort``, ``item``,
        ``theme``, ``tekst``, ``measure``, ``n``, ``oud``, ``nieuw``, ``verschil``,
        ``ci_laag``, ``ci_hoog``, ``p_waarde`` (the columns of
        :func:`~pmg_analysis.rounds.change.paired_change`, all municipalities).
    """
    estimates, paired = [], []
    for kind, measures in KINDS.items():
        scores_old = item_scores(old["answers"], old["responses"], kind, config)
        scores_new = item_scores(new["answers"], new["responses"], kind, config)
        keep = {i for i in pd.unique(pd.concat([scores_old["item"], scores_new["item"]]))
                if comparable(instrument_table, _question(kind, str(i)), str(i))}
        scores_old = scores_old[scores_old["item"].isin(keep)]
        scores_new = scores_new[scores_new["item"].isin(keep)]
        texts = _texts(new_instrument, kind)

        def described(frame: pd.DataFrame, kind: str = kind, texts: dict = texts
                      ) -> pd.DataFrame:
            items = frame["item"].astype("string")
            return frame.assign(
                soort=kind, tekst=items.map(texts).astype("string"),
                theme=(items.str[:2] if kind == "opgave" else pd.Series(
                    pd.NA, index=frame.index, dtype="string")))

        estimates.append(described(pd.concat([
            round_estimates(scores_old, label="vorige", config=config, key="item",
                            measures=measures),
            round_estimates(scores_new, label="nieuwe", config=config, key="item",
                            measures=measures)], ignore_index=True)))
        paired.append(described(paired_change(scores_old, scores_new, config=config,
                                              key="item", measures=measures)))
    est = pd.concat(estimates, ignore_index=True)[ESTIMATE_COLUMNS]
    pair = pd.concat(paired, ignore_index=True)[PAIRED_COLUMNS]
    strings = dict.fromkeys(["soort", "item", "theme", "tekst", "measure"], "string")
    return est.astype(strings | {"ronde": "string"}), pair.astype(strings)

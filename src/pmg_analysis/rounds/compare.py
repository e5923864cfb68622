"""Two rounds in one call: map, check, compare (for the report and notebook 06)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pmg_analysis.instrument import Instrument, load_instrument
from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.rounds.change import (
    membership,
    membership_effect,
    paired_change,
    round_estimates,
)
from pmg_analysis.rounds.checks import comparison_problem
from pmg_analysis.rounds.config import RoundsConfig
from pmg_analysis.rounds.instruments import comparable, compare_instruments
from pmg_analysis.rounds.items import compare_items
from pmg_analysis.rounds.municipalities import load_changes, map_municipalities
from pmg_analysis.text.needs import NeedConfig
from pmg_analysis.themes import gemeente_scores
from pmg_analysis.themes.config import ThemeConfig

# The question behind each compared measure (``{t}`` = theme code).
MEASURE_QUESTION = {"urgentie": "{t}_urgentie", "urgent": "{t}_urgentie",
                    "borda": "prioriteit", "eerste": "prioriteit"}


@dataclass(frozen=True)
class RoundComparison:
    """Everything the comparison computed; every table is described where it is made."""

    mapping: pd.DataFrame           # rounds.map_municipalities: every mapping applied
    instrument: pd.DataFrame        # rounds.compare_instruments
    estimates: pd.DataFrame         # rounds.round_estimates of both rounds
    paired: pd.DataFrame            # rounds.paired_change, all municipalities
    paired_by_position: pd.DataFrame  # rounds.paired_change(by="positie")
    membership: pd.DataFrame        # rounds.membership: who answered which round
    effect: pd.DataFrame            # rounds.membership_effect
    not_comparable: pd.DataFrame    # measures left out, with the reason
    problem: str | None = None      # why a per-municipality comparison is impossible
    scores_old: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    scores_new: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    item_estimates: pd.DataFrame = field(default_factory=pd.DataFrame)  # rounds.compare_items
    item_paired: pd.DataFrame = field(default_factory=pd.DataFrame)     # rounds.compare_items


def _measure_filter(scores: pd.DataFrame, instrument_table: pd.DataFrame,
                    config: RoundsConfig) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, out = [], scores.copy()
    for theme in pd.unique(out["theme"].astype("string")):
        for m in config.measures:
            qid = MEASURE_QUESTION[m].format(t=theme)
            if not comparable(instrument_table, qid):
                out.loc[out["theme"] == theme, m] = pd.NA
                reden = instrument_table.loc[instrument_table["question_id"] == qid, "reden"]
                rows.append({"theme": theme, "measure": m, "question_id": qid,
                             "reden": str(reden.iloc[0]) if len(reden) else
                             "De vraag ontbreekt in een van de rondes."})
    return out, pd.DataFrame(rows, columns=["theme", "measure", "question_id", "reden"])


def compare_rounds(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame], *,
                   old_instrument: Instrument | None = None,
                   new_instrument: Instrument | None = None,
                   changes: pd.DataFrame | None = None,
                   config: RoundsConfig = RoundsConfig()) -> RoundComparison:
    """Compare two processed rounds (``responses`` and ``answers`` tables of each).

    The older round's municipalities are mapped to the newer round's (on the newer round's
    date, its last submission, as the cleaning matched its municipalities); the theme figures
    of each round use the one-value-per-municipality rule; measures whose question is not
    comparable between the instrument versions are left out and listed in ``not_comparable``.
    When no municipality answered both rounds the paired tables are empty and ``problem`` says
    why (the per-round figures are still there).
    """
    old_instrument = old_instrument or load_instrument()
    new_instrument = new_instrument or load_instrument()
    changes = load_changes() if changes is None else changes
    to_date, from_date = _dates(old["responses"], new["responses"])
    mapped = map_municipalities(old["responses"], changes, to_date=to_date, from_date=from_date)
    if mapped.responses["gemeente_code"].dtype != old["responses"]["gemeente_code"].dtype:
        mapped = type(mapped)(mapped.responses.astype({"gemeente_code": "string"}),
                              mapped.mapping)
    table = compare_instruments(old_instrument, new_instrument)
    scores_old = gemeente_scores(old["answers"], mapped.responses, config=config.theme)
    scores_new = gemeente_scores(new["answers"], new["responses"], config=config.theme)
    scores_old, skipped = _measure_filter(scores_old, table, config)
    scores_new, _ = _measure_filter(scores_new, table, config)
    names = pd.concat([mapped.responses.set_index("gemeente_code")["gemeente_naam"],
                       new["responses"].set_index("gemeente_code")["gemeente_naam"]])
    names = names[~names.index.duplicated(keep="last")]
    problem = comparison_problem(scores_old["gemeente_code"], scores_new["gemeente_code"])
    estimates = pd.concat([round_estimates(scores_old, label="vorige", config=config),
                           round_estimates(scores_new, label="nieuwe", config=config)],
                          ignore_index=True)
    item_estimates, item_paired = compare_items(
        {"answers": old["answers"], "responses": mapped.responses}, new, table, new_instrument,
        config=config)
    return RoundComparison(
        mapping=mapped.mapping, instrument=table, estimates=estimates,
        item_estimates=item_estimates, item_paired=item_paired,
        paired=paired_change(scores_old, scores_new, config=config),
        paired_by_position=paired_change(scores_old, scores_new, by="positie", config=config),
        membership=membership(scores_old, scores_new, names),
        effect=membership_effect(scores_old, scores_new, config=config),
        not_comparable=skipped, problem=problem, scores_old=scores_old, scores_new=scores_new)


def needs_and_ranks(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame], *,
                    mapped_old_responses: pd.DataFrame | None = None,
                    need_config: NeedConfig = NeedConfig(),
                    priority_config: PriorityConfig = PriorityConfig(),
                    theme_config: ThemeConfig = ThemeConfig(),
                    cache_dir: Path | None = None) -> dict[str, pd.DataFrame]:
    """Learning needs (the same codebook applied to both rounds) and the work programme of
    each round, compared: ``needs`` (:func:`need_changes`) and ``ranks``
    (:func:`rank_changes`). ``mapped_old_responses``: the older responses on the newer
    round's municipalities, so a merged municipality counts once for a need. Both rounds use
    the same ``need_config``, ``priority_config`` and ``theme_config`` (the run's settings)."""
    from pmg_analysis.prioritise import plan
    from pmg_analysis.rounds.needs import need_changes, rank_changes
    from pmg_analysis.text.needs import learning_needs

    old_responses = old["responses"] if mapped_old_responses is None else mapped_old_responses
    needs_old = learning_needs(old["texts"], old_responses, config=need_config,
                               cache_dir=cache_dir)
    needs_new = learning_needs(new["texts"], new["responses"], config=need_config,
                               cache_dir=cache_dir)
    programme_old = _by_need(plan(old["answers"], old_responses, needs_old,
                                  config=priority_config, themes=theme_config).programma,
                             needs_old.needs, "vorige")
    programme_new = _by_need(plan(new["answers"], new["responses"], needs_new,
                                  config=priority_config, themes=theme_config).programma,
                             needs_new.needs, "nieuwe")
    return {"needs": need_changes(needs_old.needs, needs_new.needs),
            "ranks": rank_changes(programme_old, programme_new)}


def _by_need(programme: pd.DataFrame, needs: pd.DataFrame, ronde: str) -> pd.DataFrame:
    """The programme with each learning question's item (``LV<cluster>``, a per-round rank)
    replaced by its need id, so items match between rounds; a suggested need is numbered per
    run and gets the round in its name, so it never matches another round's suggestion."""
    key = {f"LV{int(c)}": (str(n) if b == "codeboek" else f"{n} ({ronde} ronde)")
           for c, n, b in zip(needs["cluster"], needs["need"], needs["bron"], strict=True)}
    out = programme.copy()
    out["item"] = out["item"].astype("string").map(lambda i: key.get(i, i)).astype("string")
    return out


def comparison_mapped(old_responses: pd.DataFrame, new_responses: pd.DataFrame,
                      changes: pd.DataFrame | None = None) -> pd.DataFrame:
    """The older responses on the newer round's municipalities (as :func:`compare_rounds`
    maps them)."""
    to_date, from_date = _dates(old_responses, new_responses)
    return map_municipalities(old_responses, changes, to_date=to_date,
                              from_date=from_date).responses


def _dates(old_responses: pd.DataFrame, new_responses: pd.DataFrame
           ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates of both rounds as the cleaning matched their municipalities
    (:func:`pmg_analysis.municipalities.round_date`: each round's last submission): the older
    round's codes already hold the changes up to its date, the newer round's register every
    change up to its own."""
    from pmg_analysis.municipalities import round_date

    old = round_date(old_responses["submitted_at"])
    new = round_date(new_responses["submitted_at"])
    return (pd.NaT if new is None else new), (pd.NaT if old is None else old)

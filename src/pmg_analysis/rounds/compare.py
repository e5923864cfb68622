"""Two rounds in one call: map, check, compare (for the report and notebook 06)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from pmg_analysis.instrument import Instrument, load_instrument
from pmg_analysis.rounds.change import (
    membership,
    membership_effect,
    paired_change,
    round_estimates,
)
from pmg_analysis.rounds.checks import comparison_problem
from pmg_analysis.rounds.config import RoundsConfig
from pmg_analysis.rounds.instruments import comparable, compare_instruments
from pmg_analysis.rounds.municipalities import load_changes, map_municipalities
from pmg_analysis.themes import gemeente_scores

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
    first submission date); the theme figures of each round use the one-value-per-municipality
    rule; measures whose question is not comparable between the instrument versions are left
    out and listed in ``not_comparable``. When no municipality answered both rounds the paired
    tables are empty and ``problem`` says why (the per-round figures are still there).
    """
    old_instrument = old_instrument or load_instrument()
    new_instrument = new_instrument or load_instrument()
    changes = load_changes() if changes is None else changes
    to_date = pd.to_datetime(new["responses"]["submitted_at"]).min()
    from_date = pd.to_datetime(old["responses"]["submitted_at"]).max()
    mapped = map_municipalities(old["responses"], changes, to_date=to_date, from_date=from_date)
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
    return RoundComparison(
        mapping=mapped.mapping, instrument=table, estimates=estimates,
        paired=paired_change(scores_old, scores_new, config=config),
        paired_by_position=paired_change(scores_old, scores_new, by="positie", config=config),
        membership=membership(scores_old, scores_new, names),
        effect=membership_effect(scores_old, scores_new, config=config),
        not_comparable=skipped, problem=problem, scores_old=scores_old, scores_new=scores_new)

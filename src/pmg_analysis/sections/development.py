"""Sections of ``06_ontwikkeling`` (only after ``--vorige``): what changed since the previous
round. Its sections take a :class:`ComparisonData` (the stored comparison of two rounds), not
the :class:`~pmg_analysis.sections.core.ReportData` of one round."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from pmg_analysis import plots
from pmg_analysis.context import RunContext
from pmg_analysis.rounds import display, sentences
from pmg_analysis.rounds.compare import RoundComparison
from pmg_analysis.sections.core import Chart, Section, Table, Text


@dataclass(frozen=True)
class ComparisonData:
    """The comparison of two rounds, its extra tables (learning needs, programme places) and
    where the rounds came from (file names, hashes)."""

    comparison: RoundComparison
    extra: Mapping[str, pd.DataFrame]
    meta: Mapping[str, str]


def load(run: RunContext, otherwise: Callable[..., tuple] | None = None) -> ComparisonData:
    """The comparison stored in ``run.processed`` (``make report VORIGE=...``); when none is
    stored, ``otherwise(run.settings)`` (the notebook passes the synthetic example rounds)."""
    from pmg_analysis.rounds.store import load_comparison, stored

    if stored(run.processed) or otherwise is None:
        return ComparisonData(*load_comparison(run.processed))
    return ComparisonData(*otherwise(run.settings))


def _lines(lines) -> Text:
    return Text(tuple(lines))


def source(data: ComparisonData) -> Section:
    """Which exports were compared, and why a comparison could not be made."""
    return Section.of(sentences.source_sentence(data.meta), data.comparison.problem or None)


def in_short(data: ComparisonData) -> Section:
    """The largest changes in a few sentences."""
    c, extra = data.comparison, data.extra
    return Section.of(_lines(sentences.summary_sentences(
        c.paired, c.membership, extra.get("needs"), ranks=extra.get("ranks"))))


def mapping(data: ComparisonData) -> Section:
    """Municipalities merged or split since the previous round."""
    return Section.of(_lines(sentences.mapping_sentences(data.comparison.mapping)))


def instrument(data: ComparisonData) -> Section:
    """Which questions can be compared."""
    return Section.of(_lines(sentences.instrument_sentences(data.comparison.instrument,
                                                            data.meta)))


def change(data: ComparisonData) -> Section:
    """Urgency per theme at the municipalities that answered both times."""
    paired = data.comparison.paired
    return Section.of(
        _lines(sentences.change_sentences(paired)),
        Chart(plots.dumbbell(display.dumbbell_data(paired), category="thema", before="vorige",
                             after="nieuwe",
                             title="Gemiddelde urgentie bij de gemeenten in beide rondes",
                             value_title="urgentie (1-5)"),
              name="urgentie-beide-rondes"))


def change_per_position(data: ComparisonData) -> Section:
    """The change per position and how it was tested (Verantwoording)."""
    return Section.of(Table(display.change_table(data.comparison.paired_by_position),
                            name="verandering-per-positie", precision=2))


def membership(data: ComparisonData) -> Section:
    """Each round on its own, and what joining and leaving municipalities do."""
    c = data.comparison
    return Section.of(_lines(sentences.membership_sentences(c.membership, c.effect)))


def estimates(data: ComparisonData) -> Section:
    """The estimate per round and the effect of in- and outflow (Verantwoording)."""
    c = data.comparison
    return Section.of(Table(display.estimates_table(c.estimates), name="schatting-per-ronde",
                            precision=2),
                      Table(display.effect_table(c.effect), name="in-en-uitstroom",
                            precision=2))


def _items(data: ComparisonData, kind: str) -> Section:
    return Section.of(_lines(sentences.item_sentences(data.comparison.item_paired, kind)))


def _item_table(data: ComparisonData, kind: str, name: str) -> Section:
    c = data.comparison
    return Section.of(Table(display.item_table(c.item_estimates, c.item_paired, kind),
                            name=name, precision=2))


def opgaven(data: ComparisonData) -> Section:
    """What changed in the opgaven chosen."""
    return _items(data, "opgave")


def opgaven_table(data: ComparisonData) -> Section:
    """The opgaven per round (Verantwoording)."""
    return _item_table(data, "opgave", "opgaven-per-ronde")


def statements(data: ComparisonData) -> Section:
    """What changed in the agreement with the statements."""
    return _items(data, "stelling")


def statements_table(data: ComparisonData) -> Section:
    """The statements per round (Verantwoording)."""
    return _item_table(data, "stelling", "stellingen-per-ronde")


def needs_programme(data: ComparisonData) -> Section:
    """New and grown learning needs, and the places in the work programme per round."""
    needs, ranks = data.extra.get("needs"), data.extra.get("ranks")
    return Section.of(
        _lines(sentences.need_sentences(needs)) if needs is not None else None,
        *([_lines(sentences.programme_sentences(ranks, needs)),
           Table(display.ranks_table(ranks, needs), name="plaatsen-werkprogramma")]
          if ranks is not None else []))


def needs_tables(data: ComparisonData) -> Section:
    """The codebook's needs and the suggested ones per round (Verantwoording)."""
    needs = data.extra.get("needs")
    if needs is None:
        return Section.of()
    return Section.of(
        Table(display.needs_table(needs), name="leerbehoeften-per-ronde",
              caption="Leerbehoeften uit het codeboek per ronde, de grootste veranderingen "
                      "eerst"),
        Table(display.suggestions_table(needs), name="voorgestelde-behoeften",
              caption="Voorgestelde nieuwe behoeften (niet in het codeboek; per ronde geteld, "
                      "niet vergeleken)"))


def hashes(data: ComparisonData) -> Section:
    """The SHA-256 of both exports (Verantwoording)."""
    return Section.of(sentences.source_hashes_sentence(data.meta))

"""Sections of ``01_datakwaliteit``: what came in, what counts, what is in quarantine."""

from __future__ import annotations

import pandas as pd

from pmg_analysis import plots, quality
from pmg_analysis.sections.core import Chart, ReportData, Section, Table, Text


def intake(data: ReportData) -> Section:
    """How many rows came in and where each went."""
    return Section.of(quality.counts_sentence(data.manifest),
                      Table(quality.intake(data.manifest), name="instroom"))


def source(data: ReportData) -> Section:
    """The export read and the settings in force (Verantwoording)."""
    return Section.of(Table(quality.source_table(data.manifest), name="bron"),
                      Text(tuple(quality.settings_sentences(data.manifest))))


def quarantine(data: ReportData) -> Section:
    """The rows that do not count, with their reason."""
    return Section.of(Table(quality.quarantine_table(data.tables["quarantine"]),
                            name="quarantaine"))


def per_municipality(data: ReportData) -> Section:
    """Responses per municipality, as a sentence and a chart."""
    per_gemeente = quality.responses_per_municipality(data.responses)
    return Section.of(
        quality.responses_sentence(per_gemeente),
        Chart(plots.bar_chart(per_gemeente, category="gemeente", value="antwoorden",
                              title="Aantal antwoorden per gemeente", value_title="antwoorden"),
              name="antwoorden-per-gemeente"))


def _completeness(data: ReportData) -> pd.DataFrame:
    return data.once("volledigheid", lambda: quality.completeness_display(quality.completeness(
        data.responses, data.answers, data.texts,
        absent=data.manifest.columns.questions_without_column)))


def completeness(data: ReportData) -> Section:
    """Which questions the round had, and the share of answers per question as a chart."""
    return Section.of(
        quality.round_sentence(data.manifest),
        Chart(plots.bar_chart(_completeness(data), category="vraag", value="aandeel",
                              share=True, title="Aandeel beantwoord per vraag",
                              value_title="beantwoord"),
              name="volledigheid"))


def completeness_table(data: ReportData) -> Section:
    """The share of answers per question as a table."""
    return Section.of(Table(_completeness(data), name="volledigheid-tabel",
                            percent=("aandeel",)))


def problems(data: ReportData) -> Section:
    """Problems with answers that do count."""
    return Section.of(Table(quality.problems_summary(data.tables["problems"]), name="meldingen"))


def columns(data: ReportData) -> Section:
    """How the export's columns were matched to the questions."""
    return Section.of(quality.columns_sentence(data.manifest),
                      Table(quality.columns_table(data.manifest), name="kolommen"))


def positions(data: ReportData) -> Section:
    """Where the positions in the region come from."""
    return Section.of(data.manifest.positions.sentence)

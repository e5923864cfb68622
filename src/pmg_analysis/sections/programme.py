"""Sections of ``05_werkprogramma``: what PMG takes up first, and with whom."""

from __future__ import annotations

import pandas as pd

from pmg_analysis.prioritise import board, sentences, tables
from pmg_analysis.sections.core import ReportData, Section, Table

# the score parts of the programme tables, shown as percentages
PARTS = tuple(tables.PART_NAMES.values())


def _programme(data: ReportData, soort: str | None = None) -> pd.DataFrame:
    programma = data.results().plan.programma
    return programma if soort is None else programma[programma["soort"] == soort]


def answer(data: ReportData) -> Section:
    """The proposal in a few sentences."""
    return Section.of(board.answer(data.results().plan, data.settings.prioritise))


def year(data: ReportData) -> Section:
    """The programme for the coming year."""
    return Section.of(Table(board.year_programme(data.results().plan, data.settings.prioritise),
                            name="jaarprogramma"))


def later(data: ReportData) -> Section:
    """What comes after the first year."""
    return Section.of(board.later(data.results().plan, data.settings.prioritise))


def groups(data: ReportData) -> Section:
    """The municipalities per group, the trekker first."""
    return Section.of(Table(board.groups_table(data.results().plan, data.settings.prioritise),
                            name="groepen"))


def themes(data: ReportData) -> Section:
    """Each theme's place in the programme beside the members' own."""
    return Section.of(Table(board.themes_table(data.results().plan, data.settings.prioritise),
                            name="themas"))


def weights(data: ReportData) -> Section:
    """The weights of the score parts (Verantwoording)."""
    return Section.of(Table(sentences.weights_table(data.settings.prioritise), name="gewichten",
                            percent=("gewicht",)))


def constant_parts(data: ReportData) -> Section:
    """Score parts that are the same for every subject (Verantwoording)."""
    return Section.of(sentences.constant_parts_sentence(_programme(data)))


def programme_themes(data: ReportData) -> Section:
    """The scores of the themes (Verantwoording)."""
    return Section.of(Table(tables.programme_table(_programme(data, "thema")),
                            name="programma-themas", percent=PARTS, precision=0))


def programme_needs(data: ReportData) -> Section:
    """The scores of the first ten learning questions (Verantwoording)."""
    return Section.of(Table(tables.programme_table(_programme(data, "leervraag").head(10)),
                            name="programma-leervragen", percent=PARTS, precision=0))


def sensitivity(data: ReportData) -> Section:
    """How fixed the order is when a weight changes (Verantwoording)."""
    plan = data.results().plan
    return Section.of(Table(tables.sensitivity_table(plan.gevoeligheid, plan.programma,
                                                     data.settings.prioritise),
                            name="gevoeligheid"))

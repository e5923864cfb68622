"""Sections of ``03_themas``: which themes, opgaven and statements the members find most
important, overall and per position in the region."""

from __future__ import annotations

import pandas as pd

from pmg_analysis import plots, themes
from pmg_analysis.sections.core import Chart, ReportData, Section, Table, text

NAMES = plots.POSITION_LABELS  # positions in words


def _interval_plot(frame: pd.DataFrame, maat: str, title: str) -> object:
    return plots.interval_plot(frame, category="label", estimate="estimate", lower="lower",
                               upper="upper", colour="theme", colour_map=plots.THEME_COLOURS,
                               value_format=themes.plot_format(maat), title=title)


def leading(data: ReportData) -> Section:
    """Which themes lead: a sentence, then urgency and first places as interval charts."""
    scores = data.results().theme_scores
    return Section.of(themes.theme_headline(scores), *[
        Chart(_interval_plot(themes.interval_frame(scores, maat), maat,
                             themes.measure_name(maat)), name=f"thema-{maat}")
        for maat in ["urgentie", "eerste"]])


def method(data: ReportData) -> Section:
    """How the theme figures are made, and the full table (Verantwoording)."""
    scores = data.results().theme_scores
    return Section.of(themes.method_sentence(data.settings.themes),
                      themes.ranking_note(data.tables["problems"]),
                      text(themes.dominance_sentences(scores)),
                      Table(themes.score_table(scores), name="themascores"))


def per_respondent(data: ReportData) -> Section:
    """The same figures with each respondent as the unit (Verantwoording)."""
    return Section.of(Table(themes.score_table(data.results().theme_scores_respondent,
                                               unit="respondent"),
                            name="themascores-respondenten"))


def by_position(data: ReportData) -> Section:
    """What differs between the positions in the region, and the urgency per position."""
    per_positie, toetsen = data.results().theme_scores_positie, data.results().group_tests
    return Section.of(
        text(themes.position_sentences(per_positie, toetsen)),
        themes.small_group_text(per_positie, NAMES),
        Chart(_interval_plot(themes.interval_frame(per_positie, "urgentie", NAMES), "urgentie",
                             f"{themes.measure_name('urgentie')}, per positie"),
              name="positie-urgentie"))


def position_tests(data: ReportData) -> Section:
    """The tests between the positions and the scores per position (Verantwoording)."""
    per_positie, toetsen = data.results().theme_scores_positie, data.results().group_tests
    return Section.of(themes.group_test_sentence(toetsen),
                      themes.small_group_text(toetsen, NAMES),
                      Table(themes.test_table(toetsen), name="toetsen-per-positie"),
                      Table(themes.score_table(per_positie, NAMES),
                            name="themascores-per-positie"))


def opgaven(data: ReportData) -> Section:
    """The share of municipalities choosing each opgave."""
    scores = themes.opgave_scores(data.answers, data.responses, config=data.settings.themes)
    return Section.of(Table(themes.opgave_table(scores), name="opgaven"))


def opgaven_by_position(data: ReportData) -> Section:
    """The opgaven per position and the 'Anders, namelijk' texts (Verantwoording)."""
    per_positie = themes.opgave_scores(data.answers, data.responses, by="positie",
                                       config=data.settings.themes)
    return Section.of(
        Chart(plots.heatmap(themes.opgave_matrix(per_positie), share=True,
                            row_labels=themes.opgave_labels(per_positie), column_labels=NAMES,
                            title="Gekozen opgaven per positie"),
              name="opgaven-per-positie"),
        Table(themes.anders_table(themes.anders_texts(data.texts, data.responses)),
              name="anders-teksten",
              caption="Wat respondenten invulden bij ‘Anders, namelijk’ (gelijke teksten één "
                      "keer)"))


def _statements(data: ReportData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Agreement per position and the tests between positions, once per run."""
    return data.once("stellingen", lambda: (
        themes.statement_scores(data.answers, data.responses, by="positie",
                                config=data.settings.themes),
        themes.statement_tests(data.answers, data.responses)))


def statements(data: ReportData) -> Section:
    """The statements: legend, answers per statement, what differs per position."""
    stellingen = themes.statement_distribution(data.answers, data.responses,
                                               config=data.settings.themes)
    eens, toetsen = _statements(data)
    return Section.of(
        Table(themes.statement_legend(stellingen), name="stellingen"),
        Chart(plots.diverging_bar(stellingen, category="stelling", level="label", value="share",
                                  title="Stellingen: aandeel gemeenten per antwoord"),
              name="stellingen"),
        text(themes.position_sentences(eens, toetsen)))


def statements_by_position(data: ReportData) -> Section:
    """The statements per position, agreement scores and tests (Verantwoording)."""
    per_positie = themes.statement_distribution(data.answers, data.responses, by="positie",
                                                config=data.settings.themes)
    eens, toetsen = _statements(data)
    overall = themes.statement_scores(data.answers, data.responses, config=data.settings.themes)
    return Section.of(
        Chart(plots.diverging_bar(per_positie, category="stelling", level="label",
                                  value="share", group="group", group_labels=NAMES,
                                  title="Stellingen per positie"),
              name="stellingen-per-positie"),
        themes.small_group_text(eens, NAMES),
        Table(themes.score_table(overall), name="stellingen-eens"),
        Table(themes.score_table(eens, NAMES), name="stellingen-eens-per-positie"),
        themes.group_test_sentence(toetsen), themes.small_group_text(toetsen, NAMES),
        Table(themes.test_table(toetsen), name="toetsen-stellingen"))

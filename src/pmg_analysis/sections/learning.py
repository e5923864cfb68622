"""Sections of ``04_leervragen``: which learning needs the municipalities have, per position,
what the open answers are about, and the suggested new needs."""

from __future__ import annotations

import pandas as pd

from pmg_analysis import plots, text
from pmg_analysis.regions import positie_bron_zin
from pmg_analysis.sections.core import Chart, Paragraphs, ReportData, Section, Table
from pmg_analysis.text import sentences

TOP = 15  # the needs shown at the top of the page; the rest in the Verantwoording


def _found(data: ReportData) -> pd.DataFrame:
    """The lexicon terms found in every coded text, once per run."""
    return data.once("lexicon", lambda: text.explain(data.results().coded["text"],
                                                     config=data.settings.text))


def top_needs(data: ReportData) -> Section:
    """The needs most municipalities name."""
    result = data.results().needs
    return Section.of(sentences.needs_summary(result),
                      Table(sentences.needs_table(result, top=TOP), name="leervragen_top"))


def set_aside(data: ReportData) -> Section:
    """Sentences that do not count as a learning question, and answers in another language."""
    questions = data.settings.learning_needs.questions
    terzijde = text.questions.set_aside(data.texts, questions)
    anderstalig = text.questions.non_dutch_answers(data.texts, data.responses)
    return Section.of(
        Paragraphs((text.questions.set_aside_sentence(terzijde, questions),
                    text.questions.non_dutch_sentence(anderstalig))),
        Table(anderstalig, name="andere_taal", empty=None))


def top_chart(data: ReportData) -> Section:
    """The most named needs as a chart (nothing when there are none)."""
    result = data.results().needs
    if result.empty:
        return Section.of()
    return Section.of(Chart(plots.bar_chart(
        result.needs.head(TOP), category="label", value="n_gemeenten", colour="theme",
        colour_map=plots.THEME_COLOURS,
        title="De 15 meest genoemde leerbehoeften (aantal gemeenten)", value_title="gemeenten"),
        name="leervragen_top"))


def why(data: ReportData) -> Section:
    """Why a question belongs to a need, and the near ties (Verantwoording)."""
    result = data.results().needs
    return Section.of(Table(sentences.why_table(result), name="waarom"),
                      Table(sentences.near_ties_table(result), name="twijfel"))


def terms(data: ReportData) -> Section:
    """The codebook's terms on these questions (Verantwoording)."""
    config = data.settings.learning_needs
    codeboek = text.load_codebook(config.codebook_path)
    controle = text.term_check(codeboek, data.results().needs.members, config=config,
                               cache_dir=data.cache_dir)
    return Section.of(
        sentences.term_check_summary(controle),
        Table(sentences.term_table(controle, codeboek), name="termen"),
        Table(sentences.term_problems_table(controle, codeboek), name="termen_opmerkingen"),
        Table(sentences.term_changes_table(controle, codeboek), name="termen_beslissend"))


def by_position(data: ReportData) -> Section:
    """The five most named needs within each position."""
    result, responses = data.results().needs, data.responses
    ranking = text.need_ranking(result, responses)
    return Section.of(
        positie_bron_zin(bool(responses["positie_cbs"].notna().any())),
        Table(sentences.ranking_table(ranking, top=5, group_labels=plots.POSITION_LABELS),
              name="leervragen_per_positie"))


def theme_vs_question(data: ReportData) -> Section:
    """The theme of each open answer beside the theme of its question."""
    coded = data.results().coded
    return Section.of(
        sentences.theme_vs_question_summary(coded),
        Chart(plots.heatmap(sentences.theme_vs_question(coded),
                            title="Thema van de vraag (rijen) en thema van de tekst (kolommen)"),
              name="thema_vraag_tekst"))


def other_theme(data: ReportData) -> Section:
    """Examples of answers about another theme than their question's."""
    return Section.of(Table(sentences.other_theme_examples(data.results().coded),
                            name="ander_thema"))


def lexicon(data: ReportData) -> Section:
    """What the lexicon found (Verantwoording)."""
    coded, found = data.results().coded, _found(data)
    return Section.of(sentences.lexicon_summary(coded, found),
                      Table(sentences.lexicon_table(found), name="lexicon_gevonden"))


def unmatched(data: ReportData) -> Section:
    """Answers in which the lexicon found nothing (Verantwoording)."""
    return Section.of(Table(sentences.unmatched_table(data.results().coded, _found(data)),
                            name="lexicon_niets"))


def proposals(data: ReportData) -> Section:
    """Suggested new needs: questions that fit no need of the codebook."""
    return Section.of(Table(sentences.needs_table(data.results().needs, bron="voorstel"),
                            name="voorstellen"))


def other_needs(data: ReportData) -> Section:
    """The needs after the first fifteen (Verantwoording)."""
    return Section.of(Table(sentences.needs_table(data.results().needs, after=TOP),
                            name="leervragen_overige"))

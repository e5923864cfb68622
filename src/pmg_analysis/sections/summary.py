"""Sections of ``00_samenvatting``: the answer for a director on at most three screens."""

from __future__ import annotations

from pmg_analysis import themes
from pmg_analysis.prioritise import board
from pmg_analysis.prioritise import sentences as programma
from pmg_analysis.report import summary
from pmg_analysis.sections.core import Link, Paragraphs, ReportData, Section, Table, Text, text


def leading_themes(data: ReportData) -> Section:
    """Which themes lead (first place and urgency), as a sentence and a table."""
    scores, plan = data.results().theme_scores, data.results().plan
    return Section.of(summary.theme_headline(scores),
                      Table(summary.theme_table(scores, plan.programma), name="themas"))


def ranking_difference(data: ReportData) -> Section:
    """Where the programme's order of the themes differs from the members' own (only then)."""
    plan = data.results().plan
    return Section.of(
        Paragraphs((programma.ranking_difference(plan.programma, data.settings.prioritise),)),
        Link("03_", "Welke thema's overheersen", cbs_available=data.cbs))


def by_position(data: ReportData) -> Section:
    """What differs by position in the region (only what holds after the correction)."""
    results = data.results()
    return Section.of(
        text(themes.position_sentences(results.theme_scores_positie, results.group_tests)),
        Link("03_", "Per positie in de regio", cbs_available=data.cbs))


def position_method(data: ReportData) -> Section:
    """Where the positions come from and how they were compared (Verantwoording)."""
    return Section.of(data.manifest.positions.sentence,
                      themes.method_sentence(data.settings.themes),
                      themes.group_test_sentence(data.results().group_tests))


def programme_needs(data: ReportData) -> Section:
    """The most asked-for learning needs and their place in the work programme."""
    results = data.results()
    plan, needs = results.plan, results.needs.needs
    return Section.of(
        board.year_sentence(plan),
        Table(summary.needs_table(needs, plan.programma), name="leervragen"),
        Paragraphs((programma.needs_difference(needs, plan.programma,
                                               config=data.settings.prioritise),)),
        Link("05_", cbs_available=data.cbs))


def comparison(data: ReportData) -> Section:
    """What changed since the previous round, with a link to 06 (only after a comparison)."""
    from pmg_analysis.rounds.store import summary_part

    zinnen = summary_part(data.cache_dir)
    return Section.of(
        Text(("Sinds de vorige ronde:", *zinnen)) if zinnen else None,
        Link("06_", cbs_available=data.cbs, when=summary.has_comparison(data.cache_dir)))


def response(data: ReportData) -> Section:
    """How many municipalities and respondents answered."""
    return Section.of(summary.response_sentence(data.manifest, data.responses),
                      Link("01_", "Wat kwam er binnen", cbs_available=data.cbs))


def response_table(data: ReportData) -> Section:
    """Municipalities and responses per position (Verantwoording)."""
    return Section.of(Table(summary.response_table(data.responses), name="respons"))

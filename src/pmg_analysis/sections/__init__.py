"""Report sections: each section of a report page is a library function returning its blocks.

A notebook cell calls one section and shows it (``show(sections.themes.leading(data))``);
the export-shape tests call the same functions, listed once per page in :data:`PAGES`, without
a kernel. So a page and its test cannot drift: there is one copy of each page's calls.

One module per page: :mod:`summary` (00), :mod:`quality` (01), :mod:`regions` (02, only with
the CBS data), :mod:`themes` (03), :mod:`learning` (04), :mod:`programme` (05) and
:mod:`municipality` (the municipality pages; its sections take ``(data, code)``) and
:mod:`development` (06, only after a comparison with the previous round). The data of
one run, loaded once, is a :class:`ReportData` (:func:`load`); the blocks and :func:`show` are
in :mod:`pmg_analysis.sections.core`.

Examples
--------
>>> PAGES["05_werkprogramma"][0].__name__
'answer'
>>> all(f.__module__.startswith("pmg_analysis.sections.") for fs in PAGES.values() for f in fs)
True
"""

from __future__ import annotations

from collections.abc import Callable

from pmg_analysis.sections import (
    development,
    learning,
    municipality,
    programme,
    quality,
    regions,
    summary,
    themes,
)
from pmg_analysis.sections.core import (
    Block,
    Chart,
    Link,
    Paragraphs,
    ReportData,
    Section,
    Table,
    Text,
    load,
    output_defects,
    show,
)

__all__ = ["PAGES", "DEVELOPMENT_PAGE", "MUNICIPALITY_PAGE", "Block", "Chart", "Link",
           "Paragraphs", "ReportData", "Section", "Table", "Text", "load", "output_defects",
           "page_sections", "report_sections", "show", "development", "learning",
           "municipality", "programme", "quality", "regions", "summary", "themes"]

MUNICIPALITY_PAGE = "gemeenteprofiel"  # its sections take (data, code)
# only after --vorige; its sections take the comparison of two rounds (development.load)
DEVELOPMENT_PAGE = "06_ontwikkeling"
REGIONS_PAGE = "02_positie_in_de_regio"  # built only with the CBS data

# Each page's sections in page order: the notebook of the same name calls exactly these.
PAGES: dict[str, tuple[Callable[..., Section], ...]] = {
    "00_samenvatting": (
        summary.leading_themes, summary.ranking_difference, summary.by_position,
        summary.position_method, summary.programme_needs, summary.comparison, summary.response,
        summary.response_table),
    "01_datakwaliteit": (
        quality.intake, quality.source, quality.quarantine, quality.per_municipality,
        quality.completeness, quality.completeness_table, quality.problems, quality.columns,
        quality.positions),
    REGIONS_PAGE: (
        regions.thresholds, regions.kernen, regions.position_map, regions.type_counts,
        regions.examples, regions.validation, regions.validation_per_type,
        regions.validation_misses, regions.validation_set, regions.borderline_counts,
        regions.borderline_thresholds, regions.borderline, regions.agreement,
        regions.agreement_differences, regions.indicators, regions.indicator_clusters,
        regions.indicator_cluster_types, regions.indicator_cluster_summary,
        regions.profile_clusters, regions.profile_cluster_types,
        regions.profile_cluster_summary, regions.profile_cluster_note),
    "03_themas": (
        themes.leading, themes.method, themes.per_respondent, themes.by_position,
        themes.position_tests, themes.opgaven, themes.opgaven_by_position, themes.statements,
        themes.statements_by_position),
    "04_leervragen": (
        learning.top_needs, learning.set_aside, learning.top_chart, learning.why, learning.terms,
        learning.by_position, learning.theme_vs_question, learning.other_theme,
        learning.lexicon, learning.unmatched, learning.proposals, learning.other_needs),
    "05_werkprogramma": (
        programme.answer, programme.year, programme.later, programme.groups, programme.themes,
        programme.weights, programme.constant_parts, programme.programme_themes,
        programme.programme_needs, programme.sensitivity),
    MUNICIPALITY_PAGE: (
        municipality.intro, municipality.urgency_chart, municipality.theme_table,
        municipality.learning_questions, municipality.needs, municipality.leerkringen,
        municipality.comparison),
    DEVELOPMENT_PAGE: (
        development.source, development.in_short, development.mapping, development.instrument,
        development.change, development.change_per_position, development.membership,
        development.estimates, development.opgaven, development.opgaven_table,
        development.statements, development.statements_table, development.needs_programme,
        development.needs_tables, development.hashes),
}


def page_sections(data: ReportData | development.ComparisonData, page: str,
                  code: str | None = None) -> dict[str, Section]:
    """Every section of ``page`` (for the municipality page: of municipality ``code``; for 06
    ``data`` is the comparison of two rounds), by function name, in page order."""
    args = (data, code) if page == MUNICIPALITY_PAGE else (data,)
    return {f.__name__: f(*args) for f in PAGES[page]}


def report_sections(data: ReportData, *, municipalities: int | None = None,
                    pages: tuple[str, ...] | None = None) -> dict[str, dict[str, Section]]:
    """The sections of every page the report build writes for ``data`` (02 only with the
    CBS data; not 06, which compares two rounds) and of the municipality pages (all, or the
    first ``municipalities`` codes), as ``gemeenten/<code>``; ``pages`` limits which pages."""
    out = {page: page_sections(data, page) for page in PAGES
           if page not in (MUNICIPALITY_PAGE, DEVELOPMENT_PAGE)
           and (pages is None or page in pages)
           and (data.cbs or page != REGIONS_PAGE)}
    if pages is None or MUNICIPALITY_PAGE in pages:
        codes = sorted(data.responses["gemeente_code"].dropna().astype(str).unique())
        for code in codes[:municipalities]:
            out[f"gemeenten/{code}"] = page_sections(data, MUNICIPALITY_PAGE, code)
    return out

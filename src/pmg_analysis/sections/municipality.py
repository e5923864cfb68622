"""Sections of ``gemeenteprofiel``: one municipality's page. Each takes the run's data and the
municipality's CBS code; the page data of all municipalities is computed once per run
(:func:`pmg_analysis.report.profile.compute_profile_data`)."""

from __future__ import annotations

from pmg_analysis.report import profile
from pmg_analysis.sections.core import Chart, Paragraphs, ReportData, Section, Table


def _profile(data: ReportData) -> profile.ProfileData:
    return data.once("profile", lambda: profile.compute_profile_data(
        dict(data.tables), data.manifest, data.results()))


def intro(data: ReportData, code: str) -> Section:
    """Who answered, and the municipality's position."""
    return Section.of(profile.intro_sentence(_profile(data), code))


def urgency_chart(data: ReportData, code: str) -> Section:
    """The municipality's urgency per theme beside the PMG average and its position group."""
    return Section.of(Chart(profile.comparison_chart(_profile(data), code),
                            name="urgentie-per-thema"))


def theme_table(data: ReportData, code: str) -> Section:
    """Urgency and priority per theme beside the averages."""
    return Section.of(Table(profile.theme_table(_profile(data), code), name="thema-scores",
                            precision=1))


def learning_questions(data: ReportData, code: str) -> Section:
    """The municipality's own learning questions."""
    return Section.of(Table(profile.learning_questions(_profile(data), code), name="leervragen"))


def needs(data: ReportData, code: str) -> Section:
    """The learning needs its questions belong to."""
    return Section.of(Table(profile.needs_of(_profile(data), code), name="leerbehoeften"))


def leerkringen(data: ReportData, code: str) -> Section:
    """The leerkringen proposed for it (the sentence says when there are none)."""
    prof = _profile(data)
    kringen = profile.leerkringen_of(prof, code)
    naam = profile.municipality(prof, code)["naam"]
    return Section.of(profile.leerkringen_sentence(kringen, naam),
                      Table(kringen, name="leerkringen", empty=None))


def comparison(data: ReportData, code: str) -> Section:
    """Its change since the previous round, under its own heading (only after a comparison)."""
    return Section.of(Paragraphs(tuple(profile.comparison_lines(data.cache_dir, code)),
                                 heading=profile.COMPARISON_HEADING))

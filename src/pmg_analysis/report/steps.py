"""The library steps behind every report page, without a notebook kernel.

Each ``*_page`` function makes the same library calls, with the same arguments, as the code
cells of its notebook (``notebooks/<name>.ipynb``), and returns what the page shows: frames,
Dutch sentences and plotly figures, in page order. The analysis results (coded texts, learning
needs, theme scores, tests, programme) are computed once per :class:`Processed`
(:func:`pmg_analysis.results.compute_results`), as ``make report`` does. :func:`report_steps`
runs them all (and every municipality page) on one set of processed tables. The tests use it to
prove, fast and without papermill, that every export shape gives every page; the notebooks stay
the place where the pages are laid out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pmg_analysis.clean.manifest import Manifest
from pmg_analysis.settings import Settings

Output = object  # a DataFrame, a Dutch sentence (str) or a plotly Figure


@dataclass(frozen=True)
class Processed:
    """The processed tables and manifest of one clean run, as the notebooks load them."""

    tables: dict[str, pd.DataFrame]
    manifest: Manifest
    cache_dir: Path | None  # where the text embeddings are cached (the processed folder)
    settings: Settings = field(default_factory=Settings)  # the run's, as the notebooks get them
    # results several pages compute from the same tables (the notebooks each in their own
    # kernel): computed once here; same inputs, same result
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: str, compute: Callable[[], object]) -> object:
        """``compute()`` the first time ``key`` is asked for, the stored result after."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def results(self):
        """Every analysis result of these tables (:class:`pmg_analysis.results.Results`)."""
        from pmg_analysis.results import compute_results

        return self.once("results", lambda: compute_results(self.tables,
                                                            cache_dir=self.cache_dir,
                                                            settings=self.settings))

    @property
    def responses(self) -> pd.DataFrame:
        return self.tables["responses"]

    @property
    def answers(self) -> pd.DataFrame:
        return self.tables["answers"]

    @property
    def cbs(self) -> bool:
        return bool(self.manifest.positions and self.manifest.positions.cbs_available)


def load(processed_dir: Path, settings: Settings = Settings()) -> Processed:
    """The processed tables in ``processed_dir`` (as ``pipeline.load_processed``), with the
    run's ``settings``."""
    from pmg_analysis.processed import load_manifest, load_processed

    return Processed(load_processed(processed_dir), load_manifest(processed_dir),
                     Path(processed_dir), settings)


def summary_page(data: Processed) -> list[Output]:
    """``00_samenvatting``."""
    from pmg_analysis import themes
    from pmg_analysis.prioritise import board
    from pmg_analysis.prioritise import sentences as programma
    from pmg_analysis.report import summary

    responses = data.responses
    results = data.results()
    scores, plan = results.theme_scores, results.plan
    out: list[Output] = [summary.theme_headline(scores),
                         summary.theme_table(scores, plan.programma),
                         *[s for s in [programma.ranking_difference(plan.programma,
                                                                   data.settings.prioritise)]
                            if s]]  # shown only when the orders differ
    out += themes.position_sentences(results.theme_scores_positie, results.group_tests)
    out += [data.manifest.positions.sentence, themes.method_sentence(),
            themes.group_test_sentence(results.group_tests)]
    out += [board.year_sentence(plan), summary.needs_table(results.needs.needs, plan.programma),
            *[s for s in [programma.needs_difference(results.needs.needs, plan.programma,
                                                    config=data.settings.prioritise)] if s],
            summary.has_comparison(data.cache_dir)]
    out += [summary.response_sentence(data.manifest, responses),
            summary.response_table(responses)]
    return out


def quality_page(data: Processed) -> list[Output]:
    """``01_datakwaliteit``."""
    from pmg_analysis import plots, quality

    manifest, tables = data.manifest, data.tables
    per_gemeente = quality.responses_per_municipality(tables["responses"])
    volledigheid = quality.completeness_display(quality.completeness(
        tables["responses"], tables["answers"], tables["texts"],
        absent=manifest.columns.questions_without_column))
    return [
        quality.source_table(manifest), *quality.settings_sentences(manifest),
        quality.counts_sentence(manifest),
        quality.intake(manifest), quality.quarantine_table(tables["quarantine"]),
        quality.responses_sentence(per_gemeente), quality.round_sentence(manifest),
        plots.bar_chart(per_gemeente, category="gemeente", value="antwoorden",
                        title="Aantal antwoorden per gemeente", value_title="antwoorden"),
        plots.bar_chart(volledigheid, category="vraag", value="aandeel", share=True,
                        title="Aandeel beantwoord per vraag", value_title="beantwoord"),
        volledigheid, quality.problems_summary(tables["problems"]),
        quality.columns_sentence(manifest), quality.columns_table(manifest),
    ]


def regions_page(data: Processed) -> list[Output]:
    """``02_positie_in_de_regio`` (only with CBS data): the parts that depend on the export."""
    from pmg_analysis import plots, regions

    responses, answers = data.responses, data.answers
    gemeenten = regions.load_tables(cache_dir=data.cache_dir,
                                    config=data.settings.regions).gemeenten
    namen = plots.POSITION_LABELS
    overeenstemming = regions.agreement(responses)
    profielen = regions.answer_profiles(answers, responses)
    per_gemeente = regions.positie_per_gemeente(responses, regions.positie(responses))
    profielclusters = regions.cluster_profiles(profielen, per_gemeente)
    return [
        regions.map_frame(gemeenten, responses["gemeente_code"]),
        regions.indicator_table(gemeenten, responses["gemeente_code"], namen),
        regions.agreement_summary(overeenstemming), regions.agreement_sentence(overeenstemming),
        regions.agreement_table(overeenstemming, namen),
        regions.differences_table(overeenstemming, namen),
        regions.silhouette_table(profielclusters),
        regions.cluster_crosstab(profielclusters, namen),
        regions.profile_cluster_summary(profielclusters), profielclusters.note,
    ]


def themes_page(data: Processed) -> list[Output]:
    """``03_themas``."""
    from pmg_analysis import plots, themes

    tables, responses, answers = data.tables, data.responses, data.answers
    namen = plots.POSITION_LABELS
    out: list[Output] = [themes.method_sentence(data.settings.themes),
                         themes.ranking_note(tables["problems"])]
    results = data.results()
    scores = results.theme_scores
    out.append(themes.theme_headline(scores))
    out += themes.dominance_sentences(scores)
    for maat in ["urgentie", "eerste"]:
        out.append(plots.interval_plot(themes.interval_frame(scores, maat), category="label",
                                       estimate="estimate", lower="lower", upper="upper",
                                       colour="theme", colour_map=plots.THEME_COLOURS,
                                       value_format=themes.plot_format(maat),
                                       title=themes.measure_name(maat)))
    out.append(themes.score_table(scores))
    per_respondent = results.theme_scores_respondent
    out.append(themes.score_table(per_respondent, unit="respondent"))
    per_positie = results.theme_scores_positie
    toetsen = results.group_tests
    out += themes.position_sentences(per_positie, toetsen)
    out.append(themes.small_group_text(per_positie, namen))
    out.append(plots.interval_plot(themes.interval_frame(per_positie, "urgentie", namen),
                                   category="label", estimate="estimate", lower="lower",
                                   upper="upper", colour="theme", colour_map=plots.THEME_COLOURS,
                                   value_format=themes.plot_format("urgentie"),
                                   title=f"{themes.measure_name('urgentie')}, per positie"))
    out.append(themes.score_table(per_positie, namen))
    out += [themes.group_test_sentence(toetsen), themes.small_group_text(toetsen, namen),
            themes.test_table(toetsen)]
    opgaven = themes.opgave_scores(answers, responses)
    out.append(themes.opgave_table(opgaven))
    opgaven_per_positie = themes.opgave_scores(answers, responses, by="positie")
    out.append(plots.heatmap(themes.opgave_matrix(opgaven_per_positie), share=True,
                             row_labels=themes.opgave_labels(opgaven_per_positie),
                             column_labels=namen, title="Gekozen opgaven per positie"))
    out.append(themes.anders_table(themes.anders_texts(tables["texts"], responses)))
    stellingen = themes.statement_distribution(answers, responses)
    out += [themes.statement_legend(stellingen),
            plots.diverging_bar(stellingen, category="stelling", level="label", value="share",
                                title="Stellingen: aandeel gemeenten per antwoord")]
    stellingen_per_positie = themes.statement_distribution(answers, responses, by="positie")
    out.append(plots.diverging_bar(stellingen_per_positie, category="stelling", level="label",
                                   value="share", group="group", group_labels=namen,
                                   title="Stellingen per positie"))
    eens = themes.statement_scores(answers, responses, by="positie")
    stellingtoetsen = themes.statement_tests(answers, responses)
    out += themes.position_sentences(eens, stellingtoetsen)
    out += [themes.small_group_text(eens, namen),
            themes.score_table(themes.statement_scores(answers, responses)),
            themes.score_table(eens, namen)]
    out += [themes.group_test_sentence(stellingtoetsen),
            themes.small_group_text(stellingtoetsen, namen),
            themes.test_table(stellingtoetsen)]
    return out


def learning_page(data: Processed) -> list[Output]:
    """``04_leervragen``."""
    from pmg_analysis import plots, text
    from pmg_analysis.regions import positie_bron_zin
    from pmg_analysis.text import sentences

    responses = data.responses
    coded = data.results().coded
    result = data.results().needs
    found = text.explain(coded["text"], config=data.settings.text)
    out: list[Output] = [sentences.needs_summary(result),
                         sentences.needs_table(result, top=15)]
    questions = data.settings.learning_needs.questions
    aside = text.questions.set_aside(data.tables["texts"], questions)
    other_language = text.questions.non_dutch_answers(data.tables["texts"], responses)
    # the two sentences are "" when nothing was set aside: the notebook then shows nothing
    out += [s for s in (text.questions.set_aside_sentence(aside, questions),
                        text.questions.non_dutch_sentence(other_language)) if s]
    out.append(other_language)
    if not result.empty:
        out.append(plots.bar_chart(result.needs.head(15), category="label",
                                   value="n_gemeenten", colour="theme",
                                   colour_map=plots.THEME_COLOURS,
                                   title="De 15 meest genoemde leerbehoeften (aantal gemeenten)",
                                   value_title="gemeenten"))
    out.append(positie_bron_zin(bool(responses["positie_cbs"].notna().any())))
    ranking = text.need_ranking(result, responses)
    out += [sentences.ranking_table(ranking, top=5, group_labels=plots.POSITION_LABELS),
            sentences.theme_vs_question_summary(coded),
            plots.heatmap(sentences.theme_vs_question(coded),
                          title="Thema van de vraag (rijen) en thema van de tekst (kolommen)"),
            sentences.other_theme_examples(coded),
            sentences.lexicon_summary(coded, found), sentences.lexicon_table(found),
            sentences.unmatched_table(coded, found), sentences.why_table(result),
            sentences.near_ties_table(result), sentences.needs_table(result, bron="voorstel"),
            sentences.needs_table(result, after=15)]
    codeboek = text.load_codebook(data.settings.learning_needs.codebook_path)
    termcontrole = text.term_check(codeboek, result.members, config=data.settings.learning_needs,
                                   cache_dir=data.cache_dir)
    out += [sentences.term_check_summary(termcontrole),
            sentences.term_table(termcontrole, codeboek),
            sentences.term_problems_table(termcontrole, codeboek),
            sentences.term_changes_table(termcontrole, codeboek)]
    return out


def programme_page(data: Processed) -> list[Output]:
    """``05_werkprogramma``."""
    from pmg_analysis.prioritise import board, sentences, tables

    config = data.settings.prioritise
    werkprogramma = data.results().plan
    programma = werkprogramma.programma
    themas = programma[programma["soort"] == "thema"]
    leervragen = programma[programma["soort"] == "leervraag"]
    return [
        board.answer(werkprogramma, config), board.year_programme(werkprogramma, config),
        board.later(werkprogramma, config), board.groups_table(werkprogramma, config),
        board.themes_table(werkprogramma, config),
        sentences.weights_table(config), sentences.constant_parts_sentence(programma),
        tables.programme_table(themas),
        tables.programme_table(leervragen.head(10)),
        tables.sensitivity_table(werkprogramma.gevoeligheid, programma, config),
    ]


def municipality_page(data: Processed, code: str) -> list[Output]:
    """``gemeenteprofiel`` for the municipality ``code``."""
    from pmg_analysis.report import profile

    prof = data.once("profile", lambda: profile.compute_profile_data(
        data.tables, data.manifest, data.results()))
    gemeente = profile.municipality(prof, code)
    leerkringen = profile.leerkringen_of(prof, code)
    return [
        profile.intro_sentence(prof, code),
        profile.comparison_chart(prof, code),
        profile.theme_table(prof, code), profile.learning_questions(prof, code),
        profile.needs_of(prof, code), leerkringen,
        profile.leerkringen_sentence(leerkringen, gemeente["naam"]),
    ]


PAGES: dict[str, Callable[[Processed], list[Output]]] = {
    "00_samenvatting": summary_page,
    "01_datakwaliteit": quality_page,
    "02_positie_in_de_regio": regions_page,
    "03_themas": themes_page,
    "04_leervragen": learning_page,
    "05_werkprogramma": programme_page,
}


def report_steps(processed_dir: Path, *, municipalities: int | None = None,
                 settings: Settings = Settings()) -> dict[str, list[Output]]:
    """Every page's outputs for the processed tables in ``processed_dir`` with ``settings``:
    the notebooks' pages (02 only with CBS data, as in the report build) and the municipality
    pages (all, or the first ``municipalities`` codes)."""
    data = load(processed_dir, settings)
    pages = {name: page(data) for name, page in PAGES.items()
             if data.cbs or name != "02_positie_in_de_regio"}
    codes = sorted(data.responses["gemeente_code"].dropna().astype(str).unique())
    for code in codes[:municipalities]:
        pages[f"gemeenten/{code}"] = municipality_page(data, code)
    return pages


_NOT_A_NUMBER = ("nan", "NaN", "<NA>", "None", "inf")


def output_defects(pages: dict[str, list[Output]]) -> list[str]:
    """What a reader would see as broken in :func:`report_steps`' outputs: a sentence that is
    empty or shows a missing number ("nan", "<NA>"), or an output that is neither a frame, a
    sentence, a number nor a figure. (A figure without values is not a defect here:
    :func:`pmg_analysis.plots.show` replaces it by a sentence.)"""
    import re

    import plotly.graph_objects as go

    pattern = re.compile(r"\b(" + "|".join(re.escape(w) for w in _NOT_A_NUMBER) + r")\b")
    defects = []
    for page, outputs in pages.items():
        for i, out in enumerate(outputs):
            if isinstance(out, str):
                if not out.strip():
                    defects.append(f"{page}[{i}]: lege zin")
                elif pattern.search(out.replace("<NA>", " NaN ")):
                    defects.append(f"{page}[{i}]: {out[:120]}")
            elif not isinstance(out, pd.DataFrame | go.Figure | int | float):
                defects.append(f"{page}[{i}]: {type(out).__name__}")
    return defects

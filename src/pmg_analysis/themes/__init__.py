"""Theme dominance: which themes and opgaven matter most to the members, and how sure we are.

The municipality is the unit (see :mod:`pmg_analysis.themes.municipality` for the one rule that
combines several respondents of a municipality); every headline figure has a 95% percentile
bootstrap interval that resamples municipalities (:mod:`pmg_analysis.themes.bootstrap`).

Modules: ``config`` (:class:`ThemeConfig`); computations: ``municipality`` (values per
respondent and per municipality, :func:`gemeente_scores`), ``bootstrap``, ``scores``
(:func:`theme_scores`), ``opgaven`` (:func:`opgave_scores`, the "Anders" texts), ``compare``
(:func:`group_tests`), ``statements`` (stellingen K1..Z3); Dutch text: ``sentences`` and
``display`` (tables), which only format computed frames.

Typical use::

    from pmg_analysis import themes
    scores = themes.theme_scores(answers, responses, coded_texts=coded)   # coded: text.code_texts
    per_type = themes.theme_scores(answers, responses, by="positie")
    print(*themes.dominance_sentences(scores), sep="\\n")
"""

from pmg_analysis.themes.compare import group_tests, kruskal_permutation
from pmg_analysis.themes.config import ThemeConfig
from pmg_analysis.themes.display import (
    anders_table,
    interval_frame,
    opgave_labels,
    opgave_table,
    plot_format,
    score_table,
    statement_legend,
    test_table,
)
from pmg_analysis.themes.municipality import (
    MEASURES,
    gemeente_scores,
    opgave_values,
    respondent_values,
)
from pmg_analysis.themes.opgaven import anders_texts, opgave_matrix, opgave_scores
from pmg_analysis.themes.scores import theme_scores
from pmg_analysis.themes.sentences import (
    NO_DATA,
    dominance_sentences,
    group_test_sentence,
    measure_name,
    method_sentence,
    position_sentences,
    ranking_note,
    small_group_text,
    small_group_warnings,
    theme_headline,
)
from pmg_analysis.themes.statements import (
    statement_distribution,
    statement_scores,
    statement_tests,
)

__all__ = [
    "MEASURES",
    "NO_DATA",
    "ThemeConfig",
    "anders_table",
    "anders_texts",
    "dominance_sentences",
    "gemeente_scores",
    "interval_frame",
    "group_test_sentence",
    "group_tests",
    "kruskal_permutation",
    "measure_name",
    "method_sentence",
    "opgave_labels",
    "opgave_matrix",
    "opgave_scores",
    "opgave_table",
    "opgave_values",
    "plot_format",
    "position_sentences",
    "ranking_note",
    "respondent_values",
    "score_table",
    "small_group_text",
    "small_group_warnings",
    "statement_distribution",
    "statement_legend",
    "statement_scores",
    "statement_tests",
    "test_table",
    "theme_headline",
    "theme_scores",
]

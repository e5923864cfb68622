"""Theme dominance: which themes and opgaven matter most to the members, and how sure we are.

The municipality is the unit (see :mod:`pmg_analysis.themes.municipality` for the one rule that
combines several respondents of a municipality); every headline figure has a 95% percentile
bootstrap interval that resamples municipalities (:mod:`pmg_analysis.themes.bootstrap`).

Modules: ``config`` (:class:`ThemeConfig`), ``municipality`` (values per respondent and per
municipality, :func:`gemeente_scores`), ``bootstrap``, ``scores`` (:func:`theme_scores`).
"""

from pmg_analysis.themes.config import ThemeConfig
from pmg_analysis.themes.municipality import (
    MEASURES,
    gemeente_scores,
    opgave_values,
    respondent_values,
)
from pmg_analysis.themes.scores import theme_scores

__all__ = [
    "MEASURES",
    "ThemeConfig",
    "gemeente_scores",
    "opgave_values",
    "respondent_values",
    "theme_scores",
]

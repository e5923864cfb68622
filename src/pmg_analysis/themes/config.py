"""Settings of the theme analysis, each with the reason for its value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from annotated_types import Ge, Gt, Interval, Lt

from pmg_analysis.reasons import setting
from pmg_analysis.regions.respondents import GroupingConfig


@dataclass(frozen=True)
class ThemeConfig:
    """Defaults for :mod:`pmg_analysis.themes`."""

    urgent_from: Annotated[int, Interval(ge=1, le=5)] = setting(4, reason=(
        "Urgency at or above which an answer counts as \"urgent\": 4 = \"Urgent\", 5 = \"Zeer "
        "urgent\" on the 1..5 scale of ``{code}_urgentie``."))
    agree_from: Annotated[int, Interval(ge=1, le=5)] = setting(4, reason=(
        "Likert value at or above which a stelling counts as agreed with: 4 = \"Mee eens\", 5 = "
        "\"Helemaal mee eens\"."))
    n_resamples: Annotated[int, Ge(1)] = setting(2000, reason=(
        "Bootstrap resamples. 2,000 is the usual minimum for percentile intervals (Efron & "
        "Tibshirani 1993, ch. 19: the 2.5th and 97.5th percentiles need about 1,000-2,000); with "
        "40 municipalities the interval ends then move by less than 0.01 on a share between "
        "seeds, and one call takes milliseconds (the resampling is one matrix product)."))
    confidence: Annotated[float, Gt(0), Lt(1)] = setting(0.95, reason=(
        "Coverage of the intervals: 95%, as the issue asks."))
    seed: Annotated[int, Interval(ge=0, le=2**32 - 1)] = setting(20170213, reason=(
        "Seed of the bootstrap and permutation draws: same input, same intervals and p-values."))
    n_permutations: Annotated[int, Ge(1)] = setting(9999, reason=(
        "Permutations for the p-value of the Kruskal-Wallis statistic. The chi-square "
        "approximation behind scipy's ``kruskal`` p-value needs about 5 per group; the "
        "permutation p-value is valid for any group size. 9,999 (+ the observed order) gives a "
        "p-value resolution of 0.0001 and a Monte Carlo error below 0.003 around p = 0.05."))
    min_group: Annotated[int, Ge(1)] = setting(5, reason=(
        "Groups with fewer municipalities than this get a visible warning: below 5 per group a "
        "share moves by 20 percentage points with one municipality and Kruskal-Wallis' "
        "chi-square approximation is no longer reliable."))
    min_test_group: Annotated[int, Ge(2)] = setting(2, reason=(
        "A group enters the comparison of the positions (Kruskal-Wallis) only with at least this "
        "many municipalities, and the test needs two such groups: a group of one has no spread "
        "of its own, so a \"difference\" would be one municipality against the rest (and scipy "
        "refuses it). Smaller groups are named in the sentence instead."))
    grouping: GroupingConfig = setting(GroupingConfig(), reason=(
        "Which position the groups use (``positie_cbs`` falling back to ``positie_zelf``), as in "
        "the rest of the pipeline (:func:`pmg_analysis.regions.respondents.positie`)."))

"""Comparing two survey rounds: what changed since last time (issue 17).

Modules: ``municipalities`` (the packaged table of municipal changes 2017-2024 and
:func:`map_municipalities`), ``instruments`` (:func:`compare_instruments`: which questions of
two questionnaire versions can be compared, matched by id), ``items`` (:func:`compare_items`:
the opgaven and stellingen, with the same statistics), ``change`` (each round's estimate, the
paired change with bootstrap interval and sign-flip p-value, the effect of who joined and
who left), ``needs`` (learning needs and programme ranks across rounds), ``checks`` (bad
input in one Dutch sentence), ``compare`` (:func:`compare_rounds`, all of it in one call);
Dutch text in ``sentences``. Settings: :class:`RoundsConfig`.
"""

from pmg_analysis.rounds.change import (
    membership,
    membership_effect,
    paired_change,
    round_estimates,
    sign_flip_pvalue,
)
from pmg_analysis.rounds.checks import (
    RoundInfo,
    check_rounds,
    comparison_problem,
    require_common,
)
from pmg_analysis.rounds.compare import (
    RoundComparison,
    compare_rounds,
    needs_and_ranks,
)
from pmg_analysis.rounds.config import RoundsConfig
from pmg_analysis.rounds.instruments import comparable, compare_instruments
from pmg_analysis.rounds.items import compare_items
from pmg_analysis.rounds.municipalities import MappedRound, load_changes, map_municipalities
from pmg_analysis.rounds.needs import need_changes, rank_changes

__all__ = ["MappedRound", "RoundComparison", "RoundInfo", "RoundsConfig", "check_rounds",
           "comparable", "compare_instruments", "compare_items", "compare_rounds",
           "comparison_problem",
           "load_changes", "map_municipalities", "membership", "membership_effect",
           "need_changes", "needs_and_ranks", "paired_change", "rank_changes", "require_common",
           "round_estimates", "sign_flip_pvalue"]

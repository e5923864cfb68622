"""Settings of the comparison of two survey rounds, each with the reason for its value."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pmg_analysis.themes.config import ThemeConfig


@dataclass(frozen=True)
class RoundsConfig:
    """Defaults for :mod:`pmg_analysis.rounds`.

    Attributes
    ----------
    measures : tuple of str
        The theme measures compared between rounds: the ones every round has from closed
        questions (urgency, share urgent, Borda points, share ranked first). ``trekker`` and
        ``tekst`` are left out: an offer to lead and the text coder's output are not answers
        on the same scale in two rounds.
    n_resamples, confidence : int, float
        Bootstrap resamples and coverage, the same as the theme figures (ThemeConfig: 2,000
        percentile resamples, 95%) so a round's interval here equals the one in report 03.
    seed : int
        Seed of the bootstrap of the paired differences and of the sign flips: same input,
        same intervals and p-values.
    n_permutations : int
        Random sign flips for the p-value of the mean paired difference. Under "no change"
        each municipality's difference is as likely +d as -d; 9,999 flips (+ the observed
        signs) give a resolution of 0.0001, like the permutation test of the themes.
    min_group : int
        A position type with fewer paired municipalities gets a visible warning; the same
        threshold (5) as the themes' small-group rule (ThemeConfig.min_group).
    theme : ThemeConfig
        The combination rule and grouping of :func:`pmg_analysis.themes.gemeente_scores`.
    """

    measures: tuple[str, ...] = ("urgentie", "urgent", "borda", "eerste")
    n_resamples: int = 2000
    confidence: float = 0.95
    seed: int = 20190101
    n_permutations: int = 9999
    min_group: int = 5
    theme: ThemeConfig = field(default_factory=ThemeConfig)

    def bootstrap_config(self) -> ThemeConfig:
        """The ThemeConfig the shared bootstrap (themes.bootstrap) is called with."""
        return replace(self.theme, n_resamples=self.n_resamples, confidence=self.confidence,
                       seed=self.seed)

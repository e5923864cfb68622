"""The public entry points: from the processed tables and the learning-question clusters to the
ranked work programme and the proposed leerkringen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis.prioritise.config import PARTS, PriorityConfig
from pmg_analysis.prioritise.inputs import (
    LEERVRAAG,
    PriorityInputs,
    build_interest,
    build_items,
    from_theme_scores,
    learning_interest,
    municipality_forms,
    theme_interest,
)
from pmg_analysis.prioritise.leerkringen import Leerkringen, propose_leerkringen
from pmg_analysis.prioritise.schemas import programme_schema
from pmg_analysis.prioritise.score import programme_members, rank_items, score_parts
from pmg_analysis.prioritise.sensitivity import sensitivity, stability
from pmg_analysis.prioritise.trekkers import choose_trekkers
from pmg_analysis.themes.config import ThemeConfig

if TYPE_CHECKING:
    from pmg_analysis.text import LearningNeeds

PROGRAMME_COLUMNS = ["rang", "soort", "item", "label", "theme", "score", *PARTS, "n_gemeenten",
                     "vorm", "n_trekkers", "start", "rang_leden", "plaats_rangschikking",
                     "gevoelig", "blijft_in_top", "rang_min", "rang_max", "cluster",
                     "n_posities", "n_vorm"]


def start_order(programme: pd.DataFrame, config: PriorityConfig = PriorityConfig()
                ) -> pd.Series:
    """``start``: the order in which the year's programme starts its learning questions - the
    ``config.starts_per_year`` highest ranked, in rank order, those without any willing
    trekker after those with one (without a trekker a group does not start until the team
    finds one); NA for themes and the questions beyond the year's capacity.

    Examples
    --------
    >>> p = pd.DataFrame({"soort": ["thema"] + ["leervraag"] * 3, "rang": [1, 1, 2, 3],
    ...                   "n_trekkers": [2, 0, 1, 1]})
    >>> start_order(p, PriorityConfig(starts_per_year=2)).tolist()
    [<NA>, 2, 1, <NA>]
    """
    questions = programme[programme["soort"].astype("string") == LEERVRAAG]
    year = questions.sort_values("rang", kind="stable").head(config.starts_per_year)
    ordered = year.assign(_none=year["n_trekkers"].eq(0)).sort_values(
        ["_none", "rang"], kind="stable")
    start = pd.Series(pd.NA, index=programme.index, dtype="Int64", name="start")
    start[ordered.index] = range(1, len(ordered) + 1)
    return start


def priority_inputs(answers: pd.DataFrame, responses: pd.DataFrame,
                    clusters: LearningNeeds,
                    config: PriorityConfig = PriorityConfig(), *,
                    themes: ThemeConfig = ThemeConfig()) -> PriorityInputs:
    """Gather the inputs of the score from the processed tables (see :class:`PriorityInputs`).

    Urgency, trekkers and positions per municipality come from
    :func:`pmg_analysis.themes.gemeente_scores`; the learning questions from ``clusters``
    (:func:`pmg_analysis.text.learning_needs`).
    """
    from pmg_analysis.themes import gemeente_scores

    learning = learning_interest(clusters.members, responses)
    if responses.empty:
        scores = pd.DataFrame(columns=["gemeente_code", "theme", "urgentie", "urgent",
                                       "trekker", "positie"])
    else:
        scores = gemeente_scores(answers, responses, config=themes)
    municipalities, municipality_themes = from_theme_scores(scores, responses)
    items = build_items(clusters.needs, learning)
    interest = build_interest(items, theme_interest(municipality_themes, learning, config),
                              learning)
    return PriorityInputs(items=items, interest=interest, municipalities=municipalities,
                          municipality_themes=municipality_themes,
                          forms=municipality_forms(answers, responses))


def programme_from_inputs(inputs: PriorityInputs, config: PriorityConfig = PriorityConfig()
                          ) -> pd.DataFrame:
    """The ranked programme from prepared inputs (see :func:`work_programme`)."""
    parts = score_parts(inputs, config)
    ranked = rank_items(parts, config)
    stable = stability(parts, config)
    out = ranked.join(stable, on="item")
    out["start"] = start_order(out, config)
    out["gevoelig"] = out["gevoelig"].astype(bool)
    out["blijft_in_top"] = out["blijft_in_top"].astype(bool)
    return programme_schema().validate(out[PROGRAMME_COLUMNS].reset_index(drop=True))


def work_programme(answers: pd.DataFrame, responses: pd.DataFrame,
                   clusters: LearningNeeds, *,
                   config: PriorityConfig = PriorityConfig(),
                   themes: ThemeConfig = ThemeConfig()) -> pd.DataFrame:
    """The ranked werkprogramma: every theme and every learning-question cluster with a score.

    Parameters
    ----------
    answers, responses : DataFrame
        The processed tables (``pipeline.load_processed()``).
    clusters : LearningNeeds
        Output of :func:`pmg_analysis.text.learning_needs`.
    config : PriorityConfig
        Weights, normalisation and sensitivity settings.

    Returns
    -------
    DataFrame
        One row per item, sorted by ``soort`` (themes first) and ``rang`` (1 = highest score
        within the kind): ``rang``, ``soort``, ``item`` (theme code or ``LV<cluster>``),
        ``label``, ``theme``, ``score`` (0..1), the parts ``deel_vraag``, ``deel_urgentie``,
        ``deel_rangschikking``, ``deel_breedte``, ``deel_trekker``, ``deel_vorm`` (0..1, see
        :mod:`pmg_analysis.prioritise.score`), ``n_gemeenten`` (interested municipalities),
        ``vorm`` (suggested form), ``n_trekkers`` (candidate trekkers), ``start`` (place in
        the year's start order, :func:`start_order`), ``rang_leden`` (a theme's place in the
        members' own ranking), ``plaats_rangschikking`` (mean place given to the item's theme
        in that ranking), ``gevoelig`` (rank changes when a weight moves 25%),
        ``blijft_in_top`` (stays in the top ``config.top_n``), ``rang_min``/``rang_max``
        (over those variants), ``cluster``, ``n_posities``, ``n_vorm``. Which municipalities
        and trekkers: the long table :func:`~pmg_analysis.prioritise.score.programme_members`
        (``WorkProgramme.gemeenten``).

    Examples
    --------
    ``tables`` as from :func:`pmg_analysis.pipeline.load_processed`, ``clusters`` from
    :func:`pmg_analysis.text.learning_needs`:

    >>> ranked = work_programme(tables["answers"], tables["responses"], clusters)
    >>> # equal scores (up to float noise) keep a fixed order, so compare rounded scores
    >>> ranked.groupby("soort")["score"].agg(lambda s: s.round(9).is_monotonic_decreasing).all()
    np.True_
    >>> sorted(ranked["soort"].unique())
    ['leervraag', 'thema']
    """
    return programme_from_inputs(priority_inputs(answers, responses, clusters, config,
                                                 themes=themes), config)


def leerkring_proposal(answers: pd.DataFrame, responses: pd.DataFrame,
                       clusters: LearningNeeds, *,
                       config: PriorityConfig = PriorityConfig(),
                       themes: ThemeConfig = ThemeConfig()) -> Leerkringen:
    """Proposed leerkringen for the top learning questions (see
    :mod:`pmg_analysis.prioritise.leerkringen`): ``.groepen`` (one row per group),
    ``.leden`` (``leerkring``, ``gemeente_code`` ... for per-municipality pages),
    ``.zonder_groep`` (questions with too few municipalities) and ``.buiten`` (who is named
    beside a group or question, and why); the Dutch explanations are written where they are
    shown (:func:`pmg_analysis.prioritise.sentences.groups_shown`).

    Examples
    --------
    >>> proposal = leerkring_proposal(answers, responses, clusters)
    >>> list(proposal.leden.columns)
    ['leerkring', 'item', 'gemeente_code', 'gemeente_naam', 'rol', 'positie']
    >>> bool(proposal.leden.groupby("leerkring").size().between(4, 8).all())
    True
    """
    inputs = priority_inputs(answers, responses, clusters, config, themes=themes)
    return propose_leerkringen(programme_from_inputs(inputs, config), inputs, config)


@dataclass(frozen=True)
class WorkProgramme:
    """Everything of one prioritisation run, computed once: ``programma`` (see
    :func:`work_programme`), ``leerkringen`` (:class:`Leerkringen`), ``gevoeligheid`` (the rank
    of every item under every weight variant, :func:`~pmg_analysis.prioritise.sensitivity`),
    the ``inputs`` they were computed from and ``gemeenten``, the municipalities behind each
    item (:func:`~pmg_analysis.prioritise.score.programme_members`) with the proposed trekker
    and the alternates (:func:`~pmg_analysis.prioritise.trekkers.choose_trekkers`)."""

    programma: pd.DataFrame
    leerkringen: Leerkringen
    gevoeligheid: pd.DataFrame
    inputs: PriorityInputs | None
    # item, gemeente_code, gemeente_naam, trekker, urgentie, plaats, trekker_keuze,
    # trekker_reden: who is behind each item and who leads it (programme_members)
    gemeenten: pd.DataFrame | None = None


def plan(answers: pd.DataFrame, responses: pd.DataFrame, clusters: LearningNeeds, *,
         config: PriorityConfig = PriorityConfig(),
         themes: ThemeConfig = ThemeConfig()) -> WorkProgramme:
    """The programme, its sensitivity and the leerkringen in one call (for notebooks, reports
    and the Excel export).

    Examples
    --------
    >>> result = plan(tables["answers"], tables["responses"], clusters)
    >>> result.programma.equals(work_programme(tables["answers"], tables["responses"], clusters))
    True
    >>> sorted(result.gevoeligheid["variant"].unique())[:3]
    ['basis', 'breedte +25%', 'breedte -25%']
    """
    inputs = priority_inputs(answers, responses, clusters, config, themes=themes)
    programme = programme_from_inputs(inputs, config)
    proposal = propose_leerkringen(programme, inputs, config)
    return WorkProgramme(programma=programme, leerkringen=proposal,
                         gevoeligheid=sensitivity(score_parts(inputs, config), config),
                         inputs=inputs,
                         gemeenten=choose_trekkers(programme_members(inputs), proposal.leden))

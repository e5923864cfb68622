"""The one place for the weights and thresholds of the work programme, each with its reason."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Annotated, Literal

from annotated_types import Ge, Gt, Interval, Lt

from pmg_analysis.reasons import setting

# Score part column -> the config field holding its weight (table order = order of the parts).
WEIGHT_FIELDS: dict[str, str] = {
    "deel_vraag": "weight_demand",
    "deel_urgentie": "weight_urgency",
    "deel_rangschikking": "weight_ranking",
    "deel_breedte": "weight_breadth",
    "deel_trekker": "weight_lead",
    "deel_vorm": "weight_form",
}
PARTS: tuple[str, ...] = tuple(WEIGHT_FIELDS)


@dataclass(frozen=True)
class PriorityConfig:
    """Weights of the six score parts, the year's capacity and the rules for leerkringen.

    The score of an item is ``sum(weight * part) / sum(weights)`` over the parts that separate
    the items of its kind: every part lies in 0..1, so the score does too, and only the ratios
    of the weights matter (a weight of 0 drops a part). A part with the same value for every
    item of a kind (all four themes come from all three positions) cannot change their order;
    it is left out of that kind's score so it does not lift every score alike, and the report
    says so (:func:`pmg_analysis.prioritise.score.constant_parts`).

    Example
    -------
    >>> PriorityConfig(weight_demand=0.5).weights["deel_vraag"]
    0.5
    """

    # --- weights (see pmg_analysis.prioritise.score for how each part is normalised) ---
    weight_demand: Annotated[float, Ge(0)] = setting(0.35, reason=(
        "Demand is the heaviest: the programme exists for what many members ask; a question that "
        "one municipality asks is better answered bilaterally than in a PMG programme."))
    weight_urgency: Annotated[float, Ge(0)] = setting(0.20, reason=(
        "Urgency: among items with similar demand, take up first what members find most pressing "
        "now (the survey's \"hoe urgent\" question per theme)."))
    weight_ranking: Annotated[float, Ge(0)] = setting(0.20, reason=(
        "The members' own ranking of the four themes (\"Rangschik de vier thema's naar "
        "prioriteit voor het PMG-werkprogramma\"): the one question that asks exactly what this "
        "programme decides, so as heavy as urgency; with it, what members put first (40% "
        "together) weighs more than demand alone, and a programme that contradicts the ranking "
        "must have a clear lead in demand to do so (the report then says why in one sentence)."))
    weight_breadth: Annotated[float, Ge(0)] = setting(0.10, reason=(
        "Breadth across the three position types: PMG's added value is comparing municipalities "
        "in different regional positions; an item only one type asks for suits a smaller "
        "network."))
    weight_lead: Annotated[float, Ge(0)] = setting(0.10, reason=(
        "Willingness to lead: without a trekker a werkgroep or leerkring does not start; but it "
        "can still be found later, so less than what members ask and find pressing."))
    weight_form: Annotated[float, Ge(0)] = setting(0.05, reason=(
        "Agreement on the form: an item whose municipalities want the same form is easy to "
        "organise; the lightest because the form follows the content, not the reverse (and each "
        "group still chooses its own form)."))

    question_ranking: Literal["askers", "members"] = setting("askers", reason=(
        "A learning question has no ranking of its own (the survey ranks the four themes): it "
        "takes the ranking of its theme by the municipalities that asked it (\"askers\"), the "
        "same municipalities whose urgency counts, so two questions of one theme can differ when "
        "their askers put that theme higher or lower; \"members\": the theme's ranking by all "
        "members (every question of a theme then gets the same value). Askers who did not rank: "
        "the members' value of the theme."))

    # --- normalisation ---
    urgent_share: Annotated[float, Interval(ge=0, le=1)] = setting(0.5, reason=(
        "A municipality is interested in a theme when at least this share of its respondents "
        "finds it \"urgent\" or \"zeer urgent\" (what counts as urgent is "
        "ThemeConfig.urgent_from, one place): half, so that one of two colleagues is enough but "
        "one of five is not a municipal wish."))
    enough_leads: Annotated[int, Ge(1)] = setting(2, reason=(
        "Two candidate trekkers are enough (part = 1): one leads, one can take over; more do not "
        "make an item easier to start."))

    # --- the year's programme ---
    starts_per_year: Annotated[int, Ge(1)] = setting(5, reason=(
        "The programme team (two advisers) can start and support about five werkgroepen or "
        "leerkringen a year beside the running ones, one every ten weeks (the same five as "
        "leerkring_items and top_n); a larger team sets more. The learning questions beyond "
        "these wait for the next year."))

    # --- sensitivity ---
    sensitivity_step: Annotated[float, Gt(0), Lt(1)] = setting(0.25, reason=(
        "Each weight is varied by this share up and down, one at a time (the issue: +-25%)."))
    top_n: Annotated[int, Ge(1)] = setting(5, reason=(
        "The top that the sensitivity reports on: the items of one year's programme "
        "(starts_per_year)."))

    # --- leerkringen ---
    leerkring_items: Annotated[int, Ge(0)] = setting(5, reason=(
        "Groups are proposed for this many top learning questions (about one leerkring per "
        "programme month of a team of two, as in the 2017 programme)."))
    group_min: Annotated[int, Ge(1)] = setting(4, reason=(
        "4-8 municipalities: fewer gives too little to compare, more leaves no room for each "
        "municipality's own case in a session (the issue's range)."))
    group_max: Annotated[int, Ge(1)] = setting(8, reason="the upper end of the 4-8 range above")
    max_groups_per_municipality: Annotated[int, Ge(1)] = setting(2, reason=(
        "A municipality joins at most two leerkringen: a medium-sized municipality has one or "
        "two policy staff per theme and cannot attend more groups each season."))

    def __post_init__(self) -> None:
        weights = list(self.weights.values())
        if any(w < 0 for w in weights) or sum(weights) <= 0:
            raise ValueError("de gewichten moeten 0 of meer zijn en niet allemaal 0")
        if not 0 < self.sensitivity_step < 1:
            raise ValueError("sensitivity_step moet tussen 0 en 1 liggen")
        if not 1 <= self.group_min <= self.group_max:
            raise ValueError("group_min mag niet groter zijn dan group_max")
        if self.question_ranking not in ("askers", "members"):
            raise ValueError("question_ranking moet 'askers' of 'members' zijn")
        if self.starts_per_year < 1:
            raise ValueError("starts_per_year moet minstens 1 zijn")
        if self.max_groups_per_municipality < 1 or self.enough_leads < 1:
            raise ValueError("max_groups_per_municipality en enough_leads moeten minstens 1 zijn")

    @property
    def weights(self) -> dict[str, float]:
        """Part column -> weight, in part order."""
        return {part: float(getattr(self, name)) for part, name in WEIGHT_FIELDS.items()}

    def scaled(self, part: str, factor: float) -> PriorityConfig:
        """A copy with the weight of ``part`` multiplied by ``factor``."""
        name = WEIGHT_FIELDS[part]
        return replace(self, **{name: getattr(self, name) * factor})

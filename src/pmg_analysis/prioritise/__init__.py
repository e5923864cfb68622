"""The work programme: transparent scores per theme and learning question (with the members'
own ranking of the themes), their sensitivity to the weights, proposed leerkringen, one proposed
trekker per item, the year's start order, the board's view (:mod:`.board`) and the editable
Excel export."""

from pmg_analysis.prioritise.config import PARTS, PriorityConfig
from pmg_analysis.prioritise.export import programme_sheets
from pmg_analysis.prioritise.inputs import PriorityInputs
from pmg_analysis.prioritise.leerkringen import Leerkringen, propose_leerkringen
from pmg_analysis.prioritise.programme import (
    WorkProgramme,
    leerkring_proposal,
    plan,
    priority_inputs,
    programme_from_inputs,
    start_order,
    work_programme,
)
from pmg_analysis.prioritise.score import score_parts
from pmg_analysis.prioritise.sensitivity import sensitivity, stability
from pmg_analysis.prioritise.trekkers import choose_trekkers

__all__ = [
    "PARTS", "Leerkringen", "PriorityConfig", "PriorityInputs", "WorkProgramme",
    "choose_trekkers", "leerkring_proposal", "plan", "priority_inputs", "programme_from_inputs",
    "programme_sheets", "propose_leerkringen",
    "score_parts", "sensitivity", "stability", "start_order", "work_programme",
]

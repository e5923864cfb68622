"""The work programme: transparent scores per theme and learning question, their sensitivity
to the weights, proposed leerkringen, and the editable Excel export."""

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
    work_programme,
)
from pmg_analysis.prioritise.score import score_parts
from pmg_analysis.prioritise.sensitivity import sensitivity, stability

__all__ = [
    "PARTS", "Leerkringen", "PriorityConfig", "PriorityInputs", "WorkProgramme",
    "leerkring_proposal", "plan", "priority_inputs", "programme_from_inputs",
    "programme_sheets", "propose_leerkringen",
    "score_parts", "sensitivity", "stability", "work_programme",
]

"""Open text: Dutch preparation, the theme/opgave coder and the learning needs.

Public API: :func:`code_themes`, :func:`code_texts`, :func:`explain` (:mod:`.coder`);
:func:`learning_needs`, :func:`need_ranking`, :func:`proposed_terms`,
:func:`example_candidates` (:mod:`.needs`); how
codebook terms are found, :func:`term_check`, :func:`term_trial` and :func:`example_trial`
(:mod:`.terms`); hand-coded questions, :func:`add_coded` (:mod:`.coded`); municipality
names in a question (:mod:`.places`); the codebook of needs (:mod:`.codebook`:
:func:`load_codebook`, :func:`accept_suggestion`, :func:`rename_need`, :func:`merge_needs`,
:func:`with_terms`, :func:`write_codebook`). Dutch report sentences live apart in
:mod:`.sentences`. Near ties of every decision: :mod:`.ties`; the packaged vectors of the
reference texts (the same results on every machine): :mod:`.reference`.
"""

from pmg_analysis.text.codebook import (
    Codebook,
    CodebookError,
    Need,
    load_codebook,
    merge_needs,
    rename_need,
    with_terms,
    write_codebook,
)
from pmg_analysis.text.coded import add_coded
from pmg_analysis.text.coder import TextConfig, code_texts, code_themes, explain
from pmg_analysis.text.needs import (
    LearningNeeds,
    NeedConfig,
    accept_suggestion,
    example_candidates,
    learning_needs,
    need_ranking,
    proposed_terms,
)
from pmg_analysis.text.questions import QuestionConfig
from pmg_analysis.text.terms import TermCheck, example_trial, term_check, term_trial

__all__ = ["Codebook", "CodebookError", "LearningNeeds", "Need", "NeedConfig", "QuestionConfig",
           "TermCheck", "TextConfig", "accept_suggestion", "add_coded", "code_texts",
           "code_themes", "example_candidates", "example_trial", "explain", "learning_needs",
           "load_codebook", "merge_needs", "need_ranking", "proposed_terms", "rename_need",
           "term_check", "term_trial", "with_terms", "write_codebook"]

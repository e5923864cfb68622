"""An answer that is not Dutch is marked, shown apart and forms no suggested need of its own.

Issue 24: a Frisian answer of four questions gave three suggested needs of one municipality,
named with Frisian words. The cleaned texts table has the language of every answer (``taal``),
the learning questions set a non-Dutch answer aside as context (``andere_taal``), and notebook
04 can show those answers apart (``text.questions.non_dutch_answers``).
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from pmg_analysis.example.shapes import FRISIAN_ANSWER
from pmg_analysis.language import DUTCH, LanguageConfig, language_of, languages
from pmg_analysis.text import NeedConfig, TextConfig, learning_needs
from pmg_analysis.text.needs import VOORSTEL
from pmg_analysis.text.questions import (
    answer_sentences,
    non_dutch_answers,
    non_dutch_sentence,
    set_aside,
    set_aside_sentence,
)

DATA = ROOT / "tests" / "data"
LEXICON_ONLY = NeedConfig(text=TextConfig(use_embeddings=False))


def _dutch_texts() -> list[str]:
    """Every distinct Dutch text the project has: the questions of every evaluation set and the
    labelled passages (the example's answers are in the example's own test below)."""
    texts = []
    for path in sorted(DATA.glob("leervragen*.yaml")):
        texts += [q["tekst"] for q in yaml.safe_load(path.read_text("utf-8"))["questions"]]
    passages = yaml.safe_load((DATA / "thema_teksten.yaml").read_text("utf-8"))["passages"]
    return sorted(set(texts + [p["text"] for p in passages]))


def test_frisian_learning_questions_are_recognised_as_frisian(report_metric):
    frisian = yaml.safe_load((DATA / "friese_leervragen.yaml").read_text("utf-8"))["vragen"]
    found = [language_of(q) for q in frisian]
    report_metric(f"taal: Friese leervragen herkend als Fries = {found.count('fy')} van "
                  f"{len(frisian)} (de rest telt als Nederlands)")
    assert found.count("fy") >= 28
    assert set(found) <= {"fy", DUTCH}


def test_no_dutch_text_of_the_project_is_called_another_language(report_metric):
    texts = _dutch_texts()
    other = [(t, language_of(t)) for t in texts if language_of(t) != DUTCH]
    report_metric(f"taal: Nederlandse teksten (evaluatiesets en gelabelde passages) als andere "
                  f"taal aangemerkt = {len(other)} van {len(texts)}")
    assert other == []


def test_the_example_answers_are_all_dutch():
    from pmg_analysis.example import generate
    from pmg_analysis.instrument import load_instrument

    sheet = generate()
    opens = [q.text for q in load_instrument().of_type("open") if q.role == "answer"]
    answers = pd.Series(sheet[opens].stack().astype(str).unique())
    assert set(languages(answers)) == {DUTCH}


def test_english_and_german_answers_are_marked_and_short_answers_count_as_dutch():
    assert language_of("How do other municipalities organise youth care in their region?") == "en"
    assert language_of("Wie gehen andere Gemeinden mit dem Wohnungsmangel in der Region um?") \
        == "de"
    # four words: too short to tell (CLD2 calls some short Dutch phrases English)
    assert language_of("Hoe krije wy wurk?") == DUTCH
    assert language_of("Rol als centrumgemeente in West-Friesland") == DUTCH
    assert language_of("\x00\x01 Hoe houden we jongeren vast in de regio?") == DUTCH


@pytest.mark.parametrize("text", [
    "Studenten en promovendi vertrekken na hun studie. Hoe houden we internationale "
    "kenniswerkers vast in Wageningen?",  # CLD2: English
    "Files op de A15 en bij de brug.",  # CLD2: Danish
    "Doorstroming op de woningmarkt in Puttershoek",  # CLD2: English
])
def test_a_dutch_question_cld2_calls_english_or_danish_stays_dutch(text):
    assert language_of(text) == DUTCH
    # CLD2 alone is wrong here: the Dutch function words decide
    assert language_of(text, LanguageConfig(function_words=False)) != DUTCH


@pytest.mark.parametrize(("text", "code"), [
    ("We would like to learn how other cities deal with the housing shortage in the region.",
     "en"),
    ("In the Netherlands we work with de gemeente on energy and youth care.", "en"),
    ("Wir möchten lernen, wie andere Städte die Energiewende in den Quartieren organisieren.",
     "de"),
    ("Hvordan arbejder andre kommuner med boligmangel i regionen?", "da"),
])
def test_a_real_english_german_or_danish_answer_is_still_another_language(text, code):
    assert language_of(text) == code


def test_the_language_of_each_answer_is_the_same_every_time():
    answers = pd.Series([FRISIAN_ANSWER, "Hoe houden we jongeren vast in de regio?", None] * 3)
    first = list(languages(answers))
    assert first == list(languages(answers)) == ["fy", DUTCH, DUTCH] * 3


def test_the_minimum_number_of_words_is_a_setting():
    short = "Hoe krije wy wurk?"
    assert language_of(short, LanguageConfig(min_words=3)) == "fy"


def test_a_frisian_answer_forms_no_suggested_need_and_is_set_aside_with_its_reason():
    texts = pd.DataFrame({
        "response_id": ["R1", "R2", "R3"],
        "question_id": ["SV_leervraag", "SV_leervraag", "EF_leervraag"],
        "text": [FRISIAN_ANSWER, "Hoe kunnen ouderen langer zelfstandig thuis wonen?",
                 "Prestatieafspraken met corporaties: hoe doen anderen dat?"]})
    responses = pd.DataFrame({"response_id": ["R1", "R2", "R3"],
                              "gemeente_code": ["GM0074", "GM0200", "GM0202"],
                              "gemeente_naam": ["Heerenveen", "Apeldoorn", "Arnhem"]})
    result = learning_needs(texts, responses, config=LEXICON_ONLY, cache_dir=None)
    assert "R1" not in set(result.members["response_id"])
    assert not (result.needs["bron"] == VOORSTEL).any()
    frisian_words = {"wy", "ús", "mienskip", "doarpen", "minsken", "wurk"}
    assert not any(set(re.findall(r"\w+", label.lower())) & frisian_words
                   for label in result.needs["label"])
    aside = set_aside(texts)
    assert aside["reden"].astype(str).tolist() == ["andere_taal"] * 4
    assert set(aside["response_id"]) == {"R1"}
    assert set_aside_sentence(aside).endswith(
        "4 zinnen uit een antwoord in een andere taal dan het Nederlands (de antwoorden in een "
        "andere taal staan apart).")


def test_the_cleaned_language_column_decides_over_the_text():
    texts = pd.DataFrame({"response_id": ["R1"], "question_id": ["EA_leervraag"],
                          "text": ["Hoe houden we jongeren vast in de regio na hun opleiding?"],
                          "taal": pd.Categorical(["en"])})
    assert answer_sentences(texts)["reden"].astype(str).tolist() == ["andere_taal"]


def test_the_non_dutch_answers_are_shown_apart_with_municipality_question_and_language():
    texts = pd.DataFrame({
        "response_id": ["R2", "R1", "R1"],
        "question_id": ["EA_kansen", "SV_leervraag", "SV_samen"],
        "text": ["We see opportunities in logistics and the food industry of our region.",
                 FRISIAN_ANSWER, "Hoe kunnen ouderen langer zelfstandig thuis wonen?"]})
    responses = pd.DataFrame({"response_id": ["R1", "R2"],
                              "gemeente_naam": ["Heerenveen", "Ede"]})
    table = non_dutch_answers(texts, responses)
    assert table.columns.tolist() == ["Gemeente", "Vraag", "Taal", "Antwoord"]
    assert table[["Gemeente", "Taal"]].values.tolist() == [["Ede", "Engels"],
                                                         ["Heerenveen", "Fries"]]
    assert table["Vraag"].iloc[1].startswith("Welke leervraag of kennisbehoefte heeft u binnen")
    assert table["Antwoord"].iloc[1] == FRISIAN_ANSWER
    assert non_dutch_sentence(table) == (
        "2 open antwoorden uit 2 gemeenten zijn in een andere taal geschreven (1 Engels, "
        "1 Fries). De tekstanalyse leest Nederlands: ze vormen geen eigen voorgestelde "
        "leerbehoefte en staan hieronder apart.")
    assert non_dutch_sentence(non_dutch_answers(texts.iloc[2:], responses)) == ""

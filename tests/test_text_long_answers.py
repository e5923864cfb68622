"""A pasted table, list or letter in an open answer does not turn into learning questions.

Issue 24: one answer of 10,036 characters with a pasted table gave 17-19 "learning questions",
and its table rows ("LV15 · prognose", "LV16 · rogat") became suggested needs and programme
items. Table-like lines and the sentences beyond the per-answer maximum are context, with a
reason code, and the learning question inside the answer is still found.
"""

from __future__ import annotations

import pandas as pd
import pytest

from pmg_analysis.example.shapes import (
    PASTED_ANSWER,
    PASTED_CODES,
    PASTED_QUESTION,
    PASTED_TABLE,
)
from pmg_analysis.text import NeedConfig, TextConfig, learning_needs
from pmg_analysis.text.needs import VOORSTEL
from pmg_analysis.text.questions import (
    CONTEXT_REASONS,
    QuestionConfig,
    answer_sentences,
    learning_questions,
    set_aside,
    set_aside_sentence,
    table_lines,
)

# A municipality pastes a part of its housing memo: an introduction, a table copied from a
# spreadsheet (tabs), a list of plan codes, a letter-like text, and the question at the end.
LONG_ANSWER, QUESTION = PASTED_ANSWER, PASTED_QUESTION
TABLE, PLAN_CODES = PASTED_TABLE, PASTED_CODES


def _texts(*answers: tuple[str, str, str]) -> pd.DataFrame:
    return pd.DataFrame(answers, columns=["response_id", "question_id", "text"])


def _responses(*ids: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(ids, columns=["response_id", "gemeente_code"])


LEXICON_ONLY = NeedConfig(text=TextConfig(use_embeddings=False))


def test_a_pasted_table_and_letter_give_only_the_question_inside_as_a_learning_question():
    texts = _texts(("R1", "EF_leervraag", LONG_ANSWER))
    assert learning_questions(texts)["text"].tolist() == [QUESTION]
    aside = set_aside(texts)
    reasons = aside["reden"].astype(str).value_counts().to_dict()
    # five table lines and four plan codes; the letter's ten sentences; the introduction
    assert reasons == {"tabel": 9, "boven_maximum": 10, "inleiding": 1}
    assert set(aside.loc[aside["reden"] == "tabel", "text"]) == set(
        TABLE.splitlines() + PLAN_CODES.splitlines())


def test_the_question_inside_a_pasted_table_gets_its_codebook_need_and_no_row_becomes_a_need():
    texts = _texts(("R1", "EF_leervraag", LONG_ANSWER),
                   ("R2", "EF_leervraag", "Prestatieafspraken met corporaties: hoe doen "
                                          "anderen dat?"))
    result = learning_needs(texts, _responses(("R1", "GM1900"), ("R2", "GM0200")),
                            config=LEXICON_ONLY, cache_dir=None)
    assert result.needs["need"].tolist() == ["ef_corporaties"]
    assert result.needs["n_gemeenten"].tolist() == [2]
    assert (result.needs["bron"] != VOORSTEL).all()
    assert QUESTION in set(result.members["text"])
    assert not result.members["text"].str.contains("LV1|\t", regex=True).any()


def test_a_short_answer_of_three_questions_keeps_all_three():
    answer = ("Hoe houden we jongeren vast in de regio? Wat werkt tegen leegstand in de "
              "binnenstad? En hoe betrekken we ondernemers bij de centrumvisie?")
    rows = answer_sentences(_texts(("R1", "EA_leervraag", answer)))
    assert rows["reden"].isna().all() and len(rows) == 3


def test_an_answer_longer_than_the_maximum_without_questions_keeps_its_first_sentences():
    statements = [f"Wij willen meer weten over onderwerp {w}." for w in
                  ("jeugdzorg", "wonen", "energie", "mobiliteit", "onderwijs", "zorg", "cultuur")]
    rows = answer_sentences(_texts(("R1", "SV_leervraag", " ".join(statements))))
    assert rows.loc[rows["reden"].isna(), "text"].tolist() == statements[:5]
    assert rows.loc[rows["reden"].notna(), "reden"].astype(str).tolist() == ["boven_maximum"] * 2


def test_the_maximum_is_a_setting():
    statements = " ".join(f"Hoe pakken we thema {i} aan?" for i in range(1, 5))
    rows = answer_sentences(_texts(("R1", "SV_leervraag", statements)),
                            QuestionConfig(max_per_answer=2))
    assert rows["reden"].isna().sum() == 2
    assert rows["text"][rows["reden"].isna()].tolist() == ["Hoe pakken we thema 1 aan?",
                                                         "Hoe pakken we thema 2 aan?"]


@pytest.mark.parametrize(("lines", "rows"), [
    (["Gemeente | Inwoners | Banen", "Sneek | 33.000 | 18.000"], [True, True]),
    (["Jeugdzorg; Wmo; Participatiewet; beschermd wonen"], [True]),
    (["2015 2016 2017 2018", "Hoe houden we de kosten van de jeugdzorg in de hand?"],
     [True, False]),
    (["Inwoners: 45.000", "Banen: 20.500", "Werkloosheid: 5,1%"], [True, True, True]),
    (["- Hoe houden we jongeren vast?", "- Hoe pakken we leegstand aan?",
      "- Hoe werken we samen met de provincie?"], [False, False, False]),
    (["Wonen", "Zorg", "Energie"], [False, False, False]),
    (["In 2030 willen we 49% minder CO2 uitstoten; hoe doen anderen dat?"], [False]),
])
def test_table_like_lines_are_found_and_lists_of_questions_are_not(lines, rows):
    assert table_lines(lines) == rows


def test_the_dutch_sentence_names_how_many_sentences_were_set_aside_and_why():
    sentence = set_aside_sentence(set_aside(_texts(("R1", "EF_leervraag", LONG_ANSWER))))
    assert sentence == (
        "20 zinnen uit de antwoorden op de leervragen tellen niet als leervraag maar als "
        "context: 9 regels uit een geplakte tabel of lijst, 10 zinnen uit een lang antwoord "
        "(meer dan 5 zinnen: een geplakte brief of notitie; daarvan tellen alleen de vragen, "
        "hooguit 5) en 1 inleidende zin zonder eigen vraag (zoals \u201cZie bijlage.\u201d).")
    assert set_aside_sentence(set_aside(_texts(("R1", "EF_leervraag", QUESTION)))) == ""


def test_every_reason_code_has_dutch_words():
    assert set(CONTEXT_REASONS) == {"andere_taal", "tabel", "inleiding", "boven_maximum"}
    assert all(CONTEXT_REASONS.values())

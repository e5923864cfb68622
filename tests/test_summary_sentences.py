"""The answer at a glance (report 00 and the position part of 03): sentences that say which
position scores higher and by how much, the leading themes in words, and the learning needs
beside the programme. Designed tables where the true difference is known, and the example."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pmg_analysis import themes
from pmg_analysis.report import summary
from pmg_analysis.themes.contrasts import position_contrasts
from pmg_analysis.themes.sentences import position_difference_sentences, theme_headline
from test_themes import make_answers, make_responses, ranking, urgency

FAST = themes.ThemeConfig(n_permutations=999)
INTERNAL = re.compile(r"\b[A-Z]{2}_\w+|\b[a-z]{2}_[a-z_]+\b|nabij_grotere_stad|nieuw_\d|"
                      r"Kruskal|Benjamini|p = |p-waarde")


@pytest.fixture(scope="module")
def example(_example_names):
    """The cleaned example with the positions its respondents ticked."""
    return _example_names["answers"], _example_names["responses"]


def _survey(values: dict[str, tuple[int, int]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per position (urgency of EA, number of municipalities): everyone in a position gives the
    same urgency to EA, and 3 to LD."""
    rows, people = [], []
    for k, (position, (ea, n)) in enumerate(values.items()):
        for i in range(n):
            rid = f"r{k}{i}"
            people.append((rid, f"GM{k}{i:03d}", position))
            rows += urgency(rid, {"EA": ea, "LD": 3}) + ranking(rid, ["LD", "EA", "SV", "EF"])
    return make_answers(rows), make_responses(people)


def _sentences(answers, responses) -> list[str]:
    per = themes.theme_scores(answers, responses, by="positie", config=FAST)
    tests = themes.group_tests(answers, responses, config=FAST)
    return themes.position_sentences(per, tests)


def test_the_position_that_finds_a_theme_more_urgent_is_named_with_both_figures():
    answers, responses = _survey({"polycentrisch": (5, 6), "monocentrisch": (2, 6),
                                  "nabij_grotere_stad": (2, 3)})
    found = [s for s in _sentences(answers, responses) if "Economie" in s]
    assert found == ["Gemeenten in een polycentrische regio vinden Economie & arbeidsmarkt "
                     "urgenter (5,0 op 5) dan gemeenten in de andere posities (2,0); ze noemen "
                     "het ook vaker urgent of zeer urgent (100% tegen 0%)."]


def test_a_position_that_scores_lower_is_said_to_score_lower_and_the_others_are_named():
    answers, responses = _survey({"nabij_grotere_stad": (1, 5), "polycentrisch": (5, 5),
                                  "monocentrisch": (4, 5)})
    [sentence] = [s for s in _sentences(answers, responses) if "Economie" in s]
    assert sentence.startswith("Gemeenten nabij een grotere stad vinden Economie & "
                               "arbeidsmarkt minder urgent (1,0 op 5) dan gemeenten in een "
                               "polycentrische regio (5,0) en in een monocentrische regio (4,0)")


def test_no_difference_gives_one_sentence_saying_so_and_no_contrast():
    answers, responses = _survey({"nabij_grotere_stad": (4, 5), "polycentrisch": (4, 5),
                                  "monocentrisch": (4, 5)})
    assert _sentences(answers, responses) == [
        "De posities in de regio verschillen niet meer dan toeval kan verklaren: bij geen "
        "thema scoort één positie duidelijk hoger of lager."]


def test_too_few_municipalities_per_position_say_why_nothing_was_compared():
    answers, responses = _survey({"nabij_grotere_stad": (1, 1), "polycentrisch": (5, 1)})
    [sentence] = _sentences(answers, responses)
    assert "niet mogelijk" in sentence and "minstens 2 gemeenten" in sentence


def test_the_others_together_weigh_each_municipality_once():
    per = pd.DataFrame({"theme": "EF", "measure": "urgentie",
                        "group": ["nabij_grotere_stad", "polycentrisch", "monocentrisch"],
                        "estimate": [4.46, 3.54, 3.55], "n_gemeenten": [8, 13, 19]})
    tests = pd.DataFrame({"theme": ["EF"], "measure": ["urgentie"], "p_bh": [0.034]})
    row = position_contrasts(per, tests).iloc[0]
    assert row["group"] == "nabij_grotere_stad" and bool(row["higher"])
    assert row["others"] == pytest.approx((13 * 3.54 + 19 * 3.55) / 32)
    assert row["n_others"] == 32
    # a difference the correction does not keep is not described
    assert position_contrasts(per, tests.assign(p_bh=[0.06])).empty


def test_willing_to_lead_is_compared_as_a_share_of_each_position():
    per = pd.DataFrame({"theme": "EF", "measure": "trekker",
                        "group": ["nabij_grotere_stad", "polycentrisch", "monocentrisch"],
                        "estimate": [4.0, 1.0, 0.0], "n_gemeenten": [8, 13, 19]})
    tests = pd.DataFrame({"theme": ["EF"], "measure": ["trekker"], "p_bh": [0.01]})
    [sentence] = position_difference_sentences(position_contrasts(per, tests))
    assert sentence.startswith("Gemeenten nabij een grotere stad willen vaker trekker zijn voor "
                               "Energietransitie & fysieke leefomgeving (50%)")
    assert "(3%)" in sentence  # 1 of the 32 others


@pytest.fixture(scope="module")
def example_positions(example) -> dict:
    """The example's scores per position, their group tests, contrasts and sentences, once."""
    answers, responses = example
    per = themes.theme_scores(answers, responses, by="positie", config=FAST)
    tests = themes.group_tests(answers, responses, config=FAST)
    return {"per": per, "contrasts": position_contrasts(per, tests),
            "sentences": themes.position_sentences(per, tests)}


def test_on_the_example_each_position_sentence_names_the_position_that_stands_out(
        example_positions):
    per, contrasts, sentences = (example_positions[k] for k in ("per", "contrasts",
                                                                 "sentences"))
    assert len(contrasts) >= 3, "the example has clear differences between the positions"
    words = {"nabij_grotere_stad": "nabij een grotere stad",
             "polycentrisch": "in een polycentrische regio",
             "monocentrisch": "in een monocentrische regio"}
    for row in contrasts.itertuples():
        part = per[(per["theme"].astype(str) == row.subject)
                   & (per["measure"].astype(str) == row.measure)
                   & per["group"].astype(str).isin(words)]
        figures = pd.Series(part["estimate"].astype(float).to_numpy(),
                            index=part["group"].astype(str).to_numpy())
        # the named position is the highest (or lowest) of the three
        expected = figures.idxmax() if row.higher else figures.idxmin()
        assert row.group == expected
        theme = themes.sentences.theme_name(row.subject)
        assert any(s.startswith(f"Gemeenten {words[expected]}") and theme in s
                   for s in sentences)
    for sentence in sentences:
        assert not INTERNAL.search(sentence), sentence


def test_headline_says_how_sure_the_lead_is_on_the_example(example):
    answers, responses = example
    scores = themes.theme_scores(answers, responses, config=FAST)
    text = theme_headline(scores)
    first = scores[scores["measure"].astype(str) == "eerste"].sort_values("estimate").iloc[-1]
    assert text.startswith(themes.sentences.theme_name(first["theme"]))
    assert "staat het vaakst op de eerste plaats" in text
    assert re.search(r"\(\d,\d op een schaal van 1 tot 5\)", text)
    assert "niet zeker" in text or "duidelijk" in text
    assert not INTERNAL.search(text)


def test_headline_names_two_themes_when_first_place_and_urgency_differ():
    rows = [("EA", "eerste", .50, .40, .60), ("SV", "eerste", .20, .10, .30),
            ("EA", "urgentie", 3.0, 2.8, 3.2), ("EF", "urgentie", 3.9, 3.7, 4.1)]
    scores = pd.DataFrame(rows, columns=["theme", "measure", "estimate", "lower", "upper"]
                          ).assign(n_gemeenten=40)
    text = theme_headline(scores)
    assert text.startswith("Economie & arbeidsmarkt staat het vaakst op de eerste plaats (bij "
                           "50% van de gemeenten). Energietransitie & fysieke leefomgeving is "
                           "het urgentst (3,9 op een schaal van 1 tot 5).")
    assert text.count("is duidelijk") == 2


def _needs_and_programme(programme_clusters: list[int]):
    needs = pd.DataFrame({"cluster": [1, 2, 3], "label": ["Wonen", "Energie", "Zorg"],
                          "theme": ["EF", "EF", "SV"], "n_gemeenten": [9, 8, 7]})
    programme = pd.DataFrame({
        "soort": ["thema", *["leervraag"] * 3], "item": ["EF", "LV1", "LV2", "LV3"],
        "rang": [1, 1, 2, 3], "cluster": pd.array([None, *programme_clusters], dtype="Int64")})
    return needs, programme


def test_needs_and_programme_form_one_list_with_the_programme_place():
    needs, programme = _needs_and_programme([2, 1, 3])
    table = summary.needs_table(needs, programme, n=2)
    assert table["Leerbehoefte"].tolist() == ["Wonen", "Energie"]
    assert table["Plaats in het werkprogramma"].tolist() == [2, 1]


def test_the_clearest_difference_leads_and_the_number_of_municipalities_closes(
        example, example_positions):
    _, responses = example
    contrasts, sentences = example_positions["contrasts"], example_positions["sentences"]
    assert contrasts["subject"].nunique() > 1, "the example differs by position in two themes"
    clearest = contrasts.iloc[0]
    assert clearest["p_bh"] == contrasts["p_bh"].min()
    assert sentences[0] == ("Het duidelijkst verschillen de posities bij "
                            f"{themes.sentences.theme_name(clearest['subject'])}.")
    assert sentences[1].startswith("Gemeenten")
    total, *parts = (int(n) for n in re.findall(r"\d+", sentences[-1]))
    assert sentences[-1].startswith("Dit rust op ") and total == sum(parts) and len(parts) == 3
    assert total <= responses["gemeente_code"].nunique()

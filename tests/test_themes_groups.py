"""Group comparisons, opgaven, stellingen, Dutch sentences and the diverging bar chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmg_analysis import plots, themes
from pmg_analysis.report.tables import table_html
from pmg_analysis.themes import ThemeConfig
from test_themes import cell, make_answers, make_responses, ranking, urgency


def stelling(rid: str, values: dict[str, int]) -> list[tuple]:
    return [(rid, "stelling", None, s, v) for s, v in values.items()]


def opgaven(rid: str, theme: str, items: list[str]) -> list[tuple]:
    return [(rid, f"{theme}_opgaven", theme, i, 1) for i in items]


@pytest.fixture
def two_types():
    """Six polycentric municipalities find EA very urgent, six monocentric ones not at all;
    everyone finds LD moderately urgent. Two nabij municipalities rank EA first."""
    rows, people = [], []
    for i in range(6):
        people += [(f"p{i}", f"GM01{i:02d}", "polycentrisch"),
                   (f"m{i}", f"GM02{i:02d}", "monocentrisch")]
        rows += urgency(f"p{i}", {"EA": 5, "LD": 3}) + urgency(f"m{i}", {"EA": 1, "LD": 3})
    for i in range(2):
        people.append((f"n{i}", f"GM03{i:02d}", "nabij_grotere_stad"))
        rows += urgency(f"n{i}", {"EA": 3, "LD": 3}) + ranking(f"n{i}", ["EA", "LD", "SV", "EF"])
    return make_answers(rows), make_responses(people)


def test_kruskal_permutation_gives_the_exact_p_value_for_two_groups_of_three():
    h, p = themes.kruskal_permutation([np.array([1.0, 2, 2]), np.array([4.0, 5, 5])])
    assert h == pytest.approx(4.0909, abs=1e-4)
    assert p == pytest.approx(2 / 20)  # the observed split and its mirror, of 20 splits


def test_kruskal_permutation_of_equal_values_finds_nothing():
    assert themes.kruskal_permutation([np.array([3.0, 3]), np.array([3.0])]) == (0.0, 1.0)


def test_group_test_finds_a_clear_difference_and_no_difference_where_answers_agree(two_types):
    answers, responses = two_types
    tests = themes.group_tests(answers, responses, config=ThemeConfig(n_permutations=999))
    ea = tests[(tests["theme"] == "EA") & (tests["measure"] == "urgentie")].iloc[0]
    ld = tests[(tests["theme"] == "LD") & (tests["measure"] == "urgentie")].iloc[0]
    assert ea["p_waarde"] < 0.01 and ea["groepen"] == 3 and ea["n_gemeenten"] == 14
    assert (ld["statistic"], ld["p_waarde"]) == (0.0, 1.0)
    assert list(ea["kleine_groepen"]) == ["nabij_grotere_stad"] and ea["kleinste_groep"] == 2
    sentence = themes.group_test_sentence(tests)
    assert "gemiddelde urgentie (1–5) bij Economie & arbeidsmarkt" in sentence


def test_group_test_is_reproducible_with_the_seed(two_types):
    answers, responses = two_types
    config = ThemeConfig(n_permutations=199)
    pd.testing.assert_frame_equal(themes.group_tests(answers, responses, config=config),
                                  themes.group_tests(answers, responses, config=config))


def test_a_group_of_fewer_than_five_municipalities_gets_a_dutch_warning(two_types):
    answers, responses = two_types
    scores = themes.theme_scores(answers, responses, by="positie")
    assert cell(scores, "EA", "urgentie", "nabij_grotere_stad")["klein"]
    assert not cell(scores, "EA", "urgentie", "polycentrisch")["klein"]
    warnings = themes.small_group_warnings(scores, plots.POSITION_LABELS)
    assert warnings == ["Let op: de groep ‘Nabij een grotere stad’ telt maar 2 gemeenten. "
                        "Cijfers voor die groep zijn erg onzeker en een verschil met andere "
                        "groepen is nauwelijks aan te tonen."]
    table = themes.score_table(scores, plots.POSITION_LABELS)
    assert set(table.loc[table["Groep"] == "Nabij een grotere stad", "Let op"]) == {
        "minder dan 5 gemeenten"}
    assert themes.small_group_text(scores[scores["group"] != "nabij_grotere_stad"]) == (
        "Elke groep telt minstens 5 gemeenten.")


def test_without_two_groups_there_is_no_test_and_a_clear_sentence():
    answers = make_answers(urgency("r1", {"EA": 4}))
    tests = themes.group_tests(answers, make_responses([("r1", "GM0001", "polycentrisch")]))
    assert tests["p_waarde"].isna().all()
    assert themes.group_test_sentence(tests) == (
        "Met 1 gemeente met een bekende positie is een vergelijking tussen de posities niet "
        "mogelijk: daarvoor zijn in minstens twee posities minstens 2 gemeenten nodig.")


def test_a_group_of_one_municipality_is_not_tested_against_the_others():
    """A pilot: three municipalities, one per position. No statistic on groups of one (scipy
    would refuse it); two groups of two are tested, the group of one left out."""
    people = [("a", "GM0001", "polycentrisch"), ("b", "GM0002", "monocentrisch"),
              ("c", "GM0003", "nabij_grotere_stad")]
    answers = make_answers(urgency("a", {"EA": 5}) + urgency("b", {"EA": 1})
                           + urgency("c", {"EA": 3}))
    tests = themes.group_tests(answers, make_responses(people))
    assert tests["statistic"].isna().all()
    assert themes.group_test_sentence(tests).startswith("Met 3 gemeenten met een bekende positie")
    people += [("d", "GM0004", "polycentrisch"), ("e", "GM0005", "monocentrisch")]
    answers = make_answers(urgency("a", {"EA": 5}) + urgency("b", {"EA": 1})
                           + urgency("c", {"EA": 3}) + urgency("d", {"EA": 5})
                           + urgency("e", {"EA": 2}))
    tests = themes.group_tests(answers, make_responses(people))
    row = tests[(tests["theme"] == "EA") & (tests["measure"] == "urgentie")].iloc[0]
    assert pd.notna(row["statistic"]) and row["groepen"] == 2 and row["n_gemeenten"] == 5


def test_opgave_share_counts_each_municipality_once_among_those_who_answered():
    responses = make_responses([("r1", "GM0001", None), ("r2", "GM0001", None),
                                ("r3", "GM0002", None), ("r4", "GM0003", None)])
    answers = make_answers(opgaven("r1", "EA", ["EA1"]) + opgaven("r2", "EA", ["EA2"])
                           + opgaven("r3", "EA", ["EA1", "EA8"]) + opgaven("r4", "LD", ["LD1"]))
    scores = themes.opgave_scores(answers, responses).set_index("opgave")
    assert scores.loc["EA1", "estimate"] == 0.75  # GM0001 half, GM0002 fully; GM0003 skipped EA
    assert scores.loc["EA2", "estimate"] == 0.25
    assert scores.loc["EA3", "estimate"] == 0.0
    assert scores.loc["EA1", "n_gemeenten"] == 2
    assert scores.loc["LD1", "estimate"] == 1.0 and scores.loc["LD1", "n_gemeenten"] == 1
    assert pd.isna(scores.loc["SV1", "estimate"])  # nobody answered SV
    assert scores.loc["EA1", "opgave_tekst"].startswith("Versterken van de regionale economie")
    matrix = themes.opgave_matrix(themes.opgave_scores(answers, responses, by="positie"))
    assert matrix.shape == (26, 4)  # 26 opgaven x 3 types + onbekend


def test_anders_texts_are_counted_per_municipality_and_kept_as_written():
    responses = make_responses([("r1", "GM0001", None), ("r2", "GM0001", None),
                                ("r3", "GM0002", None)])
    texts = pd.DataFrame({
        "response_id": ["r1", "r2", "r3", "r3"],
        "question_id": ["LD_opgaven", "LD_opgaven", "LD_opgaven", "EA_kansen"],
        "theme": ["LD", "LD", "LD", "EA"], "item": ["anders", "anders", "anders", None],
        "text": ["Samenwerking met de provincie", "Samenwerking met de provincie ",
                 "=<script>1</script>", "Iets anders"]}).astype("category")
    anders = themes.anders_texts(texts, responses)
    assert anders["text"].tolist() == ["Samenwerking met de provincie", "=<script>1</script>"]
    assert anders["theme"].astype(str).tolist() == ["LD", "LD"]
    assert anders["n_gemeenten"].tolist() == [1, 1]
    assert anders["n_respondenten"].tolist() == [2, 1]
    assert themes.anders_texts(texts.iloc[:0], responses).empty
    html = table_html(themes.anders_table(anders), name="anders")
    assert "&lt;script&gt;" in html and "<script>" not in html


def test_stellingen_distribution_weighs_each_municipality_once():
    responses = make_responses([("r1", "GM0001", None), ("r2", "GM0001", None),
                                ("r3", "GM0002", None)])
    answers = make_answers(stelling("r1", {"K1": 5}) + stelling("r2", {"K1": 1})
                           + stelling("r3", {"K1": 4, "Z1": 2}))
    dist = themes.statement_distribution(answers, responses)
    k1 = dist[dist["stelling"] == "K1"].set_index("waarde")["share"]
    assert k1.tolist() == [0.25, 0.0, 0.0, 0.5, 0.25]
    assert dist[dist["stelling"] == "K2"]["share"].isna().all()
    assert str(dist["label"].iloc[0]) == "Helemaal mee oneens"
    scores = themes.statement_scores(answers, responses)
    eens = scores[(scores["stelling"] == "K1") & (scores["measure"] == "eens")].iloc[0]
    assert (eens["estimate"], eens["n_gemeenten"]) == (0.75, 2)


def test_dominance_sentences_name_the_leader_in_dutch_numbers(two_types):
    answers, responses = two_types
    sentences = themes.dominance_sentences(themes.theme_scores(answers, responses))
    assert sentences[0].startswith(
        "Gemiddelde urgentie (1–5): Economie & arbeidsmarkt en Lokale democratie & regionale "
        "samenwerking staan gelijk bovenaan (3,00).")
    assert sentences[2].startswith(  # Borda: only the two nabij municipalities ranked
        "Bordascore van de prioriteit (0–3): Economie & arbeidsmarkt staat bovenaan (3,00; "
        "95%-interval 3,00–3,00). De voorsprong op Lokale democratie & regionale samenwerking "
        "(2,00) is duidelijk")
    assert "Over Sociale veerkracht & relatie burger-overheid, Energietransitie & fysieke " \
           "leefomgeving antwoordde niemand." in sentences[0]
    assert themes.dominance_sentences(themes.theme_scores(
        make_answers([]), make_responses([]))) == [themes.NO_DATA]


def test_diverging_bar_puts_disagreement_left_and_splits_neutral():
    scale = ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"]
    data = pd.DataFrame({
        "stelling": pd.Categorical(["K1"] * 5, categories=["K1"]),
        "label": pd.Categorical(scale, categories=scale, ordered=True),
        "share": [0.1, 0.2, 0.2, 0.3, 0.2]})
    fig = plots.diverging_bar(data, category="stelling", level="label", value="share",
                              labels={"K1": "K1 · Schakels"})
    by_name = {}
    for trace in fig.data:
        by_name.setdefault(trace.name, []).append(float(trace.x[0]))
    assert by_name["Neutraal"] == [-0.1, 0.1]
    assert by_name["Helemaal mee oneens"] == [-0.1] and by_name["Mee oneens"] == [-0.2]
    assert by_name["Mee eens"] == [0.3] and by_name["Helemaal mee eens"] == [0.2]
    assert fig.data[0].y == ("K1 · Schakels",)
    assert fig.layout.barmode == "relative"
    assert sum(t.showlegend is not False for t in fig.data) == 5


def test_stellingen_group_test_compares_the_mean_answers_per_position():
    people, rows = [], []
    for i in range(5):
        people += [(f"p{i}", f"GM01{i:02d}", "polycentrisch"),
                   (f"m{i}", f"GM02{i:02d}", "monocentrisch")]
        rows += stelling(f"p{i}", {"K1": 5, "Z1": 3}) + stelling(f"m{i}", {"K1": 1, "Z1": 3})
    tests = themes.statement_tests(make_answers(rows), make_responses(people),
                                   config=ThemeConfig(n_permutations=999))
    k1 = tests[tests["stelling"] == "K1"].iloc[0]
    z1 = tests[tests["stelling"] == "Z1"].iloc[0]
    assert k1["p_waarde"] < 0.01 and z1["p_waarde"] == 1.0
    assert pd.isna(tests[tests["stelling"] == "K2"].iloc[0]["p_waarde"])  # nobody answered
    assert "stelling K1" in themes.group_test_sentence(tests)
    assert themes.test_table(tests)["Stelling"].tolist()[:2] == ["K1", "K2"]


def test_respondent_tables_count_respondents_not_municipalities(two_types):
    answers, responses = two_types
    table = themes.score_table(themes.theme_scores(answers, responses, unit="respondent"),
                               unit="respondent")
    assert "Respondenten" in table.columns and "Gemeenten" not in table.columns
    assert "Aantal respondenten dat trekker wil zijn" in set(table["Maat"])


def test_ranking_note_says_how_many_rankings_were_left_out():
    meldingen = pd.DataFrame({"code": ["rangschikking_ongeldig", "te_veel_keuzes",
                                       "rangschikking_ongeldig"]})
    assert themes.ranking_note(meldingen).startswith("2 rangschikkingen waren ongeldig")
    assert themes.ranking_note(meldingen.iloc[:0]) == (
        "Alle ingevulde rangschikkingen waren geldig.")


def test_every_report_function_handles_empty_input_with_dutch_text():
    answers, responses = make_answers([]), make_responses([])
    texts = pd.DataFrame({c: pd.Series(dtype="category") for c in
                          ["response_id", "question_id", "theme", "item", "text"]})
    scores = themes.theme_scores(answers, responses, by="positie")
    assert themes.small_group_text(scores, plots.POSITION_LABELS).startswith(
        "Let op: de groep ‘Nabij een grotere stad’ telt geen gemeenten")
    assert set(themes.score_table(scores)["Schatting"]) == {"–"}
    tests = themes.group_tests(answers, responses)
    assert themes.group_test_sentence(tests).startswith(
        "Zonder gemeenten met een bekende positie is een vergelijking tussen de posities niet "
        "mogelijk")
    assert len(themes.test_table(tests)) == 20
    opg = themes.opgave_scores(answers, responses, by="positie")
    assert themes.opgave_matrix(opg).isna().all().all()
    assert themes.opgave_table(opg)["Gekozen door"].eq("–").all()
    assert themes.anders_table(themes.anders_texts(texts, responses)).empty
    dist = themes.statement_distribution(answers, responses, by="positie")
    fig = plots.diverging_bar(dist, category="stelling", level="label", value="share",
                              group="group")
    assert len(fig.data) == 6
    assert themes.statement_tests(answers, responses)["p_waarde"].isna().all()

"""Theme dominance on small hand-made fixtures: exact figures, weighting, bootstrap, edge cases."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmg_analysis.themes import ThemeConfig, bootstrap, gemeente_scores, theme_scores

THEMES = ["EA", "LD", "SV", "EF"]
ZELF = pd.CategoricalDtype(["nabij_grotere_stad", "polycentrisch", "monocentrisch", "weet_niet"])
CBS = pd.CategoricalDtype(["nabij_grotere_stad", "polycentrisch", "monocentrisch"])


def make_responses(rows: list[tuple[str, str, str | None]]) -> pd.DataFrame:
    """rows: (response_id, gemeente_code, positie_cbs)."""
    return pd.DataFrame({
        "response_id": pd.Series([r[0] for r in rows], dtype="string"),
        "gemeente_code": pd.Categorical([r[1] for r in rows]),
        "positie_zelf": pd.Categorical([None] * len(rows), dtype=ZELF),
        "positie_cbs": pd.Categorical([r[2] for r in rows], dtype=CBS),
    })


def make_answers(rows: list[tuple[str, str, str | None, str | None, int | None]]) -> pd.DataFrame:
    """rows: (response_id, question_id, theme, item, value)."""
    frame = pd.DataFrame(rows, columns=["response_id", "question_id", "theme", "item", "value"])
    # as in the processed table: the theme column's categories are the round's themes
    return frame.astype({"response_id": "category", "question_id": "category",
                         "theme": pd.CategoricalDtype(THEMES), "item": "category",
                         "value": "Int8"}).assign(
        label=pd.Categorical([None] * len(frame)))


def ranking(rid: str, order: list[str]) -> list[tuple]:
    """A respondent's ranking: ``order[0]`` gets rank 1."""
    return [(rid, "prioriteit", t, t, rank) for rank, t in enumerate(order, start=1)]


def urgency(rid: str, values: dict[str, int]) -> list[tuple]:
    return [(rid, f"{t}_urgentie", t, None, v) for t, v in values.items()]


def trekker(rid: str, items: list[str]) -> list[tuple]:
    return [(rid, "trekker", t if t in THEMES else None, t, 1) for t in items]


def cell(scores: pd.DataFrame, theme: str, measure: str, group: str | None = None) -> pd.Series:
    rows = scores[(scores["theme"] == theme) & (scores["measure"] == measure)]
    if group is not None:
        rows = rows[rows["group"] == group]
    assert len(rows) == 1
    return rows.iloc[0]


@pytest.fixture
def five_and_one():
    """Municipality GM0001 sent five respondents who all rank EA first and find EA very urgent;
    GM0002 sent one who ranks LD first and finds EA not urgent."""
    responses = make_responses([(f"a{i}", "GM0001", "polycentrisch") for i in range(5)]
                               + [("b0", "GM0002", "monocentrisch")])
    rows = []
    for i in range(5):
        rows += ranking(f"a{i}", ["EA", "LD", "SV", "EF"])
        rows += urgency(f"a{i}", {"EA": 5, "LD": 3})
    rows += ranking("b0", ["LD", "SV", "EF", "EA"])
    rows += urgency("b0", {"EA": 1, "LD": 4})
    return make_answers(rows), responses


def test_borda_gives_three_points_for_a_first_place_and_none_for_the_last():
    answers = make_answers(ranking("r1", ["SV", "EA", "EF", "LD"]))
    responses = make_responses([("r1", "GM0001", None)])
    scores = gemeente_scores(answers, responses).set_index("theme")
    assert scores["borda"].tolist() == [2.0, 0.0, 3.0, 1.0]  # EA, LD, SV, EF
    assert scores["eerste"].tolist() == [0.0, 0.0, 1.0, 0.0]


def test_five_respondents_of_one_municipality_do_not_outvote_one(five_and_one):
    answers, responses = five_and_one
    scores = theme_scores(answers, responses)
    assert cell(scores, "EA", "eerste")["estimate"] == 0.5  # 1 of 2 municipalities
    assert cell(scores, "LD", "eerste")["estimate"] == 0.5
    assert cell(scores, "EA", "borda")["estimate"] == 1.5  # (3 + 0) / 2
    assert cell(scores, "EA", "urgentie")["estimate"] == 3.0  # (5 + 1) / 2
    assert cell(scores, "EA", "eerste")["n_gemeenten"] == 2


def test_respondent_level_figures_stay_available(five_and_one):
    answers, responses = five_and_one
    scores = theme_scores(answers, responses, unit="respondent")
    assert cell(scores, "EA", "eerste")["estimate"] == pytest.approx(5 / 6)
    assert cell(scores, "EA", "eerste")["n_gemeenten"] == 6
    assert set(scores["group"]) == {"Alle respondenten"}


def test_respondents_of_one_municipality_are_averaged_over_those_who_answered():
    responses = make_responses([("r1", "GM0001", None), ("r2", "GM0001", None),
                                ("r3", "GM0001", None)])
    answers = make_answers(urgency("r1", {"EA": 4}) + urgency("r2", {"EA": 2})
                           + urgency("r3", {"LD": 5}))  # r3 skipped EA: no zero for EA
    row = gemeente_scores(answers, responses).set_index("theme").loc["EA"]
    assert row["urgentie"] == 3.0
    assert row["urgent"] == 0.5
    assert row["n_respondenten"] == 3
    assert pd.isna(row["borda"])  # nobody ranked


def test_a_municipality_is_trekker_when_one_of_its_respondents_offers():
    responses = make_responses([("r1", "GM0001", None), ("r2", "GM0001", None),
                                ("r3", "GM0002", None), ("r4", "GM0003", None)])
    answers = make_answers(trekker("r1", ["EA"]) + trekker("r2", ["geen"])
                           + trekker("r3", ["EA", "SV"]))  # r4 did not answer
    per = gemeente_scores(answers, responses).set_index(["gemeente_code", "theme"])["trekker"]
    assert bool(per[("GM0001", "EA")])
    assert not bool(per[("GM0001", "SV")])
    assert pd.isna(per[("GM0003", "EA")])
    scores = theme_scores(answers, responses)
    assert cell(scores, "EA", "trekker")["estimate"] == 2  # a count of municipalities
    assert cell(scores, "SV", "trekker")["estimate"] == 1
    assert cell(scores, "EA", "trekker")["n_gemeenten"] == 2  # GM0003 did not answer


def test_text_share_counts_municipalities_with_a_text_about_the_theme(five_and_one):
    answers, responses = five_and_one
    coded = pd.DataFrame({"response_id": ["a0", "a1", "b0"],
                          "themes": [("EF",), (), ("EA", "EF")]})
    scores = theme_scores(answers, responses, coded_texts=coded)
    # GM0001: a0 wrote about EF, a1 wrote about nothing -> 1/2; GM0002: 1; mean 0.75
    assert cell(scores, "EF", "tekst")["estimate"] == 0.75
    assert cell(scores, "EA", "tekst")["estimate"] == 0.5  # GM0001: 0 of 2 writers; GM0002: 1
    assert cell(scores, "SV", "tekst")["estimate"] == 0.0


def test_bootstrap_is_reproducible_with_the_seed_and_contains_the_estimate():
    rng = np.random.default_rng(1)
    values = rng.integers(1, 6, size=(30, 3)).astype(float)
    values[:4, 2] = np.nan
    first = bootstrap.interval(values, "mean")
    second = bootstrap.interval(values, "mean")
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    est = bootstrap.estimate(values, "mean")
    assert np.all(first[0] <= est) and np.all(est <= first[1])
    assert np.all(first[1] - first[0] > 0)
    other = bootstrap.interval(values, "mean", ThemeConfig(seed=2))
    assert not np.array_equal(first[0], other[0])


def test_bootstrap_resamples_draw_every_unit_count_once_per_resample():
    counts = bootstrap.resample_counts(7, ThemeConfig(n_resamples=50))
    assert counts.shape == (50, 7)
    assert (counts.sum(axis=1) == 7).all()


def test_bootstrap_interval_of_a_share_matches_the_hand_computed_percentiles():
    values = np.array([[1.0], [0.0], [1.0], [1.0]])
    config = ThemeConfig(n_resamples=500)
    counts = bootstrap.resample_counts(4, config)
    expected = np.percentile(counts @ values[:, 0] / 4, [2.5, 97.5])
    lower, upper = bootstrap.interval(values, "mean", config)
    assert (lower[0], upper[0]) == tuple(expected)


def test_scores_are_reproducible_between_calls(five_and_one):
    answers, responses = five_and_one
    pd.testing.assert_frame_equal(theme_scores(answers, responses),
                                  theme_scores(answers, responses))


def test_one_municipality_gives_an_interval_of_width_zero():
    answers = make_answers(ranking("r1", ["EA", "LD", "SV", "EF"]) + urgency("r1", {"EA": 4}))
    scores = theme_scores(answers, make_responses([("r1", "GM0001", None)]))
    row = cell(scores, "EA", "urgentie")
    assert (row["estimate"], row["lower"], row["upper"], row["n_gemeenten"]) == (4, 4, 4, 1)
    assert bool(row["klein"])


def test_a_theme_nobody_answered_has_no_estimate_and_no_error(five_and_one):
    answers, responses = five_and_one
    row = cell(theme_scores(answers, responses), "SV", "urgentie")
    assert pd.isna(row["estimate"]) and pd.isna(row["lower"]) and row["n_gemeenten"] == 0


def test_empty_input_gives_empty_estimates_without_error():
    answers = make_answers([])
    responses = make_responses([])
    scores = theme_scores(answers, responses)
    assert len(scores) == 4 * 5
    assert scores["estimate"].isna().all() and scores["n_gemeenten"].eq(0).all()
    assert gemeente_scores(answers, responses).empty
    by = theme_scores(answers, responses, by="positie")
    assert set(by["group"]) == {"nabij_grotere_stad", "polycentrisch", "monocentrisch"}


def test_scores_per_position_type_resample_within_each_type(five_and_one):
    answers, responses = five_and_one
    scores = theme_scores(answers, responses, by="positie")
    assert cell(scores, "EA", "eerste", "polycentrisch")["estimate"] == 1.0
    assert cell(scores, "EA", "eerste", "monocentrisch")["estimate"] == 0.0
    empty = cell(scores, "EA", "eerste", "nabij_grotere_stad")
    assert pd.isna(empty["estimate"]) and empty["n_gemeenten"] == 0 and bool(empty["klein"])


def test_outputs_carry_the_columns_of_the_interface_contract(five_and_one):
    answers, responses = five_and_one
    assert list(gemeente_scores(answers, responses).columns) == [
        "gemeente_code", "theme", "urgentie", "urgent", "borda", "eerste", "trekker", "positie",
        "n_respondenten"]
    assert {"theme", "measure", "group", "estimate", "lower", "upper", "n_gemeenten"} <= set(
        theme_scores(answers, responses).columns)
    from pmg_analysis.themes import opgave_scores

    assert {"theme", "opgave", "opgave_tekst", "group", "estimate", "lower", "upper",
            "n_gemeenten"} <= set(opgave_scores(answers, responses).columns)


def test_sending_more_respondents_with_the_same_answers_changes_nothing(five_and_one):
    answers, responses = five_and_one
    extra = responses[responses["response_id"] == "b0"].assign(
        response_id=pd.Series(["b1"], dtype="string"))
    copied = answers[answers["response_id"] == "b0"].astype({"response_id": "string"})
    more_answers = pd.concat([answers.astype({"response_id": "string"}),
                              copied.assign(response_id="b1")], ignore_index=True)
    before = theme_scores(answers, responses)
    after = theme_scores(more_answers, pd.concat([responses, extra], ignore_index=True))
    pd.testing.assert_frame_equal(before, after)

"""The members' ranking of the themes in the work programme, and the programme as a board reads
it: synthetic exports with a designed order of preference (processed-style ``answers`` and
``responses`` built here), recovered by the programme; the sentence where urgency and ranking
disagree; parts that do not separate the items; one proposed trekker per item; the start order;
the board's tables in words."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd
import pytest

from pmg_analysis.prioritise import PriorityConfig, board, plan, work_programme
from pmg_analysis.prioritise.sentences import (
    constant_parts_sentence,
    needs_difference,
    ranking_difference,
)
from pmg_analysis.regions.typology import PositieDtype

NABIJ, POLY, MONO = "nabij_grotere_stad", "polycentrisch", "monocentrisch"
ZELF = pd.CategoricalDtype([NABIJ, POLY, MONO, "weet_niet"])
THEMES = ["EA", "LD", "SV", "EF"]
NAMES = ["Assen", "Breda", "Cuijk", "Delft", "Ede", "Goes", "Hoorn", "Lisse", "Oss", "Putten",
         "Rhenen", "Soest", "Tiel", "Uden", "Venlo", "Weert"]


@dataclass
class Respondent:
    gemeente: int  # index into NAMES
    ranking: tuple[str, ...]  # the four themes, first = highest priority
    urgency: dict[str, int]
    leads: tuple[str, ...] = ()
    asks: tuple[int, ...] = ()  # learning-question clusters asked


@dataclass(frozen=True)
class Clusters:
    """The frames of ``text.LearningNeeds`` that the work programme reads."""

    needs: pd.DataFrame
    members: pd.DataFrame
    quotes: pd.DataFrame


def survey(respondents: list[Respondent], clusters: dict[int, tuple[str, str]] | None = None):
    """Processed-style ``answers``, ``responses`` and learning-question clusters (number ->
    (label, theme)) for ``respondents``; positions cycle nabij, poly, mono by municipality."""
    ids = [f"r{i}" for i in range(len(respondents))]
    codes = [f"GM{r.gemeente + 1:04d}" for r in respondents]
    responses = pd.DataFrame({
        "response_id": pd.array(ids, dtype="string"),
        "gemeente_code": pd.Categorical(codes),
        "gemeente_naam": pd.Categorical([NAMES[r.gemeente] for r in respondents]),
        "positie_zelf": pd.Categorical([[NABIJ, POLY, MONO][r.gemeente % 3]
                                        for r in respondents], dtype=ZELF),
        "positie_cbs": pd.Categorical([None] * len(respondents), dtype=PositieDtype)})
    rows = []
    for rid, r in zip(ids, respondents, strict=True):
        rows += [(rid, f"{t}_urgentie", t, None, u) for t, u in r.urgency.items()]
        rows += [(rid, "prioriteit", t, t, place) for place, t in enumerate(r.ranking, 1)]
        rows += [(rid, "trekker", t, t, 1) for t in r.leads] or [(rid, "trekker", None,
                                                                  "geen", 1)]
        rows.append((rid, "vorm", None, "leerkringen", 1))
    answers = pd.DataFrame(rows, columns=["response_id", "question_id", "theme", "item",
                                          "value"]).astype(
        {"response_id": "category", "question_id": "category", "item": "category",
         "value": "Int8"})
    answers["theme"] = pd.Categorical(answers["theme"], categories=THEMES)
    answers["label"] = pd.Categorical([None] * len(answers))
    clusters = clusters or {}
    asked = [(rid, n) for rid, r in zip(ids, respondents, strict=True) for n in r.asks]
    needs = pd.DataFrame({
        "cluster": pd.array(list(clusters), dtype="Int64"),
        "label": [label for label, _ in clusters.values()],
        "theme": [theme for _, theme in clusters.values()],
        "n_gemeenten": [len({codes[ids.index(rid)] for rid, n in asked if n == c})
                        for c in clusters]})
    members = pd.DataFrame({"response_id": [rid for rid, _ in asked],
                            "question_id": [f"{clusters[n][1]}_leervraag" for _, n in asked],
                            "cluster": [n for _, n in asked], "text": "x"})
    return answers, responses, Clusters(needs, members,
                                        pd.DataFrame(columns=["cluster", "rank", "text"]))


def order(programme: pd.DataFrame, soort: str = "thema") -> list[str]:
    return programme.loc[programme["soort"] == soort, "item"].astype(str).tolist()


SAME = {t: 4 for t in THEMES}  # every theme "urgent": equal demand and urgency
DESIGNED = ("EF", "LD", "SV", "EA")


# --- the ranking recovered ----------------------------------------------------------------

def test_the_programme_recovers_the_members_designed_order_when_all_else_is_equal():
    answers, responses, clusters = survey([Respondent(g, DESIGNED, SAME) for g in range(9)])
    programme = work_programme(answers, responses, clusters)
    assert order(programme) == list(DESIGNED)
    themes = programme[programme["soort"] == "thema"].set_index("item")
    # Borda 3, 2, 1, 0 of 3 -> 1, 2/3, 1/3, 0; the mean place 1..4
    assert themes.loc[list(DESIGNED), "deel_rangschikking"].tolist() == pytest.approx(
        [1, 2 / 3, 1 / 3, 0])
    assert themes.loc[list(DESIGNED), "plaats_rangschikking"].tolist() == [1, 2, 3, 4]
    assert themes.loc[list(DESIGNED), "rang_leden"].tolist() == [1, 2, 3, 4]
    assert ranking_difference(programme) == ""


def test_several_respondents_of_one_municipality_weigh_once_in_the_ranking():
    # six municipalities rank EF first; Oss sends eight respondents who all rank EA first: per
    # respondent EA would lead (8 x 3 points against 6 x 3), per municipality EF leads
    big = [Respondent(8, tuple(reversed(DESIGNED)), SAME) for _ in range(8)]
    answers, responses, clusters = survey(
        [Respondent(g, DESIGNED, SAME) for g in range(6)] + big)
    programme = work_programme(answers, responses, clusters)
    assert order(programme)[0] == "EF"
    ef = programme[programme["item"] == "EF"].iloc[0]
    assert ef["deel_rangschikking"] == pytest.approx(6 / 7)  # Oss counts once, with 0 points
    assert order(programme)[-1] == "EA"


def test_where_urgency_and_ranking_disagree_the_sentence_says_why():
    # the members rank EF first, but everybody finds only EA urgent: EA leads on demand and
    # urgency, so the programme puts it first - and says why
    urgency = {"EA": 5, "LD": 2, "SV": 2, "EF": 3}
    answers, responses, clusters = survey([Respondent(g, DESIGNED, urgency) for g in range(9)])
    result = plan(answers, responses, clusters)
    programme = result.programma
    assert order(programme)[0] == "EA"
    sentence = ranking_difference(programme)
    assert sentence.startswith(
        "De leden zetten Energietransitie & fysieke leefomgeving vóór Economie & "
        "arbeidsmarkt (gemiddeld plaats 1,0 tegen 4,0, waarbij 1 de eerste plaats is); het "
        "programma zet Economie & "
        "arbeidsmarkt eerst omdat meer gemeenten het willen oppakken (9 tegen 0)")
    assert sentence.count(".") == 1 and sentence.endswith(".")
    assert sentence in board.answer(result)


def test_a_heavier_ranking_weight_lets_the_members_order_win_over_urgency():
    urgency = {"EA": 5, "LD": 4, "SV": 4, "EF": 4}  # EA most urgent, EF ranked first
    answers, responses, clusters = survey([Respondent(g, DESIGNED, urgency) for g in range(9)])
    default = work_programme(answers, responses, clusters)
    assert order(default)[0] == "EF"  # same demand: the ranking (0.20) beats urgency (0.20)
    # urgency five times as heavy as the ranking: EA 1.0 against EF 0.75 + 0.2
    urgent = work_programme(answers, responses, clusters,
                            config=PriorityConfig(weight_urgency=1.0))
    assert order(urgent)[0] == "EA"
    assert "het urgenter vinden (gemiddeld 5,0 tegen 4,0 op 5)" in ranking_difference(urgent)


def test_learning_questions_take_their_themes_ranking_by_the_municipalities_that_asked():
    # two EA questions with the same demand and urgency; the askers of question 1 rank EA
    # first, those of question 2 last
    first = ("EA", "LD", "SV", "EF")
    last = ("LD", "SV", "EF", "EA")
    respondents = ([Respondent(g, last, SAME, asks=(2,)) for g in range(4)]
                   + [Respondent(g, first, SAME, asks=(1,)) for g in range(4, 8)])
    clusters = {1: ("Werkgevers en onderwijs", "EA"), 2: ("Arbeidsmigranten", "EA")}
    answers, responses, needs = survey(respondents, clusters)
    programme = work_programme(answers, responses, needs)
    questions = programme[programme["soort"] == "leervraag"].set_index("item")
    assert questions.loc[["LV1", "LV2"], "deel_rangschikking"].tolist() == pytest.approx([1, 0])
    assert order(programme, "leervraag") == ["LV1", "LV2"]
    # with the members' ranking of the theme both get the same value
    members = work_programme(answers, responses, needs,
                             config=PriorityConfig(question_ranking="members"))
    same = members[members["soort"] == "leervraag"]["deel_rangschikking"]
    assert same.nunique() == 1 and same.iloc[0] == pytest.approx(0.5)


def test_without_a_ranking_in_the_round_the_part_is_left_out_and_said_so():
    urgency = {"EA": 5, "LD": 4, "SV": 4, "EF": 4}
    answers, responses, clusters = survey([Respondent(g, DESIGNED, urgency)
                                           for g in range(6)])
    no_ranking = answers[answers["question_id"] != "prioriteit"]
    programme = work_programme(no_ranking, responses, clusters)
    assert (programme["deel_rangschikking"] == 0).all()
    assert programme["rang_leden"].isna().all()
    assert ranking_difference(programme) == ""
    assert "rangschikking" in constant_parts_sentence(programme)


# --- parts that do not separate ---------------------------------------------------------------

def test_a_part_with_the_same_value_for_all_themes_is_left_out_and_does_not_lift_scores():
    urgency = {"EA": 5, "LD": 4, "SV": 3, "EF": 4}
    answers, responses, clusters = survey(
        [Respondent(g, DESIGNED, urgency, leads=("EA", "LD", "SV", "EF")) for g in range(6)])
    programme = work_programme(answers, responses, clusters)
    themes = programme[programme["soort"] == "thema"]
    # every theme: all six municipalities (demand 1), all three positions, enough trekkers,
    # all the same form -> four parts without a difference
    assert constant_parts_sentence(programme) == (
        "Bij de thema's tellen vraag, breedte, trekker en vorm niet mee: alle thema's scoren "
        "daar 100%, dus ze maken geen verschil.")
    c = PriorityConfig()
    expected = ((c.weight_urgency * themes["deel_urgentie"]
                 + c.weight_ranking * themes["deel_rangschikking"])
                / (c.weight_urgency + c.weight_ranking))
    assert themes["score"].tolist() == pytest.approx(expected.tolist())
    # the scores spread: EA (most urgent, ranked last) and EF (ranked first) are not both ~90
    assert themes["score"].max() - themes["score"].min() > 0.3


# --- trekkers, start order, the board's text ----------------------------------------------

def leads_survey():
    """Question 1 (EA) asked by eight municipalities: Ede and Goes want to lead EA, Goes finds
    it more urgent; question 2 (EF) by five, nobody leads EF; question 3 (LD) by four with
    Assen as the only willing one."""
    respondents = []
    for g in range(8):
        urgency = {**SAME, "EA": 5 if g == 5 else 4}
        leads = ("EA",) if g in (4, 5) else ("LD",) if g == 0 else ()
        asks = (1,) + ((2,) if g < 5 else ()) + ((3,) if g < 4 else ())
        respondents.append(Respondent(g, DESIGNED, urgency, leads=leads, asks=asks))
    clusters = {1: ("Werkgevers en onderwijs", "EA"), 2: ("Aardgasvrije wijken", "EF"),
                3: ("Regionale agenda", "LD")}
    return survey(respondents, clusters)


def test_each_item_gets_one_willing_trekker_with_the_reason_and_the_alternates_apart():
    result = plan(*leads_survey())
    members = result.gemeenten
    lv1 = members[(members["item"] == "LV1") & members["trekker_keuze"].notna()]
    assert lv1.sort_values("trekker_keuze")["gemeente_naam"].tolist() == ["Goes", "Ede"]
    assert lv1.loc[lv1["trekker_keuze"] == 1, "trekker_reden"].tolist() == ["urgentst"]
    # only willing municipalities are candidates
    assert members.loc[members["trekker_keuze"].notna(), "trekker"].all()
    # the leerkring of question 1 is led by the same municipality
    groups = result.leerkringen.groepen
    assert groups.loc[groups["item"] == "LV1", "trekker"].iloc[0] == "Goes"
    year = board.year_programme(result).set_index("leervraag")
    row = year.loc["1. Werkgevers en onderwijs"]
    assert row["voorgestelde trekker"] == (
        "Goes: vindt het thema het urgentst (5,0 op 5) van de 2 die willen trekken")
    assert row["reserve"] == "Ede"
    assert row["vorm"] == "leerkring van 8 gemeenten"


def test_the_start_order_fills_the_years_capacity_with_leaderless_items_last():
    answers, responses, clusters = leads_survey()
    result = plan(answers, responses, clusters, config=PriorityConfig(starts_per_year=3))
    programme = result.programma
    questions = programme[programme["soort"] == "leervraag"].set_index("item")
    # LV2 (EF) has no trekker: it starts after LV3 although it ranks higher
    assert questions.loc["LV2", "rang"] < questions.loc["LV3", "rang"]
    assert questions["start"].to_dict() == {"LV1": 1, "LV2": 3, "LV3": 2}
    year = board.year_programme(result, PriorityConfig(starts_per_year=3))
    assert year["start"].tolist() == ["kwartaal 1", "kwartaal 2", "kwartaal 3"]
    assert year.loc[2, "voorgestelde trekker"] == "nog geen: geen gemeente wil trekken"
    assert "wil nog geen gemeente trekken" in board.answer(result)
    one = plan(answers, responses, clusters, config=PriorityConfig(starts_per_year=1))
    assert one.programma["start"].notna().sum() == 1


def test_the_board_text_has_no_ids_codes_or_class_names():
    result = plan(*leads_survey())
    texts = [board.answer(result), board.later(result)]
    for table in (board.year_programme(result), board.themes_table(result),
                  board.groups_table(result)):
        texts += [str(c) for c in table.columns]
        texts += [str(v) for v in table.astype("string").fillna("").to_numpy().ravel()]
    joined = " ".join(texts)
    assert not re.search(r"\bLV\d|\bGM\d|PriorityConfig|deel_|_", joined), joined
    themes = board.themes_table(result)
    assert themes["thema"].tolist()[0] == "1. Energietransitie & fysieke leefomgeving"
    assert themes["plaats bij de leden"].tolist()[0] == "1 (gemiddelde plaats 1,0)"


def test_the_needs_sentence_explains_why_the_two_top_lists_differ():
    answers, responses, clusters = leads_survey()
    programme = work_programme(answers, responses, clusters)
    top1 = programme[programme["soort"] == "leervraag"].iloc[0]
    assert top1["item"] == "LV1"  # also the most asked: the lists agree
    assert needs_difference(clusters.needs, programme, n=1) == ""


def test_permuted_rows_give_the_same_trekkers_start_order_and_board_text():
    answers, responses, clusters = leads_survey()
    first = plan(answers, responses, clusters)
    mixed = plan(answers.iloc[::-1], responses.iloc[::-1],
                 Clusters(clusters.needs, clusters.members.iloc[::-1], clusters.quotes))
    pd.testing.assert_frame_equal(first.gemeenten, mixed.gemeenten)
    pd.testing.assert_frame_equal(first.programma, mixed.programma)
    pd.testing.assert_frame_equal(board.year_programme(first), board.year_programme(mixed))
    assert board.answer(first) == board.answer(mixed)


def test_an_unknown_question_ranking_rule_is_refused():
    with pytest.raises(ValueError):
        PriorityConfig(question_ranking="alle")


def test_between_equally_urgent_candidates_the_one_offering_fewer_themes_is_proposed():
    # Ede offers to lead EA and LD, Goes only EA; both find EA urgent (4) and rank it alike
    respondents = [Respondent(g, DESIGNED, SAME, leads=("EA", "LD") if g == 4 else
                              ("EA",) if g == 5 else (), asks=(1,)) for g in range(6)]
    result = plan(*survey(respondents, {1: ("Werkgevers en onderwijs", "EA")}))
    year = board.year_programme(result)
    assert year.loc[0, "voorgestelde trekker"] == (
        "Goes: even urgent en even hoog gerangschikt als Ede, maar wil alleen dit thema trekken")
    assert year.loc[0, "reserve"] == "Ede"

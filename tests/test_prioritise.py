"""The work programme on small hand-made fixtures: exact scores and parts, weights, sensitivity,
leerkringen (sizes, limit, trekker, too few), determinism, empty input and the Excel export."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import openpyxl
import pandas as pd
import pytest

from pmg_analysis.clean.outputs import FORMULA_START
from pmg_analysis.prioritise import (
    PARTS,
    PriorityConfig,
    PriorityInputs,
    leerkring_proposal,
    plan,
    programme_from_inputs,
    propose_leerkringen,
    stability,
    work_programme,
)
from pmg_analysis.prioritise.export import write_programme_xlsx
from pmg_analysis.prioritise.score import programme_members
from pmg_analysis.prioritise.sentences import (
    groups_shown,
    without_shown,
)
from pmg_analysis.regions.typology import PositieDtype

NABIJ, POLY, MONO = "nabij_grotere_stad", "polycentrisch", "monocentrisch"
ZELF = pd.CategoricalDtype([NABIJ, POLY, MONO, "weet_niet"])


# --- hand-made inputs (the columns of PriorityInputs) ---------------------------------------

def make_inputs(items: list[tuple[str, str, str, str]],
                interest: dict[str, list[str]],
                municipalities: list[tuple[str, str, str | None]],
                urgency: dict[tuple[str, str], float] | None = None,
                leads: list[tuple[str, str]] = (),
                forms: dict[str, list[str]] | None = None,
                borda: dict[tuple[str, str], float] | None = None) -> PriorityInputs:
    """items: (soort, item, label, theme); interest: item -> codes; municipalities:
    (code, name, positie); urgency: (code, theme) -> 1..5; leads: (code, theme); forms: code ->
    option ids of the ``vorm`` question; borda: (code, theme) -> Borda points 0..3 (no ranking
    when left out)."""
    clusters = [int(i[1][2:]) if i[0] == "leervraag" else pd.NA for i in items]
    item_frame = pd.DataFrame({
        "soort": pd.Categorical([i[0] for i in items], categories=["thema", "leervraag"],
                                ordered=True),
        "item": pd.array([i[1] for i in items], dtype="string"),
        "label": pd.array([i[2] for i in items], dtype="string"),
        "theme": pd.array([i[3] for i in items], dtype="string"),
        "cluster": pd.array(clusters, dtype="Int64"),
        "volgorde": np.arange(len(items), dtype="int64")})
    interest_frame = pd.DataFrame([(item, code) for item, codes in interest.items()
                                   for code in codes], columns=["item", "gemeente_code"],
                                  dtype="string")
    munis = pd.DataFrame(municipalities, columns=["gemeente_code", "gemeente_naam", "positie"])
    munis["positie"] = munis["positie"].astype(PositieDtype)
    urgency, borda = urgency or {}, borda or {}
    lead_set = set(leads)
    pairs = sorted(set(urgency) | lead_set | set(borda))
    mt = pd.DataFrame({
        "gemeente_code": pd.array([p[0] for p in pairs], dtype="string"),
        "theme": pd.array([p[1] for p in pairs], dtype="string"),
        "urgentie": pd.array([urgency.get(p) for p in pairs], dtype="Float64"),
        "urgent": pd.array([None if urgency.get(p) is None else float(urgency[p] >= 4)
                            for p in pairs], dtype="Float64"),
        "trekker": pd.array([p in lead_set for p in pairs], dtype="boolean"),
        "borda": pd.array([borda.get(p) for p in pairs], dtype="Float64")})
    form_frame = pd.DataFrame([(code, f) for code, fs in (forms or {}).items() for f in fs],
                              columns=["gemeente_code", "vorm"], dtype="string")
    return PriorityInputs(item_frame, interest_frame, munis, mt, form_frame)


@pytest.fixture
def small():
    """Two themes and two learning questions over four municipalities (see the test of the
    exact figures for the hand computation)."""
    return make_inputs(
        items=[("thema", "EA", "Economie & arbeidsmarkt", "EA"),
               ("thema", "LD", "Lokale democratie & regionale samenwerking", "LD"),
               ("leervraag", "LV1", "bedrijven en onderwijs", "EA"),
               ("leervraag", "LV2", "regionale agenda", "LD")],
        interest={"EA": ["G1", "G2", "G3", "G4"], "LD": ["G1", "G2"],
                  "LV1": ["G1", "G2", "G3"], "LV2": ["G4"]},
        municipalities=[("G1", "Assen", NABIJ), ("G2", "Breda", POLY), ("G3", "Cuijk", MONO),
                        ("G4", "Delft", NABIJ)],
        urgency={("G1", "EA"): 5, ("G2", "EA"): 4, ("G3", "EA"): 3,
                 ("G1", "LD"): 2, ("G2", "LD"): 4, ("G4", "LD"): 5},
        leads=[("G1", "EA"), ("G1", "LD"), ("G2", "LD")],
        forms={"G1": ["werkgroepen", "leerkringen"], "G2": ["leerkringen"],
               "G3": ["praktijkonderzoek"]})


def row(frame: pd.DataFrame, item: str) -> pd.Series:
    rows = frame[frame["item"] == item]
    assert len(rows) == 1
    return rows.iloc[0]


# --- score and parts --------------------------------------------------------------------------

def test_theme_score_is_the_weighted_mean_of_its_hand_computed_parts(small):
    ea = row(programme_from_inputs(small), "EA")
    # demand 4 of 4 (most asked theme); urgency mean of (5, 4, 3) -> (1 + .75 + .5) / 3, G4 did
    # not rate EA; nobody ranked the themes -> 0; positions nabij, poly, mono -> 3 of 3; one
    # trekker of two needed; two of four chose Leerkringen (the most chosen form)
    assert ea[list(PARTS)].tolist() == pytest.approx([1.0, 0.75, 0.0, 1.0, 0.5, 0.5])
    # the ranking part is 0 for both themes: it does not separate them and is left out
    assert ea["score"] == pytest.approx((0.35 + 0.20 * 0.75 + 0.10 + 0.10 * 0.5 + 0.05 * 0.5)
                                        / 0.80)
    assert ea["score"] == pytest.approx(0.84375)
    assert (ea["n_gemeenten"], ea["vorm"], ea["n_trekkers"]) == (4, "Leerkringen", 1)
    members = programme_members(small)
    ea_members = members[members["item"] == "EA"]
    assert ea_members["gemeente_naam"].tolist() == ["Assen", "Breda", "Cuijk", "Delft"]
    assert ea_members.loc[ea_members["trekker"], "gemeente_naam"].tolist() == ["Assen"]


def test_demand_is_relative_to_the_most_asked_item_of_the_same_kind(small):
    programme = programme_from_inputs(small)
    ld = row(programme, "LD")
    # 2 of 4 for LD (EA is the most asked theme); urgency (2, 4) -> (.25 + .75) / 2; two
    # positions of three; two trekkers (enough); both chose Leerkringen
    assert ld[list(PARTS)].tolist() == pytest.approx([0.5, 0.5, 0.0, 2 / 3, 1.0, 1.0])
    assert ld["score"] == pytest.approx((0.35 * 0.5 + 0.10 + 0.10 * 2 / 3 + 0.10 + 0.05)
                                        / 0.80)
    # learning questions are compared with learning questions: LV1 (3) is the most asked
    assert row(programme, "LV1")["deel_vraag"] == 1.0
    assert row(programme, "LV2")["deel_vraag"] == pytest.approx(1 / 3)


def test_ranks_are_per_kind_and_the_table_lists_themes_first(small):
    programme = programme_from_inputs(small)
    assert programme[["soort", "item", "rang"]].astype(str).values.tolist() == [
        ["thema", "EA", "1"], ["thema", "LD", "2"],
        ["leervraag", "LV1", "1"], ["leervraag", "LV2", "2"]]


def test_no_trekker_gives_an_empty_name_and_a_zero_part(small):
    lv2 = row(programme_from_inputs(small), "LV2")
    assert (lv2["n_trekkers"], lv2["deel_trekker"]) == (0, 0.0)
    members = programme_members(small)
    assert not members.loc[members["item"] == "LV2", "trekker"].any()
    # Delft chose no form: no suggestion, and nothing agrees
    assert pd.isna(lv2["vorm"]) and lv2["deel_vorm"] == 0.0


@pytest.fixture
def demand_vs_urgency():
    """LV1: six municipalities that find the theme "enigszins urgent" (3); LV2: four that find it
    "zeer urgent" (5). Same breadth, trekkers and forms."""
    names = [("G1", "Assen"), ("G2", "Breda"), ("G3", "Cuijk"), ("G4", "Delft"),
             ("G5", "Ede"), ("G6", "Goes"), ("G7", "Hoorn"), ("G8", "Oss"), ("G9", "Tiel"),
             ("G10", "Venlo")]
    pos = [NABIJ, POLY, MONO]
    munis = [(c, n, pos[i % 3]) for i, (c, n) in enumerate(names)]
    lv1, lv2 = ["G1", "G2", "G3", "G4", "G5", "G6"], ["G7", "G8", "G9", "G10"]
    urgency = {**{(c, "EA"): 3 for c in lv1}, **{(c, "SV"): 5 for c in lv2}}
    return make_inputs(
        items=[("leervraag", "LV1", "veel vraag", "EA"), ("leervraag", "LV2", "urgent", "SV")],
        interest={"LV1": lv1, "LV2": lv2}, municipalities=munis, urgency=urgency,
        leads=[("G1", "EA"), ("G2", "EA"), ("G7", "SV"), ("G8", "SV")],
        forms={c: ["leerkringen"] for c in lv1 + lv2})


def test_weights_change_the_ranking_as_documented(demand_vs_urgency):
    # LV1: demand 1, urgency .5; LV2: demand 4/6, urgency 1; ranking (nobody ranked), breadth,
    # trekker and form the same for both: left out, only demand and urgency count
    default = programme_from_inputs(demand_vs_urgency)
    assert row(default, "LV1")["score"] == pytest.approx((0.35 + 0.20 * 0.5) / 0.55)  # .818
    assert row(default, "LV2")["score"] == pytest.approx((0.35 * 4 / 6 + 0.20) / 0.55)  # .788
    assert default["item"].tolist() == ["LV1", "LV2"]
    # urgency weighs more: (.35 + .2) / .75 = .733 against (.233 + .4) / .75 = .844
    urgency = programme_from_inputs(demand_vs_urgency, PriorityConfig(weight_urgency=0.4))
    assert row(urgency, "LV1")["score"] == pytest.approx(0.55 / 0.75)
    assert row(urgency, "LV2")["score"] == pytest.approx((0.35 * 4 / 6 + 0.4) / 0.75)
    assert urgency["item"].tolist() == ["LV2", "LV1"]


def test_only_the_ratios_of_the_weights_matter(demand_vs_urgency):
    doubled = PriorityConfig(**{f: 2 * w for f, w in zip(
        ["weight_demand", "weight_urgency", "weight_ranking", "weight_breadth", "weight_lead",
         "weight_form"],
        PriorityConfig().weights.values(), strict=True)})
    pd.testing.assert_frame_equal(programme_from_inputs(demand_vs_urgency, doubled),
                                  programme_from_inputs(demand_vs_urgency))


def test_a_config_with_negative_or_only_zero_weights_is_refused():
    with pytest.raises(ValueError):
        PriorityConfig(weight_demand=-0.1)
    with pytest.raises(ValueError):
        PriorityConfig(weight_demand=0, weight_urgency=0, weight_ranking=0, weight_breadth=0,
                       weight_lead=0, weight_form=0)


# --- sensitivity ------------------------------------------------------------------------------

# the weights before the ranking part: the sensitivity tests below were computed with them
FIVE = PriorityConfig(weight_demand=0.35, weight_urgency=0.25, weight_ranking=0.0,
                      weight_breadth=0.15, weight_lead=0.15, weight_form=0.10)
NO_RANKING = [p for p in PARTS if p != "deel_rangschikking"]


def parts_frame(rows: dict[str, list[float]], n: int = 5) -> pd.DataFrame:
    """Hand-made parts: item -> the five parts other than the ranking (0 for all); every item
    of kind leervraag."""
    frame = pd.DataFrame(rows, index=NO_RANKING).T.rename_axis("item").reset_index()
    frame["deel_rangschikking"] = 0.0
    frame.insert(0, "soort", pd.Categorical(["leervraag"] * len(frame),
                                            categories=["thema", "leervraag"], ordered=True))
    frame["n_gemeenten"] = n
    frame["volgorde"] = range(len(frame))
    return frame


def test_sensitivity_flags_a_borderline_pair_and_not_the_clear_winner_or_loser():
    # X: score .55, Y: .5625 - with demand 25% heavier X overtakes Y (.586 against .5575)
    parts = parts_frame({"W": [1, 1, 1, 1, 1], "X": [1, 0, .5, .5, .5],
                         "Y": [.5, .75, .5, .5, .5], "Z": [0, 0, 0, 0, 0]})
    result = stability(parts, FIVE)
    assert result["gevoelig"].to_dict() == {"W": False, "X": True, "Y": True, "Z": False}
    assert result.loc["X", ["rang_min", "rang_max"]].tolist() == [2, 3]
    assert result.loc["W", ["rang_min", "rang_max"]].tolist() == [1, 1]


def test_items_that_stay_in_the_top_n_under_every_variant():
    rows = {f"I{i}": [1 - i / 10, .5, .5, .5, .5] for i in range(6)}
    rows["I5"] = [.5, .66, .5, .5, .5]
    # I0..I4 score .675, .64, .605, .57, .535; I5 .54 is 5th, but 6th behind I4 when urgency
    # weighs 25% less (.532 against .537)
    result = stability(parts_frame(rows), FIVE)
    assert result["blijft_in_top"].to_dict() == {
        "I0": True, "I1": True, "I2": True, "I3": True, "I4": False, "I5": False}


# --- leerkringen ------------------------------------------------------------------------------

NAMES = ["Assen", "Breda", "Cuijk", "Delft", "Ede", "Goes", "Hoorn", "Lisse", "Oss", "Putten",
         "Rhenen", "Soest", "Tiel", "Uden", "Venlo", "Weert", "Zeist", "Zwolle", "Baarn", "Epe"]


def leerkring_inputs(sizes: list[int], *, overlap: bool = False,
                     leads: list[tuple[str, str]] = ()) -> PriorityInputs:
    """Learning questions LV1.. (theme EA) with ``sizes`` interested municipalities each: disjoint
    sets, or with ``overlap`` all drawn from the first municipalities."""
    pos = [NABIJ, POLY, MONO]
    munis = [(f"G{i:02d}", name, pos[i % 3]) for i, name in enumerate(NAMES)]
    interest, start = {}, 0
    for k, size in enumerate(sizes, start=1):
        first = 0 if overlap else start
        interest[f"LV{k}"] = [f"G{i:02d}" for i in range(first, first + size)]
        start += size
    items = [("leervraag", f"LV{k}", f"vraag {k}", "EA") for k in range(1, len(sizes) + 1)]
    codes = sorted({c for cs in interest.values() for c in cs})
    return make_inputs(items=items, interest=interest, municipalities=munis,
                       urgency={(c, "EA"): 4 for c in codes}, leads=leads,
                       forms={c: ["leerkringen" if i % 2 else "werkgroepen"]
                              for i, c in enumerate(codes)})


def propose(inputs: PriorityInputs, config: PriorityConfig = PriorityConfig()):
    return propose_leerkringen(programme_from_inputs(inputs, config), inputs, config)


def test_a_large_question_is_split_into_groups_of_four_to_eight():
    proposal = propose(leerkring_inputs([17]), PriorityConfig(leerkring_items=1))
    assert proposal.groepen["n_gemeenten"].tolist() == [6, 6, 5]
    assert proposal.leden.groupby("leerkring").size().tolist() == [6, 6, 5]
    assert sorted(proposal.leden["gemeente_code"]) == [f"G{i:02d}" for i in range(17)]


@pytest.mark.parametrize("size", [4, 5, 8, 9, 16, 20])
def test_every_group_has_four_to_eight_municipalities(size):
    groups = propose(leerkring_inputs([size])).groepen
    assert groups["n_gemeenten"].between(4, 8).all()
    assert groups["n_gemeenten"].sum() == size


def test_no_municipality_is_in_more_groups_than_the_limit():
    # four questions asked by the same six municipalities: the third and fourth find nobody free
    proposal = propose(leerkring_inputs([6, 6, 6, 6], overlap=True))
    per_municipality = proposal.leden.groupby("gemeente_code").size()
    assert per_municipality.max() == 2
    assert proposal.groepen["item"].tolist() == ["LV1", "LV2"]
    assert proposal.zonder_groep["item"].tolist() == ["LV3", "LV4"]
    assert proposal.zonder_groep["n_beschikbaar"].tolist() == [0, 0]
    assert "waarvan 6 al in 2 leerkringen zitten" in without_shown(proposal)["toelichting"][0]
    one = propose(leerkring_inputs([6, 6], overlap=True),
                  PriorityConfig(max_groups_per_municipality=1))
    assert one.leden.groupby("gemeente_code").size().max() == 1


def test_too_few_municipalities_give_a_clear_dutch_explanation_and_no_group():
    proposal = propose(leerkring_inputs([3]))
    assert proposal.groepen.empty
    # the table holds who asked; the sentence is written where it is shown
    assert proposal.buiten["gemeente_naam"].tolist() == ["Assen", "Breda", "Cuijk"]
    assert without_shown(proposal)["toelichting"].tolist() == [
        "Te weinig gemeenten voor een leerkring: 3 gemeenten hebben deze leervraag (Assen, "
        "Breda en Cuijk). Een leerkring vraagt minstens 4 gemeenten. Voorstel: bespreek de vraag "
        "in een netwerkbijeenkomst of voeg haar samen met een verwante leervraag."]


def test_each_group_gets_a_trekker_while_there_are_willing_municipalities():
    # 12 municipalities -> two groups of 6; Delft (G03) and Lisse (G07) lead EA, Ede SV
    inputs = leerkring_inputs([12], leads=[("G03", "EA"), ("G07", "EA"), ("G05", "SV")])
    groups = groups_shown(propose(inputs))
    assert groups["trekker"].tolist() == ["Delft", "Lisse"]
    assert (groups["toelichting"] == "").all()
    lone = groups_shown(propose(leerkring_inputs([12], leads=[("G03", "EA")])))
    # the trekker of another theme (SV) does not count; the second group has none and says so
    assert lone["trekker"].tolist() == ["Delft", ""]
    assert lone["toelichting"].iloc[1] == (
        "Geen gemeente in deze groep wil trekker zijn van het thema Economie & arbeidsmarkt; "
        "wel Delft, buiten de groep. Vraag een van hen, of laat het programmateam trekken.")
    nobody = groups_shown(propose(leerkring_inputs([5])))
    assert nobody["trekker"].tolist() == [""]
    assert nobody["toelichting"].tolist() == [
        "Geen gemeente in deze groep wil trekker zijn van het thema Economie & arbeidsmarkt; "
        "het programmateam zoekt een trekker of trekt zelf."]


def test_groups_mix_positions_and_name_the_preferred_form():
    proposal = propose(leerkring_inputs([12]))
    groups = groups_shown(proposal)
    # G00..G11 cycle nabij/poly/mono; dealt in turn per position, each group gets 2 of each
    assert proposal.leden.groupby("leerkring")["positie"].value_counts().eq(2).all()
    assert groups["posities"].tolist() == [
        "2 nabij een grotere stad, 2 polycentrische regio, 2 monocentrische regio"] * 2
    assert set(groups["vorm"]) <= {"Leerkringen", "Werkgroepen"}


# --- determinism and edge cases ---------------------------------------------------------------

def shuffled(inputs: PriorityInputs, seed: int) -> PriorityInputs:
    rng = np.random.default_rng(seed)
    return PriorityInputs(*[f.iloc[rng.permutation(len(f))] for f in (
        inputs.items, inputs.interest, inputs.municipalities, inputs.municipality_themes,
        inputs.forms)])


def test_same_input_twice_and_permuted_rows_give_identical_results(small):
    inputs = leerkring_inputs([9, 6, 5, 3], overlap=True, leads=[("G02", "EA")])
    first, again = programme_from_inputs(inputs), programme_from_inputs(inputs)
    pd.testing.assert_frame_equal(first, again)
    permuted = shuffled(inputs, seed=3)
    pd.testing.assert_frame_equal(programme_from_inputs(permuted), first)
    a, b = propose(inputs), propose(permuted)
    for name in ("groepen", "leden", "zonder_groep"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))


def test_no_learning_questions_gives_themes_only_and_no_leerkringen(small):
    themes_only = PriorityInputs(small.items[small.items["soort"] == "thema"], small.interest,
                                 small.municipalities, small.municipality_themes, small.forms)
    programme = programme_from_inputs(themes_only)
    assert programme["item"].tolist() == ["EA", "LD"]
    proposal = propose_leerkringen(programme, themes_only)
    assert proposal.groepen.empty and proposal.zonder_groep.empty


# --- the public functions on processed-style tables -----------------------------------------

@dataclass(frozen=True)
class Clusters:
    """The frames of ``text.LearningNeeds`` that the work programme reads."""

    needs: pd.DataFrame
    members: pd.DataFrame
    quotes: pd.DataFrame


def processed(n: int = 6):
    """``n`` municipalities with one respondent each: urgency of EA 5, 4, 3 ...; the first
    leads EA; all prefer Leerkringen; the first five asked learning question 1."""
    codes = [f"GM{i:04d}" for i in range(1, n + 1)]
    responses = pd.DataFrame({
        "response_id": pd.array([f"r{i}" for i in range(n)], dtype="string"),
        "gemeente_code": pd.Categorical(codes),
        "gemeente_naam": pd.Categorical(NAMES[:n]),
        "positie_zelf": pd.Categorical([[NABIJ, POLY, MONO][i % 3] for i in range(n)],
                                       dtype=ZELF),
        "positie_cbs": pd.Categorical([None] * n, dtype=PositieDtype)})
    rows = [(f"r{i}", "EA_urgentie", "EA", None, 5 - i % 5) for i in range(n)]
    rows += [(f"r{i}", "vorm", None, "leerkringen", 1) for i in range(n)]
    rows += [("r0", "trekker", "EA", "EA", 1)] + [(f"r{i}", "trekker", None, "geen", 1)
                                                  for i in range(1, n)]
    answers = pd.DataFrame(rows, columns=["response_id", "question_id", "theme", "item",
                                          "value"]).astype(
        {"response_id": "category", "question_id": "category", "theme": "category",
         "item": "category", "value": "Int8"}).assign(label=pd.Categorical([None] * len(rows)))
    clusters = Clusters(
        needs=pd.DataFrame({"cluster": pd.array([1], dtype="Int64"),
                               "label": ["=samenwerken met het onderwijs"], "theme": ["EA"],
                               "opgave": ["EA6"], "opgave_tekst": ["Nauwere samenwerking"],
                               "n_gemeenten": [5], "n_teksten": [5]}),
        members=pd.DataFrame({"response_id": [f"r{i}" for i in range(min(n, 5))],
                              "question_id": "EA_leervraag", "cluster": 1, "text": "x"}),
        quotes=pd.DataFrame(columns=["cluster", "rank", "text"]))
    return answers, responses, clusters


def test_work_programme_from_processed_tables_reads_urgency_trekkers_and_forms():
    answers, responses, clusters = processed()
    programme = work_programme(answers, responses, clusters)
    assert programme["item"].tolist() == ["EA", "LD", "SV", "EF", "LV1"]
    lv1 = row(programme, "LV1")
    # urgency 5, 4, 3, 2, 1 -> mean 3 -> .5; nobody ranked; nabij, poly, mono; one trekker;
    # all Leerkringen
    assert lv1[list(PARTS)].tolist() == pytest.approx([1.0, 0.5, 0.0, 1.0, 0.5, 1.0])
    assert (lv1["n_gemeenten"], lv1["vorm"]) == (5, "Leerkringen")
    # EA interests those finding it at least "urgent" (4) or leading, or asking within it
    assert row(programme, "EA")["n_gemeenten"] == 6
    assert row(programme, "LD")["n_gemeenten"] == 0
    proposal = leerkring_proposal(answers, responses, clusters)
    assert proposal.groepen[["item", "n_gemeenten", "trekker", "vorm"]].values.tolist() == [
        ["LV1", 5, "Assen", "Leerkringen"]]
    result = plan(answers, responses, clusters)
    pd.testing.assert_frame_equal(result.programma, programme)
    leads = result.gemeenten[result.gemeenten["trekker"]]
    assert leads.loc[leads["item"] == "LV1", "gemeente_naam"].tolist() == ["Assen"]
    pd.testing.assert_frame_equal(result.leerkringen.leden, proposal.leden)
    base = result.gevoeligheid[result.gevoeligheid["variant"] == "basis"]
    assert base["item"].tolist() == programme["item"].tolist()
    assert base["rang"].tolist() == programme["rang"].tolist()


def test_permuted_processed_rows_give_the_same_programme_and_leerkringen():
    answers, responses, clusters = processed(9)
    rng = np.random.default_rng(7)
    mixed = (answers.iloc[rng.permutation(len(answers))],
             responses.iloc[rng.permutation(len(responses))],
             Clusters(clusters.needs, clusters.members.iloc[::-1], clusters.quotes))
    pd.testing.assert_frame_equal(work_programme(*mixed), work_programme(answers, responses,
                                                                          clusters))
    a, b = leerkring_proposal(*mixed), leerkring_proposal(answers, responses, clusters)
    pd.testing.assert_frame_equal(a.groepen, b.groepen)
    pd.testing.assert_frame_equal(a.leden, b.leden)


def test_empty_input_gives_the_four_themes_without_interest_and_no_leerkringen():
    answers, responses, clusters = processed()
    empty = Clusters(clusters.needs.iloc[:0], clusters.members.iloc[:0],
                     clusters.quotes)
    programme = work_programme(answers.iloc[:0], responses.iloc[:0], empty)
    assert programme["item"].tolist() == ["EA", "LD", "SV", "EF"]
    assert (programme["n_gemeenten"] == 0).all() and (programme["score"] == 0).all()
    assert not programme["gevoelig"].any()
    proposal = leerkring_proposal(answers.iloc[:0], responses.iloc[:0], empty)
    assert proposal.groepen.empty and proposal.leden.empty


# --- export -----------------------------------------------------------------------------------

def test_the_workbook_has_both_sheets_and_no_cell_starts_a_formula(tmp_path):
    answers, responses, clusters = processed()
    result = plan(answers, responses, clusters)
    programme, proposal, members = result.programma, result.leerkringen, result.gemeenten
    path = write_programme_xlsx(programme, proposal, tmp_path / "werkprogramma.xlsx",
                                members=members, sensitivity=result.gevoeligheid)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["programma", "leerkringen", "gevoeligheid"]
    texts = [c.value for sheet in book for r in sheet.iter_rows() for c in r
             if isinstance(c.value, str)]
    assert "'=samenwerken met het onderwijs" in texts  # the label, defused
    assert not [t for t in texts if t.startswith(FORMULA_START)]
    assert all(c.data_type != "f" for sheet in book for r in sheet.iter_rows() for c in r)
    again = write_programme_xlsx(programme, proposal, tmp_path / "opnieuw.xlsx", members=members,
                                 sensitivity=result.gevoeligheid)
    assert again.read_bytes() == path.read_bytes()


# --- for readers ------------------------------------------------------------------------------

def test_the_programme_table_shows_every_part_and_the_candidate_trekkers(small):
    from pmg_analysis.prioritise.tables import programme_table

    programme = programme_from_inputs(small)
    table = programme_table(programme)
    assert table.columns.tolist() == [
        "rang", "onderwerp", "score", "Vraag", "Urgentie", "Rangschikking", "Breedte",
        "Trekker", "Vorm",
        "gemeenten", "voorgestelde vorm", "kandidaat-trekkers", "gevoelig"]
    assert table["kandidaat-trekkers"].tolist() == [1, 2, 1, 0]




def test_the_pipeline_step_writes_the_workbook_from_the_processed_tables(tmp_path):
    from pmg_analysis.context import RunContext
    from pmg_analysis.pipeline import write_analysis

    answers, responses, _ = processed()
    texts = pd.DataFrame({
        "response_id": [f"r{i}" for i in range(5)], "question_id": "EA_leervraag",
        "theme": "EA", "item": None,
        "text": ["Hoe houden we jong talent vast in de regio?"] * 3
        + ["Hoe krijgen we werkgevers en het mbo aan tafel?"] * 2}).astype("category")
    written = write_analysis({"answers": answers, "responses": responses, "texts": texts},
                             RunContext(processed=tmp_path), source_sha256="0" * 64)
    path = tmp_path / "werkprogramma.xlsx"
    assert written[-1] == path and tmp_path / "resultaat_programma.parquet" in written
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["programma", "leerkringen", "gevoeligheid"]
    items = [r[2] for r in book["programma"].iter_rows(min_row=2, values_only=True)]
    assert items[:4] == ["EA", "LD", "SV", "EF"] and items[4].startswith("LV")

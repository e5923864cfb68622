"""Respondent side: derived vs ticked position, kappa, grouping, answer profiles, clusters."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmg_analysis.regions import (
    GroupingConfig,
    add_positie_cbs,
    agreement,
    answer_profiles,
    cluster_profiles,
    positie,
    positie_bron,
    positie_per_gemeente,
)

CODES = ["GM0355", "GM0345", "GM0294", "GM0200", "GM0344"]
ZELF = pd.CategoricalDtype(["nabij_grotere_stad", "polycentrisch", "monocentrisch", "weet_niet"])


@pytest.fixture
def gemeenten():
    return pd.DataFrame({
        "gemeente_code": pd.Categorical(["GM0294", "GM0345", "GM0355", "GM0200"]),
        "positie_cbs": pd.Categorical(
            ["monocentrisch", "polycentrisch", "nabij_grotere_stad", "polycentrisch"],
            categories=["nabij_grotere_stad", "polycentrisch", "monocentrisch"]),
    })


@pytest.fixture
def responses():
    return pd.DataFrame({
        "response_id": ["r1", "r2", "r3", "r4", "r5", "r6"],
        "gemeente_code": pd.Categorical(["GM0355", "GM0345", "GM0294", "GM0200", "GM0344",
                                         "GM0355"], categories=CODES),
        "gemeente_naam": ["Zeist", "Veenendaal", "Winterswijk", "Apeldoorn", "Utrecht", "Zeist"],
        "positie_zelf": pd.Categorical(["nabij_grotere_stad", "polycentrisch", "polycentrisch",
                                        "monocentrisch", "weet_niet", None], dtype=ZELF),
    })


def test_add_positie_cbs_maps_codes_and_leaves_unknown_na(responses, gemeenten):
    out = add_positie_cbs(responses, gemeenten)
    assert out["positie_cbs"].astype("string").tolist()[:5] == [
        "nabij_grotere_stad", "polycentrisch", "monocentrisch", "polycentrisch", pd.NA]
    assert list(out["positie_cbs"].cat.categories) == ["nabij_grotere_stad", "polycentrisch",
                                                       "monocentrisch"]
    assert "positie_cbs" not in responses.columns  # input not modified
    assert add_positie_cbs(responses, None)["positie_cbs"].isna().all()


def test_agreement_crosstab_kappa_and_differences(responses, gemeenten):
    result = agreement(add_positie_cbs(responses, gemeenten))
    # both known: r1 (n/n), r2 (p/p), r3 (p/m), r4 (m/p) -> observed 2/4
    assert result.n == 4
    po = 0.5
    zelf = np.array([1, 2, 1]) / 4  # n, p, m
    cbs = np.array([1, 2, 1]) / 4
    pe = float(zelf @ cbs)
    assert result.kappa == pytest.approx((po - pe) / (1 - pe))
    assert list(result.crosstab.index) == [
        "nabij_grotere_stad", "polycentrisch", "monocentrisch", "weet_niet", "onbekend"]
    assert result.crosstab.loc["onbekend", "nabij_grotere_stad"] == 1  # r6: nothing ticked
    assert result.crosstab.loc["polycentrisch", "monocentrisch"] == 1  # r3 Winterswijk
    assert result.crosstab.loc["weet_niet"].sum() == 0  # r5 (Utrecht) has no CBS position
    assert int(result.crosstab.to_numpy().sum()) == 5
    assert result.verschillen["gemeente_naam"].tolist() == ["Apeldoorn", "Winterswijk"]
    assert result.verschillen["n_respondenten"].tolist() == [1, 1]


def test_grouping_default_derived_else_ticked(responses, gemeenten):
    with_cbs = add_positie_cbs(responses, gemeenten)
    with_cbs.loc[1, "positie_cbs"] = None  # Veenendaal without CBS data -> ticked
    grouped = positie(with_cbs)
    assert grouped.astype("string").tolist() == [
        "nabij_grotere_stad", "polycentrisch", "monocentrisch", "polycentrisch", pd.NA,
        "nabij_grotere_stad"]
    assert positie_bron(with_cbs).astype("string").tolist() == [
        "cbs", "zelf", "cbs", "cbs", pd.NA, "cbs"]
    ticked = positie(with_cbs, GroupingConfig(bron="zelf"))
    assert ticked.astype("string").tolist()[:5] == [
        "nabij_grotere_stad", "polycentrisch", "polycentrisch", "monocentrisch", pd.NA]
    # without any CBS column the ticked position is used
    assert positie(responses).astype("string").tolist()[2] == "polycentrisch"


def _answers(rows):
    frame = pd.DataFrame(rows, columns=["response_id", "question_id", "theme", "item", "value"])
    frame["value"] = frame["value"].astype("Float64")
    frame["label"] = pd.NA
    return frame


def test_answer_profiles_one_row_per_municipality(responses):
    answers = _answers([
        ("r1", "EA_urgentie", "EA", pd.NA, 5), ("r6", "EA_urgentie", "EA", pd.NA, 3),
        ("r2", "EA_urgentie", "EA", pd.NA, 2),
        ("r1", "EA_opgaven", "EA", "EA1", 1), ("r1", "EA_opgaven", "EA", "EA8", 1),
        ("r6", "EA_opgaven", "EA", "EA1", 1),
        ("r2", "EA_opgaven", "EA", "EA3", 1), ("r2", "EA_opgaven", "EA", "anders", 1),
        ("r1", "prioriteit", pd.NA, "EA", 1), ("r1", "prioriteit", pd.NA, "LD", 2),
        ("r6", "prioriteit", pd.NA, "EA", 3),
        ("r9", "EA_urgentie", "EA", pd.NA, 1),  # unknown response: ignored
    ])
    p = answer_profiles(answers, responses)
    assert p.index.tolist() == sorted(set(CODES))
    zeist = p.loc["GM0355"]
    assert zeist["n_respondenten"] == 2
    assert zeist["urgentie_EA"] == 4.0
    assert zeist["opgave_EA1"] == 1.0 and zeist["opgave_EA8"] == 0.5
    assert zeist["opgave_EA2"] == 0.0  # answered, not chosen
    assert pd.isna(zeist["opgave_LD1"])  # LD opgaven not answered
    assert zeist["rang_EA"] == 2.0 and zeist["rang_LD"] == 2.0
    assert p.loc["GM0345", "opgave_EA3"] == 1.0
    assert "opgave_anders" not in p.columns
    assert pd.isna(p.loc["GM0294", "urgentie_EA"])
    assert all(str(t) == "Float64" for t in p.dtypes)


def test_cluster_profiles_with_an_honest_note():
    rng = np.random.default_rng(0)
    codes = [f"GM{i:04d}" for i in range(12)]
    # two clear answer profiles, lined up with two position types
    base = np.repeat([[5.0, 1.0, 0.9], [1.0, 5.0, 0.1]], 6, axis=0)
    profiles = pd.DataFrame(base + rng.normal(0, 0.1, base.shape), index=codes,
                            columns=["urgentie_EA", "urgentie_LD", "opgave_EA1"]).astype("Float64")
    profiles.insert(0, "n_respondenten", 1.0)
    types = pd.Series(["polycentrisch"] * 6 + ["monocentrisch"] * 6, index=codes)
    result = cluster_profiles(profiles, types)
    assert result.k == 2
    assert result.ari == pytest.approx(1.0)
    assert "n_respondenten" not in result.features
    assert "12 gemeenten" in result.note and "kleine steekproef" in result.note
    assert "duidelijk" in result.note


def test_cluster_profiles_too_few_municipalities():
    profiles = pd.DataFrame({"urgentie_EA": [1.0, 5.0, 3.0]}, index=["a", "b", "c"])
    result = cluster_profiles(profiles)
    assert result.k is None and "niet zinvol" in result.note


def test_positie_per_gemeente_takes_the_most_frequent(responses, gemeenten):
    grouped = positie(responses, GroupingConfig(bron="zelf"))
    per = positie_per_gemeente(responses, grouped)
    assert per["GM0355"] == "nabij_grotere_stad"
    assert "GM0344" not in per.index  # weet_niet only

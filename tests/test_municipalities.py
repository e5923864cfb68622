"""Municipality register and name matching."""

from __future__ import annotations

import time
from importlib import resources

import pandas as pd
import pytest
import yaml

from pmg_analysis.municipalities import (
    MATCH_KINDS,
    MatchConfig,
    load_register,
    match_municipalities,
    normalise_name,
)


def match_one(name: str | None, config: MatchConfig = MatchConfig()) -> pd.Series:
    return match_municipalities(pd.Series([name], dtype="string"), config).iloc[0]


def test_register_has_388_municipalities_of_2017():
    reg = load_register()
    assert list(reg.columns) == ["gemeente_code", "gemeente_naam"]
    assert len(reg) == 388
    assert reg["gemeente_code"].is_unique and reg["gemeente_naam"].is_unique
    assert reg["gemeente_code"].str.fullmatch(r"GM\d{4}").all()
    assert reg.set_index("gemeente_code").loc["GM0355", "gemeente_naam"] == "Zeist"
    assert "Súdwest-Fryslân" in set(reg["gemeente_naam"])


def test_load_register_returns_a_copy():
    reg = load_register()
    reg.loc[0, "gemeente_naam"] = "Gewijzigd"
    assert load_register().loc[0, "gemeente_naam"] != "Gewijzigd"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Gemeente Zeist", "zeist"),
        ("  zeist  ", "zeist"),
        ("gem. Zeist", "zeist"),
        ("GEMEENTE   De  Ronde Venen", "de ronde venen"),
        ("'s-Hertogenbosch", "s hertogenbosch"),
        ("s-Hertogenbosch", "s hertogenbosch"),
        ("’s Hertogenbosch", "s hertogenbosch"),
        ("Súdwest-Fryslân", "sudwest fryslan"),
        ("Veenendaal.", "veenendaal"),
        ("Bergen (NH.)", "bergen nh"),
        ("Bergen N.H.", "bergen nh"),
        ("gemeente Bergen (Noord-Holland)", "bergen nh"),
        ("Bergen (L.)", "bergen l"),
        ("Bergen (provincie Limburg)", "bergen l"),
        ("Utrecht (provincie)", "utrecht provincie"),
        ("Provincie Utrecht", "utrecht provincie"),
        ("Veenendaal (Foodvalley)", "veenendaal"),
        ("St. Michielsgestel", "sint michielsgestel"),
        ("Gilze & Rijen", "gilze en rijen"),
        ("", ""),
        ("Gemeente", ""),
        (None, ""),
    ],
)
def test_normalise_name(raw, expected):
    assert normalise_name(raw) == expected


@pytest.mark.parametrize(
    ("raw", "kind", "code"),
    [
        ("Gemeente Zeist", "exact", "GM0355"),
        ("zeist ", "exact", "GM0355"),
        ("Den Bosch", "alias", "GM0796"),
        ("s-Hertogenbosch", "exact", "GM0796"),
        ("'s Hertogenbosch", "exact", "GM0796"),
        ("Den Haag", "alias", "GM0518"),
        ("Nuenen", "alias", "GM0820"),
        ("Sudwest Fryslan", "exact", "GM1900"),
        ("Zuidwest-Friesland", "alias", "GM1900"),
        ("Rosendaal", "fuzzy", "GM1674"),
        ("Nieuwegijn", "fuzzy", "GM0356"),
        ("Veenendaal.", "exact", "GM0345"),
        ("Nieuwegein", "exact", "GM0356"),
        ("Harderwyk", "exact", "GM0243"),
        ("Bergen NH", "exact", "GM0373"),
        ("Gemeente Bergen (Limburg)", "exact", "GM0893"),
        ("Hengelo (Ov.)", "exact", "GM0164"),
        ("GM0355", "exact", "GM0355"),
        ("Gorkum", "alias", "GM0512"),
    ],
)
def test_match_known_names(raw, kind, code):
    row = match_one(raw)
    assert row["match"] == kind
    assert row["gemeente_code"] == code
    assert row["gemeente_naam"] == load_register().set_index("gemeente_code").loc[
        code, "gemeente_naam"]
    assert pd.isna(row["candidates"])
    assert row["score"] >= MatchConfig().threshold


def test_bare_bergen_is_ambiguous_between_both_bergens():
    row = match_one("Bergen")
    assert row["match"] == "ambiguous"
    assert pd.isna(row["gemeente_code"])
    assert row["candidates"] == "Bergen (NH.) (GM0373); Bergen (L.) (GM0893)"


def test_alias_shared_by_two_municipalities_is_ambiguous():
    row = match_one("Alphen")
    assert row["match"] == "ambiguous"
    assert "GM0484" in row["candidates"] and "GM1723" in row["candidates"]


def test_a_province_is_not_a_municipality():
    # "Utrecht (provincie)" names the province: not matched, the city is only a candidate.
    for raw in ("Utrecht (provincie)", "Provincie Utrecht"):
        row = match_one(raw)
        assert row["match"] == "unknown"
        assert pd.isna(row["gemeente_code"])
        assert row["candidates"] == "Utrecht (GM0344)"
    assert match_one("Gemeente Utrecht")["gemeente_code"] == "GM0344"


def test_unknown_and_empty():
    xyz = match_one("xyz")
    assert xyz["match"] == "unknown" and pd.isna(xyz["gemeente_code"])
    assert pd.isna(xyz["candidates"]) and xyz["score"] < 50
    near = match_one("Zeits")  # a transposition in a short name: a near miss, not a match
    assert near["match"] == "unknown" and near["candidates"] == "Zeist (GM0355)"
    for raw in ("", "   ", None, "Gemeente"):
        row = match_one(raw)
        assert row["match"] == "empty" and pd.isna(row["score"])


def test_output_frame_keeps_index_and_dtypes():
    names = pd.Series(["Zeist", None, "Bergen", "xyz"], index=[10, 20, 30, 40], dtype="string")
    out = match_municipalities(names)
    assert list(out.index) == [10, 20, 30, 40]
    assert list(out.columns) == ["gemeente_code", "gemeente_naam", "match", "score", "candidates"]
    assert isinstance(out["gemeente_code"].dtype, pd.CategoricalDtype)
    assert len(out["gemeente_code"].cat.categories) == 388
    assert len(out["gemeente_naam"].cat.categories) == 388
    assert list(out["match"].cat.categories) == list(MATCH_KINDS)
    assert out["score"].dtype == "Float64"
    assert out["candidates"].dtype == "string"
    assert list(out["match"]) == ["exact", "empty", "ambiguous", "unknown"]


def test_config_threshold_and_margin_are_used():
    strict = MatchConfig(threshold=97.0)
    row = match_one("Rosendaal", strict)
    assert row["match"] == "unknown" and "Roosendaal (GM1674)" in row["candidates"]
    # "Werden" is one edit from both Wierden and Woerden.
    assert match_one("Werden")["match"] == "ambiguous"
    assert match_one("Werden", MatchConfig(ambiguity_margin=0.0))["match"] == "ambiguous"
    wide = match_one("Nieuwegijn", MatchConfig(ambiguity_margin=40.0))
    assert wide["match"] == "ambiguous" and "Nieuwegein (GM0356)" in wide["candidates"]


def test_every_register_name_matches_itself_exactly():
    reg = load_register()
    out = match_municipalities(reg["gemeente_naam"])
    assert (out["match"] == "exact").all()
    assert (out["gemeente_code"].astype(str) == reg["gemeente_code"]).all()


def test_alias_file_points_at_register_codes_and_resolves():
    text = resources.files("pmg_analysis").joinpath("data/gemeente_aliassen.yaml")
    aliases = yaml.safe_load(text.read_text("utf-8"))
    codes = set(load_register()["gemeente_code"])
    assert set(aliases) <= codes
    owners: dict[str, set[str]] = {}
    for code, names in aliases.items():
        for a in names:
            owners.setdefault(normalise_name(a), set()).add(code)
    for code, names in aliases.items():
        for a in names:
            row = match_one(a)
            if len(owners[normalise_name(a)]) == 1:
                assert row["gemeente_code"] == code, a
            else:
                assert row["match"] == "ambiguous" and code in row["candidates"], a


def test_large_input_is_matched_on_unique_values():
    base = ["Gemeente Zeist", "Rosendaal", "Den Bosch", "Bergen", "xyz", None, "Veenendaal."]
    big = pd.Series(base * 50_000, dtype="string")
    t0 = time.perf_counter()
    out = match_municipalities(big)
    elapsed = time.perf_counter() - t0
    small = match_municipalities(pd.Series(base, dtype="string"))
    assert len(out) == len(big)
    pd.testing.assert_frame_equal(out.iloc[: len(base)].reset_index(drop=True),
                                  small.reset_index(drop=True))
    assert (out["match"].astype(str).to_numpy().reshape(-1, len(base))
            == small["match"].astype(str).to_numpy()).all()
    assert elapsed < 10, f"350k names took {elapsed:.1f}s; matching must work on unique values"

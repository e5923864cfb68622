"""The typology against the published-sources validation set, and the borderline flags."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from pmg_analysis import plots, regions
from pmg_analysis.regions import TypologyConfig, borderline, classify
from pmg_analysis.regions.borderline import moved, numeric_paths
from pmg_analysis.regions.indicators import IndicatorConfig, compute_indicators
from pmg_analysis.regions.overview import THRESHOLDS

TYPES = set(regions.POSITIE_TYPES)


@pytest.fixture(scope="module")
def real_tables():
    from conftest import shared_path

    return regions.build_tables(shared_path("reference"))


@pytest.fixture(scope="module")
def real_gemeenten(real_tables):
    return real_tables.gemeenten


# --- the validation set itself (no CBS files needed) ---

def test_validation_set_has_forty_plus_medium_sized_municipalities_in_all_provinces():
    v = regions.load_validation()
    assert len(v) >= 40
    assert v["provincie"].nunique() == 12
    assert set(v["positie"].astype(str)) == TYPES
    assert v["positie"].value_counts().min() >= 10
    assert v["bron"].str.len().min() >= 10 and v["toelichting"].str.endswith(".").all()


def test_validation_set_has_a_held_out_part_spread_over_the_country():
    v = regions.load_validation()
    assert v["deel"].value_counts().to_dict() == {"ontwikkeling": 58, "toets": 28}
    toets = v[v["deel"] == "toets"]
    assert toets["provincie"].nunique() >= 8
    assert set(toets["positie"].astype(str)) == TYPES
    # the held-out part adds municipalities, it does not relabel the development part
    assert not set(toets["gemeente_code"]) & set(v.loc[v["deel"] == "ontwikkeling",
                                                       "gemeente_code"])


def test_accuracy_per_part_and_its_sentence_name_both_parts_and_the_total():
    v = pd.DataFrame({"deel": ["ontwikkeling"] * 4 + ["toets"] * 2,
                      "goed": [True, True, True, False, True, False]})
    per = regions.accuracy_per_part(v).set_index("deel")
    assert per["goed"].tolist() == [3, 1, 4] and per["aantal"].tolist() == [4, 2, 6]
    assert (per["laag"] < per["aandeel"]).all() and (per["aandeel"] < per["hoog"]).all()
    zin = regions.validation_sentence(v)
    assert zin.startswith("Van de 6 gemeenten in de toetsset krijgen er 4 ")
    assert "3 van 4 (75,0%)" in zin and "1 van 2 (50,0%)" in zin


def test_target_sentence_says_where_the_target_is_met_and_what_core_data_would_add():
    v = pd.DataFrame({"deel": ["ontwikkeling"] * 4 + ["toets"] * 2,
                      "goed": [True, True, False, False, True, True],
                      "positie": ["polycentrisch"] * 6,
                      "oad": [2_000, 2_000, 800, 2_000, 2_000, 2_000]})
    zin = regions.validation_target_sentence(v)
    assert zin.startswith("Het doel van 85% goed wordt over de hele set niet gehaald (66,7%), "
                          "op het toetsdeel wel (100,0%).")
    # one miss is a non-urban municipality the source calls polycentric: 5 of 6 with it right
    assert "is er 1 gemeente waarvan" in zin and "op 83,3% uitkomen." in zin
    assert "niet gehaald" not in regions.validation_target_sentence(v, doel=0.6)


def test_with_core_figures_a_non_urban_miss_is_not_counted_as_needing_them():
    v = pd.DataFrame({"deel": ["ontwikkeling"] * 4 + ["toets"] * 2,
                      "goed": [True, True, False, False, True, True],
                      "positie": ["polycentrisch"] * 6,
                      "oad": [2_000, 2_000, 800, 2_000, 2_000, 2_000],
                      "kern_bron": ["kernen"] * 6})
    assert "inwoners per kern" not in regions.validation_target_sentence(v)
    without = v.assign(kern_bron=["kernen", "kernen", "gemeente", "kernen", "kernen", "kernen"])
    assert "is er 1 gemeente waarvan" in regions.validation_target_sentence(without)


def test_a_miss_whose_largest_core_is_a_village_says_so_in_one_sentence():
    row = pd.Series({"gemeente_code": "GM0197", "positie": "polycentrisch",
                     "positie_cbs": "monocentrisch", "grotere_stad_naam": "Enschede",
                     "afstand_grotere_stad_km": 38.0, "bereik_grotere_stad": 2.2,
                     "dominantie": pd.NA, "stedelijke_buur_naam": pd.NA,
                     "centrum_naam": "Winterswijk", "centrum_code": "GM0294", "oad": 782,
                     "kern_bron": "kernen", "stad": False, "grootste_kern": "Aalten",
                     "kern_inwoners": 12_520})
    reason = regions.miss_reason(row)
    assert reason.startswith("De grootste kern van de gemeente, Aalten, heeft 12.520 inwoners "
                             "(< 20.000)")
    assert "Winterswijk" in reason and reason.endswith(".") and ". " not in reason


def test_validation_codes_and_names_match_the_municipality_register():
    from pmg_analysis.municipalities import load_register

    register = load_register()
    names = dict(zip(register["gemeente_code"].astype(str), register["gemeente_naam"],
                     strict=True))
    v = regions.load_validation()
    assert [names.get(c) for c in v["gemeente_code"]] == v["gemeente_naam"].tolist()


def test_validation_includes_the_hard_cases_of_the_issue():
    names = set(regions.load_validation()["gemeente_naam"])
    assert {"Zeist", "Veenendaal", "Winterswijk", "Heerenveen", "Súdwest-Fryslân", "Emmen",
            "Terneuzen", "Goes", "Venlo", "Roermond", "Doetinchem", "Amstelveen",
            "Capelle aan den IJssel", "Rijswijk", "Haarlemmermeer"} <= names


# --- on the real CBS/PDOK data ---

@pytest.mark.shared
def test_validation_accuracy_is_measured_and_printed(real_gemeenten, report_metric):
    validated = regions.validate(real_gemeenten)
    parts = regions.accuracy_per_part(validated).set_index("deel")
    per = regions.accuracy_per_type(validated)
    misses = ", ".join(validated.loc[~validated["goed"], "gemeente_naam"])
    rows = parts.reset_index().itertuples()
    report_metric("positie in de regio: "
                  + "; ".join(f"{r.deel} {r.goed}/{r.aantal} ({r.aandeel:.1%}, 95% "
                              f"{r.laag:.0%}-{r.hoog:.0%})" for r in rows)
                  + " (per type "
                  + ", ".join(f"{r.positie} {r.goed}/{r.aantal}" for r in per.itertuples())
                  + f"); gemist: {misses}")
    # The issue's target is 85%; the measured figures are reported above. These bounds guard
    # against a regression: the development part (41 of 58 with the share of the radius
    # population, 47 with dominance over the single largest other town, 48 with the towns'
    # networks, 50 with population per core, issue 18) and the held-out part, measured once on
    # the rules of issue 10 (25 of 28) and once on the rules of issue 18, written down before
    # (26 of 28: Oldambt now right). Each bound allows one more miss; the whole set stays at
    # the target (76 of 86 now; 74 is 86.0%).
    assert parts.loc["ontwikkeling", "goed"] >= 49
    assert parts.loc["toets", "goed"] >= 25
    assert parts.loc["totaal", "aandeel"] >= 0.85


@pytest.mark.shared
def test_validation_municipalities_are_medium_sized_in_2017(real_gemeenten):
    validated = regions.validate(real_gemeenten)
    assert validated["inwoners"].between(25_000, 150_000).all()


@pytest.mark.shared
def test_seed_exemplars_and_every_miss_explained(real_gemeenten):
    validated = regions.validate(real_gemeenten)
    seed = validated.set_index("gemeente_naam").loc[["Zeist", "Veenendaal", "Winterswijk"]]
    assert seed["goed"].all()
    misses = regions.misses_table(validated, plots.POSITION_LABELS)
    assert len(misses) == int((~validated["goed"]).sum())
    reasons = misses["Waarom de regels afwijken"]
    assert reasons.notna().all() and reasons.str.endswith(".").all()
    assert (reasons.str.count(r"\. ") == 0).all()  # one sentence each


@pytest.mark.shared
def test_twin_towns_in_thin_regions_and_regional_centres_come_out_right(real_gemeenten):
    # The two patterns of issue 10 on their clearest cases.
    g = real_gemeenten.set_index("gemeente_naam")["positie_cbs"].astype(str)
    for twin in ("Heerenveen", "Smallingerland", "Roosendaal", "Bergen op Zoom", "Middelburg",
                 "Vlissingen", "Ede", "Veenendaal", "Hengelo", "Almelo", "Heerlen", "Kerkrade"):
        assert g[twin] == "polycentrisch", twin
    for centre in ("Leeuwarden", "Venlo", "Roermond", "Doetinchem", "Emmen", "Terneuzen",
                   "Gouda", "Gorinchem", "Harderwijk"):
        assert g[centre] == "monocentrisch", centre


@pytest.mark.shared
def test_borderline_flags_on_real_data_name_a_threshold(real_tables, report_metric):
    g, moves = real_tables.gemeenten, real_tables.grensgevallen
    flagged = g[g["grensgeval"]]
    # a municipality is borderline exactly when a threshold move changes its type
    assert set(flagged["gemeente_code"]) == set(moves["gemeente_code"])
    assert (moves["positie_anders"].astype(str).to_numpy() != g.set_index("gemeente_code").loc[
        moves["gemeente_code"], "positie_cbs"].astype(str).to_numpy()).all()
    assert 0 < len(flagged) < len(g) / 3
    shown = regions.borderline_table(g, moves, plots.POSITION_LABELS, only_medium=False)
    move = r"[^;]+ 10% (hoger|lager) → (Nabij een grotere stad|Polycentrische regio|" \
           r"Monocentrische regio)"
    assert shown.iloc[:, -1].str.fullmatch(rf"{move}(; {move})*").all()
    assert not shown.iloc[:, -1].str.contains(r"indicators\.|_", regex=True).any()
    counts = regions.borderline_counts(g, plots.POSITION_LABELS)
    assert counts["Grensgevallen"].iloc[-1] == len(flagged)
    split = g["positie_cbs"].value_counts(sort=False)
    report_metric("positie in de regio: verdeling 388 gemeenten "
                  + " / ".join(f"{k} {v}" for k, v in split.items())
                  + f"; grensgevallen {len(flagged)}")


# --- borderline flags on hand-made data ---

def _towns(pops: list[int], oads: list[int], xs_km: list[float]) -> pd.DataFrame:
    n = len(pops)
    return pd.DataFrame({
        "gemeente_code": [f"GM90{i:02d}" for i in range(n)],
        "gemeente_naam": [f"Stad {i}" for i in range(n)],
        "inwoners": pd.array(pops, dtype="Int64"), "oad": pd.array(oads, dtype="Int64"),
        "centroid_x": pd.array(np.array(xs_km) * 1000.0, dtype="Float64"),
        "centroid_y": pd.array([450_000.0] * n, dtype="Float64"),
        "arbeidsmarktregio_code": ["AM01"] * n,
    })


def _run(towns: pd.DataFrame,
         config: TypologyConfig = TypologyConfig()) -> tuple[pd.DataFrame, pd.DataFrame]:  # noqa: B008
    """The types (``positie_cbs``) and ``grensgeval`` per town, and the threshold moves."""
    buren = pd.DataFrame({"gemeente_code": pd.Series([], dtype=str),
                          "buur_code": pd.Series([], dtype=str)})

    def relabel(c: TypologyConfig) -> pd.Series:
        ind = compute_indicators(towns, buren, c.indicators, c.nabij_max_bereik)
        return classify(pd.concat([towns, ind], axis=1), c)

    labels = relabel(config).set_axis(pd.Index(towns["gemeente_code"]))
    moves = borderline(labels, relabel, config)
    flags = pd.DataFrame({"positie_cbs": labels.to_numpy(),
                          "grensgeval": labels.index.isin(moves["gemeente_code"])})
    return flags, moves


def _flags(towns: pd.DataFrame,
           config: TypologyConfig = TypologyConfig()) -> pd.DataFrame:  # noqa: B008
    return _run(towns, config)[0]


def _moves(moves: pd.DataFrame, code: str) -> list[str]:
    return regions.borderline_moves_text(moves).get(code, "").split("; ")


def test_a_centre_just_over_the_dominance_threshold_is_borderline():
    # 46,000 is 1.53x 30,000: a monocentric region, but a polycentric one with the threshold 10%
    # higher. The smaller town is in the region of that centre and changes with it.
    flags, moves = _run(_towns([46_000, 30_000], [1_500, 1_500], [100, 110]))
    assert flags["positie_cbs"].astype(str).tolist() == ["monocentrisch", "monocentrisch"]
    assert flags["grensgeval"].tolist() == [True, True]
    first = moves[moves["gemeente_code"] == "GM9000"]
    assert ("mono_min_dominantie", 0.1, "polycentrisch") in set(zip(
        first["instelling"], first["verschuiving"], first["positie_anders"].astype(str),
        strict=True))
    assert "mono_min_dominantie +10% -> polycentrisch" in _moves(moves, "GM9000")


def test_a_clear_centre_and_a_clear_twin_are_not_borderline():
    # 60,000 is 3x 20,000 (clearly dominant); 50,000 and 48,000 are clearly comparable; all far
    # from the radius bound (8 km) and well inside the urban bound (OAD 2,000).
    flags, moves = _run(_towns([60_000, 20_000, 50_000, 48_000], [2_000] * 4,
                                 [0, 8, 200, 208]))
    assert flags["positie_cbs"].astype(str).tolist() == [
        "monocentrisch", "monocentrisch", "polycentrisch", "polycentrisch"]
    assert not flags["grensgeval"].any()
    assert moves.empty and list(moves.columns) == ["gemeente_code", "instelling",
                                                   "verschuiving", "positie_anders"]


def test_a_twin_just_inside_the_radius_is_borderline_on_the_radius():
    flags, moves = _run(_towns([50_000, 48_000], [2_000] * 2, [0, 19]))
    assert flags["positie_cbs"].astype(str).tolist() == ["polycentrisch"] * 2
    for code in ("GM9000", "GM9001"):
        assert "indicators.straal_km -10% -> monocentrisch" in _moves(moves, code)


def test_the_largest_town_of_a_network_is_polycentric_when_the_others_together_weigh_enough():
    # 113,000 is 1.76x 64,000 but only 1.1x 64,000 + 38,000 together (Ede, Veenendaal,
    # Wageningen): no single centre, a network of towns.
    flags = _flags(_towns([113_000, 64_000, 38_000], [1_500, 2_000, 2_000], [0, 13, 12]))
    assert flags["positie_cbs"].astype(str).tolist() == ["polycentrisch"] * 3
    # With only the second town the largest dominates (1.76 >= 1.5): a monocentric region.
    flags = _flags(_towns([113_000, 64_000], [1_500, 2_000], [0, 13]))
    assert flags["positie_cbs"].astype(str).tolist() == ["monocentrisch"] * 2


def test_suburbs_of_a_large_city_are_not_towns_of_a_centres_region():
    # A centre of 70,000 at 25 km from a city of 400,000 (reach 20 km: not next to it) with two
    # towns of 30,000 between them, 10 and 8 km from the city (within its reach): those two are
    # its satellites, so the centre has no other town in its region and is monocentric.
    towns = _towns([400_000, 70_000, 30_000, 30_000], [3_000, 2_000, 1_500, 1_500],
                   [0, 25, 10, 8]).assign(arbeidsmarktregio_code=["AM02", "AM01", "AM01", "AM01"])
    flags = _flags(towns)
    assert flags["positie_cbs"].astype(str).tolist() == [
        "monocentrisch", "monocentrisch", "nabij_grotere_stad", "nabij_grotere_stad"]


def test_a_rural_municipality_takes_the_position_of_its_central_town():
    # Rural municipalities (OAD 600) next to a network of two comparable towns, and next to a
    # town that dominates its region.
    towns = _towns([50_000, 48_000, 20_000, 60_000, 25_000, 20_000],
                   [2_000, 2_000, 600, 2_000, 1_200, 600], [0, 10, 5, 200, 210, 205])
    assert _flags(towns)["positie_cbs"].astype(str).tolist() == [
        "polycentrisch", "polycentrisch", "polycentrisch",
        "monocentrisch", "monocentrisch", "monocentrisch"]


def test_a_town_in_another_labour_market_region_is_not_a_peer():
    towns = _towns([50_000, 48_000], [2_000] * 2, [0, 8]).assign(
        arbeidsmarktregio_code=["AM01", "AM02"])
    assert _flags(towns)["positie_cbs"].astype(str).tolist() == ["monocentrisch"] * 2
    alone = TypologyConfig(indicators=IndicatorConfig(functionele_regio=None))
    assert _flags(towns, alone)["positie_cbs"].astype(str).tolist() == ["polycentrisch"] * 2


def test_moved_changes_one_setting_and_keeps_ints_int():
    c = moved(TypologyConfig(), "indicators.vergelijkbaar_min_oad", 0.9)
    assert c.indicators.vergelijkbaar_min_oad == 900 and isinstance(
        c.indicators.vergelijkbaar_min_oad, int)
    assert c.mono_min_dominantie == TypologyConfig().mono_min_dominantie


# --- thresholds documented ---

def test_every_threshold_has_a_reason_beside_it_and_a_row_in_the_report():
    from pmg_analysis.settings import field_reasons

    for path in numeric_paths(TypologyConfig()):
        *parents, name = path.split(".")
        config = TypologyConfig()
        for part in parents:
            config = getattr(config, part)
        assert field_reasons(type(config))[name].strip(), f"{path} has no reason beside it"
    assert {r.instelling for r in THRESHOLDS} == set(numeric_paths(TypologyConfig()))

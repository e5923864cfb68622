"""The regions step on the real CBS/PDOK files in ../shared/reference (skipped when absent)."""

from __future__ import annotations

import time

import pytest

from pmg_analysis.regions import build_tables, buren_van, cluster_indicators, load_tables

pytestmark = pytest.mark.shared

ZEIST, UTRECHT, SOEST = "GM0355", "GM0344", "GM0342"
VEENENDAAL, WINTERSWIJK, AALTEN, OOST_GELRE = "GM0345", "GM0294", "GM0197", "GM1586"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import shared_path

    source = shared_path("reference")
    start = time.perf_counter()
    result = build_tables(source)
    result.build_seconds = time.perf_counter() - start
    return result


def row(tables, code):
    g = tables.gemeenten
    return g[g["gemeente_code"] == code].iloc[0]


def test_388_municipalities_with_cbs_totals(tables):
    g = tables.gemeenten
    assert len(g) == 388
    assert int(g["inwoners"].sum()) == 17_081_507
    assert g["provincie"].nunique() == 12
    assert g["positie_cbs"].notna().all()


def test_zeist_population_corop_and_neighbours(tables):
    zeist = row(tables, ZEIST)
    assert zeist["gemeente_naam"] == "Zeist"
    assert zeist["inwoners"] == 62_830
    assert zeist["oad"] == 1_554
    assert zeist["stedelijkheid"] == 2
    assert (zeist["corop_code"], zeist["corop_naam"]) == ("CR17", "Utrecht")
    assert zeist["arbeidsmarktregio_naam"] == "Midden-Utrecht"
    assert {UTRECHT, SOEST} <= set(buren_van(tables.buren, ZEIST))


def test_winterswijk_neighbours_exactly_aalten_and_oost_gelre(tables):
    assert buren_van(tables.buren, WINTERSWIJK) == sorted([AALTEN, OOST_GELRE])


def test_neighbours_symmetric_and_plausible(tables):
    b = tables.buren.astype(str)
    pairs = set(zip(b["gemeente_code"], b["buur_code"], strict=True))
    assert all((y, x) in pairs for x, y in pairs)
    n = tables.gemeenten["n_buren"]
    assert 4 <= n.median() <= 7


def test_seed_examples_get_the_seed_types(tables):
    assert row(tables, ZEIST)["positie_cbs"] == "nabij_grotere_stad"
    assert row(tables, VEENENDAAL)["positie_cbs"] == "polycentrisch"
    assert row(tables, WINTERSWIJK)["positie_cbs"] == "monocentrisch"


def test_area_and_centroid_in_rd_new(tables):
    zeist = row(tables, ZEIST)
    assert 45 < zeist["oppervlakte_km2"] < 50  # Zeist: 48.6 km²
    assert 145_000 < zeist["centroid_x"] < 150_000
    assert 450_000 < zeist["centroid_y"] < 460_000
    assert 33_000 < tables.gemeenten["oppervlakte_km2"].sum() < 42_000  # NL incl. water


def test_every_type_occurs_in_sizeable_numbers(tables):
    # Enough municipalities of every type for the per-position comparisons of the reports.
    counts = tables.gemeenten["positie_cbs"].value_counts()
    assert (counts >= 25).all()
    medium = tables.gemeenten[tables.gemeenten["middelgroot"]]["positie_cbs"].value_counts()
    assert (medium >= 20).all()


def test_cache_round_trip(tmp_path):
    from conftest import shared_path

    source = shared_path("reference")
    first = load_tables(source, cache_dir=tmp_path)
    second = load_tables(source, cache_dir=tmp_path)
    assert not first.from_cache and second.from_cache
    assert second.gemeenten.equals(first.gemeenten)
    assert second.buren.equals(first.buren)
    assert len(first.grensgevallen) > 0
    assert second.grensgevallen.equals(first.grensgevallen)


def test_indicator_clusters_compared_with_rules(tables):
    result = cluster_indicators(tables.gemeenten)
    assert result.k is not None and 2 <= result.k <= 6
    assert int(result.crosstab.to_numpy().sum()) == 388
    assert set(result.silhouette["k"]) == set(range(2, 7))
    assert 0.1 < result.ari < 1.0  # related to the rules, not identical

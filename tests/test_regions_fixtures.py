"""Loader, geometry, typology, cache and error handling on tiny made-up fixtures."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pmg_analysis.errors import InputError
from pmg_analysis.regions import (
    RegionsConfig,
    TypologyConfig,
    build_tables,
    buren_van,
    classify,
    load_tables,
    positie_bron_zin,
    resolve_source,
)
from pmg_analysis.regions.load import read_boundaries, read_cbs

FIXTURES = Path(__file__).parent / "fixtures" / "regions"
OK = FIXTURES / "ok"
CBS = OK / "cbs-83553NED" / "data.csv"
PDOK = OK / "pdok" / "gemeente_2017_gegeneraliseerd.geojson"
# A configuration other than the default (the cache key must differ between the two).
CONFIG = RegionsConfig(typology=TypologyConfig(nabij_max_bereik=0.9))


@pytest.fixture
def source(tmp_path) -> Path:
    """A writable copy of the fixture directory (to break files in)."""
    dest = tmp_path / "cbs"
    shutil.copytree(OK, dest)
    return dest


def test_read_cbs_strips_padding_and_types_numbers():
    cbs = read_cbs(CBS)
    assert len(cbs) == 6
    first = cbs.iloc[0]
    assert first["gemeente_code"] == "GM9001" and first["gemeente_naam"] == "Grootstad"
    assert first["corop_code"] == "CR17" and first["provincie"] == "Utrecht"
    assert str(cbs["inwoners"].dtype) == "Int64" and str(cbs["stedelijkheid"].dtype) == "Int8"
    assert cbs["inwoners"].tolist() == [300000, 60000, 60000, 50000, 30000, 8000]


def test_read_boundaries_polygons_and_multipolygons():
    codes, geoms = read_boundaries(PDOK)
    assert codes.tolist() == [f"GM900{i}" for i in range(1, 7)]
    assert [g.geom_type for g in geoms][-1] == "MultiPolygon"


def test_build_table_geometry_neighbours_and_types():
    tables = build_tables(OK)
    g = tables.gemeenten.set_index(tables.gemeenten["gemeente_code"].astype(str))
    # A 0.1° x 0.06° square at 52° N is about 6.9 km x 6.7 km.
    assert g.loc["GM9001", "oppervlakte_km2"] == pytest.approx(45.8, abs=1.0)
    assert g.loc["GM9006", "oppervlakte_km2"] == pytest.approx(2 * 44.8, abs=2.0)
    assert buren_van(tables.buren, "GM9001") == ["GM9002"]
    assert buren_van(tables.buren, "GM9006") == ["GM9005"]
    assert g.loc["GM9002", "grotere_stad_code"] == "GM9001"
    assert bool(g.loc["GM9002", "grotere_stad_is_buur"])
    assert g.loc["GM9002", "afstand_grotere_stad_km"] == pytest.approx(6.9, abs=0.3)
    assert pd.isna(g.loc["GM9001", "afstand_grotere_stad_km"])  # nothing twice as large
    assert g.loc["GM9003", "n_vergelijkbaar"] == 1
    assert g.loc["GM9005", "n_vergelijkbaar"] == 0  # its neighbour is a rural 8,000
    assert g.loc["GM9003", "aandeel_straal"] == pytest.approx(60 / 110)
    assert g.loc["GM9003", "dominantie"] == pytest.approx(60 / 50)
    assert g.loc["GM9003", "stedelijke_buur_code"] == "GM9004"
    assert pd.isna(g.loc["GM9005", "dominantie"])  # no other town in its region
    assert g["positie_cbs"].astype(str).to_dict() == {
        "GM9001": "monocentrisch", "GM9002": "nabij_grotere_stad", "GM9003": "polycentrisch",
        "GM9004": "polycentrisch", "GM9005": "monocentrisch", "GM9006": "monocentrisch"}


def test_twin_towns_holding_half_their_circle_are_polycentric_not_dominant():
    # GM9003 (60,000) and GM9004 (50,000) hold 55% and 45% of the people within 20 km: the old
    # share-of-radius rule read that as dominance; two towns of comparable size are polycentric.
    g = build_tables(OK).gemeenten.set_index("gemeente_code")
    assert g.loc["GM9003", "aandeel_straal"] > 0.5
    assert g.loc["GM9003", "positie_cbs"] == g.loc["GM9004", "positie_cbs"] == "polycentrisch"
    assert not g["grensgeval"].any()


def test_classify_rules_in_order():
    ind = pd.DataFrame({
        "gemeente_code": [f"GM900{i}" for i in range(10)],
        "bereik_grotere_stad": pd.array([0.5, 0.5, 1.5, 1.5, 1.5, 1.5, None, 1.5, 1.5, 1.5],
                                        dtype="Float64"),
        "dominantie": pd.array([0.8, None, 1.2, 1.6, 1.2, None, 1.0, 1.6, None, 0.8],
                               dtype="Float64"),
        "centrum_code": ["GM9000", None, "GM9002", "GM9003", "GM9002", "GM9005", "GM9006",
                         "GM9003", None, "GM9000"],
        "oad": pd.array([2000, 2000, 1500, 1500, 800, 1500, 1500, 800, 800, 800], dtype="Int64"),
    })
    # Rural municipalities (oad < 1,000) take the type of their central town: polycentric for
    # GM9004 (centre GM9002 shares its region), monocentric for GM9007 (centre GM9003 dominates),
    # GM9008 (no town) and GM9009 (its centre GM9000 is itself next to a larger city).
    assert classify(ind).astype(str).tolist() == [
        "nabij_grotere_stad", "nabij_grotere_stad", "polycentrisch", "monocentrisch",
        "polycentrisch", "monocentrisch", "polycentrisch", "monocentrisch", "monocentrisch",
        "monocentrisch"]


def test_cache_is_reused_and_rebuilt_when_an_input_changes(source, tmp_path):
    cache = tmp_path / "processed"
    assert not load_tables(source, cache_dir=cache, config=CONFIG).from_cache
    assert load_tables(source, cache_dir=cache, config=CONFIG).from_cache
    sidecar = json.loads((cache / "gemeenten.json").read_text())
    assert set(sidecar["inputs"]) == {"cbs-83553NED/data.csv",
                                      "pdok/gemeente_2017_gegeneraliseerd.geojson"}
    data = source / "cbs-83553NED" / "data.csv"
    data.write_text(data.read_text(encoding="utf-8").replace(",300000,", ",310000,"),
                    encoding="utf-8")
    rebuilt = load_tables(source, cache_dir=cache, config=CONFIG)
    assert not rebuilt.from_cache
    assert 310000 in rebuilt.gemeenten["inwoners"].tolist()
    # another configuration is another cache key
    assert not load_tables(source, cache_dir=cache).from_cache


def test_wrong_columns_is_one_clear_error(source):
    data = source / "cbs-83553NED" / "data.csv"
    data.write_text(data.read_text(encoding="utf-8").replace('"Inwonertal_48"', '"Inwoners"'),
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        build_tables(source)
    assert err.value.column == "Inwonertal_48"
    assert "83553NED" in str(err.value) and "data.csv" in str(err.value)


def test_non_numeric_population_names_row_and_column(source):
    data = source / "cbs-83553NED" / "data.csv"
    data.write_text(data.read_text(encoding="utf-8").replace(",60000,1500", ",zestig,1500", 1),
                    encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_cbs(data)
    assert (err.value.row, err.value.column) == (3, "Inwonertal_48")


@pytest.mark.parametrize("content", ['{"type": "FeatureCollection", "features": [',
                                     '{"type": "FeatureCollection", "features": []}',
                                     '{"type": "FeatureCollection", "features": [{"type": '
                                     '"Feature", "properties": {}, "geometry": null}]}',
                                     ''])
def test_broken_geojson_is_one_clear_error(source, content):
    (source / "pdok" / "gemeente_2017_gegeneraliseerd.geojson").write_text(content)
    with pytest.raises(InputError) as err:
        build_tables(source)
    assert "PDOK" in str(err.value)


def test_municipalities_must_match_between_files(source):
    geo = source / "pdok" / "gemeente_2017_gegeneraliseerd.geojson"
    doc = json.loads(geo.read_text())
    doc["features"] = doc["features"][:-1]
    geo.write_text(json.dumps(doc))
    with pytest.raises(InputError, match="GM9006"):
        build_tables(source)


def test_missing_file_is_an_input_error(source, tmp_path):
    (source / "pdok" / "gemeente_2017_gegeneraliseerd.geojson").unlink()
    with pytest.raises(InputError):
        load_tables(source, cache_dir=tmp_path / "c")


def test_source_order_env_then_raw_dir(source, tmp_path):
    root = tmp_path / "repo"
    raw = root / "data" / "raw" / "cbs"
    assert resolve_source({"PMG_CBS_DIR": str(source)}, root).directory == source.resolve()
    shutil.copytree(OK, raw)
    found = resolve_source({}, root)
    assert found.origin == "data/raw/cbs" and found.available
    # an env var pointing nowhere is reported, and the next candidate is used
    found = resolve_source({"PMG_CBS_DIR": str(tmp_path / "nergens")}, root)
    assert found.origin == "data/raw/cbs"
    assert any("bestaat niet" in note for note in found.notes)


def test_no_source_falls_back_with_one_dutch_sentence(tmp_path):
    found = resolve_source({"PMG_CBS_DIR": str(tmp_path / "nergens")}, tmp_path)
    assert not found.available and found.directory is None
    assert found.sentence == positie_bron_zin(False)
    assert "zelf aankruisten" in found.sentence and "CBS" in found.sentence
    assert any("pmg-analysis cbs fetch" in note for note in found.notes)


def test_incomplete_directory_is_not_a_source(source, tmp_path):
    (source / "pdok" / "gemeente_2017_gegeneraliseerd.geojson").unlink()
    found = resolve_source({"PMG_CBS_DIR": str(source)}, tmp_path)
    assert not found.available
    assert any("gemeente_2017_gegeneraliseerd.geojson" in note for note in found.notes)

"""Display tables, sentences and map data of the regions step (notebook 02), and the map."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from pmg_analysis import plots, regions
from pmg_analysis.regions import (
    GroupingConfig,
    KMeansConfig,
    MapConfig,
    RegionsConfig,
    TypologyConfig,
    add_positie_cbs,
    agreement,
    build_tables,
    cluster,
)
from pmg_analysis.regions.borderline import numeric_paths
from pmg_analysis.regions.cluster import profile_note
from pmg_analysis.regions.overview import THRESHOLDS, getal

OK = Path(__file__).parent / "fixtures" / "regions" / "ok"
CONFIG = RegionsConfig()
LABELS = plots.POSITION_LABELS


@pytest.fixture(scope="module")
def fixture_tables():
    return build_tables(OK, CONFIG)


@pytest.fixture(scope="module")
def real_tables():
    from conftest import shared_path

    return build_tables(shared_path("reference"))


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (100_000, None, "100.000"), (0.19, None, "0,19"), (2.0, None, "2"), (1234.5, None, "1.234,5"),
    (0.3182, 2, "0,32"), (58.18, 0, "58"), (-0.05, 2, "-0,05"),
])
def test_getal_dutch_notation(value, decimals, text):
    assert getal(value, decimals) == text


def test_thresholds_table_shows_every_setting_with_its_current_value():
    assert sorted(r.instelling for r in THRESHOLDS) == sorted(numeric_paths(TypologyConfig()))
    table = regions.thresholds_table(TypologyConfig(mono_min_dominantie=1.75))
    values = dict(zip(table["Instelling"], table["Waarde"], strict=True))
    assert values["mono_min_dominantie"] == "1,75"
    assert values["indicators.grotere_stad_min_inwoners"] == "100.000"
    assert values["middelgroot_max_inwoners"] == "150.000"


def test_type_counts_all_and_medium_sized(fixture_tables):
    table = regions.type_counts(fixture_tables.gemeenten, LABELS)
    # fixture: monocentrisch GM9001/9005/9006, nabij GM9002, polycentrisch GM9003/9004;
    # medium-sized (25,000-150,000): GM9002-GM9005
    assert table["Type"].tolist() == [LABELS["nabij_grotere_stad"], LABELS["polycentrisch"],
                                      LABELS["monocentrisch"], "Totaal"]
    assert table["Alle gemeenten"].tolist() == [1, 2, 3, 6]
    assert table["Middelgrote gemeenten"].tolist() == [1, 2, 1, 4]
    assert table["Aandeel middelgroot"].tolist() == pytest.approx([0.25, 0.5, 0.25, 1.0])
    assert set(regions.TYPE_COUNT_SHARES) <= set(table.columns)


def test_indicator_table_only_requested_sorted_by_type(fixture_tables):
    codes = pd.Series(["GM9005", "GM9002", "GM9003", None, "GM9999"])
    table = regions.indicator_table(fixture_tables.gemeenten, codes, LABELS)
    assert table["Gemeente"].tolist() == ["Randdorp", "Tweelingstad-Oost", "Landstad"]
    assert table["Type"].tolist() == [LABELS["nabij_grotere_stad"], LABELS["polycentrisch"],
                                      LABELS["monocentrisch"]]
    assert table.loc[0, "Grotere stad"] == "Grootstad"
    assert table.loc[0, "Grenst aan grotere stad"] == "ja"


@pytest.mark.shared
def test_seed_examples_get_the_presentations_types(real_tables):
    table = regions.seed_table(real_tables.gemeenten, LABELS)
    assert table["Type volgens de regels"].tolist() == table["Type in de presentatie"].tolist()
    assert table["Dichtstbijzijnde grotere stad"].tolist()[0] == "Amersfoort"
    assert table["Inwoners"].tolist() == [62_830, 64_277, 28_912]


def test_display_geojson_small_valid_clockwise_rounded(fixture_tables):
    config = MapConfig(decimals=3)
    geo = regions.display_geojson(OK, config)
    codes = [f["properties"]["statcode"] for f in geo["features"]]
    assert codes == [f"GM900{i}" for i in range(1, 7)]
    geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in geo["features"]])
    assert shapely.is_valid(geoms).all()
    coords = shapely.get_coordinates(geoms)
    assert np.allclose(coords, np.round(coords, 3))
    for geom in geoms:  # exterior rings clockwise: d3-geo (plotly) fills the inside
        for poly in getattr(geom, "geoms", [geom]):
            assert not poly.exterior.is_ccw


@pytest.mark.shared
def test_display_geojson_real_boundaries_are_much_smaller(real_tables):
    from conftest import shared_path

    geo = regions.display_geojson(shared_path("reference"))
    size = len(json.dumps(geo, separators=(",", ":")))
    assert len(geo["features"]) == 388
    assert size < 300_000  # the PDOK file is 955 kB
    areas = shapely.area(regions.mapdata.simplify_boundaries(
        shapely.from_geojson([json.dumps(f["geometry"]) for f in geo["features"]]),
        MapConfig(simplify_tolerance_m=0)))
    assert (areas > 0).all()  # no municipality vanishes


def test_map_frame_marks_respondents_and_projects_centroids(fixture_tables):
    g = fixture_tables.gemeenten
    frame = regions.map_frame(g, pd.Series(["GM9003", "GM9003", None]))
    assert frame["respondent"].tolist() == [False, False, True, False, False, False]
    # RD New centroids projected back to lon/lat: the centres of the fixture's squares
    assert frame["lon"].tolist() == pytest.approx([5.05, 5.15, 6.05, 6.15, 5.55, 5.75], abs=0.002)
    assert frame["lat"].tolist() == pytest.approx([52.03] * 4 + [53.03] * 2, abs=0.002)
    assert isinstance(frame["positie_cbs"].dtype, pd.CategoricalDtype)


def test_position_map_embeds_each_boundary_once_and_needs_no_topojson(fixture_tables):
    g = fixture_tables.gemeenten
    geo = regions.display_geojson(OK)
    fig = plots.position_map(regions.map_frame(g, pd.Series(["GM9002", "GM9005"])), geo,
                             title="Kaart")
    first = fig.data[0]
    # plotly.js fetches a topojson from its CDN when the first geo trace has a locationmode
    assert first.type == "scattergeo" and first.locations is None and first.locationmode is None
    chor = [t for t in fig.data if t.type == "choropleth"]
    assert [t.name for t in chor] == [LABELS[t] for t in regions.POSITIE_TYPES]
    embedded = [f["properties"]["statcode"] for t in chor for f in t.geojson["features"]]
    assert sorted(embedded) == sorted(g["gemeente_code"].astype(str))
    for t in chor:
        assert list(t.locations) == [f["properties"]["statcode"] for f in t.geojson["features"]]
        colour = plots.POSITION_COLOURS[regions.POSITIE_TYPES[chor.index(t)]]
        assert t.colorscale[0][1] == colour
    marked = fig.data[-1]
    assert marked.name == "Gemeente met respondenten" and len(marked.lon) == 2
    assert fig.layout.geo.fitbounds == "locations" and fig.layout.geo.visible is False
    html = plots.mimebundle(fig, name="kaart")["text/html"]
    assert "cdn.plot.ly" not in html


def test_cluster_tables_and_sentence():
    rng = np.random.default_rng(1)
    x = np.vstack([rng.normal(0, 0.2, (8, 2)), rng.normal(5, 0.2, (6, 2))])
    codes = [f"GM{i:04d}" for i in range(14)]
    ref = pd.Series(["polycentrisch"] * 8 + ["monocentrisch"] * 6, index=codes)
    result = cluster(pd.DataFrame(x, index=codes, columns=["a", "b"]), ref,
                     KMeansConfig(k_max=4))
    sil = regions.silhouette_table(result)
    assert sil["Gekozen"].tolist().count("ja") == 1
    assert sil.loc[sil["Gekozen"] == "ja", "Aantal clusters (k)"].item() == result.k == 2
    cross = regions.cluster_crosstab(result, LABELS)
    assert cross.iloc[:, 0].tolist() == ["Cluster 1", "Cluster 2", "Totaal"]
    assert cross["Totaal"].tolist() == [8, 6, 14]
    assert cross[LABELS["monocentrisch"]].tolist() == [0, 6, 6]
    sentence = regions.cluster_sentence(result)
    assert "k = 2" in sentence and "Rand-index" in sentence and "1,00" in sentence


def test_profile_note_says_when_the_silhouette_shows_no_structure():
    low = profile_note(40, 2, 0.01, silhouette=0.07)
    assert "0,07" in low and "geen duidelijk gescheiden groepen" in low and "0,01" in low
    assert "silhouet" not in profile_note(40, 2, 0.01, silhouette=0.6).lower()


@pytest.fixture
def responses_with_positions():
    gemeenten = pd.DataFrame({
        "gemeente_code": pd.Categorical(["GM0294", "GM0345", "GM0355"]),
        "positie_cbs": pd.Categorical(["monocentrisch", "polycentrisch", "nabij_grotere_stad"],
                                      categories=list(regions.POSITIE_TYPES)),
    })
    responses = pd.DataFrame({
        "response_id": ["r1", "r2", "r3", "r4", "r5"],
        "gemeente_code": pd.Categorical(["GM0355", "GM0345", "GM0294", "GM0294", "GM0355"]),
        "gemeente_naam": ["Zeist", "Veenendaal", "Winterswijk", "Winterswijk", "Zeist"],
        "positie_zelf": pd.Categorical(
            ["nabij_grotere_stad", "polycentrisch", "polycentrisch", "polycentrisch",
             "weet_niet"], categories=[*regions.POSITIE_TYPES, "weet_niet"]),
    })
    return add_positie_cbs(responses, gemeenten)


def test_agreement_table_sentence_and_differences(responses_with_positions):
    result = agreement(responses_with_positions)
    table = regions.agreement_table(result, LABELS)
    first = table.columns[0]
    assert table[first].tolist() == [LABELS["nabij_grotere_stad"], LABELS["polycentrisch"],
                                     LABELS["monocentrisch"], LABELS["weet_niet"],
                                     LABELS["onbekend"], "Totaal"]
    assert table["Totaal"].tolist() == [1, 3, 0, 1, 0, 5]
    assert table.loc[1, LABELS["monocentrisch"]] == 2
    sentence = regions.agreement_sentence(result)
    assert sentence.startswith("Bij 4 antwoorden") and "bij 2 daarvan (50%)" in sentence
    assert "kappa" in sentence
    diff = regions.differences_table(result, LABELS)
    assert diff.to_dict("records") == [{
        "Gemeente": "Winterswijk", "Zelf aangekruist": LABELS["polycentrisch"],
        "Volgens CBS-gegevens": LABELS["monocentrisch"], "Respondenten": 2}]


def test_grouping_sentence_follows_the_config():
    assert "afgeleid uit de CBS-gegevens" in regions.grouping_sentence()
    zelf = regions.grouping_sentence(GroupingConfig(bron="zelf"))
    assert "zelf aankruisten" in zelf and "CBS" not in zelf


def test_profile_cluster_summary_names_themes_and_sizes():
    codes = [f"GM{i:04d}" for i in range(12)]
    base = np.repeat([[5.0, 1.0, 1.5], [1.0, 5.0, 3.5]], 6, axis=0)
    profiles = pd.DataFrame(base + np.random.default_rng(0).normal(0, 0.1, base.shape),
                            index=codes, columns=["urgentie_EA", "urgentie_LD", "rang_EA"])
    result = regions.cluster_profiles(profiles.astype("Float64"))
    table = regions.profile_cluster_summary(result)
    assert table["Kenmerk"].tolist() == ["Urgentie (1-5): Economie & arbeidsmarkt",
                                         "Urgentie (1-5): Lokale democratie & regionale "
                                         "samenwerking",
                                         "Gemiddelde rang (1 = hoogst): Economie & arbeidsmarkt"]
    assert list(table.columns[1:]) == ["Cluster 1 (n = 6)", "Cluster 2 (n = 6)"]
    assert sorted(table.iloc[0, 1:].round(0).tolist()) == [1.0, 5.0]


# --- the public face ---------------------------------------------------------------------------

def test_the_public_face_is_split_into_what_computes_and_what_displays():
    from pmg_analysis.regions import display

    assert regions.__all__ == [*regions.COMPUTE, *display.__all__]
    assert not set(regions.COMPUTE) & set(display.__all__)
    assert all(getattr(regions, name) is getattr(display, name) for name in display.__all__)
    # display takes computed frames: nothing of the download or the computation is in it
    assert {"fetch", "load_tables", "build_tables", "classify", "borderline",
            "validate"} <= set(regions.COMPUTE)
    assert {"borderline_table", "validation_sentence", "map_frame"} <= set(display.__all__)


def test_every_regions_name_a_notebook_or_report_section_calls_is_public():
    import re

    root = Path(__file__).resolve().parents[1]
    sources = [p.read_text("utf-8") for p in sorted((root / "src" / "pmg_analysis" / "sections")
                                                     .glob("*.py")) if p.name != "__init__.py"]
    for notebook in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text("utf-8"))["cells"]
        sources += ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    called = {name for source in sources
              for name in re.findall(r"(?<![\w.])regions\.(\w+)", source)}
    assert len(called) > 20
    assert called - set(regions.__all__) == set()

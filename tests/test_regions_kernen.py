"""Population per core: reading the StatLine downloads, linking core -> place -> municipality,
the per-municipality figures with their fallback, and fetching both tables from a local
stand-in of the CBS services (never the network). The real files are used when ../shared is
there (marked ``shared``)."""

from __future__ import annotations

import json
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from pmg_analysis.errors import InputError
from pmg_analysis.regions import kernen as K
from pmg_analysis.regions.fetch import FetchConfig, fetch_kernen, fetch_summary
from pmg_analysis.regions.indicators import IndicatorConfig, town_figures

FIXTURES = Path(__file__).parent / "fixtures" / "regions"
KERNEN_DIR = FIXTURES / "kernen"
ODATA = FIXTURES / "odata_kernen"

# The 2017 municipalities the fixture's places belong to (Schijndel GM0844 and Veghel GM0860
# are in Meierijstad GM1948 since 1 January 2017).
CODES_2017 = pd.Series(["GM0018", "GM0037", "GM0193", "GM0197", "GM0294", "GM0297", "GM0345",
                        "GM0355", "GM0546", "GM0737", "GM0888", "GM1900", "GM1945", "GM1948",
                        "GM1955"], dtype="string")


@pytest.fixture(scope="module")
def data() -> K.KernenData:
    return K.read_kernen_data(KERNEN_DIR)


@pytest.fixture(scope="module")
def links(data) -> pd.DataFrame:
    return K.link_kernen(data, CODES_2017)


def _one(links: pd.DataFrame, kern: str) -> pd.Series:
    return links[links["kern"] == kern].iloc[0]


# --- reading ---

def test_statline_download_is_read_with_its_header_lines_and_without_the_aggregate_row(data):
    cores = data.kernen
    assert len(cores) == 20  # 21 rows below the header; the closing total is not a core
    assert "1 000 tot 2 000 inwoners" not in set(cores["kern"])
    sneek = cores[cores["kern"] == "Sneek (Snits)"].iloc[0]
    assert (sneek["inwoners"], sneek["oad"], sneek["stedelijkheid"]) == (31_915, 1_503, 2)
    assert cores.loc[cores["agglomeratie"], "kern"].tolist() == ["Groot - Leiden"]
    assert str(cores["inwoners"].dtype) == "Int64"
    places = data.woonplaatsen
    assert len(places) == 18 and places["woonplaats"].str.contains("Súdwest").sum() == 0
    assert places.loc[places["woonplaats"] == "Sneek", "gemeente_naam"].item() == "Súdwest-Fryslân"


def test_a_file_that_is_no_statline_download_is_one_dutch_error(tmp_path):
    bad = tmp_path / "bevolkingskernen_2011.csv"
    bad.write_text("naam,inwoners\nSneek,31915\n", encoding="latin-1")
    with pytest.raises(InputError, match="kopregel met eenheden ontbreekt"):
        K.read_kernen(bad)


def test_a_non_number_in_the_core_table_names_its_row(tmp_path):
    text = (KERNEN_DIR / "cbs-kernen" / "bevolkingskernen_2011.csv").read_bytes().decode(
        "latin-1").replace("Aalten;210;12520", "Aalten;210;12.520,0")
    bad = tmp_path / "bevolkingskernen_2011.csv"
    bad.write_bytes(text.encode("latin-1"))
    with pytest.raises(InputError, match="'12.520,0' is geen getal") as info:
        K.read_kernen(bad)
    assert info.value.row == 9  # title line, 5 header lines, Aalst, Aalst, Aalten


# --- linking ---

def test_core_names_are_read_with_province_frisian_name_and_parts():
    assert K.core_candidates("Aalst (Gld.)") == ("Gelderland", [("Aalst", "naam")])
    assert K.core_candidates("Bergum (Burgum)") == (None, [("Bergum", "naam"),
                                                           ("Burgum", "naam")])
    assert K.core_candidates("Hoogezand/Sappemeer")[1] == [
        ("Hoogezand/Sappemeer", "naam"), ("Hoogezand", "deel"), ("Sappemeer", "deel")]
    assert K.core_candidates("Damwoude (Damwâld)-Oost")[1] == [
        ("Damwoude-Oost", "naam"), ("Damwâld-Oost", "naam"), ("Damwoude", "deel"),
        ("Damwâld", "deel")]


def test_cores_link_to_their_2017_municipality_with_care(links):
    def where(kern):
        row = _one(links, kern)
        return row["gemeente_code"], row["koppeling"]

    assert where("Sneek (Snits)") == ("GM1900", "naam")
    assert where("Bolsward (Boalsert)") == ("GM1900", "naam")
    assert where("Aalst (Gld.)") == ("GM0297", "naam")  # the province chooses
    assert where("Bergum (Burgum)") == ("GM0737", "naam")  # the place register's Frisian name
    assert where("Zwolle-Kern (O.)") == ("GM0193", "deel")
    assert where("Stadskanaal-de Heggerank") == ("GM0037", "deel")
    assert where("Hoogezand/Sappemeer") == ("GM0018", "deel")
    # merged on 1 January 2017 into Meierijstad
    assert where("Schijndel/Wijbosch") == ("GM1948", "deel")
    assert where("Veghel") == ("GM1948", "naam")


def test_ambiguous_absent_and_agglomeration_cores_stay_unlinked_with_a_reason(links):
    reasons = links.loc[links["gemeente_code"].isna()].groupby("kern")["reden"].first()
    # two places called Beek in Gelderland (Montferland, Berg en Dal)
    assert reasons["Beek (Gld.)"] == "naam van woonplaatsen in 2 gemeenten"
    assert reasons["Aalst (NB.)"] == "geen woonplaats met deze naam"  # part of Waalre since
    assert reasons["Groot - Leiden"] == "agglomeratie over meer gemeenten"
    assert len(reasons) == 3 and (links["gemeente_code"].isna() == links["reden"].notna()).all()
    table = K.unlinked_kernen_table(links)
    assert table["kern"].iloc[0] == "Groot - Leiden" and len(table) == 4  # Beek twice


def test_a_2016_municipality_unknown_in_2017_is_an_error_not_a_silent_loss(data):
    with pytest.raises(InputError, match="GM0844"):
        K.link_kernen(data, CODES_2017, K.KernenConfig(samengevoegd_2017=()))


# --- per municipality ---

def _gemeenten(**overrides) -> pd.DataFrame:
    rows = {"GM1900": ("Súdwest-Fryslân", 84_158, 862), "GM0197": ("Aalten", 27_047, 782),
            "GM1948": ("Meierijstad", 79_869, 966), "GM0546": ("Leiden", 123_661, 3_638),
            "GM0193": ("Zwolle", 126_116, 1_888), "GM0294": ("Winterswijk", 28_912, 1_181)}
    rows.update(overrides)
    return pd.DataFrame({"gemeente_code": list(rows),
                         "gemeente_naam": [r[0] for r in rows.values()],
                         "inwoners": pd.array([r[1] for r in rows.values()], dtype="Int64"),
                         "oad": pd.array([r[2] for r in rows.values()], dtype="Int64")})


def test_largest_core_its_density_the_cores_of_5000_and_the_share(links):
    g = _gemeenten()
    f = pd.concat([g, K.kern_figures(g, links)], axis=1).set_index(
        "gemeente_naam")
    swf = f.loc["Súdwest-Fryslân"]
    assert (swf["grootste_kern"], swf["kern_inwoners"], swf["kern_oad"]) == (
        "Sneek (Snits)", 31_915, 1_503)
    assert swf["n_kernen_5000"] == 2  # Sneek and Bolsward
    assert swf["aandeel_grootste_kern"] == pytest.approx(31_915 / 84_158)
    # a rural municipality keeps its cores even though they hold under half its people (49%)
    assert swf["kern_bron"] == "kernen" and pd.isna(swf["kern_reden"])
    aalten = f.loc["Aalten"]
    assert (aalten["kern_inwoners"], aalten["kern_oad"], aalten["n_kernen_5000"]) == (
        12_520, 963, 2)  # Aalten and Dinxperlo
    meierij = f.loc["Meierijstad"]
    assert (meierij["grootste_kern"], meierij["n_kernen_5000"]) == ("Veghel", 2)
    assert f.loc["Zwolle", "kern_inwoners"] == 94_065  # Zwolle-Kern, not the sum of its parts


def test_municipalities_without_a_usable_core_fall_back_to_municipal_figures_and_say_why(links):
    # Leiden has no core (its town is the agglomeration row); an urban municipality whose
    # linked cores hold under half its inhabitants has its town elsewhere.
    g = _gemeenten(GM1900=("Súdwest-Fryslân", 84_158, 1_200), GM0197=("Aalten", 90_000, 782))
    f = pd.concat([g, K.kern_figures(g, links)], axis=1).set_index(
        "gemeente_naam")
    leiden = f.loc["Leiden"]
    assert leiden["kern_bron"] == "gemeente" and leiden["kern_reden"] == "geen_kern"
    assert (leiden["kern_inwoners"], leiden["kern_oad"], leiden["aandeel_grootste_kern"]) == (
        123_661, 3_638, 1.0)
    assert pd.isna(leiden["grootste_kern"]) and leiden["n_kernen_5000"] == 1
    swf = f.loc["Súdwest-Fryslân"]
    assert swf["kern_bron"] == "gemeente" and swf["kern_reden"] == "lage_dekking"
    assert K.kern_reason_text(swf["kern_reden"], swf["kern_dekking"]).startswith(
        "de gekoppelde kernen hebben maar 49% van de inwoners")
    # a rural municipality too, when its cores hold under a quarter (Aalten 19,595 of 90,000)
    assert f.loc["Aalten", "kern_bron"] == "gemeente"
    assert f.loc["Aalten", "kern_dekking"] == pytest.approx(19_595 / 90_000, abs=0.005)
    table = K.kern_fallback_table(pd.concat([g, K.kern_figures(g, links)],
                                            axis=1))
    assert table["Gemeente"].tolist() == ["Aalten", "Leiden", "Súdwest-Fryslân"]
    why = table.set_index("Gemeente")["Waarom gemeentecijfers"]
    assert why["Aalten"].startswith("de gekoppelde kernen hebben maar 22%")
    assert why["Leiden"] == "geen kern gekoppeld"


def test_without_core_tables_every_municipality_keeps_its_municipal_figures_and_rule():
    g = _gemeenten()
    f = pd.concat([g, K.kern_figures(g, None)], axis=1)
    assert (f["kern_bron"] == "gemeente").all()
    assert f["kern_inwoners"].equals(f["inwoners"]) and f["kern_oad"].equals(f["oad"])
    assert (f["kern_reden"] == "geen_kerntabellen").all()
    assert (K.kern_fallback_table(f)["Waarom gemeentecijfers"]
            == "geen kerncijfers beschikbaar").all()
    town, size = town_figures(f)
    bare_town, bare_size = town_figures(g)
    assert (town == bare_town).all() and (size == bare_size).all()
    assert town.tolist() == [False, False, False, True, True, True]  # OAD >= 1,000
    assert K.kernen_sentence(f) == K.kernen_sentence(g) == (
        "De inwoners per kern (CBS Bevolkingskernen 2011 en Woonplaatsen in Nederland 2016) "
        "ontbreken, dus is elke gemeente als geheel beoordeeld, ook een stad die met veel dorpen "
        "één gemeente vormt.")


def test_with_core_figures_a_town_is_a_core_of_20000_and_counts_with_that_core(links):
    g = _gemeenten()
    f = pd.concat([g, K.kern_figures(g, links)], axis=1)
    town, size = town_figures(f)
    by_name = dict(zip(f["gemeente_naam"], zip(town, size, strict=True), strict=True))
    assert by_name["Súdwest-Fryslân"] == (True, 31_915)  # Sneek, though the municipality is rural
    assert by_name["Aalten"] == (False, 12_520)  # a village
    assert by_name["Meierijstad"] == (True, 24_965)
    assert by_name["Leiden"] == (True, 123_661)  # no core figures: municipal rule
    whole = town_figures(f, IndicatorConfig(stad_omvang="gemeente"))[1]
    assert whole.tolist() == f["inwoners"].astype(float).tolist()
    zin = K.kernen_sentence(f)
    assert zin.startswith("Steden zijn beoordeeld met de inwoners van hun grootste kern")
    assert "Van de 6 gemeenten hebben er 5 kerncijfers; de andere krijgt de cijfers" in zin


# --- fetching (local stand-in of the CBS catalogue and OData service) ---

TABLES = {"82271NED": "kernen", "99999NED": "woonplaatsen"}
TITLES = {"Bevolkingskernen 2011; steden en dorpen in Nederland": "82271NED",
          "Woonplaatsen in Nederland 2016": "99999NED"}


def _answer(path: str, query: dict, base: str) -> dict:
    url = urlsplit(path)
    if url.path == "/catalog":
        title = query.get("$filter", [""])[0].removeprefix("Title eq '").removesuffix("'")
        return {"value": [{"Identifier": TITLES[title], "Title": title}] if title in TITLES
                else []}
    _, _, table, what = url.path.split("/")
    name = TABLES[table]
    if what == "TypedDataSet" and name == "kernen":
        if query.get("$skip") == ["12"]:
            return json.loads((ODATA / "kernen_typeddataset_p2.json").read_text("utf-8"))
        doc = json.loads((ODATA / "kernen_typeddataset_p1.json").read_text("utf-8"))
        doc["odata.nextLink"] = f"{base}/odata/{table}/TypedDataSet?$format=json&$skip=12"
        return doc
    return json.loads((ODATA / f"{name}_{what.lower()}.json").read_text("utf-8"))


@contextmanager
def cbs_service(titles: dict[str, str] | None = None):
    """The CBS catalogue and OData tables on 127.0.0.1; yields (base URL, paths asked)."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            asked.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_port}"
            try:
                doc, status = _answer(self.path, parse_qs(urlsplit(self.path).query), base), 200
            except (KeyError, ValueError, FileNotFoundError):
                doc, status = {"error": self.path}, 404
            body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", asked
    finally:
        server.shutdown()
        server.server_close()


def _config(base: str, **kw) -> FetchConfig:
    return FetchConfig(odata_root=f"{base}/odata", catalog_url=f"{base}/catalog", timeout_s=10,
                       **kw)


def test_fetch_writes_both_tables_in_the_layout_the_reader_reads(tmp_path):
    import requests

    with cbs_service() as (base, asked):
        n_cores, n_places = fetch_kernen(tmp_path, session=requests.Session(),
                                         config=_config(base))
    assert (n_cores, n_places) == (21, 18)
    assert any("$skip=12" in path for path in asked)  # followed the OData nextLink
    assert (tmp_path / "cbs-kernen" / "bevolkingskernen_2011.csv").is_file()
    fetched = K.read_kernen_data(tmp_path)
    recorded = K.read_kernen_data(KERNEN_DIR)
    pd.testing.assert_frame_equal(fetched.kernen, recorded.kernen)
    pd.testing.assert_frame_equal(fetched.woonplaatsen, recorded.woonplaatsen)
    raw = (tmp_path / "cbs-kernen" / "woonplaatsen_2016.csv").read_bytes()
    assert "Súdwest-Fryslân".encode("latin-1") in raw  # Latin-1, as StatLine's download


def test_a_table_missing_from_the_catalogue_is_one_dutch_error(tmp_path):
    import requests

    with cbs_service() as (base, _):
        config = _config(base, woonplaatsen_titel="Woonplaatsen in Nederland 2099")
        with pytest.raises(InputError, match="catalogus kent geen .*2099"):
            fetch_kernen(tmp_path, session=requests.Session(), config=config)


def test_the_fetch_summary_says_when_the_core_tables_are_missing(tmp_path):
    from pmg_analysis.regions.fetch import FetchResult

    done = fetch_summary(FetchResult(tmp_path, 388, 388, 2_169, 2_500))
    assert "Bevolkingskernen 2011 (2169 rijen)" in done and "2500 woonplaatsen" in done
    missing = fetch_summary(FetchResult(tmp_path, 388, 388, kernen_error="geen verbinding"))
    assert missing.splitlines()[1].startswith("De inwoners per kern") and "ontbreken" in missing


# --- the real files (../shared/reference/cbs-kernen) ---

@pytest.fixture(scope="module")
def real_tables():
    from conftest import shared_path
    from pmg_analysis.regions import build_tables

    return build_tables(shared_path("reference", "cbs-kernen").parent)


@pytest.mark.shared
def test_real_files_read_with_the_readme_check_figures(real_tables):
    links = real_tables.kernen
    assert len(links) == 2_168 and int(links["agglomeratie"].sum()) == 18
    g = real_tables.gemeenten.set_index("gemeente_naam")

    def core(name):
        row = links[links["kern"] == name].iloc[0]
        return row["gemeente_code"], int(row["inwoners"]), int(row["oad"])

    assert core("Sneek (Snits)") == ("GM1900", 31_915, 1_503)
    assert core("Bolsward (Boalsert)") == ("GM1900", 9_490, 961)
    assert core("Stadskanaal") == ("GM0037", 21_275, 936)
    assert core("Winterswijk") == ("GM0294", 22_280, 1_391)
    assert core("Aalten") == ("GM0197", 12_520, 963)
    assert core("Dinxperlo") == ("GM0197", 7_075, 850)
    assert core("Zeist")[:2] == ("GM0355", 48_130)
    assert core("Veenendaal")[:2] == ("GM0345", 61_055)
    assert (g.loc["Súdwest-Fryslân", "grootste_kern"], g.loc["Aalten", "kern_inwoners"],
            g.loc["Winterswijk", "kern_oad"]) == ("Sneek (Snits)", 12_520, 1_391)
    assert g.loc["Meierijstad", "kern_bron"] == "kernen"  # via Schijndel, Sint-Oedenrode, Veghel


@pytest.mark.shared
def test_real_linking_reaches_most_municipalities_and_lists_the_rest(real_tables,
                                                                     report_metric):
    links, g = real_tables.kernen, real_tables.gemeenten
    linked = links["gemeente_code"].notna()
    via_cores = g["kern_bron"].eq("kernen")
    fallback = g[~via_cores]
    assert fallback["kern_reden"].notna().all()
    assert (fallback["kern_inwoners"] == fallback["inwoners"]).all()
    assert 1_750 <= int(linked.sum()) <= 1_900  # README: about 1,700 by exact name alone
    assert 320 <= int(via_cores.sum()) <= 360
    report_metric(f"kernen: {int(linked.sum())} van {len(links)} kernen gekoppeld; "
                  f"{int(via_cores.sum())} gemeenten met kerncijfers, {len(fallback)} met "
                  "gemeentecijfers")
    # agglomeration members fall back instead of taking a village as their town
    assert set(g.loc[~via_cores, "gemeente_naam"]) >= {"Zaanstad", "Amstelveen", "Leiden",
                                                        "Heerlen", "Utrecht"}


def test_a_source_without_core_tables_builds_on_municipal_figures_as_before():
    from pmg_analysis.regions import build_tables, resolve_source

    tables = build_tables(FIXTURES / "ok")
    g = tables.gemeenten
    assert tables.kernen is None and (g["kern_bron"] == "gemeente").all()
    assert (g["stad"] == (g["oad"] >= 1_000)).all()
    source = resolve_source(env={"PMG_CBS_DIR": str(FIXTURES / "ok")})
    assert source.available and not source.kernen_available
    assert "ontbreken" in source.kernen_sentence


@pytest.mark.shared
def test_without_the_core_tables_the_real_data_give_the_figures_of_before(tmp_path):
    # The same CBS/PDOK files read in place (linked, not copied), without cbs-kernen/: the rules
    # fall back to the municipal figures and give the figures measured before issue 18.
    from conftest import shared_path
    from pmg_analysis import regions

    reference = shared_path("reference")
    for part in ("cbs-83553NED", "pdok"):
        (tmp_path / part).symlink_to(reference / part, target_is_directory=True)
    validated = regions.validate(regions.build_tables(tmp_path).gemeenten)
    parts = regions.accuracy_per_part(validated).set_index("deel")
    assert parts["goed"].to_dict() == {"ontwikkeling": 48, "toets": 25, "totaal": 73}

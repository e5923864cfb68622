"""`cbs fetch`: OData paging and the writer, with the HTTP session replaced (no network)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import requests

from pmg_analysis.errors import InputError
from pmg_analysis.regions import build_tables, fetch
from pmg_analysis.regions.fetch import parse_odata_page, records_to_frame
from pmg_analysis.regions.load import read_cbs

FIXTURES = Path(__file__).parent / "fixtures" / "regions"


def load(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


class FakeResponse:
    def __init__(self, payload):
        self.payload = payload

    def raise_for_status(self):
        if isinstance(self.payload, Exception):
            raise self.payload

    def json(self):
        return self.payload


class FakeSession:
    """Answers the CBS OData and PDOK WFS URLs from the fixture files."""

    def __init__(self, latlon: bool = False):
        self.calls: list[tuple[str, dict | None]] = []
        self.latlon = latlon

    def get(self, url, params=None, timeout=None):
        assert timeout is not None  # every request has a timeout
        self.calls.append((url, params))
        if "$skip=4" in url:
            return FakeResponse(load("odata_typeddataset_p2.json"))
        if url.endswith("/TypedDataSet"):
            return FakeResponse(load("odata_typeddataset_p1.json"))
        if url.endswith("/DataProperties"):
            return FakeResponse(load("odata_dataproperties.json"))
        if "Catalog" in url:  # the core tables are not in this recording
            return FakeResponse({"value": []})
        if "wfs" in url:
            doc = json.loads((FIXTURES / "ok/pdok/gemeente_2017_gegeneraliseerd.geojson")
                             .read_text(encoding="utf-8"))
            for f in doc["features"]:
                f["properties"]["extra"] = "weg"
                if self.latlon:
                    f["geometry"]["coordinates"] = _swap(f["geometry"]["coordinates"])
            return FakeResponse(doc)
        raise AssertionError(url)


def _swap(c):
    return [_swap(x) for x in c] if isinstance(c[0], list) else [c[1], c[0]]


def test_parse_odata_page_returns_records_and_next_link():
    records, link = parse_odata_page(load("odata_typeddataset_p1.json"))
    assert len(records) == 4 and link.endswith("$skip=4")
    assert parse_odata_page(load("odata_typeddataset_p2.json"))[1] is None
    frame = records_to_frame(records)
    assert list(frame.columns[:4]) == ["ID", "RegioS", "Code_1", "Naam_2"]
    assert frame.loc[0, "RegioS"] == "GM9001    "


def test_parse_rejects_a_non_odata_answer():
    with pytest.raises(InputError, match="OData"):
        parse_odata_page({"error": "not found"})


def test_fetch_writes_the_reader_layout(tmp_path):
    session = FakeSession()
    result = fetch(tmp_path, progress=False, session=session)
    assert (result.n_cbs, result.n_pdok) == (6, 6)
    assert "6 gemeenten" in result.summary() and "opgeslagen" in result.summary()
    # the optional core tables were not found: the rest is saved and the summary says so
    assert result.n_kernen == 0 and "catalogus" in result.kernen_error
    assert "De inwoners per kern" in result.summary()
    assert not (tmp_path / "cbs-kernen").exists()
    # the second OData page was requested through odata.nextLink
    assert any("$skip=4" in url for url, _ in session.calls)
    data = tmp_path / "cbs-83553NED" / "data.csv"
    text = data.read_text(encoding="utf-8")
    assert text.startswith('"ID","RegioS","Code_1"')
    assert '"GM9001    "' in text and ",300000,2600" in text  # padded strings, bare numbers
    fetched = read_cbs(data)
    original = read_cbs(FIXTURES / "ok/cbs-83553NED/data.csv")
    pd.testing.assert_frame_equal(fetched, original)
    geo = json.loads((tmp_path / "pdok/gemeente_2017_gegeneraliseerd.geojson").read_text())
    assert set(geo["features"][0]["properties"]) == {"statcode", "statnaam"}
    assert (tmp_path / "cbs-83553NED" / "DataProperties.csv").is_file()
    built = build_tables(tmp_path)
    assert len(built.gemeenten) == 6 and len(built.buren) == 6


def test_fetch_puts_lat_lon_answers_back_in_lon_lat_order(tmp_path):
    fetch(tmp_path, progress=False, session=FakeSession(latlon=True))
    geo = json.loads((tmp_path / "pdok/gemeente_2017_gegeneraliseerd.geojson").read_text())
    assert geo["features"][0]["geometry"]["coordinates"][0][0] == [5.0, 52.0]


def test_network_failure_is_one_dutch_error(tmp_path):
    class Down:
        def get(self, url, params=None, timeout=None):
            raise requests.ConnectionError("geen verbinding")

    with pytest.raises(InputError, match="kon .* niet ophalen"):
        fetch(tmp_path, progress=False, session=Down())
    assert not (tmp_path / "cbs-83553NED" / "data.csv").exists()

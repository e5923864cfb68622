"""Download the CBS table 83553NED (OData v3), the PDOK 2017 boundaries (WFS) and the two CBS
tables with population per core.

Writes the layout :mod:`pmg_analysis.regions.sources` looks for (default ``data/raw/cbs/``)::

    cbs-83553NED/data.csv              TypedDataSet, as cbsodataR writes it
    cbs-83553NED/DataProperties.csv    what every column means
    pdok/gemeente_2017_gegeneraliseerd.geojson
    cbs-kernen/bevolkingskernen_2011.csv   "Bevolkingskernen 2011; steden en dorpen in Nederland"
    cbs-kernen/woonplaatsen_2016.csv       "Woonplaatsen in Nederland 2016"

The two core tables are written as StatLine's CSV download (the layout
:mod:`pmg_analysis.regions.kernen` reads, see :func:`write_statline_csv`); they are found in the
CBS catalogue by their title. They are optional: when they cannot be fetched, the other files
are still saved and :attr:`FetchResult.kernen_error` says why.

The CSV follows the cbsodataR layout: columns in the service's order, strings double-quoted
(CBS's padding kept), numbers bare, UTF-8 without BOM. Network failures become one Dutch
:class:`~pmg_analysis.errors.InputError` for the CLI.
"""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
import requests
from tqdm import tqdm  # not tqdm.auto: no ipywidgets warning inside notebooks

from pmg_analysis import catalog
from pmg_analysis.errors import InputError
from pmg_analysis.paths import CBS_RAW
from pmg_analysis.regions.kernen import STATLINE_ENCODING, kernen_path, woonplaatsen_path
from pmg_analysis.regions.load import CBS_TABLE, cbs_data_path, pdok_path
from pmg_analysis.regions.sources import kernen_zin, resolve_source


@dataclass(frozen=True)
class FetchConfig:
    odata_base: str = f"https://opendata.cbs.nl/ODataApi/odata/{CBS_TABLE}"
    # PDOK moved the 2017 layer; the original (2018) address was
    # geodata.nationaalgeoregister.nl/cbsgebiedsindelingen/ows, layer
    # cbsgebiedsindelingen:cbs_gemeente_2017_gegeneraliseerd.
    wfs_url: str = "https://service.pdok.nl/cbs/gebiedsindelingen/2017/wfs/v1_0"
    wfs_layer: str = "gebiedsindelingen:gemeente_gegeneraliseerd"
    wfs_page_size: int = 1000
    timeout_s: float = 60.0  # per request
    # The whole download (CBS and PDOK together) gives up after this many seconds; None: no
    # limit (`pmg-analysis cbs fetch`). `make report` sets one (see AutoFetchConfig).
    deadline_s: float | None = None
    # The tables with population per core, found by their exact title in the CBS catalogue
    # (the title is what the README and the reports cite; "Bevolkingskernen 2011" is 82271NED).
    odata_root: str = "https://opendata.cbs.nl/ODataApi/odata"
    catalog_url: str = "https://opendata.cbs.nl/ODataCatalog/Tables"
    kernen_titel: str = "Bevolkingskernen 2011; steden en dorpen in Nederland"
    woonplaatsen_titel: str = "Woonplaatsen in Nederland 2016"
    # False: only 83553NED and PDOK (the core tables are optional).
    kernen: bool = True


@dataclass(frozen=True)
class FetchResult:
    dest: Path
    n_cbs: int
    n_pdok: int
    n_kernen: int = 0  # rows of Bevolkingskernen 2011 (0: not fetched)
    n_woonplaatsen: int = 0
    kernen_error: str | None = None  # why the core tables were not fetched (Dutch)

    def summary(self) -> str:
        return fetch_summary(self)


def fetch_summary(result: FetchResult) -> str:
    """The Dutch lines the CLI prints after a successful download."""
    text = (f"CBS-tabel {CBS_TABLE} ({result.n_cbs} gemeenten) en PDOK-gemeentegrenzen "
            f"({result.n_pdok} gemeenten) opgeslagen in {result.dest}.")
    if result.n_kernen:
        text += (f"\nCBS Bevolkingskernen 2011 ({result.n_kernen} rijen) en Woonplaatsen in "
                 f"Nederland 2016 ({result.n_woonplaatsen} woonplaatsen) opgeslagen in "
                 f"{result.dest / 'cbs-kernen'}.")
    elif result.kernen_error:
        text += f"\n{kernen_zin(False)} ({result.kernen_error})"
    return text


def parse_odata_page(doc: Any) -> tuple[list[dict], str | None]:
    """The records of one OData v3 JSON page and the next page's link (None on the last)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("value"), list):
        raise InputError("het antwoord van de CBS-dienst is geen OData-tabel ('value' ontbreekt).")
    return doc["value"], doc.get("odata.nextLink")


def records_to_frame(records: list[dict]) -> pd.DataFrame:
    """OData records as a frame, columns in the service's order (OData metadata keys dropped)."""
    frame = pd.DataFrame.from_records(records)
    frame = frame[[c for c in frame.columns if not str(c).startswith("odata.")]]
    # Integer columns with a missing value arrive as floats; write them as integers (62830,
    # not 62830.0), as cbsodataR does.
    for col in frame.columns[frame.dtypes.map(pd.api.types.is_float_dtype)]:
        values = frame[col]
        if values.notna().any() and (values.dropna() % 1 == 0).all():
            frame[col] = values.astype("Int64")
    return frame


def write_cbs_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write in the cbsodataR layout: strings quoted, numbers bare, NA empty, LF endings."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    frame.to_csv(tmp, index=False, quoting=csv.QUOTE_NONNUMERIC, encoding="utf-8",
                 lineterminator="\n", na_rep="")
    tmp.replace(path)


class FetchTimeout(InputError):
    """The download did not finish within :attr:`FetchConfig.deadline_s`."""


def _get_json(session: requests.Session, url: str, params: dict | None, timeout: float,
              deadline: float | None = None) -> Any:
    """One JSON document; ``deadline`` (a :func:`time.monotonic` time) caps the wait."""
    if deadline is not None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchTimeout("het ophalen duurde te lang en is afgebroken.")
        timeout = min(timeout, left)
    try:
        response = session.get(url, params=params, timeout=timeout)
        response.raise_for_status()
        return response.json()
    except requests.Timeout:
        raise FetchTimeout(f"{url} antwoordde niet binnen {timeout:.0f} seconden.") from None
    except (requests.RequestException, ValueError) as exc:
        raise InputError(f"kon {url} niet ophalen ({type(exc).__name__}: {exc}). "
                         "Controleer de internetverbinding of zet PMG_CBS_DIR.") from None


def fetch_odata(session: requests.Session, url: str, *, timeout: float,
                progress: bool = False, desc: str = "", deadline: float | None = None
                ) -> list[dict]:
    """All records of an OData collection, following ``odata.nextLink``."""
    records: list[dict] = []
    next_url: str | None = url
    params: dict | None = {"$format": "json"}
    with tqdm(desc=desc, unit=" rijen", disable=not progress) as bar:
        while next_url:
            page, next_url = parse_odata_page(_get_json(session, next_url, params, timeout,
                                                        deadline))
            params = None  # nextLink carries its own query
            records.extend(page)
            bar.update(len(page))
    return records


def _lonlat(features: list[dict]) -> list[dict]:
    """Swap to [lon, lat] if a server returned EPSG:4326 in lat/lon axis order."""
    def first_point(geom: dict) -> list[float]:
        coords = geom["coordinates"]
        while isinstance(coords[0], list):
            coords = coords[0]
        return coords

    if not features:
        return features
    x, y = first_point(features[0]["geometry"])[:2]
    if x < 10 < y:  # already lon (3..8) / lat (50..54)
        return features

    def swap(coords: Any) -> Any:
        return [swap(c) for c in coords] if isinstance(coords[0], list) else [coords[1],
                                                                              coords[0]]
    for feature in features:
        feature["geometry"]["coordinates"] = swap(feature["geometry"]["coordinates"])
    return features


def fetch_wfs(session: requests.Session, config: FetchConfig, *, progress: bool = False,
              deadline: float | None = None) -> dict:
    """The PDOK municipality boundaries as a FeatureCollection with statcode/statnaam only."""
    features: list[dict] = []
    with tqdm(desc="PDOK-grenzen", unit=" gemeenten", disable=not progress) as bar:
        while True:
            params = {"request": "GetFeature", "service": "WFS", "version": "2.0.0",
                      "typeNames": config.wfs_layer, "outputFormat": "application/json",
                      "srsName": "EPSG:4326", "count": config.wfs_page_size,
                      "startIndex": len(features)}
            doc = _get_json(session, config.wfs_url, params, config.timeout_s, deadline)
            page = doc.get("features") if isinstance(doc, dict) else None
            if not isinstance(page, list):
                raise InputError("het antwoord van de PDOK-dienst is geen GeoJSON.")
            features.extend(page)
            bar.update(len(page))
            if len(page) < config.wfs_page_size:
                break
    slim = [{"type": "Feature",
             "properties": {"statcode": f["properties"]["statcode"],
                            "statnaam": f["properties"]["statnaam"]},
             "geometry": f["geometry"]} for f in features]
    return {"type": "FeatureCollection", "features": _lonlat(slim)}


# -- the core tables (StatLine layout) -----------------------------------------------------------

def catalog_identifier(session: requests.Session, config: FetchConfig, title: str, *,
                       deadline: float | None = None) -> str:
    """The identifier of the CBS table with exactly this title (one filtered catalogue query)."""
    quoted = title.replace("'", "''")
    doc = _get_json(session, config.catalog_url,
                    {"$format": "json", "$filter": f"Title eq '{quoted}'"},
                    config.timeout_s, deadline)
    rows, _ = parse_odata_page(doc)
    ids = sorted({str(r.get("Identifier", "")).strip() for r in rows} - {""})
    if len(ids) != 1:
        raise InputError(f"de CBS-catalogus kent geen (of meer dan één) tabel '{title}'.")
    return ids[0]


def _cell(value: Any) -> str:
    """One StatLine cell: NA as '.', integers bare, strings stripped."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "."
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_statline_csv(title: str, properties: list[dict], dimension_titles: Mapping[str, str],
                       records: list[dict], path: Path) -> None:
    """Write an OData table as StatLine's CSV download: the title line, one header line per
    topic level ("Onderwerpen", a topic's groups then its title, repeated down to the deepest
    level), the units line (starting with the dimension's title), then one line per record with
    the dimension's title; Latin-1, ``;``-separated, NA as ``.``.
    """
    dims = [p for p in properties if str(p.get("Type", "")).endswith("Dimension")]
    if len(dims) != 1:
        raise InputError(f"de CBS-tabel '{title}' heeft niet precies één dimensie.")
    dim = dims[0]
    by_id = {p.get("ID"): p for p in properties}
    topics = [p for p in properties if p.get("Type") == "Topic"]

    def lineage(p: dict) -> list[str]:
        titles = [str(p["Title"]).strip()]
        parent = by_id.get(p.get("ParentID"))
        while parent is not None:
            titles.insert(0, str(parent["Title"]).strip())
            parent = by_id.get(parent.get("ParentID"))
        return titles

    paths = [lineage(t) for t in topics]
    depth = max(len(p) for p in paths)
    paths = [p + [p[-1]] * (depth - len(p)) for p in paths]
    lines = [[title] + [""] * len(topics)]
    lines += [["Onderwerpen"] + [p[level] for p in paths] for level in range(depth)]
    lines.append([str(dim["Title"]).strip()]
                 + [str(t.get("Unit") or "").strip() or str(t["Title"]).strip() for t in topics])
    for r in records:
        key = r.get(dim["Key"])
        lines.append([dimension_titles.get(key, str(key)).strip()]
                     + [_cell(r.get(t["Key"])) for t in topics])
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    with tmp.open("w", encoding=STATLINE_ENCODING, errors="replace", newline="") as handle:
        csv.writer(handle, delimiter=";", lineterminator="\n").writerows(lines)
    tmp.replace(path)


def fetch_statline(session: requests.Session, config: FetchConfig, title: str, path: Path, *,
                   progress: bool = False, deadline: float | None = None) -> int:
    """Find the table by title, download it (OData v3) and write it at ``path`` in the StatLine
    layout; returns the number of rows."""
    table = catalog_identifier(session, config, title, deadline=deadline)
    base = f"{config.odata_root}/{table}"
    properties = fetch_odata(session, f"{base}/DataProperties", timeout=config.timeout_s,
                             deadline=deadline)
    dims = [p for p in properties if str(p.get("Type", "")).endswith("Dimension")]
    if len(dims) != 1:
        raise InputError(f"de CBS-tabel '{title}' ({table}) heeft niet precies één dimensie.")
    keys = fetch_odata(session, f"{base}/{dims[0]['Key']}", timeout=config.timeout_s,
                       deadline=deadline)
    records = fetch_odata(session, f"{base}/TypedDataSet", timeout=config.timeout_s,
                          progress=progress, desc=f"CBS {table}", deadline=deadline)
    write_statline_csv(title, properties, {k["Key"]: str(k["Title"]) for k in keys}, records,
                       path)
    return len(records)


def fetch_kernen(dest: Path, *, session: requests.Session, config: FetchConfig,
                 progress: bool = False, deadline: float | None = None) -> tuple[int, int]:
    """Both core tables into ``dest/cbs-kernen/``: (rows of the cores, rows of the places)."""
    n_places = fetch_statline(session, config, config.woonplaatsen_titel,
                              woonplaatsen_path(dest), progress=progress, deadline=deadline)
    n_cores = fetch_statline(session, config, config.kernen_titel, kernen_path(dest),
                             progress=progress, deadline=deadline)
    return n_cores, n_places


def fetch(dest: Path, *, progress: bool = True, session: requests.Session | None = None,
          config: FetchConfig = FetchConfig()) -> FetchResult:
    """Download both sources into ``dest`` (e.g. ``data/raw/cbs``) in the expected layout."""
    dest = Path(dest)
    session = session or requests.Session()
    deadline = (time.monotonic() + config.deadline_s) if config.deadline_s is not None else None
    records = fetch_odata(session, f"{config.odata_base}/TypedDataSet",
                          timeout=config.timeout_s, progress=progress, desc=f"CBS {CBS_TABLE}",
                          deadline=deadline)
    frame = records_to_frame(records)
    if "RegioS" not in frame.columns:
        raise InputError(f"de CBS-dienst gaf geen tabel {CBS_TABLE} terug "
                         "(kolom RegioS ontbreekt).")
    properties = records_to_frame(fetch_odata(session, f"{config.odata_base}/DataProperties",
                                              timeout=config.timeout_s, deadline=deadline))
    collection = fetch_wfs(session, config, progress=progress, deadline=deadline)

    write_cbs_csv(frame, cbs_data_path(dest))
    write_cbs_csv(properties, catalog.CBS_PROPERTIES.path(dest))
    geo_path = pdok_path(dest)
    geo_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = geo_path.with_suffix(".part")
    tmp.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")),
                   encoding="utf-8")
    tmp.replace(geo_path)
    n_kernen = n_places = 0
    kernen_error = None
    if config.kernen:
        try:
            n_kernen, n_places = fetch_kernen(dest, session=session, config=config,
                                              progress=progress, deadline=deadline)
        except InputError as error:  # optional: the rest is saved, the summary says why
            kernen_error = error.message
            for part in (kernen_path(dest), woonplaatsen_path(dest)):
                part.unlink(missing_ok=True)  # never one table without the other
    return FetchResult(dest, len(frame), len(collection["features"]), n_kernen, n_places,
                       kernen_error)


# -- fetching before a report --------------------------------------------------------------------

@dataclass(frozen=True)
class AutoFetchConfig:
    """How ``make report`` fetches missing CBS/PDOK files before it falls back to the positions
    respondents ticked themselves."""

    # A report should not wait long for a network that is not there: both sources (about 3 MB)
    # arrive in well under a minute on an ordinary connection; after two minutes it gives up.
    deadline_s: float = 120.0
    # Per request: an unreachable server fails after this many seconds, not the 60 of a
    # deliberate `pmg-analysis cbs fetch`.
    timeout_s: float = 15.0
    fetch: FetchConfig = FetchConfig()


@dataclass(frozen=True)
class AutoFetchResult:
    """Whether the CBS/PDOK files are there now, and, if not, the one Dutch sentence that says
    why and how to fetch them later."""

    available: bool
    fetched: FetchResult | None = None
    sentence: str | None = None


def fallback_sentence(error: InputError, deadline_s: float) -> str:
    """The one Dutch sentence ``make report`` prints when it could not fetch the CBS data."""
    why = (f"de diensten antwoordden niet binnen de tijdslimiet van {deadline_s:.0f} seconden"
           if isinstance(error, FetchTimeout)
           else "er was geen verbinding met de CBS- of PDOK-dienst, of die gaf een onbruikbaar "
                "antwoord")
    return (f"De CBS/PDOK-gegevens ontbreken en konden niet worden opgehaald ({why}), dus de "
            "positie in de regio komt nu alleen uit wat respondenten zelf aankruisten; haal ze "
            "later op met '.venv/bin/pmg-analysis cbs fetch' (of zet PMG_CBS_DIR) en draai "
            "'make report' opnieuw.")


def fetch_if_missing(dest: Path = CBS_RAW, *, progress: bool = True,
                     session: requests.Session | None = None,
                     config: AutoFetchConfig = AutoFetchConfig(),
                     env: Mapping[str, str] | None = None, root: Path | None = None
                     ) -> AutoFetchResult:
    """Fetch the CBS/PDOK files into ``dest`` when no source is found (see
    :func:`~pmg_analysis.regions.sources.resolve_source`; ``env`` and ``root`` as there),
    within the short time limit of ``config``. Never raises for a network failure: the report
    then runs on the positions respondents ticked, and ``sentence`` says why and what to do.

    Examples
    --------
    Files already there (here: the test fixture as ``PMG_CBS_DIR``): nothing is fetched.

    >>> attempt = fetch_if_missing(env={"PMG_CBS_DIR": str(cbs_fixture)})
    >>> attempt.available, attempt.sentence
    (True, None)
    """
    if resolve_source(env, root).available:
        return AutoFetchResult(True)
    short = replace(config.fetch, timeout_s=config.timeout_s, deadline_s=config.deadline_s)
    try:
        result = fetch(dest, progress=progress, session=session, config=short)
    except InputError as error:
        return AutoFetchResult(False, sentence=fallback_sentence(error, config.deadline_s))
    return AutoFetchResult(resolve_source(env, root).available, fetched=result)

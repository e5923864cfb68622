"""Download the CBS table 83553NED (OData v3) and the PDOK 2017 boundaries (WFS).

Writes the layout :mod:`pmg_analysis.regions.sources` looks for (default ``data/raw/cbs/``)::

    cbs-83553NED/data.csv              TypedDataSet, as cbsodataR writes it
    cbs-83553NED/DataProperties.csv    what every column means
    pdok/gemeente_2017_gegeneraliseerd.geojson

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

from pmg_analysis.errors import InputError
from pmg_analysis.paths import CBS_RAW
from pmg_analysis.regions.load import CBS_SUBDIR, CBS_TABLE, cbs_data_path, pdok_path
from pmg_analysis.regions.sources import resolve_source


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


@dataclass(frozen=True)
class FetchResult:
    dest: Path
    n_cbs: int
    n_pdok: int

    def summary(self) -> str:
        return fetch_summary(self)


def fetch_summary(result: FetchResult) -> str:
    """The Dutch line the CLI prints after a successful download."""
    return (f"CBS-tabel {CBS_TABLE} ({result.n_cbs} gemeenten) en PDOK-gemeentegrenzen "
            f"({result.n_pdok} gemeenten) opgeslagen in {result.dest}.")


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
    write_cbs_csv(properties, dest / CBS_SUBDIR / "DataProperties.csv")
    geo_path = pdok_path(dest)
    geo_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = geo_path.with_suffix(".part")
    tmp.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")),
                   encoding="utf-8")
    tmp.replace(geo_path)
    return FetchResult(dest, len(frame), len(collection["features"]))


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

"""Reading the CBS table 83553NED ("Gebieden in Nederland 2017") and the PDOK boundaries.

Both readers accept the files exactly as the services and their clients deliver them:

* ``cbs-83553NED/data.csv`` as written by cbsodataR (the OData ``TypedDataSet`` as CSV; codes and
  names keep CBS's fixed-width padding, which is stripped here). ``cbsodata.get_data`` returns
  the same keys, and :mod:`pmg_analysis.regions.fetch` writes the same layout.
* ``pdok/gemeente_2017_gegeneraliseerd.geojson``: a FeatureCollection with ``statcode`` and
  ``statnaam`` properties and ``[lon, lat]`` coordinates.

Any problem with a file (missing, wrong columns, non-numeric counts, broken JSON) is raised as one
:class:`~pmg_analysis.errors.InputError` in Dutch.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from pmg_analysis import catalog
from pmg_analysis.errors import InputError

CBS_TABLE = catalog.CBS_TABLE

# CBS key -> column in the municipality table. Keys as in DataProperties.csv of 83553NED.
CBS_COLUMNS: dict[str, str] = {
    "RegioS": "gemeente_code",
    "Naam_2": "gemeente_naam",
    "Code_32": "provincie_code",
    "Naam_33": "provincie",
    "Code_8": "corop_code",
    "Naam_9": "corop_naam",
    "Code_4": "arbeidsmarktregio_code",
    "Naam_5": "arbeidsmarktregio_naam",
    "Code_46": "stedelijkheid",
    "Inwonertal_48": "inwoners",
    "Omgevingsadressendichtheid_49": "oad",
}
_NUMERIC = {"stedelijkheid": "Int8", "inwoners": "Int64", "oad": "Int64"}


def cbs_data_path(source_dir: Path) -> Path:
    return catalog.CBS_DATA.path(source_dir)


def pdok_path(source_dir: Path) -> Path:
    return catalog.PDOK_BOUNDARIES.path(source_dir)


def read_cbs(path: Path) -> pd.DataFrame:
    """The CBS municipality rows: one row per municipality, columns named as in ``CBS_COLUMNS``.

    Codes and names are stripped of CBS's padding; ``stedelijkheid`` (1..5), ``inwoners`` and
    ``oad`` are nullable integers. Raises :class:`InputError` for a missing or unusable file.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("het CBS-bestand ontbreekt.", path=path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"het CBS-bestand is geen leesbaar CSV-bestand ({exc}).",
                         path=path) from None
    missing = [key for key in CBS_COLUMNS if key not in raw.columns]
    if missing:
        raise InputError(
            "dit lijkt geen CBS-tabel 83553NED ('Gebieden in Nederland 2017'); de kolommen "
            f"{', '.join(missing)} ontbreken.", path=path, column=missing[0])
    out = raw[list(CBS_COLUMNS)].rename(columns=CBS_COLUMNS)
    for col in out.columns:
        out[col] = out[col].str.strip()
    for col, dtype in _NUMERIC.items():
        values = pd.to_numeric(out[col].replace("", None), errors="coerce")
        bad = values.isna() & out[col].ne("")
        if bad.any():
            first = int(np.flatnonzero(bad.to_numpy())[0])
            key = next(k for k, v in CBS_COLUMNS.items() if v == col)
            raise InputError(f"'{out[col].iloc[first]}' is geen getal.", path=path,
                             row=first + 2, column=key)
        out[col] = values.astype(dtype)
    if out["gemeente_code"].eq("").any() or out["gemeente_code"].duplicated().any():
        raise InputError("de gemeentecodes (RegioS) zijn leeg of komen dubbel voor.",
                         path=path, column="RegioS")
    if out.empty:
        raise InputError("het CBS-bestand bevat geen gemeenten.", path=path)
    string_cols = [c for c in out.columns if c not in _NUMERIC]
    out[string_cols] = out[string_cols].astype("string")
    return out.reset_index(drop=True)


def read_boundaries(path: Path) -> tuple[pd.Series, np.ndarray]:
    """The PDOK boundaries: (``statcode`` per feature as a string Series, shapely geometries).

    Geometries stay in the file's coordinates (lon, lat). Raises :class:`InputError` for a
    missing file, broken JSON, or features without ``statcode`` or a (Multi)Polygon geometry.
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("het PDOK-bestand met gemeentegrenzen ontbreekt.", path=path)
    try:
        doc = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"het PDOK-bestand is geen geldige GeoJSON ({exc}).",
                         path=path) from None
    features = doc.get("features") if isinstance(doc, dict) else None
    if not isinstance(features, list) or not features:
        raise InputError("het PDOK-bestand is geen GeoJSON-FeatureCollection met gemeenten.",
                         path=path)
    try:
        codes = [str(f["properties"]["statcode"]).strip() for f in features]
        geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    except (KeyError, TypeError, shapely.errors.GEOSException) as exc:
        raise InputError(
            "een gemeente in het PDOK-bestand mist 'statcode' of een geldige geometrie "
            f"({type(exc).__name__}: {exc}).", path=path) from None
    kinds = set(shapely.get_type_id(geoms).tolist())
    if not kinds <= {3, 6}:  # Polygon, MultiPolygon
        raise InputError("het PDOK-bestand bevat geometrieën die geen (multi)polygoon zijn.",
                         path=path)
    code_series = pd.Series(codes, dtype="string", name="gemeente_code")
    if code_series.duplicated().any():
        raise InputError("een statcode komt dubbel voor in het PDOK-bestand.", path=path)
    return code_series, geoms

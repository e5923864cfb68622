"""Data for the map of position types: display boundaries and one row per municipality.

The PDOK boundaries (955 kB) are simplified for display only: projected to RD New, simplified
with a tolerance in metres (``shapely.simplify``, topology of each shape preserved), projected
back to lon/lat, coordinates rounded, exterior rings clockwise (the winding d3-geo, and so
plotly's choropleth, expects). Measurements never use these shapes (see ``geometry``).
The figure itself is drawn by :func:`pmg_analysis.plots.position_map`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer

from pmg_analysis.regions.geometry import GeometryConfig, to_rd
from pmg_analysis.regions.load import pdok_path, read_boundaries
from pmg_analysis.regions.sources import resolve_source


@dataclass(frozen=True)
class MapConfig:
    """Settings of the display boundaries."""

    geometry: GeometryConfig = field(default_factory=GeometryConfig)
    # 300 m keeps every municipality recognisable on a national map (the smallest, Bloemendaal
    # or Rozendaal, are a few km across) and shrinks the GeoJSON from 955 kB to about 215 kB.
    simplify_tolerance_m: float = 300.0
    # 4 decimals of a degree: about 7 m (lon) x 11 m (lat) at 52° N, far below the tolerance;
    # 3 decimals would make some shapes self-intersect.
    decimals: int = 4


def simplify_boundaries(geoms: np.ndarray, config: MapConfig = MapConfig()) -> np.ndarray:
    """Lon/lat (Multi)Polygons simplified in RD New and returned in lon/lat, rounded."""
    back = Transformer.from_crs(config.geometry.target_crs, config.geometry.source_crs,
                                always_xy=True)

    def to_lonlat(coords: np.ndarray) -> np.ndarray:
        lon, lat = back.transform(coords[:, 0], coords[:, 1])
        return np.round(np.column_stack([lon, lat]), config.decimals)

    simple = shapely.simplify(to_rd(geoms, config.geometry), config.simplify_tolerance_m,
                              preserve_topology=True)
    lonlat = shapely.remove_repeated_points(shapely.transform(simple, to_lonlat))
    return shapely.orient_polygons(lonlat, exterior_cw=True)


def display_geojson(source_dir: Path | None = None, config: MapConfig = MapConfig()) -> dict:
    """The PDOK boundaries as a small FeatureCollection for the map (property ``statcode``).

    ``source_dir`` defaults to :func:`~pmg_analysis.regions.sources.resolve_source`; raises
    :class:`~pmg_analysis.errors.InputError` (via the reader) when the file is missing.
    """
    if source_dir is None:
        source_dir = resolve_source().directory
    codes, geoms = read_boundaries(pdok_path(Path(source_dir or ".")))
    simple = simplify_boundaries(geoms, config)
    features = [{"type": "Feature", "id": code, "properties": {"statcode": code},
                 "geometry": json.loads(shapely.to_geojson(geom))}
                for code, geom in zip(codes.tolist(), simple, strict=True)]
    return {"type": "FeatureCollection", "features": features}


def map_frame(gemeenten: pd.DataFrame, responding: pd.Series | None = None,
              config: MapConfig = MapConfig()) -> pd.DataFrame:
    """One row per municipality for the map.

    Columns: ``gemeente_code`` (string), ``gemeente_naam``, ``positie_cbs``, ``respondent``
    (bool: the code occurs in ``responding``), ``lon``/``lat`` of the centroid (Float64).
    """
    back = Transformer.from_crs(config.geometry.target_crs, config.geometry.source_crs,
                                always_xy=True)
    lon, lat = back.transform(gemeenten["centroid_x"].to_numpy(float),
                              gemeenten["centroid_y"].to_numpy(float))
    codes = gemeenten["gemeente_code"].astype("string")
    answered = set() if responding is None else set(responding.dropna().astype(str))
    return pd.DataFrame({
        "gemeente_code": codes.to_numpy(),
        "gemeente_naam": gemeenten["gemeente_naam"].astype("string").to_numpy(),
        "positie_cbs": gemeenten["positie_cbs"].array,
        "respondent": codes.isin(answered).to_numpy(bool),
        "lon": pd.array(np.round(lon, config.decimals), dtype="Float64"),
        "lat": pd.array(np.round(lat, config.decimals), dtype="Float64"),
    })

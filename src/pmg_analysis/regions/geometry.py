"""Geometry on the PDOK boundaries: projection to RD New, area, centroid and neighbours.

All measurements happen in RD New (EPSG:28992, metres). The PDOK file declares EPSG:4326 but
holds ``[lon, lat]`` pairs, hence ``always_xy=True``. Generalised boundaries of neighbouring
municipalities do not coincide exactly, so two municipalities are neighbours when their
boundaries come within ``GeometryConfig.neighbour_tolerance_m`` of each other (shapely STRtree
``dwithin`` query).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd
import shapely
from annotated_types import Ge
from pyproj import Transformer

from pmg_analysis.reasons import setting


@dataclass(frozen=True)
class GeometryConfig:
    source_crs: str = setting("EPSG:4326", reason=(
        "the PDOK boundaries come as GeoJSON: lon/lat on WGS 84"))
    target_crs: str = setting("EPSG:28992", reason="RD New: metres, the Dutch national grid")
    neighbour_tolerance_m: Annotated[float, Ge(0)] = setting(100.0, reason=(
        "Most generalised boundaries of neighbours touch exactly (2,014 ordered pairs at 0 m), "
        "but a few real neighbours are left a gap of up to ~100 m by the generalisation "
        "(Rijswijk - Leidschendam-Voorburg, Grootegast - Kollumerland, Elburg - Dronten, "
        "Wijdemeren - Gooise Meren): 100 m adds exactly those 6 pairs; Winterswijk keeps Aalten "
        "and Oost Gelre only."))


def to_rd(geoms: np.ndarray, config: GeometryConfig = GeometryConfig()) -> np.ndarray:
    """Project lon/lat geometries to RD New (vectorised over all coordinates at once)."""
    transformer = Transformer.from_crs(config.source_crs, config.target_crs, always_xy=True)

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, project)


def shape_table(codes: pd.Series, geoms_rd: np.ndarray) -> pd.DataFrame:
    """Area (km²) and centroid (RD New metres) per municipality."""
    centroids = shapely.centroid(geoms_rd)
    return pd.DataFrame({
        "gemeente_code": codes.to_numpy(),
        "oppervlakte_km2": shapely.area(geoms_rd) / 1e6,
        "centroid_x": shapely.get_x(centroids),
        "centroid_y": shapely.get_y(centroids),
    }).astype({"gemeente_code": "string", "oppervlakte_km2": "Float64",
               "centroid_x": "Float64", "centroid_y": "Float64"})


def neighbours(codes: pd.Series, geoms_rd: np.ndarray,
               config: GeometryConfig = GeometryConfig()) -> pd.DataFrame:
    """Long table of neighbour pairs (both directions): ``gemeente_code``, ``buur_code``."""
    tree = shapely.STRtree(geoms_rd)
    left, right = tree.query(geoms_rd, predicate="dwithin",
                             distance=config.neighbour_tolerance_m)
    keep = left != right
    code_arr = codes.to_numpy()
    pairs = pd.DataFrame({"gemeente_code": code_arr[left[keep]],
                          "buur_code": code_arr[right[keep]]}, dtype="string")
    return pairs.sort_values(["gemeente_code", "buur_code"], ignore_index=True)

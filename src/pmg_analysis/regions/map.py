"""Map of the Netherlands coloured by position type (plotly, embedded GeoJSON, no tile server).

Lives here because ``pmg_analysis.plots`` did not exist when it was written; ``regions`` may
not import ``plots`` (it lies to its right in the data flow), so pass the house colours in:
``position_map(..., colours=plots.POSITION_COLOURS, labels=plots.POSITION_LABELS)``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from pmg_analysis.regions.typology import POSITIE_TYPES

_FALLBACK_COLOURS = {"nabij_grotere_stad": "#1f77b4", "polycentrisch": "#2ca02c",
                     "monocentrisch": "#ff7f0e"}
LABELS_NL = {"nabij_grotere_stad": "Nabij een grotere stad",
             "polycentrisch": "Polycentrische regio", "monocentrisch": "Monocentrisch"}


def load_geojson(path: Path) -> dict:
    return json.loads(Path(path).read_bytes())


def position_map(gemeenten: pd.DataFrame, geojson: dict,
                 responding: pd.Series | None = None, title: str = "", *,
                 colours: Mapping[str, str] | None = None,
                 labels: Mapping[str, str] | None = None) -> go.Figure:
    """Choropleth of ``positie_cbs``; responding municipalities (codes) marked with a dot.

    ``geojson`` is the PDOK FeatureCollection (embedded in the figure: works offline).
    """
    colours = {**_FALLBACK_COLOURS, **(colours or {})}
    names = {**LABELS_NL, **(labels or {})}
    fig = go.Figure()
    codes = gemeenten["gemeente_code"].astype(str)
    for typ in POSITIE_TYPES:
        part = gemeenten[gemeenten["positie_cbs"] == typ]
        fig.add_trace(go.Choropleth(
            geojson=geojson, featureidkey="properties.statcode",
            locations=part["gemeente_code"].astype(str), z=[1] * len(part),
            colorscale=[[0, colours[typ]], [1, colours[typ]]], showscale=False,
            marker_line_width=0.3, marker_line_color="white", name=names[typ],
            showlegend=True, text=part["gemeente_naam"].astype(str),
            hovertemplate="%{text}<br>" + names[typ] + "<extra></extra>"))
    if responding is not None:
        from pyproj import Transformer
        mark = gemeenten[codes.isin(set(responding.astype(str)))]
        lon, lat = Transformer.from_crs("EPSG:28992", "EPSG:4326", always_xy=True).transform(
            mark["centroid_x"].to_numpy(float), mark["centroid_y"].to_numpy(float))
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="markers", name="Respondent",
                                    text=mark["gemeente_naam"].astype(str),
                                    marker=dict(size=6, color="black", symbol="circle"),
                                    hovertemplate="%{text} (respondent)<extra></extra>"))
    fig.update_geos(fitbounds="locations", visible=False)
    fig.update_layout(title=title or None, margin=dict(l=0, r=0, t=40 if title else 0, b=0),
                      legend=dict(orientation="h", yanchor="bottom", y=0.0, x=0.0), height=650)
    return fig

"""Plotly figures in one house style, and a deterministic way to show them in a notebook.

The plotly template ``"pmg"`` (font, margins, Dutch number formatting: decimal comma, thousands
dot) is registered when the first figure is made (:func:`register_template`); importing this
module loads no file and registers nothing. Theme colours and labels follow the instrument's
themes (:func:`theme_colours`, :func:`theme_labels`). The figure builders are pure: a
DataFrame in, a :class:`plotly.graph_objects.Figure` out; they compute no statistics, they
only draw what they are given (counts, shares, estimates with intervals, a crosstab).

:func:`show` displays a figure with two representations: the plotly JSON mimetype, which
JupyterLab renders interactively, and a ``text/html`` div with an id derived from the figure's
name and without plotly.js, which nbconvert uses for the HTML reports (plotly.js is embedded once
per page by :mod:`pmg_analysis.report`) and which nbval can compare between runs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from pmg_analysis.instrument import Instrument, load_instrument

TEMPLATE_NAME = "pmg"
PLOTLY_MIMETYPE = "application/vnd.plotly.v1+json"
DIV_ID_PREFIX = "pmg-fig-"


@dataclass(frozen=True)
class HouseStyle:
    """Settings of the house style; one place for fonts, sizes and number formats."""

    font_family: str = "Source Sans Pro, Segoe UI, Helvetica Neue, Arial, sans-serif"
    font_size: int = 14
    font_colour: str = "#222222"
    title_size: int = 18
    separators: str = ",."  # plotly: decimal separator, then thousands separator
    margin: Mapping[str, int] = field(
        default_factory=lambda: {"l": 10, "r": 30, "t": 60, "b": 40, "pad": 4})
    height: int = 450
    row_height: int = 34  # horizontal charts: pixels per category
    min_height: int = 260
    label_width: int = 22  # characters per line of a wrapped axis label (heatmap columns)
    grid_colour: str = "#E5E5E5"
    neutral_colour: str = "#7F7F7F"
    share_format: str = ".0%"  # d3-format for shares (0..1), e.g. 12%
    number_format: str = ",.0f"  # d3-format for counts, e.g. 1.234
    estimate_format: str = ",.2f"  # d3-format for estimates, e.g. 3,45
    colourscale: tuple[str, ...] = ("#F7FBFF", "#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
    # Colours of the instrument's themes, in theme order: Okabe & Ito (2008), colour-blind safe
    # (blue, orange, reddish purple, bluish green, then the rest of their palette).
    theme_palette: tuple[str, ...] = ("#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9",
                                      "#D55E00", "#F0E442", "#000000")
    config: Mapping[str, object] = field(
        default_factory=lambda: {"displaylogo": False, "responsive": True})


def theme_colours(instrument: Instrument | None = None,
                  style: HouseStyle = HouseStyle()) -> dict[str, str]:
    """A colour per theme of the instrument (default: the packaged one), in theme order.

    Examples
    --------
    >>> theme_colours()["EA"]
    '#0072B2'
    """
    codes = (instrument or load_instrument()).theme_codes
    palette = style.theme_palette
    return {code: palette[i % len(palette)] for i, code in enumerate(codes)}


def theme_labels(instrument: Instrument | None = None) -> dict[str, str]:
    """The Dutch name of each theme of the instrument (default: the packaged one)."""
    return {t.code: t.name for t in (instrument or load_instrument()).themes}


def __getattr__(name: str):
    """``plots.THEME_COLOURS`` and ``plots.THEME_LABELS``: the packaged instrument's, worked
    out when first asked for (importing this module reads no file)."""
    if name == "THEME_COLOURS":
        return theme_colours()
    if name == "THEME_LABELS":
        return theme_labels()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Paul Tol's "vibrant" scheme, colour-blind safe; grey for "don't know" / unknown.
POSITION_COLOURS: dict[str, str] = {
    "nabij_grotere_stad": "#EE7733",  # orange
    "polycentrisch": "#0077BB",  # blue
    "monocentrisch": "#EE3377",  # magenta
    "weet_niet": "#BBBBBB",
    "onbekend": "#BBBBBB",
}
POSITION_LABELS: dict[str, str] = {
    "nabij_grotere_stad": "Nabij een grotere stad",
    "polycentrisch": "Polycentrische regio",
    "monocentrisch": "Monocentrische regio",
    "weet_niet": "Weet niet",
    "onbekend": "Onbekend",
}


def _colorway(style: HouseStyle) -> list[str]:
    themes = list(theme_colours(style=style).values())
    return themes + [c for c in style.theme_palette if c not in themes]


def house_template(style: HouseStyle = HouseStyle()) -> go.layout.Template:
    """The ``pmg`` plotly template: based on ``plotly_white`` with the house fonts and formats."""
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.update(
        font={"family": style.font_family, "size": style.font_size, "color": style.font_colour},
        title={"font": {"size": style.title_size}, "x": 0, "xanchor": "left"},
        separators=style.separators,
        margin=dict(style.margin),
        height=style.height,
        # the themes' colours first, then the rest of the palette: a chart with more series
        # than themes never gives two series the same colour
        colorway=_colorway(style),
        hoverlabel={"font": {"family": style.font_family}},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0,
                "title": {"text": ""}},
        xaxis={"gridcolor": style.grid_colour, "zerolinecolor": style.grid_colour},
        yaxis={"gridcolor": style.grid_colour, "zerolinecolor": style.grid_colour},
    )
    return template


def register_template(style: HouseStyle = HouseStyle()) -> str:
    """Register the ``pmg`` template with plotly (once) and return its name; every figure
    builder calls it, so nothing is registered before a figure is made."""
    if TEMPLATE_NAME not in pio.templates:
        pio.templates[TEMPLATE_NAME] = house_template(style)
    return TEMPLATE_NAME


# --------------------------------------------------------------------------------------------
# Showing a figure in a notebook
# --------------------------------------------------------------------------------------------

def div_id(name: str) -> str:
    """A stable HTML id for a figure name: ``"Per thema"`` -> ``"pmg-fig-per-thema"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise ValueError(f"figure name {name!r} has no letters or digits")
    return DIV_ID_PREFIX + slug


def mimebundle(fig: go.Figure, *, name: str, style: HouseStyle = HouseStyle()) -> dict[str, object]:
    """The display data for ``fig``: plotly JSON, a deterministic HTML div and a text fallback.

    The HTML has no plotly.js (the report page embeds it once) and its div id comes from
    ``name``, so the same figure always gives the same bytes. Names must be unique per notebook.
    """
    config = dict(style.config)
    fig_json = json.loads(pio.to_json(fig, validate=False, remove_uids=True))
    fig_json["config"] = config
    height = fig.layout.height or style.height
    html = pio.to_html(fig, config=config, include_plotlyjs=False, full_html=False,
                       div_id=div_id(name), default_height=f"{height}px", validate=False)
    title = fig.layout.title.text or name
    return {PLOTLY_MIMETYPE: fig_json, "text/html": html, "text/plain": f"Figuur: {title}"}


EMPTY_SENTENCE = ("Deze grafiek blijft leeg: geen enkele gemeente beantwoordde de vragen waar "
                  "zij op berust. Zodra er antwoorden op die vragen zijn, verschijnt zij hier.")
"""What a page says instead of a chart without a single value (see :func:`show`)."""


def has_data(fig: go.Figure) -> bool:
    """Whether any trace of ``fig`` holds at least one finite number (a chart to draw)."""
    for trace in fig.data:
        for attr in ("x", "y", "z", "values", "r"):
            values = getattr(trace, attr, None) if attr in trace else None
            if values is None:
                continue
            flat = np.asarray(values, dtype=object).ravel()
            numbers = pd.to_numeric(pd.Series(flat, dtype=object), errors="coerce")
            if np.isfinite(numbers.to_numpy(dtype=float, na_value=np.nan)).any():
                return True
    return False


def show(fig: go.Figure | str, *, name: str, empty: str | None = None) -> None:
    """Display ``fig`` in a notebook (interactive in JupyterLab, deterministic in HTML/nbval).

    A page never shows an empty chart: a figure without a single value is replaced by the
    Dutch sentence ``empty`` (default :data:`EMPTY_SENTENCE`), and a sentence passed instead
    of a figure (a figure that cannot be computed) is printed as it is."""
    from IPython.display import display

    if isinstance(fig, str) or not has_data(fig):
        print(fig if isinstance(fig, str) else (empty or EMPTY_SENTENCE))
        return
    display(mimebundle(fig, name=name), raw=True)


# --------------------------------------------------------------------------------------------
# Figure builders (pure: DataFrame in, Figure out)
# --------------------------------------------------------------------------------------------

def _labels(values: pd.Series, labels: Mapping[str, str] | None) -> list[str]:
    """Display labels for category values, in the order given (unknown values kept as is)."""
    texts = values.astype("string").fillna("Onbekend")
    if labels:
        texts = texts.map(lambda v: labels.get(v, v))
    return texts.tolist()


def _colours(keys: pd.Series, colour_map: Mapping[str, str] | None,
             style: HouseStyle) -> list[str] | str:
    if colour_map is None:
        return style.theme_palette[0]
    return keys.astype("string").map(lambda k: colour_map.get(k, style.neutral_colour)).tolist()


def _row_height(n: int, style: HouseStyle) -> int:
    return max(style.min_height, style.margin["t"] + style.margin["b"] + n * style.row_height)


def _finish(fig: go.Figure, title: str | None, height: int | None) -> go.Figure:
    fig.update_layout(template=register_template(), title={"text": title or ""})
    if height is not None:
        fig.update_layout(height=height)
    return fig


def bar_chart(data: pd.DataFrame, *, category: str, value: str, colour: str | None = None,
              colour_map: Mapping[str, str] | None = None,
              labels: Mapping[str, str] | None = None, share: bool = False,
              title: str | None = None, value_title: str | None = None,
              style: HouseStyle = HouseStyle()) -> go.Figure:
    """Horizontal bars of counts (or shares in 0..1 when ``share``), one per row, value labels.

    Rows are drawn top to bottom in the order of ``data``; ``labels`` maps category codes to
    display texts; ``colour`` names a column whose values are looked up in ``colour_map``.
    """
    fmt = style.share_format if share else style.number_format
    keys = data[colour] if colour else data[category]
    fig = go.Figure(go.Bar(
        y=_labels(data[category], labels), x=_floats(data[value]),
        orientation="h", marker_color=_colours(keys, colour_map, style),
        texttemplate=f"%{{x:{fmt}}}", textposition="outside", cliponaxis=False,
        hovertemplate=f"%{{y}}: %{{x:{fmt}}}<extra></extra>",
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title={"text": value_title or ""}, tickformat=fmt, rangemode="tozero",
                     **_integer_ticks(data[value], share))
    return _finish(fig, title, _row_height(len(data), style))


def _integer_ticks(values: pd.Series, share: bool, max_ticks: int = 8,
                   small: int = 40) -> dict:
    """Whole-number tick steps for small counts, so an axis up to 3 does not read
    "0 1 1 2 2 3"; larger axes keep plotly's own (round) steps."""
    numbers = _floats(values)
    numbers = numbers[~np.isnan(numbers)]
    if (share or not len(numbers) or numbers.max() > small
            or not np.all(numbers == np.round(numbers))):
        return {}
    return {"tick0": 0, "dtick": max(1, int(np.ceil(numbers.max() / max_ticks)))}


def stacked_bar(data: pd.DataFrame, *, category: str, group: str, value: str,
                colour_map: Mapping[str, str] | None = None,
                labels: Mapping[str, str] | None = None,
                group_labels: Mapping[str, str] | None = None, share: bool = False,
                title: str | None = None, value_title: str | None = None,
                style: HouseStyle = HouseStyle()) -> go.Figure:
    """Horizontal bars per ``category`` stacked by ``group`` (long data: one row per pair).

    Category and group order follow categorical order when the columns are categorical, else
    first appearance.
    """
    fmt = style.share_format if share else style.number_format
    categories = _ordered(data[category])
    fig = go.Figure()
    for key in _ordered(data[group]):
        part = data[data[group] == key].set_index(category)[value].reindex(categories)
        name = _labels(pd.Series([key]), group_labels)[0]
        fig.add_trace(go.Bar(
            y=_labels(pd.Series(categories), labels),
            x=_floats(part),
            name=name, orientation="h",
            marker_color=colour_map.get(key, style.neutral_colour) if colour_map else None,
            texttemplate=f"%{{x:{fmt}}}", textposition="inside", insidetextanchor="middle",
            hovertemplate=f"{name}: %{{x:{fmt}}}<extra>%{{y}}</extra>",
        ))
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title={"text": value_title or ""}, tickformat=fmt)
    return _finish(fig, title, _row_height(len(categories), style) + 40)


def heatmap(crosstab: pd.DataFrame, *, share: bool = False, title: str | None = None,
            row_labels: Mapping[str, str] | None = None,
            column_labels: Mapping[str, str] | None = None,
            style: HouseStyle = HouseStyle()) -> go.Figure:
    """A crosstab (index = rows, columns = columns) as a heatmap with the values printed."""
    fmt = style.share_format if share else style.number_format
    z = crosstab.astype("Float64").to_numpy(float, na_value=np.nan)
    columns = _labels(pd.Series(crosstab.columns), column_labels)
    fig = go.Figure(go.Heatmap(
        z=z, x=columns,
        y=_labels(pd.Series(crosstab.index), row_labels),
        colorscale=list(style.colourscale), texttemplate=f"%{{z:{fmt}}}",
        hovertemplate=f"%{{y}} × %{{x}}: %{{z:{fmt}}}<extra></extra>",
        colorbar={"tickformat": fmt}, xgap=1, ygap=1,
    ))
    # column labels under the cells, horizontal and wrapped: rotated labels on top ran into
    # the title
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="bottom", automargin=True, tickangle=0, tickmode="array",
                     tickvals=columns, ticktext=[wrap_label(c, style.label_width)
                                                 for c in columns])
    lines = max((wrap_label(c, style.label_width).count("<br>") + 1 for c in columns),
                default=1)
    return _finish(fig, title, _row_height(len(crosstab), style) + 20 * lines + 20)


def wrap_label(label: str, width: int) -> str:
    """A long axis label on lines of at most ``width`` characters (plotly's ``<br>``), broken
    between words only.

    >>> wrap_label("Sociale veerkracht & relatie burger-overheid", 20)
    'Sociale veerkracht &<br>relatie<br>burger-overheid'
    """
    import textwrap

    return "<br>".join(textwrap.wrap(str(label), width, break_long_words=False,
                                     break_on_hyphens=False)) or str(label)


def interval_plot(data: pd.DataFrame, *, category: str, estimate: str, lower: str, upper: str,
                  colour: str | None = None, colour_map: Mapping[str, str] | None = None,
                  labels: Mapping[str, str] | None = None, title: str | None = None,
                  value_title: str | None = None, value_format: str | None = None,
                  style: HouseStyle = HouseStyle()) -> go.Figure:
    """A dot per category at ``estimate`` with a horizontal bar from ``lower`` to ``upper``."""
    fmt = value_format or style.estimate_format
    est, lo, hi = _floats(data[estimate]), _floats(data[lower]), _floats(data[upper])
    keys = data[colour] if colour else data[category]
    fig = go.Figure(go.Scatter(
        y=_labels(data[category], labels), x=est, mode="markers",
        marker={"size": 11, "color": _colours(keys, colour_map, style)},
        error_x={"type": "data", "symmetric": False, "array": hi - est, "arrayminus": est - lo,
                 "color": style.neutral_colour, "thickness": 2, "width": 6},
        customdata=list(zip(lo, hi, strict=True)),
        hovertemplate=(f"%{{y}}: %{{x:{fmt}}} (%{{customdata[0]:{fmt}}} – "
                       f"%{{customdata[1]:{fmt}}})<extra></extra>"),
    ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title={"text": value_title or ""}, tickformat=fmt)
    return _finish(fig, title, _row_height(len(data), style))


def position_map(municipalities: pd.DataFrame, geojson: Mapping, *, title: str | None = None,
                 height: int = 650, style: HouseStyle = HouseStyle()) -> go.Figure:
    """Map of the Netherlands coloured by position type, responding municipalities marked.

    ``municipalities`` is :func:`pmg_analysis.regions.mapdata.map_frame` (gemeente_code,
    gemeente_naam, positie_cbs, respondent, lon, lat); ``geojson`` a FeatureCollection with
    ``properties.statcode`` (e.g. :func:`~pmg_analysis.regions.mapdata.display_geojson`). The
    boundaries are embedded: each type's trace carries only its own features, so the figure
    holds every boundary once.

    Offline: plotly.js fetches a world topojson from its CDN for a geo subplot whose *first*
    trace has a ``locationmode`` (as a GeoJSON choropleth has) or shows a base layer. The
    first trace here is therefore an invisible scattergeo of the centroids (no
    ``locationmode``) and every base layer is off (``visible=False``).
    """
    features = {f["properties"]["statcode"]: f for f in geojson["features"]}
    frame = municipalities[municipalities["gemeente_code"].astype(str).isin(features)]
    types = frame["positie_cbs"].astype("string")
    fig = go.Figure(go.Scattergeo(
        lon=_floats(frame["lon"]), lat=_floats(frame["lat"]), mode="markers",
        marker={"size": 1, "opacity": 0}, showlegend=False, name="", hoverinfo="skip"))
    for typ in _ordered(frame["positie_cbs"]):
        part = frame[types == typ]
        codes = part["gemeente_code"].astype(str).tolist()
        colour = POSITION_COLOURS.get(typ, style.neutral_colour)
        name = POSITION_LABELS.get(typ, typ)
        fig.add_trace(go.Choropleth(
            geojson={"type": "FeatureCollection", "features": [features[c] for c in codes]},
            featureidkey="properties.statcode", locations=codes, z=[1] * len(codes),
            colorscale=[[0, colour], [1, colour]], showscale=False, name=name,
            showlegend=True, text=part["gemeente_naam"].astype(str).tolist(),
            hovertemplate="%{text}<br>" + name + "<extra></extra>",
            marker={"line": {"width": 0.4, "color": "white"}}))
    marked = frame[frame["respondent"].astype(bool)]
    fig.add_trace(go.Scattergeo(
        lon=_floats(marked["lon"]), lat=_floats(marked["lat"]), mode="markers",
        name="Gemeente met respondenten", text=marked["gemeente_naam"].astype(str).tolist(),
        hovertemplate="%{text} (respondenten)<extra></extra>",
        marker={"size": 6, "color": style.font_colour, "line": {"width": 1, "color": "white"}}))
    fig.update_geos(fitbounds="locations", visible=False, projection_type="mercator")
    fig = _finish(fig, title, height)
    fig.update_layout(margin={"l": 0, "r": 0, "t": style.margin["t"] if title else 10, "b": 0})
    return fig


def _floats(values: pd.Series) -> np.ndarray:
    """Values as a float array with NaN for missing (nullable dtypes included)."""
    return values.astype("Float64").to_numpy(float, na_value=np.nan)


def _ordered(values: pd.Series) -> list:
    """Distinct values in categorical order (observed only) or order of first appearance."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        present = set(values.dropna().unique())
        return [c for c in values.cat.categories if c in present]
    return values.dropna().drop_duplicates().tolist()


__all__: Sequence[str] = [
    "HouseStyle", "TEMPLATE_NAME", "PLOTLY_MIMETYPE", "POSITION_COLOURS", "POSITION_LABELS",
    "house_template", "register_template", "theme_colours", "theme_labels", "div_id",
    "mimebundle", "show",
    "bar_chart", "stacked_bar", "heatmap", "interval_plot", "position_map",
]


# --------------------------------------------------------------------------------------------
# Diverging stacked bars (Likert answers)
# --------------------------------------------------------------------------------------------

# ColorBrewer "RdBu" (5 classes, colour-blind safe) with a grey middle: disagree red, agree blue.
LIKERT_COLOURS: tuple[str, ...] = ("#CA0020", "#F4A582", "#BBBBBB", "#92C5DE", "#0571B0")


def diverging_bar(data: pd.DataFrame, *, category: str, level: str, value: str,
                  group: str | None = None, labels: Mapping[str, str] | None = None,
                  group_labels: Mapping[str, str] | None = None,
                  colours: Sequence[str] = LIKERT_COLOURS, title: str | None = None,
                  value_title: str | None = None, style: HouseStyle = HouseStyle()) -> go.Figure:
    """Diverging stacked bars: per row the shares (0..1) of ordered answer levels, the
    disagreeing levels to the left of 0 and the agreeing ones to the right.

    ``data`` is long: one row per ``category`` (and ``group``) and ``level``. ``level`` must be
    an ordered categorical from most negative to most positive; with an odd number of levels
    the middle one (neutral) is split in half around 0. With ``group`` each category gets one
    bar per group, labelled "category · group". Rows follow the categorical order of the
    columns (else first appearance); ``colours`` has one colour per level. Shares are printed
    in the bars; the hover shows each level's full share.
    """
    fmt = style.share_format
    levels = list(data[level].cat.categories)
    if len(colours) < len(levels):
        raise ValueError(f"{len(levels)} levels but only {len(colours)} colours")
    middle = len(levels) // 2 if len(levels) % 2 else None
    categories = _ordered(data[category])
    groups = _ordered(data[group]) if group else [None]
    keys = [(c, g) for c in categories for g in groups]
    names = _labels(pd.Series(categories), labels)
    group_names = (_labels(pd.Series(groups), group_labels) if group else [""])
    y = [names[categories.index(c)] + (f" · {group_names[groups.index(g)]}" if group else "")
         for c, g in keys]
    index = [data[category].astype("string").eq(str(c))
             & (data[group].astype("string").eq(str(g)) if group else True) for c, g in keys]

    def shares(lvl: object) -> np.ndarray:
        out = []
        for mask in index:
            rows = data[mask & data[level].eq(lvl)]
            out.append(_floats(rows[value])[0] if len(rows) else np.nan)
        return np.array(out, dtype=float)

    fig = go.Figure()
    # Negative side from the middle outwards, then the positive side: "relative" stacking
    # puts the first trace of each sign next to 0.
    negative = list(range(len(levels) // 2))[::-1]
    positive = list(range(len(levels) // 2 + (1 if middle is not None else 0), len(levels)))
    if middle is not None:
        full = shares(levels[middle])
        for half, sign in (("links", -1), ("rechts", 1)):
            fig.add_trace(go.Bar(
                y=y, x=sign * full / 2, customdata=full, name=str(levels[middle]),
                orientation="h", marker_color=colours[middle], legendgroup="midden",
                showlegend=half == "rechts", legendrank=middle + 1,
                hovertemplate=f"{levels[middle]}: %{{customdata:{fmt}}}<extra>%{{y}}</extra>",
            ))
    for i in [*negative, *positive]:
        full = shares(levels[i])
        sign = -1 if i in negative else 1
        fig.add_trace(go.Bar(
            y=y, x=sign * full, customdata=full, name=str(levels[i]), orientation="h",
            marker_color=colours[i], legendrank=i + 1,
            texttemplate=f"%{{customdata:{fmt}}}", textposition="inside", textangle=0,
            insidetextanchor="middle",
            hovertemplate=f"{levels[i]}: %{{customdata:{fmt}}}<extra>%{{y}}</extra>",
        ))
    ticks = [-1.0, -0.5, 0.0, 0.5, 1.0]
    # labels that do not fit their segment are hidden rather than shrunk or rotated
    fig.update_layout(barmode="relative", legend={"traceorder": "normal"},
                      uniformtext={"minsize": style.font_size - 3, "mode": "hide"})
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title={"text": value_title or ""}, range=[-1, 1], tickvals=ticks,
                     ticktext=[f"{abs(t):.0%}" for t in ticks], zeroline=True,
                     zerolinecolor=style.neutral_colour)
    return _finish(fig, title, _row_height(len(keys), style) + 40)


__all__ = [*__all__, "LIKERT_COLOURS", "diverging_bar"]


# --------------------------------------------------------------------------------------------
# One value per category and series, side by side (a municipality next to averages)
# --------------------------------------------------------------------------------------------

# The first series (e.g. one municipality) dark, the averages lighter.
SERIES_COLOURS: tuple[str, ...] = ("#0072B2", "#E69F00", "#7F7F7F", "#CC79A7")


def dot_comparison(data: pd.DataFrame, *, category: str, series: str, value: str,
                   labels: Mapping[str, str] | None = None,
                   colours: Sequence[str] = SERIES_COLOURS, title: str | None = None,
                   value_title: str | None = None, value_range: Sequence[float] | None = None,
                   style: HouseStyle = HouseStyle()) -> go.Figure:
    """A dot per category for every series (long data: one row per category and series),
    series in categorical order with their own colour and marker, so one municipality can be
    read against averages."""
    fmt = style.estimate_format
    categories = _ordered(data[category])
    names = _labels(pd.Series(categories), labels)
    symbols = ("circle", "diamond", "square", "triangle-up")
    fig = go.Figure()
    for i, key in enumerate(_ordered(data[series])):
        part = data[data[series] == key].set_index(category)[value].reindex(categories)
        fig.add_trace(go.Scatter(
            y=names, x=_floats(part), mode="markers", name=str(key),
            marker={"size": 14 if i == 0 else 11, "color": colours[i % len(colours)],
                    "symbol": symbols[i % len(symbols)],
                    "line": {"width": 1, "color": "white"}},
            hovertemplate=f"{key}: %{{x:{fmt}}}<extra>%{{y}}</extra>",
        ))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title={"text": value_title or ""}, tickformat=fmt,
                     range=list(value_range) if value_range else None)
    return _finish(fig, title, _row_height(len(categories), style) + 60)


def dumbbell(data: pd.DataFrame, *, category: str, before: str, after: str,
             labels: Mapping[str, str] | None = None, before_name: str = "vorige ronde",
             after_name: str = "nieuwe ronde", title: str | None = None,
             value_title: str | None = None, value_format: str | None = None,
             style: HouseStyle = HouseStyle()) -> go.Figure:
    """A dumbbell per category: a grey line from ``before`` to ``after``, a hollow dot for the
    earlier value and a filled dot for the later one, so the direction of a change reads at a
    glance (one row per category)."""
    fmt = value_format or style.estimate_format
    names = _labels(data[category], labels)
    b, a = _floats(data[before]), _floats(data[after])
    fig = go.Figure()
    for name, x0, x1 in zip(names, b, a, strict=True):
        fig.add_trace(go.Scatter(y=[name, name], x=[x0, x1], mode="lines", showlegend=False,
                                 line={"color": style.neutral_colour, "width": 3},
                                 hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        y=names, x=b, mode="markers", name=before_name,
        marker={"size": 12, "color": "white", "line": {"width": 2, "color": SERIES_COLOURS[0]}},
        hovertemplate=f"{before_name}: %{{x:{fmt}}}<extra>%{{y}}</extra>"))
    fig.add_trace(go.Scatter(
        y=names, x=a, mode="markers", name=after_name,
        marker={"size": 12, "color": SERIES_COLOURS[0]},
        hovertemplate=f"{after_name}: %{{x:{fmt}}}<extra>%{{y}}</extra>"))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(title={"text": value_title or ""}, tickformat=fmt)
    return _finish(fig, title, _row_height(len(data), style) + 60)

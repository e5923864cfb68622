"""House style and figure builders of pmg_analysis.plots."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys

import numpy as np
import pandas as pd
import plotly.io as pio
import pytest

from pmg_analysis import load_instrument, plots
from pmg_analysis.instrument import Theme

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def theme_counts() -> pd.DataFrame:
    return pd.DataFrame({
        "thema": pd.Categorical(["SV", "EA", "EF", "LD"], categories=["EA", "LD", "SV", "EF"]),
        "aantal": pd.array([30, 12, 1, pd.NA], dtype="Int64"),
        "aandeel": [0.6, 0.24, 0.02, None],
    })


def test_template_registered_with_dutch_number_format():
    template = pio.templates[plots.register_template()]
    assert template.layout.separators == ",."  # decimal comma, thousands dot
    assert "Source Sans Pro" in template.layout.font.family
    assert template.layout.margin.t == plots.HouseStyle().margin["t"]


def test_importing_plots_loads_no_file_and_registers_no_template():
    code = ("import sys, plotly.io as pio, pmg_analysis.instrument as ins\n"
            "import pmg_analysis.plots\n"
            "assert 'pmg' not in pio.templates, 'template registered at import'\n"
            "assert ins._load_packaged.cache_info().misses == 0, 'instrument read at import'\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0, proc.stderr


def test_theme_labels_and_colours_come_from_the_instrument():
    instrument = load_instrument()
    assert plots.THEME_LABELS == plots.theme_labels() == {t.code: t.name
                                                          for t in instrument.themes}
    assert tuple(plots.THEME_COLOURS) == instrument.theme_codes
    assert len(set(plots.THEME_COLOURS.values())) == len(plots.THEME_COLOURS)
    # an instrument with other themes gets a colour for each of them, in its own order
    five = dataclasses.replace(instrument, themes=(*instrument.themes,
                                                   Theme(code="ZZ", name="Vijfde thema")))
    colours = plots.theme_colours(five)
    assert list(colours) == [*instrument.theme_codes, "ZZ"]
    assert len(set(colours.values())) == 5


def test_position_colours_and_labels_cover_questionnaire_options():
    options = {o.id for o in load_instrument()["positie"].options}
    assert options | {"onbekend"} == set(plots.POSITION_COLOURS) == set(plots.POSITION_LABELS)
    real = [plots.POSITION_COLOURS[k] for k in ("nabij_grotere_stad", "polycentrisch",
                                                "monocentrisch")]
    assert len(set(real)) == 3
    assert plots.POSITION_COLOURS["weet_niet"] not in real


def test_div_id_is_stable_and_rejects_empty_names():
    assert plots.div_id("Scores per thema (2017)") == "pmg-fig-scores-per-thema-2017"
    assert plots.div_id("Scores per thema (2017)") == plots.div_id("scores  per thema 2017")
    with pytest.raises(ValueError):
        plots.div_id("  —  ")


def test_mimebundle_is_deterministic_without_plotlyjs(theme_counts):
    def bundle():
        fig = plots.bar_chart(theme_counts, category="thema", value="aantal",
                              title="Aantal per thema")
        return plots.mimebundle(fig, name="Aantal per thema")

    first, second = bundle(), bundle()
    assert first == second
    html = first["text/html"]
    assert 'id="pmg-fig-aantal-per-thema"' in html
    assert "Plotly.newPlot" in html
    assert not UUID.search(html)
    assert "<script src" not in html and "cdn.plot.ly" not in html
    assert len(html) < 100_000  # the figure only, not the 4 MB plotly.js bundle
    fig_json = first[plots.PLOTLY_MIMETYPE]
    assert set(fig_json) == {"data", "layout", "config"}
    json.dumps(fig_json)  # JSON-serialisable as stored in the .ipynb
    assert fig_json["layout"]["template"]["layout"]["separators"] == ",."
    assert first["text/plain"] == "Figuur: Aantal per thema"


def test_show_displays_the_raw_bundle(monkeypatch, theme_counts):
    shown = []
    monkeypatch.setattr("IPython.display.display",
                        lambda obj, raw=False: shown.append((obj, raw)))
    fig = plots.bar_chart(theme_counts, category="thema", value="aantal")
    plots.show(fig, name="x")
    (obj, raw), = shown
    assert raw is True and set(obj) == {plots.PLOTLY_MIMETYPE, "text/html", "text/plain"}


def test_a_chart_without_a_single_value_is_shown_as_a_sentence(monkeypatch, capsys,
                                                                theme_counts):
    shown = []
    monkeypatch.setattr("IPython.display.display",
                        lambda obj, raw=False: shown.append((obj, raw)))
    empty = theme_counts.assign(aantal=pd.array([pd.NA] * 4, dtype="Int64"))
    fig = plots.bar_chart(empty, category="thema", value="aantal")
    assert not plots.has_data(fig)
    plots.show(fig, name="leeg", empty="Niemand beantwoordde deze vraag.")
    plots.show("Met 3 gemeenten is dit niet te berekenen.", name="zin")
    assert shown == []
    assert capsys.readouterr().out.splitlines() == [
        "Niemand beantwoordde deze vraag.", "Met 3 gemeenten is dit niet te berekenen."]
    assert plots.has_data(plots.bar_chart(theme_counts, category="thema", value="aantal"))


def test_bar_chart_keeps_row_order_labels_and_colours(theme_counts):
    fig = plots.bar_chart(theme_counts, category="thema", value="aantal", colour="thema",
                          colour_map=plots.THEME_COLOURS, labels=plots.THEME_LABELS)
    bar = fig.data[0]
    assert list(bar.y) == [plots.THEME_LABELS[c] for c in ("SV", "EA", "EF", "LD")]
    np.testing.assert_array_equal(bar.x, [30, 12, 1, np.nan])
    assert list(bar.marker.color) == [plots.THEME_COLOURS[c] for c in ("SV", "EA", "EF", "LD")]
    assert fig.layout.yaxis.autorange == "reversed"  # first row on top
    assert fig.layout.template.layout.separators == ",."
    assert fig.layout.height >= plots.HouseStyle().min_height


def test_bar_chart_shares_use_percent_format(theme_counts):
    fig = plots.bar_chart(theme_counts, category="thema", value="aandeel", share=True)
    assert fig.data[0].texttemplate == "%{x:.0%}"
    assert fig.layout.xaxis.tickformat == ".0%"


def test_bar_chart_unknown_colour_key_gets_neutral_colour():
    data = pd.DataFrame({"positie": ["polycentrisch", "iets_anders"], "n": [3, 4]})
    fig = plots.bar_chart(data, category="positie", value="n", colour="positie",
                          colour_map=plots.POSITION_COLOURS, labels=plots.POSITION_LABELS)
    assert list(fig.data[0].marker.color) == [plots.POSITION_COLOURS["polycentrisch"],
                                              plots.HouseStyle().neutral_colour]
    assert list(fig.data[0].y) == ["Polycentrische regio", "iets_anders"]


def test_stacked_bar_one_trace_per_group_in_categorical_order():
    data = pd.DataFrame({
        "thema": ["EA", "EA", "LD", "SV"],
        "positie": pd.Categorical(["polycentrisch", "nabij_grotere_stad", "polycentrisch",
                                   "monocentrisch"],
                                  categories=["nabij_grotere_stad", "polycentrisch",
                                              "monocentrisch", "weet_niet"]),
        "n": [3, 2, 5, 1],
    })
    fig = plots.stacked_bar(data, category="thema", group="positie", value="n",
                            colour_map=plots.POSITION_COLOURS, group_labels=plots.POSITION_LABELS)
    assert [t.name for t in fig.data] == ["Nabij een grotere stad", "Polycentrische regio",
                                          "Monocentrische regio"]  # unobserved group left out
    assert fig.layout.barmode == "stack"
    poly = fig.data[1]
    assert list(poly.y) == ["EA", "LD", "SV"]
    np.testing.assert_array_equal(poly.x, [3, 5, np.nan])
    assert poly.marker.color == plots.POSITION_COLOURS["polycentrisch"]


def test_heatmap_draws_the_crosstab():
    crosstab = pd.DataFrame([[0.5, 0.25], [0.1, np.nan]], index=["EA", "LD"],
                            columns=["polycentrisch", "monocentrisch"])
    fig = plots.heatmap(crosstab, share=True, row_labels=plots.THEME_LABELS,
                        column_labels=plots.POSITION_LABELS)
    hm = fig.data[0]
    np.testing.assert_array_equal(np.asarray(hm.z, dtype=float), crosstab.to_numpy())
    assert list(hm.y) == [plots.THEME_LABELS["EA"], plots.THEME_LABELS["LD"]]
    assert list(hm.x) == ["Polycentrische regio", "Monocentrische regio"]
    assert hm.texttemplate == "%{z:.0%}"


def test_heatmap_column_labels_stand_under_the_cells_level_and_wrapped_between_words():
    themes = list(plots.THEME_LABELS)
    crosstab = pd.DataFrame(np.eye(len(themes)), index=themes, columns=themes)
    fig = plots.heatmap(crosstab, title="Thema van de vraag en van de tekst",
                        row_labels=plots.THEME_LABELS, column_labels=plots.THEME_LABELS)
    axis = fig.layout.xaxis
    # on top and rotated, long theme names ran through the title
    assert axis.side == "bottom" and axis.tickangle == 0
    assert list(axis.tickvals) == [plots.THEME_LABELS[t] for t in themes]
    for full, shown in zip(axis.tickvals, axis.ticktext, strict=True):
        lines = shown.split("<br>")
        assert " ".join(lines) == full  # whole words, nothing lost
        assert all(len(line) <= plots.HouseStyle().label_width or " " not in line
                   for line in lines)
    assert max(t.count("<br>") for t in axis.ticktext) >= 1  # the long names do wrap


def test_interval_plot_error_bars_span_lower_to_upper():
    data = pd.DataFrame({"thema": ["EA", "LD"], "schatting": [3.2, 2.5],
                         "onder": [2.9, 2.0], "boven": [3.6, 2.75]})
    fig = plots.interval_plot(data, category="thema", estimate="schatting", lower="onder",
                              upper="boven", colour="thema", colour_map=plots.THEME_COLOURS)
    dots = fig.data[0]
    np.testing.assert_allclose(dots.x, [3.2, 2.5])
    np.testing.assert_allclose(dots.error_x.array, [0.4, 0.25])
    np.testing.assert_allclose(dots.error_x.arrayminus, [0.3, 0.5])
    assert list(dots.marker.color) == [plots.THEME_COLOURS["EA"], plots.THEME_COLOURS["LD"]]
    assert dots.mode == "markers"


def test_a_chart_with_more_series_than_themes_gives_every_series_its_own_colour():
    # notebook 05 stacks five score parts: with only the four theme colours in the colorway the
    # fifth part came out in the first part's blue
    colorway = list(plots.house_template().layout.colorway)
    themes = list(plots.theme_colours().values())
    assert colorway[:len(themes)] == themes
    assert len(colorway) >= 5 and len(set(colorway)) == len(colorway)

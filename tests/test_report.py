"""Report machinery: papermill execution, HTML export, index page, tables, nbval set-up."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from pmg_analysis import InputError, plots
from pmg_analysis.clean.manifest import Columns, Counts, Manifest, Source
from pmg_analysis.report import (
    ReportBuildError,
    ReportEntry,
    build_reports,
    export_html,
    normalise,
    table_html,
    write_index,
)
from pmg_analysis.report.build import _split, build_profiles
from pmg_analysis.report.html import PageStamp, anchor, check_page, mark_verantwoording, plotlyjs
from pmg_analysis.report.index import page_stamp, page_stamp_from
from pmg_analysis.report.notebook import execute_notebook, notebook_description, notebook_title
from pmg_analysis.report.tables import TableStyle

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
REPORT_FIXTURE = FIXTURES / "report"
NBVAL_FIXTURE = FIXTURES / "nbval"
XSS = "<script>alert(1)</script>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=", re.IGNORECASE)
KERNEL = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


PROFILES = ["GM0344", "GM0307"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[list[Path], list[Path]]:
    """The fixture notebook and two municipality profiles built twice into separate report
    folders."""
    before = _tree_digest(REPORT_FIXTURE)
    runs = [build_reports(notebooks_dir=REPORT_FIXTURE,
                          reports_dir=tmp_path_factory.mktemp(f"run{i}") / "reports",
                          data_stamp="gegevens van 1 juni 2017", profiles=PROFILES)
            for i in range(2)]
    assert _tree_digest(REPORT_FIXTURE) == before, "committed notebook folder was modified"
    return runs[0], runs[1]


@pytest.fixture(scope="module")
def page(built) -> str:
    paths, _ = built
    return paths[0].read_text("utf-8")


def test_build_returns_reports_then_profiles_then_index(built):
    paths, _ = built
    assert [p.name for p in paths] == ["rapport.html", "GM0307.html", "GM0344.html",
                                       "index.html"]
    assert paths[1].parent.name == "gemeenten"
    assert all(p.is_file() for p in paths)
    # nothing left behind of the build folder beside the reports
    assert sorted(p.name for p in paths[0].parent.parent.iterdir()) == ["reports"]


def test_page_is_dutch_and_titled_from_first_heading(page):
    assert '<html lang="nl">' in page
    assert "<title>Titel van het testrapport</title>" in page
    assert '<p class="pmg-herkomst">gegevens van 1 juni 2017</p>' in page
    assert 'href="index.html"' in page


def test_page_has_no_code_and_no_prompts(page):
    for code in ("CODE_MAG_NIET_IN_HTML", "import pandas", "read_csv", "plots.show", "drempel"):
        assert code not in page
    assert 'class="jp-InputPrompt' not in page and 'class="jp-OutputPrompt' not in page
    assert "willekeurig" not in page  # cell tagged 'verbergen' is removed


def test_page_ran_with_cwd_in_notebook_folder_and_parameters(page):
    # gegevens.csv was read relative to the notebook; drempel=2 filtered out EF (aantal 1)
    assert "Goed bereikbaar" in page
    printed = re.search(r"<pre>(.*?)</pre>", page, re.S).group(1)
    assert "Warmtenet" not in printed and "Werk &amp; inkomen" in printed


def test_plotlyjs_shipped_once_beside_the_reports_and_nothing_from_the_network(built, page):
    folder = built[0][0].parent
    assert (folder / "plotly.min.js").read_text("utf-8") == plotlyjs()
    assert plotlyjs()[:300] not in page  # not embedded in the page
    assert SCRIPT_SRC.findall(page) == ['<script charset="utf-8" src=']
    assert 'src="plotly.min.js"' in page
    assert page.count('id="pmg-fig-aantal-per-thema"') == 1
    assert "require" not in page and "mathjax" not in page.lower() and "mermaid" not in page
    rest = page.replace('src="plotly.min.js"', "")
    assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import|<link\b|\bsrc=", rest)


def test_municipality_pages_load_plotlyjs_from_the_folder_above(built):
    profile = built[0][1].read_text("utf-8")
    assert 'src="../plotly.min.js"' in profile and 'href="../index.html"' in profile
    assert plotlyjs()[:300] not in profile


def test_municipality_pages_are_titled_with_name(built):
    first, second = (p.read_text("utf-8") for p in built[0][1:3])
    assert "<title>Profiel: Amersfoort</title>" in first
    assert re.search(r'<h1 id="profiel-amersfoort">Profiel: Amersfoort<a', first)
    assert "<title>Profiel: Utrecht</title>" in second
    assert "GM0000" not in first  # the parameters cell's default is overridden
    # two workers: each builds its part of the pages (here one each) in a kernel of its own
    assert "profiel van GM0307 run 1" in first and "profiel van GM0344 run 1" in second


def test_the_municipality_pages_of_one_part_are_built_in_one_kernel(tmp_path):
    pages = build_profiles(["GM0344", "GM0307"], tmp_path / "reports",
                           notebooks_dir=REPORT_FIXTURE, build_dir=tmp_path / "bouw",
                           data_stamp="x")
    first, second = (p.read_text("utf-8") for p in pages)
    # codes are built in sorted order in one kernel: the second run sees the first one's state
    assert "profiel van GM0307 run 1" in first and "profiel van GM0344 run 2" in second


@pytest.mark.parametrize(("n", "workers", "sizes"), [
    (40, 2, [20, 20]), (5, 2, [3, 2]), (1, 2, [1]), (0, 2, []), (7, 1, [7]), (3, 8, [1, 1, 1]),
])
def test_municipality_pages_are_split_in_nearly_equal_consecutive_parts(n, workers, sizes):
    codes = [f"GM{i:04d}" for i in range(n)]
    parts = _split(codes, workers)
    assert [len(p) for p in parts] == sizes
    assert [c for p in parts for c in p] == codes


def test_page_has_table_of_contents_on_top_and_where_the_data_came_from_at_the_foot(page):
    toc = re.search(r'<nav class="pmg-inhoud".*?</nav>', page, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', toc) == ["gegevens", "figuur"]
    assert '<h2 id="gegevens">' in page and '<h2 id="figuur">' in page
    assert page.index(toc) < page.index('<h2 id="gegevens">')
    # once, at the foot; nothing about the data above the first section
    assert page.count("gegevens van 1 juni 2017") == 1
    assert page.index('<footer class="pmg-footer">') > page.index('<h2 id="figuur">')
    assert 'class="pmg-instellingen"' not in page  # default settings: no note under the title


def _stamped_page(stamp: PageStamp) -> str:
    nb = new_notebook(cells=[new_markdown_cell("# Titel\n\nHet antwoord."),
                             new_markdown_cell("## Deel")])
    return export_html(nb, title="Titel", name="t", footer=stamp)


def test_the_hash_and_settings_are_collapsed_and_only_changed_settings_show_on_top():
    stamp = PageStamp(line="Gemaakt van export.xlsx: 57 van 60 inzendingen meegeteld.",
                      details=("SHA-256 van export.xlsx: 5f0c.", "Instellingen: gewijzigd."),
                      settings_note="Instellingen: gewijzigd.")
    html = _stamped_page(stamp)
    foot = html[html.index('<footer class="pmg-footer">'):]
    assert re.search(r'<details class="pmg-herkomst"><summary>Herkomst en instellingen'
                     r'</summary>\s*<p>SHA-256 van export.xlsx: 5f0c.</p>', foot)
    assert "<details open" not in html and "5f0c" not in html[:html.index("<footer")]
    note = '<p class="pmg-instellingen">Instellingen: gewijzigd.</p>'
    assert html.index("Het antwoord.") < html.index(note) < html.index('<h2 id="deel">')
    assert 'class="pmg-instellingen"' not in _stamped_page(PageStamp(line="Gemaakt van a."))


def _manifest(**changes) -> Manifest:
    from pmg_analysis.clean.manifest import Positions, SettingsInForce

    manifest = Manifest(source=Source(file="export.xlsx", sha256="ab" * 32, tool="msforms",
                                      layout="wide"),
                        counts=Counts(rows_in=60, clean=57, quarantined=3),
                        columns=Columns(mapped=10), instrument_version="2017",
                        package_version="0.1.0",
                        positions=Positions(cbs_available=True, sentence="Uit CBS."),
                        settings=SettingsInForce())
    return dataclasses.replace(manifest, **changes)


def test_the_page_stamp_names_file_counts_last_submission_and_positions_in_one_line():
    from pmg_analysis.clean.manifest import SettingsInForce

    stamp = page_stamp(_manifest(), pd.Timestamp("2017-05-03 14:00"))
    assert stamp.line == ("Gemaakt van export.xlsx: 57 van 60 inzendingen meegeteld, laatste "
                          "inzending 03-05-2017; posities in de regio uit CBS-gegevens (2017).")
    assert stamp.details == (f"SHA-256 van export.xlsx: {'ab' * 32}.", "Uit CBS.",
                             "Instellingen: standaardinstellingen.")
    assert stamp.settings_note is None
    changed = SettingsInForce(changes={"themes.seed": 1},
                              sentence="Instellingen: gewijzigd: themes.seed = 1.")
    stamp = page_stamp(_manifest(settings=changed))
    assert stamp.settings_note == "Instellingen: gewijzigd: themes.seed = 1."
    assert "laatste inzending" not in stamp.line and "themes.seed = 1" in stamp


def test_page_stamp_from_reads_the_processed_folder_or_gives_none(tmp_path):
    assert page_stamp_from(tmp_path) is None
    (tmp_path / "manifest.json").write_text(json.dumps({"input_hash": "abcdef"}))
    assert page_stamp_from(tmp_path) is None  # not a manifest
    _manifest().write(tmp_path / "manifest.json")
    assert page_stamp_from(tmp_path).line.startswith("Gemaakt van export.xlsx: 57 van 60")


def test_cells_tagged_verantwoording_are_one_collapsed_block_per_run():
    cells = [new_markdown_cell("# Titel"), new_markdown_cell("## Antwoord\n\nHet antwoord."),
             new_markdown_cell("### Hoe is dit berekend?\n\nMet een bootstrap."),
             new_code_cell("x", outputs=[new_output("stream", name="stdout",
                                                    text="2.000 trekkingen\n")]),
             new_code_cell("geheim", outputs=[new_output("stream", name="stdout",
                                                         text="onderzoekerscode\n")]),
             new_markdown_cell("Bron: CBS."),
             new_markdown_cell("## Volgende deel"),
             new_markdown_cell("Losse toelichting.")]
    for i in (2, 3, 5, 7):
        cells[i].metadata["tags"] = ["verantwoording"]
    cells[4].metadata["tags"] = ["verbergen"]  # left out: does not break the run
    html = export_html(new_notebook(cells=cells), title="Titel", name="t")
    blocks = re.findall(r'<details class="verantwoording"><summary>(.*?)</summary>(.*?)'
                        r'</details>', html, re.S)
    assert [summary for summary, _ in blocks] == ["Hoe is dit berekend?", "Verantwoording"]
    first = blocks[0][1]
    assert "Met een bootstrap." in first and "2.000 trekkingen" in first \
        and "Bron: CBS." in first
    assert "Hoe is dit berekend?" not in first  # the heading moved into the summary
    assert "onderzoekerscode" not in html
    assert "Het antwoord." not in "".join(b for _, b in blocks)
    assert "Losse toelichting." in blocks[1][1]
    toc = re.search(r'<nav class="pmg-inhoud".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', toc) == ["antwoord", "volgende-deel"]
    assert "<details open" not in html
    # the committed notebook is not changed by marking
    nb = new_notebook(cells=cells)
    mark_verantwoording(nb)
    assert "pmg_verantwoording" not in nb.cells[2].metadata


def test_no_page_css_breaks_words_mid_word_and_one_font_family_is_set(page):
    assert "break-all" not in page
    assert "--jp-code-font-family: var(--pmg-font)" in page
    assert "--jp-content-font-family: var(--pmg-font)" in page


def test_anchor_is_ascii_readable_and_unique_per_page():
    assert anchor("Thema's naar urgentie") == "thema-s-naar-urgentie"
    assert anchor("Één <b>kop</b> &amp; meer") == "een-kop-meer"
    nb = new_notebook(cells=[new_markdown_cell("# Titel\n\n## Kop\n\n## Kop\n\n### Sub")])
    html = export_html(nb, title="t", name="t")
    assert re.findall(r'<h\d id="([^"]+)"', html) == ["titel", "kop", "kop-2", "sub"]
    assert '<a href="#kop-2">Kop</a>' in html
    assert 'href="#sub"' not in html.split("</nav>")[0]  # the contents list the sections only


def test_failed_build_leaves_previous_reports_untouched(built, tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(built[0][0].parent, reports)
    before = _tree_digest(reports)
    broken = tmp_path / "notebooks"
    broken.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Kapot"), new_code_cell("1 / 0")],
                                metadata=KERNEL), broken / "kapot.ipynb")
    with pytest.raises(ReportBuildError):
        build_reports(notebooks_dir=broken, reports_dir=reports, data_stamp="x")
    assert _tree_digest(reports) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notebooks", "reports"]


def test_a_new_build_replaces_stale_pages_but_keeps_other_files(built, tmp_path):
    reports = tmp_path / "reports"
    shutil.copytree(built[0][0].parent, reports)
    (reports / ".gitkeep").write_text("")
    (reports / "oud_rapport.html").write_text("oud")
    build_reports(["rapport"], notebooks_dir=REPORT_FIXTURE, reports_dir=reports,
                  data_stamp="x")
    assert sorted(p.name for p in reports.iterdir()) == [
        ".gitkeep", "index.html", "plotly.min.js", "rapport.html"]


def test_notebooks_get_the_processed_folder_as_a_papermill_parameter(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    parameters = new_code_cell("verwerkt = None\ninstellingen = {}")
    parameters.metadata["tags"] = ["parameters"]
    nbformat.write(new_notebook(cells=[
        new_markdown_cell("# Map"), parameters,
        new_code_cell("from pathlib import Path\n"
                      "print('map:', Path(verwerkt).name, instellingen)")],
        metadata=KERNEL), notebooks / "map.ipynb")
    (tmp_path / "mijn_verwerkt").mkdir()
    environ = dict(os.environ)
    build_reports(notebooks_dir=notebooks, reports_dir=tmp_path / "reports", data_stamp="x",
                  processed_dir=tmp_path / "mijn_verwerkt",
                  parameters={"instellingen": {"themes": {"seed": 1}}})
    page = (tmp_path / "reports" / "map.html").read_text("utf-8")
    assert "celltag_parameters" not in page and "celltag_injected-parameters" not in page
    assert "map: mijn_verwerkt {&#x27;themes&#x27;: {&#x27;seed&#x27;: 1}}" in page \
        or "map: mijn_verwerkt {'themes': {'seed': 1}}" in page
    assert dict(os.environ) == environ  # nothing told to the kernels through the environment


def test_free_text_is_escaped_everywhere(page):
    assert XSS not in page
    # DataFrame repr, printed DataFrame and show_table each show it escaped
    assert page.count(XSS_ESCAPED) == 3
    assert "<caption>Gegevens &lt;b&gt;per&lt;/b&gt; thema</caption>" in page


def test_show_table_uses_dutch_numbers(page):
    assert ">25%</td>" in page and ">63%</td>" in page and 'id="T_gegevens"' in page


def test_two_builds_give_identical_bytes(built):
    first, second = built
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
    assert (first[0].parent / "plotly.min.js").read_bytes() == \
        (second[0].parent / "plotly.min.js").read_bytes()


def test_index_links_reports_with_description_and_data_stamp(built):
    index = built[0][-1].read_text("utf-8")
    assert '<html lang="nl">' in index
    assert '<a href="rapport.html">Titel van het testrapport</a>' in index
    assert "Een klein testrapport met een tabel en een figuur." in index
    assert '<p class="pmg-herkomst">gegevens van 1 juni 2017</p>' in index
    assert not SCRIPT_SRC.search(index)
    # municipality pages sorted by name, named without their code
    assert index.index('href="gemeenten/GM0307.html">Amersfoort</a>') \
        < index.index('href="gemeenten/GM0344.html">Utrecht</a>')
    assert "(GM0" not in index


def test_index_escapes_titles_and_lists_profiles(tmp_path):
    (tmp_path / "gemeenten").mkdir()
    (tmp_path / "gemeenten" / "GM0307.html").write_text("x")
    path = write_index([ReportEntry(href="a.html", title=XSS, description="A & B")], tmp_path,
                       data_stamp=None)
    index = path.read_text("utf-8")
    assert XSS not in index and XSS_ESCAPED in index and "A &amp; B" in index
    assert "datum onbekend" in index
    assert '<a href="gemeenten/GM0307.html">Amersfoort</a>' in index


def test_municipalities_formed_after_2017_are_named_on_the_index(tmp_path):
    (tmp_path / "gemeenten").mkdir()
    for code in ("GM1952", "GM1966", "GM0307"):  # Midden-Groningen, Het Hogeland, Amersfoort
        (tmp_path / "gemeenten" / f"{code}.html").write_text("x")
    index = write_index([], tmp_path, data_stamp="x").read_text("utf-8")
    names = re.findall(r'<a href="gemeenten/GM\d{4}.html">([^<]*)</a>', index)
    assert names == ["Amersfoort", "Het Hogeland", "Midden-Groningen"]


def test_unknown_notebook_is_a_dutch_input_error(tmp_path):
    with pytest.raises(InputError, match="bestaat niet"):
        build_reports(["bestaat_niet"], notebooks_dir=REPORT_FIXTURE, reports_dir=tmp_path)
    with pytest.raises(InputError, match="map met notebooks"):
        build_reports(notebooks_dir=tmp_path / "geen", reports_dir=tmp_path)


def test_failing_notebook_raises_dutch_error(tmp_path):
    nb = new_notebook(cells=[new_code_cell("1 / 0")],
                      metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                               "language": "python"}})
    source = tmp_path / "fout.ipynb"
    nbformat.write(nb, source)
    with pytest.raises(ReportBuildError, match="stopte met een fout.*ZeroDivisionError"):
        execute_notebook(source, tmp_path / "build" / "fout.ipynb", cwd=tmp_path)
    with pytest.raises(ValueError):
        execute_notebook(source, source, cwd=tmp_path)


def _static_notebook(*outputs) -> nbformat.NotebookNode:
    cell = new_code_cell("x", outputs=list(outputs))
    return new_notebook(cells=[new_markdown_cell("# Kop\n\nTekst."), cell])


def test_page_without_figures_has_no_plotlyjs():
    nb = _static_notebook(new_output("display_data", data={"text/plain": "1"}))
    html = export_html(nb, title="Kop", name="kop")
    assert plotlyjs()[:300] not in html
    assert "<script" not in html


def test_duplicate_figure_names_are_refused():
    fig = plots.bar_chart(pd.DataFrame({"a": ["x"], "n": [1]}), category="a", value="n")
    out = new_output("display_data", data=plots.mimebundle(fig, name="zelfde"))
    with pytest.raises(ReportBuildError, match="meer dan eens"):
        export_html(_static_notebook(out, out), title="Kop", name="kop")
    with pytest.raises(ReportBuildError, match="extern script"):
        check_page('<script src="https://cdn.plot.ly/plotly.js"></script>', name="x")
    with pytest.raises(ReportBuildError, match="extern script"):
        check_page("<script src='/tmp/plotly.min.js'></script>", name="x")
    check_page('<script src="plotly.min.js"></script><script src="../plotly.min.js">', name="x")


def test_normalise_strips_volatile_metadata_and_fixes_ids():
    nb = _static_notebook()
    nb.metadata["papermill"] = {"duration": 1.2}
    nb.cells[1].metadata.update({"papermill": {"start_time": "now"},
                                 "execution": {"iopub.status.idle": "now"}, "tags": ["t"]})
    out = normalise(nb)
    assert "papermill" not in out.metadata
    assert out.cells[1].metadata == {"tags": ["t"]}
    assert [c.id for c in out.cells] == ["c000", "c001"]
    assert "papermill" in nb.metadata  # input untouched


def test_normalise_merges_printed_text_however_the_kernel_flushed_it():
    chunks = [new_output("stream", name="stdout", text="a\n"),
              new_output("stream", name="stdout", text="b\n"),
              new_output("stream", name="stderr", text="c\n"),
              new_output("display_data", data={"text/plain": "d"}),
              new_output("stream", name="stdout", text="e\n")]
    out = normalise(_static_notebook(*chunks)).cells[1].outputs
    assert [(o.output_type, o.get("text")) for o in out] == [
        ("stream", "a\nb\n"), ("stream", "c\n"), ("display_data", None), ("stream", "e\n")]


def test_title_and_description():
    nb = new_notebook(cells=[new_code_cell("x"), new_markdown_cell(
        "Intro\n\n## De *positie* in de [regio](https://example.org)\n\nEerste regel.\nTweede.")])
    assert notebook_title(nb, default="x") == "De positie in de regio"
    assert notebook_description(nb) == "Eerste regel. Tweede."  # the whole paragraph
    nb.metadata["pmg"] = {"beschrijving": "Vaste **tekst**"}
    assert notebook_description(nb) == "Vaste tekst"
    assert notebook_title(new_notebook(), default="naam") == "naam"


def test_table_html_escapes_and_formats_numbers():
    data = pd.DataFrame({"naam <i>": [XSS, "A & B"], "n": [1234.5, None], "p": [0.125, 0.0449]},
                        index=["<b>r1</b>", "r2"])
    html = table_html(data, name="Mijn tabel", caption="<u>kop</u>", percent=["p"])
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "<u>" not in html
    assert XSS_ESCAPED in html and "A &amp; B" in html
    assert "1.234,5" in html and ">13%<" in html and ">4%<" in html and "–" in html
    assert ">4,5%<" in table_html(data, name="t", percent=["p"],
                                  style=TableStyle(percent_decimals=1))
    assert 'id="T_mijn_tabel"' in html
    assert html == table_html(data, name="Mijn tabel", caption="<u>kop</u>", percent=["p"])


# --- nbval -----------------------------------------------------------------------------------

def _run_nbval(notebook: Path) -> subprocess.CompletedProcess:
    """Run pytest with the project's own configuration (addopts: --nbval, sanitize file)."""
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir",
         str(ROOT), "-p", "no:cacheprovider", "-q", str(notebook)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def test_nbval_passes_on_committed_notebook_with_volatile_output():
    nb = nbformat.read(NBVAL_FIXTURE / "getallen.ipynb", as_version=4)
    stored = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    assert re.search(r"0x[0-9a-f]+", stored)  # a memory address that differs on every run
    result = _run_nbval(NBVAL_FIXTURE / "getallen.ipynb")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_nbval_fails_when_a_number_changes(tmp_path):
    copy = tmp_path / "nbval"
    shutil.copytree(NBVAL_FIXTURE, copy)
    path = copy / "getallen.ipynb"
    text = path.read_text("utf-8")
    assert text.count("totaal: 380995") == 1
    path.write_text(text.replace("totaal: 380995", "totaal: 380996"), "utf-8")
    result = _run_nbval(path)
    assert result.returncode == 1, result.stdout
    assert "1 failed, 3 passed" in result.stdout


# --- summary links and municipality pages ------------------------------------------------------

def test_summary_links_only_to_reports_and_headings_the_build_writes(tmp_path):
    from pmg_analysis.report.summary import link_html, report_target

    themes_md = new_markdown_cell("# Thema's\n\n## Welke thema's overheersen")
    nbformat.write(new_notebook(cells=[themes_md], metadata=KERNEL),
                   tmp_path / "03_themas.ipynb")
    nbformat.write(new_notebook(cells=[new_markdown_cell("# Regio")], metadata=KERNEL),
                   tmp_path / "02_positie_in_de_regio.ipynb")
    assert report_target("03_", "Welke thema's overheersen", notebooks_dir=tmp_path) == (
        "03_themas.html#welke-thema-s-overheersen", "Thema's – Welke thema's overheersen")
    # a heading that is not there: the top of the page
    assert report_target("03_", "Bestaat niet", notebooks_dir=tmp_path) == (
        "03_themas.html", "Thema's")
    assert report_target("04_", notebooks_dir=tmp_path) is None
    # left out of the build without CBS data
    assert report_target("02_", notebooks_dir=tmp_path, cbs_available=False) is None
    assert report_target("02_", notebooks_dir=tmp_path)[0] == "02_positie_in_de_regio.html"
    assert 'href="a.html#x"' in link_html(("a.html#x", "A & <b>"))
    assert "A &amp; &lt;b&gt;" in link_html(("a.html#x", "A & <b>"))
    assert "hoort niet bij deze verwerking" in link_html(None)


def _profile_data():
    from pmg_analysis.report.profile import ProfileData

    themes_ = pd.Categorical(["EA", "LD"], categories=["EA", "LD", "SV", "EF"])
    responses = pd.DataFrame({"response_id": ["r1", "r2", "r3"],
                              "gemeente_code": ["GM0307", "GM0307", "GM0344"],
                              "gemeente_naam": ["Amersfoort", "Amersfoort", "Utrecht"],
                              "positie_cbs": ["polycentrisch"] * 2 + ["monocentrisch"],
                              "positie_zelf": ["polycentrisch"] * 2 + ["monocentrisch"]})
    texts = pd.DataFrame({"response_id": ["r1", "r1", "r2", "r3"],
                          "question_id": ["EA_leervraag", "EA_kansen", "LD_samen",
                                          "EA_leervraag"],
                          "text": [XSS + " Eerste zin. Tweede zin.", "kans", "samen", "u"]})
    members = pd.DataFrame({"response_id": ["r1", "r1", "r2", "r3"],
                            "question_id": ["EA_leervraag", "EA_leervraag", "LD_samen",
                                            "EA_leervraag"],
                            "cluster": [1, 2, 2, 1]})
    clusters = pd.DataFrame({"cluster": [1, 2], "label": ["werk, scholing", "regio"],
                             "theme": ["EA", "LD"], "opgave_tekst": ["o1", "o2"],
                             "n_gemeenten": [2, 1]})
    gemeente = pd.DataFrame({"gemeente_code": ["GM0307"] * 2, "theme": themes_,
                             "urgentie": [4.0, 2.0], "borda": [3.0, 0.0],
                             "trekker": pd.array([True, False], dtype="boolean")})
    leden = pd.DataFrame({"leerkring": [1, 1], "gemeente_code": ["GM0307", "GM0344"],
                          "gemeente_naam": ["Amersfoort", "Utrecht"],
                          "rol": ["trekker", "deelnemer"]})
    groepen = pd.DataFrame({"leerkring": [1], "label": ["werk, scholing"],
                            "vorm": ["Leerkringen"], "trekker": ["Amersfoort"]})
    empty = pd.DataFrame(columns=["theme", "measure", "group", "estimate"])
    return ProfileData(responses=responses, texts=texts, gemeente=gemeente, pmg=empty,
                       per_positie=empty, clusters=clusters, members=members, groepen=groepen,
                       leden=leden, positions_sentence="Bron.")


def test_profile_shows_each_own_learning_question_once_with_all_its_needs():
    from pmg_analysis.report import profile

    data = _profile_data()
    table = profile.learning_questions(data, "GM0307")
    assert table["Tekst"].tolist()[0].startswith(XSS)  # escaped later by show_table
    assert table["Leerbehoeften"].tolist() == ["1: werk, scholing; 2: regio", "2: regio"]
    assert table["Vraag"].tolist() == ["Leervraag", "Samen oppakken"]  # not the kansen text
    assert profile.needs_of(data, "GM0344")["Rang"].tolist() == [1]
    kring = profile.leerkringen_of(data, "GM0344")
    assert kring[["Rol", "Trekker", "Andere gemeenten"]].values.tolist() == [
        ["deelnemer", "Amersfoort", "Amersfoort"]]
    assert profile.leerkringen_of(data, "GM0000").empty
    assert profile.intro_sentence(data, "GM0307") == \
        "Amersfoort: 2 respondenten; positie in de regio: polycentrische regio."


def test_show_sentences_gives_a_section_with_a_contents_entry_or_nothing(monkeypatch):
    import IPython.display

    from pmg_analysis.report import show_sentences

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw: shown.append(bundle))
    show_sentences([], heading="Verandering sinds de vorige ronde")
    assert shown == []  # a section that does not apply leaves no empty heading
    show_sentences(["De antwoorden van 2017 kwamen van <Hoogezand-Sappemeer>."],
                   heading="Verandering sinds de vorige ronde")
    (bundle,) = shown
    nb = _static_notebook(new_output("display_data", data=bundle))
    html = export_html(nb, title="Kop", name="kop")
    toc = re.search(r'<nav class="pmg-inhoud".*?</nav>', html, re.S).group(0)
    assert 'href="#verandering-sinds-de-vorige-ronde"' in toc
    assert "<p>De antwoorden van 2017 kwamen van &lt;Hoogezand-Sappemeer&gt;.</p>" in html


def test_an_empty_table_says_geen_or_nothing_when_a_sentence_already_said_so(monkeypatch):
    import IPython.display

    from pmg_analysis.report import show_table

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda bundle, raw: shown.append(bundle))
    empty = pd.DataFrame({"Leerkring": pd.Series(dtype="Int64")})
    show_table(empty, name="leeg")
    show_table(empty, name="leeg", empty=None)
    assert shown == [{"text/html": "<p><em>Geen.</em></p>", "text/plain": "Geen."}]

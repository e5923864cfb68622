"""The report sections (``pmg_analysis.sections``): one copy of each page's calls.

Each notebook's code cells, after its setup cell, only show sections, exactly the registry's
for that page and in its order; the export-shape tests run the same registry. Then a notebook
and its tests cannot drift."""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from pmg_analysis import sections
from pmg_analysis.context import RunContext
from pmg_analysis.sections import Chart, Paragraphs, Section, Table, Text, show

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
# what a notebook's setup cell calls: its run context, then the data its sections take
SETUP_CALLS = {page: ["notebook_context", "sections.load"] for page in sections.PAGES}
SETUP_CALLS[sections.DEVELOPMENT_PAGE] = ["notebook_context", "sections.development.load"]


def _code_cells(name: str) -> list[nbformat.NotebookNode]:
    """The notebook's setup cell (the first after the parameters; it shows nothing, and may be
    left out of the page) and its code cells on the page (not researcher-only cells)."""
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    setup, *cells = [c for c in nb.cells if c.cell_type == "code"
                     and "parameters" not in c.metadata.get("tags", [])]
    return [setup, *[c for c in cells if "verbergen" not in c.metadata.get("tags", [])]]


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return node.id if isinstance(node, ast.Name) else ast.dump(node)


def _shown_section(statement: ast.stmt) -> str | None:
    """``module.function`` for a statement ``show(sections.module.function(...))``, else None."""
    if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
            and _dotted(statement.value.func) == "show" and len(statement.value.args) == 1
            and isinstance(statement.value.args[0], ast.Call)):
        return None
    called = _dotted(statement.value.args[0].func)
    return called.removeprefix("sections.") if called.startswith("sections.") else None


def _calls(source: str) -> list[str]:
    return [_dotted(n.func) for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]


@pytest.mark.parametrize("name", sorted(sections.PAGES))
def test_a_notebook_shows_exactly_its_pages_sections_in_order_and_nothing_else(name):
    setup, *cells = _code_cells(name)
    assert _calls(setup.source) == SETUP_CALLS[name], setup.source
    shown, other = [], []
    for cell in cells:
        for statement in ast.parse(cell.source).body:
            found = _shown_section(statement)
            (shown if found else other).append(found or ast.unparse(statement))
    assert other == [], f"{name}: code that is not a section: {other}"
    expected = [f"{f.__module__.rpartition('.')[2]}.{f.__name__}"
                for f in sections.PAGES[name]]
    assert shown == expected


def test_every_report_notebook_has_its_sections_in_the_registry():
    assert {p.stem for p in NOTEBOOKS.glob("*.ipynb")} == set(sections.PAGES)


def test_a_cell_that_computes_beside_its_section_is_found():
    statement = ast.parse("show(sections.themes.leading(data))").body[0]
    assert _shown_section(statement) == "themes.leading"
    for source in ("print(themes.theme_headline(scores))", "show(leading(data))",
                   "show(sections.themes.leading(data), extra)"):
        assert _shown_section(ast.parse(source).body[0]) is None


# --- blocks ------------------------------------------------------------------------------------

def test_a_section_drops_sentences_that_do_not_apply_and_keeps_the_order():
    frame = pd.DataFrame({"Thema": ["Economie"]})
    section = Section.of("", "Eerste zin.", None, Table(frame, name="t"),
                         Text(("", "Tweede.", "Derde.")), Paragraphs(("",)))
    assert [type(b).__name__ for b in section] == ["Text", "Table", "Text"]
    assert section.sentences == ["Eerste zin.", "Tweede.", "Derde."]
    assert section.outputs()[1] is frame
    with pytest.raises(KeyError):
        section.table("onbekend")


def test_show_prints_sentences_as_a_notebook_cell_printed_them(capsys):
    show(Section.of("Een.", Text(("Twee.", "Drie."), sep="\n\n"), "Vier."))
    assert capsys.readouterr().out == "Een.\nTwee.\n\nDrie.\nVier.\n"


def test_show_passes_each_tables_display_options_and_each_charts_name(monkeypatch):
    from pmg_analysis import plots
    from pmg_analysis.report import tables

    seen = []
    monkeypatch.setattr(tables, "show_table", lambda data, **kw: seen.append(("tabel", kw)))
    monkeypatch.setattr(plots, "show", lambda fig, **kw: seen.append(("figuur", kw)))
    frame = pd.DataFrame({"aandeel": [0.5]})
    show(Section.of(Table(frame, name="volledigheid-tabel", percent=("aandeel",), precision=0),
                    Chart("Geen figuur.", name="volledigheid")))
    assert seen == [
        ("tabel", {"name": "volledigheid-tabel", "caption": None, "percent": ("aandeel",),
                   "precision": 0, "percent_decimals": None, "empty": "Geen."}),
        ("figuur", {"name": "volledigheid", "empty": None})]


# --- on the example ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def example(processed_dir):
    return sections.ReportData.read(RunContext(processed=processed_dir))


def test_the_tables_and_charts_of_a_page_have_unique_names(example):
    pages = sections.report_sections(example, municipalities=1)
    for page, by_name in pages.items():
        for kind in (Table, Chart):
            names = [b.name for s in by_name.values() for b in s if isinstance(b, kind)]
            assert len(names) == len(set(names)), (page, kind.__name__, names)


def test_the_programme_page_shows_its_tables_in_the_notebooks_order_with_percentages(example):
    pages = sections.page_sections(example, "05_werkprogramma")
    tables = [b for s in pages.values() for b in s if isinstance(b, Table)]
    assert [t.name for t in tables] == ["jaarprogramma", "groepen", "themas", "gewichten",
                                        "programma-themas", "programma-leervragen",
                                        "gevoeligheid"]
    programme = next(t for t in tables if t.name == "programma-themas")
    assert programme.precision == 0 and set(programme.percent) <= set(programme.data.columns)
    assert len(pages["programme_needs"].table("programma-leervragen")) == 10


def test_a_run_is_loaded_once_per_process_and_shares_its_results(processed_dir):
    run = RunContext(processed=processed_dir)
    data = sections.load(run)
    assert sections.load(RunContext(processed=processed_dir)) is data
    assert data.results() is data.results()
    other = RunContext(settings=run.settings.__class__(), processed=processed_dir,
                       version="2019")
    assert sections.load(other) is not data


def test_the_comparison_sections_show_nothing_without_a_previous_round(example):
    code = sorted(example.responses["gemeente_code"].astype(str))[0]
    assert sections.municipality.comparison(example, code).blocks == ()
    links = sections.summary.comparison(example).blocks
    assert [type(b).__name__ for b in links] == ["Link"] and links[0].when is False


def test_the_comparison_page_of_the_example_rounds_shows_every_part_without_defects():
    from pmg_analysis.example.second_round import example_comparison

    data = sections.development.ComparisonData(*example_comparison())
    page = sections.page_sections(data, sections.DEVELOPMENT_PAGE)
    assert sections.output_defects({sections.DEVELOPMENT_PAGE: page}) == []
    assert all(page[name].blocks for name in ("in_short", "change", "needs_programme"))
    assert "39 gemeenten antwoordden in beide rondes." in page["in_short"].sentences
    assert len(page["needs_programme"].table("plaatsen-werkprogramma")) > 0

"""Exporting an executed notebook to one self-contained Dutch HTML page.

nbconvert picks, per output, the first mimetype in its ``display_data_priority`` list; for
HTML that is ``text/html`` before ``text/plain``, and the plotly JSON mimetype is not in the
list, so figures shown with :func:`pmg_analysis.plots.show` are exported through their
deterministic HTML div. The ``pmg`` template (``templates/pmg``) drops code, prompts and all
CDN scripts and inlines plotly.js once, from the installed plotly package.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from pmg_analysis.plots import DIV_ID_PREFIX, PLOTLY_MIMETYPE
from pmg_analysis.report.notebook import ReportBuildError

_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=", re.IGNORECASE)
_FIGURE_ID = re.compile(r'\bid="(' + re.escape(DIV_ID_PREFIX) + r'[^"]*)"')


@dataclass(frozen=True)
class HtmlConfig:
    """Settings of the HTML export."""

    template_name: str = "pmg"
    language: str = "nl"
    remove_cell_tags: tuple[str, ...] = ("verbergen", "remove_cell")
    remove_output_tags: tuple[str, ...] = ("verberg-uitvoer", "remove_output")
    index_text: str = "Overzicht van de rapporten"


def templates_dir() -> Path:
    return Path(str(resources.files("pmg_analysis").joinpath("templates")))


@cache
def plotlyjs() -> str:
    """The plotly.js bundle of the installed plotly package (no network)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


@cache
def house_css() -> str:
    return (templates_dir() / "pmg.css").read_text("utf-8")


def uses_plotly(nb: nbformat.NotebookNode) -> bool:
    """Whether any output holds a plotly figure."""
    for cell in nb.cells:
        for output in cell.get("outputs", ()):
            data = output.get("data", {})
            if PLOTLY_MIMETYPE in data or "plotly-graph-div" in str(data.get("text/html", "")):
                return True
    return False


def export_html(nb: nbformat.NotebookNode, *, title: str, name: str,
                index_href: str | None = "index.html", footer: str | None = None,
                config: HtmlConfig = HtmlConfig()) -> str:
    """The HTML page for an executed notebook: no code cells or prompts, ``<html lang="nl">``,
    ``title`` as page title, plotly.js inlined once when the page has figures."""
    nb = copy.deepcopy(nb)
    nb.metadata["title"] = title
    exporter = HTMLExporter(
        template_name=config.template_name, extra_template_basedirs=[str(templates_dir())],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        language_code=config.language,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(
        remove_cell_tags=set(config.remove_cell_tags),
        remove_all_outputs_tags=set(config.remove_output_tags), enabled=True), enabled=True)
    extra = {
        "metadata": {"name": name},
        "pmg": {
            "plotlyjs": plotlyjs() if uses_plotly(nb) else "",
            "css": house_css(),
            "index_href": index_href,
            "index_text": config.index_text,
            "footer": footer,
        },
    }
    body, _ = exporter.from_notebook_node(nb, resources=extra)
    check_page(body, name=name)
    return body


def check_page(html: str, *, name: str) -> None:
    """Refuse pages that would need the internet or that reuse a figure id."""
    if _SCRIPT_SRC.search(html):
        raise ReportBuildError(f"Rapport {name}: de pagina laadt een extern script; "
                               "alle scripts moeten in de pagina zelf staan.")
    dupes = sorted(k for k, n in Counter(_FIGURE_ID.findall(html)).items() if n > 1)
    if dupes:
        raise ReportBuildError(f"Rapport {name}: figuurnaam komt meer dan eens voor "
                               f"({', '.join(dupes)}); geef elke figuur een eigen naam.")

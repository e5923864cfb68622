"""Exporting an executed notebook to one Dutch HTML page that opens from ``file://``.

nbconvert picks, per output, the first mimetype in its ``display_data_priority`` list; for
HTML that is ``text/html`` before ``text/plain``, and the plotly JSON mimetype is not in the
list, so figures shown with :func:`pmg_analysis.plots.show` are exported through their
deterministic HTML div. The ``pmg`` template (``templates/pmg``) drops code, prompts and all
CDN scripts. plotly.js is written ONCE beside the reports (``plotly.min.js``, from the installed
plotly package, see :func:`write_plotlyjs`) and pages with figures load it by a relative path;
that local file is the only script a page may load. Headings get readable ASCII anchors
(:func:`anchor`) and the page a table of contents built from them.

Where the data came from (:class:`PageStamp`) stands once, at the foot of the page: one short
line, with the hash and the settings in a collapsed ``<details>``; under the title only a
one-line note when the settings were not the defaults. Cells tagged ``verantwoording``
(method, statistics, sources) are rendered inside a collapsed
``<details class="verantwoording">`` (consecutive tagged cells in one block; see
:func:`mark_verantwoording`); cells tagged ``verbergen`` are left out.
"""

from __future__ import annotations

import copy
import html as html_lib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from nbconvert.preprocessors import TagRemovePreprocessor

from pmg_analysis import catalog
from pmg_analysis.plots import DIV_ID_PREFIX, PLOTLY_MIMETYPE
from pmg_analysis.report.notebook import ReportBuildError
from pmg_analysis.reportconfig import HtmlConfig

_SCRIPT_SRC = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?([^\"'\s>]*)", re.IGNORECASE)
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)">(.*?)<a class="anchor-link" href="#[^"]*">'
                      r'(.*?)</a></h\1>', re.S)
_TAG = re.compile(r"<[^>]+>")
_FIGURE_ID = re.compile(r'\bid="(' + re.escape(DIV_ID_PREFIX) + r'[^"]*)"')
_MARKDOWN_HEADING = re.compile(r"\A\s*#{1,6}\s+(.+?)\s*#*\s*(?:\n|\Z)")
_DETAILS = re.compile(r'<details class="verantwoording">.*?</details>', re.S)
VERANTWOORDING_KEY = "pmg_verantwoording"  # cell metadata the template reads (build copy only)


@dataclass(frozen=True)
class PageStamp:
    """Where a page's data came from, as the reader sees it: ``line`` once at the foot
    (file, responses in and out, last submission, where the positions come from),
    ``details`` (the hash, the settings) collapsed under it, and ``settings_note``, the one
    line under the title, only when the settings were not the defaults.

    >>> stamp = PageStamp("Gemaakt van a.xlsx.", ("SHA-256: 00ff",))
    >>> "00ff" in stamp, "b.xlsx" in stamp
    (True, False)
    """

    line: str
    details: tuple[str, ...] = ()
    settings_note: str | None = None

    def __contains__(self, text: str) -> bool:
        """Whether any part of the stamp holds ``text``."""
        return any(text in part for part in (self.line, *self.details,
                                             self.settings_note or ""))

    def __str__(self) -> str:
        return " ".join((self.line, *self.details))

    @classmethod
    def of(cls, stamp: PageStamp | str | None) -> PageStamp | None:
        """A stamp as given, a plain text as a stamp of one line, None as None."""
        if stamp is None or isinstance(stamp, PageStamp):
            return stamp
        return cls(line=str(stamp))



def templates_dir() -> Path:
    return Path(str(resources.files("pmg_analysis").joinpath("templates")))


@cache
def plotlyjs() -> str:
    """The plotly.js bundle of the installed plotly package (no network)."""
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def write_plotlyjs(reports_dir: Path, config: HtmlConfig = HtmlConfig()) -> Path:
    """Write the plotly.js bundle of the installed plotly package once into ``reports_dir``
    (every page with figures loads it by a relative path); returns its path."""
    path = Path(reports_dir) / config.plotlyjs_file
    path.write_bytes(plotlyjs().encode("utf-8"))
    return path


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


@cache
def _exporter(config: HtmlConfig) -> HTMLExporter:
    """One exporter per configuration, reused for every page: it compiles its templates once
    (compiling them took about 0.3 s of each municipality page's 0.5 s export)."""
    exporter = HTMLExporter(
        template_name=config.template_name, extra_template_basedirs=[str(templates_dir())],
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True,
        language_code=config.language,
    )
    exporter.register_preprocessor(TagRemovePreprocessor(
        remove_cell_tags=set(config.remove_cell_tags),
        remove_all_outputs_tags=set(config.remove_output_tags), enabled=True), enabled=True)
    return exporter


def export_html(nb: nbformat.NotebookNode, *, title: str, name: str,
                index_href: str | None = catalog.REPORT_INDEX.file,
                footer: PageStamp | str | None = None,
                asset_prefix: str = "", heading: str | None = None,
                config: HtmlConfig = HtmlConfig()) -> str:
    """The HTML page for an executed notebook: no code cells or prompts, ``<html lang="nl">``,
    ``title`` as page title, a table of contents under the first heading, where the data came
    from (``footer``, a :class:`PageStamp` or one line) at the foot, cells tagged
    ``verantwoording`` in a collapsed block, and ``<asset_prefix>plotly.min.js`` loaded when
    the page has figures (``asset_prefix="../"`` for pages one folder below the reports).
    ``heading`` replaces the text of the first heading (a municipality page shows the
    municipality's name there)."""
    nb = mark_verantwoording(nb, config)
    nb.metadata["title"] = title
    stamp = PageStamp.of(footer)
    exporter = _exporter(config)
    extra = {
        "metadata": {"name": name},
        "pmg": {
            "plotlyjs_src": asset_prefix + config.plotlyjs_file if uses_plotly(nb) else "",
            "css": house_css(),
            "index_href": index_href,
            "index_text": config.index_text,
            "stamp": stamp,
            "details_title": config.stamp_details_title,
            "verantwoording_key": VERANTWOORDING_KEY,
        },
    }
    body, _ = exporter.from_notebook_node(nb, resources=extra)
    if heading is not None:
        body = re.sub(r'(<h1 id=")[^"]*(">).*?(<a class="anchor-link")',
                      lambda m: m.group(1) + anchor(heading) + m.group(2)
                      + html_lib.escape(heading) + m.group(3), body, count=1, flags=re.S)
    body = add_contents(body, note=stamp.settings_note if stamp else None, config=config)
    check_page(body, name=name, config=config)
    return body


def mark_verantwoording(nb: nbformat.NotebookNode,
                        config: HtmlConfig = HtmlConfig()) -> nbformat.NotebookNode:
    r"""A copy of ``nb`` whose runs of consecutive cells tagged ``config.verantwoording_tag``
    (cells that are left out of the page do not break a run) are marked for the template:
    the first cell of a run opens a collapsed ``<details class="verantwoording">``, the last
    closes it. The summary is ``config.verantwoording_title``, or the first heading of the
    run when its first cell is markdown that starts with one (the heading then moves into the
    summary instead of standing twice).

    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> cell = new_markdown_cell("### Hoe is dit berekend?\n\nMet een bootstrap.")
    >>> cell.metadata["tags"] = ["verantwoording"]
    >>> marked = mark_verantwoording(new_notebook(cells=[cell])).cells[0]
    >>> marked.metadata[VERANTWOORDING_KEY], marked.source
    ({'open': 'Hoe is dit berekend?', 'close': True}, 'Met een bootstrap.')
    """
    nb = copy.deepcopy(nb)
    removed = set(config.remove_cell_tags)
    shown = [c for c in nb.cells if not removed & set(c.get("metadata", {}).get("tags", ()))]
    tagged = [config.verantwoording_tag in c.get("metadata", {}).get("tags", ()) for c in shown]
    for i, cell in enumerate(shown):
        if not tagged[i]:
            continue
        mark = {}
        if i == 0 or not tagged[i - 1]:
            summary = config.verantwoording_title
            heading = (_MARKDOWN_HEADING.match(cell.source) if cell.cell_type == "markdown"
                       else None)
            if heading:
                summary = re.sub(r"[*_`]+", "", heading.group(1)).strip()
                cell.source = cell.source[heading.end():].lstrip("\n")
            mark["open"] = summary
        if i == len(shown) - 1 or not tagged[i + 1]:
            mark["close"] = True
        cell.metadata[VERANTWOORDING_KEY] = mark
    return nb


def anchor(text: str) -> str:
    """The anchor of a heading on a report page: ASCII, lower case, words joined by ``-``
    (``"Thema's naar urgentie"`` -> ``"thema-s-naar-urgentie"``), so other pages can link to
    ``03_themas.html#thema-s-naar-urgentie``."""
    plain = unicodedata.normalize("NFKD", html_lib.unescape(_TAG.sub("", text)))
    slug = re.sub(r"[^a-z0-9]+", "-", plain.encode("ascii", "ignore").decode().lower())
    return slug.strip("-") or "kop"


def add_contents(body: str, *, note: str | None = None,
                 config: HtmlConfig = HtmlConfig()) -> str:
    """Give every heading a readable unique anchor and put ``note`` (one line, e.g. the
    settings when they were not the defaults) and a table of contents after the page's title
    (its first heading). Headings inside a collapsed verantwoording block get anchors but stay
    out of the table of contents."""
    seen: Counter[str] = Counter()
    entries: list[tuple[int, str, str]] = []
    hidden = [m.span() for m in _DETAILS.finditer(body)]

    def rename(match: re.Match) -> str:
        level, inner, mark = int(match.group(1)), match.group(3), match.group(4)
        slug = anchor(inner)
        seen[slug] += 1
        if seen[slug] > 1:
            slug = f"{slug}-{seen[slug]}"
        if not any(a <= match.start() < b for a, b in hidden):
            entries.append((level, slug, inner))
        return (f'<h{level} id="{slug}">{inner}<a class="anchor-link" href="#{slug}">'
                f"{mark}</a></h{level}>")

    body = _HEADING.sub(rename, body)
    items = [f'<li class="niveau-{level}"><a href="#{slug}">{_TAG.sub("", inner).strip()}</a></li>'
             for level, slug, inner in entries if level in config.toc_levels]
    block = []
    if note:
        block.append(f'<p class="pmg-instellingen">{html_lib.escape(note)}</p>')
    if items:
        block.append(f'<nav class="pmg-inhoud" aria-label="{config.toc_title}">'
                     f'<p class="pmg-inhoud-kop">{config.toc_title}</p><ul>'
                     + "".join(items) + "</ul></nav>")
    if not block:
        return body
    # after the title's cell, or before the first section heading if that comes earlier
    first = body.find("<h1 ")
    candidates = [body.find(mark, first) for mark in ('<div class="jp-Cell ', "<h2 ")
                  ] if first >= 0 else []
    at = min((c for c in candidates if c >= 0), default=body.find("</main>"))
    return body[:at] + "\n".join(block) + "\n" + body[at:]


def check_page(html: str, *, name: str, config: HtmlConfig = HtmlConfig()) -> None:
    """Refuse pages that would need the internet or that reuse a figure id. The only script a
    page may load is the local plotly.js beside the reports (a relative path)."""
    allowed = re.compile(r"(\.\./)*" + re.escape(config.plotlyjs_file))
    for src in _SCRIPT_SRC.findall(html):
        if not allowed.fullmatch(src):
            raise ReportBuildError(f"Rapport {name}: de pagina laadt een extern script ({src}); "
                                   f"alleen {config.plotlyjs_file} naast de rapporten mag.")
    dupes = sorted(k for k, n in Counter(_FIGURE_ID.findall(html)).items() if n > 1)
    if dupes:
        raise ReportBuildError(f"Rapport {name}: figuurnaam komt meer dan eens voor "
                               f"({', '.join(dupes)}); geef elke figuur een eigen naam.")

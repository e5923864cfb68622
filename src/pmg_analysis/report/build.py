"""``build_reports``: execute the notebooks and write ``reports/*.html`` plus ``index.html``."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from pmg_analysis.errors import InputError
from pmg_analysis.paths import NOTEBOOKS, PROCESSED, REPORTS
from pmg_analysis.report.html import HtmlConfig, export_html
from pmg_analysis.report.index import (
    ReportEntry,
    data_stamp_from_manifest,
    write_index,
)
from pmg_analysis.report.notebook import (
    execute_notebook,
    notebook_description,
    notebook_title,
)


@dataclass(frozen=True)
class ReportConfig:
    """Settings of the report build."""

    kernel_name: str = "python3"
    build_dir: Path | None = None  # executed copies; None: a temporary directory
    skip: tuple[str, ...] = ("gemeenteprofiel",)  # parameterised, built per municipality
    # notebooks that need the CBS/PDOK data; left out (and said so) when it is unavailable
    needs_cbs: tuple[str, ...] = ("02_positie_in_de_regio",)
    cell_timeout: int | None = 1800  # seconds per cell
    manifest_path: Path = PROCESSED / "manifest.json"
    profiles_subdir: str = "gemeenten"
    html: HtmlConfig = field(default_factory=HtmlConfig)


def _resolve(notebooks: list[str] | None, notebooks_dir: Path, skip: tuple[str, ...]) -> list[Path]:
    if not Path(notebooks_dir).is_dir():
        raise InputError("de map met notebooks bestaat niet.", path=notebooks_dir)
    if notebooks is None:
        return [p for p in sorted(Path(notebooks_dir).glob("*.ipynb")) if p.stem not in skip]
    paths = []
    for name in notebooks:
        path = Path(notebooks_dir) / (name if name.endswith(".ipynb") else f"{name}.ipynb")
        if not path.is_file():
            raise InputError(f"notebook '{name}' bestaat niet in {notebooks_dir}.", path=path)
        paths.append(path)
    return paths


def build_report(notebook: Path, output: Path, *, build_dir: Path, parameters: dict | None = None,
                 data_stamp: str | None = None, index_href: str | None = "index.html",
                 config: ReportConfig = ReportConfig()) -> ReportEntry:
    """Execute one notebook (cwd = its folder) into ``build_dir`` and write its HTML page."""
    notebook = Path(notebook)
    nb = execute_notebook(notebook, Path(build_dir) / notebook.name, cwd=notebook.parent,
                          parameters=parameters, kernel_name=config.kernel_name,
                          cell_timeout=config.cell_timeout)
    title = notebook_title(nb, default=notebook.stem)
    footer = f"Gegevens: {data_stamp}" if data_stamp else None
    html = export_html(nb, title=title, name=notebook.stem, index_href=index_href,
                       footer=footer, config=config.html)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_bytes(html.encode("utf-8"))
    return ReportEntry(href=Path(output).name, title=title, description=notebook_description(nb))


def build_reports(notebooks: list[str] | None = None, *, notebooks_dir: Path = NOTEBOOKS,
                  reports_dir: Path = REPORTS, parameters: dict | None = None,
                  data_stamp: str | None = None,
                  config: ReportConfig = ReportConfig()) -> list[Path]:
    """Build ``reports_dir/<notebook>.html`` for each notebook, then ``reports_dir/index.html``.

    ``notebooks`` are names in ``notebooks_dir`` (with or without ``.ipynb``); default: all
    except ``config.skip``. ``data_stamp`` describes the data version on the pages (default:
    from the cleaning manifest). Returns the report paths followed by the index path.
    """
    sources = _resolve(notebooks, notebooks_dir, config.skip)
    stamp = data_stamp or data_stamp_from_manifest(config.manifest_path)
    reports_dir = Path(reports_dir)
    reports_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pmg-build-") as tmp:
        build_dir = config.build_dir or Path(tmp)
        entries = [build_report(src, reports_dir / f"{src.stem}.html", build_dir=build_dir,
                                parameters=parameters, data_stamp=stamp, config=config)
                   for src in sources]
    index = write_index(entries, reports_dir, data_stamp=stamp,
                        profiles_subdir=config.profiles_subdir)
    return [reports_dir / e.href for e in entries] + [index]


def refresh_notebooks(notebooks: list[str] | None = None, *,
                      notebooks_dir: Path = NOTEBOOKS,
                      config: ReportConfig = ReportConfig()) -> list[Path]:
    """Re-execute committed notebooks and save them with their (normalised) outputs, so that
    nbval compares against current results. For developers after a deliberate change."""
    sources = _resolve(notebooks, notebooks_dir, config.skip)
    with tempfile.TemporaryDirectory(prefix="pmg-refresh-") as tmp:
        for src in sources:
            nb = execute_notebook(src, Path(tmp) / src.name, cwd=src.parent,
                                  kernel_name=config.kernel_name,
                                  cell_timeout=config.cell_timeout)
            nbformat.write(nb, src)
    return sources

"""``build_reports``: execute the notebooks and write ``reports/*.html``, the municipality pages
``reports/gemeenten/<code>.html``, ``plotly.min.js`` and ``index.html``.

Everything is built in a temporary folder beside the reports and moved into place only when
every page has been built: a failing build leaves the previous reports as they were.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import nbformat

from pmg_analysis import catalog
from pmg_analysis.errors import InputError
from pmg_analysis.parallel import in_processes
from pmg_analysis.paths import NOTEBOOKS, PROCESSED, REPORTS
from pmg_analysis.report.html import PageStamp, export_html, write_plotlyjs
from pmg_analysis.report.index import (
    ReportEntry,
    municipality_names,
    page_stamp_from,
    write_index,
)
from pmg_analysis.report.notebook import (
    execute_notebook,
    execute_parameterised,
    notebook_description,
    notebook_title,
)
from pmg_analysis.reportconfig import ReportConfig


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
                 data_stamp: PageStamp | str | None = None,
                 index_href: str | None = catalog.REPORT_INDEX.file,
                 config: ReportConfig = ReportConfig()) -> ReportEntry:
    """Execute one notebook (cwd = its folder) into ``build_dir`` and write its HTML page."""
    notebook = Path(notebook)
    nb = execute_notebook(notebook, Path(build_dir) / notebook.name, cwd=notebook.parent,
                          parameters=parameters, kernel_name=config.kernel_name,
                          cell_timeout=config.cell_timeout)
    return _write_page(nb, output, name=notebook.stem, title=notebook_title(nb, notebook.stem),
                       data_stamp=data_stamp, index_href=index_href, config=config)


def _write_page(nb: nbformat.NotebookNode, output: Path, *, name: str, title: str,
                data_stamp: PageStamp | str | None, index_href: str | None, asset_prefix: str = "",
                heading: str | None = None,
                config: ReportConfig = ReportConfig()) -> ReportEntry:
    html = export_html(nb, title=title, name=name, index_href=index_href, footer=data_stamp,
                       asset_prefix=asset_prefix, heading=heading, config=config.html)
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_bytes(html.encode("utf-8"))
    return ReportEntry(href=Path(output).name, title=title, description=notebook_description(nb))


def build_profiles(codes: Sequence[str], reports_dir: Path, *, notebooks_dir: Path,
                   build_dir: Path, data_stamp: PageStamp | str | None,
                   parameters: dict | None = None,
                   config: ReportConfig = ReportConfig()) -> list[Path]:
    """``reports_dir/<subdir>/<code>.html`` for each municipality code: the parameterised
    profile notebook run in one kernel, one page per code (title: "<title>: <naam>", also for
    a municipality formed after 2017); ``parameters`` go to every run beside the
    municipality's code."""
    source = Path(notebooks_dir) / f"{config.profile_notebook}.ipynb"
    if not source.is_file():
        raise InputError(f"notebook '{config.profile_notebook}' bestaat niet in "
                         f"{notebooks_dir}.", path=source)
    codes = sorted(dict.fromkeys(codes))
    runs = [({**(parameters or {}), config.profile_parameter: code},
             Path(build_dir) / "gemeenten" / f"{code}.ipynb") for code in codes]
    executed = execute_parameterised(source, runs, cwd=source.parent,
                                     kernel_name=config.kernel_name,
                                     cell_timeout=config.cell_timeout)
    names = municipality_names()
    folder = Path(reports_dir) / config.profiles_subdir
    written = []
    for code, nb in zip(codes, executed, strict=True):
        title = f"{notebook_title(nb, source.stem)}: {names.get(code, code)}"
        page = catalog.MUNICIPALITY_PAGE.path(folder, code=code)
        _write_page(nb, page, name=f"{source.stem}-{code}", title=title,
                    data_stamp=data_stamp, index_href=f"../{catalog.REPORT_INDEX.file}",
                    asset_prefix="../",
                    heading=title, config=config)
        written.append(page)
    return written


def publish(staging: Path, reports_dir: Path, *, config: ReportConfig = ReportConfig()) -> None:
    """Replace the previous build in ``reports_dir`` (its pages, the municipality folder and
    plotly.js; other files stay) by the finished build in ``staging``."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    managed = [*reports_dir.glob("*.html"), reports_dir / config.profiles_subdir,
               reports_dir / config.html.plotlyjs_file]
    for old in managed:
        if old.is_dir():
            shutil.rmtree(old)
        elif old.exists():
            old.unlink()
    for new in sorted(staging.iterdir()):
        new.replace(reports_dir / new.name)


def build_reports(notebooks: list[str] | None = None, *, notebooks_dir: Path = NOTEBOOKS,
                  reports_dir: Path = REPORTS, parameters: dict | None = None,
                  data_stamp: PageStamp | str | None = None, profiles: Sequence[str] = (),
                  processed_dir: Path = PROCESSED,
                  config: ReportConfig = ReportConfig()) -> list[Path]:
    """Build ``reports_dir/<notebook>.html`` for each notebook, a municipality page for each
    code in ``profiles``, ``plotly.min.js`` and ``reports_dir/index.html``.

    ``notebooks`` are names in ``notebooks_dir`` (with or without ``.ipynb``); default: all
    except ``config.skip``. The notebooks read the processed tables in ``processed_dir``: it
    goes to every notebook as the papermill parameter ``verwerkt``, beside ``parameters``
    (the pipeline adds ``instellingen``, the settings in force).
    ``data_stamp`` says where the data came from, at the foot of every page (a
    :class:`~pmg_analysis.report.html.PageStamp`, or one line; default: from the cleaning
    manifest and the responses there). The pages are built in a temporary folder beside
    ``reports_dir`` and replace the previous reports only when all succeeded. Returns the
    report paths, then the municipality pages, then the index path.
    """
    sources = _resolve(notebooks, notebooks_dir, config.skip)
    parameters = {"verwerkt": str(Path(processed_dir).resolve()), **(parameters or {})}
    stamp = data_stamp or page_stamp_from(processed_dir)
    reports_dir = Path(reports_dir)
    reports_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{reports_dir.name}-bouw-", dir=reports_dir.parent))
    try:
        with tempfile.TemporaryDirectory(prefix="pmg-build-") as tmp:
            build_dir = config.build_dir or Path(tmp)
            write_plotlyjs(staging, config.html)
            entries, pages = _build_pages(sources, profiles, staging, build_dir=build_dir,
                                          notebooks_dir=notebooks_dir, parameters=parameters,
                                          data_stamp=stamp, config=config)
        write_index(entries, staging, data_stamp=stamp, profiles_subdir=config.profiles_subdir)
        publish(staging, reports_dir, config=config)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return ([reports_dir / e.href for e in entries]
            + [reports_dir / p.relative_to(staging) for p in pages]
            + [catalog.REPORT_INDEX.path(reports_dir)])


def _build_pages(sources: list[Path], profiles: Sequence[str], staging: Path, *,
                 build_dir: Path, notebooks_dir: Path, parameters: dict,
                 data_stamp: PageStamp | str | None,
                 config: ReportConfig) -> tuple[list[ReportEntry], list[Path]]:
    """Every report page and municipality page, ``config.workers`` at a time: the municipality
    pages in one part per worker (one kernel each; they are the longest tasks, so they start
    first), then the notebooks. Each page is written on its own, so the pages are the same
    whatever the number of workers."""
    if profiles and not (Path(notebooks_dir) / f"{config.profile_notebook}.ipynb").is_file():
        raise InputError(f"notebook '{config.profile_notebook}' bestaat niet in "
                         f"{notebooks_dir}.",
                         path=Path(notebooks_dir) / f"{config.profile_notebook}.ipynb")
    parts = _split(sorted(dict.fromkeys(profiles)), config.workers)
    profile_tasks = [partial(build_profiles, part, staging, notebooks_dir=notebooks_dir,
                             build_dir=build_dir, data_stamp=data_stamp, parameters=parameters,
                             config=config) for part in parts]
    report_tasks = [partial(build_report, src, catalog.REPORT_PAGE.path(staging,
                                                                         notebook=src.stem),
                            build_dir=build_dir, parameters=parameters, data_stamp=data_stamp,
                            config=config) for src in sources]
    done = in_processes([*profile_tasks, *report_tasks], workers=config.workers)
    pages = [page for part in done[:len(profile_tasks)] for page in part]
    return done[len(profile_tasks):], pages


def _split(codes: list[str], n: int) -> list[list[str]]:
    """``codes`` in at most ``n`` consecutive parts of (nearly) equal size, none empty."""
    n = max(1, min(n, len(codes)))
    size, extra = divmod(len(codes), n)
    bounds = [i * size + min(i, extra) for i in range(n + 1)]
    return [codes[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def refresh_notebooks(notebooks: list[str] | None = None, *,
                      notebooks_dir: Path = NOTEBOOKS,
                      config: ReportConfig = ReportConfig()) -> list[Path]:
    """Re-execute committed notebooks and save them with their (normalised) outputs, so that
    nbval compares against current results. For developers after a deliberate change. The
    municipality profile is saved run for the municipality in its ``parameters`` cell."""
    sources = _resolve(notebooks, notebooks_dir,
                       tuple(s for s in config.skip if s != config.profile_notebook))
    with tempfile.TemporaryDirectory(prefix="pmg-refresh-") as tmp:
        for src in sources:
            nb = execute_notebook(src, Path(tmp) / src.name, cwd=src.parent,
                                  kernel_name=config.kernel_name,
                                  cell_timeout=config.cell_timeout)
            nbformat.write(nb, src)
    return sources

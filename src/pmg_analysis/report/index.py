"""The Dutch index page ``reports/index.html`` linking every report.

All texts are escaped by Jinja's autoescape. The page shows the date (or hash) of the data the
reports were made from, never the wall-clock time, so rebuilding gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.clean.manifest import Manifest
from pmg_analysis.instrument import load_instrument
from pmg_analysis.report.html import house_css, templates_dir

UNKNOWN_STAMP = "datum onbekend"


@dataclass(frozen=True)
class ReportEntry:
    """One line on the index page."""

    href: str  # relative to the index page
    title: str
    description: str = ""


def data_stamp_from_manifest(path: Path) -> str | None:
    """A short Dutch description of the data version from the cleaning manifest, if any:
    its ``data_date`` line, else the input's shortened SHA-256; None without a readable one."""
    if not Path(path).is_file():
        return None
    try:
        manifest = Manifest.read(path)
    except (OSError, ValueError, KeyError):
        return None
    return manifest.data_date or f"invoer {manifest.source.sha256[:12]}"


def municipality_names() -> dict[str, str]:
    """CBS code -> name of the 2017 municipalities (package register)."""
    csv = resources.files("pmg_analysis").joinpath("data", catalog.MUNICIPALITY_REGISTER.file)
    with csv.open("r", encoding="utf-8") as handle:
        register = pd.read_csv(handle, comment="#", dtype="string")
    return dict(zip(register["code"], register["naam"], strict=True))


def municipality_profiles(reports_dir: Path, subdir: str = "gemeenten") -> list[ReportEntry]:
    """Entries for existing ``<subdir>/<code>.html`` profiles, named from the 2017 register
    and sorted by name."""
    files = sorted((Path(reports_dir) / subdir).glob("*.html"))
    if not files:
        return []
    names = municipality_names()
    files = sorted(files, key=lambda f: (names.get(f.stem, f.stem), f.stem))
    return [ReportEntry(href=f"{subdir}/{f.name}",
                        title=f"{names[f.stem]} ({f.stem})" if f.stem in names else f.stem)
            for f in files]


def render_index(reports: list[ReportEntry], *, data_stamp: str | None,
                 profiles: list[ReportEntry] = ()) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())),
                             autoescape=True, keep_trailing_newline=True)
    instrument = load_instrument()
    return env.get_template("index.html.j2").render(
        title=f"{instrument.title}: rapporten",
        intro=("Analyse van de PMG-vragenlijst '" + instrument.title + "' (Platform31 / "
               "Platform Middelgrote Gemeenten). Elk rapport opent ook zonder internetverbinding."),
        data_stamp=data_stamp or UNKNOWN_STAMP,
        reports=list(reports), profiles=list(profiles), css=house_css(),
    )


def write_index(reports: list[ReportEntry], reports_dir: Path, *, data_stamp: str | None,
                profiles_subdir: str = "gemeenten") -> Path:
    """Write ``reports_dir/index.html`` and return its path."""
    path = catalog.REPORT_INDEX.path(reports_dir)
    html = render_index(reports, data_stamp=data_stamp,
                        profiles=municipality_profiles(reports_dir, profiles_subdir))
    path.write_bytes(html.encode("utf-8"))
    return path

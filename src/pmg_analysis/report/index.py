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
from pmg_analysis.report.html import PageStamp, house_css, templates_dir
from pmg_analysis.rounds.municipalities import DERIVED_START

UNKNOWN_STAMP = "datum onbekend"
# Where the positions in the region come from, in a few words for the foot line (the full
# sentence is in the collapsed details).
POSITIONS_SHORT = {True: "posities in de regio uit CBS-gegevens (2017)",
                   False: "posities in de regio zoals respondenten ze zelf aankruisten"}


@dataclass(frozen=True)
class ReportEntry:
    """One line on the index page."""

    href: str  # relative to the index page
    title: str
    description: str = ""


def page_stamp(manifest: Manifest, last_submission: pd.Timestamp | None = None) -> PageStamp:
    """Where the pages' data came from (:class:`~pmg_analysis.report.html.PageStamp`): the
    foot line names the file, the responses in and out, the last submission and where the
    positions come from; the hash, the full sentence on the positions and the settings go to
    the collapsed details; the settings also under the title when they were not the
    defaults."""
    n = manifest.counts
    when = (f", laatste inzending {pd.Timestamp(last_submission):%d-%m-%Y}"
            if last_submission is not None and pd.notna(last_submission) else "")
    positions = manifest.positions
    where = f"; {POSITIONS_SHORT[positions.cbs_available]}" if positions else ""
    line = (f"Gemaakt van {manifest.source.file}: {n.clean} van {n.rows_in} inzendingen "
            f"meegeteld{when}{where}.")
    # a position taken from a predecessor is no CBS figure of its own: every page says so
    derived = positions.sentence.find(DERIVED_START) if positions else -1
    if derived >= 0:
        line += " " + positions.sentence[derived:]
    details = [f"SHA-256 van {manifest.source.file}: {manifest.source.sha256}."]
    if positions and positions.sentence:
        details.append(positions.sentence)
    if manifest.settings:
        details.append(manifest.settings.sentence)
    note = manifest.settings.sentence if manifest.settings and manifest.settings.changes \
        else None
    return PageStamp(line=line, details=tuple(details), settings_note=note)


def page_stamp_from(processed_dir: Path) -> PageStamp | None:
    """:func:`page_stamp` of the processed tables in ``processed_dir`` (their manifest and
    the last submission in their responses); None without a readable manifest."""
    path = catalog.MANIFEST.path(processed_dir)
    if not path.is_file():
        return None
    try:
        manifest = Manifest.read(path)
    except (OSError, ValueError, KeyError):
        return None
    responses = catalog.RESPONSES.path(processed_dir)
    last = (pd.read_parquet(responses, columns=["submitted_at"])["submitted_at"].max()
            if responses.is_file() else None)
    return page_stamp(manifest, last)


def municipality_names() -> dict[str, str]:
    """CBS code -> name of every municipality since 2017: the 2017 register (package) and
    every municipality formed after it (the packaged table of municipal changes), so that a
    page of Midden-Groningen (GM1952) is titled with its name."""
    from pmg_analysis.rounds.municipalities import load_changes

    csv = resources.files("pmg_analysis").joinpath("data", catalog.MUNICIPALITY_REGISTER.file)
    with csv.open("r", encoding="utf-8") as handle:
        register = pd.read_csv(handle, comment="#", dtype="string")
    names = dict(zip(register["code"], register["naam"], strict=True))
    changes = load_changes()
    names.update(zip(changes["nieuwe_code"].astype(str), changes["nieuwe_naam"].astype(str),
                     strict=True))
    return names


def municipality_profiles(reports_dir: Path, subdir: str = "gemeenten") -> list[ReportEntry]:
    """Entries for existing ``<subdir>/<code>.html`` profiles, named (never by code) and
    sorted by name."""
    files = sorted((Path(reports_dir) / subdir).glob("*.html"))
    if not files:
        return []
    names = municipality_names()
    files = sorted(files, key=lambda f: (names.get(f.stem, f.stem), f.stem))
    return [ReportEntry(href=f"{subdir}/{f.name}", title=names.get(f.stem, f.stem))
            for f in files]


def render_index(reports: list[ReportEntry], *, data_stamp: PageStamp | str | None,
                 profiles: list[ReportEntry] = ()) -> str:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())),
                             autoescape=True, keep_trailing_newline=True)
    instrument = load_instrument()
    return env.get_template("index.html.j2").render(
        title=f"{instrument.title}: rapporten",
        intro=("Analyse van de PMG-vragenlijst '" + instrument.title + "' (Platform31 / "
               "Platform Middelgrote Gemeenten). Elk rapport opent ook zonder internetverbinding."),
        stamp=PageStamp.of(data_stamp) or PageStamp(line=f"Gegevens: {UNKNOWN_STAMP}."),
        reports=list(reports), profiles=list(profiles), css=house_css(),
    )


def write_index(reports: list[ReportEntry], reports_dir: Path, *,
                data_stamp: PageStamp | str | None,
                profiles_subdir: str = "gemeenten") -> Path:
    """Write ``reports_dir/index.html`` and return its path."""
    path = catalog.REPORT_INDEX.path(reports_dir)
    html = render_index(reports, data_stamp=data_stamp,
                        profiles=municipality_profiles(reports_dir, profiles_subdir))
    path.write_bytes(html.encode("utf-8"))
    return path

"""Wiring of the steps, one way: read -> clean -> write processed tables.

The CLI and ``make report`` call these functions; notebooks read the processed tables through
:func:`load_processed`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis import catalog, regions
from pmg_analysis.clean import CleanResult, clean_export
from pmg_analysis.clean.manifest import Manifest, Positions
from pmg_analysis.clean.outputs import write_csv, write_parquet, write_xlsx
from pmg_analysis.errors import InputError
from pmg_analysis.instrument import Instrument, instrument_version, load_instrument_version
from pmg_analysis.io import read_export
from pmg_analysis.parallel import in_parallel
from pmg_analysis.paths import EXAMPLE_EXPORT, NOTEBOOKS, PROCESSED, REPORTS
from pmg_analysis.settings import Settings

if TYPE_CHECKING:
    from pmg_analysis.report import ReportConfig

EXCEL_MAX_ROWS = 1_048_575  # Excel's sheet limit minus the header row

TABLES = tuple(d.name for d in catalog.CLEAN_TABLES)


@dataclass(frozen=True)
class Paths:
    """The files of one clean run in ``out_dir`` (names from :mod:`pmg_analysis.catalog`)."""

    out_dir: Path = PROCESSED

    def table(self, name: str) -> Path:
        return catalog.DATASETS[name].path(self.out_dir)

    @property
    def quarantine(self) -> Path:
        return catalog.QUARANTINE.path(self.out_dir)

    @property
    def manifest(self) -> Path:
        return catalog.MANIFEST.path(self.out_dir)

    @property
    def workbook(self) -> Path:
        return catalog.CLEAN_WORKBOOK.path(self.out_dir)


def write_clean_outputs(result: CleanResult, out_dir: Path = PROCESSED) -> list[Path]:
    """Write the processed tables of one clean run; returns the files written."""
    paths = Paths(Path(out_dir))
    paths.out_dir.mkdir(parents=True, exist_ok=True)
    tables = {"responses": result.responses, "answers": result.answers, "texts": result.texts,
              "problems": result.problems}
    # Parquet encoding releases the GIL: the tables are written two at a time (same files,
    # same order, whatever finishes first)
    written = in_parallel([lambda name=name, frame=frame: write_parquet(frame, paths.table(name))
                           for name, frame in tables.items()])
    written.append(write_csv(result.quarantine, paths.quarantine))
    too_big = max(len(f) for f in tables.values()) > EXCEL_MAX_ROWS
    manifest = replace(result.manifest, excel=(
        "niet geschreven: meer rijen dan een Excel-werkblad aankan" if too_big
        else paths.workbook.name))
    if not too_big:
        written.append(write_xlsx({**tables, "quarantine": result.quarantine},
                                  paths.workbook))
    written.append(manifest.write(paths.manifest))
    return written


def add_regions(result: CleanResult, out_dir: Path = PROCESSED, *,
                config: regions.RegionsConfig = regions.RegionsConfig()) -> CleanResult:
    """Give every response its CBS-derived position (``positie_cbs``; NA without CBS data) and
    record in the manifest where the positions come from, in one plain Dutch sentence."""
    from pmg_analysis.rounds.municipalities import (
        derived_positions_sentence,
        position_predecessors,
    )

    source = regions.resolve_source()
    tables = regions.load_tables(source.directory, cache_dir=out_dir, config=config) \
        if source.available else None
    gemeenten = tables.gemeenten if tables else None
    responses = result.responses
    # a municipality formed after 2017 has no CBS 2017 row: it takes its predecessor's position
    derived = position_predecessors(responses["gemeente_code"], gemeenten) \
        if gemeenten is not None else {}
    if derived:
        codes = responses["gemeente_code"].astype("string")
        looked_up = regions.add_positie_cbs(
            responses.assign(gemeente_code=codes.replace(derived)), gemeenten)
        result.responses = responses.assign(positie_cbs=looked_up["positie_cbs"])
    else:
        result.responses = regions.add_positie_cbs(responses, gemeenten)
    names = {} if not derived else dict(
        zip(responses["gemeente_code"].astype(str), responses["gemeente_naam"].astype(str),
            strict=True)) | dict(zip(gemeenten["gemeente_code"].astype(str),
                                     gemeenten["gemeente_naam"].astype(str), strict=True))
    sentence = " ".join(s for s in (regions.positie_bron_zin(tables is not None),
                                    derived_positions_sentence(derived, names)) if s)
    result.manifest = replace(result.manifest, positions=Positions(
        cbs_available=tables is not None, sentence=sentence))
    return result


def data_stamp(manifest: Manifest, responses: pd.DataFrame) -> str:
    """One Dutch line that identifies the data a report was made from (no wall-clock time)."""
    n = manifest.counts
    last = responses["submitted_at"].max()
    when = f", laatste inzending {last:%d-%m-%Y}" if pd.notna(last) else ""
    return (f"{manifest.source.file} (sha256 {manifest.source.sha256[:12]}), "
            f"{n.clean} van {n.rows_in} inzendingen meegeteld{when}")


def run_clean(input_path: str | Path, out_dir: str | Path = PROCESSED, *,
              format: str | None = None, mapping_file: str | Path | None = None,
              settings: Settings = Settings(), instrument: Instrument | None = None,
              step: Callable[[str], None] | None = None,
              say: Callable[[str], None] | None = None,
              before_regions: Callable[[], None] | None = None) -> CleanResult:
    """Read an export, clean it, add the positions in the region and write the processed
    tables. ``step`` reports progress; ``say`` gets the Dutch line when the tables of another
    export in ``out_dir`` are replaced; ``before_regions`` runs once the export has been read
    and cleaned (e.g. fetching missing CBS data). ``settings`` are the settings in force
    (:func:`pmg_analysis.settings.read_settings`); the manifest records them. A wrong input
    raises before anything is written."""
    step = step or (lambda _msg: None)
    out_dir = Path(out_dir)
    step("inlezen")
    export = read_export(Path(input_path), format)
    step("koppelen en opschonen")
    cleaned = clean_export(export, instrument, mapping_file=mapping_file, config=settings.clean)
    if before_regions:
        before_regions()
    result = add_regions(cleaned, out_dir, config=settings.regions)
    result.manifest = replace(result.manifest,
                              data_date=data_stamp(result.manifest, result.responses),
                              settings=settings.in_force())
    step("wegschrijven")
    note = replaced_tables_note(out_dir, result.manifest)
    if note and say:
        say(note)
    write_clean_outputs(result, out_dir)
    return result


def replaced_tables_note(out_dir: Path, manifest: Manifest) -> str | None:
    """The Dutch line saying whose processed tables in ``out_dir`` a new run replaces (None
    when there are none, or when they come from the same file)."""
    from pmg_analysis.quality import replaced_tables_sentence

    path = Paths(Path(out_dir)).manifest
    try:
        previous = json.loads(path.read_text("utf-8")).get("bron", {}) if path.is_file() \
            else None
    except (OSError, ValueError, AttributeError):
        previous = {}
    return replaced_tables_sentence(previous, manifest.source.file, manifest.source.sha256,
                                    out_dir)


def run_report(input_path: str | Path = EXAMPLE_EXPORT, *, format: str | None = None,
               mapping_file: str | Path | None = None, out_dir: Path = PROCESSED,
               reports_dir: Path = REPORTS, notebooks_dir: Path = NOTEBOOKS,
               settings: Settings = Settings(),
               say: Callable[[str], None] | None = None,
               before_regions: Callable[[], None] | None = None,
               previous: str | Path | None = None, version: str | None = None,
               previous_version: str | None = None) -> list[Path]:
    """The whole chain on one export (default: the bundled synthetic example): clean into
    ``out_dir``, then every notebook's page and a page per responding municipality into
    ``reports_dir``. A wrong input stops before any table or report is written. ``settings``
    go to every step and, as the papermill parameter ``instellingen`` (beside ``verwerkt``,
    the folder of the processed tables), to every notebook.

    ``previous``: the export of the previous round (``--vorige``): it is cleaned too (into
    ``out_dir/vorige``), compared with this round (:func:`run_comparison`) and the report
    ``06_ontwikkeling`` is added; without it nothing of the comparison is built or kept.
    ``version`` / ``previous_version``: the questionnaire year of each export (default 2017;
    e.g. "2019" for the revised questionnaire of the synthetic second round).
    """
    config = settings.report
    instrument = _instrument(version) if version else None
    previous_export = None
    if previous is not None:  # read and check both exports before anything is written
        previous_export = _read_previous(previous, format, previous_version)
        current = clean_export(read_export(Path(input_path), format), instrument,
                               mapping_file=mapping_file, config=settings.clean)
        _check_pair(previous_export, current)
    with instrument_version(version):  # every report of this round reads its questionnaire
        return _report_round(input_path, format=format, mapping_file=mapping_file,
                             out_dir=out_dir, reports_dir=reports_dir,
                             notebooks_dir=notebooks_dir, say=say,
                             before_regions=before_regions, instrument=instrument,
                             previous_export=previous_export, version=version,
                             previous_version=previous_version, config=config,
                             settings=settings)


def _report_round(input_path: str | Path, *, format: str | None,
                  mapping_file: str | Path | None, out_dir: Path, reports_dir: Path,
                  notebooks_dir: Path, say: Callable[[str], None] | None,
                  before_regions: Callable[[], None] | None, instrument: Instrument | None,
                  previous_export: CleanResult | None, version: str | None,
                  previous_version: str | None, config: ReportConfig,
                  settings: Settings) -> list[Path]:
    """:func:`run_report` after the checks: clean, analyse, compare, build."""
    from pmg_analysis.report import build_reports
    from pmg_analysis.report.index import page_stamp
    from pmg_analysis.rounds.store import clear_comparison

    result = run_clean(input_path, out_dir, format=format, mapping_file=mapping_file, say=say,
                       settings=settings, before_regions=before_regions, instrument=instrument)
    write_analysis(result_tables(result), out_dir, source_sha256=result.manifest.source.sha256,
                   settings=settings)
    positions = result.manifest.positions
    skip = config.skip + (() if positions.cbs_available else config.needs_cbs)
    if previous_export is None:
        clear_comparison(out_dir)
        skip += (COMPARISON_NOTEBOOK,)
    else:
        run_comparison(previous_export, result, out_dir, previous_version=previous_version,
                       version=version, settings=settings)
    notebooks = [p.stem for p in sorted(Path(notebooks_dir).glob("*.ipynb"))
                 if p.stem not in skip]
    has_profile = (Path(notebooks_dir) / f"{config.profile_notebook}.ipynb").is_file()
    profiles = (sorted(result.responses["gemeente_code"].dropna().astype(str).unique())
                if has_profile else [])
    parameters = {"verwerkt": str(Path(out_dir).resolve()),
                  "instellingen": settings.overrides(), "vragenlijst": version}
    return build_reports(notebooks, notebooks_dir=notebooks_dir, reports_dir=reports_dir,
                         data_stamp=page_stamp(result.manifest,
                                               result.responses["submitted_at"].max()),
                         profiles=profiles,
                         processed_dir=out_dir, parameters=parameters, config=config)


COMPARISON_NOTEBOOK = "06_ontwikkeling"


def _instrument(version: str) -> Instrument:
    """A packaged questionnaire version, or a Dutch error naming the versions there are."""
    try:
        return load_instrument_version(version)
    except KeyError:
        raise InputError(f"er is geen vragenlijst van {version}; kies 2017 (standaard) of "
                         "2019.") from None


def _read_previous(path: str | Path, format: str | None, version: str | None) -> CleanResult:
    """Read and clean the previous round's export (nothing written yet)."""
    instrument = _instrument(version) if version else None
    return clean_export(read_export(Path(path), format), instrument)


def _check_pair(previous: CleanResult, current: CleanResult) -> tuple:
    """The two rounds' RoundInfo, after :func:`pmg_analysis.rounds.check_rounds` (same file
    twice, wrong order: an InputError in one Dutch sentence)."""
    from pmg_analysis import rounds

    old = rounds.RoundInfo.of(previous.manifest.source.file, previous.manifest.source.sha256,
                              previous.responses)
    new = rounds.RoundInfo.of(current.manifest.source.file, current.manifest.source.sha256,
                              current.responses)
    rounds.check_rounds(old, new)
    return old, new


def run_comparison(previous: CleanResult, result: CleanResult, out_dir: str | Path, *,
                   previous_version: str | None = None,
                   version: str | None = None, settings: Settings = Settings()) -> list[Path]:
    """Compare the previous round with this one and store the comparison for report 06.

    Checks first (same file twice, rounds in the wrong order: one Dutch sentence, exit 2), then
    adds the positions in the region to the previous round (per round), writes its processed
    tables to ``out_dir/vorige``, and writes the comparison (:mod:`pmg_analysis.rounds.store`).
    """
    from pmg_analysis import rounds
    from pmg_analysis.rounds.store import PREVIOUS_SUBDIR, write_comparison

    out_dir = Path(out_dir)
    old_info, new_info = _check_pair(previous, result)
    previous = add_regions(previous, out_dir, config=settings.regions)
    written = write_clean_outputs(previous, out_dir / PREVIOUS_SUBDIR)
    old = {"responses": previous.responses, "answers": previous.answers,
           "texts": previous.texts}
    new = {"responses": result.responses, "answers": result.answers, "texts": result.texts}
    comparison = rounds.compare_rounds(
        old, new, old_instrument=_instrument(previous_version or "2017"),
        new_instrument=_instrument(version or "2017"))
    mapped = rounds.compare.comparison_mapped(previous.responses, result.responses)
    extra = rounds.needs_and_ranks(old, new, mapped_old_responses=mapped, cache_dir=out_dir)
    meta = {"vorige": old_info.name, "nieuwe": new_info.name, "vorige_sha256": old_info.sha256,
            "nieuwe_sha256": new_info.sha256, "bron": "de opgegeven exports"}
    return written + write_comparison(comparison, extra, out_dir, meta=meta)


def result_tables(result: CleanResult) -> dict[str, pd.DataFrame]:
    """The processed tables of a clean run in memory, as :func:`load_processed` reads them back
    (the analysis takes them from here instead of reading the files just written)."""
    return {"responses": result.responses, "answers": result.answers, "texts": result.texts,
            "problems": result.problems, "quarantine": result.quarantine}


def write_analysis(tables: Mapping[str, pd.DataFrame], out_dir: Path, *, source_sha256: str,
                   settings: Settings | None = None) -> list[Path]:
    """Run every analysis step once on the processed ``tables`` (responses, answers, texts; from
    :func:`result_tables` right after a clean run, or :func:`load_processed`) with ``settings``
    (None: the defaults) and write the results (:mod:`pmg_analysis.results`) and
    ``werkprogramma.xlsx`` from them into ``out_dir``, beside the processed tables."""
    from pmg_analysis.prioritise.export import WORKBOOK, write_programme_xlsx
    from pmg_analysis.results import compute_results, write_results

    results = compute_results(dict(tables), cache_dir=out_dir, settings=settings)
    written = write_results(results, out_dir, source_sha256=source_sha256, settings=settings)
    written.append(write_programme_xlsx(results.plan.programma, results.plan.leerkringen,
                                        Path(out_dir) / WORKBOOK,
                                        (settings or Settings()).prioritise,
                                        members=results.plan.gemeenten))
    return written


def report_stamp(manifest: Manifest) -> str:
    """The data stamp on every report page: file, hash, counts in/out, date of the data,
    where the positions in the region come from, in one plain sentence, and the settings
    ("standaardinstellingen" or what was changed)."""
    sentence = f" {manifest.positions.sentence}" if manifest.positions else ""
    settings = f" {manifest.settings.sentence}" if manifest.settings else ""
    return f"{manifest.data_date}.{sentence}{settings}"


def load_manifest(out_dir: str | Path | None = PROCESSED) -> Manifest:
    """The manifest of the last clean run (counts, source, column mapping, positions,
    settings) in ``out_dir`` (None: the default folder, as a notebook's ``verwerkt``)."""
    path = Paths(Path(out_dir or PROCESSED)).manifest
    if not path.exists():
        raise InputError("er zijn nog geen verwerkte gegevens; draai eerst 'make report'.",
                         path=path)
    return Manifest.read(path)


def load_processed(out_dir: str | Path | None = PROCESSED) -> dict[str, pd.DataFrame]:
    """The processed tables, for notebooks: responses, answers, texts, problems, quarantine,
    from ``out_dir`` (None: the default folder, as a notebook's ``verwerkt``)."""
    paths = Paths(Path(out_dir or PROCESSED))
    if not paths.manifest.exists():
        raise InputError("er zijn nog geen verwerkte gegevens; draai eerst 'make report' of "
                         "'pmg-analysis clean <export>'.", path=paths.out_dir)
    tables = {name: pd.read_parquet(paths.table(name)) for name in TABLES}
    tables["quarantine"] = pd.read_csv(paths.quarantine, dtype={"rij": "Int32",
                                                                "vervangen_door_rij": "Int32"})
    return tables

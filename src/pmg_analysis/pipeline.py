"""Wiring of the steps, one way: read -> clean -> write processed tables -> analyse -> reports.

The CLI and ``make report`` call these functions with one :class:`~pmg_analysis.context.RunContext`
(settings, folders, questionnaire version, previous round), which every step gets; notebooks
read the processed tables through :func:`load_processed` (from :mod:`pmg_analysis.processed`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis import catalog, regions
from pmg_analysis.clean import CleanResult, clean_export
from pmg_analysis.clean.manifest import Manifest, Positions
from pmg_analysis.context import RunContext
from pmg_analysis.errors import InputError
from pmg_analysis.instrument import Instrument, instrument_version, load_instrument_version
from pmg_analysis.io import read_export
from pmg_analysis.paths import PROCESSED
from pmg_analysis.processed import (
    EXCEL_MAX_ROWS,
    TABLES,
    Paths,
    load_manifest,
    load_processed,
    result_tables,
    write_clean_outputs,
)
from pmg_analysis.settings import Settings

if TYPE_CHECKING:
    from pmg_analysis.io.export import Export

__all__ = ["EXCEL_MAX_ROWS", "TABLES", "Paths", "RunContext", "add_regions", "data_stamp",
           "load_manifest", "load_processed", "replaced_tables_note", "report_stamp",
           "result_tables", "run_clean", "run_comparison", "run_report", "write_analysis",
           "write_clean_outputs"]

EXAMPLE_EXPORT = catalog.EXAMPLE_EXPORT.path()


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
              before_regions: Callable[[], None] | None = None,
              header_row: int | None = None) -> CleanResult:
    """Read an export, clean it, add the positions in the region and write the processed
    tables. ``step`` reports progress; ``say`` gets the Dutch line when the tables of another
    export in ``out_dir`` are replaced; ``before_regions`` runs once the export has been read
    and cleaned (e.g. fetching missing CBS data). ``settings`` are the settings in force
    (:func:`pmg_analysis.settings.read_settings`); the manifest records them. A wrong input
    raises before anything is written."""
    step = step or (lambda _msg: None)
    out_dir = Path(out_dir)
    step("inlezen")
    export = read_export(Path(input_path), format, header_row=header_row)
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


def run_report(input_path: str | Path = EXAMPLE_EXPORT, run: RunContext = RunContext(), *,
               format: str | None = None, mapping_file: str | Path | None = None,
               say: Callable[[str], None] | None = None,
               before_regions: Callable[[], None] | None = None,
               header_row: int | None = None) -> list[Path]:
    """The whole chain on one export (default: the bundled synthetic example) for the run
    ``run``: clean into ``run.processed``, analyse, then every notebook's page and a page per
    responding municipality into ``run.reports``. A wrong input stops before any table or
    report is written. The run's settings go to every step (both rounds' cleaning, the analysis,
    the comparison) and, with the folder and questionnaire year, to every notebook as its
    papermill parameters (:meth:`RunContext.parameters`).

    ``run.previous``: the export of the previous round (``--vorige``): it is cleaned too (into
    ``run.previous_dir``), compared with this round (:func:`run_comparison`) and the report
    ``06_ontwikkeling`` is added; without it nothing of the comparison is built or kept.
    ``run.version`` / ``run.previous_version``: the questionnaire year of each export (default
    2017; e.g. "2019" for the revised questionnaire of the synthetic second round).
    ``header_row``: the row of this export's header (``--kopregel``; default: found).
    """
    previous_export = None
    if run.previous is not None:  # read and check both exports before anything is written
        raw = read_export(Path(input_path), format, header_row=header_row)
        run = replace(run, version=_round_version(raw, run.version, "--vragenlijst"))
        previous_export, previous_version = _read_previous(run, format)
        run = replace(run, previous_version=previous_version)
        current = clean_export(raw, _instrument(run.version) if run.version else None,
                               mapping_file=mapping_file, config=run.settings.clean)
        _check_pair(previous_export, current)
    instrument = _instrument(run.version) if run.version else None
    with instrument_version(run.version):  # every report of this round reads its questionnaire
        return _report_round(input_path, run, format=format, mapping_file=mapping_file,
                             say=say, before_regions=before_regions, instrument=instrument,
                             previous_export=previous_export, header_row=header_row)


def _report_round(input_path: str | Path, run: RunContext, *, format: str | None,
                  mapping_file: str | Path | None, say: Callable[[str], None] | None,
                  before_regions: Callable[[], None] | None, instrument: Instrument | None,
                  previous_export: CleanResult | None, header_row: int | None = None
                  ) -> list[Path]:
    """:func:`run_report` after the checks: clean, analyse, compare, build."""
    from pmg_analysis.report import build_reports
    from pmg_analysis.report.index import page_stamp
    from pmg_analysis.rounds.store import clear_comparison

    config = run.settings.report
    result = run_clean(input_path, run.processed, format=format, mapping_file=mapping_file,
                       say=say, settings=run.settings, before_regions=before_regions,
                       instrument=instrument, header_row=header_row)
    write_analysis(result_tables(result), run, source_sha256=result.manifest.source.sha256)
    positions = result.manifest.positions
    skip = config.skip + (() if positions.cbs_available else config.needs_cbs)
    if previous_export is None:
        clear_comparison(run.processed)
        skip += (COMPARISON_NOTEBOOK,)
    else:
        run_comparison(previous_export, result, run)
    notebooks = [p.stem for p in sorted(Path(run.notebooks).glob("*.ipynb"))
                 if p.stem not in skip]
    has_profile = (Path(run.notebooks) / f"{config.profile_notebook}.ipynb").is_file()
    profiles = (sorted(result.responses["gemeente_code"].dropna().astype(str).unique())
                if has_profile else [])
    return build_reports(notebooks, notebooks_dir=run.notebooks, reports_dir=run.reports,
                         data_stamp=page_stamp(result.manifest,
                                               result.responses["submitted_at"].max()),
                         profiles=profiles, processed_dir=run.processed,
                         parameters=run.parameters(), config=config)


COMPARISON_NOTEBOOK = "06_ontwikkeling"


def _instrument(version: str) -> Instrument:
    """A packaged questionnaire version, or a Dutch error naming the versions there are."""
    try:
        return load_instrument_version(version)
    except KeyError:
        raise InputError(f"er is geen vragenlijst van {version}; kies 2017 (standaard) of "
                         "2019.") from None


def _round_version(export: Export, given: str | None, option: str) -> str:
    """The questionnaire year of one round of a comparison: recognised from the export's
    columns (:func:`pmg_analysis.rounds.instruments.detect_version`), or an InputError in one
    Dutch line naming ``option`` when the export does not say or contradicts ``given``."""
    from pmg_analysis.rounds.instruments import detect_version, version_refusal

    match = detect_version(export)
    refusal = version_refusal(match, export.path.name, given, option)
    if refusal:
        raise InputError(refusal)
    return str(given or match.year)


def _read_previous(run: RunContext, format: str | None) -> tuple[CleanResult, str]:
    """Read and clean the previous round's export with the run's settings (its pseudonym key
    too; nothing written yet), with the year of its questionnaire (given, or recognised from
    its columns)."""
    export = read_export(Path(run.previous), format)
    version = _round_version(export, run.previous_version, "--vragenlijst-vorige")
    return clean_export(export, _instrument(version), config=run.settings.clean), version


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


def run_comparison(previous: CleanResult, result: CleanResult, run: RunContext) -> list[Path]:
    """Compare the previous round with this one and store the comparison for report 06.

    Checks first (same file twice, rounds in the wrong order: one Dutch sentence, exit 2), then
    adds the positions in the region to the previous round (per round, with the run's regions
    settings), writes its processed tables to ``run.previous_dir``, and writes the comparison
    (:mod:`pmg_analysis.rounds.store`): theme figures, learning needs and programme of both
    rounds with the run's settings.
    """
    from pmg_analysis import rounds
    from pmg_analysis.rounds.store import write_comparison

    out_dir = Path(run.processed)
    settings = run.settings
    old_info, new_info = _check_pair(previous, result)
    previous = add_regions(previous, out_dir, config=settings.regions)
    previous.manifest = replace(previous.manifest,
                                data_date=data_stamp(previous.manifest, previous.responses),
                                settings=settings.in_force())
    written = write_clean_outputs(previous, run.previous_dir)
    old = {"responses": previous.responses, "answers": previous.answers,
           "texts": previous.texts}
    new = {"responses": result.responses, "answers": result.answers, "texts": result.texts}
    comparison = rounds.compare_rounds(
        old, new, old_instrument=_instrument(run.previous_version or "2017"),
        new_instrument=_instrument(run.version or "2017"),
        config=rounds.RoundsConfig(theme=settings.themes))
    mapped = rounds.compare.comparison_mapped(previous.responses, result.responses)
    extra = rounds.needs_and_ranks(old, new, mapped_old_responses=mapped, cache_dir=out_dir,
                                   need_config=settings.learning_needs,
                                   priority_config=settings.prioritise,
                                   theme_config=settings.themes)
    meta = {"vorige": old_info.name, "nieuwe": new_info.name, "vorige_sha256": old_info.sha256,
            "nieuwe_sha256": new_info.sha256, "bron": "de opgegeven exports",
            "vragenlijst_vorige": run.previous_version or "2017",
            "vragenlijst_nieuwe": run.version or "2017"}
    return written + write_comparison(comparison, extra, out_dir, meta=meta)


def write_analysis(tables: Mapping[str, pd.DataFrame], run: RunContext, *,
                   source_sha256: str) -> list[Path]:
    """Run every analysis step once on the processed ``tables`` (responses, answers, texts; from
    :func:`result_tables` right after a clean run, or :func:`load_processed`) with the run's
    settings and write the results (:mod:`pmg_analysis.results`) and ``werkprogramma.xlsx``
    from them into ``run.processed``, beside the processed tables."""
    from pmg_analysis.prioritise.export import WORKBOOK, write_programme_xlsx
    from pmg_analysis.results import compute_results, write_results

    results = compute_results(dict(tables), cache_dir=run.processed, settings=run.settings)
    written = write_results(results, run, source_sha256=source_sha256)
    plan = results.plan
    written.append(write_programme_xlsx(plan.programma, plan.leerkringen,
                                        Path(run.processed) / WORKBOOK, run.settings.prioritise,
                                        members=plan.gemeenten,
                                        sensitivity=plan.gevoeligheid))
    return written


def report_stamp(manifest: Manifest) -> str:
    """The data stamp on every report page: file, hash, counts in/out, date of the data,
    where the positions in the region come from, in one plain sentence, and the settings
    ("standaardinstellingen" or what was changed)."""
    sentence = f" {manifest.positions.sentence}" if manifest.positions else ""
    settings = f" {manifest.settings.sentence}" if manifest.settings else ""
    return f"{manifest.data_date}.{sentence}{settings}"

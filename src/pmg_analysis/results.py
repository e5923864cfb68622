"""Compute once, read everywhere: the analysis results as tidy tables beside the processed data.

``make report`` runs every analysis step once — the coded texts, the learning needs, the theme
scores (overall, per position, per respondent), the tests per position, the work programme with
its sensitivity and the leerkringen — and writes each result as a Parquet table in
``data/processed/`` (names in :data:`RESULT_TABLES`), with ``resultaten.json`` naming the export
(SHA-256) they belong to. Notebooks, the municipality pages and ``werkprogramma.xlsx`` read
those tables through :func:`load_results`, so they can never disagree, and a near tie can only
fall one way. When the tables are missing or belong to another export (a fresh clone after
``make processed``), :func:`load_results` computes them in memory without writing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.paths import PROCESSED

if TYPE_CHECKING:
    from pmg_analysis.settings import Settings

# result name -> its data set in the catalog (file resultaat_<name>.parquet)
RESULT_TABLES = {name: dataset.file for name, dataset in catalog.RESULTS.items()}
STAMP = catalog.RESULTS_STAMP.file


@dataclass(frozen=True)
class Results:
    """Every analysis result of one export, computed once."""

    coded: pd.DataFrame  # text.code_texts(texts)
    needs: object  # text.LearningNeeds
    theme_scores: pd.DataFrame  # themes.theme_scores(..., coded_texts=coded)
    theme_scores_positie: pd.DataFrame  # ... by="positie"
    theme_scores_respondent: pd.DataFrame  # ... unit="respondent"
    gemeente_scores: pd.DataFrame  # themes.gemeente_scores
    group_tests: pd.DataFrame  # themes.group_tests(..., coded_texts=coded)
    plan: object  # prioritise.WorkProgramme (without its inputs)


def compute_results(tables: dict[str, pd.DataFrame], *, cache_dir: Path | None = PROCESSED,
                    settings: Settings | None = None) -> Results:
    """Run every analysis step once on the processed ``tables`` (responses, answers, texts)
    with ``settings`` (None: the defaults).

    Examples
    --------
    >>> from pmg_analysis.pipeline import load_processed  # doctest: +SKIP
    >>> results = compute_results(load_processed())  # doctest: +SKIP
    >>> results.needs.needs.head()  # doctest: +SKIP
    """
    from pmg_analysis import prioritise, text, themes
    from pmg_analysis.settings import Settings

    s = settings or Settings()
    responses, answers, texts = tables["responses"], tables["answers"], tables["texts"]
    coded = text.code_texts(texts, config=s.text, cache_dir=cache_dir)
    needs = text.learning_needs(texts, responses, config=s.learning_needs, cache_dir=cache_dir)
    plan = prioritise.plan(answers, responses, needs, config=s.prioritise, themes=s.themes)
    return Results(
        coded=coded, needs=needs,
        theme_scores=themes.theme_scores(answers, responses, coded_texts=coded, config=s.themes),
        theme_scores_positie=themes.theme_scores(answers, responses, by="positie",
                                                 config=s.themes),
        theme_scores_respondent=themes.theme_scores(answers, responses, unit="respondent",
                                                    config=s.themes),
        gemeente_scores=themes.gemeente_scores(answers, responses, config=s.themes),
        group_tests=themes.group_tests(answers, responses, coded_texts=coded, config=s.themes),
        plan=prioritise.WorkProgramme(programma=plan.programma, leerkringen=plan.leerkringen,
                                      gevoeligheid=plan.gevoeligheid, inputs=None,
                                      gemeenten=plan.gemeenten),
    )


def _frames(results: Results) -> dict[str, pd.DataFrame]:
    n, p = results.needs, results.plan
    return {"gecodeerd": results.coded, "behoeften": n.needs, "behoeften_vragen": n.members,
            "behoeften_citaten": n.quotes, "behoeften_context": n.context,
            "thema_scores": results.theme_scores,
            "thema_scores_positie": results.theme_scores_positie,
            "thema_scores_respondent": results.theme_scores_respondent,
            "gemeente_scores": results.gemeente_scores, "toetsen": results.group_tests,
            "programma": p.programma, "gevoeligheid": p.gevoeligheid,
            "leerkringen": p.leerkringen.groepen, "leerkringen_leden": p.leerkringen.leden,
            "leerkringen_zonder": p.leerkringen.zonder_groep,
            "leerkringen_buiten": p.leerkringen.buiten, "programma_gemeenten": p.gemeenten}


def _stamp(source_sha256: str, settings: Settings | None) -> dict:
    return {"bron_sha256": source_sha256,
            "instellingen": settings.overrides() if settings is not None else {}}


def write_results(results: Results, out_dir: Path, *, source_sha256: str,
                  settings: Settings | None = None) -> list[Path]:
    """Write every result table and ``resultaten.json`` (the export and settings they belong
    to)."""
    from pmg_analysis.clean.outputs import write_parquet

    out_dir = Path(out_dir)
    written = [write_parquet(frame.reset_index(drop=True), out_dir / RESULT_TABLES[name])
               for name, frame in _frames(results).items()]
    stamp = out_dir / STAMP
    stamp.write_text(json.dumps(_stamp(source_sha256, settings), indent=2, sort_keys=True)
                     + "\n", "utf-8")
    return [*written, stamp]


def _read(out_dir: Path) -> Results:
    from pmg_analysis.prioritise import WorkProgramme
    from pmg_analysis.prioritise.leerkringen import Leerkringen
    from pmg_analysis.text import LearningNeeds

    f = {name: pd.read_parquet(out_dir / file) for name, file in RESULT_TABLES.items()}
    return Results(
        coded=f["gecodeerd"],
        needs=LearningNeeds(f["behoeften"], f["behoeften_vragen"], f["behoeften_citaten"],
                            f["behoeften_context"]),
        theme_scores=f["thema_scores"], theme_scores_positie=f["thema_scores_positie"],
        theme_scores_respondent=f["thema_scores_respondent"],
        gemeente_scores=f["gemeente_scores"], group_tests=f["toetsen"],
        plan=WorkProgramme(programma=f["programma"],
                           leerkringen=Leerkringen(groepen=f["leerkringen"],
                                                   leden=f["leerkringen_leden"],
                                                   zonder_groep=f["leerkringen_zonder"],
                                                   buiten=f["leerkringen_buiten"]),
                           gevoeligheid=f["gevoeligheid"], inputs=None,
                           gemeenten=f["programma_gemeenten"]))


def stored_for(out_dir: Path, source_sha256: str, settings: Settings | None = None) -> bool:
    """True when ``out_dir`` holds every result table of the export with this SHA-256, computed
    with these settings."""
    out_dir = Path(out_dir)
    stamp = out_dir / STAMP
    if not stamp.is_file() or not all((out_dir / f).is_file() for f in RESULT_TABLES.values()):
        return False
    try:
        return json.loads(stamp.read_text("utf-8")) == _stamp(source_sha256, settings)
    except ValueError:
        return False


def load_results(out_dir: str | Path | None = PROCESSED, *,
                 settings: Settings | None = None,
                 tables: Mapping[str, pd.DataFrame] | None = None) -> Results:
    """The results of the processed data in ``out_dir`` (None: the default folder, as a
    notebook's ``verwerkt``) with ``settings``: read when ``make report`` stored them for this
    export and these settings, else computed in memory (nothing written) from ``tables``, the
    processed tables of ``out_dir`` when the caller has loaded them already (None: read here).

    Examples
    --------
    >>> results = load_results()  # doctest: +SKIP
    >>> results.plan.programma.head()  # doctest: +SKIP
    """
    from pmg_analysis.pipeline import load_manifest, load_processed

    out_dir = Path(out_dir or PROCESSED)
    manifest = load_manifest(out_dir)
    if stored_for(out_dir, manifest.source.sha256, settings):
        return _read(out_dir)
    if tables is None:
        tables = load_processed(out_dir)
    return compute_results(dict(tables), cache_dir=out_dir, settings=settings)

"""Compute once, read everywhere: the analysis results as tidy tables beside the processed data.

``make report`` runs every analysis step once — the coded texts, the learning needs, the theme
scores (overall, per position, per respondent), the tests per position, the work programme with
its sensitivity and the leerkringen — and writes each result as a Parquet table in
``data/processed/``, with ``resultaten.json`` naming the export (SHA-256) and the settings they
belong to. Notebooks, the municipality pages and ``werkprogramma.xlsx`` read those tables
through :func:`load_results`, so they can never disagree, and a near tie can only fall one way.
When the tables are missing or belong to another export or other settings (a fresh clone after
``make processed``), :func:`load_results` computes them in memory without writing.

Every result table is keyed by its name in :data:`pmg_analysis.catalog.RESULTS` and written and
read in one loop: a new result table is its declaration there plus one entry in
:func:`compute_results` (:class:`Results` refuses a declared table that is not computed, or the
other way round).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.context import RunContext
from pmg_analysis.paths import PROCESSED
from pmg_analysis.prioritise import Leerkringen, WorkProgramme
from pmg_analysis.processed import load_manifest, load_processed
from pmg_analysis.settings import Settings
from pmg_analysis.text import LearningNeeds


@dataclass(frozen=True)
class Results:
    """Every analysis result of one export, computed once: ``tables`` maps each name of
    :data:`pmg_analysis.catalog.RESULTS` to its table; the properties give them by meaning."""

    tables: Mapping[str, pd.DataFrame]

    def __post_init__(self) -> None:
        if set(self.tables) != set(catalog.RESULTS):
            missing = sorted(set(catalog.RESULTS) - set(self.tables))
            extra = sorted(set(self.tables) - set(catalog.RESULTS))
            raise ValueError(f"result tables not as declared in catalog.RESULTS: missing "
                             f"{missing}, undeclared {extra}")

    @property
    def coded(self) -> pd.DataFrame:
        """text.code_texts(texts): every open answer with its theme and opgave."""
        return self.tables["gecodeerd"]

    @property
    def needs(self) -> LearningNeeds:
        """text.learning_needs: the needs, their questions, quotes and context sentences."""
        t = self.tables
        return LearningNeeds(t["behoeften"], t["behoeften_vragen"], t["behoeften_citaten"],
                             t["behoeften_context"])

    @property
    def theme_scores(self) -> pd.DataFrame:
        """themes.theme_scores(..., coded_texts=coded)."""
        return self.tables["thema_scores"]

    @property
    def theme_scores_positie(self) -> pd.DataFrame:
        """themes.theme_scores(..., by="positie")."""
        return self.tables["thema_scores_positie"]

    @property
    def theme_scores_respondent(self) -> pd.DataFrame:
        """themes.theme_scores(..., unit="respondent")."""
        return self.tables["thema_scores_respondent"]

    @property
    def gemeente_scores(self) -> pd.DataFrame:
        """themes.gemeente_scores."""
        return self.tables["gemeente_scores"]

    @property
    def group_tests(self) -> pd.DataFrame:
        """themes.group_tests(..., coded_texts=coded)."""
        return self.tables["toetsen"]

    @property
    def plan(self) -> WorkProgramme:
        """prioritise.plan, without its inputs."""
        t = self.tables
        return WorkProgramme(programma=t["programma"],
                             leerkringen=Leerkringen(groepen=t["leerkringen"],
                                                     leden=t["leerkringen_leden"],
                                                     zonder_groep=t["leerkringen_zonder"],
                                                     buiten=t["leerkringen_buiten"]),
                             gevoeligheid=t["gevoeligheid"], inputs=None,
                             gemeenten=t["programma_gemeenten"])


def compute_results(tables: Mapping[str, pd.DataFrame], *, cache_dir: Path | None = PROCESSED,
                    settings: Settings | None = None) -> Results:
    """Run every analysis step once on the processed ``tables`` (responses, answers, texts)
    with ``settings`` (None: the defaults); ``cache_dir`` holds the text embeddings.

    Examples
    --------
    >>> results = compute_results(tables, cache_dir=None, settings=Settings(
    ...     text=TextConfig(use_embeddings=False),
    ...     learning_needs=NeedConfig(text=TextConfig(use_embeddings=False))))  # doctest: +SKIP
    >>> results.needs.needs.head()  # doctest: +SKIP
    """
    from pmg_analysis import prioritise, text, themes

    s = settings or Settings()
    responses, answers, texts = tables["responses"], tables["answers"], tables["texts"]
    coded = text.code_texts(texts, config=s.text, cache_dir=cache_dir)
    needs = text.learning_needs(texts, responses, config=s.learning_needs, cache_dir=cache_dir)
    plan = prioritise.plan(answers, responses, needs, config=s.prioritise, themes=s.themes)
    return Results({
        "gecodeerd": coded,
        "behoeften": needs.needs, "behoeften_vragen": needs.members,
        "behoeften_citaten": needs.quotes, "behoeften_context": needs.context,
        "thema_scores": themes.theme_scores(answers, responses, coded_texts=coded,
                                            config=s.themes),
        "thema_scores_positie": themes.theme_scores(answers, responses, by="positie",
                                                    config=s.themes),
        "thema_scores_respondent": themes.theme_scores(answers, responses, unit="respondent",
                                                       config=s.themes),
        "gemeente_scores": themes.gemeente_scores(answers, responses, config=s.themes),
        "toetsen": themes.group_tests(answers, responses, coded_texts=coded, config=s.themes),
        "programma": plan.programma, "gevoeligheid": plan.gevoeligheid,
        "leerkringen": plan.leerkringen.groepen, "leerkringen_leden": plan.leerkringen.leden,
        "leerkringen_zonder": plan.leerkringen.zonder_groep,
        "leerkringen_buiten": plan.leerkringen.buiten, "programma_gemeenten": plan.gemeenten,
    })


def _stamp(source_sha256: str, settings: Settings) -> dict:
    return {"bron_sha256": source_sha256, "instellingen": settings.overrides()}


def write_results(results: Results, run: RunContext, *, source_sha256: str) -> list[Path]:
    """Write every result table into ``run.processed`` and ``resultaten.json`` (the export and
    settings they belong to)."""
    from pmg_analysis.clean.outputs import write_parquet

    out_dir = Path(run.processed)
    written = [write_parquet(frame.reset_index(drop=True), catalog.RESULTS[name].path(out_dir))
               for name, frame in results.tables.items()]
    stamp = catalog.RESULTS_STAMP.path(out_dir)
    stamp.write_text(json.dumps(_stamp(source_sha256, run.settings), indent=2, sort_keys=True)
                     + "\n", "utf-8")
    return [*written, stamp]


def read_results(out_dir: Path) -> Results:
    """The result tables stored in ``out_dir`` (no check whose they are: :func:`stored_for`)."""
    return Results({name: pd.read_parquet(dataset.path(out_dir))
                    for name, dataset in catalog.RESULTS.items()})


def stored_for(run: RunContext, source_sha256: str) -> bool:
    """True when ``run.processed`` holds every result table of the export with this SHA-256,
    computed with the run's settings."""
    out_dir = Path(run.processed)
    stamp = catalog.RESULTS_STAMP.path(out_dir)
    if not stamp.is_file() or not all(d.path(out_dir).is_file()
                                      for d in catalog.RESULTS.values()):
        return False
    try:
        return json.loads(stamp.read_text("utf-8")) == _stamp(source_sha256, run.settings)
    except ValueError:
        return False


def load_results(run: RunContext, *,
                 tables: Mapping[str, pd.DataFrame] | None = None) -> Results:
    """The results of the processed data of ``run`` (its folder and settings): read when
    ``make report`` stored them for this export and these settings, else computed in memory
    (nothing written) from ``tables``, the processed tables of the run's folder when the caller
    has loaded them already (None: read here).

    Examples
    --------
    >>> results = load_results(RunContext())  # doctest: +SKIP
    >>> results.plan.programma.head()  # doctest: +SKIP
    """
    out_dir = Path(run.processed)
    if stored_for(run, load_manifest(out_dir).source.sha256):
        return read_results(out_dir)
    if tables is None:
        tables = load_processed(out_dir)
    return compute_results(dict(tables), cache_dir=out_dir, settings=run.settings)

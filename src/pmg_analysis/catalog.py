"""The catalog: every data set the chain reads or writes, declared once.

Each :class:`Dataset` has one name (the same on disk, in an Excel sheet and in code), the folder
it lives in (:mod:`pmg_analysis.paths` gives the default of each folder), its file name inside
that folder, its format and, where one exists, its pandera schema. No other module spells a
file name: it asks the catalog, e.g. ``catalog.RESPONSES.path(out_dir)``.

Examples
--------
>>> RESPONSES.path(Path("verwerkt"))
PosixPath('verwerkt/responses.parquet')
>>> REPORT_PAGE.path(Path("rapporten"), notebook="03_themas").name
'03_themas.html'
>>> sorted(d.name for d in DATASETS.values() if d.folder == "processed")[:4]
['answers', 'buren', 'gemeenten', 'gemeenten_cache']
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pmg_analysis import paths

Folder = Literal["raw", "cbs", "processed", "reports", "package", "package_text"]
Format = Literal["parquet", "csv", "xlsx", "json", "geojson", "html", "js", "yaml"]


@dataclass(frozen=True)
class Dataset:
    """One data set: ``name``, the ``file`` inside its ``folder`` (``{field}`` parts are
    filled in by :meth:`path`), its ``format``, its pandera ``schema`` as ``"module:function"``
    (None: no schema) and one line saying what it holds."""

    name: str
    file: str
    folder: Folder
    format: Format
    schema: str | None = None
    description: str = ""

    def path(self, folder: str | Path | None = None, **parts: str) -> Path:
        """The file in ``folder`` (None: the default folder from :mod:`pmg_analysis.paths`)."""
        return Path(folder if folder is not None else default_folder(self.folder)) / \
            self.file.format(**parts)

    def load_schema(self) -> Any:
        """The pandera schema (imported on first use), or None.

        >>> RESPONSES.load_schema().name, PROBLEMS.load_schema()
        ('responses', None)
        """
        import pandera.pandas as pa

        if self.schema is None:
            return None
        module, _, attr = self.schema.partition(":")
        found = getattr(importlib.import_module(module), attr)
        return found if isinstance(found, pa.DataFrameSchema) else found()


def default_folder(folder: Folder) -> Path:
    """The default location of a folder kind (package data: the installed package)."""
    if folder == "package":
        return Path(__file__).resolve().parent / "data"
    if folder == "package_text":
        return Path(__file__).resolve().parent / "text" / "data"
    return {"raw": paths.RAW, "cbs": paths.CBS_RAW, "processed": paths.PROCESSED,
            "reports": paths.REPORTS}[folder]


def _declare(*datasets: Dataset) -> dict[str, Dataset]:
    out = {d.name: d for d in datasets}
    assert len(out) == len(datasets), "one name per data set"
    return out


# --- raw inputs ---------------------------------------------------------------------------------
EXAMPLE_EXPORT = Dataset("voorbeeldexport", "pmg_enquete_2017_synthetisch.xlsx", "raw", "xlsx",
                         description="the synthetic example export (Microsoft Forms layout)")
CBS_TABLE = "83553NED"
CBS_DATA = Dataset("cbs_gebieden", f"cbs-{CBS_TABLE}/data.csv", "cbs", "csv",
                   description="CBS 'Gebieden in Nederland 2017', one row per municipality")
CBS_PROPERTIES = Dataset("cbs_kenmerken", f"cbs-{CBS_TABLE}/DataProperties.csv", "cbs", "csv",
                         description="the column descriptions of CBS 83553NED")
PDOK_BOUNDARIES = Dataset("pdok_gemeentegrenzen", "pdok/gemeente_2017_gegeneraliseerd.geojson",
                          "cbs", "geojson",
                          description="PDOK generalised municipal boundaries 2017 (lon/lat)")
CBS_CORES = Dataset("cbs_bevolkingskernen", "cbs-kernen/bevolkingskernen_2011.csv", "cbs", "csv",
                    description="CBS 'Bevolkingskernen 2011' (StatLine CSV), one row per core")
CBS_PLACES = Dataset("cbs_woonplaatsen", "cbs-kernen/woonplaatsen_2016.csv", "cbs", "csv",
                     description="CBS 'Woonplaatsen in Nederland 2016' (StatLine CSV), one row "
                                 "per place with its municipality")

# --- processed tables (data/processed) ----------------------------------------------------------
RESPONSES = Dataset("responses", "responses.parquet", "processed", "parquet",
                    "pmg_analysis.clean.schemas:responses_schema", "one row per submission")
ANSWERS = Dataset("answers", "answers.parquet", "processed", "parquet",
                  "pmg_analysis.clean.schemas:answers_schema", "long: one row per answer")
TEXTS = Dataset("texts", "texts.parquet", "processed", "parquet",
                "pmg_analysis.clean.schemas:texts_schema", "long: open answers, redacted")
PROBLEMS = Dataset("problems", "problems.parquet", "processed", "parquet",
                   description="notes per answer that still counts")
QUARANTINE = Dataset("quarantine", "quarantine.csv", "processed", "csv",
                     description="rows that do not count, with reason and row number")
MANIFEST = Dataset("manifest", "manifest.json", "processed", "json",
                   description="what came in and out of a run (clean.manifest.Manifest)")
CLEAN_WORKBOOK = Dataset("pmg_schoon", "pmg_schoon.xlsx", "processed", "xlsx",
                         description="every clean table as a sheet of the same name")
WORK_PROGRAMME = Dataset("werkprogramma", "werkprogramma.xlsx", "processed", "xlsx",
                         description="the ranked programme and the proposed leerkringen")
GEMEENTEN = Dataset("gemeenten", "gemeenten.parquet", "processed", "parquet",
                    "pmg_analysis.regions.build:GEMEENTEN_SCHEMA",
                    "the 388 municipalities of 2017 with indicators and positie_cbs")
BUREN = Dataset("buren", "buren.parquet", "processed", "parquet",
                "pmg_analysis.regions.build:BUREN_SCHEMA", "neighbours, long")
GRENSGEVALLEN = Dataset("grensgevallen", "grensgevallen.parquet", "processed", "parquet",
                        "pmg_analysis.regions.build:GRENSGEVALLEN_SCHEMA",
                        "the threshold moves that give a municipality another type, long")
GEMEENTEN_CACHE = Dataset("gemeenten_cache", "gemeenten.json", "processed", "json",
                          description="the hashes of the inputs and settings gemeenten and "
                                      "buren were built from")
EMBEDDINGS = Dataset("tekst_embeddings", "tekst_embeddings.parquet", "processed", "parquet",
                     description="embedding cache, keyed by the SHA-256 of each text")

CODEBOOK_OWN = Dataset("leerbehoeften_eigen", "leerbehoeften.yaml", "raw", "yaml",
                      description="the researcher's own codebook of learning needs (written by "
                                  "text.accept_suggestion, rename_need, merge_needs)")
CODED_OWN = Dataset("gecodeerd_eigen", "gecodeerde_leervragen.csv", "raw", "csv",
                    description="the researcher's own hand-coded learning questions (written "
                                "by text.add_coded)")

# --- analysis results (pmg_analysis.results): each step computed once by make report ----------
def _result(name: str, what: str) -> Dataset:
    return Dataset(f"resultaat_{name}", f"resultaat_{name}.parquet", "processed", "parquet",
                   description=what)


RESULTS: dict[str, Dataset] = {
    "gecodeerd": _result("teksten_gecodeerd", "every open answer with its theme and opgave"),
    "behoeften": _result("leerbehoeften", "the learning needs, ranked"),
    "behoeften_vragen": _result("leerbehoeften_vragen", "each learning question and its need"),
    "behoeften_citaten": _result("leerbehoeften_citaten", "two or three quotes per need"),
    "behoeften_context": _result("leerbehoeften_context", "sentences without a need of their own"),
    "thema_scores": _result("thema_scores", "theme scores with intervals"),
    "thema_scores_positie": _result("thema_scores_positie", "theme scores per position type"),
    "thema_scores_respondent": _result("thema_scores_respondent",
                                       "theme scores with the respondent as unit"),
    "gemeente_scores": _result("gemeente_scores", "one value per municipality and theme"),
    "toetsen": _result("toetsen_positie", "tests of the differences between position types"),
    "programma": _result("programma", "the ranked work programme"),
    "gevoeligheid": _result("gevoeligheid", "ranks under every weight variant"),
    "leerkringen": _result("leerkringen", "the proposed leerkringen"),
    "leerkringen_leden": _result("leerkringen_leden", "members of each leerkring, long"),
    "leerkringen_zonder": _result("leerkringen_zonder_groep", "top needs without a leerkring"),
    "leerkringen_buiten": _result("leerkringen_buiten_groep",
                                  "municipalities named beside a leerkring or a need, and why"),
    "programma_gemeenten": _result("programma_gemeenten",
                                   "the municipalities behind each item of the programme, long"),
}
RESULTS_STAMP = Dataset("resultaten", "resultaten.json", "processed", "json",
                        description="the export (SHA-256) and settings the results belong to")

# --- the comparison of two rounds (pmg_analysis.rounds.store) ----------------------------------
COMPARISON_TABLE = Dataset("ontwikkeling", "ontwikkeling/{table}.parquet", "processed", "parquet",
                           description="one table of the comparison of two rounds "
                                       "(rounds.store.TABLES and EXTRA)")
COMPARISON_META = Dataset("ontwikkeling_meta", "ontwikkeling/ontwikkeling.json", "processed",
                          "json", description="both rounds' files and SHA-256, and why a "
                                              "comparison is impossible if it is")
PREVIOUS_ROUND_DIR = "vorige"  # the previous round's clean tables (CLEAN_TABLES ...) go here
MUNICIPAL_CHANGES = Dataset("gemeentelijke_herindelingen", "gemeentelijke_herindelingen.csv",
                            "package", "csv", description="municipal changes 2018-2023, with "
                                                          "date and source per row")
INSTRUMENT_VERSION = Dataset("instrument_versie", "instrument_{year}.yaml", "package", "yaml",
                             description="a revised questionnaire by year (2019: the example's "
                                         "second round)")

# --- package data --------------------------------------------------------------------------------
MUNICIPALITY_REGISTER = Dataset("gemeenten_2017", "gemeenten_2017.csv", "package", "csv",
                                description="register of the 388 municipalities of 2017")
REGION_NAMES = Dataset("regio_namen_2017", "regio_namen_2017.csv", "package", "csv",
                       description="names of regions that are no municipality (CBS 2017: labour-"
                                   "market, COROP, youth-care and safety regions), written by "
                                   "scripts/regio_namen.py")
POSITION_VALIDATION = Dataset("positie_validatie", "positie_validatie.csv", "package", "csv",
                              description="positions of 86 municipalities from published "
                                          "sources")
INSTRUMENT = Dataset("instrument", "instrument.yaml", "package", "yaml",
                     description="the questionnaire")
CODEBOOK = Dataset("leerbehoeften", "leerbehoeften.yaml", "package_text", "yaml",
                   description="the packaged codebook of learning needs")
CODED = Dataset("gecodeerde_leervragen", "gecodeerde_leervragen.csv", "package_text", "csv",
                description="learning questions coded by hand: the blind evaluation sets")
PACKAGED_VECTORS = Dataset("referentievectoren", "embeddings.parquet", "package_text", "parquet",
                           description="e5 vectors of the reference texts")

# --- reports -------------------------------------------------------------------------------------
REPORT_INDEX = Dataset("index", "index.html", "reports", "html",
                       description="the entry page linking every report")
REPORT_PAGE = Dataset("rapport", "{notebook}.html", "reports", "html",
                      description="one page per notebook")
MUNICIPALITY_PAGE = Dataset("gemeentepagina", "{code}.html", "reports", "html",
                            description="one page per responding municipality, in the "
                                        "subfolder ReportConfig.profiles_subdir")
PLOTLYJS = Dataset("plotly", "plotly.min.js", "reports", "js",
                   description="plotly.js, once beside the reports")

DATASETS: dict[str, Dataset] = _declare(
    EXAMPLE_EXPORT, CBS_DATA, CBS_PROPERTIES, PDOK_BOUNDARIES, CBS_CORES, CBS_PLACES,
    RESPONSES, ANSWERS, TEXTS, PROBLEMS, QUARANTINE, MANIFEST, CLEAN_WORKBOOK, WORK_PROGRAMME,
    GEMEENTEN, BUREN, GRENSGEVALLEN, GEMEENTEN_CACHE, EMBEDDINGS, CODEBOOK_OWN, CODED_OWN,
    *RESULTS.values(), RESULTS_STAMP,
    MUNICIPALITY_REGISTER, REGION_NAMES, POSITION_VALIDATION, INSTRUMENT, CODEBOOK,
    CODED, PACKAGED_VECTORS,
    REPORT_INDEX, REPORT_PAGE, MUNICIPALITY_PAGE, PLOTLYJS,
    COMPARISON_TABLE, COMPARISON_META, MUNICIPAL_CHANGES, INSTRUMENT_VERSION,
)
# The tables of one clean run, in the order they are written and loaded.
CLEAN_TABLES: tuple[Dataset, ...] = (RESPONSES, ANSWERS, TEXTS, PROBLEMS)

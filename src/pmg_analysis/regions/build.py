"""Build the ``gemeenten``, ``buren`` and ``grensgevallen`` tables from the raw files, validated
and cached.

``gemeenten``: one row per municipality (388 in 2017)::

    gemeente_code (category "GM0355"), gemeente_naam, provincie_code (category), provincie,
    corop_code (category), corop_naam, arbeidsmarktregio_code (category),
    arbeidsmarktregio_naam, stedelijkheid (Int8 1..5), inwoners (Int64), oad (Int64),
    oppervlakte_km2, centroid_x, centroid_y (Float64, RD New metres), n_buren (Int16),
    the indicator columns (see ``indicators``), middelgroot (bool), positie_cbs (category),
    grensgeval (bool: at least one row in ``grensgevallen``).

``buren``: the neighbours as a long table (one row per ordered pair, both directions):
``gemeente_code``, ``buur_code`` (categories = the municipality codes). A long table rather than
a list column: it joins and filters like any other frame and stores cleanly in parquet.

``grensgevallen``: which single threshold move gives a municipality another type, as a long
table (``gemeente_code``, ``instelling``, ``verschuiving``, ``positie_anders``; see
``borderline``); the Dutch text "instelling -10% -> type" is made where it is shown.

The core columns (``grootste_kern``, ``kern_inwoners``, ``kern_oad``, ``n_kernen_5000``,
``aandeel_grootste_kern``, ``kern_bron``, ``kern_reden``, ``kern_dekking``; see ``kernen``)
come from the optional ``cbs-kernen/`` tables; without them every municipality has its
municipal figures there (``kern_bron == "gemeente"``).

Cache: ``data/processed/gemeenten.parquet`` + ``buren.parquet`` + ``grensgevallen.parquet``
+ ``gemeenten.json`` (the
SHA-256 of the input files, the core tables included when present, and a fingerprint of the
configuration); rebuilt when any differs.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from pmg_analysis import catalog
from pmg_analysis.errors import InputError
from pmg_analysis.io.source import file_sha256
from pmg_analysis.paths import PROCESSED
from pmg_analysis.reasons import setting
from pmg_analysis.regions.borderline import BorderlineConfig, borderline
from pmg_analysis.regions.geometry import GeometryConfig, neighbours, shape_table, to_rd
from pmg_analysis.regions.indicators import compute_indicators
from pmg_analysis.regions.kernen import (
    KERN_REDENEN,
    KernenConfig,
    kern_figures,
    kernen_available,
    link_kernen,
    read_kernen_data,
)
from pmg_analysis.regions.load import cbs_data_path, pdok_path, read_boundaries, read_cbs
from pmg_analysis.regions.sources import resolve_source
from pmg_analysis.regions.typology import POSITIE_TYPES, TypologyConfig, classify, is_middelgroot

CACHE_VERSION = 7  # 2: dominance rule (issue 10), grensgeval columns; 3: town networks;
# 4: population per core (issue 18); 5: settings in the hash; 6: the threshold moves of the
# borderline municipalities as their own long table (grensgevallen), no joined text; 7: why a
# municipality keeps municipal figures as a code and a share (kern_reden, kern_dekking)
GEMEENTEN_FILE = catalog.GEMEENTEN.file
BUREN_FILE = catalog.BUREN.file
BORDERLINE_FILE = catalog.GRENSGEVALLEN.file
SIDECAR_FILE = catalog.GEMEENTEN_CACHE.file


@dataclass(frozen=True)
class RegionsConfig:
    """All settings of the regions step."""

    geometry: GeometryConfig = setting(factory=GeometryConfig, reason=(
        "Projection of the boundaries and the tolerance for neighbours."))
    kernen: KernenConfig = setting(factory=KernenConfig, reason=(
        "How the CBS cores (kernen) are linked to the municipalities of 2017."))
    typology: TypologyConfig = setting(factory=TypologyConfig, reason=(
        "The thresholds of the three position types."))
    borderline: BorderlineConfig = setting(factory=BorderlineConfig, reason=(
        "How far each threshold moves to find the borderline municipalities (``grensgeval``)."))

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()


@dataclass
class RegionTables:
    gemeenten: pd.DataFrame
    buren: pd.DataFrame
    grensgevallen: pd.DataFrame  # the threshold moves that change a type (see borderline)
    source_dir: Path | None = None
    from_cache: bool = False
    # every core with its municipality or why it has none (None without the core tables)
    kernen: pd.DataFrame | None = None


_code = pa.Column("category", pa.Check.str_matches(r"^GM\d{4}$"))
_float = pa.Column("Float64", nullable=True)
GEMEENTEN_SCHEMA = pa.DataFrameSchema(
    {
        "gemeente_code": pa.Column("category", pa.Check.str_matches(r"^GM\d{4}$"), unique=True),
        "gemeente_naam": pa.Column("string"),
        "provincie_code": pa.Column("category"),
        "provincie": pa.Column("string"),
        "corop_code": pa.Column("category"),
        "corop_naam": pa.Column("string"),
        "arbeidsmarktregio_code": pa.Column("category"),
        "arbeidsmarktregio_naam": pa.Column("string"),
        "stedelijkheid": pa.Column("Int8", pa.Check.isin([1, 2, 3, 4, 5]), nullable=True),
        "inwoners": pa.Column("Int64", pa.Check.ge(0)),
        "oad": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "oppervlakte_km2": pa.Column("Float64", pa.Check.gt(0)),
        "centroid_x": pa.Column("Float64", pa.Check.in_range(-10_000, 300_000)),
        "centroid_y": pa.Column("Float64", pa.Check.in_range(280_000, 630_000)),
        "n_buren": pa.Column("Int16", pa.Check.ge(0)),
        "grootste_kern": pa.Column("string", nullable=True),
        "kern_inwoners": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "kern_oad": pa.Column("Int64", pa.Check.ge(0), nullable=True),
        "n_kernen_5000": pa.Column("Int16", pa.Check.ge(0)),
        "aandeel_grootste_kern": pa.Column("Float64", pa.Check.in_range(0, 1)),
        "kern_bron": pa.Column("string", pa.Check.isin(["kernen", "gemeente"])),
        "kern_reden": pa.Column("string", pa.Check.isin(list(KERN_REDENEN)), nullable=True),
        "kern_dekking": pa.Column("Float64", pa.Check.ge(0), nullable=True),
        "afstand_grotere_stad_km": _float,
        "grotere_stad_code": pa.Column("string", nullable=True),
        "grotere_stad_naam": pa.Column("string", nullable=True),
        "grotere_stad_is_buur": pa.Column("bool"),
        "bereik_grotere_stad": _float,
        "n_vergelijkbaar": pa.Column("Int16", pa.Check.ge(0)),
        "gewicht_inwoners": _float,
        "gewicht_oad": _float,
        "aandeel_straal": pa.Column("Float64", pa.Check.in_range(0, 1)),
        "dominantie": pa.Column("Float64", pa.Check.gt(0), nullable=True),
        "stedelijke_buur_code": pa.Column("string", nullable=True),
        "stedelijke_buur_naam": pa.Column("string", nullable=True),
        "n_steden": pa.Column("Int16", pa.Check.ge(0)),
        "centrum_code": pa.Column("string", nullable=True),
        "centrum_naam": pa.Column("string", nullable=True),
        "stad": pa.Column("bool"),
        "middelgroot": pa.Column("bool"),
        "positie_cbs": pa.Column(pd.CategoricalDtype(list(POSITIE_TYPES))),
        "grensgeval": pa.Column("bool"),
    },
    strict=True,
    ordered=True,
)
BUREN_SCHEMA = pa.DataFrameSchema(
    {"gemeente_code": pa.Column("category"), "buur_code": pa.Column("category")}, strict=True)
GRENSGEVALLEN_SCHEMA = pa.DataFrameSchema(
    {
        "gemeente_code": pa.Column("category"),
        "instelling": pa.Column("string"),
        "verschuiving": pa.Column("Float64", pa.Check.in_range(-1, 1)),
        "positie_anders": pa.Column(pd.CategoricalDtype(list(POSITIE_TYPES))),
    },
    strict=True,
    ordered=True,
)

_CATEGORY_COLUMNS = ("provincie_code", "corop_code", "arbeidsmarktregio_code")


def _validate(gemeenten: pd.DataFrame, buren: pd.DataFrame, grensgevallen: pd.DataFrame,
              path: Path | None) -> None:
    try:
        GEMEENTEN_SCHEMA.validate(gemeenten, lazy=True)
        BUREN_SCHEMA.validate(buren)
        GRENSGEVALLEN_SCHEMA.validate(grensgevallen)
    except (pa.errors.SchemaErrors, pa.errors.SchemaError) as exc:
        raise InputError("de gemeentetabel uit de CBS/PDOK-bestanden voldoet niet aan de "
                         f"verwachte vorm:\n{exc}", path=path) from None


def build_tables(source_dir: Path, config: RegionsConfig = RegionsConfig()) -> RegionTables:
    """Read the raw CBS/PDOK files under ``source_dir`` and build both tables (no cache)."""
    cbs_file, pdok_file = cbs_data_path(source_dir), pdok_path(source_dir)
    cbs = read_cbs(cbs_file)
    codes, geoms = read_boundaries(pdok_file)
    missing = sorted(set(cbs["gemeente_code"]) - set(codes))
    extra = sorted(set(codes) - set(cbs["gemeente_code"]))
    if missing or extra:
        detail = (f"zonder grens: {', '.join(missing[:5])}" if missing
                  else f"onbekend bij het CBS: {', '.join(extra[:5])}")
        raise InputError("de gemeenten in het PDOK-bestand en de CBS-tabel komen niet overeen "
                         f"({detail}).", path=pdok_file)
    geoms_rd = to_rd(geoms, config.geometry)
    shapes = shape_table(codes, geoms_rd)
    buren = neighbours(codes, geoms_rd, config.geometry)

    table = cbs.merge(shapes, on="gemeente_code", how="left", validate="one_to_one")
    counts = buren["gemeente_code"].value_counts()
    table["n_buren"] = table["gemeente_code"].map(counts).fillna(0).astype("Int16")
    links = None
    if kernen_available(source_dir):
        links = link_kernen(read_kernen_data(source_dir), table["gemeente_code"], config.kernen)
    table = pd.concat([table, kern_figures(table, links, config.kernen)], axis=1)
    base = table

    def relabel(typology: TypologyConfig) -> pd.Series:
        ind = compute_indicators(base, buren, typology.indicators, typology.nabij_max_bereik)
        return classify(pd.concat([base, ind], axis=1), typology)

    table = pd.concat([table, compute_indicators(table, buren, config.typology.indicators,
                                                 config.typology.nabij_max_bereik)], axis=1)
    table["middelgroot"] = is_middelgroot(table["inwoners"], config.typology)
    table["positie_cbs"] = classify(table, config.typology)
    moves = borderline(table["positie_cbs"].set_axis(pd.Index(table["gemeente_code"])), relabel,
                       config.typology, config.borderline)
    table["grensgeval"] = table["gemeente_code"].isin(moves["gemeente_code"]).to_numpy(bool)

    code_dtype = pd.CategoricalDtype(sorted(table["gemeente_code"]))
    table["gemeente_code"] = table["gemeente_code"].astype(code_dtype)
    for col in _CATEGORY_COLUMNS:
        table[col] = table[col].astype(str).astype("category")
    table = table.sort_values("gemeente_code", ignore_index=True)
    table = table[list(GEMEENTEN_SCHEMA.columns)]
    buren = buren.astype({"gemeente_code": code_dtype, "buur_code": code_dtype})
    moves = moves.astype({"gemeente_code": code_dtype}).sort_values(
        "gemeente_code", kind="stable", ignore_index=True)  # per municipality: settings order
    _validate(table, buren, moves, cbs_file)
    return RegionTables(table, buren, moves, Path(source_dir), from_cache=False, kernen=links)


def _sidecar(source_dir: Path, config: RegionsConfig) -> dict:
    return {
        "version": CACHE_VERSION,
        "inputs": {
            catalog.CBS_DATA.file: file_sha256(cbs_data_path(source_dir)),
            catalog.PDOK_BOUNDARIES.file: file_sha256(pdok_path(source_dir)),
            **({d.file: file_sha256(d.path(source_dir)) for d in (catalog.CBS_CORES,
                                                                   catalog.CBS_PLACES)}
               if kernen_available(source_dir) else {}),
        },
        "config": config.fingerprint(),
    }


def _restore_dtypes(gemeenten: pd.DataFrame, buren: pd.DataFrame, grensgevallen: pd.DataFrame
                    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    code_dtype = pd.CategoricalDtype(sorted(gemeenten["gemeente_code"].astype(str)))
    positie = pd.CategoricalDtype(list(POSITIE_TYPES))
    gemeenten = gemeenten.astype({"gemeente_code": code_dtype, "positie_cbs": positie})
    buren = buren.astype({"gemeente_code": code_dtype, "buur_code": code_dtype})
    grensgevallen = grensgevallen.astype({"gemeente_code": code_dtype, "instelling": "string",
                                          "verschuiving": "Float64", "positie_anders": positie})
    return gemeenten, buren, grensgevallen


def load_tables(source_dir: Path | None = None, *, cache_dir: Path | None = None,
                config: RegionsConfig = RegionsConfig(), refresh: bool = False
                ) -> RegionTables | None:
    """The municipality tables, from the cache when the inputs are unchanged.

    ``source_dir`` defaults to :func:`~pmg_analysis.regions.sources.resolve_source`; returns
    None when no CBS/PDOK files are available (the caller falls back to self-reported
    positions and shows :func:`~pmg_analysis.regions.sources.positie_bron_zin`).
    """
    if source_dir is None:
        source_dir = resolve_source().directory
        if source_dir is None:
            return None
    source_dir = Path(source_dir)
    cache_dir = Path(cache_dir) if cache_dir is not None else PROCESSED
    for path in (cbs_data_path(source_dir), pdok_path(source_dir)):
        if not path.is_file():
            raise InputError("het bestand ontbreekt in de CBS/PDOK-map.", path=path)
    sidecar = _sidecar(source_dir, config)
    sidecar_path = cache_dir / SIDECAR_FILE
    paths = (cache_dir / GEMEENTEN_FILE, cache_dir / BUREN_FILE, cache_dir / BORDERLINE_FILE)
    if not refresh and sidecar_path.is_file() and all(p.is_file() for p in paths):
        try:
            cached = json.loads(sidecar_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            cached = None
        if cached == sidecar:
            frames = _restore_dtypes(*(pd.read_parquet(p) for p in paths))
            _validate(*frames, paths[0])
            return RegionTables(*frames, source_dir, from_cache=True)
    tables = build_tables(source_dir, config)
    cache_dir.mkdir(parents=True, exist_ok=True)
    for frame, path in zip((tables.gemeenten, tables.buren, tables.grensgevallen), paths,
                           strict=True):
        frame.to_parquet(path, index=False)
    sidecar_path.write_text(json.dumps(sidecar, indent=2), encoding="utf-8")
    return tables


def buren_van(buren: pd.DataFrame, code: str) -> list[str]:
    """The neighbour codes of one municipality, sorted."""
    return sorted(buren.loc[buren["gemeente_code"] == code, "buur_code"].astype(str))

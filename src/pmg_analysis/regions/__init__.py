"""Position in the region: CBS/PDOK municipality data, indicators, typology, clustering.

Typical use::

    from pmg_analysis import regions
    tables = regions.load_tables()          # None when no CBS/PDOK files are available
    sentence = regions.resolve_source().sentence   # for every report
    responses = regions.add_positie_cbs(responses, tables.gemeenten if tables else None)
    responses["positie"] = regions.positie(responses)

Modules: ``load`` (file readers), ``sources`` (where the files are), ``fetch`` (download),
``kernen`` (population per core, linked to the municipalities),
``geometry``, ``indicators``, ``typology``, ``borderline`` (types that flip when a threshold
moves ±10%), ``build`` (tables, schema, cache), ``validation`` (the published-sources check),
``cluster``, ``respondents``; for display: ``overview``, ``comparison`` and
``validation_report`` (Dutch tables and sentences) and
``mapdata`` (boundaries for the map, drawn by :func:`pmg_analysis.plots.position_map`).

The public face is split in two lists: :data:`COMPUTE` (reading, downloading and computing:
tables, positions, clusters, validation) and :mod:`pmg_analysis.regions.display` (what the
reports show, Dutch tables and sentences). Both are exported here, so ``regions.X`` works for
either.
"""

from pmg_analysis.regions import display
from pmg_analysis.regions.borderline import BorderlineConfig, borderline
from pmg_analysis.regions.build import (
    GEMEENTEN_SCHEMA,
    RegionsConfig,
    RegionTables,
    build_tables,
    buren_van,
    load_tables,
)
from pmg_analysis.regions.cluster import (
    ClusterResult,
    KMeansConfig,
    cluster,
    cluster_indicators,
    cluster_profiles,
    positie_per_gemeente,
)
from pmg_analysis.regions.display import *  # noqa: F403 (the display face, display.__all__)
from pmg_analysis.regions.fetch import (
    AutoFetchConfig,
    AutoFetchResult,
    FetchConfig,
    FetchResult,
    fetch,
    fetch_if_missing,
    fetch_summary,
)
from pmg_analysis.regions.geometry import GeometryConfig
from pmg_analysis.regions.indicators import INDICATOR_COLUMNS, IndicatorConfig
from pmg_analysis.regions.kernen import (
    KERN_COLUMNS,
    KernenConfig,
    KernenData,
    kern_figures,
    link_kernen,
    read_kernen_data,
)
from pmg_analysis.regions.respondents import (
    Agreement,
    GroupingConfig,
    add_positie_cbs,
    agreement,
    answer_profiles,
    positie,
    positie_bron,
)
from pmg_analysis.regions.sources import CbsSource, resolve_source
from pmg_analysis.regions.typology import POSITIE_TYPES, TypologyConfig, classify
from pmg_analysis.regions.validation import (
    accuracy,
    accuracy_per_part,
    accuracy_per_type,
    load_validation,
    validate,
)

# What reads, downloads and computes; then the display face (display.__all__).
__all__ = [
    # tables and settings
    "GEMEENTEN_SCHEMA", "INDICATOR_COLUMNS", "KERN_COLUMNS", "POSITIE_TYPES", "BorderlineConfig",
    "GeometryConfig", "GroupingConfig", "IndicatorConfig", "KMeansConfig", "KernenConfig",
    "KernenData", "RegionTables", "RegionsConfig", "TypologyConfig",
    "build_tables", "buren_van", "load_tables", "kern_figures", "link_kernen",
    "read_kernen_data", "classify", "borderline",
    # download and where the files are
    "AutoFetchConfig", "AutoFetchResult", "CbsSource", "FetchConfig", "FetchResult", "fetch",
    "fetch_if_missing", "fetch_summary", "resolve_source",
    # respondents, clusters and the validation
    "Agreement", "ClusterResult", "add_positie_cbs", "agreement", "answer_profiles", "cluster",
    "cluster_indicators", "cluster_profiles", "positie", "positie_bron", "positie_per_gemeente",
    "accuracy", "accuracy_per_part", "accuracy_per_type", "load_validation", "validate",
]

COMPUTE: tuple[str, ...] = tuple(__all__)
__all__ += display.__all__

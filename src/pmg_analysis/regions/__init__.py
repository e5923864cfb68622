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
"""

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
from pmg_analysis.regions.comparison import (
    agreement_sentence,
    agreement_table,
    cluster_crosstab,
    cluster_sentence,
    differences_table,
    grouping_sentence,
    indicator_cluster_summary,
    profile_cluster_summary,
    silhouette_table,
)
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
    kern_fallback_table,
    kern_figures,
    kernen_sentence,
    link_kernen,
    read_kernen_data,
    unlinked_kernen_table,
)
from pmg_analysis.regions.mapdata import MapConfig, display_geojson, map_frame
from pmg_analysis.regions.overview import (
    SEED_EXAMPLES,
    TYPE_COUNT_SHARES,
    getal,
    indicator_table,
    seed_table,
    thresholds_table,
    type_counts,
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
from pmg_analysis.regions.sources import (
    CbsSource,
    kernen_zin,
    positie_bron_zin,
    resolve_source,
)
from pmg_analysis.regions.typology import POSITIE_TYPES, TypologyConfig, classify
from pmg_analysis.regions.validation import (
    accuracy,
    accuracy_per_part,
    accuracy_per_type,
    load_validation,
    validate,
)
from pmg_analysis.regions.validation_report import (
    borderline_counts,
    borderline_moves_text,
    borderline_table,
    borderline_thresholds_table,
    miss_reason,
    misses_table,
    validation_per_part_table,
    validation_per_type_table,
    validation_sentence,
    validation_set_table,
    validation_target_sentence,
)

__all__ = [
    "GEMEENTEN_SCHEMA", "INDICATOR_COLUMNS", "POSITIE_TYPES", "Agreement", "AutoFetchConfig",
    "AutoFetchResult", "CbsSource",
    "KMeansConfig", "ClusterResult", "FetchConfig", "FetchResult", "GeometryConfig",
    "GroupingConfig", "IndicatorConfig", "RegionTables", "RegionsConfig", "TypologyConfig",
    "add_positie_cbs", "agreement", "answer_profiles", "build_tables", "buren_van", "classify",
    "cluster", "cluster_indicators", "cluster_profiles", "fetch", "fetch_if_missing",
    "fetch_summary", "load_tables",
    "positie", "positie_bron", "positie_bron_zin", "positie_per_gemeente", "resolve_source",
    "BorderlineConfig", "accuracy", "accuracy_per_part", "accuracy_per_type", "borderline",
    "load_validation", "validate",
    "KERN_COLUMNS", "KernenConfig", "KernenData", "kern_figures", "kernen_zin", "link_kernen",
    "read_kernen_data",
    # display
    "MapConfig", "SEED_EXAMPLES", "TYPE_COUNT_SHARES", "agreement_sentence", "agreement_table",
    "cluster_crosstab", "cluster_sentence", "differences_table", "display_geojson", "getal",
    "grouping_sentence", "indicator_cluster_summary", "indicator_table", "map_frame",
    "profile_cluster_summary", "seed_table", "silhouette_table", "thresholds_table",
    "type_counts", "borderline_counts", "borderline_moves_text", "borderline_table",
    "borderline_thresholds_table",
    "miss_reason", "misses_table", "validation_per_part_table", "validation_per_type_table",
    "validation_sentence", "validation_set_table", "validation_target_sentence",
    "kern_fallback_table", "kernen_sentence", "unlinked_kernen_table",
]

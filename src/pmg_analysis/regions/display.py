"""What the regions part shows: Dutch tables, sentences and map data for the reports.

Every function here takes computed frames (the ``gemeenten``, ``buren`` and ``grensgevallen``
tables of :func:`pmg_analysis.regions.load_tables`, the results of
:func:`~pmg_analysis.regions.agreement`, :func:`~pmg_analysis.regions.cluster_profiles`,
:func:`~pmg_analysis.regions.validate`, ...) and returns what a reader sees; nothing here
downloads or computes a position. The code lives in ``overview``, ``comparison``,
``validation_report``, ``mapdata`` and (for the cores) ``kernen``; this module is the one list
of the display face. ``pmg_analysis.regions`` exports these names too, so that notebooks keep
calling ``regions.borderline_table(...)``; what computes is listed in
``pmg_analysis.regions.__all__`` apart from these.

Examples
--------
>>> from pmg_analysis import regions
>>> regions.borderline_table is borderline_table
True
>>> sorted(set(__all__) & set(regions.COMPUTE))
[]
"""

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
from pmg_analysis.regions.kernen import (
    kern_fallback_table,
    kernen_sentence,
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
from pmg_analysis.regions.sources import kernen_zin, positie_bron_zin
from pmg_analysis.regions.validation_report import (
    THRESHOLD_WORDS,
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

POSITION_PLACES: dict[str, str] = {
    "nabij_grotere_stad": "nabij een grotere stad",
    "polycentrisch": "in een polycentrische regio",
    "monocentrisch": "in een monocentrische regio",
    "weet_niet": "die hun positie niet wisten",
    "onbekend": "met een onbekende positie",
}
"""Where a municipality of each position lies, as it follows "gemeenten" in a sentence."""


def position_subject(code: object, *, capital: bool = False) -> str:
    """A position as the subject of a Dutch sentence, never its code.

    >>> position_subject("nabij_grotere_stad", capital=True)
    'Gemeenten nabij een grotere stad'
    >>> position_subject("polycentrisch")
    'gemeenten in een polycentrische regio'
    """
    text = f"gemeenten {position_place(code)}"
    return text[:1].upper() + text[1:] if capital else text


def agreement_summary(agreement) -> str:
    """The reader's part of :func:`agreement_sentence`: how many responses have both positions
    and how often they agree, without the chance-corrected measure (that stays in the
    appendix)."""
    from dataclasses import replace

    return agreement_sentence(replace(agreement, kappa=None))


def position_place(code: object) -> str:
    """Only the place of a position ("in een polycentrische regio"); an unknown code reads
    as "met positie <code>" rather than disappearing."""
    return POSITION_PLACES.get(str(code), f"met positie {code}")


__all__ = [
    "MapConfig", "POSITION_PLACES", "THRESHOLD_WORDS", "agreement_summary", "position_place",
    "position_subject", "SEED_EXAMPLES", "TYPE_COUNT_SHARES", "agreement_sentence",
    "agreement_table",
    "borderline_counts", "borderline_moves_text", "borderline_table",
    "borderline_thresholds_table", "cluster_crosstab", "cluster_sentence", "differences_table",
    "display_geojson", "getal", "grouping_sentence", "indicator_cluster_summary",
    "indicator_table", "kern_fallback_table", "kernen_sentence", "kernen_zin", "map_frame",
    "miss_reason", "misses_table", "positie_bron_zin", "profile_cluster_summary", "seed_table",
    "silhouette_table", "thresholds_table", "type_counts", "unlinked_kernen_table",
    "validation_per_part_table", "validation_per_type_table", "validation_sentence",
    "validation_set_table", "validation_target_sentence",
]

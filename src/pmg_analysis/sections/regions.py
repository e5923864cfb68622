"""Sections of ``02_positie_in_de_regio`` (only with the CBS/PDOK data): the typology of all
municipalities, its validation and borderline cases (the same for every export), and how the
positions of the responding municipalities compare with what they ticked themselves."""

from __future__ import annotations

import pandas as pd

from pmg_analysis import plots, regions
from pmg_analysis.sections.core import Chart, ReportData, Section, Table

NAMES = plots.POSITION_LABELS  # positions in words


def _regio(data: ReportData):
    """The municipality table and its borderline cases, once per run."""
    return data.once("regio", lambda: regions.load_tables(cache_dir=data.cache_dir,
                                                          config=data.settings.regions))


def _gemeenten(data: ReportData) -> pd.DataFrame:
    return _regio(data).gemeenten


def _validation(data: ReportData):
    return data.once("toetsing", lambda: regions.validate(_gemeenten(data)))


def _indicator_clusters(data: ReportData):
    return data.once("clusters", lambda: regions.cluster_indicators(
        _gemeenten(data), data.settings.region_clusters))


def _profile_clusters(data: ReportData):
    """The municipalities grouped on their answers, once per run."""
    def compute():
        responses = data.responses
        per_gemeente = regions.positie_per_gemeente(
            responses, regions.positie(responses, data.settings.grouping))
        return regions.cluster_profiles(regions.answer_profiles(data.answers, responses),
                                        per_gemeente, config=data.settings.region_clusters)
    return data.once("profielclusters", compute)


def thresholds(data: ReportData) -> Section:
    """The thresholds of the rules (Verantwoording)."""
    return Section.of(Table(regions.thresholds_table(data.settings.regions.typology),
                            name="drempels"))


def kernen(data: ReportData) -> Section:
    """Inhabitants per core, and where the municipality's figures stood in (Verantwoording)."""
    gemeenten = _gemeenten(data)
    return Section.of(regions.kernen_sentence(gemeenten),
                      Table(regions.kern_fallback_table(gemeenten),
                            name="kernen-gemeentecijfers"))


def position_map(data: ReportData) -> Section:
    """Every municipality in the colour of its position; a dot for one that answered."""
    kaart = regions.map_frame(_gemeenten(data), data.responses["gemeente_code"])
    return Section.of(Chart(plots.position_map(kaart, regions.display_geojson(),
                                               title="Positie in de regio volgens de "
                                                     "CBS-gegevens"),
                            name="kaart-positie"))


def type_counts(data: ReportData) -> Section:
    """Municipalities per type, all and middle-sized."""
    return Section.of(Table(regions.type_counts(_gemeenten(data), NAMES),
                            name="aantallen-per-type", percent=regions.TYPE_COUNT_SHARES))


def examples(data: ReportData) -> Section:
    """The presentation's examples with the type the rules give them."""
    return Section.of(Table(regions.seed_table(_gemeenten(data), NAMES), name="voorbeelden",
                            precision=2))


def validation(data: ReportData) -> Section:
    """How well the rules agree with the validation set."""
    toetsing = _validation(data)
    return Section.of(regions.validation_sentence(toetsing),
                      regions.validation_target_sentence(toetsing),
                      Table(regions.validation_per_part_table(toetsing),
                            name="toetsing-per-deel", percent=("Aandeel goed",),
                            percent_decimals=1))


def validation_per_type(data: ReportData) -> Section:
    """The validation per type (Verantwoording)."""
    return Section.of(Table(regions.validation_per_type_table(_validation(data), NAMES),
                            name="toetsing-per-type", percent=("Aandeel goed",)))


def validation_misses(data: ReportData) -> Section:
    """Each municipality where the rules differ from the source (Verantwoording)."""
    return Section.of(Table(regions.misses_table(_validation(data), NAMES),
                            name="toetsing-missers"))


def validation_set(data: ReportData) -> Section:
    """The whole validation set (Verantwoording)."""
    return Section.of(Table(regions.validation_set_table(_validation(data), NAMES),
                            name="toetsset"))


def borderline_counts(data: ReportData) -> Section:
    """Borderline cases per type (Verantwoording)."""
    return Section.of(Table(regions.borderline_counts(_gemeenten(data), NAMES),
                            name="grensgevallen-per-type"))


def borderline_thresholds(data: ReportData) -> Section:
    """The thresholds that change most types (Verantwoording)."""
    return Section.of(Table(regions.borderline_thresholds_table(_regio(data).grensgevallen),
                            name="grensgevallen-drempels"))


def borderline(data: ReportData) -> Section:
    """The middle-sized borderline cases (Verantwoording)."""
    regio = _regio(data)
    return Section.of(Table(regions.borderline_table(regio.gemeenten, regio.grensgevallen,
                                                     NAMES),
                            name="grensgevallen"))


def agreement(data: ReportData) -> Section:
    """The position ticked beside the derived one, and which one groups the answers."""
    overeenstemming = regions.agreement(data.responses)
    return Section.of(regions.agreement_summary(overeenstemming),
                      Table(regions.agreement_table(overeenstemming, NAMES), name="zelf-x-cbs"),
                      regions.grouping_sentence(data.settings.grouping))


def agreement_differences(data: ReportData) -> Section:
    """The municipalities where the two differ (Verantwoording)."""
    overeenstemming = regions.agreement(data.responses)
    return Section.of(
        regions.agreement_sentence(overeenstemming),
        Table(regions.differences_table(overeenstemming, NAMES), name="verschillen",
              caption="Gemeenten waar de aangekruiste en de afgeleide positie verschillen"))


def indicators(data: ReportData) -> Section:
    """The indicators of the responding municipalities (Verantwoording)."""
    return Section.of(Table(regions.indicator_table(_gemeenten(data),
                                                    data.responses["gemeente_code"], NAMES),
                            name="indicatoren", precision=2))


def indicator_clusters(data: ReportData) -> Section:
    """k-means on the indicators of all municipalities (Verantwoording)."""
    clusters = _indicator_clusters(data)
    return Section.of(regions.cluster_sentence(clusters),
                      Table(regions.silhouette_table(clusters), name="silhouet-indicatoren",
                            precision=3))


def indicator_cluster_types(data: ReportData) -> Section:
    """The indicator clusters against the types (Verantwoording)."""
    return Section.of(Table(regions.cluster_crosstab(_indicator_clusters(data), NAMES),
                            name="clusters-x-typen"))


def indicator_cluster_summary(data: ReportData) -> Section:
    """What the indicator clusters are like (Verantwoording)."""
    return Section.of(Table(regions.indicator_cluster_summary(_gemeenten(data),
                                                              _indicator_clusters(data)),
                            name="clusters-kenmerken", precision=2))


def profile_clusters(data: ReportData) -> Section:
    """The municipalities grouped on their answers (Verantwoording)."""
    return Section.of(Table(regions.silhouette_table(_profile_clusters(data)),
                            name="silhouet-profielen", precision=3))


def profile_cluster_types(data: ReportData) -> Section:
    """The answer clusters against the types (Verantwoording)."""
    return Section.of(Table(regions.cluster_crosstab(_profile_clusters(data), NAMES),
                            name="profielclusters-x-typen"))


def profile_cluster_summary(data: ReportData) -> Section:
    """What the answer clusters are like (Verantwoording)."""
    return Section.of(Table(regions.profile_cluster_summary(_profile_clusters(data)),
                            name="profielclusters-kenmerken", precision=2))


def profile_cluster_note(data: ReportData) -> Section:
    """What this sample allows (Verantwoording)."""
    return Section.of(_profile_clusters(data).note)

"""Open text: Dutch preparation, the theme/opgave coder and learning-question clusters.

Public API: :func:`code_themes`, :func:`code_texts`, :func:`explain` (:mod:`.coder`),
:func:`learning_clusters`, :func:`cluster_ranking` (:mod:`.clusters`). Dutch report sentences
live apart in :mod:`.sentences`. Near ties of the coder's decisions: :mod:`.ties`; the packaged
vectors of the reference texts (the same results on every machine): :mod:`.reference`.
"""

from pmg_analysis.text.clusters import (
    ClusterConfig,
    LearningClusters,
    cluster_ranking,
    learning_clusters,
)
from pmg_analysis.text.coder import TextConfig, code_texts, code_themes, explain

__all__ = ["ClusterConfig", "LearningClusters", "TextConfig", "cluster_ranking", "code_texts",
           "code_themes", "explain", "learning_clusters"]

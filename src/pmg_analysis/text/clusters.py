"""Learning questions grouped into clusters of similar questions, ranked by municipalities asking.

Unit: one learning question is one sentence. Respondents often put two or three questions in
one answer; each sentence of a ``{code}_leervraag`` or ``{code}_samen`` answer is therefore a
member of its own, and framing sentences without a question of their own ("Kort samengevat het
volgende.", "Zie ook ons collegeprogramma.") are left out (:attr:`ClusterConfig.framing`).

Method (deterministic, no seed needed): the distinct sentences, sorted, are represented by
their e5 embedding (:mod:`.embed`) joined with a TF-IDF vector of their content words, and
grouped by agglomerative clustering with average linkage on cosine distance, cut at a fixed
distance (:class:`ClusterConfig`). Why this and not k-means or NMF: the number of clusters is not
known beforehand (a distance threshold decides it), a question that resembles no other stays a
cluster of its own instead of being forced into a group, and the result does not depend on a
random start or on the order of the input (the sentences are sorted first; identical sentences
are one point). Without embeddings the same clustering runs on the TF-IDF vectors alone.

Each cluster gets a readable label (its most distinctive words, in their most frequent written
form), its theme and closest opgave (from the coder's scores of its members), the number of
distinct municipalities asking (the ranking) and 2–3 representative quotes: the texts closest to
the cluster's centre.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from pmg_analysis import paths
from pmg_analysis.instrument import load_instrument
from pmg_analysis.regions.respondents import positie
from pmg_analysis.text import embed as emb
from pmg_analysis.text.coder import TextConfig, _use_embeddings, code_themes
from pmg_analysis.text.prepare import Preparer, stem, surface_forms, words


@dataclass(frozen=True)
class ClusterConfig:
    """Settings of the learning-question clusters, each with its reason."""

    text: TextConfig = TextConfig()
    # Questions whose answers are learning questions.
    kinds: tuple[str, ...] = ("leervraag", "samen")
    # Weight of the e5 similarity against the similarity of content words (TF-IDF of stems,
    # survey words left out). e5 alone rates sentences with the same frame ("Samen met
    # Platform31 onderzoeken ...") as near-identical whatever they are about; the shared content
    # words keep such questions apart, e5 joins rephrasings that share few words.
    embedding_weight: float = 0.5
    # Cut of the average-linkage tree, in cosine distance (1 - weighted cosine similarity).
    # e5 puts two unrelated Dutch policy sentences at about 0.80 and rephrasings at 0.90+;
    # content words: unrelated ~0, rephrasings 0.3-0.6. Rephrasings thus end below ~0.35.
    distance_threshold: float = 0.35
    # The same cut for the TF-IDF fallback (sparse vectors are far apart unless words are shared).
    lexical_distance_threshold: float = 0.75
    # Words in a label: three are readable at a glance and usually tell the question apart.
    n_terms: int = 3
    # Weight of a lexicon word in a label against other words: labels should name the subject.
    topic_boost: float = 1.5
    # Quotes per cluster (the issue asks 2–3; a cluster of one text has one).
    n_quotes: int = 3
    # Sentences that frame an answer but ask nothing (matched at the start, case-insensitive).
    framing: tuple[str, ...] = (
        r"kort samengevat", r"lastig om", r"voor [\w .'-]+ zien we", r"dit speelt",
        r"zie (ook|eerdere|hierboven|boven|bijlage)", r"veel hiervan", r"dit is nog niet",
        r"graag lichten", r"hier ligt ook", r"n\.?v\.?t", r"idem", r"geen\b", r"nee\b",
    )
    # Words that say nothing about a learning question's content: the survey's own words and the
    # verbs every question uses ("hoe krijgen we ...", "wat werkt ...").
    label_stop_words: frozenset[str] = field(default_factory=lambda: frozenset({
        "leervraag", "kennisbehoefte", "samen", "platform", "pmg", "leren", "elkaar", "oppakken",
        "middelgrote", "middelgroot", "gemeente", "gemeenten", "vraag", "hoe", "goed", "zinvol",
        "ervaringen", "ervaring", "uitwisselen", "delen", "kennis", "werkt", "werken", "zorgen",
        "zorg", "krijgen", "maken", "maak", "houden", "houdt", "anderen", "andere", "gebruik",
        "gebruiken", "erin", "vinden", "helpen", "helpt", "geef", "geven", "onderzoeken",
        "gezamenlijk", "aanpak", "aanpakken", "manier", "kunnen", "kan", "ga", "gaan", "om",
        "echt", "concreet", "voorbeelden", "vergelijkbare", "zitten", "rol", "spelen", "lukt",
        "gelukt", "geslaagd", "betekent", "betekenen", "staan", "dezelfde", "omvang",
    }))


@dataclass(frozen=True)
class LearningClusters:
    """The clusters (ranked), their member texts and their representative quotes."""

    clusters: pd.DataFrame  # cluster, label, theme, opgave, opgave_tekst, n_gemeenten, n_teksten
    members: pd.DataFrame  # response_id, question_id, cluster, text
    quotes: pd.DataFrame  # cluster, rank, text

    @property
    def empty(self) -> bool:
        """True when there are no learning questions at all."""
        return self.clusters.empty


THEMES = ("EA", "LD", "SV", "EF")


def _empty() -> LearningClusters:
    ins = load_instrument()
    opgaven = [o.id for t in ins.theme_codes for o in ins[f"{t}_opgaven"].options]
    clusters = pd.DataFrame({
        "cluster": pd.Series(dtype="Int64"), "label": pd.Series(dtype=object),
        "theme": pd.Categorical([], categories=list(ins.theme_codes)),
        "opgave": pd.Categorical([], categories=opgaven), "opgave_tekst": pd.Series(dtype=object),
        "n_gemeenten": pd.Series(dtype="Int64"), "n_teksten": pd.Series(dtype="Int64")})
    members = pd.DataFrame({"response_id": pd.Series(dtype=object),
                            "question_id": pd.Series(dtype=object),
                            "cluster": pd.Series(dtype="Int64"), "text": pd.Series(dtype=object)})
    quotes = pd.DataFrame({"cluster": pd.Series(dtype="Int64"), "rank": pd.Series(dtype="Int64"),
                           "text": pd.Series(dtype=object)})
    return LearningClusters(clusters, members, quotes)


SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\s*\n+\s*")


def sentences(text: str) -> list[str]:
    """The sentences of an answer (split after . ? ! and at line breaks).

    Examples
    --------
    >>> sentences("Hoe houden we talent vast? Wat werkt tegen leegstand.\\nEn verder")
    ['Hoe houden we talent vast?', 'Wat werkt tegen leegstand.', 'En verder']
    """
    return [p.strip() for p in SENTENCE_END.split(str(text)) if p and p.strip()]


def learning_questions(texts: pd.DataFrame, config: ClusterConfig = ClusterConfig()
                       ) -> pd.DataFrame:
    """One row per learning question: each sentence of a ``{code}_leervraag`` / ``{code}_samen``
    answer, framing sentences left out. Columns ``response_id``, ``question_id``, ``text``."""
    pattern = rf"^(?:{'|'.join(THEMES)})_(?:{'|'.join(config.kinds)})$"
    framing = re.compile(rf"^(?:{'|'.join(config.framing)})", re.IGNORECASE)
    qid = texts["question_id"].astype(str)
    text = texts["text"].astype(object).map(lambda t: "" if pd.isna(t) else str(t).strip())
    keep = qid.str.match(pattern) & (text != "")
    records = [(rid, q, sentence)
               for rid, q, answer in zip(texts.loc[keep, "response_id"].astype(str), qid[keep],
                                         text[keep], strict=True)
               for sentence in sentences(answer)
               if not framing.match(sentence) and words(sentence)]
    return pd.DataFrame.from_records(records, columns=["response_id", "question_id", "text"])


def _content_stems(config: ClusterConfig):
    prep = config.text.lexicon().preparer()
    stops = {stem(w) for w in config.label_stop_words}
    return lambda text: [s for s in prep.stems(text) if s not in stops]


def _vectors(uniq: list[str], config: ClusterConfig, cache_dir: Path | None
             ) -> tuple[np.ndarray, float]:
    tfidf = TfidfVectorizer(analyzer=_content_stems(config), norm="l2")
    words_ = tfidf.fit_transform(uniq).toarray() if uniq else np.zeros((0, 1))
    if not _use_embeddings(config.text):
        return words_, config.lexical_distance_threshold
    w = config.embedding_weight
    e5 = emb.embed(uniq, cache_dir=cache_dir).astype(np.float64)
    # both parts have unit length, so the cosine of the joined vector is the weighted mean of
    # the two cosines: w * cos(e5) + (1 - w) * cos(words)
    return np.hstack([math.sqrt(w) * e5, math.sqrt(1 - w) * words_]), config.distance_threshold


def _cluster_ids(vectors: np.ndarray, threshold: float) -> np.ndarray:
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=int)
    vectors = normalize(vectors)
    zero = ~vectors.any(axis=1)
    if zero.any():  # a text without words: nudge it so the cosine is defined (it stays alone)
        vectors[zero, 0] = 1.0
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=threshold,
                                    metric="cosine", linkage="average")
    return model.fit(vectors).labels_


def _labels(uniq: list[str], ids: np.ndarray, config: ClusterConfig) -> dict[int, str]:
    whole = Preparer(frozenset())  # labels from whole words: "huishoudens", not its pieces
    surface = surface_forms(uniq, whole)
    stops = {stem(w) for w in config.label_stop_words}
    per_cluster: dict[int, Counter[str]] = {}
    for text, cid in zip(uniq, ids, strict=True):
        stems = {stem(t) for t in whole.tokens(text)} - stops
        per_cluster.setdefault(int(cid), Counter()).update(s for s in stems if len(s) > 2)
    df = Counter(s for counts in per_cluster.values() for s in counts)
    n = len(per_cluster)
    topical = {s for e in config.text.lexicon().entries for s in e.stems}
    out = {}
    for cid, counts in per_cluster.items():
        # c-TF-IDF: how many of the cluster's texts use the word, times how rare it is among
        # the clusters, times config.topic_boost for a lexicon word (a subject such as
        # "energietransitie" reads better than a verb such as "raakt"); ties: more texts, then
        # alphabetical
        def score(s: str, counts: Counter[str] = counts) -> float:
            boost = config.topic_boost if s in topical else 1.0
            return round(counts[s] * math.log(1 + n / df[s]) * boost, 9)

        ranked = sorted(counts, key=lambda s: (-score(s), -counts[s], surface.get(s, s)))
        out[cid] = ", ".join(surface.get(s, s) for s in ranked[:config.n_terms]) or "(geen woorden)"
    return out


def _gemeente(responses: pd.DataFrame) -> pd.Series:
    code = responses.set_index(responses["response_id"].astype(str))["gemeente_code"]
    return code.astype(object).where(code.notna(), "response:" + code.index.to_series())


def learning_clusters(texts: pd.DataFrame, responses: pd.DataFrame, *,
                      config: ClusterConfig = ClusterConfig(),
                      cache_dir: Path | None = paths.PROCESSED) -> LearningClusters:
    """Group the learning questions into ranked clusters of similar questions.

    Parameters
    ----------
    texts
        The processed ``texts`` table (``response_id``, ``question_id``, ``text``, ...).
    responses
        The processed ``responses`` table (``response_id``, ``gemeente_code``); a response
        without a municipality counts as its own.
    config
        See :class:`ClusterConfig`.
    cache_dir
        Where the embedding cache lives (``None``: no cache).

    Returns
    -------
    LearningClusters
        ``clusters`` (``cluster`` 1 = asked by most municipalities, then most texts, then label;
        ``label``, ``theme``, ``opgave``, ``opgave_tekst``, ``n_gemeenten``, ``n_teksten``),
        ``members`` (``response_id``, ``question_id``, ``cluster``, ``text``) and ``quotes``
        (``cluster``, ``rank``, ``text``). Empty frames when there are no learning questions.

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1", "R2"], "question_id": ["EA_leervraag"] * 2,
    ...                   "text": ["Hoe houden we talent vast?", "Hoe houden we talent vast?"]})
    >>> r = pd.DataFrame({"response_id": ["R1", "R2"], "gemeente_code": ["GM0200", "GM0202"]})
    >>> cfg = ClusterConfig(text=TextConfig(use_embeddings=False))
    >>> learning_clusters(t, r, config=cfg, cache_dir=None).clusters["n_gemeenten"].tolist()
    [2]
    """
    rows = learning_questions(texts, config).drop_duplicates(ignore_index=True)
    if rows.empty:
        return _empty()
    uniq = sorted(set(rows["text"]))
    vectors, threshold = _vectors(uniq, config, cache_dir)
    ids = _cluster_ids(vectors, threshold)
    labels = _labels(uniq, ids, config)
    coded = code_themes(uniq, config=config.text, cache_dir=cache_dir)
    coded["cid"] = ids
    rows["cid"] = rows["text"].map(dict(zip(uniq, ids, strict=True))).astype(int)
    rows["gemeente"] = rows["response_id"].map(_gemeente(responses)).fillna(
        "response:" + rows["response_id"])
    summary = _summarise(rows, coded, labels)
    order = summary.sort_values(["n_gemeenten", "n_teksten", "label", "cid"],
                                ascending=[False, False, True, True])["cid"].tolist()
    number = {cid: i + 1 for i, cid in enumerate(order)}
    clusters = (summary.assign(cluster=summary["cid"].map(number).astype("Int64"))
                .sort_values("cluster").drop(columns="cid").reset_index(drop=True))
    clusters = clusters[["cluster", "label", "theme", "opgave", "opgave_tekst", "n_gemeenten",
                         "n_teksten"]]
    members = (rows.assign(cluster=rows["cid"].map(number).astype("Int64"))
               [["response_id", "question_id", "cluster", "text"]]
               .sort_values(["cluster", "response_id", "question_id"], kind="stable")
               .reset_index(drop=True))
    quotes = _quotes(uniq, ids, normalize(vectors), number, config)
    return LearningClusters(clusters, members, quotes)


def _summarise(rows: pd.DataFrame, coded: pd.DataFrame, labels: dict[int, str]) -> pd.DataFrame:
    ins = load_instrument()
    opgave_text = {o.id: o.text for t in ins.theme_codes for o in ins[f"{t}_opgaven"].options}
    themes = list(ins.theme_codes)
    records = []
    for cid, group in rows.groupby("cid", sort=True):
        members = coded[coded["cid"] == cid]
        scores = members[themes].mean()
        theme = scores.idxmax() if scores.sum() > 0 else None
        in_theme = members[members["opgave"].astype(str).str.startswith(theme or "-")]
        opgave = (in_theme.groupby("opgave", observed=True)["opgave_score"].sum()
                  .sort_index().idxmax() if not in_theme.empty else None)
        records.append({"cid": int(cid), "label": labels[int(cid)], "theme": theme,
                        "opgave": opgave, "opgave_tekst": opgave_text.get(opgave),
                        "n_gemeenten": group["gemeente"].nunique(), "n_teksten": len(group)})
    out = pd.DataFrame.from_records(records)
    out["theme"] = pd.Categorical(out["theme"], categories=themes)
    out["opgave"] = pd.Categorical(out["opgave"], categories=list(opgave_text))
    out["n_gemeenten"] = out["n_gemeenten"].astype("Int64")
    out["n_teksten"] = out["n_teksten"].astype("Int64")
    return out


def _quotes(uniq: list[str], ids: np.ndarray, vectors: np.ndarray, number: dict[int, int],
            config: ClusterConfig) -> pd.DataFrame:
    records = []
    for cid in sorted(set(int(i) for i in ids)):
        idx = np.flatnonzero(ids == cid)
        centre = vectors[idx].mean(axis=0)
        sims = vectors[idx] @ centre
        ranked = sorted(zip(-np.round(sims, 6), [uniq[i] for i in idx], strict=True))
        seen: set[str] = set()
        distinct = []
        for _, text in ranked:  # "Tekst." and "Tekst" are one quote
            key = " ".join(words(text))
            if key not in seen:
                seen.add(key)
                distinct.append(text)
        for rank, text in enumerate(distinct[:config.n_quotes], start=1):
            records.append({"cluster": number[cid], "rank": rank, "text": text})
    out = pd.DataFrame.from_records(records, columns=["cluster", "rank", "text"])
    out["cluster"] = out["cluster"].astype("Int64")
    out["rank"] = out["rank"].astype("Int64")
    return out.sort_values(["cluster", "rank"]).reset_index(drop=True)


def cluster_ranking(result: LearningClusters, responses: pd.DataFrame, *,
                    by: str = "positie") -> pd.DataFrame:
    """The clusters ranked within each group of municipalities (by default: position type).

    Parameters
    ----------
    result
        The output of :func:`learning_clusters`.
    responses
        The processed ``responses`` table.
    by
        ``"positie"`` (``regions.respondents.positie``: CBS position, falling back to the
        self-reported one) or another column of ``responses`` (e.g. ``"functie"``).

    Returns
    -------
    DataFrame
        ``cluster``, ``label``, ``group``, ``n_gemeenten`` (distinct municipalities of the group
        asking), ``rank`` (1 = asked most within the group; ties by cluster number). Responses
        without a group are left out; clusters nobody in a group asked have no row there.

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1"], "question_id": ["EF_leervraag"],
    ...                   "text": ["Hoe maak je prestatieafspraken?"]})
    >>> r = pd.DataFrame({"response_id": ["R1"], "gemeente_code": ["GM0200"],
    ...                   "positie_zelf": ["polycentrisch"]})
    >>> cfg = ClusterConfig(text=TextConfig(use_embeddings=False))
    >>> res = learning_clusters(t, r, config=cfg, cache_dir=None)
    >>> cluster_ranking(res, r)[["group", "rank"]].values.tolist()
    [['polycentrisch', 1]]
    """
    groups = positie(responses) if by == "positie" else responses[by]
    group_of = pd.Series(groups.to_numpy(), index=responses["response_id"].astype(str))
    members = result.members.assign(
        group=result.members["response_id"].map(group_of),
        gemeente=result.members["response_id"].map(_gemeente(responses)).fillna(
            "response:" + result.members["response_id"].astype(str)))
    members = members[members["group"].notna()]
    counts = (members.groupby(["group", "cluster"], observed=True)["gemeente"].nunique()
              .rename("n_gemeenten").reset_index())
    counts = counts.merge(result.clusters[["cluster", "label"]], on="cluster", how="left")
    counts = counts.sort_values(["group", "n_gemeenten", "cluster"],
                                ascending=[True, False, True], kind="stable")
    counts["rank"] = counts.groupby("group", observed=True).cumcount().add(1).astype("Int64")
    counts["n_gemeenten"] = counts["n_gemeenten"].astype("Int64")
    if isinstance(groups.dtype, pd.CategoricalDtype):
        counts["group"] = pd.Categorical(counts["group"], dtype=groups.dtype)
    return counts[["cluster", "label", "group", "n_gemeenten", "rank"]].reset_index(drop=True)

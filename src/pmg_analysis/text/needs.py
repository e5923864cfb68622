"""Learning needs: each learning question assigned to a need of the codebook, the rest grouped
into suggested new needs, ranked by the number of municipalities asking.

Why a codebook and not free clustering: on independent, paraphrased questions the e5 model
barely separates needs (cosine within a need about 0.86, between needs about 0.83), so a
clustering of the questions alone puts nearly every question in a group of its own. A
researcher codes such answers with a codebook; this module does the same, and shows why.

Method, per learning question (one sentence of a ``{code}_leervraag`` or ``{code}_samen`` answer,
framing sentences left out; :func:`.clusters.learning_questions`):

1. **Terms**: the codebook terms of each need found in the question (:mod:`.terms`: a word once in
   whatever form, phrases with their stop words, compounds at a real boundary, no derivations);
   ``lexical_weight`` per distinct term, at most ``max_terms`` counted.
2. **Examples**: the cosine of the question's e5 vector to the need's passages (name with
   description, and the example questions), after subtracting the mean of all codebook
   passages (centring removes what every Dutch policy sentence shares); the best passage counts.
3. **Question asked**: ``theme_bonus`` for a need of the theme whose question was answered
   (most questions are about the theme they answer; about one in ten is not).
4. **The question's own theme**: the theme coder's shares of the question's text; a need of a
   theme the text is not about loses up to ``content_theme_weight`` against one of the theme it
   is most about (without the language model: the lexicon's theme of the text adds
   ``theme_bonus``).

The need with the highest sum is chosen when the sum reaches ``min_score``; a need within
``margin`` of the best is a near tie (both shown, the first in codebook order taken,
:mod:`.ties`), and so is a best sum within ``margin`` of ``min_score`` (the need or none).
A question with no content of its own ("Graag samen met Platform31 een leerkring hierover.")
is about the theme it answers, not a need: it is left out of the needs and counted as context.
Questions that fit no need are grouped into **suggested new needs** by their shared content words
(TF-IDF of stems, average linkage, distances rounded to 1e-9 so that the grouping is the same on
every machine; no embeddings involved), named by their most central question and identified by
a hash of their questions. A statement that asks nothing and names no subject ("Wij staan nog aan
het begin.") is context, not a suggestion of its own; so is a statement without a codebook term
beside a question of the same answer that firmly fits a need, whatever its own score. A question
that fits no need stays a suggestion however low its score: below ``min_score`` no score decides
between suggestion and context (an edge there would be a threshold without a near tie).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Interval
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer

from pmg_analysis import paths
from pmg_analysis.instrument import load_instrument
from pmg_analysis.reasons import setting
from pmg_analysis.text import embed as emb
from pmg_analysis.text.codebook import Codebook, CodebookError, Need, load_codebook, with_need
from pmg_analysis.text.coded import CodedNeighbours, coded_questions, resolved
from pmg_analysis.text.coder import TextConfig, _use_embeddings, code_themes
from pmg_analysis.text.places import place_code, place_names, region_names
from pmg_analysis.text.prepare import Preparer, content_words, stem, stop_words, words
from pmg_analysis.text.questions import (
    QuestionConfig,
    gemeente_of,
    join_units,
    learning_questions,
)
from pmg_analysis.text.terms import TermIndex
from pmg_analysis.text.ties import choose, near_threshold

VOORSTEL = "voorstel"
CODEBOEK = "codeboek"


@dataclass(frozen=True)
class NeedConfig:
    """Settings of the learning-need assignment, each with its reason."""

    text: TextConfig = setting(TextConfig(), reason=(
        "The theme coder's settings (the `text` section of the settings file, linked here)."))
    questions: QuestionConfig = setting(QuestionConfig(), reason=(
        "Which sentences are learning questions, framing and label words (shared with the "
        "clusters of suggestions)."))
    codebook_path: Path | None = setting(None, reason=(
        "Another codebook YAML (same layout as text/data/leerbehoeften.yaml); None = the "
        "project's own (data/raw/leerbehoeften.yaml) when it exists, else the packaged one."))
    coded_weight: Annotated[float, Interval(ge=0, le=1)] = setting(0.5, reason=(
        "Share of the coded questions in a need's similarity (text.coded: the mean cosine of "
        "the `coded_k` nearest questions coded with that need), the rest from the codebook's "
        "name, description and examples; a need without coded questions keeps its passages "
        "alone. Measured on the seven development sets, each set leaving its own questions "
        "out: right need 0.889 (passages alone) -> 0.924 at 0.5, 0.929 at 0.7; 0.5 keeps more "
        "questions of needs outside the codebook a suggestion (set seven 0.09 against 0.00)."))
    coded_k: Annotated[int, Ge(1)] = setting(3, reason=(
        "Coded questions per need that count (the nearest): one is the loudest single "
        "question, five blur needs with few questions; 3 against 1 and 5 on the development "
        "sets: 0.924 against 0.916 and 0.913."))
    coded_path: Path | None = setting(None, reason=(
        "The researcher's own coded questions (CSV: behoefte, tekst, bron) read beside the "
        "packaged ones; None = data/raw/gecodeerde_leervragen.csv when it exists."))
    coded_leave_out: tuple[str, ...] = setting((), reason=(
        "Sources (`bron`) of coded questions left out: measuring on an evaluation set leaves "
        "that set's own questions out, else each question finds itself."))
    lexical_weight: Annotated[float, Interval(ge=0, le=1)] = setting(0.25, reason=(
        "Score of one distinct codebook term found in the question. A named term (\"prestatie- "
        "afspraken\", \"jeugdzorg\") is the clearest evidence a researcher has; one term is "
        "about as strong as the gap between a close and a far example in centred e5 similarity."))
    max_terms: Annotated[int, Ge(1)] = setting(3, reason=(
        "Terms counted per need at most: three different words of one need are certainty enough."))
    theme_bonus: Annotated[float, Interval(ge=0, le=1)] = setting(0.12, reason=(
        "Bonus for a need of the theme whose question was answered: nine in ten questions are "
        "about the theme they answer; half a term, so that a clear term or example of another "
        "theme still wins. Measured on all development sets (first to fourth, 890 questions) "
        "from 0.05 to 0.20: right need rose on each set up to 0.12 (third set's test part 0.85 "
        "-> 0.89), and questions of needs outside the codebook were absorbed beyond it unless "
        "`min_score` rose with it."))
    content_theme_weight: Annotated[float, Interval(ge=0, le=1)] = setting(0.20, reason=(
        "Weight of the question's own theme (the theme coder's share of the need's theme in the "
        "question's text, 0-1): the question asked says what a respondent was thinking of, the "
        "text says what it is about. A question about \"gas-free street by street\" is about "
        "energy (EF) whatever its neighbourhood words; a need of a theme with a share near 0 "
        "loses up to this against one of the theme the text is most about (a penalty against "
        "that theme's share, so that a need of the text's own theme scores as before and the "
        "threshold `min_score` keeps its meaning). Without the language model the lexicon's "
        "shares are too coarse for that (right need 0.71 -> 0.66 on the second test part, terms "
        "only): there the lexicon's theme of the text adds `theme_bonus`, like the question "
        "asked. Measured from 0.10 to 0.30 with `theme_bonus` 0.12: 0.20 best or equal on every "
        "development set."))
    place_weight: Annotated[float, Interval(ge=0, le=1)] = setting(0.10, reason=(
        "Bonus for the needs in `place_needs` when the question names another municipality than "
        "the one asking (the library's register of 2017; a name that is a codebook term, \"Den "
        "Haag\", does not count). Names are weak evidence (of 60 questions naming one in the "
        "development sets, 17 are about the region; mobility and the city centre name places "
        "too), so less than half a term: enough to lift a question without terms (\"Wat is onze "
        "rol naast Almelo en Hengelo?\") above `min_score`. Measured 0-0.20 on all development "
        "sets: 0.10 best (right need fourth set 0.81 -> 0.82, its development part 0.92 -> "
        "0.94, second set 0.80 -> 0.81, others equal or better); 0.20 cost the fourth set's "
        "development part ARI 0.05. Its own name does not count: 42 development questions name "
        "their own municipality, mostly about identity or the centre, and on the example two "
        "questions (\"Voor Woerden is de vraag ...\") went to regional collaboration; requiring "
        "two names instead lost three questions."))
    region_names: bool = setting(True, reason=(
        "A region that is no municipality (\"de Achterhoek\", \"Drechtsteden\", \"Twentse "
        "gemeenten\"; CBS 2017 labour-market, COROP, youth-care and safety regions, "
        "text.places.region_names) lifts `region_needs` like naming another municipality: "
        "questions about the region name a region more often than a municipality. Weak evidence "
        "on the development sets (69 questions name one, nearly all already right): right need "
        "fifth test part 0.903 -> 0.909, every other set equal (theme, first set 0.907 -> "
        "0.911)."))
    region_needs: tuple[str, ...] = setting(
        ("ld_regionale_samenwerking", "ld_positie_stad", "ld_democratische_controle"),
        reason=(
            "The needs a named region points to, by `place_weight`: those of `place_needs` and "
            "democratic control, since a region is also the arrangement a council steers (of "
            "58 development questions naming a capitalised region, 14 are about democratic "
            "control, 7 about regional collaboration, 6 about the city's place). Measured on all "
            "development sets against region names off: with the two needs of `place_needs` "
            "only, fifth test part +1 question, first set -1 (\"raad aan zet ... kop van "
            "noord-holland\" went to regional collaboration); with democratic control added "
            "fifth +1, every other set equal; adding the regional economy changed nothing "
            "more."))
    place_needs: tuple[str, ...] = setting(("ld_regionale_samenwerking", "ld_positie_stad"),
                                           reason=(
        "The needs a named municipality points to: questions about working together in the "
        "region or the city's place in it name the neighbours instead of a term."))
    min_score: Annotated[float, Interval(ge=0, le=1)] = setting(0.37, reason=(
        "Lowest total score that assigns a need; below it, the question goes to the suggestions "
        "(whatever its score: no second edge below the threshold). The coded questions (round "
        "eight) raise the scores of questions that resemble a coded one, also of questions "
        "about a need outside the codebook; measured 0.31-0.40 on the seven development sets, "
        "each leaving its own coded questions out: right need 0.924 / 0.919 / 0.913 / 0.902 "
        "at 0.31 / 0.34 / 0.37 / 0.40, questions of a need outside the codebook kept as a "
        "suggestion 0.19 / 0.28 / 0.41 / 0.52. 0.37 keeps them a suggestion as often as "
        "before the coded questions (0.41 at 0.31) and the top five as at 0.31. Before: 0.31, "
        "chosen on the same sets among 0.30-0.34 without coded questions."))
    margin: Annotated[float, Interval(ge=0, le=1)] = setting(0.03, reason=(
        "Two needs whose scores lie closer than this are a near tie. Measured on the development "
        "questions: the engine built for another processor moves a need score by at most 0.0076, "
        "so a gap between two needs by at most about 0.015; a lead of 0.03 or more therefore "
        "holds on every machine, and within it the order is the processor's, not the text's. A "
        "best score within this of ``min_score`` is a near tie between that need and none (shown "
        "as such)."))
    theme_margin: Annotated[float, Interval(ge=0, le=1)] = setting(0.05, reason=(
        "The same for the theme and opgave of a suggested need (mean coder shares of its "
        "questions, which lie between 0 and 1): within 0.05 the two are shown as a near tie."))
    quote_overlap: Annotated[float, Interval(ge=0, le=1)] = setting(0.5, reason=(
        "Quotes of one need share at most this share of their content words (Jaccard): three "
        "wordings of the same sentence (\"Eenzaamheid onder ouderen\", \"..., hoe pakken anderen "
        "dat aan?\") show the reader one question, not three."))
    suggestion_distance: Annotated[float, Interval(ge=0, le=2)] = setting(0.9, reason=(
        "Cut of the suggestion clustering (average cosine distance of TF-IDF content stems): two "
        "short questions of four to six content words that share one of them lie at about "
        "0.75-0.85, so below 0.9 questions sharing a content word join and unrelated ones (1.0) "
        "stay apart. On the development part 0.8 to 0.95 gave the same groups."))
    name_width: Annotated[int, Ge(10)] = setting(70, reason=(
        "Characters of a suggested need's name (its most central question, shortened): one line "
        "of a table."))
    question_words: str = setting(
        r"\b(hoe|wat|welke?|waarom|wie|waar|wanneer|hoeveel|waardoor|"
        r"waarmee|kunnen|kan|moeten|moet)\b",
        reason=(
            "A sentence with none of these words and no question mark asks nothing; next to a "
            "question that fits a need, without a codebook term, it frames that question (\"Wij "
            "staan nog aan het begin.\"), also when its own score lies near the threshold."))
    framing_subject: str = setting(
        r"(wij|we|ik|onze?|ons|dit|dat|het|er|daar|hier|zij|men)\b",
        reason=(
            "A statement about the respondent or the situation starts with one of these words "
            "(\"Wij staan nog aan het begin.\", \"Dit speelt al jaren.\"); without a question "
            "word, a codebook term or a word of the theme lexicon it is framing even when it "
            "stands alone. A statement naming a subject (\"Opschaling van zonnedaken\") stays a "
            "question."))
    form_words: frozenset[str] = setting(
        factory=lambda: frozenset({
            "leerkring", "leerkringen", "werkgroep", "werkgroepen", "excursie", "excursies",
            "praktijkonderzoek", "experiment", "experimenten", "netwerkbijeenkomst", "platform31",
            "hierover", "daarover", "thema", "onderwerp", "meedoen", "aansluiten", "interesse",
            "graag", "bijeenkomst", "bijeenkomsten", "vergelijkbare", "middelgrote", "gemeenten",
            "steden", "stad", "regio", "samen", "samenwerken", "kennis", "delen", "leren", "elkaar",
            "ervaringen", "uitwisselen", "pmg", "platform", "verband", "verder", "oppakken",
        }),
        reason=(
            "Words that name the form of working together, not a subject: a sentence with "
            "nothing else is context (\"Graag een leerkring hierover.\")."))


@dataclass(frozen=True)
class LearningNeeds:
    """The needs (ranked), the questions assigned to them and their representative quotes."""

    needs: pd.DataFrame  # cluster (rank), need, bron, label, theme, opgave, opgave_tekst, ...
    members: pd.DataFrame  # response_id, question_id, cluster, need, text, score, tie, termen …
    quotes: pd.DataFrame  # cluster, rank, text
    context: pd.DataFrame  # response_id, question_id, text: sentences without a subject

    @property
    def empty(self) -> bool:
        """True when there are no learning questions at all."""
        return self.needs.empty


def _opgave_texts() -> dict[str, str]:
    ins = load_instrument()
    return {o.id: o.text for t in ins.theme_codes for o in ins[f"{t}_opgaven"].options}


def _empty() -> LearningNeeds:
    themes = list(load_instrument().theme_codes)
    needs = pd.DataFrame({
        "cluster": pd.Series(dtype="Int64"), "need": pd.Series(dtype="string"),
        "bron": pd.Categorical([], categories=[CODEBOEK, VOORSTEL]),
        "label": pd.Series(dtype="string"),
        "theme": pd.Categorical([], categories=themes),
        "opgave": pd.Categorical([], categories=list(_opgave_texts())),
        "opgave_tekst": pd.Series(dtype="string"),
        "n_gemeenten": pd.Series(dtype="Int64"), "n_teksten": pd.Series(dtype="Int64"),
        "n_twijfel": pd.Series(dtype="Int64")})
    members = pd.DataFrame({c: pd.Series(dtype=t) for c, t in MEMBER_DTYPES.items()})
    quotes = pd.DataFrame({"cluster": pd.Series(dtype="Int64"), "rank": pd.Series(dtype="Int64"),
                           "text": pd.Series(dtype="string")})
    context = pd.DataFrame({c: pd.Series(dtype="string")
                            for c in ("response_id", "question_id", "text")})
    return LearningNeeds(needs, members, quotes, context)


MEMBER_DTYPES = {"response_id": "string", "question_id": "string", "cluster": "Int64",
                 "need": "string", "text": "string", "score": "float64", "tie": "boolean",
                 "alternatief": "string", "termen": "object", "voorbeeld": "string"}


def _vocabulary(book: Codebook, config: NeedConfig) -> frozenset[str]:
    lex = config.text.lexicon()
    extra = {stem(w) for n in book.needs for t in n.termen for w in words(t)}
    return frozenset(lex.vocabulary | {s for s in extra if len(s) >= 3})


def _example_similarity(questions: list[str], book: Codebook, cache_dir: Path | None,
                        config: NeedConfig) -> tuple[np.ndarray, list[list[str]]]:
    """Centred cosine of each question to each need's best passage, and that passage; mixed
    (``coded_weight``) with the mean cosine to the need's nearest coded questions."""
    passages = [n.passages() for n in book.needs]
    flat = [p for ps in passages for p in ps]
    ref = emb.embed(flat, cache_dir=cache_dir).astype(np.float64)
    vec = emb.embed(questions, cache_dir=cache_dir).astype(np.float64)
    mean = ref.mean(axis=0)
    ref_c = ref - mean
    ref_c /= np.linalg.norm(ref_c, axis=1, keepdims=True)
    vec_c = vec - mean
    vec_c /= np.maximum(np.linalg.norm(vec_c, axis=1, keepdims=True), 1e-12)
    sims = vec_c @ ref_c.T
    out = np.zeros((len(questions), len(book.needs)))
    best: list[list[str]] = [[""] * len(book.needs) for _ in questions]
    start = 0
    for j, ps in enumerate(passages):
        block = sims[:, start:start + len(ps)]
        arg = block.argmax(axis=1)
        out[:, j] = block.max(axis=1)
        for i, a in enumerate(arg):
            best[i][j] = ps[a]
        start += len(ps)
    if config.coded_weight:
        coded = resolved(coded_questions(config.coded_path), book, config.coded_leave_out)
        if len(coded):
            knn = CodedNeighbours(k=config.coded_k, centre=mean).fit(
                emb.embed(coded["tekst"].tolist(), cache_dir=cache_dir),
                coded["behoefte"].to_numpy())
            near = knn.score_needs(vec, book.ids)
            has = ~np.isnan(near)
            out[has] = (1 - config.coded_weight) * out[has] + config.coded_weight * near[has]
    return out, best


def need_scores(questions: list[str], asked_under: list[str | None], book: Codebook, *,
                config: NeedConfig = NeedConfig(), cache_dir: Path | None = paths.PROCESSED,
                own: list[frozenset[str]] | None = None
                ) -> tuple[np.ndarray, list[list[list[str]]], list[list[str]]]:
    """The score of every question for every need (n × needs), the terms found per question and
    need, and the closest passage per question and need. ``own``: per question the codes of the
    municipalities that asked it (their own name is no neighbour); None: who asked is unknown,
    so no municipality name counts.

    Examples
    --------
    >>> cfg = NeedConfig(text=TextConfig(use_embeddings=False))
    >>> book = load_codebook()
    >>> s, terms, _ = need_scores(["Prestatieafspraken met de corporaties"], ["EF"], book,
    ...                           config=cfg, cache_dir=None)
    >>> book.ids[int(s[0].argmax())], terms[0][book.ids.index("ef_corporaties")]
    ('ef_corporaties', ['prestatieafspraken', 'corporatie'])
    """
    base, found, closest = _score_parts(questions, asked_under, book, config=config,
                                        cache_dir=cache_dir, own=own)
    return base + lexical_scores(found, config), found, closest


def lexical_scores(found: list[list[list[str]]], config: NeedConfig) -> np.ndarray:
    """The term part of the scores: ``lexical_weight`` per distinct term, at most ``max_terms``."""
    n = len(found[0]) if found else 0
    return np.array([[min(len(f), config.max_terms) for f in row] for row in found],
                    dtype=float).reshape(len(found), n) * config.lexical_weight


def _score_parts(questions: list[str], asked_under: list[str | None], book: Codebook, *,
                 config: NeedConfig, cache_dir: Path | None,
                 own: list[frozenset[str]] | None = None
                 ) -> tuple[np.ndarray, list[list[list[str]]], list[list[str]]]:
    """Everything but the terms' share of the scores (examples, question asked, the question's
    own theme), the terms found and the closest passages."""
    n = len(book)
    terms = TermIndex(book, Preparer(_vocabulary(book, config)))
    found = [terms.found(q, n) for q in questions]
    themes = np.array([need.thema for need in book.needs])
    bonus = np.array([themes == t for t in asked_under], dtype=float).reshape(
        len(questions), n) * config.theme_bonus
    if config.place_weight:
        bonus = bonus + config.place_weight * _place_signal(questions, own, book, terms, config)
    embedded = _use_embeddings(config.text)
    if questions and config.content_theme_weight:
        # the coder's theme shares of the question itself (not of the question it answered)
        coded = code_themes(questions, config=config.text, cache_dir=cache_dir)
        codes = list(load_instrument().theme_codes)
        share = coded[codes].to_numpy(dtype=float)
        own = share[:, [codes.index(t) for t in themes]]
        if embedded:
            # a need of a theme the text is not about loses up to `content_theme_weight`
            # against the theme the text is most about (which loses nothing)
            bonus = bonus - config.content_theme_weight * (share.max(axis=1, keepdims=True)
                                                           - own)
        else:
            # terms only: the lexicon's theme of the text counts like the question asked
            # (exact sums, no processor decides them)
            best = coded["theme"].astype(object).to_numpy()[:, None]
            bonus = bonus + config.theme_bonus * (themes[None, :] == best)
    if questions and embedded:
        sims, closest = _example_similarity(questions, book, cache_dir, config)
    else:
        sims = np.zeros((len(questions), n))
        closest = [[""] * n for _ in questions]
    return sims + bonus, found, closest


def _place_signal(questions: list[str], own: list[frozenset[str]] | None, book: Codebook,
                  terms: TermIndex, config: NeedConfig) -> np.ndarray:
    """1 for the needs in ``config.place_needs`` of every question that names another
    municipality than the one asking (none when ``own`` is None) or a region that is no
    municipality (:func:`.places.region_names`, with ``config.region_names``), and no codebook
    term ("Den Haag" is the seat of government: a term, no neighbour)."""
    cols = np.array([need_id in config.place_needs for need_id in book.ids], dtype=float)
    region_cols = np.array([need_id in config.region_needs for need_id in book.ids], dtype=float)

    def no_term(name: str) -> bool:
        return not any(terms.found(name, len(book)))

    # who asked unknown (own None): any municipality's name could be its own; a region's not
    towns = np.array([own is not None and any(no_term(name) and place_code(name) not in m
                                              for name in place_names(q))
                      for q, m in zip(questions, own or [frozenset()] * len(questions),
                                      strict=True)], dtype=float)
    regions = np.array([config.region_names and any(map(no_term, region_names(q)))
                        for q in questions], dtype=float)
    return np.maximum(towns[:, None] * cols[None, :], regions[:, None] * region_cols[None, :])


def _has_subject(text: str, preparer: Preparer, config: NeedConfig) -> bool:
    stops = {stem(w) for w in config.form_words | config.questions.label_stop_words}
    return any(s not in stops and len(s) > 2 for s in preparer.stems(text))


def _suggestions(texts: list[str], config: NeedConfig, preparer: Preparer
                 ) -> tuple[list[list[str]], list[str]]:
    """The groups of ``texts`` (sorted) by shared content words, and per group its most central
    question (highest summed similarity to the others; ties: shortest, then alphabetical)."""
    if len(texts) < 2:
        return [list(texts)], list(texts)
    sims = _similarities(texts, config, preparer)
    dist = np.clip(1.0 - sims, 0.0, 1.0)
    np.fill_diagonal(dist, 0.0)
    model = AgglomerativeClustering(n_clusters=None, distance_threshold=config.suggestion_distance,
                                    metric="precomputed", linkage="average")
    ids = model.fit(dist).labels_
    groups, central = [], []
    for cid in sorted(set(ids.tolist()), key=lambda c: int(np.flatnonzero(ids == c)[0])):
        idx = np.flatnonzero(ids == cid)
        groups.append([texts[i] for i in idx])
        central.append(_by_centrality([texts[i] for i in idx], sims[np.ix_(idx, idx)])[0])
    return groups, central


def _similarities(texts: list[str], config: NeedConfig, preparer: Preparer) -> np.ndarray:
    """Cosine of the TF-IDF content stems of every pair of texts, rounded to 1e-9 (the same on
    every machine)."""
    stops = {stem(w) for w in config.form_words | config.questions.label_stop_words}
    tfidf = TfidfVectorizer(analyzer=lambda t: [s for s in preparer.stems(t) if s not in stops],
                            norm="l2")
    x = tfidf.fit_transform(texts).toarray()
    return np.round(x @ x.T, 9)


def _by_centrality(texts: list[str], sims: np.ndarray) -> list[str]:
    """The texts, most central first: highest summed similarity to the others (rounded), then
    shortest, then alphabetical."""
    closeness = np.round(sims.sum(axis=1), 6)
    order = sorted(range(len(texts)), key=lambda i: (-closeness[i], len(texts[i]), texts[i]))
    return [texts[i] for i in order]


LEAD_IN_WORDS = 10  # a lead-in before the question word is at most this long ("Graag horen we...")


def short_name(text: str, width: int = 70, topical: frozenset[str] = frozenset()) -> str:
    """A question as the name of a suggested need: without a label of survey words before a
    colon ("Leervraag:", "Onze vraag:") or a lead-in before its question word ("Graag horen we
    van elkaar hoe ...") that names no subject (no stem in ``topical``), without its closing
    punctuation, cut at a word before ``width`` characters.

    Examples
    --------
    >>> short_name("Onze vraag: hoe maken we onze organisatie weerbaar tegen ondermijning?")
    'Hoe maken we onze organisatie weerbaar tegen ondermijning'
    >>> short_name("Graag horen we van elkaar hoe je de Bibob-toets inzet bij vergunningen.")
    'Hoe je de Bibob-toets inzet bij vergunningen'
    >>> short_name("Ondermijning: hoe leren we signalen herkennen?")
    'Ondermijning: hoe leren we signalen herkennen'
    >>> short_name("Hoe verdelen we de kosten van regionale voorzieningen eerlijk tussen stad "
    ...            "en ommeland?", 50)
    'Hoe verdelen we de kosten van regionale…'
    """
    out = " ".join(str(text).split()).rstrip(" .?!:;")

    def plain(part: str) -> bool:
        ws = words(part)
        return len(ws) <= LEAD_IN_WORDS and not any(stem(w) in topical for w in ws)

    survey = {stem(w) for w in QuestionConfig().label_stop_words} | {
        stem(w) for w in stop_words()}
    label, colon, rest = out.partition(":")
    if colon and rest.strip() and all(stem(w) in survey for w in words(label)):
        out = rest.strip()
    lead = re.search(r"\b(hoe|wat|welke|waarom|wanneer|waar|wie|hoeveel)\b", out, re.IGNORECASE)
    if lead and lead.start() > 0 and ":" not in out[:lead.start()] and plain(out[:lead.start()]):
        out = out[lead.start():]
    out = out[:1].upper() + out[1:]
    if len(out) <= width:
        return out
    cut = out[:width].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _statement(text: str, config: NeedConfig) -> bool:
    """True for a sentence that asks nothing: no question mark and no question word."""
    return "?" not in text and not re.search(config.question_words, text.lower())


def _lexicon_stems(text_config: TextConfig) -> frozenset[str]:
    return frozenset(s for e in text_config.lexicon().entries for s in e.stems)


def learning_needs(texts: pd.DataFrame, responses: pd.DataFrame, *,
                   config: NeedConfig = NeedConfig(), codebook: Codebook | None = None,
                   cache_dir: Path | None = paths.PROCESSED) -> LearningNeeds:
    """Assign every learning question to a need of the codebook or to a suggested new need.

    Parameters
    ----------
    texts
        The processed ``texts`` table (``response_id``, ``question_id``, ``text``, ...).
    responses
        The processed ``responses`` table (``response_id``, ``gemeente_code``); a response
        without a municipality counts as its own.
    config
        See :class:`NeedConfig`.
    codebook
        The codebook (default: ``config.codebook_path``, else the packaged PMG codebook).
    cache_dir
        Where the embedding cache lives (``None``: no cache).

    Returns
    -------
    LearningNeeds
        ``needs``: one row per need asked (``cluster`` 1 = asked by most municipalities, then
        most questions, then codebook before suggestion, then name; ``need`` id (for a
        suggestion ``nieuw_`` and six hex digits of a hash of its sorted questions: the same
        questions give the same id on every machine), ``bron`` (codeboek/voorstel), ``label``
        (the need's name; for a suggestion its most central question, shortened), ``theme``,
        ``opgave``, ``opgave_tekst``, ``n_gemeenten``, ``n_teksten``, ``n_twijfel`` (questions
        that were a near tie));
        ``members``: one row per question (``score``, ``tie`` and ``alternatief`` — the other
        need of a near tie —, ``termen`` found and the closest ``voorbeeld``); ``quotes``;
        ``context``: sentences without a subject of their own.

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1", "R2"], "question_id": ["EF_leervraag"] * 2,
    ...                   "text": ["Prestatieafspraken met corporaties.",
    ...                            "Hoe werken we met de woningcorporatie samen?"]})
    >>> r = pd.DataFrame({"response_id": ["R1", "R2"], "gemeente_code": ["GM0200", "GM0202"]})
    >>> cfg = NeedConfig(text=TextConfig(use_embeddings=False))
    >>> res = learning_needs(t, r, config=cfg, cache_dir=None)
    >>> res.needs[["need", "n_gemeenten"]].values.tolist()
    [['ef_corporaties', 2]]
    """
    book = codebook if codebook is not None else load_codebook(config.codebook_path)
    rows, context, preparer = assignment_units(texts, responses, book, config)
    if rows.empty:
        empty = _empty()
        return (empty if context.empty else
                LearningNeeds(empty.needs, empty.members, empty.quotes, context))
    uniq, own = distinct_units(rows)
    scores, found, closest = need_scores([u[0] for u in uniq], [u[1] for u in uniq], book,
                                         config=config, cache_dir=cache_dir, own=own)
    rows, explaining = assign_units(rows, uniq, scores, found, closest, book, config, preparer)
    context = pd.concat([context, explaining], ignore_index=True)
    rows, sugg_label = _suggest(rows, preparer, config)
    return _assemble(rows, book, sugg_label, context, config, cache_dir)


def assignment_units(texts: pd.DataFrame, responses: pd.DataFrame, book: Codebook,
                     config: NeedConfig) -> tuple[pd.DataFrame, pd.DataFrame, Preparer]:
    """The units the assignment scores: one row per learning question (a sentence of an answer,
    or a statement and the question beside it: :func:`.questions.join_units`; sentences without
    a subject of their own left out) (``response_id``,
    ``question_id``, ``text``, ``gemeente``, ``asked``), the sentences without a subject
    (context, as strings) and the preparer of the codebook's vocabulary. :func:`.terms.term_trial`
    scores these same units."""
    rows = learning_questions(texts, config.questions)
    preparer = Preparer(_vocabulary(book, config))
    cols = ["response_id", "question_id", "text"]
    if rows.empty:
        return rows[cols], pd.DataFrame(columns=cols).astype("string"), preparer
    subject = rows["text"].map(lambda t: _has_subject(t, preparer, config))
    context = rows.loc[~subject, cols].drop_duplicates().reset_index(drop=True).astype("string")
    # the sentences of one learning question with a subject, as one unit
    rows = join_units(rows[subject]).drop_duplicates(ignore_index=True)
    if rows.empty:
        return rows[cols], context, preparer
    rows["gemeente"] = rows["response_id"].map(gemeente_of(responses)).fillna(
        "response:" + rows["response_id"])
    rows["asked"] = rows["question_id"].str.slice(0, 2)
    return rows, context, preparer


def distinct_units(rows: pd.DataFrame) -> tuple[list[tuple[str, str]], list[frozenset[str]]]:
    """Each distinct (text, theme asked) of the units once, sorted, with the codes of the
    municipalities that asked it (their own name is no neighbour)."""
    uniq = sorted(set(zip(rows["text"], rows["asked"], strict=True)))
    askers = rows.groupby(["text", "asked"])["gemeente"].agg(
        lambda g: frozenset(place_code(str(x)) for x in g))
    return uniq, [askers[u] for u in uniq]


def assign_units(rows: pd.DataFrame, uniq: list[tuple[str, str]], scores: np.ndarray,
                 found: list[list[list[str]]], closest: list[list[str]], book: Codebook,
                 config: NeedConfig, preparer: Preparer) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units with their decision (``need`` None below the threshold), and the units that
    are context beside a question of their answer (``response_id``, ``question_id``, ``text``)."""
    rows = _with_decisions(rows, _decide(uniq, scores, found, closest, book, config))
    with_term = {u for i, u in enumerate(uniq) if any(found[i])}
    explains = _explaining(rows, with_term, preparer, config)
    return (rows[~explains].reset_index(drop=True),
            rows.loc[explains, ["response_id", "question_id", "text"]])


Decision = tuple[str | None, float, bool, str | None, tuple[str, ...], str]


def _decide(uniq: list[tuple[str, str]], scores: np.ndarray, found: list[list[list[str]]],
            closest: list[list[str]], book: Codebook, config: NeedConfig
            ) -> dict[tuple[str, str], Decision]:
    """Per distinct (question, theme asked): the need chosen (None below ``min_score``), the
    best score, whether it is a near tie, the other need of a near tie, the terms found and the
    closest passage of the chosen need."""
    decided: dict[tuple[str, str], Decision] = {}
    embedded = _use_embeddings(config.text)
    for i, key in enumerate(uniq):
        choice = choose(scores[i], book.ids, margin=config.margin)
        top = float(np.round(scores[i].max(), 4))
        # within `margin` of `min_score` the processor could decide: shown as a near tie
        # between the best need and no need (alternative None, or the need for a question left
        # out), like two needs within `margin` of each other. Terms and the theme bonus alone
        # give exact sums (multiples of the weights): no processor decides those.
        near = embedded and bool(near_threshold(np.array([top]), config.min_score,
                                                margin=config.margin)[0])
        if choice.best is None:
            decided[key] = (None, top, False, None, (), "")
            continue
        j = book.ids.index(choice.best)
        if top < config.min_score:
            decided[key] = ((None, top, True, choice.best, tuple(found[i][j]),
                             closest[i][j]) if near else (None, top, False, None, (), ""))
            continue
        other = next((c for c in choice.candidates if c != choice.best), None)
        decided[key] = (choice.best, top, choice.tie or near, other, tuple(found[i][j]),
                        closest[i][j])
    return decided


def _with_decisions(rows: pd.DataFrame, decided: dict[tuple[str, str], Decision]
                    ) -> pd.DataFrame:
    """``rows`` with the columns of their decision: need, score, tie, alternatief, termen,
    voorbeeld."""
    keys = list(zip(rows["text"], rows["asked"], strict=True))
    rows = rows.copy()
    for k, col in enumerate(("need", "score", "tie", "alternatief")):
        rows[col] = [decided[key][k] for key in keys]
    rows["termen"] = pd.Series([decided[key][4] for key in keys], index=rows.index,
                               dtype=object)
    rows["voorbeeld"] = [decided[key][5] for key in keys]
    return rows


def _explaining(rows: pd.DataFrame, with_term: set[tuple[str, str]], preparer: Preparer,
                config: NeedConfig) -> pd.Series:
    """Which questions are context: a statement that fits no need in an answer whose other
    sentence does fit one explains that question ("Wij zijn een krimpregio."); so does a
    statement there that asks nothing and has no codebook term, whatever its score ("Enschede
    kent veel huishoudens met een laag inkomen."); and a statement about the respondent that
    names no subject, wherever it stands ("Wij staan nog aan het begin."). A question that fits
    no need stays a suggestion, however low its score.
    """
    keys = list(zip(rows["text"], rows["asked"], strict=True))
    answer = list(zip(rows["response_id"], rows["question_id"], strict=True))
    answered = {a for a, need in zip(answer, rows["need"], strict=True) if pd.notna(need)}
    statement = pd.Series([_statement(t, config) and (t, a) not in with_term
                           for t, a in keys])
    # such a statement is context whatever its own score (which could fall on either side of
    # `min_score` on another processor) when another sentence of its answer fits a need by a
    # score no processor moves across the threshold (a near tie there is shown as one)
    near = pd.Series(near_threshold(rows["score"].to_numpy(dtype=float), config.min_score,
                                    margin=config.margin)) & _use_embeddings(config.text)
    firm = {a for a, need, n, st in zip(answer, rows["need"], near, statement, strict=True)
            if pd.notna(need) and not n and not st}
    beside = statement & pd.Series([a in firm for a in answer])
    topical = _lexicon_stems(config.text)
    own_subject = re.compile(config.framing_subject, re.IGNORECASE)
    framing = statement & pd.Series([bool(own_subject.match(t.strip()))
                                     and not any(s in topical for s in preparer.stems(t))
                                     for t in rows["text"]])
    # a question below `min_score` stays a suggestion whatever its score: were it context below
    # some score (the lower edge of the near-threshold band), that edge would be a threshold of
    # its own, and a question on it would vanish on one processor and not on another
    return beside | rows["need"].isna() & (
        (pd.Series([a in answered for a in answer]) & statement) | framing)


def _suggest(rows: pd.DataFrame, preparer: Preparer, config: NeedConfig
             ) -> tuple[pd.DataFrame, dict[str, str]]:
    """The questions without a need grouped into suggested new needs: ``rows`` with the
    suggestion's id as their ``need``, and each suggestion's name."""
    rest = sorted(set(rows.loc[rows["need"].isna(), "text"]))
    sugg_label: dict[str, str] = {}
    if not rest:
        return rows, sugg_label
    topical = _lexicon_stems(config.text)
    groups, central = _suggestions(rest, config, preparer)
    sugg_of = {}
    for members, name in zip(groups, central, strict=True):
        # the id comes from the content: the same questions give the same id on every
        # machine, whatever else moved
        digest = hashlib.sha1("\n".join(sorted(members)).encode("utf-8")).hexdigest()
        sid = f"nieuw_{digest[:6]}"
        sugg_label[sid] = short_name(name, config.name_width, topical)
        sugg_of.update(dict.fromkeys(members, sid))
    rows = rows.copy()
    unassigned = rows["need"].isna()
    rows.loc[unassigned, "need"] = rows.loc[unassigned, "text"].map(sugg_of)
    return rows, sugg_label


def _assemble(rows: pd.DataFrame, book: Codebook, sugg_label: dict[str, str],
              context: pd.DataFrame, config: NeedConfig, cache_dir: Path | None
              ) -> LearningNeeds:
    opgave_text = _opgave_texts()
    themes = list(load_instrument().theme_codes)
    records = []
    for need_id, group in rows.groupby("need", sort=True):
        if need_id in book.ids:
            need = book[need_id]
            theme, opgave, label, bron = need.thema, need.opgave, need.naam, CODEBOEK
        else:
            coded = code_themes(sorted(set(group["text"])), config=config.text,
                                cache_dir=cache_dir)
            mean = coded[themes].mean().to_numpy()
            theme = choose(mean, themes, margin=config.theme_margin).best
            in_theme = coded[coded["opgave"].astype(str).str.startswith(theme or "-")]
            sums = in_theme.groupby("opgave", observed=True)["opgave_score"].sum()
            ops = [o for o in opgave_text if o.startswith(theme or "-")]
            opgave = choose([float(sums.get(o, 0.0)) for o in ops], ops,
                            margin=config.theme_margin).best if ops else None
            label, bron = sugg_label[need_id], VOORSTEL
        records.append({"need": need_id, "bron": bron, "label": label, "theme": theme,
                        "opgave": opgave, "opgave_tekst": opgave_text.get(opgave),
                        "n_gemeenten": group["gemeente"].nunique(), "n_teksten": len(group),
                        "n_twijfel": int(group["tie"].sum())})
    needs = pd.DataFrame.from_records(records)
    needs["_codebook"] = needs["bron"].eq(VOORSTEL)
    needs = needs.sort_values(["n_gemeenten", "n_teksten", "_codebook", "label", "need"],
                              ascending=[False, False, True, True, True]).reset_index(drop=True)
    needs.insert(0, "cluster", pd.array(range(1, len(needs) + 1), dtype="Int64"))
    needs = needs.drop(columns="_codebook").astype({
        "need": "string", "label": "string", "opgave_tekst": "string", "n_gemeenten": "Int64",
        "n_teksten": "Int64", "n_twijfel": "Int64"})
    needs["bron"] = pd.Categorical(needs["bron"], categories=[CODEBOEK, VOORSTEL])
    needs["theme"] = pd.Categorical(needs["theme"], categories=themes)
    needs["opgave"] = pd.Categorical(needs["opgave"], categories=list(opgave_text))
    number = dict(zip(needs["need"], needs["cluster"], strict=True))
    members = (rows.assign(cluster=rows["need"].map(number))
               [list(MEMBER_DTYPES)].astype(MEMBER_DTYPES)
               .sort_values(["cluster", "response_id", "question_id", "text"], kind="stable")
               .reset_index(drop=True))
    quotes = _quotes(members, config)
    return LearningNeeds(needs, members, quotes, context.astype("string"))


def terms_of(cell: object) -> tuple[str, ...]:
    """The codebook terms found in a question (``members["termen"]``): a tuple, or the array a
    parquet file gives back; empty when none or missing.

    Examples
    --------
    >>> terms_of(("jeugdzorg", "wijkteams")), terms_of(None)
    (('jeugdzorg', 'wijkteams'), ())
    """
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ()
    return tuple(str(t) for t in cell)


def _quotes(members: pd.DataFrame, config: NeedConfig) -> pd.DataFrame:
    """Up to ``n_quotes`` different questions per need: the clearest first — most codebook terms
    found, then the shortest text, then alphabetical — each sharing at most
    ``config.quote_overlap`` of its content words with a quote already chosen. No float decides
    the order, so the quotes are the same on every machine (scores move with the processor,
    term counts do not)."""
    records = []
    for cid, group in members.groupby("cluster", sort=True):
        n_terms = group["termen"].map(lambda t: len(terms_of(t)))
        ranked = group.assign(_terms=n_terms, _len=group["text"].str.len()).sort_values(
            ["_terms", "_len", "text"], ascending=[False, True, True], kind="stable")
        picked: list[str] = []
        kept: list[set[str]] = []
        for text in ranked["text"]:
            # a quote that mostly repeats the words of one already chosen shows nothing new
            own = set(content_words(text))
            if any(len(own & other) > config.quote_overlap * len(own | other)
                   for other in kept):
                continue
            kept.append(own)
            picked.append(text)
            if len(picked) == config.questions.n_quotes:
                break
        records += [{"cluster": int(cid), "rank": k, "text": t}
                    for k, t in enumerate(picked, start=1)]
    out = pd.DataFrame.from_records(records, columns=["cluster", "rank", "text"])
    return out.astype({"cluster": "Int64", "rank": "Int64", "text": "string"})


def need_ranking(result: LearningNeeds, responses: pd.DataFrame, *,
                 by: str = "positie") -> pd.DataFrame:
    """The needs ranked within each group of municipalities (by default: position type).

    Parameters
    ----------
    result
        The output of :func:`learning_needs`.
    responses
        The processed ``responses`` table.
    by
        ``"positie"`` (``regions.respondents.positie``: CBS position, falling back to the
        self-reported one) or another column of ``responses`` (e.g. ``"functie"``).

    Returns
    -------
    DataFrame
        ``cluster``, ``label``, ``group``, ``n_gemeenten`` (distinct municipalities of the group
        asking), ``rank`` (1 = asked most within the group; ties by overall rank). Responses
        without a group are left out; needs nobody in a group asked have no row there.

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1"], "question_id": ["EF_leervraag"],
    ...                   "text": ["Hoe maak je prestatieafspraken?"]})
    >>> r = pd.DataFrame({"response_id": ["R1"], "gemeente_code": ["GM0200"],
    ...                   "positie_zelf": ["polycentrisch"]})
    >>> cfg = NeedConfig(text=TextConfig(use_embeddings=False))
    >>> res = learning_needs(t, r, config=cfg, cache_dir=None)
    >>> need_ranking(res, r)[["group", "rank"]].values.tolist()
    [['polycentrisch', 1]]
    """
    from pmg_analysis.regions.respondents import positie

    groups = positie(responses) if by == "positie" else responses[by]
    group_of = pd.Series(groups.to_numpy(), index=responses["response_id"].astype(str))
    ids = result.members["response_id"].astype(str)
    members = result.members.assign(
        group=ids.map(group_of),
        gemeente=ids.map(gemeente_of(responses)).fillna("response:" + ids))
    members = members[members["group"].notna()]
    counts = (members.groupby(["group", "cluster"], observed=True)["gemeente"].nunique()
              .rename("n_gemeenten").reset_index())
    counts = counts.merge(result.needs[["cluster", "label"]], on="cluster", how="left")
    counts = counts.sort_values(["group", "n_gemeenten", "cluster"],
                                ascending=[True, False, True], kind="stable")
    counts["rank"] = counts.groupby("group", observed=True).cumcount().add(1).astype("Int64")
    counts["n_gemeenten"] = counts["n_gemeenten"].astype("Int64")
    if isinstance(groups.dtype, pd.CategoricalDtype):
        counts["group"] = pd.Categorical(counts["group"], dtype=groups.dtype)
    return counts[["cluster", "label", "group", "n_gemeenten", "rank"]].reset_index(drop=True)


def proposed_terms(result: LearningNeeds, suggestion: str, *,
                   config: NeedConfig = NeedConfig()) -> pd.DataFrame:
    """Terms a researcher could give a suggested need, to confirm before accepting it.

    A word is proposed when it is a content word of the suggestion's questions, at least four
    letters, no survey or form word, no name of a municipality or region (:mod:`.places`: a
    place is where a question comes from, not what it is about), and not generic: it occurs in
    the questions of at most one other need of the result (a word such as "kost" or "levert"
    occurs all over). A word of one question only describes that question: it is proposed
    only when no word of two or more questions is left, and marked so (``een_vraag``).

    Returns
    -------
    DataFrame
        ``term`` (the most frequent written form), ``n_vragen`` (the suggestion's questions with
        it), ``n_elders`` (other needs whose questions have it), ``een_vraag`` (True: a word of
        a single question, proposed because nothing else is left), ordered by ``n_vragen``
        descending, then alphabetically. Example: see :func:`accept_suggestion`.
    """
    members = result.members
    own = members.loc[members["need"] == suggestion, "text"].drop_duplicates().tolist()
    if not own:
        raise ValueError(f"{suggestion} staat niet in dit resultaat.")
    whole = Preparer(frozenset())
    stops = {stem(w) for w in config.form_words | config.questions.label_stop_words}
    names = {w.lower() for text in own for name in (*place_names(text), *region_names(text))
             for w in words(name)}
    counts: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    for text in own:
        for w in set(content_words(text)):
            s = stem(w)
            if len(w) < 4 or s in stops or w.lower() in names:
                continue
            counts[s] = counts.get(s, 0) + 1
        for w in content_words(text):
            forms.setdefault(stem(w), {}).setdefault(w, 0)
            forms[stem(w)][w] += 1
    elsewhere: dict[str, set[str]] = {}
    for need, text in zip(members["need"], members["text"], strict=True):
        if need == suggestion:
            continue
        for s in {stem(t) for t in whole.tokens(text)} & set(counts):
            elsewhere.setdefault(s, set()).add(str(need))
    rows = [(min(forms[s], key=lambda f: (-forms[s][f], f)), n, len(elsewhere.get(s, ())),
             n == 1) for s, n in counts.items() if len(elsewhere.get(s, ())) <= 1]
    out = pd.DataFrame(rows, columns=["term", "n_vragen", "n_elders", "een_vraag"])
    if (~out["een_vraag"]).any():
        out = out[~out["een_vraag"]]
    out = out.sort_values(["n_vragen", "term"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True).astype({"term": "string", "n_vragen": "Int64",
                                              "n_elders": "Int64", "een_vraag": "boolean"})


def example_candidates(result: LearningNeeds, suggestion: str, *,
                       config: NeedConfig = NeedConfig()) -> pd.DataFrame:
    """The questions of a suggested need a researcher could confirm as its examples, most
    central first (the highest summed similarity of content words to the suggestion's other
    questions, then the shortest): a central question says what the need is about, an outlier
    only what it is about too. Pass the confirmed ones to :func:`accept_suggestion` as
    ``voorbeelden`` (at most three).

    Returns
    -------
    DataFrame
        ``rank`` (1 = most central), ``text``. Example: see :func:`accept_suggestion`.
    """
    texts = sorted(set(result.members.loc[result.members["need"] == suggestion, "text"]))
    if not texts:
        raise ValueError(f"{suggestion} staat niet in dit resultaat.")
    preparer = Preparer(config.text.lexicon().vocabulary)
    ranked = (_by_centrality(texts, _similarities(texts, config, preparer)) if len(texts) > 1
              else texts)
    return pd.DataFrame({"rank": pd.array(range(1, len(ranked) + 1), dtype="Int64"),
                         "text": pd.array(ranked, dtype="string")})


def accept_suggestion(result: LearningNeeds, suggestion: str, *, naam: str,
                      termen: tuple[str, ...] | list[str] = (),
                      voorbeelden: tuple[str, ...] | list[str] = (), beschrijving: str = "",
                      thema: str | None = None, opgave: str | None = None,
                      need_id: str | None = None, codebook: Codebook | None = None,
                      write_to: str | Path | None = None) -> Codebook:
    """Make a suggested new need a need of the codebook.

    The new need takes the suggestion's theme and opgave unless the researcher gives
    ``thema`` (and ``opgave``), and only what the researcher
    confirmed: the ``termen`` (candidates: :func:`proposed_terms`), the ``voorbeelden``
    (candidates: :func:`example_candidates`, the most central questions first) and a
    ``beschrijving``. Nothing is taken unasked: a generic word ("kost") would catch questions of
    other needs, and an outlying question as example would pull in questions like it. With
    ``write_to`` (for instance :data:`.codebook.USER_CODEBOOK`) the codebook is written there,
    and the next run uses it.

    Parameters
    ----------
    result
        The output of :func:`learning_needs`.
    suggestion
        The id of the suggestion (``nieuw_…``), see ``result.needs``.
    naam
        The Dutch name of the new need.
    termen
        The terms of the new need (confirmed by the researcher).
    voorbeelden
        Its example questions (confirmed; at most three).
    beschrijving
        Its description (one or two Dutch sentences: what the need is about).
    thema, opgave
        Its theme (EA, LD, SV, EF) and opgave (e.g. ``SV3``) when the suggestion's are not
        right; a theme without an opgave leaves the opgave empty.
    need_id
        Its id (default: the theme code and the first words of the name, e.g. ``ea_zzp``).
    codebook
        The codebook to add to (default: :func:`.codebook.load_codebook`).

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1", "R2"], "question_id": ["EA_leervraag"] * 2,
    ...                   "text": ["Hoe bereiken we zzp'ers?", "Zzp'ers en flexwerkers"]})
    >>> r = pd.DataFrame({"response_id": ["R1", "R2"], "gemeente_code": ["GM0200", "GM0202"]})
    >>> res = learning_needs(t, r, config=NeedConfig(text=TextConfig(use_embeddings=False)),
    ...                      cache_dir=None)
    >>> sid = res.needs["need"].iloc[0]
    >>> proposed_terms(res, sid)["term"].tolist()  # "bereiken": one question only
    ["zzp'ers"]
    >>> example_candidates(res, sid)["text"].tolist()
    ["Zzp'ers en flexwerkers", "Hoe bereiken we zzp'ers?"]
    >>> book = accept_suggestion(res, sid, naam="Zzp'ers en flexwerk", termen=["zzp'ers"],
    ...                          voorbeelden=["Hoe bereiken we zzp'ers?"],
    ...                          beschrijving="Zelfstandigen en flexwerkers bereiken.")
    >>> new = book.needs[-1]
    >>> new.id, new.termen, new.voorbeelden
    ('ea_zzp_ers_flexwerk', ("zzp'ers",), ("Hoe bereiken we zzp'ers?",))
    """
    row = result.needs[result.needs["need"] == suggestion]
    if row.empty or row["bron"].iloc[0] != VOORSTEL:
        raise CodebookError(f"{suggestion} is geen voorgestelde nieuwe behoefte in dit "
                            f"resultaat.")
    row = row.iloc[0]
    book = codebook if codebook is not None else load_codebook()
    theme = thema or (str(row["theme"]) if pd.notna(row["theme"]) else "SV")
    if thema is None and opgave is None and pd.notna(row["opgave"]):
        opgave = str(row["opgave"])
    slug = re.sub(r"[^a-z0-9]+", "_", "_".join(content_words(naam)[:2])).strip("_")
    need = Need.model_construct(id=need_id or f"{theme.lower()}_{slug}", naam=naam, thema=theme,
                                opgave=opgave,
                                beschrijving=beschrijving, termen=tuple(termen),
                                voorbeelden=tuple(voorbeelden))
    return with_need(book, need, write_to=write_to)


def agreement(truth: pd.Series, found: pd.Series) -> float:
    """Adjusted Rand index between two groupings of the same questions (1 = identical).

    Examples
    --------
    >>> agreement(pd.Series(["a", "a", "b"]), pd.Series([1, 1, 2]))
    1.0
    """
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(truth.astype(str), found.astype(str)))

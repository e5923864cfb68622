"""Learning questions: the sentences of the learning-question answers, and readable labels.

Unit: one learning question is one sentence. Respondents often put two or three questions in
one answer; each sentence of a ``{code}_leervraag`` or ``{code}_samen`` answer is therefore a
question of its own, and framing sentences without a question of their own ("Kort samengevat het
volgende.", "Zie ook ons collegeprogramma.") are left out (:attr:`QuestionConfig.framing`).
:mod:`.needs` assigns the questions to needs; :func:`labels` names a group of questions by its
most distinctive words (c-TF-IDF), in their most frequent written form.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Gt

from pmg_analysis.text.lexicon import Lexicon
from pmg_analysis.text.prepare import Preparer, stem, surface_forms, words


@dataclass(frozen=True)
class QuestionConfig:
    """Which sentences are learning questions and which words make a label, with reasons."""

    # Questions whose answers are learning questions.
    kinds: tuple[str, ...] = ("leervraag", "samen")
    # Words in a label: three are readable at a glance and usually tell the question apart.
    n_terms: Annotated[int, Ge(1)] = 3
    # Weight of a lexicon word in a label against other words: labels should name the subject.
    topic_boost: Annotated[float, Gt(0)] = 1.5
    # Quotes per need (two or three; a need asked once has one).
    n_quotes: Annotated[int, Ge(0)] = 3
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


SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\s*\n+\s*")


def sentences(text: str) -> list[str]:
    """The sentences of an answer (split after . ? ! and at line breaks).

    Examples
    --------
    >>> sentences("Hoe houden we talent vast? Wat werkt tegen leegstand.\\nEn verder")
    ['Hoe houden we talent vast?', 'Wat werkt tegen leegstand.', 'En verder']
    """
    return [p.strip() for p in SENTENCE_END.split(str(text)) if p and p.strip()]


def learning_questions(texts: pd.DataFrame, config: QuestionConfig = QuestionConfig()
                       ) -> pd.DataFrame:
    """One row per learning question: each sentence of a ``{code}_leervraag`` / ``{code}_samen``
    answer, framing sentences left out. Columns ``response_id``, ``question_id``, ``text``."""
    from pmg_analysis.instrument import load_instrument

    themes = load_instrument().theme_codes  # the instrument defines the themes, once
    pattern = rf"^(?:{'|'.join(themes)})_(?:{'|'.join(config.kinds)})$"
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


def labels(uniq: list[str], ids: np.ndarray, config: QuestionConfig, lexicon: Lexicon
           ) -> dict[int, str]:
    """A readable label per group id: its ``n_terms`` most distinctive words (c-TF-IDF)."""
    whole = Preparer(frozenset())  # labels from whole words: "huishoudens", not its pieces
    surface = surface_forms(uniq, whole)
    stops = {stem(w) for w in config.label_stop_words}
    per_cluster: dict[int, Counter[str]] = {}
    for text, cid in zip(uniq, ids, strict=True):
        stems = {stem(t) for t in whole.tokens(text)} - stops
        per_cluster.setdefault(int(cid), Counter()).update(s for s in stems if len(s) > 2)
    df = Counter(s for counts in per_cluster.values() for s in counts)
    n = len(per_cluster)
    topical = {s for e in lexicon.entries for s in e.stems}
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


def gemeente_of(responses: pd.DataFrame) -> pd.Series:
    """The municipality of each response (index ``response_id``); a response without one
    counts as its own ("response:<id>")."""
    code = responses.set_index(responses["response_id"].astype(str))["gemeente_code"]
    return code.astype(object).where(code.notna(), "response:" + code.index.to_series())



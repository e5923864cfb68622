"""Learning questions: the sentences of the learning-question answers, and readable labels.

Unit: one learning question is one sentence. Respondents often put two or three questions in
one answer; each sentence of a ``{code}_leervraag`` or ``{code}_samen`` answer is therefore a
question of its own. Some sentences are set aside as *context*, each with a reason code
(:data:`CONTEXT_REASONS`; :func:`answer_sentences` has them all, :func:`set_aside` the ones set
aside, :func:`set_aside_sentence` says it in Dutch):

- ``andere_taal``: every sentence of an answer that is not in Dutch (the ``taal`` column of the
  texts table, :mod:`pmg_analysis.language`): the Dutch steps cannot read it, and its words
  would become a suggested need of one municipality. It is shown apart
  (:func:`non_dutch_answers`).
- ``tabel``: a line of a pasted table or list: a tab, two or more ``|`` or ``;`` between short
  cells, mostly numbers, or one of three or more lines in a row with the same short structure
  ("LV15 · prognose", "LV16 · rogat"). Its cells are no questions.
- ``inleiding``: a framing sentence without a question of its own ("Kort samengevat het
  volgende.", "Zie ook ons collegeprogramma."; :attr:`QuestionConfig.framing`).
- ``boven_maximum``: an answer with more sentences than :attr:`QuestionConfig.max_per_answer`
  is a pasted text (a letter, a memo), not that many needs: its sentences that ask something
  (a question mark, or a question word at the start) count, up to the maximum, and the rest is
  context; without such sentences its first sentences count.

:mod:`.needs` assigns the questions to needs; :func:`labels` names a group of questions by its
most distinctive words (c-TF-IDF), in their most frequent written form.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Gt, Interval

from pmg_analysis.reasons import setting
from pmg_analysis.text.lexicon import Lexicon
from pmg_analysis.text.prepare import Preparer, stem, surface_forms, words


@dataclass(frozen=True)
class QuestionConfig:
    """Which sentences are learning questions and which words make a label, with reasons."""

    kinds: tuple[str, ...] = setting(("leervraag", "samen"), reason=(
        "Questions whose answers are learning questions."))
    n_terms: Annotated[int, Ge(1)] = setting(3, reason=(
        "Words in a label: three are readable at a glance and usually tell the question apart."))
    topic_boost: Annotated[float, Gt(0)] = setting(1.5, reason=(
        "Weight of a lexicon word in a label against other words: labels should name the "
        "subject."))
    n_quotes: Annotated[int, Ge(0)] = setting(3, reason=(
        "Quotes per need (two or three; a need asked once has one)."))
    max_per_answer: Annotated[int, Ge(1)] = setting(5, reason=(
        "Learning questions per answer at most. The example's answers and the 434 questions of "
        "the evaluation sets hold one to three sentences; respondents put \"two or three "
        "questions in one answer\". An answer of more than five sentences is a pasted letter or "
        "memo (one of 10,036 characters gave 17-19 questions): its questions count, the rest is "
        "context."))
    question_words: tuple[str, ...] = setting(
        (
            "hoe", "wat", "welke", "welk", "waar", "waarom", "wanneer", "wie", "hoeveel",
            "kunnen", "kan", "moeten", "moet", "zijn", "is", "leervraag", "kennisbehoefte",
            "vraag", "wij willen", "we willen", "graag weten", "wij zoeken", "we zoeken",
        ),
        reason=(
            "Words that open a sentence that asks something (besides a question mark): such "
            "sentences of a long answer are kept first."))
    table_min_numbers: Annotated[int, Ge(1)] = setting(3, reason=(
        "A line with at least this many numbers, making up at least ``table_number_share`` of "
        "its words and numbers, is a table row: a question names a year or a percentage, not "
        "three."))
    table_number_share: Annotated[float, Interval(ge=0, le=1)] = setting(0.3, reason=(
        "Share of numbers among the words and numbers of a table row (see "
        "``table_min_numbers``)."))
    table_run: Annotated[int, Ge(2)] = setting(3, reason=(
        "Lines with the same short structure in a row are the rows of a pasted table or list "
        "(\"LV15 · prognose\", \"LV16 · rogat\", \"Inwoners: 45.000\"); three make a table, as "
        "fewer can be two questions written alike."))
    table_row_words: Annotated[int, Ge(1)] = setting(6, reason=(
        "A table row is short: at most this many words (a question of a list is longer, and ends "
        "with a question mark, which keeps it a question)."))
    back_reference: tuple[str, ...] = setting(
        (
            r"\b(?:dit|deze|zo'n|zoiets|ze|hen)\b",
            r"\b(?:daar|hier)(?:in|bij|op|mee|voor|van|over|aan|door)\b",
            r"^(?:dat|die|daar|hier)\b", r"\bdat\W*$",
        ),
        reason=(
            "Patterns (case-insensitive) of a sentence that points back to the sentence before: "
            "\"Hoe herstel je dat?\", \"Hoe bouwen we sneller voor deze groep?\" has no "
            "subject of its own, so it and the sentence before are one learning question. "
            "'dat' and 'die' count only at the start or the end (\"Hoe zorgen we dat ...\" "
            "is no pointer), 'daarnaast' not at all (it opens another question). Read from the "
            "development sets: 21 of 178 questions of set seven were such a pair, and the "
            "follow-up alone went to a need of its own (\"Hoe blijven we dichtbij onze "
            "inwoners?\" to loneliness)."))
    framing: tuple[str, ...] = setting(
        (
            r"kort samengevat", r"lastig om", r"voor [\w .'-]+ zien we", r"dit speelt",
            r"zie (ook|eerdere|hierboven|boven|hieronder|onderstaande|bijlage)", r"veel hiervan",
            r"dit is nog niet",
            r"graag lichten", r"hier ligt ook", r"n\.?v\.?t", r"idem", r"geen\b", r"nee\b",
        ),
        reason=(
            "Sentences that frame an answer but ask nothing (matched at the start, "
            "case-insensitive)."))
    label_stop_words: frozenset[str] = setting(
        factory=lambda: frozenset({
            "leervraag", "kennisbehoefte", "samen", "platform", "pmg", "leren", "elkaar",
            "oppakken", "middelgrote", "middelgroot", "gemeente", "gemeenten", "vraag", "hoe",
            "goed", "zinvol", "ervaringen", "ervaring", "uitwisselen", "delen", "kennis", "werkt",
            "werken", "zorgen", "zorg", "krijgen", "maken", "maak", "houden", "houdt", "anderen",
            "andere", "gebruik", "gebruiken", "erin", "vinden", "helpen", "helpt", "geef", "geven",
            "onderzoeken", "gezamenlijk", "aanpak", "aanpakken", "manier", "kunnen", "kan", "ga",
            "gaan", "om", "echt", "concreet", "voorbeelden", "vergelijkbare", "zitten", "rol",
            "spelen", "lukt", "gelukt", "geslaagd", "betekent", "betekenen", "staan", "dezelfde",
            "omvang",
        }),
        reason=(
            "Words that say nothing about a learning question's content: the survey's own words "
            "and the verbs every question uses (\"hoe krijgen we ...\", \"wat werkt ...\")."))


SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\s*\n+\s*")
# Why a sentence of a learning-question answer is context and not a learning question.
CONTEXT_REASONS = {
    "andere_taal": "antwoord in een andere taal dan het Nederlands",
    "tabel": "regel uit een geplakte tabel of lijst",
    "inleiding": "inleidende zin zonder eigen vraag",
    "boven_maximum": "lang antwoord: meer zinnen dan het maximum aantal leervragen per antwoord",
}
_LIST_MARKER = re.compile(r"^\s*(?:[-*•·–—>]+|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)])\s+")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*%?")
_TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,:/-]\d+)*%?|[^\w\s]")


def sentences(text: str) -> list[str]:
    """The sentences of an answer (split after . ? ! and at line breaks).

    Examples
    --------
    >>> sentences("Hoe houden we talent vast? Wat werkt tegen leegstand.\\nEn verder")
    ['Hoe houden we talent vast?', 'Wat werkt tegen leegstand.', 'En verder']
    """
    return [p.strip() for p in SENTENCE_END.split(str(text)) if p and p.strip()]


def _shape(line: str) -> str:
    """The structure of a line: numbers as ``0``, runs of words as ``a``, other signs kept; a
    list marker at the start ("-", "1.") left out (a list of questions is still questions).

    Examples
    --------
    >>> _shape("LV15 · prognose"), _shape("Inwoners: 45.000"), _shape("- Wonen en zorg")
    ('a0·a', 'a:0', 'a')
    """
    out: list[str] = []
    for token in _TOKEN.findall(_LIST_MARKER.sub("", line)):
        kind = "0" if token[0].isdigit() else "a" if token[0].isalpha() else token
        if not (kind == "a" and out and out[-1] == "a"):
            out.append(kind)
    return "".join(out)


def table_lines(lines: list[str], config: QuestionConfig = QuestionConfig()) -> list[bool]:
    """Which lines of an answer are rows of a pasted table or list.

    A row has a tab, two or more ``|``, two or more ``;`` between short cells, or mostly
    numbers (:attr:`QuestionConfig.table_min_numbers`); or it is one of
    :attr:`QuestionConfig.table_run` or more lines in a row of the same short structure with a
    number or a sign besides words (:func:`_shape`). A line ending in a question mark is never
    a row.

    Examples
    --------
    >>> table_lines(["Prognose woningbehoefte:", "LV15 · prognose", "LV16 · rogat",
    ...              "LV17 · stabiel", "Hoe gaan anderen hiermee om?"])
    [False, True, True, True, False]
    >>> table_lines(["Wonen\\t2017\\t2018", "Hoe betrekken we inwoners bij de 3 decentralisaties?"])
    [True, False]
    """
    def alone(line: str) -> bool:
        if "\t" in line or line.count("|") >= 2:
            return True
        cells = [c for c in line.split(";") if c.strip()]
        if len(cells) >= 3 and max(len(words(c)) for c in cells) <= config.table_row_words:
            return True
        numbers = len(_NUMBER.findall(line))
        return (numbers >= config.table_min_numbers
                and numbers >= config.table_number_share * (numbers + len(words(line))))

    asks = [line.rstrip().endswith("?") for line in lines]
    row = [not q and alone(line) for line, q in zip(lines, asks, strict=True)]
    shapes = [_shape(line) if not q and len(words(line)) <= config.table_row_words else None
              for line, q in zip(lines, asks, strict=True)]
    start = 0
    while start < len(lines):
        end = start
        while end + 1 < len(lines) and shapes[end + 1] == shapes[start]:
            end += 1
        shape = shapes[start]
        if shape is not None and shape != "a" and end - start + 1 >= config.table_run:
            row[start:end + 1] = [True] * (end - start + 1)
        start = end + 1
    return row


def _asks(sentence: str, opening: re.Pattern[str]) -> bool:
    return sentence.rstrip().endswith("?") or bool(opening.match(sentence))


def _answer_sentences(answer: str, framing: re.Pattern[str], opening: re.Pattern[str],
                      config: QuestionConfig, back: re.Pattern[str]
                      ) -> list[tuple[str, str | None, int]]:
    """The sentences of one Dutch answer with their reason (None: a learning question) and the
    number of the learning question they belong to (:func:`_units`)."""
    lines = [line.strip() for line in str(answer).splitlines() if line.strip()]
    out: list[tuple[str, str | None]] = []
    line_of: list[int] = []
    for k, (line, is_row) in enumerate(zip(lines, table_lines(lines, config), strict=True)):
        if is_row:
            out.append((line, "tabel"))
            line_of.append(k)
            continue
        found = [(s, "inleiding" if framing.match(s) else None)
                 for s in sentences(line) if words(s)]
        out += found
        line_of += [k] * len(found)
    candidates = [i for i, (_, reason) in enumerate(out) if reason is None]
    if len(candidates) > config.max_per_answer:
        asking = [i for i in candidates if _asks(out[i][0], opening)]
        kept = set((asking or candidates)[:config.max_per_answer])
        out = [(s, "boven_maximum" if i in candidates and i not in kept else reason)
               for i, (s, reason) in enumerate(out)]
    units = _units(out, line_of, opening, back)
    return [(s, reason, unit) for (s, reason), unit in zip(out, units, strict=True)]


def _units(out: list[tuple[str, str | None]], line_of: list[int], opening: re.Pattern[str],
           back: re.Pattern[str]) -> list[int]:
    """Per sentence of one answer the number of its learning question. Two sentences of a line
    are one question when one states and the other asks ("Het centrum loopt 's avonds leeg. Hoe
    maak je een hart waar mensen willen zijn?") or when the second points back ("... Hoe
    herstel je dat?"); two questions, or two statements, each with a subject of their own stay
    two. A sentence set aside (a reason) is a unit of its own."""
    units: list[int] = []
    for i, ((s, reason), k) in enumerate(zip(out, line_of, strict=True)):
        prev = i - 1
        if (reason is None and prev >= 0 and out[prev][1] is None and line_of[prev] == k
                and (_asks(out[prev][0], opening) != _asks(s, opening) or back.search(s))):
            units.append(units[-1])
        else:
            units.append(i)
    return units


def answer_sentences(texts: pd.DataFrame, config: QuestionConfig = QuestionConfig()
                     ) -> pd.DataFrame:
    """Every sentence of every learning-question answer, with the reason it is context.

    Parameters
    ----------
    texts
        The texts table (``response_id``, ``question_id``, ``text``; ``taal`` when cleaned,
        else the language is worked out here).
    config
        See :class:`QuestionConfig`.

    Returns
    -------
    DataFrame
        ``response_id``, ``question_id``, ``text`` (the sentence, or a whole table line),
        ``reden`` (a code of :data:`CONTEXT_REASONS`; missing for a learning question),
        ``eenheid`` (the number of its learning question, unique in the table: a statement and
        the question beside it share one, see :func:`join_units`), in the order of the texts and of
        the sentences in each answer.

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1"], "question_id": ["EA_leervraag"],
    ...                   "text": ["Zie bijlage.\\nA | 12 | 13\\nHoe houden we talent vast?"]})
    >>> answer_sentences(t)[["text", "reden"]].values.tolist()
    [['Zie bijlage.', 'inleiding'], ['A | 12 | 13', 'tabel'], ['Hoe houden we talent vast?', nan]]
    """
    from pmg_analysis.instrument import load_instrument
    from pmg_analysis.language import DUTCH, languages

    themes = load_instrument().theme_codes  # the instrument defines the themes, once
    pattern = rf"^(?:{'|'.join(themes)})_(?:{'|'.join(config.kinds)})$"
    framing = re.compile(rf"^(?:{'|'.join(config.framing)})", re.IGNORECASE)
    opening = re.compile(rf"^(?:{'|'.join(config.question_words)})\b", re.IGNORECASE)
    back = re.compile("|".join(config.back_reference), re.IGNORECASE)
    qid = texts["question_id"].astype(str)
    text = texts["text"].astype(object).map(lambda t: "" if pd.isna(t) else str(t).strip())
    keep = (qid.str.match(pattern) & (text != "")).to_numpy()
    language = (texts["taal"].astype(str) if "taal" in texts.columns
                else pd.Series(np.asarray(languages(texts["text"]), dtype=object),
                               index=texts.index))
    records = []
    for rid, q, answer, lang in zip(texts["response_id"].astype(str)[keep], qid[keep],
                                    text[keep], language[keep], strict=True):
        if lang != DUTCH:
            found = [(s, "andere_taal", i)
                     for i, s in enumerate(x for x in sentences(answer) if words(x))]
        else:
            found = _answer_sentences(answer, framing, opening, config, back)
        # units numbered through the whole table: two answers never share one
        records += [(rid, q, s, reason, len(records) + unit) for s, reason, unit in found]
    out = pd.DataFrame.from_records(records, columns=["response_id", "question_id", "text",
                                                      "reden", "eenheid"])
    out["reden"] = pd.Categorical(out["reden"], categories=list(CONTEXT_REASONS))
    return out.astype({"response_id": "string", "question_id": "string", "text": "string",
                       "eenheid": "Int64"})


def learning_questions(texts: pd.DataFrame, config: QuestionConfig = QuestionConfig()
                       ) -> pd.DataFrame:
    """One row per sentence of a learning question: each sentence of a ``{code}_leervraag`` /
    ``{code}_samen`` answer, context sentences (:func:`answer_sentences`) left out. Columns
    ``response_id``, ``question_id``, ``text``, ``eenheid`` (sentences of one learning
    question share it: :func:`join_units` makes them one row)."""
    rows = answer_sentences(texts, config)
    rows = rows[rows["reden"].isna()]
    out = pd.DataFrame({c: rows[c].astype(object).tolist()
                        for c in ("response_id", "question_id", "text")})
    out["eenheid"] = rows["eenheid"].to_numpy(dtype=np.int64)
    return out


def join_units(rows: pd.DataFrame) -> pd.DataFrame:
    """The sentences of each learning question joined into one row (``text`` the sentences in
    their order, other columns of the first), without ``eenheid``.

    Examples
    --------
    >>> answer = "Het centrum loopt leeg. Hoe houden we het levendig? Wat doen we met de markt?"
    >>> t = pd.DataFrame({"response_id": ["R1"], "question_id": ["EF_leervraag"],
    ...                   "text": [answer]})
    >>> join_units(learning_questions(t))["text"].tolist()
    ['Het centrum loopt leeg. Hoe houden we het levendig?', 'Wat doen we met de markt?']
    """
    if rows.empty:
        return rows.drop(columns="eenheid", errors="ignore")
    keys = ["response_id", "question_id", "eenheid"]
    first = rows.drop_duplicates(keys).set_index(keys)
    text = rows.groupby(keys, sort=False)["text"].agg(" ".join)
    return first.assign(text=text).reset_index().drop(columns="eenheid")[list(
        c for c in rows.columns if c != "eenheid")]


def set_aside(texts: pd.DataFrame, config: QuestionConfig = QuestionConfig()) -> pd.DataFrame:
    """The sentences of learning-question answers set aside as context: ``response_id``,
    ``question_id``, ``text``, ``reden`` (:data:`CONTEXT_REASONS`)."""
    rows = answer_sentences(texts, config)
    return rows[rows["reden"].notna()].reset_index(drop=True)


def set_aside_sentence(aside: pd.DataFrame, config: QuestionConfig = QuestionConfig()) -> str:
    """One Dutch paragraph for notebook 04: how many sentences of the learning-question answers
    were set aside as context, and why (``aside``: :func:`set_aside`); empty when none.

    Examples
    --------
    >>> aside = pd.DataFrame({"response_id": ["R1"] * 3 + ["R2"],
    ...     "reden": ["tabel", "tabel", "boven_maximum", "andere_taal"]})
    >>> print(set_aside_sentence(aside))  # doctest: +NORMALIZE_WHITESPACE
    4 zinnen uit de antwoorden op de leervragen tellen niet als leervraag maar als context:
    2 regels uit een geplakte tabel of lijst, 1 zin uit een lang antwoord (meer dan 5 zinnen:
    een geplakte brief of notitie; daarvan tellen alleen de vragen, hooguit 5) en 1 zin uit
    een antwoord in een andere taal dan het Nederlands (de antwoorden in een andere taal staan
    apart).
    """
    if aside.empty:
        return ""
    counts = aside["reden"].astype(str).value_counts()

    def n(code: str, one: str, more: str) -> str:
        k = int(counts.get(code, 0))
        return f"{k} {one if k == 1 else more}"

    m = config.max_per_answer
    parts = {
        "tabel": n("tabel", "regel", "regels") + " uit een geplakte tabel of lijst",
        "boven_maximum": n("boven_maximum", "zin", "zinnen") + f" uit een lang antwoord (meer "
                         f"dan {m} zinnen: een geplakte brief of notitie; daarvan tellen alleen "
                         f"de vragen, hooguit {m})",
        "inleiding": n("inleiding", "inleidende zin", "inleidende zinnen") + " zonder eigen "
                     "vraag (zoals \u201cZie bijlage.\u201d)",
        "andere_taal": n("andere_taal", "zin", "zinnen") + " uit een antwoord in een andere taal "
                       "dan het Nederlands (de antwoorden in een andere taal staan apart)",
    }
    said = [parts[code] for code in parts if counts.get(code, 0)]
    listed = said[0] if len(said) == 1 else ", ".join(said[:-1]) + " en " + said[-1]
    total = len(aside)
    noun = "zin" if total == 1 else "zinnen"
    verb = "telt" if total == 1 else "tellen"
    return (f"{total} {noun} uit de antwoorden op de leervragen {verb} niet als leervraag maar "
            f"als context: {listed}.")


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




NON_DUTCH_COLUMNS = ["Gemeente", "Vraag", "Taal", "Antwoord"]


def non_dutch_answers(texts: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """The open answers not written in Dutch, one row per answer, for notebook 04.

    They are kept out of the Dutch text steps (their sentences are context with reason
    ``andere_taal``, so they form no suggested need of their own) and shown here instead.

    Parameters
    ----------
    texts
        The texts table (``taal`` when cleaned, else the language is worked out here).
    responses
        The responses table (``response_id``, ``gemeente_naam``).

    Returns
    -------
    DataFrame
        ``Gemeente``, ``Vraag`` (the question's text), ``Taal`` (in Dutch, e.g. "Fries"),
        ``Antwoord``; by municipality, then question order.

    Examples
    --------
    >>> t = pd.DataFrame({"response_id": ["R1", "R1"],
    ...                   "question_id": ["EA_leervraag", "EA_samen"],
    ...                   "text": ["Hoe krije wy jonge minsken oan it wurk yn ús regio?",
    ...                            "Hoe houden we jongeren vast in de regio?"]})
    >>> r = pd.DataFrame({"response_id": ["R1"], "gemeente_naam": ["Heerenveen"]})
    >>> non_dutch_answers(t, r)[["Gemeente", "Taal"]].values.tolist()
    [['Heerenveen', 'Fries']]
    """
    from pmg_analysis.instrument import load_instrument
    from pmg_analysis.language import DUTCH, language_name, languages

    language = (texts["taal"].astype(str) if "taal" in texts.columns
                else pd.Series(np.asarray(languages(texts["text"]), dtype=object),
                               index=texts.index))
    other = texts[(language != DUTCH).to_numpy()]
    questions = load_instrument().questions
    order = {q.id: k for k, q in enumerate(questions)}
    wording = {q.id: q.text for q in questions}
    names = dict(zip(responses["response_id"].astype(str),
                     responses["gemeente_naam"].astype(object), strict=True))
    qid = other["question_id"].astype(str)
    table = pd.DataFrame({
        "Gemeente": other["response_id"].astype(str).map(names).fillna("(onbekend)").to_numpy(),
        "Vraag": qid.map(wording).fillna(qid).to_numpy(),
        "Taal": language[other.index].map(language_name).to_numpy(),
        "Antwoord": other["text"].astype(str).to_numpy(),
        "_order": qid.map(order).fillna(len(order)).to_numpy(),
    }, columns=[*NON_DUTCH_COLUMNS, "_order"])
    table = table.sort_values(["Gemeente", "_order", "Antwoord"], kind="stable")
    return table[NON_DUTCH_COLUMNS].astype("string").reset_index(drop=True)


def non_dutch_sentence(table: pd.DataFrame) -> str:
    """One Dutch sentence on the answers of :func:`non_dutch_answers` (empty when none).

    Examples
    --------
    >>> t = pd.DataFrame({"Gemeente": ["Heerenveen", "Sneek"], "Taal": ["Fries", "Fries"]})
    >>> print(non_dutch_sentence(t))  # doctest: +NORMALIZE_WHITESPACE
    2 open antwoorden uit 2 gemeenten zijn in een andere taal geschreven (2 Fries). De
    tekstanalyse leest Nederlands: ze vormen geen eigen voorgestelde leerbehoefte en staan
    hieronder apart.
    """
    if table.empty:
        return ""
    per = table["Taal"].astype(str).value_counts()
    languages_said = ", ".join(f"{n} {name}" for name, n in
                               sorted(per.items(), key=lambda kv: (-kv[1], kv[0])))
    n, m = len(table), table["Gemeente"].nunique()
    answers = "open antwoord" if n == 1 else "open antwoorden"
    verb = "is" if n == 1 else "zijn"
    gemeenten = "gemeente" if m == 1 else "gemeenten"
    return (f"{n} {answers} uit {m} {gemeenten} {verb} in een andere taal geschreven "
            f"({languages_said}). De tekstanalyse leest Nederlands: "
            f"{'het vormt' if n == 1 else 'ze vormen'} geen eigen voorgestelde leerbehoefte en "
            f"{'staat' if n == 1 else 'staan'} hieronder apart.")

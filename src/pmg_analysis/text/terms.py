"""Codebook terms found in learning questions, and a term check for the researcher.

How a term of the codebook is matched in a question:

- **One word, one count.** A term counts once per distinct stem, however many of its forms the
  codebook lists ("betaalbaar" and "betaalbare", "buurt" and "buurten" are one term), and a term
  inside a longer term of the same need found at the same place counts once ("wijken" in
  "kwetsbare wijken").
- **Phrases with their stop words.** A term of several words is matched as a phrase on every
  word of the question, its stop words included ("van het gas af", "afstand tot de
  arbeidsmarkt"); letters with digits stay one word ("g40", "co2").
- **Compounds at a real boundary.** A word of the question is split into the parts of a compound
  only where both sides are words (:func:`.prepare.split_compound`), so "vergunninghouders" does
  not hide "ouders"; a hyphenated name stays whole ("Oost-Europa" is not "Europa").
- **A typing error in a long word.** A question word of at least :data:`TYPO_MIN` letters that
  finds no term and is no Dutch word itself (the word list of ``wordfreq``: "leegstaande" is
  not a misspelt "leegstand") is matched to a one-word term of that length one edit away (a
  letter missing, extra, wrong or two swapped: "arbiedsbeperking", "burgerinitatieven"); an
  integer distance, so the same on every machine. Short words are left alone ("raad" is not
  "baad").
- **No over-stemming.** Two words with the same stem match only when what the stemmer took off
  is an inflection ("woning"/"woningen", "verduurzaming"/"verduurzamen"), not a derivation:
  "bereikbaarheid" is not "bereiken", "betaalbaar" is not "betaal".

:func:`term_check` turns this into tidy tables a researcher reads before editing the codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from rapidfuzz.distance import DamerauLevenshtein
from wordfreq import zipf_frequency

from pmg_analysis.io.normalise import strip_diacritics
from pmg_analysis.text.codebook import Codebook
from pmg_analysis.text.prepare import Preparer, stem, stop_words

# A word: letters and digits, with an apostrophe ("zzp'ers") or a hyphen inside.
TOKEN = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# What a Dutch stemmer may take off a word without changing what it names: inflections,
# diminutives and the -ing/-en pair of a verb and its noun ("verduurzaming", "verduurzamen").
# Derivations ("-baar", "-heid", "-lijk") change the word: "bereikbaarheid" is not "bereiken".
INFLECTIONS = frozenset({
    "", "e", "en", "n", "s", "'s", "es", "er", "ers", "ere", "eren", "t", "te", "ten", "d",
    "de", "den", "ing", "ingen", "je", "jes", "tje", "tjes", "ën",
})

# Letters of a word and a one-word term before a typing error is forgiven: at nine letters one
# edit leaves two different words of the codebook's kind apart ("werkgevers"/"werknemers" are
# two edits apart); below it, one edit makes another word too easily ("raad"/"baad").
TYPO_MIN = 9


@dataclass(frozen=True)
class Token:
    """One word of a text or term: its surface form, stem and whether it is a stop word."""

    surface: str
    stem: str
    stop: bool


@cache
def _normal(word: str) -> str:
    """Spelling alternations of Dutch inflection undone: doubled vowels and consonants single,
    z/v as s/f ("huur"/"huren", "gas"/"gassen", "verhuizen"/"verhuis"). A vowel is doubled by
    inflection only before a single consonant (an open syllable after it): before two it is
    another vowel ("leegstaande", vacant, is not "leegstand", vacancy).

    Examples
    --------
    >>> _normal("huur"), _normal("huren"), _normal("leegstaande"), _normal("leegstand")
    ('hur', 'huren', 'leegstaande', 'leegstand')
    """
    w = re.sub(r"([aeou])\1(?=[b-df-hj-np-tv-z](?![b-df-hj-np-tv-z]))", r"\1", word)
    w = re.sub(r"([b-df-hj-np-tv-z])\1", r"\1", w)
    return w.replace("z", "s").replace("v", "f")


@cache
def same_word(a: str, b: str) -> bool:
    """True when two words of the same stem differ only by an inflection.

    Examples
    --------
    >>> same_word("woningen", "woning"), same_word("huren", "huur")
    (True, True)
    >>> same_word("bereikbaarheid", "bereiken"), same_word("betaalbaar", "betaal")
    (False, False)
    """
    if a == b:
        return True
    x, y = _normal(a), _normal(b)
    n = 0
    while n < min(len(x), len(y)) and x[n] == y[n]:
        n += 1
    return x[n:] in INFLECTIONS and y[n:] in INFLECTIONS


def _joined(term: str) -> tuple[Token, ...]:
    """A term with a hyphen inside a word written as one word ("re-integratie" as
    "reintegratie"); empty when it has none."""
    joined = re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", "", term)
    return term_tokens(joined) if joined != term else ()


def _words(text: str) -> list[str]:
    """The words of a text, lower case; a hyphenated word splits unless it is a name whose
    parts all start with a capital ("Oost-Europa", "Noord-Brabant")."""
    out: list[str] = []
    for w in TOKEN.findall(strip_diacritics(str(text).replace("’", "'"))):
        parts = w.split("-")
        if len(parts) > 1 and all(p[:1].isupper() for p in parts):
            out.append(w.lower())
        else:
            out += [p.lower() for p in parts if p]
    return out


def _token(word: str) -> Token:
    if word in stop_words() or len(word) == 1:
        return Token(word, word, True)
    if any(c.isdigit() for c in word) or "-" in word:
        return Token(word, word, False)
    return Token(word, _key(word), False)


@cache
def _key(word: str) -> str:
    """The stem a word is found and counted by: the stemmer's, with the spelling alternations
    of inflection undone and a plural -s after -ie taken off, both of which the classic Snowball
    stemmer leaves ("grondstoffen", "fracties"); :func:`same_word` still decides a match.

    Examples
    --------
    >>> _key("fracties") == _key("fractie"), _key("grondstoffen") == _key("grondstof")
    (True, True)
    """
    key = _normal(stem(word))
    return key[:-1] if key.endswith("ies") else key


# "wijk voor wijk", "stap voor stap", "straat na straat": a manner of working, not a subject
REPEAT_LINKS = frozenset({"voor", "na", "per", "om", "bij", "aan"})


def text_tokens(text: str, preparer: Preparer) -> list[Token]:
    """Every word of a question in order, stop words included, compounds split into parts. A
    word repeated around "voor", "na" ... ("wijk voor wijk") says how, not what: a stop word.

    Examples
    --------
    >>> [t.surface for t in text_tokens("Van het gas af in Oost-Europa", Preparer(frozenset()))]
    ['van', 'het', 'gas', 'af', 'in', 'oost-europa']
    >>> [t.stop for t in text_tokens("wijk voor wijk", Preparer(frozenset()))]
    [True, True, True]
    """
    ws = _words(text)
    manner = {j for i in range(len(ws) - 2)
              if ws[i] == ws[i + 2] and ws[i + 1] in REPEAT_LINKS for j in (i, i + 2)}
    out: list[Token] = []
    for k, word in enumerate(ws):
        if k in manner:
            out.append(Token(word, word, True))
            continue
        tok = _token(word)
        if tok.stop or tok.stem == word and not word.isalpha():
            out.append(tok)
        else:
            out += [_token(p) for p in preparer.parts(word)]
    return out


def term_tokens(term: str) -> tuple[Token, ...]:
    """The words of a codebook term (not split: the term says what it means).

    Examples
    --------
    >>> [t.stem for t in term_tokens("Afstand tot de arbeidsmarkt")]
    ['afstand', 'tot', 'de', 'arbeidsmarkt']
    """
    return tuple(_token(w) for w in _words(term))


@cache
def term_key(term: str) -> tuple[str, ...]:
    """What makes two terms one: the stems of their words (exact words for stop words).

    Examples
    --------
    >>> term_key("betaalbaar") == term_key("betaalbare"), term_key("buurt") == term_key("buurten")
    (True, True)
    >>> term_key("lijk") == term_key("lijken")  # "lijken" alone is a stop word, still one term
    True
    """
    tokens = term_tokens(term)
    if len(tokens) == 1 and tokens[0].stop and len(tokens[0].surface) > 1:
        return (_key(tokens[0].surface),)
    return tuple(t.stem for t in tokens)


def _matches(word: Token, term: Token) -> bool:
    if term.stop or word.stop:
        return word.surface == term.surface
    return word.stem == term.stem and same_word(word.surface, term.surface)


def _one_typo(word: str, term: str) -> bool:
    """``word`` is ``term`` (or an inflected form of it) with one typing error.

    Examples
    --------
    >>> _one_typo("arbiedsbeperking", "arbeidsbeperking"), _one_typo("burgerinitatieven",
    ...                                                              "burgerinitiatief")
    (True, True)
    >>> _one_typo("werknemers", "werkgevers")
    False
    """
    if word == term:
        return False
    if DamerauLevenshtein.distance(word, term, score_cutoff=1) <= 1:
        return True
    # an inflected form with the error (spelling alternations undone: "initiatief" and
    # "initatieven"): the word's first letters, one more or fewer than the term has, against it
    w, t = _normal(word), _normal(term)
    return any(w[k:] in INFLECTIONS and w[k:] != w
               and DamerauLevenshtein.distance(w[:k], t, score_cutoff=1) <= 1
               for k in (len(t) - 1, len(t), len(t) + 1) if 0 < k < len(w))


@cache
def dutch_word(word: str) -> bool:
    """``word`` is a Dutch word as it is written (in the word list of ``wordfreq``), so no
    typing error of another: "leegstaande" (vacant) is no misspelt "leegstand" (vacancy).

    Examples
    --------
    >>> dutch_word("leegstaande"), dutch_word("arbiedsbeperking")
    (True, False)
    """
    return zipf_frequency(word, "nl") > 0


@dataclass(frozen=True)
class Hit:
    """A term found in a text: its need (position in the codebook), the term, its key, where."""

    need: int
    term: str
    key: tuple[str, ...]
    start: int
    end: int
    found: str


class TermIndex:
    """The terms of a codebook, ready to be found in texts.

    Examples
    --------
    >>> from pmg_analysis.text.codebook import load_codebook
    >>> book = load_codebook()
    >>> idx = TermIndex(book, Preparer(frozenset()))
    >>> found = idx.found("Hoe komen we van het gas af, wijk voor wijk?", len(book))
    >>> found[book.ids.index("ef_energietransitie")]
    ['van het gas af']
    """

    def __init__(self, book: Codebook, preparer: Preparer):
        self.preparer = preparer
        self.terms: list[tuple[int, str, tuple[Token, ...]]] = []
        self.index: dict[str, list[tuple[int, str, tuple[Token, ...]]]] = {}
        # one-word terms long enough to be found with a typing error
        self.long: list[tuple[int, str, tuple[Token, ...]]] = []
        for j, need in enumerate(book.needs):
            for term in need.termen:
                # a hyphenated word is also written as one ("re-integratie", "reintegratie")
                for toks in dict.fromkeys(filter(None, (term_tokens(term), _joined(term)))):
                    # a term of stop words only ("ja, mits") matches those exact words
                    entry = (j, term, toks)
                    self.terms.append(entry)
                    self.index.setdefault(toks[0].stem, []).append(entry)
                    if len(toks) == 1 and not toks[0].stop and len(toks[0].surface) >= TYPO_MIN:
                        self.long.append(entry)

    def hits(self, text: str) -> list[Hit]:
        """Every term found in ``text``, with its place (token positions)."""
        toks = text_tokens(text, self.preparer)
        out = []
        for i, tok in enumerate(toks):
            for j, term, seq in self.index.get(tok.stem, ()):
                window = toks[i:i + len(seq)]
                if len(window) == len(seq) and all(map(_matches, window, seq)):
                    out.append(Hit(j, term, term_key(term), i, i + len(seq),
                                   " ".join(t.surface for t in window)))
        found_at = {h.start for h in out}
        for i, tok in enumerate(toks):
            if (i in found_at or tok.stop or len(tok.surface) < TYPO_MIN
                    or dutch_word(tok.surface)):
                continue
            for j, term, seq in self.long:
                if _one_typo(tok.surface, seq[0].surface):
                    out.append(Hit(j, term, term_key(term), i, i + 1, tok.surface))
        return out

    def found(self, text: str, n_needs: int) -> list[list[str]]:
        """Per need, its distinct terms found in ``text`` (codebook spelling, codebook order):
        one per stem, and a term inside a longer term of the same need found there counts once.
        """
        out: list[list[str]] = [[] for _ in range(n_needs)]
        for j, hits in _by_need(self.hits(text)).items():
            out[j] = distinct(hits)
        return out


def _by_need(hits: list[Hit]) -> dict[int, list[Hit]]:
    groups: dict[int, list[Hit]] = {}
    for h in hits:
        groups.setdefault(h.need, []).append(h)
    return groups


def distinct(hits: list[Hit]) -> list[str]:
    """The terms that count among the hits of one need: hits inside a longer hit dropped, then
    one term per key (the first listed)."""
    kept = [h for h in hits if not any(o is not h and o.start <= h.start and h.end <= o.end
                                       and (o.end - o.start) > (h.end - h.start) for o in hits)]
    seen: dict[tuple[str, ...], str] = {}
    for h in kept:
        seen.setdefault(h.key, h.term)
    return list(seen.values())


# ------------------------------------------------------------------------------ the term check
@dataclass(frozen=True)
class TermCheck:
    """Tidy tables about the codebook's terms on a set of questions (see :func:`term_check`)."""

    matches: pd.DataFrame  # need, term, text, gevonden: one row per question a term matched
    never: pd.DataFrame  # need, term, reden: terms that can never match
    duplicates: pd.DataFrame  # need, term, zelfde_als: terms with the stem of an earlier one
    shared: pd.DataFrame  # term_key, term, need: terms (by stem) listed in several needs
    without: pd.DataFrame  # need, term, text, nu, zonder: questions whose need changes without it


def _never(book: Codebook, preparer: Preparer) -> pd.DataFrame:
    rows = []
    for need in book.needs:
        for term in need.termen:
            toks = term_tokens(term)
            if not toks:
                rows.append((need.id, term, "geen_woorden"))
            else:
                # the term written as a question must find itself
                idx = TermIndex(Codebook((need.model_copy(update={"termen": (term,)}),), ""),
                                preparer)
                if not idx.hits(term):
                    rows.append((need.id, term, "vindt_zichzelf_niet"))
    return pd.DataFrame(rows, columns=["need", "term", "reden"]).astype("string")


def _duplicates(book: Codebook) -> pd.DataFrame:
    """Terms of a need that find exactly what an earlier term of it finds (the same stems and
    only an inflection apart): they add nothing."""
    rows = []
    for need in book.needs:
        first: list[tuple[tuple[Token, ...], str]] = []
        for term in need.termen:
            toks = term_tokens(term)
            same = next((t for toks0, t in first if len(toks0) == len(toks)
                         and all(a.stem == b.stem and same_word(a.surface, b.surface)
                                 for a, b in zip(toks0, toks, strict=True))), None)
            if same is not None:
                rows.append((need.id, term, same))
            else:
                first.append((toks, term))
    return pd.DataFrame(rows, columns=["need", "term", "zelfde_als"]).astype("string")


def _shared(book: Codebook) -> pd.DataFrame:
    rows = [(" ".join(term_key(t)), t, n.id) for n in book.needs for t in n.termen
            if term_key(t)]
    frame = pd.DataFrame(rows, columns=["term_key", "term", "need"])
    several = frame.groupby("term_key")["need"].transform("nunique") > 1
    return (frame[several].drop_duplicates(["term_key", "need"])
            .sort_values(["term_key", "need"]).reset_index(drop=True).astype("string"))


def term_check(book: Codebook, questions: pd.DataFrame, *, config=None,
               cache_dir: Path | None = None) -> TermCheck:
    """Check the codebook's terms on a set of learning questions.

    Parameters
    ----------
    book
        The codebook.
    questions
        The questions: ``members`` of :func:`.needs.learning_needs`, or any frame with ``text``
        (and ``question_id``, whose first two letters are the theme asked).
    config
        :class:`.needs.NeedConfig` (default: the standard one).
    cache_dir
        Where the embedding cache lives (the scores without a term use the language model too).

    Returns
    -------
    TermCheck
        ``matches`` (per term the questions it matched and the words it matched there),
        ``never`` (terms that can never match: ``reden`` ``geen_woorden`` or
        ``vindt_zichzelf_niet``), ``duplicates`` (terms that find what an earlier term of the
        same need finds: they add nothing), ``shared`` (terms, by stem, listed in more than one
        need), ``without`` (questions whose need would change if the term were left out:
        ``nu`` and ``zonder``, NA for no need).
    """
    from pmg_analysis.text import needs as needs_mod

    cfg = config if config is not None else needs_mod.NeedConfig()
    prep = Preparer(needs_mod._vocabulary(book, cfg))
    idx = TermIndex(book, prep)
    texts, asked, own = _distinct_questions(questions)
    hits = [idx.hits(t) for t in texts]
    rows = [(book.ids[h.need], h.term, t, h.found) for t, hs in zip(texts, hits, strict=True)
            for h in hs]
    matches = (pd.DataFrame(rows, columns=["need", "term", "text", "gevonden"])
               .drop_duplicates(["need", "term", "text"])
               .sort_values(["need", "term", "text"]).reset_index(drop=True).astype("string"))
    without = _without(book, texts, asked, own, hits, cfg, cache_dir)
    return TermCheck(matches, _never(book, prep), _duplicates(book), _shared(book), without)


def _distinct_questions(questions: pd.DataFrame
                        ) -> tuple[list[str], list[str | None], list[frozenset[str]] | None]:
    """Each distinct text once: its text, the theme asked (first two letters of
    ``question_id``) and, with a ``gemeente`` column, the municipalities that asked it (their
    own name is no neighbour; without it no municipality name counts)."""
    from pmg_analysis.text.places import place_code

    first = questions.drop_duplicates("text")
    texts = first["text"].astype(str).tolist()
    asked = (first["question_id"].astype(str).str.slice(0, 2).tolist()
             if "question_id" in first else [None] * len(texts))
    own = None
    if "gemeente" in questions:
        by_text = questions.groupby("text", sort=False)["gemeente"].agg(
            lambda g: frozenset(place_code(str(x)) for x in g))
        own = [by_text[t] for t in first["text"]]
    return texts, asked, own


def _without(book: Codebook, texts: list[str], asked: list[str | None],
             own: list[frozenset[str]] | None, hits: list[list[Hit]], config,
             cache_dir: Path | None) -> pd.DataFrame:
    """For each term that matched, the questions whose chosen need changes without it (the
    other parts of the score stay as they are)."""
    from pmg_analysis.text import needs as needs_mod

    cols = ["need", "term", "text", "nu", "zonder"]
    rows = []
    if texts:
        base, found, _ = needs_mod._score_parts(texts, asked, book, config=config,
                                                cache_dir=cache_dir, own=own)

        def best(score: np.ndarray) -> str | None:
            return _chosen(score[None, :], book, config)[0]

        full = base + needs_mod.lexical_scores(found, config)
        for i, text in enumerate(texts):
            now = best(full[i])
            per_need = _by_need(hits[i])
            for j, need_hits in sorted(per_need.items()):
                for term in dict.fromkeys(h.term for h in need_hits):
                    kept = distinct([h for h in need_hits if h.term != term])
                    score = full[i].copy()
                    score[j] = base[i, j] + min(len(kept), config.max_terms) * (
                        config.lexical_weight)
                    after = best(score)
                    if after != now:
                        rows.append((book.ids[j], term, text, now, after))
    out = pd.DataFrame(rows, columns=cols).sort_values(["need", "term", "text"])
    return out.reset_index(drop=True).astype("string")


VERDICTS = ("vindt niets", "verschuift fout", "vuurt elders", "helpt", "verandert niets",
            "verschuift (ongetoetst)")


def term_trial(book: Codebook, need: str, terms: list[str], questions: pd.DataFrame, *,
               config=None, cache_dir: Path | None = None,
               same_need: dict[str, str] | None = None,
               read_from: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """What proposed terms of ``need`` would do on questions beyond those they were read from.

    Run it on as many questions as there are (labelled sets where they exist) before adding a
    term. It scores what the assignment scores: each question's learning questions
    (:func:`.questions.learning_questions`) without context, its need that of its best-scoring
    sentence (as :func:`.evaluate.question_needs` reads it).

    Parameters
    ----------
    book
        The codebook (the terms are tried one at a time, added to ``need``).
    need
        The need the terms are for (a new need: first :func:`.codebook.with_need`).
    terms
        The proposed terms.
    questions
        Frame with ``text`` and ``question_id`` (``{theme}_leervraag``: the theme asked),
        optionally ``gemeente`` (who asked: their own name is no neighbour; without it every
        municipality name counts, as in a run without municipalities) and ``behoefte`` (the
        true need of a labelled set). Each distinct text is one question.
    same_need
        The researcher's own need ids mapped to the set's ids (as in
        :func:`.evaluate.evaluate`): a question moved to a new need counts as right when the
        set has that need under another id.
    read_from
        The questions the terms were read from: left out, so that a term proves itself on
        other questions (a term that only fixes its own question "vindt niets").

    Returns
    -------
    DataFrame
        One row per term: ``n_vragen`` (questions it fires in), ``n_andere`` (of those, with
        ``behoefte``: questions whose true need is another need, so not the questions it is
        meant to fix; without ``behoefte``: questions given another need or none before the term,
        which includes those it is meant to fix), ``n_verandert`` (questions whose need changes
        by adding it), ``n_goed`` and ``n_fout`` (changes to the true need, and the others; NA
        without ``behoefte``), ``oordeel`` (Dutch: "vindt niets" — fires nowhere; "verschuift
        fout" — moves a question away from its true need or to a wrong one; "vuurt elders" —
        fires in more than one question of another need; "helpt" — moves questions to their true
        need only; "verandert niets"; without ``behoefte`` "verschuift (ongetoetst)"),
        ``voorbeeld_andere`` (a question of another need it fires in). Ordered by ``n_andere``
        then ``term``: specific terms first. Keep a term when its verdict is "helpt".

    Examples
    --------
    >>> from pmg_analysis.text.codebook import load_codebook
    >>> from pmg_analysis.text.needs import NeedConfig
    >>> from pmg_analysis.text.coder import TextConfig
    >>> q = pd.DataFrame({"text": ["Hoe houden we de treinverbinding naar de stad?",
    ...                            "Hoe laten we jongeren sporten?"],
    ...                   "question_id": ["EF_leervraag", "SV_leervraag"],
    ...                   "behoefte": ["ef_mobiliteit", "sv_preventie_gezondheid"]})
    >>> cfg = NeedConfig(text=TextConfig(use_embeddings=False))
    >>> t = term_trial(load_codebook(), "ef_mobiliteit", ["verbinding", "sporten", "metro"], q,
    ...                config=cfg)
    >>> t[["term", "n_vragen", "n_andere", "oordeel"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['metro', 0, 0, 'vindt niets'], ['verbinding', 1, 0, 'verandert niets'],
     ['sporten', 1, 1, 'verandert niets']]
    """
    cfg, first, texts, responses = _trial_setup(questions, config, read_from)
    unit, found = _trial_units(book, first, texts, responses, cfg, cache_dir)
    now = unit.needs(book, found, cfg)
    truth = first["behoefte"].astype(object).tolist() if "behoefte" in first else None
    rows_out = [_trial_row(book, need, term, unit, now, truth, same_need or {}, cfg)
                for term in terms]
    out = pd.DataFrame(rows_out, columns=["term", "n_vragen", "n_andere", "n_verandert",
                                          "n_goed", "n_fout", "oordeel", "voorbeeld_andere"])
    out = out.sort_values(["n_andere", "term"], kind="stable").reset_index(drop=True)
    return out.astype({"term": "string", "n_vragen": "Int64", "n_andere": "Int64",
                       "n_verandert": "Int64", "n_goed": "Int64", "n_fout": "Int64",
                       "oordeel": "string", "voorbeeld_andere": "string"})


def _trial_setup(questions: pd.DataFrame, config, read_from
                 ) -> tuple[object, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The config and the questions of a trial: the questions read from left out, and the
    coded questions of the sets the others come from left out of the scores (no labelled
    question is scored by itself)."""
    from pmg_analysis.text import needs as needs_mod
    from pmg_analysis.text.coded import without_own

    gone = {str(t).strip() for t in read_from}
    kept = questions[~questions["text"].astype(str).str.strip().isin(gone)] if gone else questions
    first, texts, responses = _trial_questions(kept)
    cfg = without_own(config if config is not None else needs_mod.NeedConfig(), first["text"])
    return cfg, first, texts, responses


def _trial_units(book: Codebook, first: pd.DataFrame, texts: pd.DataFrame,
                 responses: pd.DataFrame, cfg, cache_dir: Path | None
                 ) -> tuple[_TrialUnits, list[list[list[str]]]]:
    """The scored units of the trial's questions with ``book`` and the terms found."""
    from pmg_analysis.text import needs as needs_mod

    rows, _, preparer = needs_mod.assignment_units(texts, responses, book, cfg)
    uniq, own = needs_mod.distinct_units(rows)
    base, found, closest = needs_mod._score_parts([u for u, _ in uniq], [a for _, a in uniq],
                                                  book, config=cfg, cache_dir=cache_dir, own=own)
    return _TrialUnits(rows, uniq, base, closest, preparer, first["response_id"].tolist(),
                       first["text"].astype(str).tolist()), found


def example_trial(book: Codebook, need: str, examples: list[str], questions: pd.DataFrame, *,
                  config=None, cache_dir: Path | None = None,
                  same_need: dict[str, str] | None = None,
                  read_from: list[str] | tuple[str, ...] = ()) -> pd.DataFrame:
    """What example questions of ``need`` would do on labelled questions, as :func:`term_trial`
    does for terms: the examples replace those of ``need`` (at most three) and every question
    whose need changes is counted.

    Returns
    -------
    DataFrame
        One row: ``voorbeelden`` (joined by " | "), ``n_verandert``, ``n_goed``, ``n_fout``
        (NA without ``behoefte``), ``oordeel`` ("helpt", "verschuift fout", "verandert niets",
        "verschuift (ongetoetst)") and ``voorbeeld_fout`` (a question moved wrongly).

    Examples
    --------
    >>> from pmg_analysis.text.codebook import load_codebook
    >>> from pmg_analysis.text.needs import NeedConfig
    >>> from pmg_analysis.text.coder import TextConfig
    >>> q = pd.DataFrame({"text": ["Hoe houden we de treinverbinding naar de stad?"],
    ...                   "question_id": ["EF_leervraag"], "behoefte": ["ef_mobiliteit"]})
    >>> cfg = NeedConfig(text=TextConfig(use_embeddings=False))
    >>> t = example_trial(load_codebook(), "ef_mobiliteit", ["Hoe blijft de stad bereikbaar?"],
    ...                   q, config=cfg)
    >>> t[["n_verandert", "oordeel"]].values.tolist()
    [[0, 'verandert niets']]
    """
    from pmg_analysis.text.codebook import _valid

    cfg, first, texts, responses = _trial_setup(questions, config, read_from)
    unit, found = _trial_units(book, first, texts, responses, cfg, cache_dir)
    now = unit.needs(book, found, cfg)
    changed = _valid({**book[need].model_dump(), "voorbeelden": tuple(examples)}, book)
    trial = Codebook(tuple(changed if n.id == need else n for n in book.needs), book.source)
    t_unit, t_found = _trial_units(trial, first, texts, responses, cfg, cache_dir)
    after = t_unit.needs(trial, t_found, cfg)
    moved = [i for i in range(len(now)) if after[i] != now[i]]
    same = same_need or {}
    if "behoefte" in first:
        truth = first["behoefte"].astype(object).tolist()
        right = [same.get(after[i], after[i]) == truth[i] for i in moved]
        good, bad = sum(right), len(moved) - sum(right)
        wrong = [unit.question_texts[i] for i, ok in zip(moved, right, strict=True) if not ok]
        verdict = "verschuift fout" if bad else ("helpt" if good else "verandert niets")
    else:
        good = bad = pd.NA
        wrong = []
        verdict = "verschuift (ongetoetst)" if moved else "verandert niets"
    out = pd.DataFrame([(" | ".join(examples), len(moved), good, bad, verdict,
                         wrong[0] if wrong else pd.NA)],
                       columns=["voorbeelden", "n_verandert", "n_goed", "n_fout", "oordeel",
                                "voorbeeld_fout"])
    return out.astype({"voorbeelden": "string", "n_verandert": "Int64", "n_goed": "Int64",
                       "n_fout": "Int64", "oordeel": "string", "voorbeeld_fout": "string"})


def _trial_questions(questions: pd.DataFrame
                     ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Each distinct text of ``questions`` once with a response id of its own, and the
    ``texts`` and ``responses`` tables of the assignment for them."""
    if "question_id" not in questions:
        raise ValueError("term_trial: de vragen hebben een kolom question_id nodig "
                         "(bijvoorbeeld 'EF_leervraag': het thema van de gestelde vraag).")
    first = questions.drop_duplicates("text").reset_index(drop=True)
    first = first.assign(response_id=[f"T{i}" for i in range(len(first))])
    texts = pd.DataFrame({"response_id": first["response_id"],
                          "question_id": first["question_id"].astype(str),
                          "text": first["text"].astype(str)})
    responses = pd.DataFrame({"response_id": first["response_id"],
                              "gemeente_code": first["gemeente"] if "gemeente" in first
                              else pd.NA})
    return first, texts, responses


@dataclass(frozen=True)
class _TrialUnits:
    """The scored units of a trial: everything but the terms' share of the scores."""

    rows: pd.DataFrame
    uniq: list[tuple[str, str]]
    base: np.ndarray
    closest: list[list[str]]
    preparer: Preparer
    question_ids: list[str]
    question_texts: list[str]

    def needs(self, book: Codebook, found: list[list[list[str]]], config) -> list[str | None]:
        """Per question the need the assignment gives it: its best-scoring unit's (None when
        every unit is context or below the threshold)."""
        from pmg_analysis.text import needs as needs_mod

        scores = self.base + needs_mod.lexical_scores(found, config)
        kept, _ = needs_mod.assign_units(self.rows, self.uniq, scores, found, self.closest,
                                         book, config, self.preparer)
        best = (kept.sort_values(["response_id", "score"], ascending=[True, False],
                                 kind="stable").drop_duplicates("response_id")
                .set_index("response_id")["need"])
        return [best.get(r) if pd.notna(best.get(r)) else None for r in self.question_ids]

    def firing(self, index: TermIndex, j: int, term: str) -> list[int]:
        """The questions (positions) one of whose units the term of need ``j`` is found in."""
        hit = {t for t, _ in self.uniq if any(h.term == term and h.need == j
                                              for h in index.hits(t))}
        with_hit = set(self.rows.loc[self.rows["text"].isin(hit), "response_id"])
        return [i for i, r in enumerate(self.question_ids) if r in with_hit]


def _trial_row(book: Codebook, need: str, term: str, unit: _TrialUnits,
               now: list[str | None], truth: list | None, same: dict[str, str], config
               ) -> tuple:
    """One row of :func:`term_trial`: ``term`` added to ``need``, the rest of the scores kept."""
    from pmg_analysis.text import needs as needs_mod
    from pmg_analysis.text.codebook import _valid

    changed = _valid({**book[need].model_dump(), "termen": (*book[need].termen, term)}, book)
    trial = Codebook(tuple(changed if n.id == need else n for n in book.needs), book.source)
    index = TermIndex(trial, Preparer(needs_mod._vocabulary(trial, config)))
    fires = unit.firing(index, book.ids.index(need), term)
    after = unit.needs(book, [index.found(t, len(book)) for t, _ in unit.uniq], config)
    moved = [i for i in range(len(now)) if after[i] != now[i]]
    target = same.get(need, need)
    if truth is not None:
        other = [i for i in fires if truth[i] != target]
        good = sum(same.get(after[i], after[i]) == truth[i] for i in moved)
        bad = len(moved) - good
    else:
        other = [i for i in fires if same.get(now[i], now[i]) != target]
        good = bad = pd.NA
    verdict = _verdict(len(fires), len(other), len(moved), good, bad)
    return (term, len(fires), len(other), len(moved), good, bad, verdict,
            unit.question_texts[other[0]] if other else pd.NA)


def _verdict(n_fires: int, n_other: int, n_moved: int, good, bad) -> str:
    """The Dutch verdict of a trial row (:data:`VERDICTS`).

    Examples
    --------
    >>> _verdict(0, 0, 0, 0, 0), _verdict(3, 0, 1, 1, 0), _verdict(3, 2, 1, 1, 0)
    ('vindt niets', 'helpt', 'vuurt elders')
    """
    if n_fires == 0:
        return "vindt niets"
    if good is pd.NA:
        return "vuurt elders" if n_other > 1 else (
            "verschuift (ongetoetst)" if n_moved else "verandert niets")
    if bad:
        return "verschuift fout"
    if n_other > 1:
        return "vuurt elders"
    return "helpt" if good else "verandert niets"


def _chosen(scores: np.ndarray, book: Codebook, config) -> list[str | None]:
    """The need per row of ``scores`` as the assignment chooses it (a near tie goes to the first
    need in codebook order, not to the processor's argmax); None below ``config.min_score``."""
    from pmg_analysis.text.ties import choose

    return [choose(s, book.ids, margin=config.margin).best if s.max() >= config.min_score
            else None for s in scores]

"""The language of an open answer: Dutch, or another language (Frisian, English ...).

The survey is Dutch, but a respondent from Fryslân may answer in Frisian, and a pasted
document may be English. Such an answer cannot be read by the Dutch text steps (stems, stop
words, the codebook's terms): its words would become suggested new needs of one municipality
("wurk, mienskip, doarpen"). The cleaned ``texts`` table therefore has the language of every
answer (column ``taal``, an ISO 639-1 code), and the learning needs set other languages aside
(:mod:`pmg_analysis.text.questions`).

Why CLD2 (the PyPI package ``pycld2``, 0.42, Apache 2.0; Google's Compact Language Detector 2,
the detector of Chromium): its tables are compiled into the package, so nothing is downloaded at
run time; it knows Frisian (``fy``) apart from Dutch, also in a short sentence ("Hoe krije wy
jonge minsken oan it wurk yn ús regio?" is ``fy``); it scores quadgrams with integers, so the
same text gives the same language on every machine, without a seed; and it takes microseconds
per text. Of the other offline detectors on PyPI, ``langdetect`` (random, needs a seed),
``langid``/``py3langid`` and ``lingua-language-detector`` do not know Frisian; ``fasttext``
detectors fetch a model at run time; CLD3 knows Frisian too, but scores with floats (a
neural network), so a near tie could fall differently on another processor.

Measured on the project's own Dutch texts (the example's answers, the questions of the two
evaluation sets and the labelled passages: 1,028 distinct texts) and on 30 Frisian learning
questions written for the test (``tests/data/friese_leervragen.yaml``): with the Dutch top-level
domain as the hint, CLD2 calls no Dutch text of five words or more another language than Dutch
except two it calls Afrikaans ("stresstest klimaat: wat doe je met de uitkomsten?"), and 28 of
the 30 Frisian questions Frisian (the other two it is not sure of: they count as Dutch).
Without the hint one Dutch text is English ("Rol als centrumgemeente in West-Friesland"); with
Dutch as the hinted language three Frisian questions are missed. Hence :class:`LanguageConfig`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmg_analysis.io.distinct import distinct, per_row

DUTCH = "nl"

# Dutch names of the languages an answer is likely to be in; others are shown by their code.
LANGUAGE_NAMES = {
    "nl": "Nederlands", "fy": "Fries", "en": "Engels", "de": "Duits", "fr": "Frans",
    "es": "Spaans", "it": "Italiaans", "pl": "Pools", "tr": "Turks", "ar": "Arabisch",
    "pt": "Portugees", "da": "Deens", "sv": "Zweeds", "no": "Noors", "lb": "Luxemburgs",
}

# Characters CLD2 refuses as invalid UTF-8: C0 controls (not tab, line break), surrogates.
_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LanguageConfig:
    """How the language of an answer is decided, with reasons."""

    # Answers of fewer words count as Dutch: a few words ("Regionale economie", "Warmtetransitie")
    # do not say which language they are in (CLD2 calls "Warmtetransitie" English), and the
    # Dutch steps read them well enough.
    min_words: int = 5
    # The survey comes from the Netherlands: CLD2's hint for texts of a Dutch web site weighs
    # the languages of the Netherlands. On the project's 1,028 Dutch texts it takes the Dutch
    # texts called English from one to none, and finds 28 of 30 Frisian questions (a hinted
    # language "nl" instead: 27 of 30).
    hint_domain: str = "nl"
    # Languages CLD2 calls some Dutch sentences: Afrikaans (two of the 1,028 texts). No Dutch
    # municipality answers in Afrikaans, so these count as Dutch.
    counts_as_dutch: tuple[str, ...] = ("af",)
    # A text CLD2 calls another language stays Dutch when it has more Dutch function words than
    # function words of that language (the stop words of ``stopwordsiso``, each list without the
    # words the two languages share: :func:`function_word_vote`). CLD2 called three of the 889
    # Dutch learning questions of the evaluation sets English or Danish, confidently ("Files op
    # de A15 en bij de brug.": Danish, 96%; "Doorstroming op de woningmarkt in Puttershoek":
    # English): their Dutch words ("bij", "op", "hoe", "hun") outweigh; a real English or German
    # answer has none ("How do other municipalities ...": "how", "do", "other" against none).
    # Whole counts, so the same on every machine. Languages without a list (Frisian) keep CLD2's
    # call.
    function_words: bool = True

    def __post_init__(self) -> None:
        if self.min_words < 1:
            raise ValueError("min_words moet minstens 1 zijn")


def language_of(text: str, config: LanguageConfig = LanguageConfig()) -> str:
    """The ISO 639-1 code of the language ``text`` is in; Dutch (``"nl"``) when it is short,
    when CLD2 is not sure, or when it is a language that counts as Dutch.

    Examples
    --------
    >>> language_of("Hoe krije wy jonge minsken oan it wurk yn ús regio?")
    'fy'
    >>> language_of("Hoe houden we jongeren vast in de regio na hun opleiding?")
    'nl'
    >>> language_of("How do other municipalities organise youth care?")
    'en'
    >>> language_of("Warmtetransitie")  # one word: Dutch by rule
    'nl'
    """
    import pycld2

    text = str(text)
    if len(_WORD.findall(text)) < config.min_words:
        return DUTCH
    clean = _INVALID.sub(" ", text)
    try:
        reliable, _, details = pycld2.detect(clean, hintTopLevelDomain=config.hint_domain)
    except pycld2.error:  # text CLD2 cannot read: the Dutch steps read it as they can
        return DUTCH
    code = details[0][1].split("-")[0].lower()
    if not reliable or code in ("un", "xx", "") or code in config.counts_as_dutch:
        return DUTCH
    if config.function_words and function_word_vote(text, code) > 0:
        return DUTCH
    return code


def function_word_vote(text: str, code: str) -> int:
    """Dutch function words of ``text`` minus those of the language ``code`` (the ISO stop-word
    lists of ``stopwordsiso``, each without the words both languages have: "de", "en", "op" are
    Danish too, "in" English); 0 when there is no list for ``code``.

    Examples
    --------
    >>> function_word_vote("Files op de A15 en bij de brug.", "da")
    1
    >>> function_word_vote("How do other municipalities organise youth care?", "en")
    -3
    >>> function_word_vote("Hoe krije wy jonge minsken oan it wurk?", "fy")  # no Frisian list
    0
    """
    import stopwordsiso

    if not stopwordsiso.has_lang(code):
        return 0
    dutch, other = set(stopwordsiso.stopwords(DUTCH)), set(stopwordsiso.stopwords(code))
    ws = [w.lower() for w in _WORD.findall(str(text))]
    return sum(w in dutch and w not in other for w in ws) - sum(
        w in other and w not in dutch for w in ws)


def languages(texts: pd.Series, config: LanguageConfig = LanguageConfig()) -> pd.Categorical:
    """:func:`language_of` for every text of a column, worked out once per distinct text; a
    missing text is Dutch. Categories: the codes found, sorted.

    Examples
    --------
    >>> s = pd.Series(["Wy wolle graach witte hoe't oare gemeenten omgean mei krimp.", None,
    ...                "Hoe pakken andere gemeenten de krimp van de bevolking aan?"])
    >>> list(languages(s))
    ['fy', 'nl', 'nl']
    """
    codes, values = distinct(texts)
    found = np.array([language_of(t, config) for t in values.to_pylist()], dtype=object)
    per = per_row(codes, found, DUTCH).astype(str)
    return pd.Categorical(per, categories=sorted(set(per)))


def language_name(code: str) -> str:
    """The Dutch name of a language code, else the code itself.

    Examples
    --------
    >>> language_name("fy"), language_name("xh")
    ('Fries', 'xh')
    """
    return LANGUAGE_NAMES.get(code, code)

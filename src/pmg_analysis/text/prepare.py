"""Dutch text preparation: tokens, stop words, stems, compound parts, readable surface forms.

Built on two maintained packages: the stop-word list of ``stopwordsiso`` (the ISO stop-word
collection, 413 Dutch words) and the classic Snowball Dutch stemmer of ``snowballstemmer``
(``dutch_porter``; the newer Kraaij-Pohlmann ``dutch`` stemmer strips the prefix *ge-* and turns
*gezondheid* into *zon* and *gemeenten* into *meen*, which conflates unrelated words).

Dutch writes compounds as one word (*woningbouwopgave*, *huurwoningen*). :func:`split_compound`
splits a word against a vocabulary of known stems (the lexicon's words and the seed passages):
the longest known head at the end, then the modifier before it (dropping a linking *s* or *e*),
so *huurwoningen* yields *huur* + *woningen* and *woningbouwopgave* yields *woningbouw* +
*opgave*. Labels stay readable: :func:`surface_forms` maps each stem back to the word form that
occurs most often.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_HEAD = 4  # shortest head of a compound: shorter endings ("eid", "ing") are suffixes, not words
MIN_MODIFIER = 3  # shortest modifier ("huur", "zon")
LINKS = ("s", "e", "en")  # Dutch linking morphemes between the parts of a compound
# A known part this long (as a stem) is split off even when the rest is unknown: long words
# inside a compound are reliable (*woningbouw|opgave*), short ones are often chance (*hui|s...*).
MIN_ANCHOR = 6
# A cut is at a real boundary only when the part after it does not start like a suffix of the
# part before: *vergunn|inghouders* cuts *vergunning* in the middle (and then finds "ouders").
SUFFIX_STARTS = ("ing", "heid", "baar", "lijk", "isch", "tie", "en", "er", "e")


@cache
def stop_words() -> frozenset[str]:
    """The Dutch stop words of ``stopwordsiso``, plus survey fillers with no content."""
    import stopwordsiso

    fillers = {"gemeente", "gemeenten", "graag", "willen", "wij", "we", "zien", "zie", "nee",
               "ja", "geen", "opmerkingen", "etc", "bijvoorbeeld", "erg", "heel"}
    return frozenset(stopwordsiso.stopwords("nl")) | fillers


@cache
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("dutch_porter")


@cache
def stem(word: str) -> str:
    """The Snowball (Porter) Dutch stem of one lower-case word.

    Examples
    --------
    >>> stem("woningen")
    'woning'
    """
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case words of a text (letters only; hyphens and digits split words).

    Examples
    --------
    >>> words("Onderwijs-arbeidsmarkt: zzp'ers in 2017!")
    ['onderwijs', 'arbeidsmarkt', "zzp'ers", 'in']
    """
    return WORD.findall(str(text).lower().replace("’", "'"))


def content_words(text: str) -> list[str]:
    """:func:`words` without stop words and one-letter words.

    Examples
    --------
    >>> content_words("De woningbouwopgave is voor ons heel groot")
    ['woningbouwopgave', 'groot']
    """
    stops = stop_words()
    return [w for w in words(text) if len(w) > 1 and w not in stops]


def split_compound(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    """Split a Dutch compound into parts whose stems are all in ``vocabulary`` (a set of stems).

    A word whose own stem is known stays whole. Otherwise the longest known head at the end is
    split off when the modifier before it is known too (a linking *s*, *e* or *en* dropped) or
    splits the same way. Failing that, a long known part (a stem of at least ``MIN_ANCHOR``
    letters) at the start or end is split off from an unknown rest of at least four letters.
    Short or chance pieces are never cut off (*huishoudens* stays whole), and a cut is made only
    at a real boundary: never where the rest starts like a suffix (*vergunninghouders* is not
    *vergunn* + *ingh* + *ouders*).

    Examples
    --------
    >>> vocab = frozenset({"woningbouw", "opgav", "hur", "woning"})
    >>> split_compound("woningbouwopgave", vocab)
    ('woningbouw', 'opgave')
    >>> split_compound("huurwoningen", vocab)
    ('huur', 'woningen')
    >>> split_compound("vergunninghouders", frozenset({"vergunn", "ouder"}))
    ('vergunning', 'houders')
    """
    return _split(word, vocabulary) or (word,)


def _split(word: str, vocabulary: frozenset[str]) -> tuple[str, ...] | None:
    if stem(word) in vocabulary:
        return (word,)
    if len(word) < MIN_HEAD + MIN_MODIFIER:
        return None
    for start in range(MIN_MODIFIER, len(word) - MIN_HEAD + 1):
        head = word[start:]
        if stem(head) not in vocabulary:
            continue
        modifier = _modifier(word[:start], vocabulary)
        if modifier is not None:
            return modifier + (head,)
    for start in range(MIN_HEAD, len(word) - MIN_HEAD + 1):  # long known head, unknown start
        head = word[start:]
        if len(stem(head)) >= MIN_ANCHOR and stem(head) in vocabulary:
            return (word[:start], head)
    for end in range(len(word) - MIN_HEAD, MIN_ANCHOR - 1, -1):  # long known start
        if (len(stem(word[:end])) >= MIN_ANCHOR and stem(word[:end]) in vocabulary
                and _boundary(word[end:])):
            return (word[:end], word[end:])
    return None


def _boundary(rest: str) -> bool:
    """True when ``rest`` can start a word of its own (it does not start like a suffix)."""
    return not rest.startswith(SUFFIX_STARTS)


def _modifier(part: str, vocabulary: frozenset[str]) -> tuple[str, ...] | None:
    for link in LINKS:
        bare = part[: -len(link)]
        if part.endswith(link) and len(bare) >= MIN_MODIFIER and stem(bare) in vocabulary:
            return (bare,)
    if len(part) >= MIN_MODIFIER and stem(part) in vocabulary:
        return (part,)
    return _split(part, vocabulary)


@dataclass
class Preparer:
    """Turns texts into stems, splitting compounds against a fixed vocabulary of stems.

    Results per distinct word are kept, so 100,000 answers with a limited vocabulary are fast.

    Examples
    --------
    >>> prep = Preparer(frozenset(map(stem, ["huur", "woning"])))
    >>> prep.tokens("Meer huurwoningen voor starters")
    ['huur', 'woningen', 'starters']
    >>> prep.stems("Meer huurwoningen voor starters")
    ['hur', 'woning', 'starter']
    """

    vocabulary: frozenset[str]
    _parts: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def parts(self, word: str) -> tuple[str, ...]:
        """The surface parts of one word (the word itself unless it is a compound)."""
        found = self._parts.get(word)
        if found is None:
            found = self._parts[word] = split_compound(word, self.vocabulary)
        return found

    def tokens(self, text: str) -> list[str]:
        """Surface tokens: content words, compounds split into their parts."""
        return [p for w in content_words(text) for p in self.parts(w)]

    def stems(self, text: str) -> list[str]:
        """The stems of :meth:`tokens`, in text order."""
        return [stem(t) for t in self.tokens(text)]


def surface_forms(texts: Iterable[str], preparer: Preparer) -> dict[str, str]:
    """Map each stem to its most frequent surface token in ``texts`` (ties: alphabetical).

    Examples
    --------
    >>> p = Preparer(frozenset())
    >>> surface_forms(["woningen bouwen", "woningen", "woning"], p)["woning"]
    'woningen'
    """
    counts: Counter[tuple[str, str]] = Counter()
    for text in texts:
        counts.update((stem(t), t) for t in preparer.tokens(text))
    best: dict[str, tuple[int, str]] = {}
    for (s, t), n in counts.items():
        if s not in best or (-n, t) < (-best[s][0], best[s][1]):
            best[s] = (n, t)
    return {s: t for s, (_, t) in sorted(best.items())}

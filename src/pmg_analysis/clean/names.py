"""Person names in free text: the names respondents gave (any response's name field, in any
case) and names introduced by a cue word ("wethouder Jansen", "bel met anne", "mijn naam is").

Municipality names always survive: they are what this analysis is about. The Dutch
de-identification package ``deduce`` was tried: it misses lower-case names and replaces
municipality names by ``[LOCATIE]``, so it does not fit here.

Both steps work on arrays of distinct texts (see :mod:`pmg_analysis.io.distinct`); the caller
maps the result back to the rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import yaml

from pmg_analysis.municipalities import is_municipality_name

# Dutch family-name particles: part of a name ("van der Meer"), never redacted on their own.
PARTICLES = frozenset({"de", "der", "den", "van", "von", "het", "ter", "ten", "te", "in", "op",
                       "la", "le", "du", "da", "di", "'t", "t", "el", "al", "van't"})


@dataclass(frozen=True)
class NameWords:
    """The word lists of ``data/pii_woorden.yaml`` (lower case)."""

    not_names: frozenset[str]  # never (the start of) a name after a cue word
    ordinary: frozenset[str]  # name parts that are ordinary words: redacted only capitalised


@cache
def name_words() -> NameWords:
    text = resources.files("pmg_analysis").joinpath("data/pii_woorden.yaml").read_text("utf-8")
    doc = yaml.safe_load(text)
    return NameWords(frozenset(str(w).casefold() for w in doc["geen_naam"]),
                     frozenset(str(w).casefold() for w in doc["ook_gewoon_woord"]))


# -- names from the name field ------------------------------------------------------------------

@lru_cache(maxsize=1 << 16)
def _is_place(token: str) -> bool:
    """:func:`is_municipality_name`, remembered: name fields repeat the same few tokens."""
    return is_municipality_name(token)


def name_parts(name: str) -> tuple[list[str], list[str]]:
    """The tokens of a name and its distinctive parts: at least three letters, no particle,
    no municipality name (a respondent called "Ede" must not remove the municipality)."""
    tokens = [t for t in re.split(r"[\s,]+", name.strip()) if t]
    parts = sorted({t for t in tokens if t.casefold() not in PARTICLES and len(t) >= 3
                    and any(ch.isalpha() for ch in t) and not _is_place(t)},
                   key=lambda p: (-len(p), p.casefold(), p))
    return tokens, parts


def known_names_pattern(names: Iterable[str], words: NameWords | None = None) -> str | None:
    """One RE2 pattern (for Arrow's regex kernels) for the names people gave: each full name in
    any case, each distinctive part in any case, and a part that is also an ordinary word
    ("Groot", "Bos") only as written with a capital. None when there is nothing to find.

    Examples
    --------
    >>> import re
    >>> pattern = known_names_pattern(["Jeroen de Groot"])
    >>> [bool(re.search(pattern, t)) for t in ("bel jeroen", "De Groot", "een groot plan")]
    [True, True, False]
    """
    words = words or name_words()
    full: set[str] = set()
    any_case: set[str] = set()
    capitalised: set[str] = set()
    for name in names:
        tokens, parts = name_parts(str(name))
        # what was typed may be no person's name at all ("Gemeente Zeist"): then a municipality
        # or a word such as "gemeente" is in it, and only its other parts count
        # (a place after a particle is a surname: "ter Horst", "van Ede")
        if len(tokens) > 1 and not any(
                (_is_place(t) and not (i and tokens[i - 1].casefold() in PARTICLES))
                or t.casefold() in words.not_names
                for i, t in enumerate(tokens) if t.casefold() not in PARTICLES):
            full.add(r"\s+".join(re.escape(t.casefold()) for t in tokens))
            # a surname with its particles ("van den Berg", "El Haddou") is distinctive too
            particle = next((i for i, t in enumerate(tokens)
                             if i and t.casefold() in PARTICLES), None)
            if particle is not None and particle < len(tokens) - 1:
                full.add(r"\s+".join(re.escape(t.casefold()) for t in tokens[particle:]))
        for part in parts:
            if part.casefold() in words.not_names:
                continue
            if part.casefold() in words.ordinary:
                capitalised.add(re.escape(part[:1].upper() + part[1:].casefold()))
            else:
                any_case.add(re.escape(part.casefold()))
    # longest first: the first alternative that matches at a position is taken
    alternatives = [f"(?i:{'|'.join(sorted(group, key=lambda p: (-len(p), p)))})"
                    for group in (full, any_case) if group]
    if capitalised:
        alternatives.append("(?:" + "|".join(sorted(capitalised, key=lambda p: (-len(p), p)))
                            + ")")
    # word boundaries as Python's re knows them (any letter, also an accented one: "René");
    # RE2's \b is ASCII-only, so Arrow only filters the texts (:func:`prefilter`)
    return (_BEFORE + "(?:" + "|".join(alternatives) + ")" + _AFTER) if alternatives else None


_BEFORE, _AFTER = r"(?<!\w)", r"(?!\w)"


def prefilter(pattern: str) -> str:
    """An RE2 pattern (for Arrow) that every text with a match of the Python ``pattern`` of
    :func:`known_names_pattern` matches: the names in any case, without word boundaries."""
    return "(?i)" + pattern.removeprefix(_BEFORE).removesuffix(_AFTER)


# -- names after a cue word ---------------------------------------------------------------------

def cue_pattern(cues: Iterable[str]) -> re.Pattern:
    """The cue words (any case), each followed by what may introduce a name (": ")."""
    body = "|".join(re.escape(c).replace(r"\ ", r"\s+")
                    for c in sorted(cues, key=lambda c: (-len(c), c)))
    # a sign-off puts the name on the next line ("Met vriendelijke groet,\nMehmet Bakker")
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)[ \t]*[:,]?[ \t]*(?:\r?\n)?", re.IGNORECASE)


def may_have_cue(cues: Iterable[str]) -> str:
    """An RE2 pattern every text with a cue word matches (a cheap filter before Python)."""
    phrases = sorted({r"\s+".join(re.escape(w) for w in c.rstrip(".").split()) for c in cues})
    return r"(?i)\b(?:" + "|".join(phrases) + r")"


# one word: starts with a letter, may hold apostrophes and hyphens ("Jansen-de Boer"); an
# initial is a capital and a full stop ("P.", "J.P.")
_WORD = re.compile(r"[ \t]*([^\W\d_](?:[\w'’-]*[^\W_])?\.?)")
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _starts_with_municipality(text: str) -> bool:
    """Whether ``text`` begins with a municipality name of one to four words."""
    tokens = text.split(maxsplit=4)[:4]
    return any(_is_place(" ".join(tokens[:k]).rstrip(".,;:!?"))
               for k in range(1, len(tokens) + 1))


def _is_name_word(word: str, rest: str, known: frozenset[str], words: NameWords) -> bool:
    """Whether ``word`` (at the start of ``rest``) is (part of) a name after a cue word."""
    low = word.casefold()
    if (any(ch.isdigit() for ch in word) or (len(word) > 1 and word.isupper())  # VNG, G40
            or low in words.not_names or _starts_with_municipality(rest)):
        return False
    if word[:1].isupper() or low in known:
        return True
    return low not in words.ordinary  # "wethouder jansen", not "bel met de bakker"


def name_after_cue(text: str, pos: int, known: frozenset[str] = frozenset(),
                   words: NameWords | None = None) -> tuple[int, int] | None:
    """The span of the name that starts at ``pos`` (just after a cue word): initials and
    particles, then one or two name words; None when no name follows.

    Examples
    --------
    >>> text = "wethouder van der Berg van Zeist"
    >>> start, end = name_after_cue(text, len("wethouder"))
    >>> text[start:end]
    'van der Berg'
    >>> name_after_cue("burgemeester van Zeist", len("burgemeester")) is None
    True
    >>> text = "Graag contact via Gert van Leeuwen."
    >>> start, end = name_after_cue(text, len("Graag contact via"))
    >>> text[start:end]
    'Gert van Leeuwen'
    """
    words = words or name_words()
    start = end = None
    n_words = 0
    for _ in range(6):  # at most initials, particles and two words
        m = _WORD.match(text, pos)
        if m is None:
            break
        token, s = m.group(1), m.start(1)
        word = token.rstrip(".")
        if n_words == 0 and _INITIALS.fullmatch(token):
            start, end, pos = start if start is not None else s, m.end(1), m.end()
            continue
        if n_words == 0 and word.casefold() in PARTICLES:
            start, pos = start if start is not None else s, m.end()
            continue
        if word.casefold() in PARTICLES:  # a surname with a tussenvoegsel: "Gert van Leeuwen"
            after = _surname_after_particles(text, s, known, words)
            if after is not None:
                end = after
            break
        if not _is_name_word(word, text[s:], known, words):
            break
        start, end, pos = start if start is not None else s, s + len(word), m.end()
        n_words += 1
        if n_words == 2 or token.endswith("."):  # a full stop ends the sentence
            break
    return (start, end) if n_words else None


def _surname_after_particles(text: str, pos: int, known: frozenset[str],
                             words: NameWords) -> int | None:
    """Where the surname ends that follows one to three particles at ``pos`` ("van der
    Meer"), or None: the word after them must be capitalised, and after a lone "van" no
    municipality ("Jansen van Ede" is a person from Ede)."""
    particles = []
    for _ in range(3):
        m = _WORD.match(text, pos)
        if m is None or m.group(1).rstrip(".").casefold() not in PARTICLES:
            break
        particles.append(m.group(1).casefold())
        pos = m.end()
    m = _WORD.match(text, pos)
    if m is None:
        return None
    word = m.group(1).rstrip(".")
    if word.casefold() in PARTICLES or not word[:1].isupper():
        return None
    # only a lone "van" before a municipality says where someone is from; "ter Horst" and
    # "van der Ede" are surnames
    rest = text[m.start(1):] if particles == ["van"] else ""
    return m.start(1) + len(word) if _is_name_word(word, rest, known, words) else None


def redact_after_cues(text: str, cues: re.Pattern, marker: str,
                      known: frozenset[str] = frozenset(),
                      words: NameWords | None = None) -> str:
    """``text`` with every name that follows a cue word replaced by ``marker``.

    Examples
    --------
    >>> cues = cue_pattern(["wethouder", "bel met"])
    >>> redact_after_cues("Bel met anne of wethouder Jansen van Ede.", cues, "[naam]")
    'Bel met [naam] of wethouder [naam] van Ede.'
    """
    words = words or name_words()
    spans = [span for m in cues.finditer(text)
             if (span := name_after_cue(text, m.end(), known, words)) is not None]
    if not spans:
        return text
    out, last = [], 0
    for start, end in spans:
        if start < last:  # overlapping cue ("collega mevrouw Jansen"): already replaced
            continue
        out += [text[last:start], marker]
        last = end
    return "".join(out) + text[last:]

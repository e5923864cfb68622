"""Municipality names in a learning question: the signal of a question about the region.

A question about working together in the region or the city's place in it often names no
codebook term at all: it names the neighbours ("Hoe werken we samen met Duiven en
Westervoort?", "Wat is onze rol naast Almelo en Hengelo?"). Which words are municipalities
comes from the library's own register (:func:`pmg_analysis.municipalities.is_municipality_name`,
the 388 municipalities of 2017 with their aliases), not from any evaluation set's wording.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pmg_analysis.municipalities import is_municipality_name

# A capitalised word (letters, hyphens, apostrophes: "Súdwest-Fryslân", "'s-Hertogenbosch"),
# followed by up to two more words for names such as "Bergen op Zoom" or "Den Haag".
_WORD = re.compile(r"[\w'][\w'-]*", re.UNICODE)
_MAX_WORDS = 3


@lru_cache(maxsize=4096)
def _is_name(words: str) -> bool:
    return is_municipality_name(words)


def place_names(text: str) -> tuple[str, ...]:
    """The municipalities a text names, in text order, each once (longest name first: "Bergen
    op Zoom", not "Bergen"). Only capitalised words start a name, so "de beste aanpak" or
    "putten" in a sentence name no municipality.

    Examples
    --------
    >>> place_names("Hoe werken we in de Liemers samen met Duiven en Westervoort?")
    ('Duiven', 'Westervoort')
    >>> place_names("Wat is de beste aanpak voor Bergen op Zoom en Den Haag?")
    ('Bergen op Zoom', 'Den Haag')
    >>> place_names("Hoe pakken we eenzaamheid aan?")
    ()
    """
    words = [m.group() for m in _WORD.finditer(text)]
    found: list[str] = []
    i = 0
    while i < len(words):
        step = 1
        if words[i][:1].isupper() or words[i].startswith("'s-"):
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                name = " ".join(words[i:i + n])
                if _is_name(name):
                    if name not in found:
                        found.append(name)
                    step = n
                    break
        i += step
    return tuple(found)

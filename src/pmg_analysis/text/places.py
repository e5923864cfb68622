"""Municipality and region names in a learning question: the signal of a question about the
region.

A question about working together in the region or the city's place in it often names no
codebook term at all: it names the neighbours ("Hoe werken we samen met Duiven en
Westervoort?", "Wat is onze rol naast Almelo en Hengelo?") or the region ("Hoe houden we de
Achterhoek samen sterk?", "de Drechtsteden", "Twentse gemeenten"). Which words are
municipalities comes from the library's own register
(:func:`pmg_analysis.municipalities.is_municipality_name`, the 388 municipalities of 2017 with
their aliases); which are regions from ``data/regio_namen_2017.csv`` (CBS "Gebieden in Nederland
2017": labour-market, COROP, youth-care and safety regions, without provinces and municipality
names; written by ``scripts/regio_namen.py``), not from any evaluation set's wording.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.municipalities import is_municipality_name, match_municipalities

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


@lru_cache(maxsize=4096)
def place_code(name: str) -> str:
    """The CBS code of a municipality's name (a code stays itself; an unknown name stays
    itself, so that it compares with the same name).

    Examples
    --------
    >>> place_code("Den Haag"), place_code("GM0753"), place_code("response:R1")
    ('GM0518', 'GM0753', 'response:R1')
    """
    if re.fullmatch(r"GM\d{4}", name) or not is_municipality_name(name):
        return name
    return str(match_municipalities(pd.Series([name]))["gemeente_code"].iloc[0])


@cache
def _region_pattern() -> re.Pattern[str]:
    """One pattern for every region name of the packaged list: a hyphen and a space count the
    same, case is free after the first letter, and a one-word name also matches as the
    adjective ("Achterhoekse", "Twentse", "Veluwse")."""
    text = resources.files("pmg_analysis").joinpath("data", catalog.REGION_NAMES.file).read_text(
        encoding="utf-8")
    names = [line.split(",", 1)[0] for line in text.splitlines()[1:]
             if line and not line.startswith("#")][1:]
    alternatives = []
    # "Het Gooi" is found as "het Gooi" too: the article is no part of the name
    names = {re.sub(r"^Het ", "", n) for n in names}
    for name in sorted(names, key=lambda n: (-len(n), n)):
        body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", name))
        if " " not in name and "-" not in name:
            stem = name[:-1] if name.endswith("e") else name
            body = f"(?:{body}|{re.escape(stem)}se)"
        alternatives.append(body)
    # a hyphenated word may follow ("Drechtsteden-verband", "Achterhoek-breed")
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


# Letters of a region name found also in lower case ("samenwerking midden-limburg oost",
# "bedrijven aan de achterhoek binden"): no region name of six letters or more is a Dutch word;
# shorter ones can be ("gooi", a form of "gooien").
LOWER_CASE_MIN = 6


def region_names(text: str) -> tuple[str, ...]:
    """The regions that are no municipality a text names, in text order, each once, as written
    (in lower case only a name of :data:`LOWER_CASE_MIN` letters or more: "ik gooi" is no
    region).

    Examples
    --------
    >>> region_names("Hoe houden we de Achterhoek en Zuid Limburg leefbaar?")
    ('Achterhoek', 'Zuid Limburg')
    >>> region_names("Wat leren Twentse gemeenten van de Drechtsteden?")
    ('Twentse', 'Drechtsteden')
    >>> region_names("samenwerking midden-limburg oost en Drechtsteden-verband; ik gooi het in")
    ('midden-limburg oost', 'Drechtsteden')
    >>> region_names("Hoe werken we samen met Duiven en Westervoort?")
    ()
    """
    found: list[str] = []
    for m in _region_pattern().finditer(str(text)):
        name = m.group()
        if (name[:1].isupper() or len(name) >= LOWER_CASE_MIN) and name not in found:
            found.append(name)
    return tuple(found)

"""Who answers the synthetic survey, and how their answers depend on their municipality's position.

Everything here is invented for the synthetic example: the municipalities are real 2017
municipalities, but their "actual" positions are plausible guesses, and the answer model (means
and weights per position) is made up so that later analysis has a structure to find.
"""

from __future__ import annotations

from dataclasses import dataclass

NABIJ, POLY, MONO, WEET_NIET = "nabij_grotere_stad", "polycentrisch", "monocentrisch", "weet_niet"
POSITIONS: tuple[str, ...] = (NABIJ, POLY, MONO)


@dataclass(frozen=True)
class Profile:
    """A municipality in the synthetic sample.

    ``typed`` holds what each respondent types as municipality name (its length is the number
    of respondents); ``stad`` is the larger city nearby (or the regional centre), ``kenmerk`` a
    local feature that free texts may mention; ``clear`` marks municipalities whose position is
    obvious (Zeist next to Utrecht, Winterswijk on its own).
    """

    naam: str
    positie: str
    regio: str
    stad: str
    kenmerk: str
    typed: tuple[str, ...]
    meetup: bool = False
    clear: bool = False  # an obvious case: respondents rarely misjudge the position


def _p(naam: str, positie: str, regio: str, stad: str, kenmerk: str, *typed: str,
       meetup: bool = False) -> Profile:
    return Profile(naam, positie, regio, stad, kenmerk, typed or (naam,), meetup,
                   clear=naam in _CLEAR)


_CLEAR = frozenset({"Zeist", "Nieuwegein", "Soest", "Veldhoven", "Veenendaal", "Winterswijk",
                    "Den Helder", "Emmen"})


# The 17 municipalities of the February 2017 meet-ups first, then 23 other medium-sized ones.
PROFILES: tuple[Profile, ...] = (
    _p("Bergen op Zoom", POLY, "West-Brabant", "Breda", "de Brabantse Wal",
       "bergen op zoom", meetup=True),
    _p("Coevorden", MONO, "Zuidoost-Drenthe", "Emmen", "de grens met Duitsland", meetup=True),
    _p("De Ronde Venen", NABIJ, "de regio Utrecht", "Amsterdam", "het Groene Hart", meetup=True),
    _p("Etten-Leur", NABIJ, "West-Brabant", "Breda", "de logistieke sector", meetup=True),
    _p("Gorinchem", MONO, "Alblasserwaard-Vijfheerenlanden", "Gorinchem", "de vestingstad",
       "Gorinchem", "Gorinchem", meetup=True),
    _p("Harderwijk", MONO, "Noord-Veluwe", "Harderwijk", "de Veluwe en het Veluwemeer",
       "Harderwijk", "Harderwijk", meetup=True),
    _p("Lochem", POLY, "de Stedendriehoek", "Deventer", "de recreatiesector",
       "Lochem", "Gemeente Lochem", meetup=True),
    _p("Nieuwegein", NABIJ, "de regio Utrecht", "Utrecht", "het bedrijventerrein Liesbosch",
       "Nieuwegein", "Nieuwegein ", meetup=True),
    _p("Oss", POLY, "Noordoost-Brabant", "'s-Hertogenbosch", "de voedingsindustrie",
       "Oss", "Gemeente Oss", meetup=True),
    _p("Roermond", MONO, "Midden-Limburg", "Roermond", "het Designer Outlet",
       "Roermond", "Roermond", meetup=True),
    _p("Roosendaal", POLY, "West-Brabant", "Breda", "de logistiek langs de A17",
       "Roosendaal", "Rosendaal", meetup=True),
    _p("Rijssen-Holten", POLY, "Twente", "Enschede", "de maakindustrie", meetup=True),
    _p("Soest", NABIJ, "de regio Amersfoort", "Amersfoort", "de Soester Duinen",
       "Soest", "soest", meetup=True),
    _p("Veenendaal", POLY, "de Foodvalley", "Ede", "de Foodvalley",
       "Veenendaal", "Veenendaal.", meetup=True),
    _p("Veldhoven", NABIJ, "de Brainport-regio", "Eindhoven", "Brainport en ASML",
       "Veldhoven", "Veldhoven", meetup=True),
    _p("Waalwijk", NABIJ, "de Langstraat", "Tilburg", "de schoenen- en logistieke sector",
       meetup=True),
    _p("Zeist", NABIJ, "de regio Utrecht", "Utrecht", "de Utrechtse Heuvelrug",
       "Gemeente Zeist", "zeist ", "Zeist", meetup=True),
    _p("Winterswijk", MONO, "de Achterhoek", "Winterswijk", "de grens met Duitsland"),
    _p("Hoorn", MONO, "West-Friesland", "Hoorn", "het historische havenfront", "Hoorn", "Hoorn"),
    _p("Den Helder", MONO, "de Kop van Noord-Holland", "Den Helder", "de marine en de haven"),
    _p("Middelburg", POLY, "Walcheren", "Vlissingen", "het historische centrum"),
    _p("Vlissingen", POLY, "Walcheren", "Middelburg", "de haven en de scheepsbouw"),
    _p("Goes", MONO, "de Bevelanden", "Goes", "de fruitteelt", "Goes", "Goes "),
    _p("Emmen", MONO, "Zuidoost-Drenthe", "Emmen", "het nieuwe dierenpark", "Emmen", "emmen"),
    _p("Assen", MONO, "Noord-Drenthe", "Groningen", "het TT-circuit"),
    _p("Hoogeveen", MONO, "Zuidwest-Drenthe", "Hoogeveen", "de spoorlijn naar Zwolle"),
    _p("Meppel", MONO, "Zuidwest-Drenthe", "Zwolle", "de grafische industrie"),
    _p("Heerenveen", MONO, "Zuid-Friesland", "Heerenveen", "de sportsector"),
    _p("Súdwest-Fryslân", MONO, "Zuidwest-Friesland", "Sneek", "de watersport",
       "Sudwest Fryslan"),
    _p("Kampen", NABIJ, "de regio Zwolle", "Zwolle", "de Hanzestad aan de IJssel"),
    _p("Doetinchem", MONO, "de Achterhoek", "Doetinchem", "de maakindustrie",
       "Doetinchem", "Doetinchem"),
    _p("Tiel", MONO, "Rivierenland", "Tiel", "de fruitteelt"),
    _p("Culemborg", NABIJ, "Rivierenland", "Utrecht", "de binnenstad"),
    _p("Barneveld", POLY, "de Foodvalley", "Ede", "de pluimveesector"),
    _p("Woerden", NABIJ, "het Groene Hart", "Utrecht", "de kaasmarkt en het Groene Hart",
       "Woerden", "Woerden"),
    _p("Gouda", POLY, "Midden-Holland", "Rotterdam", "de historische binnenstad"),
    _p("Weert", MONO, "Midden-Limburg", "Weert", "de grens met België"),
    _p("Venray", MONO, "Noord-Limburg", "Venlo", "de agrofood- en logistieke sector"),
    _p("Hengelo", POLY, "Twente", "Enschede", "de hightech maakindustrie", "Hengelo (Ov.)"),
    _p("'s-Hertogenbosch", POLY, "Noordoost-Brabant", "Tilburg", "de Jheronimus Bosch-stad",
       "Den Bosch"),
)

MEETUP_MUNICIPALITIES: tuple[str, ...] = tuple(p.naam for p in PROFILES if p.meetup)

# --------------------------------------------------------------------------- answer model
# Mean urgency (1-5) per position for the themes EA, LD, SV, EF.
URGENCY_MEAN: dict[str, tuple[float, float, float, float]] = {
    NABIJ: (3.2, 4.2, 3.2, 4.3),
    POLY: (4.4, 3.9, 3.1, 3.5),
    MONO: (3.9, 3.0, 4.3, 3.7),
}
# Mean agreement (1-5) per position for the statements K1..K4, Z1..Z3.
LIKERT_MEAN: dict[str, tuple[float, ...]] = {
    NABIJ: (3.9, 3.9, 3.6, 4.1, 2.5, 2.8, 2.8),
    POLY: (4.4, 3.0, 3.8, 4.0, 2.8, 3.0, 3.7),
    MONO: (3.8, 2.3, 3.9, 4.4, 3.5, 4.1, 3.5),
}
# Relative weight of opgaven per position (options not listed weigh 1).
OPGAVE_WEIGHTS: dict[str, dict[str, float]] = {
    NABIJ: {"EA8": 1.6, "EA7": 1.4, "EA4": 0.5, "LD2": 3.0, "LD3": 1.8, "SV4": 2.2, "SV5": 1.4,
            "EF1": 3.0, "EF2": 1.8},
    POLY: {"EA1": 3.0, "EA2": 1.8, "EA4": 2.0, "EA6": 1.5, "LD1": 3.0, "LD4": 2.2, "LD5": 1.4,
           "SV2": 1.6, "SV4": 1.3, "EF3": 2.2, "EF1": 1.2},
    MONO: {"EA7": 2.2, "EA8": 2.6, "EA5": 1.4, "LD6": 2.0, "LD2": 1.5, "SV6": 2.2, "SV1": 1.6,
           "SV5": 1.7, "EF6": 3.0, "EF5": 1.8},
}
# Respondents' functie (instrument option ids) and how common each is.
FUNCTIE_WEIGHTS: dict[str, float] = {
    "strategisch": 0.38, "beleid": 0.30, "bestuurder": 0.10, "directie": 0.12, "anders": 0.10,
}
VORM_PROBABILITY: dict[str, float] = {
    "praktijkonderzoek": 0.45, "experimenten": 0.30, "excursies": 0.45, "werkgroepen": 0.40,
    "leerkringen": 0.60,
}

FIRST_NAMES: tuple[str, ...] = (
    "Anne", "Bas", "Carla", "Dirk", "Esther", "Frank", "Gerrit", "Hanneke", "Ingrid", "Jeroen",
    "Karin", "Lars", "Marieke", "Niels", "Olga", "Pieter", "Renate", "Sander", "Tineke",
    "Wouter", "Yvonne", "Mustafa", "Fatima", "Sanne", "Joost", "Ilse", "Koen", "Linda",
    "Martijn", "Nadia", "Ruud", "Annemarie", "Henk", "Saskia", "Erik", "Miriam",
)
SURNAMES: tuple[str, ...] = (
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer", "Kok", "Jacobs",
    "El Haddou", "Yilmaz", "Postma", "Hoekstra", "Verbeek", "Kuipers",
)

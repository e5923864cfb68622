"""Person names in free text, measured on a labelled set of Dutch sentences: names of
municipalities, wethouders, streets and organisations mixed in. Names are marked {like this};
precision and recall (per word) are printed under "gemeten"."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

import pandas as pd
import pytest

from pmg_analysis.clean.names import name_after_cue
from pmg_analysis.clean.pii import redact_text

# What respondents typed in the name field (any response, kept or not).
NAME_FIELD = ["Jeroen de Groot", "Anne Bos", "Fatima El Haddou", "Pieter van den Berg",
              "Karin Visser", "Mustafa Yilmaz", "Linda Smit", "Koen Bakker", "Sanne Mulder",
              "anoniem", "test"]

LABELLED = [
    "Neem contact op met {Jeroen de Groot} over de aanpak in Zeist.",
    "bel met {jeroen} als je vragen hebt over de regiodeal",
    "Wethouder {Jansen} van Amersfoort trekt het dossier economie.",
    "De wethouder van Zeist wil meer woningen bouwen.",
    "wethouder {van der Linden} (economie) en burgemeester {Bruls} van Nijmegen",
    "Mijn naam is {anne bos} en ik werk bij de gemeente Ede.",
    "Contactpersoon: {Karin Visser}, afdeling Economische Zaken.",
    "Mail met mw. {El Haddou} over de subsidie.",
    "Ik heb gesproken met collega {Pieter} uit Deventer.",
    "Dhr. {P. de Vries} van de VNG belde gisteren.",
    "Volgens {mustafa} is de samenwerking met Almere goed.",
    "De samenwerking tussen Groningen, Assen en Emmen loopt goed.",
    "Platform31 en de VNG organiseren een bijeenkomst in Utrecht.",
    "Het bedrijventerrein aan de Stationsstraat in Hengelo wordt vernieuwd.",
    "Burgemeester en wethouders van Bergen op Zoom steunen het plan.",
    "Wij zoeken een groot bos voor recreatie bij Apeldoorn.",
    "Groeten van {Linda Smit}, gemeente Zwolle",
    "bel {linda} even over de agenda van de regio Twente",
    "Mevrouw {De Wit} is onze contactpersoon bij de provincie Gelderland.",
    "De contactpersoon bij de provincie is meneer {Jansen}.",
    "Wethouder {Yilmaz} en wethouder {Smit} gaan samen naar Den Haag.",
    "In Den Bosch en Tilburg zijn de wethouders positief.",
    "Namens de gemeente Lochem, {Koen Bakker}",
    "De bakker in het dorp sluit; dat is een groot verlies voor Oss.",
    "Graag meer aandacht voor Kampen en de andere Hanzesteden.",
    "Meer info: {Anne} via het secretariaat.",
    "Mijn collega {sanne} weet hier meer van.",
    "Collega's uit Leeuwarden en Heerenveen doen ook mee.",
    "Het college van Nieuwegein kiest voor een aanpak van de binnenstad.",
    "Wethouder {Vos} (Wonen) heeft het voortouw.",
    "De vos in het bos is het symbool van ons natuurbeleid in Ermelo.",
    "Mail met {karin} of met {pieter van den berg} voor de stukken.",
    "Het Rijk, de provincie Utrecht en de gemeente Houten werken samen.",
    "Bel met de griffie van Zutphen voor de stukken.",
    "Onze wethouder, {Hanneke Dijkstra}, is trekker van het thema.",
    "Burgemeester {Van Beek} van Ede opent de bijeenkomst.",
    "De raad van Venlo stemde in met het voorstel van wethouder {Teeuwen}.",
    "Meer weten? Mail met het projectbureau in Hoorn.",
    "Ik ben {Esther}, beleidsadviseur in Doetinchem.",
    "Zie de notitie van {Joost Hoekstra} en de raadsinformatiebrief.",
    "Samenwerking met de Metropoolregio en Regio Rivierenland is nodig.",
    "De heer {Smeets} uit Roermond neemt het over van burgemeester {Schuurmans}.",
    "Collega wethouders uit Middelburg en Vlissingen zijn enthousiast.",
    "Contactpersoon: {fatima el haddou} (gemeente Almelo)",
    "In Alphen aan den Rijn en Gouda ligt de nadruk op wonen.",
    "De wethouder van Sittard-Geleen, {Meulenberg}, opende de markt op de Markt.",
    # sign-offs and contact requests with a name typed in no field (issue 24)
    "Met vriendelijke groet, {Mehmet Bakker}",
    "Graag contact via {Gert van Leeuwen}.",
    "Groet, {Joost Bos}",
    "Met vriendelijke groet,\n{Ilse ter Horst}\nGemeente Tiel",
    "Groeten uit Lochem en tot ziens in Deventer.",
    "Met vriendelijke groet, gemeente Oss",
    "Graag contact via de griffie van Tiel of via Culemborg.",
    "mvg {Sanne}",
]

# Municipality names in the set: every one must survive redaction.
MUNICIPALITIES = ["Zeist", "Amersfoort", "Nijmegen", "Ede", "Deventer", "Almere", "Groningen",
                  "Assen", "Emmen", "Utrecht", "Hengelo", "Bergen op Zoom", "Apeldoorn", "Zwolle",
                  "Den Haag", "Den Bosch", "Tilburg", "Lochem", "Oss", "Kampen", "Leeuwarden",
                  "Heerenveen", "Nieuwegein", "Ermelo", "Houten", "Zutphen", "Venlo", "Hoorn",
                  "Doetinchem", "Roermond", "Middelburg", "Vlissingen", "Almelo",
                  "Alphen aan den Rijn", "Gouda", "Sittard-Geleen", "Tiel", "Culemborg"]

_TOKEN = re.compile(r"\[naam\]|[^\s,;:()?!]+")


def _parse(labelled: str) -> tuple[str, list[bool]]:
    """The plain sentence and, per word, whether it is (part of) a name."""
    plain, spans = "", []
    for piece in re.split(r"(\{[^}]*\})", labelled):
        if piece.startswith("{"):
            spans.append((len(plain), len(plain) + len(piece) - 2))
            plain += piece[1:-1]
        else:
            plain += piece
    gold = [any(s <= m.start() < e for s, e in spans) for m in _TOKEN.finditer(plain)]
    return plain, gold


def _redacted_words(before: str, after: str) -> list[bool]:
    """Per word of ``before``: whether redaction replaced it."""
    words_in = _TOKEN.findall(before)
    gone = [True] * len(words_in)
    for block in SequenceMatcher(None, words_in, _TOKEN.findall(after),
                                 autojunk=False).get_matching_blocks():
        gone[block.a:block.a + block.size] = [False] * block.size
    return gone


@pytest.fixture(scope="module")
def scored():
    plain, gold = zip(*(_parse(s) for s in LABELLED), strict=True)
    redacted = redact_text(pd.Series(plain), NAME_FIELD).tolist()
    predicted = [_redacted_words(b, a) for b, a in zip(plain, redacted, strict=True)]
    pairs = [(g, p) for gs, ps in zip(gold, predicted, strict=True)
             for g, p in zip(gs, ps, strict=True)]
    hits = sum(g and p for g, p in pairs)
    return {"plain": plain, "redacted": redacted, "n_names": sum(g for g, _ in pairs),
            "precision": hits / max(1, sum(p for _, p in pairs)),
            "recall": hits / max(1, sum(g for g, _ in pairs))}


def test_the_labelled_set_is_large_enough():
    assert len(LABELLED) >= 40 and len(set(LABELLED)) == len(LABELLED)
    assert all(_parse(s)[0] for s in LABELLED)


def test_name_redaction_precision_and_recall(scored, report_metric):
    report_metric(f"namen in vrije tekst ({len(LABELLED)} zinnen, {scored['n_names']} "
                  f"naamwoorden): precisie {scored['precision']:.2f}, "
                  f"recall {scored['recall']:.2f}")
    assert scored["precision"] >= 0.95
    assert scored["recall"] >= 0.8


def test_municipality_names_survive(scored):
    text_in, text_out = " ".join(scored["plain"]), " ".join(scored["redacted"])
    for name in MUNICIPALITIES:
        assert text_out.count(name) == text_in.count(name), name


def test_no_name_from_the_name_field_survives_in_any_case(scored):
    out = " ".join(scored["redacted"]).casefold()
    for name in NAME_FIELD[:9]:
        first, *_, last = name.split()
        assert first.casefold() not in out.split(), first


@pytest.mark.parametrize(("text", "name"), [
    ("wethouder van der Berg van Zeist", "van der Berg"),
    ("dhr. J.P. de Vries belt", "J.P. de Vries"),
    ("mijn naam is anne", "anne"),
    ("burgemeester van Zeist", None),
    ("bel met de VNG", None),
    ("wethouder heeft besloten", None),
])
def test_the_name_after_a_cue_word(text, name):
    cue_end = re.match(r"(?i)wethouder|dhr\.|mijn naam is|burgemeester|bel met", text).end()
    span = name_after_cue(text, cue_end)
    assert (text[span[0]:span[1]] if span else None) == name

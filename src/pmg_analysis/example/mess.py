"""The mess real exports have, added on purpose to the synthetic responses.

Each case is placed deterministically on a named municipality, so tests can find it:

- name variants and typos come from :data:`.profiles.PROFILES` (``typed``);
- a duplicate submission (Harderwijk: same person twice, the earlier one incomplete);
- a test response by a Platform31 address ("test", "Test", "test test");
- a partial response (Emmen, second respondent: only the first questions);
- a response with an unrecognisable municipality ("Regio Achterhoek");
- personal data in free text (Lochem: e-mail, 06-number and own name; Nieuwegein: +31 number);
- HTML in text fields (Veldhoven ``<b>``, Gouda ``<script>``);
- a text cell starting with "=" (Oss);
- more than 3 opgaven (Tiel, EF); a ranking with a missing theme (Waalwijk) and one with a
  tie, i.e. a theme listed twice (Culemborg).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np

from pmg_analysis.example import profiles as pr
from pmg_analysis.example.leervragen import Asker
from pmg_analysis.example.responses import (
    ExampleConfig,
    Person,
    Response,
    answer_all,
    draw_times,
)
from pmg_analysis.instrument import Instrument

TEST_EMAIL = "test@platform31.nl"
UNKNOWN_MUNICIPALITY = "Regio Achterhoek"
PII_PERSON = Person("Marieke", "Bakker", "lochem.example.nl")
PII_PHONE_MOBILE = "06-12345678"
PII_PHONE_LANDLINE = "+31 30 123 4567"
FORMULA_TEXT = '=HYPERLINK("http://example.org/agenda";"Klik hier voor onze economische visie")'
SCRIPT_TEXT = "<script>alert(1)</script>"

_SECTION_AB = ("functie", "naam", "email", "positie", "stelling")


def _find(responses: list[Response], municipality: str, nth: int = 0) -> Response:
    return [r for r in responses if r.municipality == municipality][nth]


def _test_response(instrument: Instrument) -> Response:
    answers: dict[str, object] = {"functie": "anders", "naam": "test", "positie": pr.WEET_NIET,
                                  "stelling": {it.id: 3 for it in instrument["stelling"].items}}
    for theme in instrument.theme_codes:
        answers[f"{theme}_urgentie"] = 3
        answers[f"{theme}_opgaven"] = (instrument[f"{theme}_opgaven"].options[0].id,)
        answers[f"{theme}_kansen"] = "test test"
    answers["prioriteit"] = instrument.theme_codes
    answers["opmerkingen"] = "test"
    start = dt.datetime(2017, 2, 3, 16, 41, 7)
    return Response(gemeente="test", start=start, end=start + dt.timedelta(seconds=95),
                    email=TEST_EMAIL, name="Test", answers=answers, municipality="")


def _duplicate(first: Response) -> Response:
    """The same person's earlier, incomplete submission (sections A-B and the first theme)."""
    keep = {k: v for k, v in first.answers.items() if k in _SECTION_AB or k.startswith("EA_")}
    start = first.start - dt.timedelta(days=1, minutes=47)
    return replace(first, start=start, end=start + dt.timedelta(minutes=6, seconds=12),
                   answers=keep)


def _unknown_municipality(rng: np.random.Generator, instrument: Instrument,
                          cfg: ExampleConfig, asker: Asker) -> Response:
    prof = pr.Profile(UNKNOWN_MUNICIPALITY, pr.MONO, "de Achterhoek", "Doetinchem",
                      "de Achterhoekse maakindustrie", (UNKNOWN_MUNICIPALITY,))
    start, end = draw_times(rng, cfg)
    answers = answer_all(rng, instrument, prof, "strategisch", np.zeros(4), cfg, asker)
    return Response(gemeente=UNKNOWN_MUNICIPALITY, start=start, end=end, answers=answers,
                    municipality=UNKNOWN_MUNICIPALITY)


def add_mess(responses: list[Response], rng: np.random.Generator, instrument: Instrument,
             cfg: ExampleConfig, asker: Asker) -> list[Response]:
    """Return the responses with every mess case applied or added."""
    out = list(responses)

    harderwijk = _find(out, "Harderwijk")
    person = harderwijk.person or Person("Gerrit", "Mulder", "harderwijk.example.nl")
    harderwijk.email, harderwijk.name = person.email, person.full
    out.append(_duplicate(harderwijk))

    partial = _find(out, "Emmen", 1)
    partial.answers = {k: v for k, v in partial.answers.items()
                       if k in ("functie", "naam", "email", "positie")}
    partial.end = partial.start + dt.timedelta(minutes=2, seconds=31)

    lochem = _find(out, "Lochem", 1)
    lochem.email, lochem.name = PII_PERSON.email, PII_PERSON.full
    lochem.answers["opmerkingen"] = (
        f"Voor vragen kunt u mij bereiken via {PII_PERSON.email} of {PII_PHONE_MOBILE}. "
        f"Met vriendelijke groet, {PII_PERSON.full}")
    nieuwegein = _find(out, "Nieuwegein", 1)
    nieuwegein.answers["LD_samen"] = (
        "Wij organiseren graag een bijeenkomst over de rol van de raad. Bel gerust met ons "
        f"secretariaat: {PII_PHONE_LANDLINE}.")

    veldhoven = _find(out, "Veldhoven")
    veldhoven.answers["EA_kansen"] = (
        "<b>Brainport groeit hard.</b> Bedrijven als ASML zoeken technici die we zelf niet "
        "opleiden; tegelijk moeten we woningen bouwen voor de nieuwe werknemers.")
    gouda = _find(out, "Gouda")
    gouda.answers["opmerkingen"] = f"{SCRIPT_TEXT} Geen verdere opmerkingen."
    oss = _find(out, "Oss")
    oss.answers["EA_leervraag"] = FORMULA_TEXT

    tiel = _find(out, "Tiel")
    tiel.answers["EF_opgaven"] = ("EF1", "EF2", "EF3", "EF5", "EF6")
    waalwijk = _find(out, "Waalwijk")
    waalwijk.answers["prioriteit"] = ("EF", "LD", "EA")
    culemborg = _find(out, "Culemborg")
    culemborg.answers["prioriteit"] = ("EF", "EF", "LD", "SV")

    out.append(_test_response(instrument))
    out.append(_unknown_municipality(rng, instrument, cfg, asker))
    return out

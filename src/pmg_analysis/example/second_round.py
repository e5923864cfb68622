"""A SYNTHETIC second round of the example survey (2019), with a known truth, for issue 17.

:func:`generate_rounds` returns two export sheets and the truth the comparison must recover:

* the older round is the bundled example export (:func:`pmg_analysis.example.generate`, seed
  2017) **plus three respondents** from Zevenaar, Rijnwaarden and Littenseradiel: none of the
  bundled example's 40 municipalities was merged or split after 2017, so these three are added
  to the older round to exercise a real merger (Rijnwaarden went up in Zevenaar on 1 January
  2018) and a real split (Littenseradiel, main town Wommels, to Súdwest-Fryslân);
* the newer round is answered on the revised questionnaire ``data/instrument_2019.yaml``
  (stelling Z1 reworded, EF_opgaven option EF7 added), in February-March 2019;
* four municipalities leave (:data:`LEAVERS`), three join (:data:`JOINERS`);
* every municipality that answers both rounds (after mapping) sends one respondent per
  respondent of the older round that rated LD's urgency, and each of them rates LD exactly
  :data:`SHIFT` higher than the corresponding older respondent. By the one-value-per-municipality
  rule every stayer's LD urgency therefore rises by exactly 1, and so does the paired mean. (The
  leavers include the three municipalities where someone rated LD 5, so nothing is capped.)
  Other answers of the newer round are drawn afresh from the same answer model; the stayers'
  open answers are copied from the older round, so the learning needs only change by design;
* municipalities formed after 2017 (drawn from a second random stream, seed + 1, so every
  answer above stays as it was): the older round has one respondent each from
  Hoogezand-Sappemeer and Oud-Beijerland (:data:`POST_2017_OLD`), which went up in
  Midden-Groningen (2018) and Hoeksche Waard (2019); in the newer round both answer under
  their new names (stayers, LD urgency again exactly :data:`SHIFT` higher), and Altena and
  Het Hogeland (both formed on 1 January 2019) join (:data:`POST_2017_JOINERS`), one Altena
  respondent typing the former municipality Werkendam. One more respondent types Winsum, a
  municipality split on 1 January 2019 (:data:`SPLIT_TYPED`): the round's register cannot say
  which successor is meant, so that row is quarantined with both successors as candidates;
* :data:`NEW_NEED_MUNICIPALITIES` (six stayers) ask a learning question about prevention and
  health (codebook need ``sv_preventie_gezondheid``), which nobody in the bundled example asks
  (its learning questions are written per need, and this need is not among them): 0 -> 6, a
  new need. The municipalities added to or joining a round ask no learning question, so the
  needs change only by design.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from pmg_analysis.example import profiles as pr
from pmg_analysis.example.leervragen import Asker
from pmg_analysis.example.msforms import to_sheet, write_xlsx
from pmg_analysis.example.responses import (
    ExampleConfig,
    Response,
    answer_all,
    draw_times,
    make_person,
)
from pmg_analysis.instrument import load_instrument, load_instrument_version
from pmg_analysis.rounds import RoundComparison
from pmg_analysis.settings import Settings

SEED = 2019
THEME, SHIFT = "LD", 1
LEAVERS: tuple[str, ...] = ("Barneveld", "Oss", "Rijssen-Holten", "Venray")
JOINERS: tuple[pr.Profile, ...] = (
    pr.Profile("Zutphen", pr.POLY, "de Stedendriehoek", "Deventer", "de Hanzestad", ("Zutphen",)),
    pr.Profile("Terneuzen", pr.MONO, "Zeeuws-Vlaanderen", "Terneuzen", "de Kanaalzone",
               ("Terneuzen",)),
    pr.Profile("Houten", pr.NABIJ, "de regio Utrecht", "Utrecht", "de fietsstad",
               ("Houten", "Houten")),
)
# Added to the older round (see the module docstring); LD urgency fixed so none is capped.
OLD_EXTRAS: tuple[tuple[pr.Profile, int], ...] = (
    (pr.Profile("Zevenaar", pr.NABIJ, "de Liemers", "Arnhem", "de Liemers", ("Zevenaar",)), 3),
    (pr.Profile("Rijnwaarden", pr.NABIJ, "de Liemers", "Arnhem", "de Rijnstrangen",
                ("Rijnwaarden",)), 2),
    (pr.Profile("Littenseradiel", pr.MONO, "Zuidwest-Friesland", "Sneek", "het Friese platteland",
                ("Littenseradiel",)), 4),
)
MAPPED = {"Rijnwaarden": "Zevenaar", "Littenseradiel": "Súdwest-Fryslân"}
# Municipalities formed after 2017 (module docstring); their own random stream (seed + 1).
POST_2017_OLD: tuple[tuple[pr.Profile, int], ...] = (
    (pr.Profile("Hoogezand-Sappemeer", pr.NABIJ, "de regio Groningen", "Groningen",
                "de scheepsbouw", ("Hoogezand-Sappemeer",)), 3),
    (pr.Profile("Oud-Beijerland", pr.NABIJ, "de Hoeksche Waard", "Rotterdam",
                "het eiland", ("Oud-Beijerland",)), 2),
)
POST_2017_NEW: tuple[pr.Profile, ...] = (
    pr.Profile("Midden-Groningen", pr.NABIJ, "de regio Groningen", "Groningen",
               "de scheepsbouw", ("Midden-Groningen",)),
    pr.Profile("Hoeksche Waard", pr.NABIJ, "de Hoeksche Waard", "Rotterdam", "het eiland",
               ("Gemeente Hoeksche Waard",)),
)
POST_2017_JOINERS: tuple[pr.Profile, ...] = (
    pr.Profile("Altena", pr.POLY, "het Land van Heusden en Altena", "Breda", "de Biesbosch",
               ("Altena", "Werkendam")),
    pr.Profile("Het Hogeland", pr.MONO, "Noord-Groningen", "Groningen", "het Wad",
               ("Het Hogeland",)),
)
POST_2017_MAPPED = {"Hoogezand-Sappemeer": "Midden-Groningen", "Oud-Beijerland": "Hoeksche Waard"}
SPLIT_TYPED = ("Winsum", ("Het Hogeland", "Westerkwartier"))
NEW_NEED = "sv_preventie_gezondheid"
NEW_NEED_MUNICIPALITIES: tuple[str, ...] = ("Gorinchem", "Hoorn", "Kampen", "Meppel", "Weert",
                                            "Zeist")
NEW_NEED_QUESTIONS: tuple[str, ...] = (
    "Hoe zetten we meer in op preventie, zodat minder inwoners zware zorg nodig hebben?",
    "Wij willen leren hoe andere gemeenten gezondheidsverschillen tussen wijken verkleinen.",
    "Welke aanpak van een gezonde leefstijl werkt voor jongeren en ouderen?",
    "Ervaringen met preventie en vroegsignalering samen met huisartsen en de GGD.",
    "Hoe krijgen we meer inwoners aan het sporten en bewegen?",
    "Wat werkt tegen overgewicht bij kinderen in onze wijken?",
)
OPEN_SUFFIXES = ("_kansen", "_leervraag", "_samen")
SECOND_CONFIG = ExampleConfig(
    first_day=dt.date(2019, 2, 4), last_day=dt.date(2019, 3, 22),
    busy_from=dt.date(2019, 2, 11), busy_until=dt.date(2019, 3, 1),
    deleted_ids=(), title="PMG-enquête 2019 (tweede ronde) - SYNTHETISCHE voorbeelddata "
                          "(geen echte antwoorden)")


@dataclass(frozen=True)
class SecondRoundTruth:
    """What the comparison of the two example rounds must find."""

    leavers: tuple[str, ...] = LEAVERS
    joiners: tuple[str, ...] = tuple(p.naam for p in (*JOINERS, *POST_2017_JOINERS))
    mapped: dict[str, str] = field(default_factory=lambda: MAPPED | POST_2017_MAPPED)
    formed_after_2017: tuple[str, ...] = tuple(
        p.naam for p in (*POST_2017_NEW, *POST_2017_JOINERS))
    split_typed: str = SPLIT_TYPED[0]
    split_candidates: tuple[str, ...] = SPLIT_TYPED[1]
    theme: str = THEME
    shift: float = float(SHIFT)
    new_need: str = NEW_NEED
    new_need_count: int = len(NEW_NEED_MUNICIPALITIES)
    reworded: tuple[str, str] = ("stelling", "Z1")
    added_option: tuple[str, str] = ("EF_opgaven", "EF7")


@dataclass(frozen=True)
class ExampleRounds:
    old: pd.DataFrame   # the older round's export sheet (bundled example + 3 respondents)
    new: pd.DataFrame   # the newer round's export sheet (revised questionnaire)
    truth: SecondRoundTruth


def _old_responses() -> list[Response]:
    """The bundled example's responses, exactly as :func:`pmg_analysis.example.generate`."""
    from pmg_analysis.example import _responses

    return _responses(2017, ExampleConfig())[0]


LEARNING_SUFFIXES = ("_leervraag", "_samen")


def _answers(rng: np.random.Generator, instrument, prof: pr.Profile, functie: str,
             effect: np.ndarray, cfg: ExampleConfig) -> dict[str, object]:
    """:func:`answer_all` without learning questions: the municipalities added to or joining a
    round ask none, so that the learning needs of the rounds are exactly the design (the new
    need asked by :data:`NEW_NEED_MUNICIPALITIES` and nobody else)."""
    asker = Asker(np.random.default_rng(rng.integers(2**32)), cfg.leervragen)
    answers = answer_all(rng, instrument, prof, functie, effect, cfg, asker)
    return {k: v for k, v in answers.items() if not k.endswith(LEARNING_SUFFIXES)}


def _extras(rng: np.random.Generator,
            extras: tuple[tuple[pr.Profile, int], ...] = OLD_EXTRAS) -> list[Response]:
    instrument, cfg = load_instrument(), ExampleConfig()
    out = []
    for prof, ld in extras:
        start, end = draw_times(rng, cfg)
        r = Response(gemeente=prof.naam, start=start, end=end, municipality=prof.naam,
                     person=make_person(rng, prof.naam))
        r.answers = _answers(rng, instrument, prof, "strategisch", np.zeros(4), cfg)
        r.answers[f"{THEME}_urgentie"] = ld
        out.append(r)
    return out


def _profile(name: str) -> pr.Profile:
    known = {p.naam: p for p in (*pr.PROFILES, *JOINERS, *(e[0] for e in OLD_EXTRAS),
                                 *POST_2017_NEW)}
    return known[name]


def _new_responses(old: list[Response], rng: np.random.Generator) -> list[Response]:
    instrument = load_instrument_version("2019")
    cfg = SECOND_CONFIG
    out: list[Response] = []
    key = f"{THEME}_urgentie"
    by_muni: dict[str, list[Response]] = {}
    for r in old:
        target = MAPPED.get(r.municipality, r.municipality)
        if target and target not in LEAVERS and key in r.answers:
            by_muni.setdefault(target, []).append(r)
    need_q = iter(NEW_NEED_QUESTIONS)
    for muni in sorted(by_muni):
        prof = _profile(muni)
        effect = rng.normal(0, 0.35, 4)
        for i, before in enumerate(by_muni[muni]):
            start, end = draw_times(rng, cfg)
            r = Response(gemeente=prof.naam, start=start, end=end, municipality=prof.naam,
                         person=make_person(rng, prof.naam))
            functie = str(before.answers.get("functie", "strategisch"))
            r.answers = _answers(rng, instrument, prof, functie, effect, cfg)
            r.answers = {k: v for k, v in r.answers.items()
                         if not k.endswith(OPEN_SUFFIXES) and k != "opmerkingen"}
            r.answers.update({k: copy.copy(v) for k, v in before.answers.items()
                              if k.endswith(OPEN_SUFFIXES) or k == "opmerkingen"})
            r.answers[key] = int(before.answers[key]) + SHIFT  # type: ignore[call-overload]
            if muni in NEW_NEED_MUNICIPALITIES and i == 0:
                r.answers["SV_leervraag"] = next(need_q)
            out.append(r)
    for prof in JOINERS:
        effect = rng.normal(0, 0.35, 4)
        for typed in prof.typed:
            start, end = draw_times(rng, cfg)
            r = Response(gemeente=typed, start=start, end=end, municipality=prof.naam,
                         person=make_person(rng, prof.naam))
            r.answers = _answers(rng, instrument, prof, "beleid", effect, cfg)
            out.append(r)
    return out


def _post_2017_new(old: list[Response], rng: np.random.Generator) -> list[Response]:
    """The newer round's respondents of municipalities formed after 2017 (module docstring):
    the stayers (one per older respondent, LD urgency :data:`SHIFT` higher), the joiners and
    the respondent typing a split municipality."""
    instrument, cfg, key = load_instrument_version("2019"), SECOND_CONFIG, f"{THEME}_urgentie"
    by_name = {r.municipality: r for r in old}
    out: list[Response] = []
    for prof in POST_2017_NEW:
        before = by_name[next(o for o, n in POST_2017_MAPPED.items() if n == prof.naam)]
        start, end = draw_times(rng, cfg)
        r = Response(gemeente=prof.typed[0], start=start, end=end, municipality=prof.naam,
                     person=make_person(rng, prof.naam))
        r.answers = _answers(rng, instrument, prof, "strategisch", rng.normal(0, 0.35, 4), cfg)
        r.answers[key] = int(before.answers[key]) + SHIFT  # type: ignore[call-overload]
        out.append(r)
    typed = [(prof, t) for prof in POST_2017_JOINERS for t in prof.typed]
    typed.append((POST_2017_JOINERS[1], SPLIT_TYPED[0]))  # lives in Het Hogeland, types Winsum
    for prof, name in typed:
        start, end = draw_times(rng, cfg)
        r = Response(gemeente=name, start=start, end=end, municipality=prof.naam,
                     person=make_person(rng, prof.naam))
        r.answers = _answers(rng, instrument, prof, "beleid", rng.normal(0, 0.35, 4), cfg)
        out.append(r)
    return out


def _numbered(responses: list[Response], first: int = 1) -> list[Response]:
    """In submission order, numbered from ``first`` (the tool's ID)."""
    responses.sort(key=lambda r: (r.end, r.start))
    for i, r in enumerate(responses, start=first):
        r.id = i
    return responses


def generate_rounds(seed: int = SEED) -> ExampleRounds:
    """The two example rounds as export sheets (Microsoft Forms layout) and their truth."""
    from pmg_analysis.example import generate

    rng = np.random.default_rng(seed)
    post = np.random.default_rng(seed + 1)  # municipalities formed after 2017: own stream
    old = _old_responses()
    extras = _extras(rng)
    post_old = _extras(post, POST_2017_OLD)
    bundled = generate()
    extras = _numbered(extras + post_old, int(bundled["ID"].max()) + 1)
    old_sheet = pd.concat([bundled, to_sheet(extras, load_instrument())], ignore_index=True)
    known = {p.naam for p in pr.PROFILES}  # not the test response or "Regio Achterhoek"
    later = {id(r) for r in post_old}
    stayers = [r for r in old if r.municipality in known] + [r for r in extras
                                                              if id(r) not in later]
    new = _new_responses(stayers, rng)
    new = _numbered(new + _post_2017_new(post_old, post))
    new_sheet = to_sheet(new, load_instrument_version("2019"))
    return ExampleRounds(old_sheet, new_sheet, SecondRoundTruth())


def write_rounds(directory: str | Path, seed: int = SEED) -> tuple[Path, Path]:
    """Write the two example rounds as .xlsx (``pmg_enquete_2017_ronde1_synthetisch.xlsx`` and
    ``pmg_enquete_2019_ronde2_synthetisch.xlsx``); returns (older, newer)."""
    rounds = generate_rounds(seed)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    old = write_xlsx(rounds.old, directory / "pmg_enquete_2017_ronde1_synthetisch.xlsx",
                     ExampleConfig().title)
    new = write_xlsx(rounds.new, directory / "pmg_enquete_2019_ronde2_synthetisch.xlsx",
                     SECOND_CONFIG.title)
    return old, new


def example_comparison(settings: Settings = Settings()
                       ) -> tuple[RoundComparison, dict[str, pd.DataFrame], dict[str, str]]:
    """The comparison of the two synthetic example rounds (:func:`write_rounds`) with
    ``settings`` (notebook 06 without a stored comparison: its ``instellingen``), computed in
    memory (nothing written); the learning needs by the codebook's terms only, so it runs in
    seconds."""
    import tempfile
    from dataclasses import replace

    from pmg_analysis.clean import clean_export
    from pmg_analysis.io import read_export
    from pmg_analysis.rounds import RoundsConfig, compare_rounds, needs_and_ranks
    from pmg_analysis.rounds.compare import comparison_mapped

    with tempfile.TemporaryDirectory() as tmp:
        old_path, new_path = write_rounds(Path(tmp))
        new_instrument = load_instrument_version("2019")
        old = clean_export(read_export(old_path), config=settings.clean)
        new = clean_export(read_export(new_path), new_instrument, config=settings.clean)
    old_t = {"responses": old.responses, "answers": old.answers, "texts": old.texts}
    new_t = {"responses": new.responses, "answers": new.answers, "texts": new.texts}
    comparison = compare_rounds(old_t, new_t, new_instrument=new_instrument,
                                config=RoundsConfig(theme=settings.themes))
    mapped = comparison_mapped(old.responses, new.responses)
    needs = settings.learning_needs
    extra = needs_and_ranks(old_t, new_t, mapped_old_responses=mapped,
                            need_config=replace(needs, text=replace(needs.text,
                                                                    use_embeddings=False)),
                            priority_config=settings.prioritise, theme_config=settings.themes)
    meta = {"vorige": old_path.name, "nieuwe": new_path.name,
            "vorige_sha256": old.manifest.source.sha256,
            "nieuwe_sha256": new.manifest.source.sha256,
            "vragenlijst_vorige": "2017", "vragenlijst_nieuwe": "2019",
            "bron": "de synthetische voorbeeldrondes (leerbehoeften alleen op de termen van het "
                    "codeboek)"}
    return comparison, extra, meta

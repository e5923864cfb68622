"""Synthetic respondents: answers in instrument terms (option ids, scale points, theme codes).

A :class:`Response` holds ``answers`` keyed by question id:
single -> option id; multi -> tuple of option ids (and ``"<qid>.anders"`` -> typed text for an
"Anders, namelijk" choice); likert -> {statement id: 1..5}; scale -> 1..5; ranking -> tuple
of theme codes; open -> text. :mod:`.msforms` turns these into export cells.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from pmg_analysis.example import profiles as pr
from pmg_analysis.example.fragments import OTHER_OPGAVE
from pmg_analysis.example.leervragen import Asker, LeervraagConfig
from pmg_analysis.example.texts import TextContext, choose_length, compose, compose_remark
from pmg_analysis.instrument import Instrument


@dataclass(frozen=True)
class ExampleConfig:
    """Settings of the synthetic example export."""

    first_day: dt.date = dt.date(2017, 2, 6)
    last_day: dt.date = dt.date(2017, 3, 24)
    busy_from: dt.date = dt.date(2017, 2, 13)   # the weeks of the meet-ups get more responses
    busy_until: dt.date = dt.date(2017, 3, 3)
    share_anonymous: float = 0.45               # Email/Name "anonymous"/"Anonymous"
    share_positie_actual: float = 0.72          # self-reported positie equals the actual one
    share_positie_actual_clear: float = 0.92    # the same for obvious cases (Profile.clear)
    share_weet_niet: float = 0.08               # "Weet ik niet"
    share_personal_questions: float = 0.35      # fills in the optional naam/e-mail questions
    share_other_opgave: float = 0.07            # ticks "Anders, namelijk" for a theme
    share_remark: float = 0.35                  # writes something under "opmerkingen"
    deleted_ids: tuple[int, ...] = (9, 34)      # MS Forms keeps numbers of deleted responses
    leervragen: LeervraagConfig = LeervraagConfig()  # how learning questions are written
    title: str = ("PMG-enquête 'Samen kansen pakken' 2017 - SYNTHETISCHE voorbeelddata "
                  "(geen echte antwoorden)")


@dataclass
class Response:
    gemeente: str
    start: dt.datetime
    end: dt.datetime
    email: str = "anonymous"
    name: str = "Anonymous"
    answers: dict[str, object] = field(default_factory=dict)
    municipality: str = ""  # the profile's official name (not exported)
    id: int = 0             # assigned in submission order
    person: Person | None = None


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    domain: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def email(self) -> str:
        last = self.last.lower().replace(" ", "")
        return f"{self.first[0].lower()}.{last}@{self.domain}"


def slug(name: str) -> str:
    """A domain-safe version of a municipality name ('s-Hertogenbosch -> s-hertogenbosch)."""
    keep = "".join(c if c.isalnum() else "-" for c in name.lower().replace("'", ""))
    return keep.replace("ú", "u").replace("â", "a").strip("-")


def make_person(rng: np.random.Generator, gemeente: str) -> Person:
    first = pr.FIRST_NAMES[int(rng.integers(len(pr.FIRST_NAMES)))]
    last = pr.SURNAMES[int(rng.integers(len(pr.SURNAMES)))]
    return Person(first, last, f"{slug(gemeente)}.example.nl")


def business_days(cfg: ExampleConfig) -> tuple[list[dt.date], np.ndarray]:
    days = [cfg.first_day + dt.timedelta(d) for d in range((cfg.last_day - cfg.first_day).days + 1)]
    days = [d for d in days if d.weekday() < 5]
    w = np.array([2.5 if cfg.busy_from <= d <= cfg.busy_until else 1.0 for d in days])
    return days, w / w.sum()


def draw_times(rng: np.random.Generator, cfg: ExampleConfig,
               minutes: float = 18.0) -> tuple[dt.datetime, dt.datetime]:
    days, p = business_days(cfg)
    day = days[int(rng.choice(len(days), p=p))]
    second = int(rng.integers(8 * 3600 + 900, 17 * 3600 + 2700))
    if rng.random() < 0.08:  # some fill it in at home in the evening
        second = int(rng.integers(19 * 3600, 22 * 3600 + 1800))
    start = dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=second)
    duration = float(rng.lognormal(np.log(minutes), 0.45)) * 60
    return start, start + dt.timedelta(seconds=round(duration))


def _point(rng: np.random.Generator, mean: float, sd: float) -> int:
    return int(np.clip(np.rint(mean + rng.normal(0, sd)), 1, 5))


def answer_all(rng: np.random.Generator, instrument: Instrument, prof: pr.Profile,
               functie: str, muni_effect: np.ndarray, cfg: ExampleConfig,
               asker: Asker) -> dict[str, object]:
    """Answers to every question except the personal ones, following the position model;
    the learning questions (``leervraag``, ``samen``) are written by ``asker``."""
    pos = prof.positie
    a: dict[str, object] = {"functie": functie}
    u = rng.random()
    p_actual = cfg.share_positie_actual_clear if prof.clear else cfg.share_positie_actual
    if u < p_actual:
        a["positie"] = pos
    elif u < p_actual + cfg.share_weet_niet:
        a["positie"] = pr.WEET_NIET
    else:
        a["positie"] = str(rng.choice([p for p in pr.POSITIONS if p != pos]))
    stelling = instrument["stelling"]
    a["stelling"] = {it.id: _point(rng, m, 0.8)
                     for it, m in zip(stelling.items, pr.LIKERT_MEAN[pos], strict=True)
                     if rng.random() > 0.03}
    ctx = TextContext(prof.naam, prof.regio, prof.stad, prof.kenmerk, pos)
    verbosity = float(rng.beta(2, 2))
    urgency = {}
    for t, theme in enumerate(instrument.theme_codes):
        urg = _point(rng, pr.URGENCY_MEAN[pos][t] + muni_effect[t], 0.6)
        urgency[theme] = urg
        a[f"{theme}_urgentie"] = urg
        q = instrument[f"{theme}_opgaven"]
        ids = [o.id for o in q.options]
        w = np.array([pr.OPGAVE_WEIGHTS[pos].get(i, 1.0) for i in ids])
        k = int(rng.choice([1, 2, 3], p=[0.15, 0.35, 0.5]))
        other = rng.random() < cfg.share_other_opgave
        k = min(k, 2) if other else k
        chosen = set(rng.choice(ids, size=k, replace=False, p=w / w.sum()).tolist())
        a[q.id] = tuple(i for i in ids if i in chosen) + (("anders",) if other else ())
        if other:
            a[f"{q.id}.anders"] = str(rng.choice(OTHER_OPGAVE[theme]))
        for kind, base in (("kansen", 0.25), ("leervraag", 0.15), ("samen", 0.05)):
            p_fill = np.clip(base + 0.55 * verbosity + 0.1 * (urg - 3), 0.05, 0.95)
            if rng.random() < p_fill:
                text = compose(rng, theme, kind, ctx, choose_length(rng, verbosity))
                if kind != "kansen":
                    # the pooled text above is still drawn, and dropped, so that the main
                    # random stream, and with it every other answer of the example, stays as
                    # it was before learning questions got their own writer and stream
                    text = asker.answer(theme, kind, prof.naam, pos, prof.regio, verbosity)
                a[f"{theme}_{kind}"] = text
    scores = np.array([urgency[t] for t in instrument.theme_codes]) + rng.normal(0, 0.7, 4)
    ranked = tuple(instrument.theme_codes[i] for i in np.argsort(-scores, kind="stable"))
    a["prioriteit"] = ranked
    vorm = tuple(o.id for o in instrument["vorm"].options
                 if rng.random() < pr.VORM_PROBABILITY[o.id])
    a["vorm"] = vorm or ("leerkringen",)
    u = rng.random()
    a["trekker"] = ("geen",) if u < 0.5 else ranked[:2] if u > 0.85 else ranked[:1]
    if rng.random() < cfg.share_remark:
        a["opmerkingen"] = compose_remark(rng, ctx)
    return a


def regular_responses(rng: np.random.Generator, instrument: Instrument,
                      cfg: ExampleConfig, asker: Asker) -> list[Response]:
    """One response per entry of every profile's ``typed`` names, functies distinct per town."""
    out = []
    functies = list(pr.FUNCTIE_WEIGHTS)
    fw = np.array(list(pr.FUNCTIE_WEIGHTS.values()))
    for prof in pr.PROFILES:
        effect = rng.normal(0, 0.35, 4)
        n = len(prof.typed)
        roles = rng.choice(functies, size=n, replace=False, p=fw / fw.sum())
        for typed, functie in zip(prof.typed, roles, strict=True):
            start, end = draw_times(rng, cfg)
            person = make_person(rng, prof.naam)
            r = Response(gemeente=typed, start=start, end=end, municipality=prof.naam,
                         person=person)
            if rng.random() >= cfg.share_anonymous:
                r.email, r.name = person.email, person.full
            r.answers = answer_all(rng, instrument, prof, str(functie), effect, cfg, asker)
            if rng.random() < cfg.share_personal_questions:
                r.answers["naam"] = person.full
                if rng.random() < 0.7:
                    r.answers["email"] = person.email
            out.append(r)
    return out

"""Composing varied Dutch free-text answers from the fragments in :mod:`.fragments`."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from pmg_analysis.example.fragments import CLOSINGS, FRAGMENTS, OPENINGS, OPMERKINGEN, POSITION

LENGTHS: tuple[str, ...] = ("kort", "middel", "lang")


@dataclass(frozen=True)
class TextContext:
    """What a respondent's texts may refer to (see the slots in :mod:`.fragments`)."""

    gemeente: str
    regio: str
    stad: str
    kenmerk: str
    positie: str


def choose_length(rng: np.random.Generator, verbosity: float) -> str:
    """Short, medium or long, depending on the respondent's verbosity (0..1)."""
    p_kort = 0.45 - 0.3 * verbosity
    p_lang = 0.1 + 0.4 * verbosity
    return str(rng.choice(LENGTHS, p=[p_kort, 1 - p_kort - p_lang, p_lang]))


def _fill(sentence: str, ctx: TextContext) -> str:
    """Fill the slots and start with a capital ("de maakindustrie is ..." -> "De ...")."""
    text = sentence.format(**asdict(ctx))
    return text[:1].upper() + text[1:]


def _pick(rng: np.random.Generator, pool: tuple[str, ...], k: int) -> list[str]:
    k = min(k, len(pool))
    return [pool[i] for i in rng.choice(len(pool), size=k, replace=False)]


def compose(rng: np.random.Generator, theme: str, kind: str, ctx: TextContext,
            length: str) -> str:
    """One answer to an open per-theme question (``kind``: kansen, leervraag or samen)."""
    frags = FRAGMENTS[theme]
    if length == "kort":
        if kind != "samen" and rng.random() < 0.6:
            text = _pick(rng, frags["kort"], 1)[0]
        else:
            text = _pick(rng, frags[kind], 1)[0]
        return _fill(text, ctx)
    n = int(rng.integers(2, 3)) if length == "middel" else int(rng.integers(3, 5))
    sentences = _pick(rng, frags[kind], n)
    local = POSITION[theme].get(ctx.positie, ())
    if kind == "kansen" and local and rng.random() < 0.75:
        sentences[int(rng.integers(0, len(sentences)))] = _pick(rng, local, 1)[0]
    if length == "lang":
        if rng.random() < 0.4:
            sentences.insert(0, _pick(rng, OPENINGS, 1)[0])
        if rng.random() < 0.35:
            sentences.append(_pick(rng, CLOSINGS, 1)[0])
    sep = "\n" if length == "lang" and rng.random() < 0.3 else " "
    text = sep.join(_fill(x, ctx) for x in sentences)
    if rng.random() < 0.1:  # people do not always end with a full stop
        text = text.rstrip(".")
    return text


def compose_remark(rng: np.random.Generator, ctx: TextContext) -> str:
    """An answer to the closing 'opmerkingen' question."""
    if rng.random() < 0.7:
        return _fill(_pick(rng, OPMERKINGEN, 1)[0], ctx)
    longer = tuple(s for s in OPMERKINGEN if len(s) > 20)  # no "Nee." in a two-part remark
    return " ".join(_fill(x, ctx) for x in _pick(rng, longer, 2))

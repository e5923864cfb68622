"""A large synthetic CSV with the columns of the Microsoft Forms export, for benchmarks.

Vectorised: every column is drawn with numpy as indices into a small pool of distinct cell
values (municipality spellings, option combinations, rankings, generated texts) and written
chunk by chunk as Arrow dictionary arrays, so a million rows take seconds, not minutes.
UTF-8 without BOM, comma-separated, header row with the export's column texts, text values
quoted, empty answers as empty fields, times as ``YYYY-MM-DD HH:MM:SS``.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from pmg_analysis.example import profiles as pr
from pmg_analysis.example.msforms import META_COLUMNS, joined, sheet_columns
from pmg_analysis.example.texts import TextContext, choose_length, compose, compose_remark
from pmg_analysis.instrument import Instrument, load_instrument
from pmg_analysis.municipalities import load_register


@dataclass(frozen=True)
class BenchmarkConfig:
    """Settings of :func:`write_benchmark_csv` (the output depends on all of them)."""

    chunk_rows: int = 100_000
    text_pool_size: int = 400            # distinct generated texts per open question
    share_text_answered: float = 0.25    # an open question has an answer
    share_name_variant: float = 0.15     # municipality typed unlike the register
    share_anonymous: float = 0.5
    share_personal_questions: float = 0.3
    share_missing_choice: float = 0.03   # a closed question left empty
    share_remark: float = 0.3
    first_day: str = "2017-02-06"
    days: int = 47


def _typo(rng: np.random.Generator, name: str) -> str:
    if len(name) < 5:
        return name + name[-1]
    i = int(rng.integers(1, len(name) - 1))
    return name[:i] + name[i + 1:]


def _municipality_pool(rng: np.random.Generator) -> tuple[np.ndarray, int]:
    """Per register name: the name, lower case, 'Gemeente X', 'X ' and a typo (5 variants)."""
    names = load_register()["gemeente_naam"].tolist()
    pool = [v for n in names for v in (n, n.lower(), f"Gemeente {n}", f"{n} ", _typo(rng, n))]
    return np.array(pool, dtype=object), len(names)


def _mask_pool(labels: list[str]) -> list[str | None]:
    """Cell text for every bitmask over ``labels`` (bit j = option j chosen)."""
    return [joined([lab for j, lab in enumerate(labels) if m >> j & 1])
            for m in range(1 << len(labels))]


def _top_k_mask(rng: np.random.Generator, logw: np.ndarray, k: np.ndarray) -> np.ndarray:
    """Weighted sampling without replacement per row (Gumbel top-k) as a bitmask."""
    keys = logw + rng.gumbel(size=logw.shape)
    order = np.argsort(-keys, axis=1)
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(logw.shape[1])[None, :], axis=1)
    chosen = ranks < k[:, None]
    return (chosen * (1 << np.arange(logw.shape[1]))).sum(axis=1)


def _dict_column(idx: np.ndarray, pool: list[str | None], missing: np.ndarray | None = None,
                 ) -> pa.DictionaryArray:
    values = pa.array(["" if p is None else p for p in pool], type=pa.string())
    empty = np.array([p is None for p in pool])[idx]
    mask = empty if missing is None else (empty | missing)
    return pa.DictionaryArray.from_arrays(pa.array(idx.astype(np.int32), mask=mask), values)


class _Pools:
    """All distinct cell values, built once per file."""

    def __init__(self, rng: np.random.Generator, ins: Instrument, cfg: BenchmarkConfig):
        self.munis, self.n_munis = _municipality_pool(rng)
        people = list(itertools.product(pr.FIRST_NAMES, pr.SURNAMES))
        self.names = [f"{f} {s}" for f, s in people]
        self.emails = [f"{f[0].lower()}.{s.lower().replace(' ', '')}@gemeente.example.nl"
                       for f, s in people]
        self.functie = [o.text for o in ins["functie"].options]
        self.functie_p = np.array([pr.FUNCTIE_WEIGHTS[o.id] for o in ins["functie"].options])
        self.positie = [o.text for o in ins["positie"].options]
        self.opgaven = {t: _mask_pool([o.text for o in ins[f"{t}_opgaven"].options])
                        for t in ins.theme_codes}
        self.vorm = _mask_pool([o.text for o in ins["vorm"].options])
        self.trekker = _mask_pool([o.text for o in ins["trekker"].options])
        perms = list(itertools.permutations(range(4)))
        self.ranking = [joined([ins.themes[i].name for i in p]) for p in perms]
        self.perm_code = np.zeros(256, dtype=np.int64)
        for i, p in enumerate(perms):
            self.perm_code[sum(v << (2 * j) for j, v in enumerate(p))] = i
        regions = list(pr.PROFILES)
        names = load_register()["gemeente_naam"].tolist()
        self.texts: dict[str, list[str]] = {}
        for q in ins.of_type("open"):
            if q.theme is None and q.id != "opmerkingen":
                continue
            pool = []
            for _ in range(cfg.text_pool_size):
                prof = regions[int(rng.integers(len(regions)))]
                ctx = TextContext(names[int(rng.integers(len(names)))], prof.regio, prof.stad,
                                  prof.kenmerk, str(rng.choice(pr.POSITIONS)))
                if q.id == "opmerkingen":
                    pool.append(compose_remark(rng, ctx))
                else:
                    kind = q.id.split("_", 1)[1]
                    pool.append(compose(rng, q.theme, kind, ctx,
                                        choose_length(rng, float(rng.beta(1.5, 3)))))
            self.texts[q.id] = pool


def _chunk(rng: np.random.Generator, n: int, start_id: int, ins: Instrument, pools: _Pools,
           cfg: BenchmarkConfig) -> pa.Table:
    """``n`` responses numbered from ``start_id``: the meta columns, then every answer column
    (in this order, so that the draws from ``rng`` and hence the file stay the same)."""
    cols, who = _meta_columns(rng, n, start_id, pools, cfg)
    draws = _draw_respondents(rng, n, pools, cfg)
    for c in sheet_columns(ins)[len(META_COLUMNS):]:
        cols[c.header] = _answer_column(rng, c, ins, pools, cfg, draws, who)
    return pa.table(cols)


@dataclass(frozen=True)
class _Who:
    """Per response: the person (index into the pool's names) and the own e-mail address."""

    person: np.ndarray
    own: pa.Array


def _meta_columns(rng: np.random.Generator, n: int, start_id: int, pools: _Pools,
                  cfg: BenchmarkConfig) -> tuple[dict[str, pa.Array], _Who]:
    """The export's own columns: id, start and completion time, e-mail and name."""
    cols: dict[str, pa.Array] = {}
    cols["ID"] = pa.array(np.arange(start_id, start_id + n, dtype=np.int64))
    day = rng.integers(0, cfg.days, n).astype("timedelta64[D]")
    sec = rng.integers(8 * 3600, 18 * 3600, n).astype("timedelta64[s]")
    start = np.datetime64(cfg.first_day, "s") + day + sec
    dur = np.rint(rng.lognormal(np.log(18 * 60), 0.45, n)).astype("timedelta64[s]")
    cols["Start time"] = pa.array(start)
    cols["Completion time"] = pa.array(start + dur)
    # one person per response: consecutive responses take consecutive names of the pool, so two
    # responses of one municipality share a name (and look like one person re-submitting) only
    # by a rare coincidence, as in a real survey
    person = (start_id + np.arange(n)) % len(pools.names)
    anonymous = rng.random(n) < cfg.share_anonymous
    # every respondent has an own address (the response number in it), as in a real survey;
    # pooled addresses would make the cleaning see tens of thousands of re-submissions
    local = pc.take(pa.array([e.split("@")[0] for e in pools.emails]), pa.array(person))
    own = pc.binary_join_element_wise(local, cols["ID"].cast(pa.string()),
                                      "@gemeente.example.nl", "")
    cols["Email"] = pc.if_else(pa.array(anonymous), "anonymous", own)
    cols["Name"] = _dict_column(np.where(anonymous, len(pools.names), person),
                                pools.names + ["Anonymous"])
    return cols, _Who(person, own)


@dataclass(frozen=True)
class _Draws:
    """Per response: municipality and spelling, position (actual and reported), urgency per
    theme, Likert answers, the themes by urgency and that order as a ranking code."""

    muni: np.ndarray
    variant: np.ndarray
    pos: np.ndarray
    reported: np.ndarray
    urg: np.ndarray
    lik: np.ndarray
    order: np.ndarray
    perm: np.ndarray


def _draw_respondents(rng: np.random.Generator, n: int, pools: _Pools,
                      cfg: BenchmarkConfig) -> _Draws:
    muni = rng.integers(0, pools.n_munis, n)
    variant = np.where(rng.random(n) < cfg.share_name_variant, rng.integers(1, 5, n), 0)
    pos = rng.choice(3, size=n, p=[0.35, 0.35, 0.3])  # actual position (index in POSITIONS)
    u = rng.random(n)
    reported = np.where(u < 0.76, pos, np.where(u < 0.84, 3, (pos + rng.integers(1, 3, n)) % 3))
    urg = np.array([pr.URGENCY_MEAN[p] for p in pr.POSITIONS])[pos] + rng.normal(0, 0.8, (n, 4))
    urg = np.clip(np.rint(urg), 1, 5).astype(np.int64)
    lik = np.array([pr.LIKERT_MEAN[p] for p in pr.POSITIONS])[pos] + rng.normal(0, 0.9, (n, 7))
    lik = np.clip(np.rint(lik), 1, 5).astype(np.int64)
    order = np.argsort(-(urg + rng.normal(0, 0.7, (n, 4))), axis=1, kind="stable")
    perm = pools.perm_code[(order << (2 * np.arange(4))).sum(axis=1)]
    return _Draws(muni, variant, pos, reported, urg, lik, order, perm)


def _answer_column(rng: np.random.Generator, c, ins: Instrument, pools: _Pools,
                   cfg: BenchmarkConfig, d: _Draws, who: _Who) -> pa.Array:
    """The cells of answer column ``c`` (one of :func:`sheet_columns`) for every response."""
    n = len(d.muni)

    def miss() -> np.ndarray:
        return rng.random(n) < cfg.share_missing_choice

    q = ins[c.question]
    if q.role == "municipality":
        return _dict_column(d.muni * 5 + d.variant, list(pools.munis))
    if q.id in ("naam", "email"):
        fill = rng.random(n) < cfg.share_personal_questions
        if q.id == "naam":
            return _dict_column(who.person, pools.names, ~fill)
        # the respondent's own address, as in the contact column
        return pc.if_else(pa.array(fill), who.own, pa.scalar(None, pa.string()))
    if q.id == "functie":
        idx = rng.choice(len(pools.functie), size=n, p=pools.functie_p / pools.functie_p.sum())
        return _dict_column(idx, pools.functie)
    if q.id == "positie":
        return _dict_column(d.reported, pools.positie, miss())
    if q.type == "likert":
        j = [it.id for it in q.items].index(c.item)
        return _dict_column(d.lik[:, j] - 1, list(q.scale), miss())
    if q.type == "scale":
        t = ins.theme_codes.index(q.theme)
        return _dict_column(d.urg[:, t] - 1, list(q.scale), miss())
    if q.type == "multi" and q.theme is not None:
        ids = [o.id for o in q.options]
        logw = np.log(np.array([[pr.OPGAVE_WEIGHTS[p].get(i, 1.0) for i in ids]
                                for p in pr.POSITIONS]))[d.pos]
        k = rng.choice([1, 2, 3], size=n, p=[0.15, 0.35, 0.5])
        return _dict_column(_top_k_mask(rng, logw, k), pools.opgaven[q.theme], miss())
    if q.id == "vorm":
        p = np.array([pr.VORM_PROBABILITY[o.id] for o in q.options])
        mask = ((rng.random((n, len(p))) < p) * (1 << np.arange(len(p)))).sum(axis=1)
        return _dict_column(np.where(mask == 0, 1 << 4, mask), pools.vorm, miss())
    if q.id == "trekker":
        u = rng.random(n)
        top1 = 1 << d.order[:, 0]
        mask = np.where(u < 0.5, 1 << 4, np.where(u < 0.85, top1, top1 | 1 << d.order[:, 1]))
        return _dict_column(mask, pools.trekker, miss())
    if q.type == "ranking":
        return _dict_column(d.perm, pools.ranking, miss())
    if q.type == "open":
        share = cfg.share_remark if q.id == "opmerkingen" else cfg.share_text_answered
        pool = pools.texts[q.id]
        return _dict_column(rng.integers(0, len(pool), n), pool, rng.random(n) >= share)
    # every question type of the instrument is handled above
    raise ValueError(f"unhandled question {q.id}")  # pragma: no cover


def write_benchmark_csv(path: str | Path, n_responses: int = 1_000_000, seed: int = 2017,
                        config: BenchmarkConfig = BenchmarkConfig()) -> Path:
    """Write ``n_responses`` synthetic responses as a UTF-8 CSV in the MS Forms column layout."""
    ins = load_instrument()
    rng = np.random.default_rng(seed)
    pools = _Pools(rng, ins, config)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = None
    try:
        for first in range(0, n_responses, config.chunk_rows):
            n = min(config.chunk_rows, n_responses - first)
            table = _chunk(rng, n, first + 1, ins, pools, config)
            if writer is None:
                writer = pacsv.CSVWriter(str(path), table.schema)
            writer.write_table(table)
        if writer is None:  # zero rows: header only
            header = [c.header for c in sheet_columns(ins)]
            pacsv.write_csv(pa.table({h: pa.array([], pa.string()) for h in header}), str(path))
    finally:
        if writer is not None:
            writer.close()
    return path



# --------------------------------------------------------------------------- new text
# How a respondent's own sentence is re-worded around its municipality: the same question in
# the respondent's words, so that no sentence is among the packaged vectors of the example.
# A frame before the sentence keeps it one sentence (nothing after its question mark).
REWORDINGS: tuple[str, ...] = ("Voor {gemeente}: {s}", "Vanuit {gemeente}: {s}",
                               "In {gemeente} speelt dit: {s}", "Onze vraag in {gemeente}: {s}")
_SENTENCE = re.compile(r"(?<=[.?!])\s+|\s*\n+\s*")


def _reword(text: str, gemeente: str, k: int) -> str:
    """Every sentence of ``text`` re-worded with ``gemeente`` (frame ``k``, then the next)."""
    parts = [p.strip() for p in _SENTENCE.split(text) if p and p.strip()]
    out = []
    for j, s in enumerate(parts):
        frame = REWORDINGS[(k + j) % len(REWORDINGS)]
        out.append(frame.format(gemeente=gemeente, s=s[:1].lower() + s[1:]))
    return " ".join(out)


def new_wording(sheet: pd.DataFrame, instrument: Instrument | None = None) -> pd.DataFrame:
    """``sheet`` with every open answer re-worded around the respondent's municipality
    (:data:`REWORDINGS`, in turn per row and sentence): the same questions, but new sentences,
    as in a real export, which the engine must embed (the example's own sentences ship with
    their vectors). Deterministic."""
    instrument = instrument or load_instrument()
    municipality = sheet[instrument.municipality_question.text].astype(str).str.strip()
    out = sheet.copy()
    for c in sheet_columns(instrument):
        q = c.question and instrument[c.question]
        if not q or q.type != "open" or q.role != "answer" or c.header not in out.columns:
            continue
        column = out[c.header]
        out[c.header] = pd.array(
            [pd.NA if pd.isna(t) else _reword(str(t), g, k)
             for k, (t, g) in enumerate(zip(column, municipality, strict=True))],
            dtype="string")
    return out

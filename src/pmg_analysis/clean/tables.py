"""Long tables from the mapped columns: ``answers`` (codes and numbers) and ``texts``.

Pieces are collected as integer-coded numpy arrays and turned into categoricals once at the
end, so the long table of a million responses stays small and fast to build.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.clean.values import match_labels, ticked
from pmg_analysis.clean.values import ranks as ranks_of
from pmg_analysis.instrument import Instrument, Question, round_themes
from pmg_analysis.io import ColumnMapping, split_choices, split_ranking
from pmg_analysis.io.distinct import categorical, code_dtype, distinct, per_row
from pmg_analysis.parallel import in_parallel

PROBLEMS: dict[str, str] = {
    "onbekend_antwoord": "Antwoord past bij geen van de antwoordopties",
    "te_veel_keuzes": "Meer opties gekozen dan toegestaan (bewaard, gemarkeerd)",
    "rangschikking_ongeldig": "Rangschikking is geen volgorde 1 t/m 4; rangschikking niet gebruikt",
    "onbekende_keuze": "Gekozen tekst past bij geen van de opties",
}


@dataclass
class Codebook:
    """The category lists every long table uses, taken from the instrument."""

    answer_questions: list[str]
    text_questions: list[str]
    items: list[str]
    labels: list[str]
    themes: list[str]

    @classmethod
    def from_instrument(cls, instrument: Instrument) -> Codebook:
        items: dict[str, None] = {}
        labels: dict[str, None] = {}
        for q in instrument.questions:
            for opt in q.all_options + q.items:
                items.setdefault(opt.id)
                labels.setdefault(opt.text)
            for lab in q.scale:
                labels.setdefault(lab)
        return cls(
            answer_questions=[q.id for q in instrument.questions
                              if q.type != "open" and q.role == "answer"],
            text_questions=[q.id for q in instrument.questions
                            if (q.type == "open" and q.role == "answer") or q.other],
            items=list(items), labels=list(labels), themes=list(instrument.theme_codes),
        )


class TextColumn(NamedTuple):
    """The non-blank texts of one column, recorded for the ``texts`` table."""

    rows: np.ndarray  # response number of each text
    question: int  # code of the text question (Codebook.text_questions)
    item: int  # code of the item ("other" option), -1 for none
    theme: int  # code of the theme, -1 for none
    codes: np.ndarray  # each text's code into ``distinct``
    distinct: pa.Array  # the column's distinct texts


@dataclass
class _Pieces:
    """Answer rows collected piece by piece: one question and one item per piece, rows and
    values as arrays. Rows are response numbers (already mapped from frame positions, rows that
    are not responses dropped); the per-piece codes are joined once with np.repeat."""

    remap: np.ndarray  # frame position -> response number, -1 where the row is not kept
    label_dtype: np.dtype  # codes of the labels in their final type (see ``code_dtype``)
    rows: list[np.ndarray] = field(default_factory=list)
    questions: list[int] = field(default_factory=list)
    items: list[int] = field(default_factory=list)
    themes: list[int] = field(default_factory=list)
    values: list[np.ndarray] = field(default_factory=list)
    labels: list[np.ndarray] = field(default_factory=list)

    def add(self, positions, question: int, item: int, theme: int, values, labels) -> None:
        """Record one piece: the answers at frame ``positions`` to one question and item, with
        their ``values`` and ``labels`` (one each, or one for all); rows that are no response
        are dropped here."""
        rows = self.remap[np.asarray(positions, dtype=np.int64)]
        kept = rows >= 0
        all_kept = bool(kept.all())
        n = int(kept.sum())

        def per_row(x, dtype) -> np.ndarray:  # a constant stays a broadcast view (no copy)
            x = np.asarray(x, dtype=dtype)
            return np.broadcast_to(x, (n,)) if x.ndim == 0 or all_kept else x[kept]

        self.rows.append(rows if all_kept else rows[kept])
        self.questions.append(question)
        self.items.append(item)
        self.themes.append(theme)
        # NaN (no value, e.g. a single choice) becomes 0 here and NA in the table
        v = np.nan_to_num(np.asarray(values, dtype=np.float32), nan=0).astype(np.int8)
        self.values.append(per_row(v, np.int8))
        self.labels.append(per_row(labels, self.label_dtype))

    def joined(self, book: Codebook) -> dict[str, np.ndarray]:
        """All pieces as one array per column: rows, values and labels concatenated, and each
        piece's question, item and theme code repeated for its rows."""
        lengths = [len(r) for r in self.rows]
        jobs = {"rows": lambda: _concat(self.rows, np.int32),
                "questions": lambda: _repeat(self.questions, lengths, book.answer_questions),
                "items": lambda: _repeat(self.items, lengths, book.items),
                "themes": lambda: _repeat(self.themes, lengths, book.themes),
                "values": lambda: _concat(self.values, np.int8),
                "labels": lambda: _concat(self.labels, self.label_dtype)}
        # each is a copy into tens of millions of new rows; numpy releases the GIL for them
        return dict(zip(jobs, in_parallel(jobs.values()), strict=True))


def _nonblank(texts: pd.Series, remap: np.ndarray) -> tuple[np.ndarray, np.ndarray, pa.Array]:
    """Response numbers and texts (codes into the column's distinct texts, and those) of the
    non-blank cells of a full-length column that belong to responses (``remap``: frame
    position -> response number, -1 = not a response)."""
    codes, uniques = distinct(texts)
    blank = pc.or_(pc.utf8_is_space(uniques), pc.equal(pc.utf8_length(uniques), 0))
    keep = per_row(codes, ~pc.fill_null(blank, True).to_numpy(zero_copy_only=False), False)
    keep &= remap[:-1] >= 0  # only rows that are responses
    at = np.flatnonzero(keep)
    return remap[at], codes[at], uniques


class _Builder:
    def __init__(self, frame: pd.DataFrame, instrument: Instrument, config: CleanConfig,
                 remap: np.ndarray):
        self.frame = frame
        self.remap = remap
        self.instrument = instrument
        self.config = config
        self.book = Codebook.from_instrument(instrument)
        self._item = {v: i for i, v in enumerate(self.book.items)}
        self._label = {v: i for i, v in enumerate(self.book.labels)}
        self._aq = {v: i for i, v in enumerate(self.book.answer_questions)}
        self.answers = _Pieces(remap, code_dtype(len(self.book.labels)))
        self.round_themes: tuple[str, ...] = ()  # set by run(): the themes the export asked
        # the theme of a piece is its question's theme; for the theme ranking and the trekker
        # question, where the item itself is a theme, the item's theme
        theme_index = {t: i for i, t in enumerate(self.book.themes)}
        self._q_theme = {q.id: theme_index.get(q.theme, -1) for q in instrument.questions}
        self._i_theme = [theme_index.get(i, -1) for i in self.book.items]
        self._tq = {v: i for i, v in enumerate(self.book.text_questions)}
        self.text_columns: list[TextColumn] = []
        self.problems: list[pd.DataFrame] = []

    # -- recording -------------------------------------------------------------------------
    def add(self, q: Question, positions, item: int, values, labels) -> None:
        theme = self._q_theme[q.id]
        if theme < 0 and item >= 0:
            theme = self._i_theme[item]
        self.answers.add(positions, self._aq[q.id], item, theme, values, labels)

    def problem(self, positions: np.ndarray, qid: str, code: str) -> None:
        if len(positions):
            self.problems.append(pd.DataFrame({"pos": positions, "question_id": qid,
                                               "code": code}))

    def text(self, texts: pd.Series, qid: str, item: str | None) -> None:
        """Record the non-blank texts of a full-length column as typed (as codes)."""
        rows, codes, uniques = _nonblank(texts, self.remap)
        if len(rows):
            self.text_columns.append(TextColumn(
                rows=rows, question=self._tq[qid],
                item=self._item[item] if item is not None else -1,
                theme=self._q_theme[qid], codes=codes, distinct=uniques))

    def chosen(self, q: Question, positions: np.ndarray, option_index: np.ndarray) -> None:
        """Record option ``option_index`` (into q.all_options) as chosen at ``positions``."""
        opts = q.all_options
        for i, opt in enumerate(opts):
            at = positions[option_index == i]
            if len(at):
                self.add(q, at, self._item[opt.id], 1.0 if q.type == "multi" else np.nan,
                         self._label[opt.text])

    # -- per question type -------------------------------------------------------------------
    def single(self, q: Question, cols) -> None:
        whole = [c for c in cols if c.item_id is None and c.part == "value"]
        for c in whole:
            idx, unmatched = match_labels(self.frame[c.key], [o.text for o in q.all_options],
                                          threshold=self.config.label_threshold)
            pos = np.flatnonzero(idx >= 0)
            self.chosen(q, pos, idx[pos])
            self.problem(np.flatnonzero(unmatched.to_numpy()), q.id, "onbekend_antwoord")
        self._option_columns(q, [c for c in cols if c.item_id is not None or c.part != "value"])

    def scaled(self, q: Question, cols) -> None:
        for c in cols:
            if c.part != "value":
                continue
            idx, unmatched = match_labels(self.frame[c.key], q.scale,
                                          threshold=self.config.label_threshold)
            pos = np.flatnonzero(idx >= 0)
            item = self._item[c.item_id] if c.item_id else -1
            labels = np.array([self._label[s] for s in q.scale], dtype=np.int16)[idx[pos]]
            self.add(q, pos, item, idx[pos] + 1.0, labels)
            self.problem(np.flatnonzero(unmatched.to_numpy()), q.id, "onbekend_antwoord")

    def multi(self, q: Question, cols) -> None:
        n = len(self.frame)
        count = np.zeros(n, dtype=np.int16)
        options = q.options  # the "other" option is recognised by its leftover text
        for c in cols:
            if c.item_id is None and c.part == "value":
                split = split_choices(self.frame[c.key], [o.text for o in options])
                for i in range(len(options)):
                    hit = split.iloc[:, i].fillna(False).to_numpy(dtype=bool)
                    count += hit
                    self.chosen(q, np.flatnonzero(hit), np.full(hit.sum(), i))
                other = split["other"]
                # split_choices strips the leftover text and gives NA when nothing is left
                has_other = other.notna().to_numpy()
                pos = np.flatnonzero(has_other)
                if q.other is not None:
                    count += has_other
                    self.chosen(q, pos, np.full(len(pos), len(options)))
                    self.text(other, q.id, q.other.id)
                else:
                    self.problem(pos, q.id, "onbekende_keuze")
        count += self._option_columns(q, [c for c in cols if c.item_id is not None
                                          or c.part != "value"])
        if q.max_choices:
            self.problem(np.flatnonzero(count > q.max_choices), q.id, "te_veel_keuzes")

    def _option_columns(self, q: Question, cols) -> np.ndarray:
        """One column per option (ticks), plus "other" free-text columns."""
        count = np.zeros(len(self.frame), dtype=np.int16)
        ids = [o.id for o in q.all_options]
        # SurveyMonkey and LimeSurvey give "Anders, namelijk" no tick column of its own: the
        # typed text is the choice
        other_ticks = q.other is not None and any(
            c.item_id == q.other.id and c.part != "other_text" for c in cols)
        for c in cols:
            cells = self.frame[c.key]
            if c.part == "other_text":
                if q.other is not None:
                    self.text(cells, q.id, q.other.id)
                    if not other_ticks:
                        hit, _ = ticked(cells, q.other.text, truthy=(), falsy=())
                        count += hit
                        self.chosen(q, np.flatnonzero(hit),
                                    np.full(hit.sum(), ids.index(q.other.id)))
                continue
            opt = q.option_by_id(c.item_id)
            hit, own = ticked(cells, opt.text, truthy=self.config.truthy,
                              falsy=self.config.falsy)
            count += hit
            self.chosen(q, np.flatnonzero(hit), np.full(hit.sum(), ids.index(opt.id)))
            if q.other is not None and opt.id == q.other.id:
                self.text(own, q.id, q.other.id)
        return count

    def ranking(self, q: Question, cols) -> None:
        n_items = len(q.items)
        ranks = np.full((len(self.frame), n_items), np.nan)
        # a filled cell that gives no place ("?", an unknown theme) makes the ranking unusable
        unread = np.zeros(len(self.frame), dtype=bool)
        ids = [it.id for it in q.items]
        for c in cols:
            if c.item_id is None:
                split = split_ranking(self.frame[c.key], [it.text for it in q.items])
                ranks = np.fmin(ranks, split.iloc[:, :n_items].to_numpy(dtype=np.float64,
                                                                        na_value=np.nan))
                unread |= split["leftover"].notna().to_numpy()
            else:
                col, bad = ranks_of(self.frame[c.key], n_items)  # "1", "1e", "eerste", "2nd"
                unread |= bad
                j = ids.index(c.item_id)
                ranks[:, j] = np.fmin(ranks[:, j], col)
        answered = ~np.isnan(ranks).all(axis=1) | unread
        # a permutation of 1..n: every rank in 1..n, and the ranks' bits (1 << rank-1) cover
        # all n bits (with n ranks that means no rank twice); cheaper than sorting each row.
        # A shortened questionnaire ranks only the themes it asked about (round_themes): a
        # permutation of those, the others unranked, is valid too.
        valid = _permutation(ranks, np.ones(n_items, dtype=bool))
        if q.items_are_themes and self.round_themes:
            asked = np.array([it.id in self.round_themes for it in q.items])
            if 0 < asked.sum() < n_items:
                valid |= _permutation(ranks, asked)
        # an unreadable place makes the ranking invalid too (one code: the reports count it)
        valid &= ~unread
        self.problem(np.flatnonzero(answered & ~valid), q.id, "rangschikking_ongeldig")
        for j, it in enumerate(q.items):
            pos = np.flatnonzero(valid & ~np.isnan(ranks[:, j]))
            self.add(q, pos, self._item[it.id], ranks[pos, j], self._label[it.text])

    # -- assembly ------------------------------------------------------------------------------
    def _for_question(self) -> _Builder:
        """A builder sharing this one's frame and lookups (read only) with its own, empty
        pieces, texts and problems: one question's work, safe to run on another thread."""
        sub = copy.copy(self)
        sub.answers = _Pieces(self.remap, self.answers.label_dtype)
        sub.text_columns, sub.problems = [], []
        return sub

    def _merge(self, sub: _Builder) -> None:
        """Append ``sub``'s pieces after this builder's own (list order is output order)."""
        for name in ("rows", "questions", "items", "themes", "values", "labels"):
            getattr(self.answers, name).extend(getattr(sub.answers, name))
        self.text_columns.extend(sub.text_columns)
        self.problems.extend(sub.problems)

    def run(self, mapping: ColumnMapping) -> None:
        by_question: dict[str, list] = {}
        for c in mapping.mapped:
            by_question.setdefault(c.question_id, []).append(c)
        questions = [q for q in self.instrument.questions
                     if q.role == "answer" and by_question.get(q.id)]
        self.round_themes = round_themes(self.instrument, by_question)
        # Each question is built by its own sub-builder; much of the work (Arrow, numpy)
        # releases the GIL, so two threads use both cores. The pieces are merged in
        # instrument order, so the output is the same as building one question after another.
        subs = in_parallel([lambda q=q: self._question(q, by_question[q.id]) for q in questions])
        for sub in subs:
            self._merge(sub)

    def _question(self, q: Question, cols: list) -> _Builder:
        """Build question ``q`` (its mapped columns ``cols``) on a sub-builder of its own."""
        sub = self._for_question()
        if q.type == "open":
            for c in cols:
                sub.text(self.frame[c.key], q.id, None)
        elif q.type == "single":
            sub.single(q, cols)
        elif q.type in ("scale", "likert"):
            sub.scaled(q, cols)
        elif q.type == "multi":
            sub.multi(q, cols)
        elif q.type == "ranking":
            sub.ranking(q, cols)
        return sub


def _permutation(ranks: np.ndarray, items: np.ndarray) -> np.ndarray:
    """Per row: the ranks of ``items`` (a mask of columns) are 1..n in some order and every
    other column is unranked."""
    n = int(items.sum())
    r = np.nan_to_num(ranks[:, items], nan=0).astype(np.int64)
    in_range = ((r >= 1) & (r <= n)).all(axis=1) & np.isnan(ranks[:, ~items]).all(axis=1)
    bits = np.bitwise_or.reduce(np.left_shift(1, np.clip(r - 1, 0, 62)), axis=1)
    return in_range & (bits == (1 << n) - 1)


def _cat(codes: np.ndarray, categories: list[str] | pd.CategoricalDtype) -> pd.Categorical:
    """A categorical from codes that are valid by construction (indices into the codebook,
    -1 for missing), so pandas' range check over millions of codes is skipped."""
    dtype = (categories if isinstance(categories, pd.CategoricalDtype)
             else pd.CategoricalDtype(categories))
    return pd.Categorical.from_codes(codes, dtype=dtype, validate=False)


def _concat(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays) if arrays else np.array([], dtype=dtype)


def _repeat(codes: list[int], lengths: list[int], categories: list[str]) -> np.ndarray:
    """One code per piece repeated for the piece's rows, in the code type pandas keeps."""
    return np.repeat(np.array(codes, dtype=code_dtype(len(categories))),
                     np.array(lengths, dtype=np.int64))


def _per_text(columns: list[TextColumn], field: str, categories: list[str]) -> np.ndarray:
    """One code per text column (its ``field``: question, item or theme), repeated for each of
    the column's texts."""
    return _repeat([getattr(c, field) for c in columns], [len(c.rows) for c in columns],
                   categories)


def _text_categorical(columns: list[TextColumn]) -> pd.Categorical:
    """The texts of all recorded columns as one categorical: each column's codes are shifted
    past the distinct texts of the columns before it, and texts shared by columns merged."""
    if not columns:
        return pd.Categorical.from_codes([], dtype=pd.CategoricalDtype(pd.Index([], dtype="str")))
    offsets = np.cumsum([0] + [len(c.distinct) for c in columns[:-1]])
    codes = np.concatenate([c.codes + offset for c, offset in zip(columns, offsets,
                                                                  strict=True)])
    return categorical(codes, pa.concat_arrays([c.distinct for c in columns]))


def _response_dtype(response_ids: pd.Series) -> pd.CategoricalDtype:
    """The categories of ``response_id`` in the long tables: the responses, in order."""
    # from the Arrow-backed array itself: .to_numpy() would make a million Python strings
    return pd.CategoricalDtype(pd.Index(response_ids.astype("str").array, dtype="str"))


def build_long_tables(frame: pd.DataFrame, mapping: ColumnMapping, instrument: Instrument,
                      response_ids: pd.Series, config: CleanConfig = CleanConfig(),
                      keep: np.ndarray | None = None
                      ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``answers``, ``texts`` (not yet redacted) and ``problems`` for the kept rows of ``frame``.

    ``keep`` (boolean, default all) selects the rows that are responses; ``response_ids`` is
    aligned with them, and the long tables carry it as a categorical in the order of the
    responses. The frame itself is not filtered (that would copy every column): rows are
    dropped from the long pieces instead. Rows come question by question (see below).
    """
    keep = np.ones(len(frame), dtype=bool) if keep is None else np.asarray(keep, dtype=bool)
    # remap[i] is the response number of frame row i, or -1 when the row is no response; the
    # extra last slot makes a lookup with -1 (no row) give -1 too
    remap = np.full(len(frame) + 1, -1, dtype=np.int32)
    remap[np.flatnonzero(keep)] = np.arange(int(keep.sum()), dtype=np.int32)
    b = _Builder(frame.reset_index(drop=True), instrument, config, remap)
    b.run(mapping)
    book = b.book
    rid_dtype = _response_dtype(response_ids)

    # Rows stay in the order they were built: question by question in instrument order, within
    # a question option by option, then by response. Sorting 26 million rows of a million
    # responses would cost more than building them; sort in pandas where an order matters.
    j = b.answers.joined(book)
    values = j["values"]
    answers = pd.DataFrame({
        "response_id": _cat(j["rows"], rid_dtype),
        "question_id": _cat(j["questions"], book.answer_questions),
        "theme": _cat(j["themes"], book.themes),
        "item": _cat(j["items"], book.items),
        "value": pd.arrays.IntegerArray(values, values == 0),
        "label": _cat(j["labels"], book.labels),
    }, copy=False)  # the arrays are new: a dict is copied by default
    # the theme column's categories are the themes this round asked about (and any theme an
    # answer names): the analysis leaves a theme the round did not have out of every
    # comparison (themes.theme_codes) instead of showing it as unanswered
    codes = answers["theme"].cat.codes.to_numpy()
    named = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=len(book.themes)))
    keep = [t for i, t in enumerate(book.themes) if t in b.round_themes or i in set(named)]
    if keep != list(book.themes):
        answers["theme"] = answers["theme"].cat.set_categories(keep)

    columns = b.text_columns
    texts = pd.DataFrame({  # in build order, like answers
        "response_id": _cat(_concat([c.rows for c in columns], np.int32), rid_dtype),
        "question_id": _cat(_per_text(columns, "question", book.text_questions),
                            book.text_questions),
        "theme": _cat(_per_text(columns, "theme", book.themes), book.themes),
        "item": _cat(_per_text(columns, "item", book.items), book.items),
        # the texts as a categorical of the distinct texts (as typed; redacted later)
        "text": _text_categorical(columns),
    }, copy=False)

    problems = (pd.concat(b.problems, ignore_index=True) if b.problems
                else pd.DataFrame({"pos": np.array([], dtype=np.int64), "question_id": [],
                                   "code": []}))
    problems["pos"] = remap[problems["pos"].to_numpy(np.int64)]  # problems are few
    problems = problems[problems["pos"] >= 0].sort_values(["pos", "question_id"], kind="stable")
    problems = pd.DataFrame({
        "response_id": pd.Categorical.from_codes(problems["pos"].to_numpy(np.int32),
                                                 dtype=rid_dtype),
        "question_id": problems["question_id"].astype("str").to_numpy(),
        "code": pd.Categorical(problems["code"], categories=list(PROBLEMS)),
        "melding": problems["code"].map(PROBLEMS).astype("str").to_numpy(),
    }).reset_index(drop=True)
    return answers, texts, problems


def chosen_option(answers: pd.DataFrame, question: Question, n_responses: int) -> pd.Categorical:
    """The option chosen at single-choice ``question`` per response, in response order (the
    first one recorded if a response has more), worked out on the answers' integer codes."""
    options = [o.id for o in question.all_options]
    codes = np.full(n_responses, -1, dtype=np.int8)
    categories = answers["question_id"].cat.categories
    if question.id in categories:
        at = answers["question_id"].cat.codes.to_numpy() == categories.get_loc(question.id)
        responses = answers["response_id"].cat.codes.to_numpy()[at]
        items = answers["item"].cat.codes.to_numpy()[at]
        responses, first = np.unique(responses, return_index=True)
        # item code -> option code (items of other questions cannot occur here)
        to_option = np.array([options.index(i) if i in options else -1
                              for i in answers["item"].cat.categories] + [-1], dtype=np.int8)
        codes[responses] = to_option[items[first]]
    return pd.Categorical.from_codes(codes, categories=options)

"""Map export columns to the instrument's question ids (and option / statement / theme ids).

Order of precedence per answer column: the user's mapping file, then an exact match of the
normalised question text, then a fuzzy match (rapidfuzz) above ``MappingConfig.threshold`` that
clearly beats the runner-up. Per-theme questions differ only in the theme name, so a fuzzy match
to a per-theme question must also name that theme best. Nothing is dropped silently: columns
that match no question are listed in ``unmapped``; questions without a column in ``missing``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

import yaml
from annotated_types import Interval
from rapidfuzz import fuzz, process

from pmg_analysis.errors import InputError
from pmg_analysis.instrument import Instrument, Option, Question
from pmg_analysis.io.export import Export, ExportColumn
from pmg_analysis.io.normalise import normalise_text
from pmg_analysis.reasons import setting

Part = Literal["value", "other_text"]
Method = Literal["exact", "fuzzy", "mapping_file"]
_OTHER_WORDS = ("anders", "other", "overig", "sonstige")


@dataclass(frozen=True)
class MappingConfig:
    """Thresholds for automatic matching (rapidfuzz ``ratio`` scores, 0-100)."""

    threshold: Annotated[float, Interval(ge=0, le=100)] = setting(90.0, reason="question text")
    item_threshold: Annotated[float, Interval(ge=0, le=100)] = setting(90.0, reason=(
        "option / statement / theme text"))
    min_margin: Annotated[float, Interval(ge=0, le=100)] = setting(3.0, reason=(
        "a fuzzy best must beat the runner-up by this much"))


@dataclass(frozen=True)
class MappedColumn:
    key: str
    question_id: str
    item_id: str | None
    part: Part
    score: float
    method: Method


@dataclass(frozen=True)
class ColumnMapping:
    mapped: tuple[MappedColumn, ...]
    unmapped: tuple[str, ...]
    missing: tuple[str, ...]
    ignored: tuple[str, ...] = ()          # columns the mapping file maps to null
    notes: tuple[str, ...] = field(default=())  # Dutch explanations (e.g. unknown items)

    def for_question(self, question_id: str) -> tuple[MappedColumn, ...]:
        return tuple(m for m in self.mapped if m.question_id == question_id)

    def for_key(self, key: str) -> MappedColumn | None:
        return next((m for m in self.mapped if m.key == key), None)


def load_mapping(mapping: str | Path | Mapping | None, instrument: Instrument,
                 ) -> dict[str, dict | None]:
    """Read and validate a mapping file: {header: question_id | {question, item, part} | null}."""
    if mapping is None:
        return {}
    source = None
    if not isinstance(mapping, Mapping):
        source = Path(mapping)
        if not source.exists():
            raise InputError("het koppelbestand bestaat niet.", path=source)
        try:
            mapping = yaml.safe_load(source.read_text("utf-8")) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"het koppelbestand is geen geldige YAML ({exc}).",
                             path=source) from exc
        if not isinstance(mapping, Mapping):
            raise InputError("het koppelbestand moet paren 'kolomkop: vraag-id' bevatten.",
                             path=source)
    out: dict[str, dict | None] = {}
    for header, target in mapping.items():
        if target is None:
            out[str(header)] = None
            continue
        entry = {"question": target} if isinstance(target, str) else dict(target)
        qid = entry.get("question")
        if qid not in instrument:
            raise InputError(f"onbekende vraag-id '{qid}' in het koppelbestand.", path=source,
                             column=str(header))
        item = entry.get("item")
        if item is not None:
            try:
                instrument[qid].option_by_id(str(item))
            except KeyError as exc:
                raise InputError(f"vraag '{qid}' heeft geen optie '{item}'.", path=source,
                                 column=str(header)) from exc
        if entry.get("part", "value") not in ("value", "other_text"):
            raise InputError("'part' moet 'value' of 'other_text' zijn.", path=source,
                             column=str(header))
        out[str(header)] = entry
    return out


def _best(query: str, choices: dict[str, str], cfg_threshold: float, margin: float,
          ) -> tuple[str, float, Method] | None:
    """Exact match on normalised text, else the fuzzy best if it is good and unambiguous."""
    for cid, text in choices.items():
        if text == query:
            return cid, 100.0, "exact"
    found = process.extract(query, choices, scorer=fuzz.ratio, limit=2)
    if not found or found[0][1] < cfg_threshold:
        return None
    if len(found) > 1 and found[0][1] - found[1][1] < margin:
        return None
    return found[0][2], float(found[0][1]), "fuzzy"


def _theme_ok(question: Question, text: str, instrument: Instrument) -> bool:
    """For per-theme questions: this theme's name must fit the header better than any other."""
    if question.theme is None:
        return True
    scores = {t.code: fuzz.partial_ratio(normalise_text(t.name), text)
              for t in instrument.themes}
    mine = scores.pop(question.theme)
    return all(mine > other for other in scores.values())


def _pool(question: Question) -> dict[str, str]:
    """Item id -> normalised text of what a split column's item may name."""
    options: tuple[Option, ...] = question.all_options + question.items
    pool = {o.id: normalise_text(o.text) for o in options}
    if question.type == "scale" and not pool:  # expanded scale: one column per scale point
        pool = {str(i): normalise_text(label) for i, label in enumerate(question.scale, 1)}
    return pool


def _match_column(col: ExportColumn, instrument: Instrument, questions: dict[str, str],
                  cfg: MappingConfig) -> tuple[MappedColumn | None, str | None]:
    found = None
    for text in dict.fromkeys([col.question, col.header]):
        query = normalise_text(text)
        found = _best(query, questions, cfg.threshold, cfg.min_margin)
        if found and (found[2] == "exact" or _theme_ok(instrument[found[0]], query, instrument)):
            break
        found = None
    if found is None:
        return None, None
    qid, score, method = found
    question = instrument[qid]
    if col.item is None or col.is_other_text and question.other is None and col.item is None:
        part: Part = "other_text" if col.is_other_text else "value"
        item = question.other.id if col.is_other_text and question.other else None
        return MappedColumn(col.key, qid, item, part, score, method), None
    pool = _pool(question)
    item_found = _best(normalise_text(col.item), pool, cfg.item_threshold, cfg.min_margin)
    if item_found is None and question.other is not None and normalise_text(col.item).startswith(
            _OTHER_WORDS):
        item_found = (question.other.id, 100.0, "exact")
    if item_found is None:
        if col.is_other_text and question.other is not None:
            item_found = (question.other.id, 100.0, "exact")
        else:
            return None, (f"kolom '{col.key}': onderdeel '{col.item}' hoort bij geen optie van "
                          f"vraag '{qid}'")
    item_id, item_score, item_method = item_found
    method = "fuzzy" if "fuzzy" in (method, item_method) else "exact"
    part = "other_text" if col.is_other_text else "value"
    return MappedColumn(col.key, qid, item_id, part, min(score, item_score), method), None


def map_columns(export: Export, instrument: Instrument, *,
                mapping: str | Path | Mapping | None = None,
                config: MappingConfig = MappingConfig()) -> ColumnMapping:
    """Map every answer column of ``export`` to a question (and item) of ``instrument``."""
    manual = load_mapping(mapping, instrument)
    questions = {q.id: normalise_text(q.text) for q in instrument.questions}
    mapped: list[MappedColumn] = []
    unmapped: list[str] = []
    ignored: list[str] = []
    notes: list[str] = []
    for col in export.answer_columns:
        key = col.key if col.key in manual else col.header if col.header in manual else None
        if key is not None:
            entry = manual[key]
            if entry is None:
                ignored.append(col.key)
                continue
            mapped.append(MappedColumn(col.key, entry["question"], entry.get("item"),
                                       entry.get("part", "value"), 100.0, "mapping_file"))
            continue
        result, note = _match_column(col, instrument, questions, config)
        if result is None:
            unmapped.append(col.key)
            if note:
                notes.append(note)
        else:
            mapped.append(result)
    known = {c.key for c in export.columns} | {c.header for c in export.columns}
    notes += [f"koppelbestand noemt kolom '{k}', die niet in de export staat"
              for k in manual if k not in known]
    present = {m.question_id for m in mapped}
    missing = tuple(q.id for q in instrument.questions if q.id not in present)
    return ColumnMapping(tuple(mapped), tuple(unmapped), missing, tuple(ignored), tuple(notes))

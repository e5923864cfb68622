"""Cleaning one export: from a read :class:`~pmg_analysis.io.export.Export` to validated
``responses``, ``answers`` and ``texts`` tables, the quarantine and the manifest.

:func:`clean_export` reads no files and writes none. Every raw row ends up either as a response
or in the quarantine with a Dutch reason; :func:`check_counts` checks counts in = counts out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow.compute as pc

from pmg_analysis.clean import rows
from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.clean.manifest import Manifest, build_manifest
from pmg_analysis.clean.personal import Personal, personal_data
from pmg_analysis.clean.pii import pseudonymise, redact_text
from pmg_analysis.clean.schemas import validate_tables
from pmg_analysis.clean.tables import build_long_tables, chosen_option
from pmg_analysis.errors import InputError
from pmg_analysis.instrument import Instrument, load_instrument
from pmg_analysis.io.distinct import distinct, per_row
from pmg_analysis.io.export import Export
from pmg_analysis.io.mapping import ColumnMapping, map_columns
from pmg_analysis.language import languages
from pmg_analysis.municipalities import match_municipalities, round_date
from pmg_analysis.parallel import in_parallel

MATCHED = ["exact", "alias", "fuzzy"]  # municipality match kinds that make a response


@dataclass
class CleanResult:
    responses: pd.DataFrame
    answers: pd.DataFrame
    texts: pd.DataFrame
    problems: pd.DataFrame
    quarantine: pd.DataFrame
    manifest: Manifest
    mapping: ColumnMapping


def _first_key(mapping: ColumnMapping, qid: str) -> str | None:
    cols = [c for c in mapping.mapped if c.question_id == qid and c.part == "value"]
    return cols[0].key if cols else None


def _answered(frame: pd.DataFrame, mapping: ColumnMapping, instrument: Instrument) -> pd.Series:
    """How many of the instrument's answer questions each row answered (any filled cell)."""
    keys_by_q: dict[str, list[str]] = {}
    for c in mapping.mapped:
        q = instrument[c.question_id]
        if q.role == "answer":
            keys_by_q.setdefault(q.id, []).append(c.key)

    def filled(col: pd.Series) -> np.ndarray:
        """Not missing and not only whitespace (readers already turn empty cells into NA)."""
        codes, uniques = distinct(col)
        space = pc.fill_null(pc.utf8_is_space(uniques), True).to_numpy(zero_copy_only=False)
        return per_row(codes, ~space, False)

    count = np.zeros(len(frame), dtype=np.int16)
    for keys in keys_by_q.values():
        count += np.logical_or.reduce([filled(frame[k]) for k in keys])
    return pd.Series(count, index=frame.index)


def _header_hint(export: Export) -> str:
    """Where the header was read, for the message when the municipality column is missing."""
    row = export.rows_above_header + 1
    return (f" (de kopregel is gelezen in rij {row}; staat hij ergens anders, geef dan met "
            "--kopregel het rijnummer op)")


def _has_text(frame: pd.DataFrame, keys: list[str]) -> np.ndarray:
    """Per row: whether any of the free-text columns ``keys`` holds more than whitespace."""
    out = np.zeros(len(frame), dtype=bool)
    for key in keys:
        codes, uniques = distinct(frame[key])
        blank = pc.fill_null(pc.utf8_is_space(uniques), True).to_numpy(zero_copy_only=False)
        out |= per_row(codes, ~blank & (pc.utf8_length(uniques).to_numpy(
            zero_copy_only=False) > 0), False)
    return out


def _as_datetime(values: pd.Series) -> pd.Series:
    """Submission times as datetime64[ns]; a reader leaves a column of mixed formats as text,
    which is parsed here per value (day first, as in Dutch dates); unparseable -> NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return values.astype("datetime64[ns]")
    parsed = pd.to_datetime(values.astype("str"), errors="coerce", dayfirst=True, format="mixed")
    return parsed.astype("datetime64[ns]")


def clean_export(export: Export, instrument: Instrument | None = None, *,
                 mapping: ColumnMapping | None = None, mapping_file=None,
                 config: CleanConfig = CleanConfig()) -> CleanResult:
    """Validate, deduplicate, pseudonymise and reshape one export. Pure: writes nothing."""
    instrument = instrument or load_instrument()
    mapping = mapping or map_columns(export, instrument, mapping=mapping_file,
                                     config=config.columns)
    frame = export.data
    muni_key = _municipality_key(export, mapping, instrument)
    # who submitted (contact columns, else the survey's own name and e-mail questions) and
    # everything typed in any personal field, to scrub the free text with
    personal = personal_data(frame, export, mapping, instrument, config)
    checks = _check_rows(export, mapping, instrument, muni_key, config)
    reason, replaced_by = _decide(checks, personal, frame.index)
    kept = reason.isna().to_numpy()
    response_id = _response_ids(export, checks.submitted, kept, config)
    answers, texts, problems = build_long_tables(frame, mapping, instrument, response_id,
                                                 config, keep=kept)
    responses = _responses_table(export, checks, kept, response_id, answers, instrument)
    texts = _scrub_texts(texts, personal.typed, config)
    quarantine = _quarantine_table(frame[muni_key], reason, checks.match, replaced_by,
                                   personal.typed, config)
    manifest = build_manifest(export, instrument, mapping, reason, problems)
    responses, answers, texts = validate_tables(responses, answers, texts, instrument)
    result = CleanResult(responses, answers, texts, problems, quarantine, manifest, mapping)
    check_counts(result)
    return result


def _municipality_key(export: Export, mapping: ColumnMapping, instrument: Instrument) -> str:
    """The column holding the municipality question; a Dutch error when the export has none."""
    muni_q = instrument.municipality_question
    muni_key = _first_key(mapping, muni_q.id)
    if muni_key is None:
        raise InputError(
            f"geen kolom met de gemeentevraag gevonden ('{muni_q.text}'). Controleer of dit een "
            "export van de PMG-vragenlijst is, of geef met --mapping aan welke kolom de gemeente "
            f"bevat{_header_hint(export)}.", path=export.path)
    return muni_key


@dataclass(frozen=True)
class RowChecks:
    """What is known of every raw row before deciding whether it becomes a response."""

    n_answered: pd.Series  # answer questions answered
    test: pd.Series  # a test submission
    content: pd.Series  # hash of the answers (resubmissions with the same content)
    has_text: np.ndarray  # some free text answered
    match: pd.DataFrame  # the municipality match (code, name, kind, candidates)
    submitted: pd.Series  # submission time, datetime64[ns]
    is_partial: pd.Series  # answered fewer than config.partial_below of the questions


def _check_rows(export: Export, mapping: ColumnMapping, instrument: Instrument, muni_key: str,
                config: CleanConfig) -> RowChecks:
    """Answered questions, test, content hash, free text and municipality of every row."""
    frame = export.data
    open_keys = [c.key for c in mapping.mapped
                 if instrument[c.question_id].type == "open"
                 and instrument[c.question_id].role == "answer"]
    status_key = export.meta_key("status")
    answer_keys = [c.key for c in mapping.mapped if c.key != muni_key
                   and instrument[c.question_id].role == "answer"]
    # The Arrow-heavy row checks (how many questions each row answered, whether it is a test;
    # their kernels release the GIL) run on one core while the other hashes the answers and
    # the respondent's identity and matches municipalities.
    def row_checks():
        return (_answered(frame, mapping, instrument),
                rows.is_test(frame[muni_key], frame[open_keys],
                             frame[status_key] if status_key else None, config))

    submitted_key = export.meta_key("submitted_at")
    submitted = _as_datetime(frame[submitted_key] if submitted_key
                             else pd.Series(pd.NaT, index=frame.index))
    # the municipalities of the round's date: a later round knows the ones formed after 2017
    on = round_date(submitted, instrument.version)

    def keys_and_match():
        return (rows.content_hash(frame[answer_keys]), _has_text(frame, open_keys),
                match_municipalities(frame[muni_key], config.municipalities, at=on))

    (n_answered, test), (content, has_text, match) = in_parallel([row_checks, keys_and_match])
    # partial relative to the questions this export asks (an export may hold a subset)
    total = max(1, len({c.question_id for c in mapping.mapped
                        if instrument[c.question_id].role == "answer"}))
    is_partial = n_answered / total < config.partial_below
    return RowChecks(n_answered, test, content, has_text, match, submitted, is_partial)


def _decide(checks: RowChecks, personal: Personal,
            index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Per raw row: the quarantine reason (NA: kept) and the row that replaced it."""
    match = checks.match
    pre_ok = (checks.n_answered > 0) & ~checks.test & match["match"].isin(MATCHED)
    candidates = pd.DataFrame({
        "gemeente_code": match["gemeente_code"],
        "email": personal.email,
        "name": personal.name,
        "content_hash": checks.content,
        "has_text": checks.has_text,
        "is_partial": checks.is_partial,
        "submitted_at": checks.submitted,
    }, index=index)[pre_ok]
    replaced = rows.resubmissions(candidates).reindex(index)
    reason = rows.decide(empty=checks.n_answered == 0, test=checks.test, match=match["match"],
                         replaced=replaced["soort"])
    return reason, replaced["vervangen_door"]


def _response_ids(export: Export, submitted: pd.Series, kept: np.ndarray,
                  config: CleanConfig) -> pd.Series:
    """Pseudonymous response ids of the kept rows (the tool's id, else the row, hashed)."""
    frame = export.data
    rid_key = export.meta_key("response_id")
    tool_id = (frame[rid_key].astype("str") if rid_key
               else pd.Series(frame.index.astype(str), index=frame.index))
    keys = pd.DataFrame({"id": tool_id, "submitted_at": submitted})
    return pseudonymise(keys[kept], config, namespace=export.tool)


def _responses_table(export: Export, checks: RowChecks, kept: np.ndarray,
                     response_id: pd.Series, answers: pd.DataFrame,
                     instrument: Instrument) -> pd.DataFrame:
    """One row per kept submission."""
    match = checks.match
    return pd.DataFrame({
        "response_id": response_id.astype("str").array,  # Arrow-backed, no Python strings
        "rij": pd.array(export.data.index[kept].to_numpy(), dtype="Int32"),
        "submitted_at": checks.submitted[kept].to_numpy(dtype="datetime64[ns]"),
        "gemeente_code": match["gemeente_code"].array[kept],
        "gemeente_naam": match["gemeente_naam"].array[kept],
        "gemeente_match": match["match"].array[kept].set_categories(MATCHED),
        "functie": chosen_option(answers, instrument["functie"], len(response_id)),
        "positie_zelf": chosen_option(answers, instrument["positie"], len(response_id)),
        "is_partial": checks.is_partial[kept].to_numpy(dtype=bool),
        "n_beantwoord": pd.array(checks.n_answered[kept].to_numpy(), dtype="Int16"),
        "source_sha256": pd.Categorical.from_codes(np.zeros(int(kept.sum()), dtype=np.int8),
                                                   categories=[export.sha256]),
    })


def _scrub_texts(texts: pd.DataFrame, typed: tuple[str, ...],
                 config: CleanConfig) -> pd.DataFrame:
    """Personal data out of the free text, and the language of every answer."""
    if len(texts):
        # what any response (also a quarantined one) typed in a personal field, in any text
        texts["text"] = redact_text(texts["text"], typed, config)
    # the language of every answer (ISO 639-1): an answer in Frisian or English is set apart
    # from the Dutch text steps (pmg_analysis.language)
    texts["taal"] = languages(texts["text"])
    return texts


def _quarantine_table(typed: pd.Series, reason: pd.Series, match: pd.DataFrame,
                      replaced_by: pd.Series, personal: tuple[str, ...],
                      config: CleanConfig) -> pd.DataFrame:
    """The quarantined rows: row number as the user sees it, reason (code and Dutch text), what
    was typed as municipality (redacted like free text, ``personal`` being what was typed in
    personal fields), candidate municipalities, the row that replaced it."""
    q = reason.notna().to_numpy()
    quarantine = pd.DataFrame({
        "rij": pd.array(typed.index[q].to_numpy(), dtype="Int32"),
        "reden_code": reason[q].to_numpy(),
        "reden": reason[q].map(rows.REASONS).astype("str").to_numpy(),
        "gemeente_invoer": (redact_text(typed[q].astype("str"), personal, config).to_numpy()
                            if q.any() else []),
        "kandidaten": match["candidates"][q].astype("str").to_numpy(),
        "vervangen_door_rij": pd.array(replaced_by[q].to_numpy(), dtype="Int32"),
    })
    quarantine["reden_code"] = quarantine["reden_code"].astype(reason.dtype)
    return quarantine


def check_counts(result: CleanResult) -> None:
    """Counts in = counts out: every raw row is a response or quarantined, exactly once."""
    n = result.manifest.counts
    clean_n, q_n = len(result.responses), len(result.quarantine)
    # distinct rows by sorting (numpy 2.4's np.unique hashes, 15x slower on a million ints)
    rows_seen = np.sort(np.concatenate([result.responses["rij"].to_numpy(np.int64),
                                        result.quarantine["rij"].to_numpy(np.int64)]))
    n_seen = int(len(rows_seen) > 0) + int(np.count_nonzero(np.diff(rows_seen)))
    if clean_n + q_n != n.rows_in or clean_n != n.clean or n_seen != n.rows_in:
        raise AssertionError(  # a bug in this package, not a user error
            f"row counts do not add up: in={n.rows_in} clean={clean_n} quarantine={q_n}")

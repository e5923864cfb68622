"""``read_export``: one entry point from an export file to an :class:`Export`."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from pmg_analysis.errors import InputError
from pmg_analysis.io.dates import ParsedDates, parse_object_dates, parse_text_dates
from pmg_analysis.io.detect import parse_layout
from pmg_analysis.io.distinct import STRING, from_arrow
from pmg_analysis.io.export import Export, ExportColumn
from pmg_analysis.io.headers import header_start, unique_keys
from pmg_analysis.io.layout import Layout
from pmg_analysis.io.normalise import clean_label
from pmg_analysis.io.source import Source, file_sha256, inspect_source, sample_rows
from pmg_analysis.io.table import Body, read_csv_body, read_xlsx
from pmg_analysis.parallel import in_background, in_parallel

HEAD_ROWS = 30
DATE_META = ("started_at", "submitted_at")
# metadata columns that may hold dates (any other column is text)
MAY_HOLD_DATES = (*DATE_META, "other_meta")


def read_export(path: str | Path, format: str | None = None, *,
                sheet: str | int | None = None, header_row: int | None = None) -> Export:
    """Read a survey export (MS Forms, LimeSurvey, Qualtrics, SurveyMonkey, Google Forms or a
    generic CSV/XLSX) into the canonical :class:`Export`.

    The tool and layout are detected from the content; ``format`` (one of ``export.TOOLS``)
    overrides detection. ``sheet`` picks an xlsx worksheet (name or 0-based index). Title and
    empty rows above the header are found and skipped (:func:`~pmg_analysis.io.headers.
    header_start`); ``header_row`` (1-based, as in a spreadsheet) says where the header starts
    instead. Bad input raises :class:`~pmg_analysis.errors.InputError` with a Dutch message.
    """
    path = Path(path)
    src = inspect_source(path)
    export = _read(src, format, sheet, header_row)
    # The file is hashed on another thread (hashlib releases the GIL) while the caller works on
    # the data, not while it is parsed (the parser uses every core): ``Export.sha256`` waits.
    export.digest = in_background(lambda: file_sha256(path), name="sha256")
    return export


def _skipped(head: list[list[str]], header_row: int | None, path: Path
             ) -> tuple[int, list[str]]:
    """How many rows stand above the header, and the note that says so."""
    if header_row is not None:
        if not 1 <= header_row <= len(head):
            raise InputError(f"rij {header_row} kan geen kopregel zijn: het bestand heeft aan "
                             f"het begin {len(head)} rijen (geef een rij van 1 tot en met "
                             f"{len(head)}).", path=path)
        skip = header_row - 1
        return skip, [f"Kopregel in rij {header_row}, zoals opgegeven"
                      + (f" ({_n_rows(skip)} erboven overgeslagen)." if skip else ".")]
    skip = header_start(head, question_texts())
    return skip, ([f"Kopregel gevonden in rij {skip + 1} ({_n_rows(skip)} erboven "
                   "overgeslagen)."] if skip else [])


def _n_rows(n: int) -> str:
    return "1 rij" if n == 1 else f"{n} rijen"


def _read(src: Source, format: str | None, sheet: str | int | None,
          header_row: int | None = None) -> Export:
    path = src.path
    if src.kind == "xlsx":
        book = read_xlsx(path, sheet)
        head = [[_text(v) or "" for v in row] for row in book.rows[:HEAD_ROWS]]
        skip, skip_notes = _skipped(head, header_row, path)
        head = head[skip:]
        layout = parse_layout(head, "xlsx", format, path)
        body_rows = book.rows[skip + layout.header_rows:]
        frame = pd.DataFrame(body_rows, columns=[f"c{i}" for i in range(len(head[0]))],
                             dtype=object)
        body = Body(frame=frame)
        encoding, delimiter = None, None
    else:
        head = sample_rows(src.text, src.delimiter, src.is_complete, limit=HEAD_ROWS)
        if not head:
            raise InputError("geen herkenbare tabel gevonden.", path=path)
        skip, skip_notes = _skipped(head, header_row, path)
        head = head[skip:]
        layout = parse_layout(head, "csv", format, path)
        metadata = frozenset(i for i, c in enumerate(layout.columns) if c.meta is not None)
        body = read_csv_body(src, skip + layout.header_rows, len(layout.columns),
                             plain=metadata)
        encoding, delimiter = body.encoding, src.delimiter
    if body.n_rows == 0:
        raise InputError(f"het bestand bevat alleen {_rows_word(layout.header_rows)} en geen "
                         "antwoorden (leeg).", path=path)
    data, columns, notes, zone = _assemble(layout, body, head)
    notes = skip_notes + layout.notes + body.notes + notes
    if src.kind == "csv" and src.newline == "\r":
        notes.append("regeleinden zijn losse CR-tekens (oud Mac-formaat)")
    if src.kind == "xlsx":
        notes.append(f"werkblad '{book.name}' gelezen")
    first = skip + layout.header_rows + 1  # the row number a spreadsheet shows
    data.index = pd.RangeIndex(first, first + len(data), name="rij")
    return Export(path=path, tool=layout.tool, layout=layout.layout, digest="",
                  data=data, columns=tuple(columns), encoding=encoding, delimiter=delimiter,
                  header_rows=layout.header_rows, notes=notes, rows_above_header=skip,
                  timezone=layout.timezone or zone)


def _rows_word(n: int) -> str:
    return "de kopregel" if n == 1 else f"{n} kopregels"


def _assemble(layout: Layout, body: Body, head: list[list[str]],
              ) -> tuple[pd.DataFrame, list[ExportColumn], list[str], str | None]:
    notes: list[str] = []
    zone = None
    keep: list[int] = []
    width = len(layout.columns)
    for i in range(width):
        header_empty = not any(i < len(r) and r[i].strip() for r in head[:layout.header_rows])
        if header_empty and _all_null(body, i):
            notes.append("lege laatste kolom genegeerd" if i == width - 1
                         else f"lege kolom {i + 1} zonder kop genegeerd")
            continue
        keep.append(i)
    cols = [layout.columns[i] for i in keep]
    keys = unique_keys(c.key or f"kolom {i + 1}" for c, i in zip(cols, keep, strict=True))
    cols = [dataclasses.replace(c, key=k, question=clean_label(c.question) if c.meta is None
                                else c.question) for c, k in zip(cols, keys, strict=True)]
    # text columns are converted on two threads (Arrow releases the GIL while unifying
    # dictionaries); dates below in column order, as the notes are
    text_cols = [(col.key, i) for col, i in zip(cols, keep, strict=True)
                 if col.meta not in MAY_HOLD_DATES]
    texts = dict(zip([key for key, _ in text_cols],
                     in_parallel([lambda i=i: _strings(body, i) for _, i in text_cols]),
                     strict=True))
    series: dict[str, pd.Series] = {}
    for col, i in zip(cols, keep, strict=True):
        if col.key in texts:
            series[col.key] = texts[col.key]
            continue
        parsed = _dates(body, i, col.meta)
        if parsed is not None:
            if parsed.timezone:
                zone = zone or parsed.timezone
                notes.append(f"tijdzone '{parsed.timezone}' in kolom '{col.key}' verwijderd; "
                             "tijden zijn lokale tijd zonder tijdzone")
            series[col.key] = parsed.values.set_axis(pd.RangeIndex(body.n_rows))
        else:
            if col.meta in DATE_META:
                notes.append(f"datums in kolom '{col.key}' niet herkend; als tekst ingelezen")
            series[col.key] = _strings(body, i)
    return pd.DataFrame(series), cols, notes, zone


def _all_null(body: Body, i: int) -> bool:
    if body.table is not None:
        return body.table.column(i).null_count == body.table.num_rows
    return bool(body.frame.iloc[:, i].map(_text).isna().all())


def _dates(body: Body, i: int, meta: str | None) -> ParsedDates | None:
    if meta not in MAY_HOLD_DATES:
        return None
    serial = meta in DATE_META
    if body.table is not None:
        return parse_text_dates(body.table.column(i), allow_serial=serial)
    column = body.frame.iloc[:, i]
    if not serial and not any(isinstance(v, dt.datetime) for v in column.dropna().iloc[:50]):
        return parse_text_dates(pa.array(column.map(_text).tolist(), pa.string()))
    return parse_object_dates(column)


def _strings(body: Body, i: int) -> pd.Series:
    if body.table is not None:
        return from_arrow(body.table.column(i))
    codes, uniques = pd.factorize(body.frame.iloc[:, i], use_na_sentinel=True)
    texts = np.array([_text(v) for v in uniques] + [None], dtype=object)
    return pd.Series(texts[codes], dtype=STRING)


def _text(value: object) -> str | None:
    """A spreadsheet cell as the text a user sees (None for empty)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() else format(value, ".15g")
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value)



def question_texts() -> tuple[str, ...]:
    """The question texts of the questionnaire in use (to find the header row)."""
    from pmg_analysis.instrument import load_instrument

    return tuple(q.text for q in load_instrument().questions)

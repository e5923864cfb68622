"""Read the body of an export (everything below the header rows) as all-string columns.

CSV bodies go through ``pyarrow.csv`` (multi-threaded, no Python per row); a Python ``csv``
fallback handles ragged rows. XLSX sheets are read with openpyxl in read-only mode.

Answer columns of a CSV body are dictionary-encoded while they are parsed: a survey answer
column holds a handful of distinct labels, and everything downstream works on those (see
:mod:`pmg_analysis.io.distinct`). Metadata columns (ids, times, e-mail) are read as plain text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pv

from pmg_analysis.errors import InputError
from pmg_analysis.io.source import Source

BLOCK_SIZE = 1 << 22
# Below this size quoted newlines are always allowed (safe, and speed does not matter);
# above it they are allowed when the first 64 KB show one, or after a failed fast attempt.
SAFE_PARSE_BYTES = 32 * 1024 * 1024


@dataclass
class Body:
    """Body columns by position (``c0``, ``c1`` ...), as an Arrow table or an object frame."""

    table: pa.Table | None = None
    frame: pd.DataFrame | None = None
    encoding: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def n_rows(self) -> int:
        return self.table.num_rows if self.table is not None else len(self.frame)


def _names(width: int) -> list[str]:
    return [f"c{i}" for i in range(width)]


def header_end(text: str, n_records: int) -> int:
    """Character offset just after the first ``n_records`` CSV records (quote-aware)."""
    in_quotes, i, done, n = False, 0, 0, len(text)
    while i < n and done < n_records:
        ch = text[i]
        if ch == '"':
            in_quotes = not in_quotes
        elif not in_quotes and ch in "\r\n":
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            done += 1
        i += 1
    if done < n_records and i < n:
        raise ValueError("header longer than head")
    return i


def read_csv_body(src: Source, header_rows: int, width: int,
                  plain: frozenset[int] = frozenset()) -> Body:
    """The body below ``header_rows``; columns at the positions in ``plain`` are read as plain
    text, the others dictionary-encoded."""
    utf8 = src.encoding in ("utf-8", "utf-8-sig")
    try:
        end_chars = header_end(src.text, header_rows)
    except ValueError:
        end_chars = None
    if utf8 and end_chars is not None:
        bom = 3 if src.encoding == "utf-8-sig" else 0
        offset = bom + len(src.text[:end_chars].encode("utf-8"))
        if src.size - offset <= 0:
            return Body(frame=pd.DataFrame(columns=_names(width)), encoding=src.encoding)
        multiline = src.size < SAFE_PARSE_BYTES or _quoted_newline(src)
        for newlines in dict.fromkeys((multiline, True)):
            try:
                return Body(table=_arrow(src, offset, width, newlines, plain),
                            encoding=src.encoding)
            except pa.ArrowInvalid:
                continue  # ragged rows or bad UTF-8: the slow path below decides
    return _python_body(src, header_rows, width)


def _quoted_newline(src: Source) -> bool:
    rows = csv.reader(io.StringIO(src.text, newline=""), delimiter=src.delimiter)
    try:
        return any("\n" in c or "\r" in c for row in rows for c in row)
    except csv.Error:
        return True


_DICT = pa.dictionary(pa.int32(), pa.large_string())


def _arrow(src: Source, offset: int, width: int, newlines: bool,
           plain: frozenset[int]) -> pa.Table:
    names = _names(width)
    # a stream from ``offset`` (not a memory map): parsed blocks are freed as the parser goes
    with pa.OSFile(str(src.path)) as stream:
        stream.seek(offset)
        return pv.read_csv(
            stream,
            read_options=pv.ReadOptions(column_names=names, block_size=BLOCK_SIZE),
            parse_options=pv.ParseOptions(delimiter=src.delimiter,
                                          newlines_in_values=newlines),
            convert_options=pv.ConvertOptions(
                column_types={n: pa.large_string() if i in plain else _DICT
                              for i, n in enumerate(names)},
                null_values=[""], strings_can_be_null=True, quoted_strings_can_be_null=True),
        )


def _python_body(src: Source, header_rows: int, width: int) -> Body:
    raw = src.path.read_bytes()
    notes: list[str] = []
    encoding = src.encoding or "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        encoding = "cp1252"
        text = raw.decode(encoding, errors="replace")
        notes.append(f"geen geldige UTF-8; gelezen als {encoding}")
    if text.startswith("\ufeff"):
        text = text[1:]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=src.delimiter))
    body_rows = rows[header_rows:]
    short = []
    columns: list[list[str | None]] = [[] for _ in range(width)]
    for number, row in enumerate(body_rows, start=header_rows + 1):
        if not any(cell.strip() for cell in row):
            continue  # blank line (e.g. the empty last line LimeSurvey writes)
        if len(row) > width and any(cell.strip() for cell in row[width:]):
            raise InputError(f"deze rij heeft {len(row)} velden, de kopregel maar {width}.",
                             path=src.path, row=number)
        if len(row) < width:
            short.append(number)
        for i in range(width):
            value = row[i] if i < len(row) else ""
            columns[i].append(value if value != "" else None)
    if short:
        notes.append(f"{len(short)} rij(en) met te weinig velden aangevuld met lege cellen "
                     f"(eerste: rij {short[0]})")
    table = pa.table({name: pa.array(col, pa.large_string())
                      for name, col in zip(_names(width), columns, strict=True)})
    return Body(table=table, encoding=encoding, notes=notes)


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]


def read_xlsx(path: Path, sheet: str | int | None) -> Sheet:
    """All non-empty rows of one sheet (trailing empty rows/columns trimmed)."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, OSError, EOFError) as exc:
        raise InputError("het xlsx-bestand is beschadigd of geen geldig Excel-bestand "
                         f"({type(exc).__name__}).", path=path) from exc
    except KeyError as exc:
        raise InputError("dit zip-bestand is geen Excel-werkmap (xlsx).", path=path) from exc
    try:
        names = book.sheetnames
        if not names:
            raise InputError("de Excel-werkmap bevat geen werkbladen.", path=path)
        if sheet is not None:
            name = names[sheet] if isinstance(sheet, int) and sheet < len(names) else sheet
            if name not in names:
                raise InputError(f"werkblad '{sheet}' bestaat niet; wel: {', '.join(names)}.",
                                 path=path)
            candidates = [name]
        else:
            candidates = names
        for name in candidates:
            rows = _sheet_rows(book[name])
            if rows:
                return Sheet(name, rows)
        raise InputError("de Excel-werkmap bevat geen gegevens (alle werkbladen zijn leeg).",
                         path=path)
    finally:
        book.close()


def _sheet_rows(ws) -> list[list[object]]:
    rows = [list(r) for r in ws.iter_rows(min_row=1, values_only=True)]
    while rows and all(v is None or (isinstance(v, str) and not v.strip()) for v in rows[-1]):
        rows.pop()
    if not rows:
        return []
    width = max((max((i + 1 for i, v in enumerate(r) if v not in (None, "")), default=0)
                 for r in rows), default=0)
    return [(r + [None] * width)[:width] for r in rows] if width else []

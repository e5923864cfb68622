"""The Microsoft Forms export layout: columns, answer cells and a byte-stable .xlsx writer.

Layout (see ../shared/formats/README.txt, section 3): one sheet "Sheet1" holding one Excel
table "Table1", a single header row, the columns ID, Start time, Completion time, Email, Name
and then one column per question in instrument order; a Likert question has one column per
statement headed "<question>.<statement>". Multi-choice and ranking cells are labels joined by
";" with a trailing ";", times are Excel date serials with the format ``m/d/yy h:mm:ss``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from pmg_analysis.example.xlsx import FIXED_DOC_TIME, stable_xlsx_bytes
from pmg_analysis.instrument import Instrument, Question

META_COLUMNS: tuple[str, ...] = ("ID", "Start time", "Completion time", "Email", "Name")
DATE_FORMAT = "m/d/yy\\ h:mm:ss"


@dataclass(frozen=True)
class SheetColumn:
    header: str
    question: str | None = None  # question id (None for metadata)
    item: str | None = None      # Likert statement id


def sheet_columns(instrument: Instrument) -> tuple[SheetColumn, ...]:
    cols = [SheetColumn(h) for h in META_COLUMNS]
    for q in instrument.questions:
        if q.type == "likert":
            cols += [SheetColumn(f"{q.text}.{it.text}", q.id, it.id) for it in q.items]
        else:
            cols.append(SheetColumn(q.text, q.id))
    return tuple(cols)


def joined(labels: list[str]) -> str | None:
    """MS Forms multi-value cell: 'A;B;' (None when nothing was chosen)."""
    return "".join(f"{label};" for label in labels) or None


def format_cell(q: Question, answers: dict[str, object], item: str | None,
                instrument: Instrument) -> str | None:
    """The export cell for question ``q`` (statement ``item``) given instrument-level answers."""
    value = answers.get(q.id)
    if value is None:
        return None
    if q.type == "likert":
        point = value.get(item)  # type: ignore[union-attr]
        return None if point is None else q.scale[point - 1]
    if q.type == "scale":
        return q.scale[int(value) - 1]  # type: ignore[arg-type]
    if q.type == "single":
        return q.option_by_id(str(value)).text
    if q.type == "multi":
        labels = [q.option_by_id(i).text for i in value if i != "anders"]  # type: ignore
        other = answers.get(f"{q.id}.anders")
        return joined(labels + ([str(other)] if other else []))
    if q.type == "ranking":
        return joined([instrument.theme_name(t) for t in value])  # type: ignore[union-attr]
    return str(value)


def to_sheet(responses: list, instrument: Instrument) -> pd.DataFrame:
    """The export as a frame: one row per response (sorted by completion time), header texts as
    columns. ``responses`` are :class:`.responses.Response` objects with ``id`` assigned."""
    cols = sheet_columns(instrument)
    rows = []
    for r in responses:
        row: dict[str, object] = {"ID": r.id, "Start time": r.start, "Completion time": r.end,
                                  "Email": r.email, "Name": r.name}
        for c in cols[len(META_COLUMNS):]:
            q = instrument[c.question]
            row[c.header] = r.gemeente if q.role == "municipality" and q.type == "open" \
                else format_cell(q, r.answers, c.item, instrument)
        rows.append(row)
    df = pd.DataFrame(rows, columns=[c.header for c in cols])
    df["ID"] = df["ID"].astype("Int64")
    for c in ("Start time", "Completion time"):
        df[c] = pd.to_datetime(df[c]).astype("datetime64[s]")
    text_cols = [c.header for c in cols if c.header not in ("ID", "Start time", "Completion time")]
    df[text_cols] = df[text_cols].astype("string")
    return df


def _cell_value(v: object) -> object:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return None
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if hasattr(v, "item"):
        return v.item()
    return v


def build_workbook(sheet: pd.DataFrame, title: str) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(list(sheet.columns))
    for values in sheet.itertuples(index=False, name=None):
        ws.append([_cell_value(v) for v in values])
    n_rows, n_cols = len(sheet) + 1, sheet.shape[1]
    for row in ws.iter_rows(min_row=2, max_row=n_rows):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"  # typed text starting with "=" stays text, as in the export
    for i in range(1, n_cols + 1):
        ws.column_dimensions[get_column_letter(i)].width = 20
    ref = f"A1:{get_column_letter(n_cols)}{n_rows}"
    table = Table(displayName="Table1", ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    props = wb.properties
    props.title = title
    props.subject = "Synthetische export in Microsoft Forms-opmaak"
    props.description = ("Synthetisch gegenereerd door pmg_analysis.example; bevat geen echte "
                         "antwoorden, personen of e-mailadressen.")
    props.keywords = "synthetisch; PMG; Platform31; voorbeeld"
    props.creator = "pmg-analysis (synthetisch)"
    props.lastModifiedBy = None
    props.created = props.modified = FIXED_DOC_TIME
    return wb


def write_xlsx(sheet: pd.DataFrame, path: str | Path, title: str) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stable_xlsx_bytes(build_workbook(sheet, title)))
    return path

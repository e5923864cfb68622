"""The example sheet (Microsoft Forms layout) written in the layouts of the other tools.

Each writer takes a sheet as :func:`pmg_analysis.example.generate` makes it (or a shape derived
from it, :mod:`.shapes`) and writes the CSV that tool would give for the same answers, as an
anonymous survey (no contact data from the platform): see ../shared/formats/README.txt.

- Qualtrics: three header rows (codes, question texts, ImportId JSON), a Likert statement or a
  ranked theme per column ("<question> - <item>"), multi-choice labels joined with ",", empty
  recipient columns, ``DistributionChannel`` "anonymous";
- SurveyMonkey: two header rows (question text above a question's first column; "Response",
  "Open-Ended Response" or the option or statement below), one column per option holding its
  label, empty e-mail and name columns;
- Google Forms: one header row starting with "Tijdstempel", grids as "<question> [<item>]",
  checkboxes joined with ", ", a ranking as a grid of ordinals ("1e" ... "4e"), Dutch dates;
- LimeSurvey: full-text headings ("Response ID", "Date submitted" ...), every field quoted,
  a Yes per ticked option in "<question> [<option>]", the typed other text in
  "<question> [Other]".

Byte-stable: same sheet, same bytes. Nothing here is real survey data.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from pmg_analysis.example.msforms import sheet_columns
from pmg_analysis.instrument import Instrument, Question, load_instrument

# ordinals a Google Forms grid for the ranking is labelled with (columns "1e" ... "4e")
ORDINALS: tuple[str, ...] = ("1e", "2e", "3e", "4e", "5e", "6e")


def _cell(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) \
        else str(value)


def _labels(cell: object) -> list[str]:
    """The labels of a Microsoft Forms multi-value cell "A;B;" (an "Anders" text among them)."""
    return [p for p in _cell(cell).split(";") if p.strip()]


def _rank_of(cell: object, name: str) -> str:
    labels = _labels(cell)
    return str(labels.index(name) + 1) if name in labels else ""


def _split_other(q: Question, cell: object) -> tuple[list[str], str]:
    """The option labels in a multi-value cell, and the typed other text ("" if none)."""
    known = {o.text for o in q.options}
    labels = _labels(cell)
    return [p for p in labels if p in known], "; ".join(p for p in labels if p not in known)


Column = tuple[str, str, object, list[str]]  # code, label, import id (Qualtrics), values


def _question_columns(sheet: pd.DataFrame, instrument: Instrument, *,
                      likert: Callable[[Question, str], str],
                      multi: Callable[[Question, pd.Series], list[tuple[str, str, list[str]]]],
                      ranking: Callable[[Question, str], tuple[str, Callable[[str, int], str]]],
                      ) -> list[tuple[Question, list[tuple[str, str, list[str]]]]]:
    """Per question of the sheet, its columns as (label, sub-label, values) in the target
    layout: one per Likert statement or ranked theme, ``multi`` for multi-choice questions."""
    out: list[tuple[Question, list[tuple[str, str, list[str]]]]] = []
    seen: set[str] = set()
    present = {c.header: c for c in sheet_columns(instrument)}
    for header in sheet.columns:
        col = present.get(header)
        if col is None or col.question is None or col.question in seen:
            continue
        q = instrument[col.question]
        seen.add(q.id)
        if q.type == "likert":
            cols = [(likert(q, it.text), it.text, [_cell(v) for v in sheet[f"{q.text}.{it.text}"]])
                    for it in q.items if f"{q.text}.{it.text}" in sheet.columns]
        elif q.type == "multi":
            cols = multi(q, sheet[header])
        elif q.type == "ranking":
            cols = []
            for theme in q.items:
                label, write = ranking(q, theme.text)
                cols.append((label, theme.text, [write(_rank_of(v, theme.text), row)
                                                 for row, v in enumerate(sheet[header])]))
        else:
            cols = [(q.text, "", [_cell(v) for v in sheet[header]])]
        out.append((q, cols))
    return out


def _write_csv(path: Path, header_rows: list[list[str]], columns: list[list[str]],
               *, quote_all: bool = False, newline: str = "\n", bom: bool = False) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=newline,
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerows(header_rows)
    writer.writerows(zip(*columns, strict=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8"))
    return path


def _times(sheet: pd.DataFrame, column: str, fmt: str) -> list[str]:
    return [t.strftime(fmt) if pd.notna(t) else "" for t in pd.to_datetime(sheet[column])]


def qualtrics_csv(sheet: pd.DataFrame, path: str | Path,
                  instrument: Instrument | None = None) -> Path:
    """The sheet as a Qualtrics 3-row choice-text export of an anonymous link."""
    instrument = instrument or load_instrument()
    n = len(sheet)
    iso = "%Y-%m-%d %H:%M:%S"
    zone = "Europe/Amsterdam"
    meta: list[Column] = [
        ("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": zone},
         _times(sheet, "Start time", iso)),
        ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": zone},
         _times(sheet, "Completion time", iso)),
        ("Status", "Response Type", {"ImportId": "status"}, ["IP Address"] * n),
        ("IPAddress", "IP Address", {"ImportId": "ipAddress"}, [""] * n),
        ("Progress", "Progress", {"ImportId": "progress"}, ["100"] * n),
        ("Finished", "Finished", {"ImportId": "finished"}, ["True"] * n),
        ("RecordedDate", "Recorded Date", {"ImportId": "recordedDate", "timeZone": zone},
         _times(sheet, "Completion time", iso)),
        ("ResponseId", "Response ID", {"ImportId": "_recordId"},
         [f"R_{int(i):015d}" for i in sheet["ID"]]),
        ("RecipientLastName", "Recipient Last Name", {"ImportId": "recipientLastName"}, [""] * n),
        ("RecipientFirstName", "Recipient First Name", {"ImportId": "recipientFirstName"},
         [""] * n),
        ("RecipientEmail", "Recipient Email", {"ImportId": "recipientEmail"}, [""] * n),
        ("DistributionChannel", "Distribution Channel", {"ImportId": "distributionChannel"},
         ["anonymous"] * n),
        ("UserLanguage", "User Language", {"ImportId": "userLanguage"}, ["NL"] * n),
    ]

    def multi(q: Question, cells: pd.Series) -> list[tuple[str, str, list[str]]]:
        return [(q.text, "", [",".join(_labels(v)) for v in cells])]

    columns: list[Column] = list(meta)
    for k, (q, cols) in enumerate(_question_columns(
            sheet, instrument, likert=lambda q, s: f"{q.text} - {s}", multi=multi,
            ranking=lambda q, t: (f"{q.text} - {t}", lambda r, _: r)), start=1):
        if len(cols) == 1 and not cols[0][1]:
            suffix = "_TEXT" if q.type == "open" else ""
            columns.append((f"Q{k}", cols[0][0], {"ImportId": f"QID{k}{suffix}"}, cols[0][2]))
        else:
            columns += [(f"Q{k}_{i}", label, {"ImportId": f"QID{k}_{i}"}, values)
                        for i, (label, _, values) in enumerate(cols, start=1)]
    return _write_csv(Path(path), [[c[0] for c in columns], [c[1] for c in columns],
                                   [json.dumps(c[2], separators=(",", ":")) for c in columns]],
                      [c[3] for c in columns])


def surveymonkey_csv(sheet: pd.DataFrame, path: str | Path,
                     instrument: Instrument | None = None, *,
                     rank_text: Callable[[str, int], str] | None = None) -> Path:
    """The sheet as a SurveyMonkey export (two header rows) of a web link collector;
    ``rank_text`` writes a place in the ranking (the place "1".."4" and the row number) as
    someone typed it (default: the number)."""
    instrument = instrument or load_instrument()
    n = len(sheet)
    us = "%m/%d/%Y %I:%M:%S %p"
    top = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
           "Email Address", "First Name", "Last Name", "Custom Data 1"]
    below = [""] * len(top)
    columns = [[str(10_000_000_000 + int(i)) for i in sheet["ID"]], ["245678901"] * n,
               _times(sheet, "Start time", us), _times(sheet, "Completion time", us),
               *([[""] * n] * 5)]

    def multi(q: Question, cells: pd.Series) -> list[tuple[str, str, list[str]]]:
        split = [_split_other(q, v) for v in cells]
        out = [(q.text, o.text, [o.text if o.text in labels else "" for labels, _ in split])
               for o in q.options]
        if q.other is not None:
            out.append((q.text, q.other.text, [other for _, other in split]))
        return out

    write = rank_text or (lambda r, _: r)
    for q, cols in _question_columns(sheet, instrument, likert=lambda q, s: q.text,
                                     multi=multi, ranking=lambda q, t: (q.text, write)):
        for i, (_, sub, values) in enumerate(cols):
            top.append(q.text if i == 0 else "")
            below.append(sub or ("Open-Ended Response" if q.type == "open" else "Response"))
            columns.append(values)
    return _write_csv(Path(path), [top, below], columns)


def googleforms_csv(sheet: pd.DataFrame, path: str | Path,
                    instrument: Instrument | None = None) -> Path:
    """The sheet as the CSV download of a Google Forms response sheet (Dutch locale), the
    ranking asked as a grid with the columns "1e" ... "4e"; no e-mail addresses collected."""
    instrument = instrument or load_instrument()
    header = ["Tijdstempel"]
    columns = [_times(sheet, "Completion time", "%d-%m-%Y %H:%M:%S")]

    def multi(q: Question, cells: pd.Series) -> list[tuple[str, str, list[str]]]:
        return [(q.text, "", [", ".join(_labels(v)) for v in cells])]

    def ordinal(rank: str, _row: int) -> str:
        return ORDINALS[int(rank) - 1] if rank else ""

    for _, cols in _question_columns(sheet, instrument, likert=lambda q, s: f"{q.text} [{s}]",
                                     multi=multi,
                                     ranking=lambda q, t: (f"{q.text} [{t}]", ordinal)):
        for label, _, values in cols:
            header.append(label)
            columns.append(values)
    return _write_csv(Path(path), [header], columns, newline="\r\n")


def limesurvey_csv(sheet: pd.DataFrame, path: str | Path,
                   instrument: Instrument | None = None) -> Path:
    """The sheet as a LimeSurvey "Export responses" CSV with full question texts (anonymised
    responses: no token or contact columns)."""
    instrument = instrument or load_instrument()
    n = len(sheet)
    iso = "%Y-%m-%d %H:%M:%S"
    header = ["Response ID", "Date submitted", "Last page", "Start language", "Seed",
              "Date started", "Date last action"]
    columns = [[str(int(i)) for i in sheet["ID"]], _times(sheet, "Completion time", iso),
               ["5"] * n, ["nl"] * n, [str(100_000 + int(i)) for i in sheet["ID"]],
               _times(sheet, "Start time", iso), _times(sheet, "Completion time", iso)]

    def multi(q: Question, cells: pd.Series) -> list[tuple[str, str, list[str]]]:
        split = [_split_other(q, v) for v in cells]
        out = [(f"{q.text} [{o.text}]", o.text,
                ["Yes" if o.text in labels else "" for labels, _ in split]) for o in q.options]
        if q.other is not None:
            out.append((f"{q.text} [Other]", "Other", [other for _, other in split]))
        return out

    for _, cols in _question_columns(sheet, instrument, likert=lambda q, s: f"{q.text} [{s}]",
                                     multi=multi,
                                     ranking=lambda q, t: (f"{q.text} [{t}]", lambda r, _: r)):
        for label, _, values in cols:
            header.append(label)
            columns.append(values)
    return _write_csv(Path(path), [header], columns, quote_all=True, newline="\r\n", bom=True)


WRITERS: dict[str, Callable[..., Path]] = {
    "qualtrics": qualtrics_csv, "surveymonkey": surveymonkey_csv,
    "googleforms": googleforms_csv, "limesurvey": limesurvey_csv,
}

__all__ = ["ORDINALS", "WRITERS", "googleforms_csv", "limesurvey_csv", "qualtrics_csv",
           "surveymonkey_csv"]

"""SurveyMonkey exports: two header rows (question texts, then "Response" / option labels).

"Condensed" puts one column per single-choice question (row 2 "Response"); "expanded" gives
every option its own column. A question text appears only above its first column.
"""

from __future__ import annotations

import re

from pmg_analysis.io.export import ExportColumn
from pmg_analysis.io.headers import clean, meta_field
from pmg_analysis.io.layout import Layout, NotThisTool, cell
from pmg_analysis.io.normalise import meta_key

_PLAIN = {"response", "open-ended response", "antwoord", "open antwoord", "antwort",
          "offene antwort"}
_OTHER = re.compile(r"^(other|anders|andere|sonstige)\b", re.I)


def matches(rows: list[list[str]]) -> bool:
    if len(rows) < 2 or meta_key(cell(rows[0], 0)) != "respondentid":
        return False
    second = [c.strip() for c in rows[1]]
    return not second[0] and any(second[1:])


def parse(rows: list[list[str]]) -> Layout:
    if not matches(rows):
        raise NotThisTool("surveymonkey")
    top, sub = rows[0], rows[1]
    columns: list[ExportColumn] = []
    question = ""
    for i, raw in enumerate(top):
        label, below = clean(raw), clean(cell(sub, i))
        meta = meta_field(label) if label and not below else None
        if meta:
            question = ""
            columns.append(ExportColumn(key=label, header=label, question=label, meta=meta))
            continue
        if label:
            question = label
        item = None if below.casefold() in _PLAIN or not below else below
        key = question if item is None else f"{question} [{item}]"
        other = item is not None and bool(_OTHER.match(item)) and any(
            word in item.casefold() for word in ("specify", "namelijk", "nämlich"))
        columns.append(ExportColumn(key=key, header=label or below, question=question, item=item,
                                    is_other_text=other))
    condensed = any(c.strip() == "Response" for c in sub)
    return Layout("surveymonkey", f"surveymonkey-{'condensed' if condensed else 'expanded'}", 2,
                  columns)

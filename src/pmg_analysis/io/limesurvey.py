"""LimeSurvey "Export responses": question-code headings (``code[SQ]``, ``code[other]``) or
full-text headings (``<question> [<subquestion>]``); ``-oth-`` stays in the cell as exported."""

from __future__ import annotations

import re

from pmg_analysis.io.export import ExportColumn
from pmg_analysis.io.headers import clean, meta_field, split_brackets
from pmg_analysis.io.layout import Layout, NotThisTool
from pmg_analysis.io.normalise import meta_key

_CODE_META = {"id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp"}
_TEXT_META = {"responseid", "datesubmitted", "lastpage", "startlanguage", "seed", "datestarted",
              "datelastaction", "antwoordid", "datumverstuurd", "laatstepagina", "starttaal"}
_OTHER_ITEMS = {"other", "anders", "comment", "opmerking", "overig"}
_CODE_HEADING = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(?:\[[^\]]*\])*$")


def matches(rows: list[list[str]]) -> bool:
    if not rows:
        return False
    keys = [meta_key(c) for c in rows[0][:8]]
    return (sum(k in _CODE_META for k in keys) >= 3 and "lastpage" in keys
            or sum(k in _TEXT_META for k in keys) >= 3 and keys[0] in ("responseid", "antwoordid"))


def parse(rows: list[list[str]]) -> Layout:
    if not matches(rows):
        raise NotThisTool("limesurvey")
    headers = rows[0]
    coded = meta_key(headers[0]) == "id"
    columns: list[ExportColumn] = []
    for raw in headers:
        label = clean(raw)
        meta = meta_field(label, {"lastpage": "finished", "id": "response_id"})
        if meta:
            columns.append(ExportColumn(key=label, header=label, question=label,
                                        code=label if coded else None, meta=meta))
            continue
        question, item = split_brackets(label)
        other = item is not None and item.casefold() in _OTHER_ITEMS
        code = label if coded and _CODE_HEADING.match(label) else None
        columns.append(ExportColumn(key=label, header=label, question=question, item=item,
                                    code=code, is_other_text=other))
    layout = "limesurvey-codes" if coded else "limesurvey-fulltext"
    return Layout("limesurvey", layout, 1, columns)

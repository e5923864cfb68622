"""Qualtrics exports: modern 3-row (codes, labels, ImportId JSON), the 2016 variant with
single-quoted ImportIds, and the legacy 2-row "V1, V2 ..." export."""

from __future__ import annotations

import ast
import json
import os
import re

from pmg_analysis.io.export import ExportColumn
from pmg_analysis.io.headers import clean, meta_field, split_last
from pmg_analysis.io.layout import Layout, NotThisTool, cell
from pmg_analysis.io.normalise import meta_key

_IMPORT_META = {"recordid": "response_id", "responseid": "response_id",
                "responsesetid": "other_meta", "recordeddate": "other_meta"}
_CODE = re.compile(r"^(?P<stem>.*?)(?:_(?P<choice>\d+))?(?P<text>_TEXT)?$")
_QID = re.compile(r"^(QID\d+)")
_TEXT_SUFFIX = re.compile(r"\s*-\s*(?:TEXT|Text)\s*$")
_SEPARATORS = (" - ", "-")
_SELECTED = re.compile(r"\s*-\s*Selected Choice\s*$", re.I)


def matches(rows: list[list[str]]) -> bool:
    if len(rows) < 2:
        return False
    first = rows[0]
    if first[:2] == ["V1", "V2"] and meta_key(cell(rows[1], 0)) == "responseid":
        return True
    return len(rows) >= 3 and "ImportId" in cell(rows[2], 0)


def _import_id(raw: str) -> tuple[str, str | None]:
    """(ImportId, timeZone) from a JSON, single-quoted or bare ImportId cell."""
    raw = raw.strip()
    try:
        value = json.loads(raw)
    except ValueError:
        try:
            value = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            value = raw.strip("'\"")
    if isinstance(value, dict):
        return str(value.get("ImportId", "")), value.get("timeZone")
    return str(value), None


def parse(rows: list[list[str]]) -> Layout:
    if not matches(rows):
        raise NotThisTool("qualtrics")
    legacy = rows[0][:2] == ["V1", "V2"]
    width = len(rows[0])
    codes, labels = rows[0], [cell(rows[1], i) for i in range(width)]
    imports = [("", None)] * width if legacy else [_import_id(cell(rows[2], i))
                                                   for i in range(width)]
    single_quoted = not legacy and "'ImportId'" in cell(rows[2], 0)
    zones = {tz for _, tz in imports if tz}

    metas: list[str | None] = []
    for code, label, (imp, _) in zip(codes, labels, imports, strict=True):
        imp_key = meta_key(re.sub(r"^(panel|Location)-", "", imp))
        if "Topics" in imp or code.endswith(" - Topics"):
            metas.append("other_meta")
        elif _QID.match(imp) or (legacy and code.startswith("Q")):
            metas.append(None)
        else:
            metas.append(meta_field(code if not legacy else label, _IMPORT_META)
                         or _IMPORT_META.get(imp_key) or meta_field(imp_key)
                         or (None if imp or legacy else meta_field(label)))

    group = []
    for code, (imp, _) in zip(codes, imports, strict=True):
        m = _QID.match(imp)
        group.append(m.group(1) if m else _CODE.match(code).group("stem"))
    code_set = set(codes)

    columns: list[ExportColumn] = []
    items: dict[str, str | None] = {}
    for i, (code, label) in enumerate(zip(codes, labels, strict=True)):
        label_c = _SELECTED.sub("", clean(label))
        if metas[i] is not None:
            key = label_c if legacy and re.fullmatch(r"V\d+", code) else code or label_c
            columns.append(ExportColumn(key=key, header=label_c, question=label_c,
                                        code=code or None, meta=metas[i]))
            continue
        is_other = code.endswith("_TEXT") and code[:-5] in code_set
        siblings = [j for j in range(width) if group[j] == group[i] and metas[j] is None
                    and not (codes[j].endswith("_TEXT") and codes[j][:-5] in code_set)]
        if is_other:
            base = _TEXT_SUFFIX.sub("", label_c)
            question, item = split_last(base, _SEPARATORS)
            item = items.get(code[:-5], item)
        elif len(siblings) >= 2:
            common = os.path.commonprefix([clean(labels[j]) for j in siblings])
            question, _ = split_last(common.rstrip(), _SEPARATORS) if not common.endswith(
                tuple(_SEPARATORS)) else (common, None)
            question = question.rstrip(" -")
            item = label_c[len(question):].lstrip(" -").strip() or None
        elif _CODE.match(code).group("choice") or (not legacy
                                                    and "choiceId" in cell(rows[2], i)):
            question, item = split_last(label_c, _SEPARATORS)
        else:
            question, item = label_c, None
        items[code] = item
        columns.append(ExportColumn(key=code or label_c, header=clean(label), question=question,
                                    item=item, code=code or None, is_other_text=is_other))

    notes = []
    if legacy:
        kind, header_rows = "legacy-2row", 2
    else:
        kind, header_rows = ("2016-3row" if single_quoted else "3row"), 3
        values = _value_style(rows[3:], columns, imports)
        kind = f"{kind}-{values}" if values else kind
    timezone = None
    if zones:
        timezone = ", ".join(sorted(zones))
        notes.append(f"tijdzone volgens de export: {timezone} (datums zijn als lokale tijd "
                     "zonder tijdzone ingelezen)")
    return Layout("qualtrics", f"qualtrics-{kind}", header_rows, columns, notes, timezone)


def _value_style(data: list[list[str]], columns: list[ExportColumn],
                 imports: list[tuple[str, str | None]]) -> str | None:
    """"numeric" when choice columns hold recode numbers, "choicetext" when they hold labels."""
    seen_text = seen_number = False
    for i, col in enumerate(columns):
        imp = imports[i][0]
        if col.meta or col.is_other_text or "TEXT" in imp:
            continue
        for row in data:
            value = cell(row, i).strip()
            if not value:
                continue
            if re.fullmatch(r"-?\d+(\.\d+)?", value):
                seen_number = True
            else:
                seen_text = True
    if seen_text:
        return "choicetext"
    return "numeric" if seen_number else None

"""Tools with one header row: Microsoft Forms, Google Forms and generic CSV/XLSX.

Split questions are recognised from the headers themselves: ``"<question> [<item>]"`` always,
and runs of adjacent headers sharing ``"<question><sep>"`` (MS Forms Likert uses ".").
"""

from __future__ import annotations

from pmg_analysis.io.export import ExportColumn
from pmg_analysis.io.headers import clean, meta_field, split_brackets, split_runs
from pmg_analysis.io.layout import Layout, NotThisTool
from pmg_analysis.io.normalise import meta_key

_MSF_START = {"starttime", "begintijd", "starttijd", "startzeit", "開始時刻", "وقتالبدء"}
_MSF_END = {"completiontime", "tijdstipvanvoltooien", "tijdvanvoltooien", "voltooiingstijd",
            "eindtijd",
            "abschlusszeit", "完了時刻", "وقتالانتهاء"}
_GF_FIRST = {"timestamp", "tijdstempel", "zeitstempel", "horodateur", "marcatemporal",
             "informaziecronologiche", "marcatemporale"}
_MSF_QUIZ = {"totalpoints", "totaalaantalpunten", "quizfeedback"}
MSFORMS_SEPARATORS = (".", " - ", ": ")
GENERIC_SEPARATORS = (" - ", ": ", ".")


def matches_msforms(rows: list[list[str]]) -> bool:
    keys = {meta_key(c) for c in rows[0][:8]} if rows else set()
    return bool(keys & _MSF_START) and bool(keys & _MSF_END) and "id" in keys


def matches_googleforms(rows: list[list[str]]) -> bool:
    return bool(rows) and meta_key(rows[0][0]) in _GF_FIRST


def _columns(headers: list[str], seps: tuple[str, ...],
             extra_meta: dict[str, str] | None = None) -> list[ExportColumn]:
    labels = [clean(h) for h in headers]
    metas = [meta_field(label, extra_meta or {}) if label else None for label in labels]
    out: list[ExportColumn | None] = [None] * len(labels)
    run: list[int] = []

    def flush() -> None:
        split = split_runs([labels[i] for i in run], seps)
        for i, (question, item) in zip(run, split, strict=True):
            b_question, b_item = split_brackets(labels[i])
            if b_item is not None:
                question, item = b_question, b_item
            out[i] = ExportColumn(key=labels[i], header=labels[i], question=question, item=item)
        run.clear()

    for i, label in enumerate(labels):
        if metas[i]:
            flush()
            out[i] = ExportColumn(key=label, header=label, question=label, meta=metas[i])
        else:
            run.append(i)
    flush()
    return [c for c in out if c is not None]


def parse_msforms(rows: list[list[str]], container: str) -> Layout:
    if not matches_msforms(rows):
        raise NotThisTool("msforms")
    columns = _columns(rows[0], MSFORMS_SEPARATORS)
    quiz = any(meta_key(c) in _MSF_QUIZ for c in rows[0])
    return Layout("msforms", f"msforms-{'quiz-' if quiz else ''}{container}", 1, columns)


def parse_googleforms(rows: list[list[str]], container: str) -> Layout:
    if not matches_googleforms(rows):
        raise NotThisTool("googleforms")
    columns = _columns(rows[0], ("\x00",))  # only "[item]" grids are split
    return Layout("googleforms", f"googleforms-{container}", 1, columns)


def parse_generic(rows: list[list[str]], container: str) -> Layout:
    if not rows or len(rows[0]) < 2:
        raise NotThisTool("generic")
    return Layout("generic", f"generic-{container}", 1, _columns(rows[0], GENERIC_SEPARATORS))

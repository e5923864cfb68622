"""Which questions of two questionnaire versions can be compared, matched by id.

Every question of either version is one row, and every statement or option that differs is a
row of its own: what cannot be compared is listed with the reason, never dropped silently.
"""

from __future__ import annotations

import pandas as pd

from pmg_analysis.instrument import Instrument, Option, Question

COLUMNS = ["question_id", "item", "status", "vergelijkbaar", "reden"]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _items(old: tuple[Option, ...], new: tuple[Option, ...], qid: str,
           kind: str) -> list[dict]:
    rows = []
    old_by, new_by = {o.id: o for o in old}, {o.id: o for o in new}
    for oid in [*old_by, *[i for i in new_by if i not in old_by]]:
        a, b = old_by.get(oid), new_by.get(oid)
        if a and b and _same(a.text, b.text):
            continue
        if a and b:
            rows.append({"question_id": qid, "item": oid, "status": "herformuleerd",
                         "vergelijkbaar": False,
                         "reden": f"{kind} {oid} is anders geformuleerd ('{a.text}' werd "
                                  f"'{b.text}'): de antwoorden gaan niet over hetzelfde."})
        elif b:
            rows.append({"question_id": qid, "item": oid, "status": "nieuw", "vergelijkbaar":
                         False, "reden": f"{kind} {oid} ('{b.text}') is nieuw in deze ronde: er "
                                         "is geen eerdere waarde."})
        else:
            rows.append({"question_id": qid, "item": oid, "status": "vervallen",
                         "vergelijkbaar": False,
                         "reden": f"{kind} {oid} ('{a.text}') staat niet meer in de vragenlijst."})
    return rows


def _question(a: Question, b: Question) -> list[dict]:
    qid = a.id
    if a.type != b.type or a.scale != b.scale:
        return [{"question_id": qid, "item": "", "status": "ander type", "vergelijkbaar": False,
                 "reden": "Het soort vraag of de antwoordschaal is veranderd."}]
    if not _same(a.text, b.text):
        return [{"question_id": qid, "item": "", "status": "herformuleerd",
                 "vergelijkbaar": False,
                 "reden": f"De vraag is anders gesteld ('{a.text}' werd '{b.text}')."}]
    rows = _items(a.items, b.items, qid, "Stelling" if a.type == "likert" else "Onderdeel")
    rows += _items(a.all_options, b.all_options, qid, "Optie")
    added = [r for r in rows if r["status"] == "nieuw" and a.type == "multi"]
    note = ""
    if added:
        note = (" Met voorbehoud: er is een keuzeoptie bijgekomen, die keuzes bij de andere "
                "opties kan weghalen.")
    if a.max_choices != b.max_choices:
        note += " Het maximale aantal keuzes is veranderd."
    head = {"question_id": qid, "item": "", "status": "gelijk" if not rows else "gewijzigd",
            "vergelijkbaar": True,
            "reden": ("Vraag en antwoordmogelijkheden zijn gelijk." if not rows else
                      "De vraag is gelijk; de onderdelen hieronder niet." + note)}
    return [head, *rows]


def compare_instruments(old: Instrument, new: Instrument) -> pd.DataFrame:
    """Which questions and items of ``old`` and ``new`` can be compared.

    Questions are matched by id. A question whose text, type or scale changed is not
    comparable; a statement or option that was reworded, added or removed is its own row and
    not comparable, while the rest of its question stays comparable (a multi-choice question
    with an added option with a caveat in ``reden``).

    Returns
    -------
    DataFrame
        ``question_id``, ``item`` ("" for the question itself), ``status`` (gelijk, gewijzigd,
        herformuleerd, nieuw, vervallen, ander type), ``vergelijkbaar`` (bool), ``reden``
        (Dutch); questions in the order of the newer version, then the removed ones.

    Examples
    --------
    >>> from pmg_analysis.instrument import load_instrument, load_instrument_version
    >>> table = compare_instruments(load_instrument(), load_instrument_version("2019"))
    >>> table.query("not vergelijkbaar")[["question_id", "item"]].values.tolist()
    [['stelling', 'Z1'], ['EF_opgaven', 'EF7']]
    """
    rows: list[dict] = []
    for q in new.questions:
        if q.id in old:
            rows += _question(old[q.id], q)
        else:
            rows.append({"question_id": q.id, "item": "", "status": "nieuw",
                         "vergelijkbaar": False,
                         "reden": "Deze vraag is nieuw in deze ronde: er is geen eerdere waarde."})
    for q in old.questions:
        if q.id not in new:
            rows.append({"question_id": q.id, "item": "", "status": "vervallen",
                         "vergelijkbaar": False,
                         "reden": "Deze vraag staat niet meer in de vragenlijst."})
    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {"question_id": "string", "item": "string", "status": "string",
         "vergelijkbaar": bool, "reden": "string"})


def comparable(table: pd.DataFrame, question_id: str, item: str = "") -> bool:
    """Whether a question (and, given, one of its items) can be compared between the rounds."""
    q = table[(table["question_id"] == question_id) & (table["item"] == "")]
    if q.empty or not bool(q["vergelijkbaar"].iloc[0]):
        return False
    if not item:
        return True
    it = table[(table["question_id"] == question_id) & (table["item"] == item)]
    return it.empty or bool(it["vergelijkbaar"].iloc[0])

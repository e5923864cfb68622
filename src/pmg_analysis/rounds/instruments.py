"""Which questions of two questionnaire versions can be compared, matched by id.

Every question of either version is one row, and every statement or option that differs is a
row of its own: what cannot be compared is listed with the reason, never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis.instrument import Instrument, Option, Question

if TYPE_CHECKING:
    from pmg_analysis.io.export import Export

COLUMNS = ["question_id", "item", "status", "vergelijkbaar", "reden"]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _items(old: tuple[Option, ...], new: tuple[Option, ...], qid: str,
           kind: str) -> list[dict]:
    """One row per statement or option (``kind``: "De stelling", "De keuzeoptie") that was
    reworded, added or removed; the reason names it by its text, never its id."""
    rows = []
    old_by, new_by = {o.id: o for o in old}, {o.id: o for o in new}
    for oid in [*old_by, *[i for i in new_by if i not in old_by]]:
        a, b = old_by.get(oid), new_by.get(oid)
        if a and b and _same(a.text, b.text):
            continue
        if a and b:
            rows.append({"question_id": qid, "item": oid, "status": "herformuleerd",
                         "vergelijkbaar": False,
                         "reden": f"{kind} ‘{a.text}’ is anders geformuleerd: ‘{b.text}’. De "
                                  "antwoorden gaan niet over hetzelfde en worden niet "
                                  "vergeleken."})
        elif b:
            rows.append({"question_id": qid, "item": oid, "status": "nieuw", "vergelijkbaar":
                         False, "reden": f"{kind} ‘{b.text}’ is nieuw in deze ronde: er is "
                                         "geen eerdere waarde."})
        else:
            rows.append({"question_id": qid, "item": oid, "status": "vervallen",
                         "vergelijkbaar": False,
                         "reden": f"{kind} ‘{a.text}’ staat niet meer in de vragenlijst."})
    return rows


def _question(a: Question, b: Question) -> list[dict]:
    qid = a.id
    if a.type != b.type or a.scale != b.scale:
        return [{"question_id": qid, "item": "", "status": "ander type", "vergelijkbaar": False,
                 "reden": "Het soort vraag of de antwoordschaal is veranderd."}]
    if not _same(a.text, b.text):
        return [{"question_id": qid, "item": "", "status": "herformuleerd",
                 "vergelijkbaar": False,
                 "reden": f"De vraag is anders gesteld: ‘{a.text}’ werd ‘{b.text}’."}]
    rows = _items(a.items, b.items, qid, "De stelling" if a.type == "likert" else "Het onderdeel")
    rows += _items(a.all_options, b.all_options, qid, "De keuzeoptie")
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


def packaged_versions() -> tuple[str, ...]:
    """The years of the packaged questionnaires (``data/instrument.yaml`` is the default year,
    ``data/instrument_<year>.yaml`` the others), oldest first.

    >>> packaged_versions()
    ('2017', '2019')
    """
    import re
    from importlib import resources

    from pmg_analysis import catalog
    from pmg_analysis.instrument import DEFAULT_VERSION

    pattern = re.compile("^" + re.escape(catalog.INSTRUMENT_VERSION.file)
                         .replace(re.escape("{year}"), r"(\d{4})") + "$")
    found = {m.group(1) for p in resources.files("pmg_analysis").joinpath("data").iterdir()
             if (m := pattern.match(p.name))}
    return tuple(sorted({DEFAULT_VERSION, *found}))


def _norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def _texts(instrument: Instrument) -> dict[str, str]:
    """Every text a respondent sees in ``instrument`` (normalised -> as written): questions,
    statements, ranked items and options."""
    out: dict[str, str] = {}
    for q in instrument.questions:
        for text in (q.text, *(i.text for i in q.items), *(o.text for o in q.all_options)):
            out.setdefault(_norm(text), text)
    return out


@dataclass(frozen=True)
class VersionMatch:
    """Which packaged questionnaire an export follows, from the texts in its columns.

    ``found`` holds, per year, the texts only that year's questionnaire has and the export
    shows (in a column header or as an answer); ``year`` is the one year with such texts, or
    None when no year or more than one has them (then the export does not say)."""

    found: dict[str, tuple[str, ...]]

    @property
    def year(self) -> str | None:
        years = [y for y, texts in self.found.items() if texts]
        return years[0] if len(years) == 1 else None


def detect_version(export: Export) -> VersionMatch:
    """The questionnaire version ``export`` follows, recognised from its columns: the texts that
    only one packaged version has (a reworded statement in a header, a new option among the
    answers).

    Examples
    --------
    >>> from pmg_analysis.io import read_export
    >>> from pmg_analysis.catalog import EXAMPLE_EXPORT
    >>> detect_version(read_export(EXAMPLE_EXPORT.path())).year
    '2017'
    """
    from pmg_analysis.instrument import load_instrument_version

    texts = {y: _texts(load_instrument_version(y)) for y in packaged_versions()}
    seen = set()
    for column in export.columns:
        if column.meta is not None:
            continue
        seen.update({_norm(column.question), _norm(column.item or "")})
        values = export.data[column.key].dropna().astype(str).unique()
        if len(values) <= 1000:  # answer options, not free text
            seen.update(_norm(part) for v in values for part in str(v).split(";"))
    found = {}
    for year, own in texts.items():
        others = set().union(*(t for y, t in texts.items() if y != year))
        found[year] = tuple(own[t] for t in own if t not in others and t in seen)
    return VersionMatch(found)


def version_refusal(match: VersionMatch, file: str, given: str | None, option: str
                    ) -> str | None:
    """One Dutch line refusing a comparison whose questionnaire version is not clear, naming
    ``option`` (``--vragenlijst`` or ``--vragenlijst-vorige``); None when ``given`` agrees
    with the export, or nothing was given and the export shows one version.

    >>> m = VersionMatch({"2017": (), "2019": ("Onze gemeente staat onder druk",)})
    >>> version_refusal(m, "b.xlsx", None, "--vragenlijst") is None
    True
    >>> print(version_refusal(m, "b.xlsx", "2017", "--vragenlijst"))  # doctest: +ELLIPSIS
    b.xlsx volgt de vragenlijst van 2019 (...), niet die van 2017: geef --vragenlijst 2019 op.
    >>> print(version_refusal(VersionMatch({"2017": (), "2019": ()}), "c.csv", None,
    ...                       "--vragenlijst-vorige"))  # doctest: +NORMALIZE_WHITESPACE
    Van c.csv is niet te zien welke vragenlijst is gebruikt (de vragen waarin de versies
    verschillen staan er niet in): geef die op met --vragenlijst-vorige (2017 of 2019).
    """
    year = match.year
    if year is not None:
        if given is None or str(given) == year:
            return None
        shown = match.found[year][0]
        return (f"{file} volgt de vragenlijst van {year} (er staat '{shown}' in), niet die van "
                f"{given}: geef {option} {year} op.")
    if given is not None and not any(match.found.values()):
        return None  # nothing in the export contradicts what was given
    years = " of ".join(packaged_versions())
    both = [y for y, t in match.found.items() if t]
    why = (f"er staan teksten in van {' en '.join(both)}" if both else
           "de vragen waarin de versies verschillen staan er niet in")
    return (f"Van {file} is niet te zien welke vragenlijst is gebruikt ({why}): geef die op met "
            f"{option} ({years}).")

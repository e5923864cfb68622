"""Export shapes derived from the synthetic example: the exports a user may plausibly bring.

Each function takes the example sheet (:func:`pmg_analysis.example.generate`: one row per
response, the export's header texts as columns) and returns a new sheet in the same Microsoft
Forms layout: fewer municipalities (a pilot), a shortened questionnaire (a theme, the ranking or
the opgaven questions left out), no open answers, every municipality of one position type, no
municipality willing to lead, only partial responses, a national-size export (all 388
municipalities), a learning-question answer with a pasted table and letter, an answer in
Frisian, an anonymous form in which respondents typed names, e-mail addresses and phone
numbers in the survey's own personal questions and in free text, resubmissions of the same
respondents (and two colleagues with the same closed answers). A shape is written in the layout
of its tool (:mod:`.tool_layouts`: Qualtrics, SurveyMonkey, Google Forms, LimeSurvey), or as a
Microsoft Forms xlsx, also with a title and an empty row above the header.
:func:`export_shapes` names the whole matrix; the tests run every shape through the library
steps behind the reports, and a few through the full chain.

Nothing here is real survey data; every shape is deterministic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from pmg_analysis.example.msforms import (
    META_COLUMNS,
    SheetColumn,
    build_workbook,
    sheet_columns,
    write_xlsx,
)
from pmg_analysis.example.tool_layouts import WRITERS, surveymonkey_csv
from pmg_analysis.example.xlsx import stable_xlsx_bytes
from pmg_analysis.instrument import Instrument, load_instrument


def write_msforms(sheet: pd.DataFrame, stem: Path) -> Path:
    """The sheet as the Microsoft Forms xlsx of the example (``stem`` + ".xlsx")."""
    return write_xlsx(sheet, stem.with_suffix(".xlsx"), "vorm")


@dataclass(frozen=True)
class ExportShape:
    """One derived export: a name (used as file stem and test id), what it is, how it is
    made from the example sheet, and how it is written (a path without suffix in, the file
    written out)."""

    name: str
    description: str
    derive: Callable[[pd.DataFrame], pd.DataFrame]
    # the library check runs it also without CBS/PDOK data (positions self-reported)
    without_cbs: bool = False
    write: Callable[[pd.DataFrame, Path], Path] = write_msforms


def _columns(sheet: pd.DataFrame, instrument: Instrument) -> list[SheetColumn]:
    """The instrument's columns that are present in ``sheet``, in sheet order."""
    by_header = {c.header: c for c in sheet_columns(instrument)}
    return [by_header[h] for h in sheet.columns if h in by_header]


def _question_headers(sheet: pd.DataFrame, instrument: Instrument,
                      keep: Callable[[str], bool]) -> list[str]:
    return [c.header for c in _columns(sheet, instrument)
            if c.question is not None and keep(c.question)]


def _header(instrument: Instrument, question_id: str) -> str:
    return instrument[question_id].text


def municipality_codes(sheet: pd.DataFrame, instrument: Instrument | None = None) -> pd.Series:
    """The CBS code each row's typed municipality matches (NA when it matches none)."""
    from pmg_analysis.municipalities import match_municipalities

    instrument = instrument or load_instrument()
    typed = sheet[_header(instrument, instrument.municipality_question.id)]
    match = match_municipalities(typed.astype("string"))
    ok = match["match"].isin(["exact", "alias", "fuzzy"]).to_numpy()
    return pd.Series(np.where(ok, match["gemeente_code"].astype("object"), None),
                     index=sheet.index, dtype="string")


def municipalities(sheet: pd.DataFrame, n: int, *, per_municipality: int | None = None,
                   instrument: Instrument | None = None) -> pd.DataFrame:
    """The responses of the first ``n`` municipalities in submission order (a pilot), at most
    ``per_municipality`` rows each; rows whose municipality is not recognised are left out."""
    codes = municipality_codes(sheet, instrument)
    chosen = list(dict.fromkeys(codes.dropna()))[:n]
    keep = codes.isin(chosen).fillna(False).to_numpy()
    out = sheet[keep]
    if per_municipality is not None:
        out = out[codes[keep].groupby(codes[keep], sort=False).cumcount().to_numpy()
                  < per_municipality]
    return out.reset_index(drop=True)


def _drop_theme_from_lists(sheet: pd.DataFrame, instrument: Instrument,
                           themes: Iterable[str]) -> pd.DataFrame:
    """A questionnaire without ``themes`` offers them neither in the ranking (the others
    keep their order, ranks 1..n) nor in the trekker question."""
    names = {instrument.theme_name(t) for t in themes}
    out = sheet.copy()
    for qid in ("prioriteit", "trekker"):
        header = _header(instrument, qid)
        if header not in out.columns:
            continue

        def strip(cell: object) -> object:
            if pd.isna(cell):
                return pd.NA
            kept = [p for p in str(cell).split(";") if p.strip() and p.strip() not in names]
            return "".join(f"{p};" for p in kept) or pd.NA

        out[header] = out[header].map(strip).astype("string")
    return out


def without_questions(sheet: pd.DataFrame, question_ids: Iterable[str], *,
                      instrument: Instrument | None = None) -> pd.DataFrame:
    """The export of a questionnaire without these questions (their columns removed); a theme
    whose questions are all removed is taken out of the ranking and trekker lists as well."""
    instrument = instrument or load_instrument()
    drop = set(question_ids)
    out = sheet.drop(columns=_question_headers(sheet, instrument, drop.__contains__))
    gone = [t for t in instrument.theme_codes
            if all(q.id in drop for q in instrument.questions if q.theme == t)]
    return _drop_theme_from_lists(out, instrument, gone) if gone else out


def without_theme(sheet: pd.DataFrame, theme: str, *,
                  instrument: Instrument | None = None) -> pd.DataFrame:
    """A questionnaire without one theme: its five questions, and the theme in the ranking and
    the trekker question."""
    instrument = instrument or load_instrument()
    return without_questions(sheet, [q.id for q in instrument.questions if q.theme == theme],
                             instrument=instrument)


def without_open_answers(sheet: pd.DataFrame, *,
                         instrument: Instrument | None = None) -> pd.DataFrame:
    """Every open answer left empty (also the "Anders, namelijk" texts); the municipality and
    the optional name and e-mail stay."""
    instrument = instrument or load_instrument()
    out = sheet.copy()
    opens = _question_headers(out, instrument, lambda q: instrument[q].type == "open"
                              and instrument[q].role == "answer")
    out[opens] = pd.NA
    for header in _question_headers(out, instrument, lambda q: instrument[q].type == "multi"
                                    and instrument[q].other is not None):
        known = {o.text for o in instrument[_question_of(header, instrument)].options}

        def only_known(cell: object, known: set[str] = known) -> object:
            if pd.isna(cell):
                return pd.NA
            kept = [p for p in str(cell).split(";") if p.strip() in known]
            return "".join(f"{p};" for p in kept) or pd.NA

        out[header] = out[header].map(only_known).astype("string")
    return out


def _question_of(header: str, instrument: Instrument) -> str:
    return next(c.question for c in sheet_columns(instrument) if c.header == header)


def one_position(sheet: pd.DataFrame, positie: str = "nabij_grotere_stad", *,
                 instrument: Instrument | None = None) -> pd.DataFrame:
    """Only the municipalities of one position type (their synthetic profile's position), each
    respondent ticking that position."""
    from pmg_analysis.example.profiles import PROFILES
    from pmg_analysis.municipalities import match_municipalities

    instrument = instrument or load_instrument()
    names = pd.Series([p.naam for p in PROFILES if p.positie == positie], dtype="string")
    wanted = set(match_municipalities(names)["gemeente_code"].dropna().astype(str))
    codes = municipality_codes(sheet, instrument)
    out = sheet[codes.isin(wanted).fillna(False).to_numpy()].copy()
    question = instrument["positie"]
    out[_header(instrument, "positie")] = pd.array(
        [question.option_by_id(positie).text] * len(out), dtype="string")
    return out.reset_index(drop=True)


def nobody_leads(sheet: pd.DataFrame, *, instrument: Instrument | None = None) -> pd.DataFrame:
    """No municipality offers to lead a theme: every trekker answer is "Geen"."""
    instrument = instrument or load_instrument()
    out = sheet.copy()
    question = instrument["trekker"]
    none = next(o.text for o in question.options if o.id == "geen")
    out[_header(instrument, "trekker")] = pd.array([f"{none};"] * len(out), dtype="string")
    return out


def only_partial(sheet: pd.DataFrame, *, answered: int = 6,
                 instrument: Instrument | None = None) -> pd.DataFrame:
    """Every respondent stopped early: only the first ``answered`` answer columns after the
    municipality are kept (the rest empty), so every response counts as partial."""
    instrument = instrument or load_instrument()
    out = sheet.copy()
    answer_cols = _question_headers(out, instrument,
                                    lambda q: instrument[q].role == "answer")
    out[answer_cols[answered:]] = pd.NA
    return out


def national(sheet: pd.DataFrame, *, per_municipality: int = 3,
             instrument: Instrument | None = None) -> pd.DataFrame:
    """A national-size export: every one of the 388 municipalities of 2017 with
    ``per_municipality`` respondents, their answers those of the example's complete responses
    in turn (anonymous, one ID each, in the example's time span)."""
    from pmg_analysis.municipalities import load_register

    instrument = instrument or load_instrument()
    register = load_register()
    names = register["gemeente_naam"].astype(str).tolist()
    codes = municipality_codes(sheet, instrument)
    source = sheet[codes.notna().to_numpy()].reset_index(drop=True)
    n = len(names) * per_municipality
    take = np.arange(n) % len(source)
    out = source.iloc[take].reset_index(drop=True)
    out[_header(instrument, instrument.municipality_question.id)] = pd.array(
        np.repeat(names, per_municipality), dtype="string")
    out["ID"] = pd.array(np.arange(1, n + 1), dtype="Int64")
    out["Email"] = pd.array(["anonymous"] * n, dtype="string")
    out["Name"] = pd.array(["Anonymous"] * n, dtype="string")
    for header in _question_headers(out, instrument,
                                    lambda q: instrument[q].role == "personal"):
        out[header] = pd.NA
    # later rows a few minutes apart, so every response has its own time
    shift = pd.to_timedelta(np.arange(n) // len(source) * 7, unit="min")
    for column in ("Start time", "Completion time"):
        out[column] = (out[column] + shift).astype("datetime64[s]")
    return out[list(sheet.columns)]


# A part of a housing memo pasted into a learning-question answer (issue 24): an introduction,
# a table copied from a spreadsheet (tabs), a list of plan codes, a letter, and the question.
PASTED_TABLE = "\n".join([
    "Kern\tLV15\tLV16\tPrognose 2030\tVerschil",
    "Sneek\t1.240\t1.310\t1.450\t+11%",
    "Bolsward\t410\t395\t380\t-4%",
    "Workum\t160\t170\t175\t+3%",
    "Makkum\t95\t90\t85\t-6%",
])
PASTED_CODES = "\n".join(["LV15 · prognose", "LV16 · rogat", "LV17 · stabiel", "LV18 · krimp"])
PASTED_LETTER = (
    "Geachte heer, mevrouw, Hierbij sturen wij u onze reactie op de vragenlijst. "
    "De gemeente heeft in 2016 een nieuwe woonvisie vastgesteld. "
    "Daarin staat dat we tot 2030 vooral in de bestaande kernen willen bouwen. "
    "De vraag naar woningen verschilt sterk per kern. "
    "In de grotere kernen groeit de vraag naar kleine woningen voor ouderen. "
    "In de kleinere kernen neemt het aantal huishoudens af. "
    "De corporaties hebben hun portefeuillestrategie daarop aangepast. "
    "De huurders zijn via de huurdersorganisaties bij de afspraken betrokken. "
    "Het college heeft de raad hierover in december geïnformeerd. "
    "Wij hopen dat deze toelichting helpt bij de analyse."
)
PASTED_QUESTION = "Hoe maken andere gemeenten prestatieafspraken met de woningcorporaties?"
PASTED_ANSWER = "\n".join(["Zie onderstaande tabel uit onze woonvisie.", PASTED_TABLE,
                           PASTED_CODES, PASTED_LETTER, PASTED_QUESTION])

# Four learning questions in Frisian, as a respondent from Fryslân may write them (issue 24:
# three of four became suggested needs of one municipality, named with Frisian words).
FRISIAN_ANSWER = (
    "Hoe krije wy jonge minsken oan it wurk yn ús regio? "
    "Hoe hâlde wy de leefberens fan ús doarpen no't de winkels en skoallen ferdwine? "
    "Wy wolle graach witte hoe't oare gemeenten de mienskip belûke by it belied. "
    "Hoe betelje wy de soarch foar âlderen yn de takomst?"
)


def _one_answer(sheet: pd.DataFrame, question_id: str, text: str, prefer: str | None,
                instrument: Instrument) -> pd.DataFrame:
    """``sheet`` with one response's answer to ``question_id`` replaced by ``text``: the first
    response from the municipality ``prefer`` (a CBS code), else the first recognised one."""
    codes = municipality_codes(sheet, instrument)
    rows = np.flatnonzero((codes == prefer).fillna(False).to_numpy()) if prefer else []
    row = rows[0] if len(rows) else int(np.flatnonzero(codes.notna().to_numpy())[0])
    out = sheet.copy()
    out.loc[out.index[row], _header(instrument, question_id)] = text
    return out


def pasted_table(sheet: pd.DataFrame, *, instrument: Instrument | None = None) -> pd.DataFrame:
    """One respondent (from Súdwest-Fryslân when the example has one) pastes a part of a memo
    into a learning-question answer: a table, plan codes, a letter, and the question itself
    (:data:`PASTED_ANSWER`)."""
    instrument = instrument or load_instrument()
    return _one_answer(sheet, "EF_leervraag", PASTED_ANSWER, "GM1900", instrument)


def frisian_answer(sheet: pd.DataFrame, *, instrument: Instrument | None = None
                   ) -> pd.DataFrame:
    """One respondent (from Heerenveen when the example has one) writes a learning-question
    answer of four questions in Frisian (:data:`FRISIAN_ANSWER`)."""
    instrument = instrument or load_instrument()
    return _one_answer(sheet, "SV_leervraag", FRISIAN_ANSWER, "GM0074", instrument)


# -- personal data typed by respondents of an anonymous form ------------------------------------

# (first name, last name): tussenvoegsels, an accent, a hyphen, a surname that is a word
PEOPLE: tuple[tuple[str, str], ...] = (
    ("Gert", "van Leeuwen"), ("Joost", "Bos"), ("Renée", "de Wit-Janssen"),
    ("Aylin", "Yıldırım"), ("Pieter-Jan", "ter Horst"), ("Mehmet", "Bakker"),
)


@dataclass(frozen=True)
class TypedPerson:
    """What one respondent typed about themself: name, e-mail address, phone number."""

    first: str
    last: str
    email: str
    phone: str
    in_name_question: bool = True  # False: only in free text (a sign-off), never in a field

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    return "".join(c for c in plain if c.isalnum() and c.isascii()).lower()


def typed_people(instrument: Instrument | None = None) -> tuple[TypedPerson, ...]:
    """The people of :func:`with_typed_personal_data`; the last one only signs a text."""
    return tuple(TypedPerson(first, last, f"{_ascii(first)}.{_ascii(last)}@gemeente.example.nl",
                             f"06-{41000000 + 7919 * i:08d}", in_name_question=i < len(PEOPLE) - 1)
                 for i, (first, last) in enumerate(PEOPLE))


def anonymous(sheet: pd.DataFrame) -> pd.DataFrame:
    """The form set to anonymous: Microsoft Forms writes "anonymous" / "Anonymous" in its
    Email and Name columns (the other tools' writers leave their contact columns empty)."""
    out = sheet.copy()
    out["Email"] = pd.array(["anonymous"] * len(out), dtype="string")
    out["Name"] = pd.array(["Anonymous"] * len(out), dtype="string")
    return out


def with_typed_personal_data(sheet: pd.DataFrame, *, n_municipalities: int | None = 5,
                             instrument: Instrument | None = None) -> pd.DataFrame:
    """An anonymous form of ``n_municipalities`` (None: every row of the sheet) in which the
    first respondents typed their
    name, e-mail address and phone number in the survey's own questions and signed their
    remarks with them ("Graag contact via Gert van Leeuwen, 06-...", "Met vriendelijke groet,\n
    Joost Bos", "Groet, Renée. Bel renée gerust: +31 6 ..."); one more signs a text with a
    name typed nowhere else. Every other personal question is empty."""
    instrument = instrument or load_instrument()
    out = anonymous(sheet.reset_index(drop=True) if n_municipalities is None
                    else municipalities(sheet, n_municipalities, instrument=instrument))
    name, email = _header(instrument, "naam"), _header(instrument, "email")
    remark, leervraag = _header(instrument, "opmerkingen"), _header(instrument, "EA_leervraag")
    out[[name, email]] = pd.NA
    for i, p in enumerate(typed_people(instrument)):
        international = "+31 6 " + p.phone[3:7] + " " + p.phone[7:]
        if p.in_name_question:
            out.loc[i, name] = p.full if i % 2 else f"{p.full} ({p.phone})"
            out.loc[i, email] = p.email if i % 3 else f"{p.email}, {p.phone}"
        texts = [f"Graag contact via {p.full}, {p.phone} of {p.email}.",
                 f"Met vriendelijke groet,\n{p.full}",
                 f"Groet, {p.first}. Bel {p.first.lower()} gerust: {international}."]
        if not p.in_name_question:
            texts = [f"Met vriendelijke groet, {p.full}"]
        out.loc[i, remark] = texts[i % len(texts)]
        if p.in_name_question:  # the surname alone, after no cue word
            before = out.loc[i, leervraag]
            out.loc[i, leervraag] = (f"{before} Vraag het {p.last}." if pd.notna(before)
                                     else f"Vraag het {p.last}.")
    return out


# -- resubmissions -------------------------------------------------------------------------------

def resubmitted(sheet: pd.DataFrame, *, instrument: Instrument | None = None) -> pd.DataFrame:
    """An anonymous form of six municipalities in which three respondents submit twice, a day
    later, correcting their urgency for economy (the first said "Niet urgent"): the second
    time one gives only the e-mail address (in capitals), one only the name (other case and
    spacing), one the name without its accent; and two colleagues of one municipality give
    the same closed answers under their own names and e-mail addresses. The resubmissions are
    the last four rows; the earlier submissions are rows 0, 1 and 2 of the sheet."""
    instrument = instrument or load_instrument()
    out = anonymous(municipalities(sheet, 6, per_municipality=1, instrument=instrument))
    name, email = _header(instrument, "naam"), _header(instrument, "email")
    urgency = _header(instrument, "EA_urgentie")
    scale = instrument["EA_urgentie"].scale
    people = typed_people(instrument)
    out[[name, email]] = pd.NA
    for i in range(4):
        out.loc[i, [name, email]] = [people[i].full, people[i].email]
    out.loc[:2, urgency] = scale[0]
    again = out.iloc[:4].copy()
    again[urgency] = scale[-1]
    again.iloc[0, again.columns.get_loc(name)] = pd.NA
    again.iloc[0, again.columns.get_loc(email)] = f"  {people[0].email.upper()} "
    again.iloc[1, again.columns.get_loc(name)] = people[1].full.lower().replace(" ", "  ")
    again.iloc[1, again.columns.get_loc(email)] = pd.NA
    again.iloc[2, again.columns.get_loc(name)] = _ascii(people[2].first).title() + " " \
        + people[2].last
    # row 3's colleague: the same closed answers, own name and e-mail, no free text
    colleague = again.index[3]
    again.loc[colleague, urgency] = out.loc[3, urgency]
    again.loc[colleague, [name, email]] = ["Karin Visser", "k.visser@gemeente.example.nl"]
    opens = _question_headers(out, instrument, lambda q: instrument[q].type == "open"
                              and instrument[q].role == "answer")
    again.loc[colleague, opens] = pd.NA
    for column in ("Start time", "Completion time"):
        again[column] = (again[column] + pd.Timedelta(days=1)).astype("datetime64[s]")
    again["ID"] = pd.array(np.arange(len(again)) + int(out["ID"].max()) + 1, dtype="Int64")
    return pd.concat([out, again], ignore_index=True)


# -- title rows and ordinal ranks -----------------------------------------------------------------

TITLE = "PMG-ledenenquête 'Samen kansen pakken' 2017 - export van 31 maart 2017"


def write_with_title_rows(sheet: pd.DataFrame, stem: Path) -> Path:
    """The Microsoft Forms xlsx with a title row and an empty row above the header (the way
    someone saves an export after adding a title): the header is in row 3."""
    book = build_workbook(sheet, "vorm")
    ws = book.active
    ws.insert_rows(1, amount=2)
    ws["A1"] = TITLE
    table = ws.tables["Table1"]
    start, end = table.ref.split(":")
    table.ref = f"A3:{''.join(c for c in end if c.isalpha())}{len(sheet) + 3}"
    path = stem.with_suffix(".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(stable_xlsx_bytes(book))
    return path


# how a place in the ranking is typed, in turn; the first row's first theme reads "?"
RANK_WORDS: dict[str, tuple[str, ...]] = {
    "1": ("1e", "eerste", "1ste", "1st"), "2": ("2e", "tweede", "2de", "2nd"),
    "3": ("3e", "derde", "3de", "3rd"), "4": ("4e", "vierde", "4de", "4th"),
}
UNREADABLE_RANK = "?"


def write_ordinal_ranks(sheet: pd.DataFrame, stem: Path) -> Path:
    """A SurveyMonkey export whose ranking columns hold ordinals ("1e", "tweede", "3rd" ...)
    instead of numbers, and one unreadable place ("?") in the first row."""
    seen: set[int] = set()

    def rank_text(rank: str, row: int) -> str:
        if not rank:
            return ""
        if row == 0 and row not in seen:
            seen.add(row)
            return UNREADABLE_RANK
        return RANK_WORDS[rank][row % 4]

    return surveymonkey_csv(sheet, stem.with_suffix(".csv"), rank_text=rank_text)


def _tool_writer(tool: str) -> Callable[[pd.DataFrame, Path], Path]:
    return lambda sheet, stem: WRITERS[tool](sheet, stem.with_suffix(".csv"))


def export_shapes(instrument: Instrument | None = None, *,
                  include_national: bool = False) -> tuple[ExportShape, ...]:
    """The matrix of export shapes, derived from the example sheet by the functions above."""
    instrument = instrument or load_instrument()
    i = instrument
    shapes = [
        ExportShape("1_gemeente", "de antwoorden van één gemeente",
                    lambda s: municipalities(s, 1, instrument=i)),
        ExportShape("2_gemeenten", "twee gemeenten",
                    lambda s: municipalities(s, 2, instrument=i)),
        ExportShape("3_gemeenten_pilot", "een pilot: drie antwoorden uit drie gemeenten",
                    lambda s: municipalities(s, 3, per_municipality=1, instrument=i),
                    without_cbs=True),
        ExportShape("5_gemeenten", "vijf gemeenten",
                    lambda s: municipalities(s, 5, instrument=i)),
        *[ExportShape(f"zonder_thema_{t}", f"de vragenlijst zonder het thema {t}",
                      lambda s, t=t: without_theme(s, t, instrument=i))
          for t in instrument.theme_codes],
        ExportShape("zonder_rangschikking", "de vragenlijst zonder de rangschikking",
                    lambda s: without_questions(s, ["prioriteit"], instrument=i)),
        ExportShape("zonder_opgaven", "de vragenlijst zonder de opgavenvragen",
                    lambda s: without_questions(
                        s, [q.id for q in i.questions if q.id.endswith("_opgaven")],
                        instrument=i)),
        ExportShape("geen_open_antwoorden", "elk open antwoord leeg",
                    lambda s: without_open_answers(s, instrument=i)),
        ExportShape("een_positie", "alle gemeenten van één positie in de regio",
                    lambda s: one_position(s, instrument=i)),
        ExportShape("geen_trekkers", "niemand wil trekker zijn",
                    lambda s: nobody_leads(s, instrument=i)),
        ExportShape("alleen_onvolledig", "alleen onvolledige inzendingen",
                    lambda s: only_partial(s, instrument=i)),
        ExportShape("geplakte_tabel", "een leervraag met een geplakte tabel en brief",
                    lambda s: pasted_table(s, instrument=i)),
        ExportShape("fries_antwoord", "een leervraag in het Fries",
                    lambda s: frisian_answer(s, instrument=i)),
    ]
    shapes += [
        ExportShape("anoniem_namen_msforms", "anoniem formulier (Microsoft Forms): namen, "
                    "e-mailadressen en telefoonnummers in de eigen vragen en in vrije tekst",
                    lambda s: with_typed_personal_data(s, instrument=i)),
        *[ExportShape(f"anoniem_namen_{tool}", f"anoniem formulier ({tool}): namen, "
                      "e-mailadressen en telefoonnummers in de eigen vragen en in vrije tekst",
                      lambda s: with_typed_personal_data(s, instrument=i), write=_tool_writer(tool))
          for tool in WRITERS],
        ExportShape("herinzendingen", "drie respondenten vullen een tweede keer in; twee collega's "
                    "met dezelfde gesloten antwoorden", lambda s: resubmitted(s, instrument=i)),
        ExportShape("titelrijen_boven_kop", "een titel en een lege rij boven de kopregel",
                    lambda s: municipalities(s, 3, instrument=i), write=write_with_title_rows),
        ExportShape("rangschikking_rangtelwoorden", "rangschikking als '1e', 'tweede', '3rd' "
                    "(SurveyMonkey), één plaats onleesbaar",
                    lambda s: municipalities(s, 4, instrument=i), write=write_ordinal_ranks),
    ]
    if include_national:
        shapes.append(ExportShape("landelijk", "alle 388 gemeenten, elk drie respondenten",
                                  lambda s: national(s, instrument=i)))
    return tuple(shapes)


__all__ = ["META_COLUMNS", "PEOPLE", "ExportShape", "TypedPerson", "anonymous", "export_shapes",
           "frisian_answer", "municipalities", "municipality_codes", "national", "nobody_leads",
           "one_position", "only_partial", "pasted_table", "resubmitted", "typed_people",
           "with_typed_personal_data", "without_open_answers", "without_questions",
           "without_theme", "write_msforms", "write_ordinal_ranks", "write_with_title_rows"]

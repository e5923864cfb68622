"""Export shapes derived from the synthetic example: the exports a user may plausibly bring.

Each function takes the example sheet (:func:`pmg_analysis.example.generate`: one row per
response, the export's header texts as columns) and returns a new sheet in the same Microsoft
Forms layout: fewer municipalities (a pilot), a shortened questionnaire (a theme, the ranking or
the opgaven questions left out), no open answers, every municipality of one position type, no
municipality willing to lead, only partial responses, a national-size export (all 388
municipalities), a learning-question answer with a pasted table and letter, and an answer in
Frisian. :func:`export_shapes` names the whole matrix; the tests run every shape through
the library steps behind the reports, and a few through the full chain.

Nothing here is real survey data; every shape is deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pmg_analysis.example.msforms import META_COLUMNS, SheetColumn, sheet_columns
from pmg_analysis.instrument import Instrument, load_instrument


@dataclass(frozen=True)
class ExportShape:
    """One derived export: a name (used as file stem and test id), what it is, and how it is
    made from the example sheet."""

    name: str
    description: str
    derive: Callable[[pd.DataFrame], pd.DataFrame]
    # the library check runs it also without CBS/PDOK data (positions self-reported)
    without_cbs: bool = False


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
    if include_national:
        shapes.append(ExportShape("landelijk", "alle 388 gemeenten, elk drie respondenten",
                                  lambda s: national(s, instrument=i)))
    return tuple(shapes)


__all__ = ["META_COLUMNS", "ExportShape", "export_shapes", "frisian_answer", "municipalities",
           "municipality_codes", "national", "nobody_leads", "one_position", "only_partial",
           "pasted_table", "without_open_answers", "without_questions", "without_theme"]

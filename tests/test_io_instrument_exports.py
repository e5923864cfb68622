"""Exports of OUR instrument, built in the test the way each tool writes them, read back and
mapped: every question must be found, per-theme questions must not cross-map."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pmg_analysis.instrument import load_instrument
from pmg_analysis.io import map_columns, read_export, split_choices, split_ranking

INSTR = load_instrument()
EF3 = "Duurzaamheid: van energiezuinig naar energieleverend, klimaatadaptatie"


def _theme(code: str) -> str:
    return INSTR.theme_name(code)


def build_msforms_xlsx(path: Path) -> Path:
    """An MS Forms xlsx of the PMG survey: joined multi-choice with ';' and trailing ';',
    a ranking cell, Likert statements as '<question>.<statement>' columns, numbered headers."""
    stelling = INSTR["stelling"]
    headers = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
               "1. " + INSTR["gemeente"].text, INSTR["functie"].text, INSTR["naam"].text,
               INSTR["email"].text, INSTR["positie"].text]
    headers += [f"{stelling.text}.{item.text}" for item in stelling.items]
    for code in INSTR.theme_codes:
        headers += [INSTR[f"{code}_{part}"].text
                    for part in ("urgentie", "opgaven", "kansen", "leervraag", "samen")]
    headers += [INSTR[q].text for q in ("prioriteit", "vorm", "trekker", "opmerkingen")]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(headers)
    rows = [
        (3, "Súdwest-Fryslân", "Beleidsmedewerker", f"{EF3};De Omgevingswet invoeren;",
         "Energietransitie & fysieke leefomgeving;Economie & arbeidsmarkt;"
         "Lokale democratie & regionale samenwerking;"
         "Sociale veerkracht & relatie burger-overheid;"),
        (4, "Emmen", "Anders", "Wonen: doorstroming, betaalbaarheid en beschikbaarheid;"
         "Meer groen in de wijk;", "Economie & arbeidsmarkt;Sociale veerkracht & relatie "
         "burger-overheid;Energietransitie & fysieke leefomgeving;"
         "Lokale democratie & regionale samenwerking;"),
    ]
    for i, (rid, gemeente, functie, ef_opgaven, ranking) in enumerate(rows):
        start = dt.datetime(2017, 2, 16 + i, 14, 5, 7)
        row = [rid, start, start + dt.timedelta(minutes=12), "anonymous", "Anonymous",
               start + dt.timedelta(minutes=12), gemeente, functie, None, None,
               INSTR["positie"].options[i].text]
        row += ["Mee eens", "Neutraal", "Helemaal mee eens", "Mee oneens", "Neutraal",
                "Mee eens", "Helemaal mee oneens"]
        for code in INSTR.theme_codes:
            opgaven = ef_opgaven if code == "EF" else f"{INSTR[f'{code}_opgaven'].options[0].text};"
            row += ["Urgent" if code != "LD" else "Weinig urgent", opgaven,
                    f"Kansen {code}", f"Leervraag {code}", f"Samen {code}"]
        row += [ranking, "Praktijkonderzoek;Excursies en netwerkbijeenkomsten;",
                "Economie & arbeidsmarkt;", None if i else "Dank!"]
        ws.append(row)
    wb.save(path)
    return path


def build_qualtrics_csv(path: Path) -> Path:
    """A Qualtrics 3-row choice-text export of the PMG survey: EF opgaven split per choice
    (Q_n columns, "1"/empty) with an other-text column, stellingen as a matrix."""
    meta = [("StartDate", "Start Date", {"ImportId": "startDate", "timeZone": "Europe/Amsterdam"}),
            ("EndDate", "End Date", {"ImportId": "endDate", "timeZone": "Europe/Amsterdam"}),
            ("Status", "Response Type", {"ImportId": "status"}),
            ("Progress", "Progress", {"ImportId": "progress"}),
            ("Finished", "Finished", {"ImportId": "finished"}),
            ("ResponseId", "Response ID", {"ImportId": "_recordId"})]
    cols = list(meta)
    cols.append(("Q1", "1. " + INSTR["gemeente"].text, {"ImportId": "QID1_TEXT"}))
    cols.append(("Q2", INSTR["functie"].text + " - Selected Choice", {"ImportId": "QID2"}))
    st = INSTR["stelling"]
    cols += [(f"Q3_{i}", f"{st.text} - {item.text}", {"ImportId": f"QID3_{i}"})
             for i, item in enumerate(st.items, 1)]
    ef = INSTR["EF_opgaven"]
    cols += [(f"Q4_{i}", f"{ef.text} - {opt.text}", {"ImportId": "QID4", "choiceId": str(i)})
             for i, opt in enumerate(ef.all_options, 1)]
    n_other = len(ef.all_options)
    cols.append((f"Q4_{n_other}_TEXT", f"{ef.text} - {ef.other.text} - Text",
                 {"ImportId": f"QID4_{n_other}_TEXT"}))
    cols.append(("Q5", INSTR["EA_urgentie"].text, {"ImportId": "QID5"}))
    cols.append(("Q6", INSTR["EF_urgentie"].text, {"ImportId": "QID6"}))
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([c[0] for c in cols])
        w.writerow([c[1] for c in cols])
        w.writerow([json.dumps(c[2], separators=(",", ":")) for c in cols])
        base = ["2017-02-16 14:05:00", "2017-02-16 14:20:10", "IP Address", "100", "True",
                "R_abc123"]
        likert = ["Mee eens", "Neutraal", "Mee eens", "Helemaal mee eens", "Mee oneens",
                  "Neutraal", "Mee eens"]
        choices = ["", "", "1", "", "", "", "1"]
        w.writerow(base + ["Helmond", "Burgemeester of wethouder"] + likert + choices
                   + ["Warmtenetten", "Urgent", "Zeer urgent"])
        w.writerow(base[:5] + ["R_def456", "Zwolle", "Beleidsmedewerker"] + likert
                   + ["1", "", "", "", "", "", ""] + ["", "Niet urgent", ""])
    return path


@pytest.fixture
def msforms_export(tmp_path):
    return read_export(build_msforms_xlsx(tmp_path / "pmg_forms.xlsx"))


def test_msforms_instrument_reads(msforms_export):
    e = msforms_export
    assert (e.tool, e.layout, e.header_rows) == ("msforms", "msforms-xlsx", 1)
    assert e.data.shape == (2, 6 + 5 + 7 + 4 * 5 + 4)
    assert list(e.data.index) == [2, 3] and e.data.index.name == "rij"
    assert e.data["Start time"].iloc[0] == pd.Timestamp("2017-02-16 14:05:07")
    assert e.meta_key("submitted_at") == "Completion time"
    assert e.column("Last modified time").meta == "other_meta"
    assert e.data["Last modified time"].dtype.kind == "M"
    gemeente = e.column("1. " + INSTR["gemeente"].text)
    assert gemeente.question == INSTR["gemeente"].text  # numbering stripped
    likert = [c for c in e.columns if c.item and c.question == INSTR["stelling"].text]
    assert [c.item for c in likert] == [i.text for i in INSTR["stelling"].items]
    assert e.data.iloc[0, e.data.columns.get_loc(gemeente.key)] == "Súdwest-Fryslân"
    assert e.data[INSTR["opmerkingen"].text].isna().tolist() == [False, True]


def test_msforms_instrument_maps_every_question(msforms_export):
    m = map_columns(msforms_export, INSTR)
    assert m.unmapped == ()
    assert m.missing == ()
    assert {c.question_id for c in m.mapped} == {q.id for q in INSTR.questions}
    stelling = m.for_question("stelling")
    assert [c.item_id for c in stelling] == [i.id for i in INSTR["stelling"].items]
    for code in INSTR.theme_codes:  # EA and EF (and LD, SV) urgency never cross-map
        (urg,) = m.for_question(f"{code}_urgentie")
        assert urg.key == INSTR[f"{code}_urgentie"].text and urg.method == "exact"
    assert m.for_question("gemeente")[0].key.startswith("1. ")


def test_msforms_multichoice_and_ranking_split(msforms_export):
    e = msforms_export
    ef = INSTR["EF_opgaven"]
    options = {o.id: o.text for o in ef.options}
    split = split_choices(e.data[ef.text], options)
    assert split.loc[2, "EF3"] and split.loc[2, "EF4"] and not split.loc[2, "EF1"]
    assert pd.isna(split.loc[2, "other"])
    assert split.loc[3, "EF1"] and split.loc[3, "other"] == "Meer groen in de wijk"
    ranking = split_ranking(e.data[INSTR["prioriteit"].text],
                            {t.code: t.name for t in INSTR.themes})
    assert ranking.loc[2, ["EF", "EA", "LD", "SV"]].tolist() == [1, 2, 3, 4]
    assert ranking.loc[3, ["EA", "SV", "EF", "LD"]].tolist() == [1, 2, 3, 4]
    assert ranking["leftover"].isna().all()


def test_qualtrics_instrument_export(tmp_path):
    e = read_export(build_qualtrics_csv(tmp_path / "pmg_qualtrics.csv"))
    assert (e.tool, e.layout, e.header_rows) == ("qualtrics", "qualtrics-3row-choicetext", 3)
    assert e.timezone == "Europe/Amsterdam"
    assert list(e.data.index) == [4, 5]
    assert e.data["StartDate"].iloc[0] == pd.Timestamp("2017-02-16 14:05:00")
    other = e.column("Q4_7_TEXT")
    assert other.is_other_text and other.item == "Anders, namelijk"
    m = map_columns(e, INSTR)
    assert m.unmapped == ()
    by_key = {c.key: c for c in m.mapped}
    assert by_key["Q1"].question_id == "gemeente"
    assert by_key["Q2"].question_id == "functie"  # " - Selected Choice" suffix ignored
    assert [by_key[f"Q3_{i}"].item_id for i in range(1, 8)] == [
        i.id for i in INSTR["stelling"].items]
    assert [by_key[f"Q4_{i}"].item_id for i in range(1, 8)] == [
        "EF1", "EF2", "EF3", "EF4", "EF5", "EF6", "anders"]
    assert (by_key["Q4_7_TEXT"].question_id, by_key["Q4_7_TEXT"].part,
            by_key["Q4_7_TEXT"].item_id) == ("EF_opgaven", "other_text", "anders")
    assert by_key["Q5"].question_id == "EA_urgentie"
    assert by_key["Q6"].question_id == "EF_urgentie"
    assert "EA_opgaven" in m.missing and "gemeente" not in m.missing


def test_qualtrics_selected_choice_suffix_is_removed_from_question(tmp_path):
    e = read_export(build_qualtrics_csv(tmp_path / "q.csv"))
    assert e.column("Q2").question == INSTR["functie"].text
    assert e.column("Q2").header == INSTR["functie"].text + " - Selected Choice"

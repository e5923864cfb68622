"""Hand-made text exports: encodings, delimiters, line endings and date styles."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from pmg_analysis.io import read_export

FIX = Path(__file__).parent / "fixtures" / "io"


def test_windows1252_semicolon_dutch_dates():
    e = read_export(FIX / "nl_excel_cp1252.csv")
    assert (e.encoding, e.delimiter, e.tool) == ("cp1252", ";", "generic")
    assert e.meta_key("started_at") == "Begintijd"
    assert e.meta_key("submitted_at") == "Tijdstip van voltooien"
    assert e.data.loc[2, "Begintijd"] == pd.Timestamp("2017-02-16 14:05")
    assert e.data.loc[3, "Tijdstip van voltooien"] == pd.Timestamp("2017-03-03 10:02")
    gemeente = "Namens welke gemeente vult u deze vragenlijst in?"
    assert e.data.loc[2, gemeente] == "Súdwest-Fryslân"
    opm = e.data["Heeft u verder nog opmerkingen?"]
    assert opm.loc[2] == "Graag meer aandacht voor café-cultuur en één loket"
    assert pd.isna(opm.loc[3])
    assert opm.loc[4] == 'Tekst met ; puntkomma en "aanhalingstekens"'


def test_bare_cr_line_endings():
    e = read_export(FIX / "bare_cr.csv")
    assert e.data.shape == (3, 4) and list(e.data.index) == [2, 3, 4]
    assert "regeleinden zijn losse CR-tekens (oud Mac-formaat)" in e.notes
    assert e.meta_key("response_id") == "Respondent"
    assert e.data.loc[3, "Submitted"] == pd.Timestamp("2017-02-17 08:00:00")
    assert e.data.loc[4, "Heeft u verder nog opmerkingen?"] == "Twee regels? Nee, een regel"


def test_tab_delimited_google_forms_ui_dates():
    e = read_export(FIX / "googleforms_ui.tsv")
    assert (e.tool, e.delimiter) == ("googleforms", "\t")
    assert e.data.loc[2, "Timestamp"] == pd.Timestamp("2017-02-16 14:05:03")  # 2:05 PM
    assert e.data.loc[3, "Timestamp"] == pd.Timestamp("2017-02-16 11:15:00")
    assert e.timezone == "GMT+1" and any("GMT+1" in n for n in e.notes)
    assert e.data.loc[2, "In welke vorm wilt u met deze thema's aan de slag?"] == (
        "Experimenten, Werkgroepen")


def test_crlf_bom_quoted_newlines_and_short_rows(tmp_path):
    path = tmp_path / "lime.csv"
    text = ('"id","submitdate","lastpage","startlanguage","Toelichting"\r\n'
            '"1","2017-02-16 14:05:00","3","nl","eerste regel\r\ntweede regel"\r\n'
            '"2","","1","nl"\r\n\r\n')
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    e = read_export(path)
    assert (e.tool, e.layout, e.encoding) == ("limesurvey", "limesurvey-codes", "utf-8-sig")
    assert e.data.loc[2, "Toelichting"] == "eerste regel\r\ntweede regel"
    assert list(e.data.index) == [2, 3]
    assert pd.isna(e.data.loc[3, "Toelichting"]) and pd.isna(e.data.loc[3, "submitdate"])
    assert any("te weinig velden" in n for n in e.notes)


def test_us_dates_excel_serials_and_format_override(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("ID,Start time,Completion time,Email,Name,Vraag\n"
                    "1,42782.5868,42782.59375,anonymous,Anonymous,ja\n"
                    "2,42783.25,42783.3,anonymous,Anonymous,\n", encoding="utf-8")
    e = read_export(path)
    assert (e.tool, e.layout) == ("msforms", "msforms-csv")
    assert e.data.loc[2, "Start time"] == pd.Timestamp("2017-02-16 14:05:00")
    assert e.data.loc[3, "Start time"] == pd.Timestamp("2017-02-17 06:00:00")
    generic = read_export(path, format="generic")
    assert (generic.tool, generic.layout) == ("generic", "generic-csv")

    us = tmp_path / "sheets.csv"
    us.write_text("Timestamp,Vraag\n2/16/2017 14:05:00,ja\n12/1/2017 9:05:00,nee\n",
                  encoding="utf-8")
    e = read_export(us)
    assert e.data["Timestamp"].tolist() == [pd.Timestamp("2017-02-16 14:05"),
                                            pd.Timestamp("2017-12-01 09:05")]


def test_unparseable_dates_stay_text_with_a_note(tmp_path):
    path = tmp_path / "raar.csv"
    path.write_text("Timestamp,Vraag\ngisteren,ja\nvandaag,nee\n", encoding="utf-8")
    e = read_export(path)
    assert e.data["Timestamp"].tolist() == ["gisteren", "vandaag"]
    assert any("niet herkend" in n for n in e.notes)


def test_surveymonkey_xlsx_two_header_rows(tmp_path):
    import openpyxl
    path = tmp_path / "sm.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
               "Email Address", "First Name", "Last Name", "Custom Data 1",
               "Wat is uw functie?", "In welke vorm wilt u met deze thema's aan de slag?", None])
    ws.append([None] * 9 + ["Response", "Praktijkonderzoek", "Experimenten"])
    ws.append([11, 22, "02/16/2017 2:05:00 PM", "02/16/2017 2:30:00 PM", "1.2.3.4", None, None,
               None, None, "Beleidsmedewerker", "Praktijkonderzoek", None])
    wb.save(path)
    e = read_export(path)
    assert (e.tool, e.layout, e.header_rows) == ("surveymonkey", "surveymonkey-condensed", 2)
    assert list(e.data.index) == [3]
    assert e.column("IP Address").meta == "ip" and e.column("Collector ID").meta == "other_meta"
    assert e.data.loc[3, "Start Date"] == pd.Timestamp("2017-02-16 14:05")
    vorm = [c for c in e.columns if c.question.startswith("In welke vorm")]
    assert [c.item for c in vorm] == ["Praktijkonderzoek", "Experimenten"]
    assert e.data.loc[3, vorm[0].key] == "Praktijkonderzoek"


def test_quoted_newline_beyond_the_sniffed_head(tmp_path, monkeypatch):
    """Large files parse without multi-line support first; a quoted newline far into the
    file must still come out right (retry), never as a silently broken row."""
    from pmg_analysis.io import table
    monkeypatch.setattr(table, "SAFE_PARSE_BYTES", 0)
    monkeypatch.setattr(table, "BLOCK_SIZE", 1 << 16)
    lines = ["ID,Start time,Completion time,Email,Name,Opmerking"]
    lines += [f"{i},2017-02-16 10:00:00,2017-02-16 10:10:00,anonymous,Anonymous,tekst {i}"
              for i in range(1, 6000)]
    lines.append('6000,2017-02-16 10:00:00,2017-02-16 10:10:00,anonymous,Anonymous,'
                 '"regel een\nregel twee, met komma"')
    lines += [f"{i},2017-02-16 10:00:00,2017-02-16 10:10:00,anonymous,Anonymous,tekst {i}"
              for i in range(6001, 9000)]
    path = tmp_path / "lang.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    e = read_export(path)
    assert e.data.shape == (8999, 6)
    assert e.data.loc[6001, "Opmerking"] == "regel een\nregel twee, met komma"
    assert e.data.loc[6002, "ID"] == "6001"

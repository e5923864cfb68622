"""The synthetic Microsoft Forms example export and the benchmark CSV."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from pmg_analysis.example import (
    DEFAULT_PATH,
    MEETUP_MUNICIPALITIES,
    BenchmarkConfig,
    generate,
    write_benchmark_csv,
    write_example,
)
from pmg_analysis.example.profiles import PROFILES
from pmg_analysis.instrument import load_instrument
from pmg_analysis.municipalities import match_municipalities

ROOT = Path(__file__).resolve().parents[1]
INS = load_instrument()
META = ["ID", "Start time", "Completion time", "Email", "Name"]
GEMEENTE = INS["gemeente"].text


def expected_headers() -> list[str]:
    headers = list(META)
    for q in INS.questions:
        if q.type == "likert":
            headers += [f"{q.text}.{it.text}" for it in q.items]
        else:
            headers.append(q.text)
    return headers


def elements(cell: object) -> list[str]:
    """The elements of an MS Forms 'A;B;' cell."""
    assert isinstance(cell, str) and cell.endswith(";"), cell
    return cell[:-1].split(";")


@pytest.fixture(scope="module")
def sheet() -> pd.DataFrame:
    return generate()


@pytest.fixture(scope="module")
def matched(sheet) -> pd.DataFrame:
    return match_municipalities(sheet[GEMEENTE])


@pytest.fixture(scope="module")
def texts(sheet) -> pd.Series:
    cols = [q.text for q in INS.of_type("open") if q.role == "answer"]
    return sheet[cols].stack().dropna().astype(str)


@pytest.fixture(scope="module")
def xlsx(tmp_path_factory) -> Path:
    return write_example(tmp_path_factory.mktemp("ex") / "pmg_enquete_2017_synthetisch.xlsx")


# --------------------------------------------------------------------------- determinism
def test_generate_is_deterministic_and_seeded(sheet):
    pd.testing.assert_frame_equal(generate(), sheet)
    assert not generate(seed=1).equals(sheet)


def test_xlsx_is_byte_identical_on_every_run(xlsx, tmp_path):
    again = write_example(tmp_path / "again.xlsx")
    assert again.read_bytes() == xlsx.read_bytes()
    with zipfile.ZipFile(xlsx) as z:
        assert {i.date_time for i in z.infolist()} == {(2017, 3, 31, 12, 0, 0)}
        core = z.read("docProps/core.xml").decode()
    assert "2017-03-31T12:00:00Z" in core


def test_committed_example_is_current(xlsx):
    committed = ROOT / DEFAULT_PATH
    assert committed.name == "pmg_enquete_2017_synthetisch.xlsx"
    assert committed.exists(), "run pmg_analysis.example.write_example() to create it"
    # Compare the zip members, not the deflated bytes, which may differ between zlib builds.
    with zipfile.ZipFile(committed) as old, zipfile.ZipFile(xlsx) as new:
        assert old.namelist() == new.namelist()
        for name in new.namelist():
            assert old.read(name) == new.read(name), f"data/raw example is stale ({name})"


# --------------------------------------------------------------------------- layout
def test_msforms_layout(xlsx, sheet):
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames == ["Sheet1"]
    ws = wb["Sheet1"]
    assert list(ws.tables) == ["Table1"]
    last = ws.cell(1, ws.max_column).column_letter
    assert ws.tables["Table1"].ref == f"A1:{last}{len(sheet) + 1}"
    header = [c.value for c in ws[1]]
    assert header == expected_headers() == list(sheet.columns)
    assert "synthetisch" in wb.properties.title.lower()
    assert "synthetisch" in xlsx.name
    with zipfile.ZipFile(xlsx) as z:
        assert "xl/sharedStrings.xml" in z.namelist()  # answers are shared strings, as in Excel
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 'inlineStr' not in xml


def test_xlsx_reads_back_as_the_generated_sheet(xlsx, sheet):
    back = pd.read_excel(xlsx, dtype=object)
    assert back.shape == sheet.shape
    for col in sheet.columns:
        want = [None if pd.isna(v) else v for v in sheet[col].astype(object)]
        got = [None if pd.isna(v) else v for v in back[col]]
        assert [str(v) for v in got] == [str(v) for v in want], col


def test_times_are_excel_datetimes_in_february_march_2017(xlsx, sheet):
    ws = openpyxl.load_workbook(xlsx)["Sheet1"]
    for row in ws.iter_rows(min_row=2, max_col=3):
        ident, start, end = row
        assert isinstance(ident.value, int)
        for cell in (start, end):
            assert isinstance(cell.value, dt.datetime)
            assert cell.number_format == "m/d/yy\\ h:mm:ss"
            assert dt.datetime(2017, 2, 1) <= cell.value < dt.datetime(2017, 4, 1)
        assert end.value > start.value
    assert sheet["Completion time"].is_monotonic_increasing
    ids = sheet["ID"].tolist()
    assert ids == sorted(ids) and len(set(ids)) == len(ids) and ids[-1] > len(ids)  # gaps


# --------------------------------------------------------------------------- content
def test_counts_and_municipalities(sheet, matched):
    assert 55 <= len(sheet) <= 65
    codes = matched["gemeente_code"].dropna()
    assert codes.nunique() == 40
    names = set(matched["gemeente_naam"].dropna().astype(str))
    assert set(MEETUP_MUNICIPALITIES) <= names and len(MEETUP_MUNICIPALITIES) == 17
    per_code = codes.value_counts()
    assert (per_code >= 2).sum() >= 10
    functie = sheet.loc[codes.index, INS["functie"].text]
    multi = codes[codes.isin(per_code[per_code >= 2].index)]
    distinct = functie[multi.index].groupby(multi.astype(str)).nunique()
    assert (distinct >= 2).mean() > 0.7  # several respondents from one town: different functie


def test_cells_use_instrument_texts(sheet):
    allowed_other = 2  # typed "Anders, namelijk" texts may appear as extra opgaven elements
    others = 0
    for q in INS.questions:
        if q.type == "likert":
            for it in q.items:
                assert set(sheet[f"{q.text}.{it.text}"].dropna()) <= set(q.scale)
        elif q.type == "scale":
            assert set(sheet[q.text].dropna()) <= set(q.scale)
        elif q.type == "single":
            assert set(sheet[q.text].dropna()) <= {o.text for o in q.options}
        elif q.type == "multi":
            texts = {o.text for o in q.all_options}
            for cell in sheet[q.text].dropna():
                unknown = [e for e in elements(cell) if e not in texts]
                assert len(unknown) <= (1 if q.other else 0), cell
                others += len(unknown)
        elif q.type == "ranking":
            names = {t.name for t in INS.themes}
            for cell in sheet[q.text].dropna():
                assert set(elements(cell)) <= names
    assert others >= allowed_other


def test_position_structure_is_there_to_find(sheet, matched):
    actual = {p.naam: p.positie for p in PROFILES}
    pos = matched["gemeente_naam"].astype(str).map(actual)
    scale = list(INS["EA_urgentie"].scale)

    def mean_urgency(theme: str) -> pd.Series:
        col = sheet[INS[f"{theme}_urgentie"].text].map(scale.index, na_action="ignore") + 1
        return col.astype(float).groupby(pos).mean()

    ea, ld, sv = mean_urgency("EA"), mean_urgency("LD"), mean_urgency("SV")
    assert ea["polycentrisch"] > ea["nabij_grotere_stad"] + 0.5
    assert ld["nabij_grotere_stad"] > ld["monocentrisch"] + 0.5
    assert sv["monocentrisch"] > sv["nabij_grotere_stad"] + 0.5
    self_report = sheet[INS["positie"].text]
    near = {"Zeist", "Nieuwegein", "Soest"}
    near_rows = matched["gemeente_naam"].astype(str).isin(near)
    option = {o.id: o.text for o in INS["positie"].options}
    assert (self_report[near_rows] == option["nabij_grotere_stad"]).mean() >= 0.5
    assert (self_report == option["weet_niet"]).sum() >= 2
    agree = (self_report == pos.map(option)).mean()
    assert 0.55 < agree < 0.95  # related to the real situation, with noise


def test_free_text_is_varied(texts):
    real = texts[~texts.str.contains("test", case=False)]
    assert len(real) > 150
    long = real[real.str.len() > 150]
    assert long.nunique() / len(long) > 0.95
    assert (real.str.len() < 40).sum() >= 5 and (real.str.len() > 300).sum() >= 5
    sentences = real.str.split(r"(?<=[.?!])\s+").explode()
    assert sentences.nunique() > 150
    assert real.str.contains("\n").any()
    for word in ("Omgevingswet", "vergrijzing", "warmtetransitie", "MBO", "woningcorporaties",
                 "binnenstad"):
        assert real.str.contains(word, case=False).any(), word


# --------------------------------------------------------------------------- mess
def test_mess_municipality_names(sheet, matched):
    typed = sheet[GEMEENTE]
    assert {"Gemeente Zeist", "Den Bosch", "Rosendaal", "Veenendaal."} <= set(typed)
    assert (typed != typed.str.strip()).any()
    assert (typed == typed.str.lower()).sum() >= 2
    kinds = set(matched["match"].astype(str))
    assert {"exact", "alias", "fuzzy", "unknown"} <= kinds
    unknown = typed[matched["match"] == "unknown"]
    assert sorted(unknown) == ["Regio Achterhoek", "test"]


def test_mess_duplicate_submission(sheet):
    named = sheet[sheet["Email"] != "anonymous"]
    dupes = named[named.duplicated(["Email", GEMEENTE], keep=False)]
    assert len(dupes) == 2
    first, later = dupes.sort_values("Completion time").itertuples(index=False)
    assert pd.Series(later).notna().sum() > pd.Series(first).notna().sum() + 10


def test_mess_test_response(sheet):
    test = sheet[sheet[GEMEENTE].str.lower() == "test"]
    assert len(test) == 1
    row = test.iloc[0]
    assert row["Name"] == "Test" and row["Email"].endswith("@platform31.nl")
    assert (row == "test test").any()


def test_mess_partial_response(sheet):
    first = [GEMEENTE, INS["functie"].text, INS["positie"].text]
    rest = [q.text for q in INS.questions if q.section in ("C", "D")]
    partial = sheet[sheet[first].notna().all(axis=1) & sheet[rest].isna().all(axis=1)]
    assert len(partial) == 1


def test_mess_personal_data_in_free_text(sheet, texts):
    assert texts.str.contains(r"[\w.]+@[\w.-]+\.[a-z]{2,}").any()
    assert texts.str.contains("06-12345678", regex=False).any()
    assert texts.str.contains("+31 30 123 4567", regex=False).any()
    own_name = [row["Name"] for _, row in sheet.iterrows()
                if row["Name"] != "Anonymous"
                and row.drop(["Name", "Email", INS["naam"].text]).astype(str)
                .str.contains(row["Name"], regex=False).any()]
    assert own_name


def test_mess_html_and_formula(texts, xlsx):
    assert texts.str.contains("<b>", regex=False).any()
    assert texts.str.contains("<script>alert(1)</script>", regex=False).any()
    formula = texts[texts.str.startswith("=")]
    assert len(formula) == 1
    ws = openpyxl.load_workbook(xlsx)["Sheet1"]
    cells = [c for row in ws.iter_rows(min_row=2) for c in row
             if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(cells) == 1 and cells[0].data_type == "s"  # text, not a formula


def test_mess_choices(sheet):
    opgaven = [INS[f"{t}_opgaven"].text for t in INS.theme_codes]
    counts = sheet[opgaven].stack().dropna().map(lambda c: len(elements(c)))
    assert counts.max() > 3
    ranking = sheet[INS["prioriteit"].text].dropna().map(elements)
    assert (ranking.map(len) < 4).any()
    assert ranking.map(lambda r: len(set(r)) < len(r)).any()
    assert {"anonymous"} <= set(sheet["Email"]) and {"Anonymous"} <= set(sheet["Name"])
    assert sheet["Email"].str.contains(r"@[a-z-]+\.example\.nl$").sum() >= 10


# --------------------------------------------------------------------------- benchmark
def test_benchmark_csv(tmp_path):
    cfg = BenchmarkConfig(chunk_rows=1000)
    path = write_benchmark_csv(tmp_path / "bench.csv", n_responses=2500, seed=7, config=cfg)
    again = write_benchmark_csv(tmp_path / "again.csv", n_responses=2500, seed=7, config=cfg)
    assert path.read_bytes() == again.read_bytes()
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    df = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    assert len(df) == 2500
    assert list(df.columns) == expected_headers()
    assert df["ID"].astype(int).tolist() == list(range(1, 2501))
    start = pd.to_datetime(df["Start time"])
    assert start.min() >= pd.Timestamp("2017-02-01") and start.max() < pd.Timestamp("2017-04-01")
    assert (pd.to_datetime(df["Completion time"]) > start).all()
    m = match_municipalities(df[GEMEENTE])
    assert m["match"].isin(["exact", "alias", "fuzzy"]).mean() > 0.97
    assert (m["match"] == "fuzzy").sum() > 10  # typos are there
    ranking = df[INS["prioriteit"].text].dropna()
    assert ranking.map(lambda c: sorted(elements(c))).map(len).eq(4).all()
    opg = df[INS["EA_opgaven"].text].dropna().map(elements).map(len)
    assert opg.between(1, 3).all()
    kansen = df[INS["EA_kansen"].text]
    assert 0.15 < kansen.notna().mean() < 0.35
    assert re.search(r"\n", "".join(kansen.dropna()))


def test_benchmark_csv_zero_rows(tmp_path):
    path = write_benchmark_csv(tmp_path / "empty.csv", n_responses=0)
    df = pd.read_csv(path)
    assert df.empty and list(df.columns) == expected_headers()

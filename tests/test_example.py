"""The synthetic Microsoft Forms example export and the benchmark CSV."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from pmg_analysis.example import (
    DEFAULT_PATH,
    MEETUP_MUNICIPALITIES,
    BenchmarkConfig,
    generate,
    learning_question_truth,
    write_benchmark_csv,
    write_example,
)
from pmg_analysis.example import leervragen as lv
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


# --------------------------------------------------------------------------- learning questions
@pytest.fixture(scope="module")
def truth() -> pd.DataFrame:
    return learning_question_truth()


@pytest.fixture(scope="module")
def asked(truth) -> pd.DataFrame:
    """The question sentences (not the framing ones, not the mess), with the position."""
    position = {p.naam: p.positie for p in PROFILES}
    q = truth[truth["bron"].isin(["codeboek", "nieuw"])]
    return q.assign(positie=q["gemeente"].map(position))


def test_truth_names_every_sentence_of_every_learning_question_answer(sheet, truth):
    from pmg_analysis.text.questions import sentences

    expected = []
    for theme in INS.theme_codes:
        for kind in ("leervraag", "samen"):
            answers = sheet[["ID", INS[f"{theme}_{kind}"].text]].dropna()
            expected += [(int(i), f"{theme}_{kind}", s)
                         for i, a in answers.itertuples(index=False) for s in sentences(a)]
    got = list(zip(truth["id"].astype(int), truth["question_id"], truth["text"], strict=True))
    assert sorted(got) == sorted(expected)
    assert truth["need"].notna().eq(truth["bron"].isin(["codeboek", "nieuw"])).all()
    assert truth.groupby("text")["need"].nunique().max() == 1  # one sentence, one need
    assert set(truth.loc[truth["bron"] == "rommel", "question_id"]) == {"EA_leervraag",
                                                                       "LD_samen"}


def test_a_learning_question_sentence_comes_from_at_most_two_municipalities(truth, asked):
    key = asked["text"].str.casefold().str.rstrip(".?! ")
    per_sentence = asked.assign(key=key).groupby("key")["gemeente"].nunique()
    assert per_sentence.max() <= 2
    assert key.nunique() / len(key) > 0.9
    assert len(asked) >= 200
    old_pool = "Een leerkring binnenstadsmanagement met andere middelgrote gemeenten."
    assert not truth["text"].eq(old_pool).any()


def test_each_need_is_phrased_in_five_to_eight_own_ways_not_the_codebook_examples():
    from pmg_analysis.text import load_codebook

    book = load_codebook(Path(__file__).parents[1] / "src/pmg_analysis/text/data"
                         / "leerbehoeften.yaml")
    assert set(lv.PHRASINGS) == set(book.ids) | set(lv.NEW_NEEDS)
    assert 3 <= len(lv.NEW_NEEDS) <= 4 and not set(lv.NEW_NEEDS) & set(book.ids)
    examples = {v.casefold().rstrip(".?") for n in book.needs for v in n.voorbeelden}
    for need, phrasings in lv.PHRASINGS.items():
        assert 5 <= len(phrasings) <= 8 and len(set(phrasings)) == len(phrasings), need
        assert not {p.casefold().rstrip(".?") for p in phrasings} & examples, need
        with_keyword = [p for p in phrasings if re.search(lv.KEYWORD[need], p, re.IGNORECASE)]
        assert len(with_keyword) <= len(phrasings) / 3, (need, with_keyword)
        if need in book.ids:
            assert lv.THEME[need] == book[need].thema
    forms = [lv.form(p) for ps in lv.PHRASINGS.values() for p in ps]
    assert min(forms.count(f) for f in ("vraag", "bijzin", "naam")) >= 50


def test_a_few_needs_are_asked_by_many_municipalities_many_by_few(asked):
    per_need = asked.groupby("need")["gemeente"].nunique().sort_values(ascending=False)
    assert per_need.iloc[0] >= 15 and per_need.iloc[:5].min() >= 10
    assert (per_need <= 3).sum() >= 8
    assert per_need.iloc[0] >= 4 * per_need.median() / 1.5
    assert set(lv.NEW_NEEDS) <= set(per_need.index)


def test_some_needs_depend_on_the_position_of_the_municipality(asked):
    size = pd.Series({p.naam: p.positie for p in PROFILES}).value_counts()
    share = (asked.groupby(["need", "positie"])["gemeente"].nunique().unstack(fill_value=0)
             / size)
    for position, need in (("monocentrisch", "ld_positie_stad"),
                           ("nabij_grotere_stad", "sv_identiteit_trots"),
                           ("polycentrisch", "ea_regionale_economie")):
        others = share.loc[need].drop(position)
        assert share.loc[need, position] > others.max(), (need, share.loc[need].to_dict())


def test_about_one_in_ten_questions_is_asked_under_another_theme(asked):
    other = asked["question_id"].str[:2] != asked["need"].map(lv.THEME)
    assert 0.05 <= other.mean() <= 0.15
    housing_under_economy = asked[other & asked["question_id"].str.startswith("EA")]
    assert "ef_woningbouw_starters" in set(housing_under_economy["need"])


def test_answers_hold_two_questions_framing_sentences_lower_case_and_typos(truth, asked):
    per_answer = asked.groupby(["id", "question_id"]).size()
    assert (per_answer == 2).sum() >= 20
    context = truth[truth["bron"] == "context"]
    assert 5 <= len(context) <= 0.15 * len(truth)
    framing = {c.casefold().rstrip(".") for c in lv.CONTEXT}
    assert set(context["text"].str.casefold().str.rstrip(".")) <= framing  # never a typo
    assert (asked["text"] == asked["text"].str.lower()).sum() >= 3
    slots = [v for p in PROFILES for v in (p.naam, p.regio)] + ["Regio Achterhoek",
                                                                "de Achterhoek"]
    written = " ".join([*(p for ps in lv.PHRASINGS.values() for p in ps),
                        *(f for kinds in lv.FRAMES.values() for fs in kinds.values()
                          for f in fs), *lv.PLACE, *lv.SECOND, *slots]).casefold()
    vocabulary = set(re.findall(r"[\wëéèï'-]+", written))
    typos = {w for t in asked["text"] for w in re.findall(r"[\wëéèï'-]+", t.casefold())
             if w not in vocabulary}
    assert len(typos) >= 3, typos


def test_how_learning_questions_are_written_changes_no_other_answer(sheet):
    import dataclasses

    from pmg_analysis.example import ExampleConfig, LeervraagConfig

    chatty = dataclasses.replace(ExampleConfig(), leervragen=LeervraagConfig(
        share_two_base=0.9, share_lower=0.5, share_other_theme=0.5))
    other = generate(config=chatty)
    learning = [INS[f"{t}_{k}"].text for t in INS.theme_codes for k in ("leervraag", "samen")]
    rest = [c for c in sheet.columns if c not in learning]
    pd.testing.assert_frame_equal(other[rest], sheet[rest])
    changed = (other[learning].fillna("") != sheet[learning].fillna("")).to_numpy()
    assert changed.sum() > 50
    assert (other[learning].notna() == sheet[learning].notna()).all().all()


def test_a_typo_swaps_two_letters_inside_a_long_word():
    rng = np.random.default_rng(1)
    out = lv._typo(rng, "Hoe ondersteunen we mantelzorgers?")
    assert out != "Hoe ondersteunen we mantelzorgers?" and sorted(out) == sorted(
        "Hoe ondersteunen we mantelzorgers?")
    assert out.startswith("Hoe ") and out.endswith("?")
    assert lv._typo(rng, "Kort.") == "Kort."


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

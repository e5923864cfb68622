"""Every real export sample in ../shared/formats loads with the right tool, layout, shape and
values. These are other surveys: against our instrument everything stays unmapped."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import shared_path
from pmg_analysis.instrument import load_instrument
from pmg_analysis.io import map_columns, read_export, split_choices

pytestmark = pytest.mark.shared
INSTR = load_instrument()

# file, tool, layout, header rows, data rows, data columns, encoding, delimiter
CASES = [
    ("qualtrics/sample.csv", "qualtrics", "qualtrics-3row-numeric", 3, 1, 20, "utf-8", ","),
    ("qualtrics/sample_legacy.csv", "qualtrics", "qualtrics-legacy-2row", 2, 1, 15,
     "utf-8-sig", ","),
    ("qualtrics/TestProject-Menu.csv", "qualtrics", "qualtrics-3row-numeric", 3, 7, 34,
     "utf-8", ","),
    ("qualtrics/TestProject-Menu_January+13,+2021_16.44.csv", "qualtrics",
     "qualtrics-3row-choicetext", 3, 7, 21, "utf-8", ","),
    ("qualtrics/Multiple_Answer_MC_Questions (Insights).csv", "qualtrics",
     "qualtrics-2016-3row-numeric", 3, 5, 36, "utf-8", ","),
    ("qualtrics/Multiple_Answer_MC_Questions.csv", "qualtrics", "qualtrics-legacy-2row", 2, 5,
     35, "utf-8-sig", ","),
    ("surveymonkey/steak-risk-survey.csv", "surveymonkey", "surveymonkey-condensed", 2, 550, 15,
     "utf-8", ","),
    ("surveymonkey/MIDWEST.csv", "surveymonkey", "surveymonkey-expanded", 2, 2778, 53, "utf-8",
     ","),
    ("surveymonkey/StarWars.csv", "surveymonkey", "surveymonkey-condensed", 2, 1186, 38,
     "cp1252", ","),
    ("surveymonkey/orig-2014-807f9ae/StarWars.csv", "surveymonkey", "surveymonkey-condensed", 2,
     1186, 38, "cp1252", ","),
    ("msforms/Category-1.xlsx", "msforms", "msforms-quiz-xlsx", 1, 7, 37, None, None),
    ("googleforms/favorites.csv", "googleforms", "googleforms-csv", 1, 490, 3, "utf-8", ","),
    ("limesurvey/results.csv", "limesurvey", "limesurvey-codes", 1, 65, 27, "utf-8", ","),
    # README says 8 responses; the file holds 7 records plus the empty last line.
    ("limesurvey/survey_998192_R_data_file.csv", "limesurvey", "limesurvey-fulltext", 1, 7, 71,
     "utf-8-sig", ","),
]


def _read(rel: str):
    return read_export(shared_path("formats", *rel.split("/")))


@pytest.mark.parametrize("rel,tool,layout,header_rows,n_rows,n_cols,encoding,delimiter", CASES,
                         ids=[c[0] for c in CASES])
def test_real_export_shape(rel, tool, layout, header_rows, n_rows, n_cols, encoding, delimiter):
    e = _read(rel)
    assert (e.tool, e.layout, e.header_rows) == (tool, layout, header_rows)
    assert e.data.shape == (n_rows, n_cols)
    assert (e.encoding, e.delimiter) == (encoding, delimiter)
    assert e.data.index.name == "rij" and e.data.index[0] == header_rows + 1
    assert len(e.columns) == n_cols and len({c.key for c in e.columns}) == n_cols
    assert len(e.sha256) == 64
    for col in e.columns:  # text, a categorical of texts (answer labels) or dates
        kind = e.data[col.key].dtype
        if isinstance(kind, pd.CategoricalDtype):
            kind = kind.categories.dtype
        assert kind == "string" or kind.kind == "M", (col.key, kind)
        if col.meta is not None:  # metadata (ids, times, addresses) is never categorical
            assert not isinstance(e.data[col.key].dtype, pd.CategoricalDtype), col.key
    # Other surveys: nothing maps to the PMG instrument, nothing is dropped silently.
    mapping = map_columns(e, INSTR)
    assert mapping.mapped == ()
    assert set(mapping.unmapped) == {c.key for c in e.answer_columns}
    assert len(mapping.missing) == len(INSTR.questions)


def test_detection_ignores_file_name(tmp_path):
    src = shared_path("formats", "qualtrics", "sample.csv")
    renamed = tmp_path / "googleforms_export.xlsx.csv"
    renamed.write_bytes(src.read_bytes())
    assert read_export(renamed).layout == "qualtrics-3row-numeric"


def test_qualtrics_sample_values():
    e = _read("qualtrics/sample.csv")
    row = e.data.loc[4]
    assert row["StartDate"] == pd.Timestamp("2017-07-18 08:28:09")
    assert row["ResponseId"] == "R_2YPOQ602ER1jkf1" and row["Q1"] == "2"
    assert row["Q2"] == "Hello World!" and pd.isna(row["RecipientEmail"])
    assert e.column("ResponseId").header == "Antwort-ID"  # German label row
    assert e.column("Q2 - Topics").meta == "other_meta"
    assert e.column("IPAddress").meta == "ip"
    assert e.column("Q1").question == "This is a multiple choice question."


def test_qualtrics_legacy_drops_trailing_empty_column():
    e = _read("qualtrics/sample_legacy.csv")
    assert "lege laatste kolom genegeerd" in e.notes
    assert e.data.loc[3, "ResponseID"] == "R_2YPOQ602ER1jkf1"
    assert e.data.loc[3, "StartDate"] == pd.Timestamp("2017-07-18 08:28:09")
    assert e.column("ResponseID").code == "V1"
    assert e.column("ResponseSet").meta == "other_meta"


def test_qualtrics_ui_split_multichoice():
    e = _read("qualtrics/TestProject-Menu.csv")
    assert e.timezone == "Z"
    q1 = [c for c in e.columns if c.code and c.code.startswith("Q1_")]
    assert [c.item for c in q1][:3] == ["Ramen", "Burgers", "Pizza"]
    assert {c.question for c in q1} == {"Which foods would you prefer to eat? "
                                        "Select all that apply."}
    assert e.data.loc[4, "Q1_5"] == "1" and pd.isna(e.data.loc[5, "Q1_5"])
    assert e.data.loc[6, "Q5"] == "14" and e.data.loc[6, "Q6"] == "38"
    assert e.data.loc[4, "StartDate"] == pd.Timestamp("2021-01-11 18:06:19")


def test_qualtrics_api_joined_multichoice():
    e = _read("qualtrics/TestProject-Menu_January+13,+2021_16.44.csv")
    assert e.timezone == "America/New_York"
    assert e.data.loc[4, "StartDate"] == pd.Timestamp("2021-01-11 13:06:19")
    assert e.data.loc[9, "Q1"] == "Ramen,Burgers,Pizza"
    assert e.data.loc[4, "Finished"] == "True" and e.data.loc[4, "Status"] == "IP Address"
    foods = ["Ramen", "Burgers", "Pizza", "Gyros", "Salad", "Tacos", "Curry"]
    split = split_choices(e.data["Q1"], foods)
    assert split.loc[9, ["Ramen", "Burgers", "Pizza", "Curry"]].tolist() == [
        True, True, True, False]
    assert split.loc[5, ["Ramen", "Curry"]].tolist() == [True, True]
    assert split["other"].isna().all()
    diet = split_choices(e.data["Q3"], ["Vegetarian", "Vegan", "Dairy Allergy", "Nut Allergy",
                                        "Gluten Free", "Kosher"])
    assert diet.loc[7, ["Dairy Allergy", "Gluten Free", "Vegan"]].tolist() == [True, True, False]


def test_qualtrics_2016_single_quoted_import_ids():
    e = _read("qualtrics/Multiple_Answer_MC_Questions (Insights).csv")
    other = e.column("mc_question_five_2_TEXT")
    assert other.is_other_text and other.item == "Click to write Statement 2"
    assert e.column("Q4_10").item == "Click to write Statement 1"
    assert e.column("Q4_10").question.startswith("Click to write the question text This "
                                                 "question has custom RecodeValues")
    assert e.column("RecipientEmail").meta == "email"
    assert e.column("LocationLatitude").meta == "location"
    assert e.data.loc[4, "StartDate"] == pd.Timestamp("2016-05-27 11:51:26")
    assert e.data.loc[4, "mc_question_five_2_TEXT"].startswith("Gravida pellentesque")


def test_qualtrics_legacy_multiple_answer():
    e = _read("qualtrics/Multiple_Answer_MC_Questions.csv")
    assert e.data.loc[3, "Name"] == "Anonymous"
    assert e.data.loc[3, "ResponseSet"] == "Default Response Set"
    assert e.column("mc_question_five_2_TEXT").is_other_text


def test_surveymonkey_condensed_steak():
    e = _read("surveymonkey/steak-risk-survey.csv")
    first = e.columns[1]
    assert "<br>" not in first.question and first.question.startswith("Consider the following")
    assert e.data.loc[3, "RespondentID"] == "3237565956"
    assert e.data.loc[3, first.key] == "Lottery B"
    assert e.data.loc[3].iloc[2:].isna().all()  # quit after the first answer
    assert e.data.loc[4, "How do you like your steak prepared?"] == "Medium rare"
    assert e.data.index[-1] == 552


def test_surveymonkey_expanded_midwest():
    e = _read("surveymonkey/MIDWEST.csv")
    states = [c for c in e.columns if c.question.startswith("Which of the following states")]
    assert len(states) == 20 and states[0].item == "Illinois"
    ident = [c.item for c in e.columns if c.question.startswith("How much, if at all")]
    assert ident == ["A lot", "Some", "Not much", "Not at all"]
    assert e.data.loc[3, "RespondentID"] == "3126807211"
    row4 = e.data.loc[4]
    picked = split_choices(row4[[c.key for c in states]].dropna().pipe(
        lambda s: pd.Series([";".join(s)])), [c.item for c in states])
    assert picked.loc[0, "Illinois"] and not picked.loc[0, "Arkansas"]


@pytest.mark.parametrize("rel", ["surveymonkey/StarWars.csv",
                                 "surveymonkey/orig-2014-807f9ae/StarWars.csv"])
def test_surveymonkey_starwars(rel):
    e = _read(rel)
    seen = [c for c in e.columns if c.question.startswith("Which of the following Star Wars")]
    rank = [c for c in e.columns if c.question.startswith("Please rank the Star Wars films")]
    fav = [c for c in e.columns if c.question.startswith("Please state whether you view")]
    assert (len(seen), len(rank), len(fav)) == (6, 6, 14)
    assert fav[0].item == "Han Solo"
    first = e.data.loc[3]
    assert first["RespondentID"] == "3292879998"
    assert first[rank[0].key] == "3"
    assert first[fav[0].key] == "Very favorably"
    if "orig-2014" in rel:
        assert "regeleinden zijn losse CR-tekens (oud Mac-formaat)" in e.notes


def test_msforms_quiz_xlsx():
    e = _read("msforms/Category-1.xlsx")
    assert e.data.loc[2, "ID"] == "3"
    assert e.data.loc[2, "Start time"] == pd.Timestamp("2020-05-22 17:58:08")
    assert e.data.loc[2, "Completion time"] == pd.Timestamp("2020-05-22 18:03:46")
    assert e.data.loc[2, "Email"] == "test1@test.com"
    assert e.column("Points - Q2").meta == "other_meta"
    assert e.column("Feedback - Q2").meta == "other_meta"
    assert e.column("Q2").meta is None
    assert e.data["Feedback - Q2"].isna().all()  # styled but empty cells
    assert len(e.answer_columns) == 10


def test_googleforms_favorites():
    e = _read("googleforms/favorites.csv")
    assert e.meta_key("submitted_at") == "Timestamp"
    assert e.data.loc[4, "Timestamp"] == pd.Timestamp("2019-10-28 15:09:00")
    assert e.data.loc[4, "title"] == "Blindspot"
    assert e.data.loc[4, "genres"] == "Action, Crime, Drama"
    genres = ["Action", "Adventure", "Animation", "Biography", "Comedy", "Crime",
              "Documentary", "Drama", "Family", "Fantasy", "History", "Horror", "Music",
              "Musical", "Mystery", "News", "Reality-TV", "Romance", "Sci-Fi", "Sport",
              "Talk-Show", "Thriller", "War", "Western"]
    split = split_choices(e.data["genres"], genres, sep=",")
    assert split.loc[4, ["Action", "Crime", "Drama", "Comedy"]].tolist() == [
        True, True, True, False]
    assert split.loc[2, "Drama"] and split.loc[2, "other"] == "Sports"  # not an option
    assert split.sum().loc["Comedy"] > 50


def test_limesurvey_codes():
    e = _read("limesurvey/results.csv")
    row = e.data.loc[2]
    assert row["id"] == "6" and row["lastpage"] == "19"
    assert row["submitdate"] == pd.Timestamp("1980-01-01")
    assert row["Geslacht"] == "man" and pd.isna(row["Geslacht[other]"])
    assert row["intro"].startswith('{ "v5":{ "group":"B"')  # doubled quotes undone
    other = e.column("opleiding[other]")
    assert other.is_other_text and other.question == "opleiding"
    assert other.code == "opleiding[other]"
    assert e.column("lastpage").meta == "finished"
    assert e.data["submitdate"].isna().sum() == 3  # incomplete responses
    assert e.data.iloc[-1]["vr1010"] == "Valérie"  # UTF-8 é


def test_limesurvey_fulltext_r_export():
    e = _read("limesurvey/survey_998192_R_data_file.csv")
    assert e.column("Response ID").meta == "response_id"
    assert e.column("Date started").meta == "started_at"
    assert e.data.loc[2, "Date submitted"] == pd.Timestamp("2021-09-24 11:39:34")
    assert pd.isna(e.data.loc[3, "Date submitted"])
    other = e.column("How do you identify? [Other]")
    assert other.is_other_text and other.question == "How do you identify?"
    assert e.column("How many pets do you have [cats]").item == "cats"
    assert e.data.loc[2, "How many pets do you have [cats]"] == "40"
    assert e.column("Total time").meta == "other_meta"
    assert e.column("Question time: gender").meta == "other_meta"
    assert e.column("filecount - Upload an image of your plant for example").meta == "other_meta"

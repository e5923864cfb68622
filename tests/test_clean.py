"""Cleaning on the synthetic example export and on hand-made exports of the instrument."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from pmg_analysis import load_instrument
from pmg_analysis.clean import Manifest, clean_export
from pmg_analysis.io import read_export
from pmg_analysis.pipeline import EXAMPLE_EXPORT, write_clean_outputs

INSTRUMENT = load_instrument()
Q = {q.id: q for q in INSTRUMENT.questions}


@pytest.fixture(scope="module")
def example():
    return clean_export(read_export(EXAMPLE_EXPORT))


# -- the example export ------------------------------------------------------------------------

def test_counts_in_equal_counts_out(example):
    n = example.manifest.counts
    assert n.rows_in == 60
    assert n.clean + n.quarantined == 60 and n.add_up
    assert len(example.responses) == n.clean
    assert sorted(example.responses["rij"].tolist() + example.quarantine["rij"].tolist()) \
        == list(range(2, 62))


def test_quarantine_reasons_for_the_mess_in_the_example(example):
    q = example.quarantine.set_index("rij")
    assert set(q["reden_code"]) == {"test", "gemeente_onbekend", "herinzending"}
    assert q.loc[q["reden_code"] == "test", "gemeente_invoer"].tolist() == ["test"]
    assert q.loc[q["reden_code"] == "gemeente_onbekend", "gemeente_invoer"].tolist() \
        == ["Regio Achterhoek"]
    dupe = q[q["reden_code"] == "herinzending"].iloc[0]
    assert dupe["gemeente_invoer"] == "Harderwijk"
    # the later, complete submission of the same person is kept
    kept = example.responses.set_index("rij").loc[int(dupe["vervangen_door_rij"])]
    assert kept["gemeente_naam"] == "Harderwijk"
    assert dupe["reden"].startswith("Herinzending")


def test_municipality_variants_become_official_codes(example):
    r = example.responses
    assert r["gemeente_code"].str.match(r"^GM\d{4}$").all()
    assert r["gemeente_code"].nunique() == 40
    meetups = {"Bergen op Zoom", "Coevorden", "De Ronde Venen", "Etten-Leur", "Gorinchem",
               "Harderwijk", "Lochem", "Nieuwegein", "Oss", "Roermond", "Roosendaal",
               "Rijssen-Holten", "Soest", "Veenendaal", "Veldhoven", "Waalwijk", "Zeist"}
    assert meetups <= set(r["gemeente_naam"])
    assert set(r["gemeente_match"]) >= {"exact", "fuzzy"}


def test_dtypes_are_explicit(example):
    r, a, t = example.responses, example.answers, example.texts
    assert isinstance(r["gemeente_code"].dtype, pd.CategoricalDtype)
    assert list(r["positie_zelf"].cat.categories) == [o.id for o in Q["positie"].options]
    assert str(a["value"].dtype) == "Int8"
    assert list(a["theme"].cat.categories) == ["EA", "LD", "SV", "EF"]
    assert isinstance(t["question_id"].dtype, pd.CategoricalDtype)


def test_answers_are_parsed_per_question_type(example):
    a = example.answers
    likert = a[a["question_id"] == "stelling"]
    assert set(likert["item"].astype(str)) == {"K1", "K2", "K3", "K4", "Z1", "Z2", "Z3"}
    assert likert["value"].between(1, 5).all()
    urg = a[a["question_id"] == "EA_urgentie"]
    assert (urg["label"].astype(str) == [Q["EA_urgentie"].scale[v - 1] for v in urg["value"]]).all()
    rank = a[a["question_id"] == "prioriteit"]
    per_resp = rank.groupby("response_id", observed=True)["value"].apply(sorted)
    assert all(v == [1, 2, 3, 4] for v in per_resp)
    # the theme of a ranked row is the ranked theme itself
    assert (rank["theme"].astype(str) == rank["item"].astype(str)).all()


def test_multichoice_with_commas_in_options_and_other_text(example):
    a, t = example.answers, example.texts
    ef3 = a[(a["question_id"] == "EF_opgaven") & (a["item"] == "EF3")]
    assert len(ef3) > 0  # "Duurzaamheid: van energiezuinig naar energieleverend, klimaatadaptatie"
    other = t[t["item"] == "anders"]
    assert len(other) > 0
    chosen_other = a[a["item"] == "anders"]
    assert set(zip(other["response_id"], other["question_id"], strict=True)) <= set(
        zip(chosen_other["response_id"], chosen_other["question_id"], strict=True))


def test_problems_are_logged_not_dropped(example):
    m = example.problems
    assert (m["code"] == "te_veel_keuzes").sum() >= 1
    over = m[m["code"] == "te_veel_keuzes"].iloc[0]
    chosen = example.answers[(example.answers["response_id"] == over["response_id"])
                             & (example.answers["question_id"] == over["question_id"])]
    assert len(chosen) > 3  # kept, only flagged
    bad_rank = m[m["code"] == "rangschikking_ongeldig"]["response_id"]
    assert len(bad_rank) >= 1
    ranks = example.answers[example.answers["question_id"] == "prioriteit"]
    assert not ranks["response_id"].isin(bad_rank).any()


def test_no_personal_data_in_outputs(example, tmp_path):
    write_clean_outputs(example, tmp_path)
    raw = read_export(EXAMPLE_EXPORT).data
    emails = {e for e in raw["Email"].dropna() if "@" in e}
    names = {n for n in raw["Name"].dropna() if " " in n}  # "Jeroen de Groot", not "Anonymous"
    assert emails and names
    blob = b"".join(p.read_bytes() for p in sorted(tmp_path.glob("*.*"))
                    if p.suffix in {".csv", ".json"})
    blob += "".join(example.texts["text"]).encode()
    for frame in (example.responses, example.answers, example.texts, example.quarantine):
        blob += frame.astype(str).to_csv().encode()
    text = blob.decode()
    for value in emails | names:
        assert value not in text
    assert "@" not in "".join(example.texts["text"])
    joined = " ".join(example.texts["text"])
    assert "[e-mail]" in joined and "[telefoon]" in joined and "[naam]" in joined
    assert "06-" not in joined


def test_outputs_are_byte_identical_and_formula_safe(example, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    write_clean_outputs(example, a)
    again = clean_export(read_export(EXAMPLE_EXPORT))
    write_clean_outputs(again, b)
    files = sorted(p.name for p in a.iterdir())
    assert {"responses.parquet", "answers.parquet", "texts.parquet", "problems.parquet",
            "quarantine.csv", "manifest.json", "pmg_schoon.xlsx"} == set(files)
    for name in files:
        assert hashlib.sha256((a / name).read_bytes()).digest() == \
            hashlib.sha256((b / name).read_bytes()).digest(), name
    # a free-text answer that starts with "=" cannot run as a formula in the workbook
    assert example.texts["text"].str.startswith("=").any()
    book = pd.read_excel(a / "pmg_schoon.xlsx", sheet_name=None, dtype=str)
    for sheet in book.values():
        for col in sheet.columns:
            cells = sheet[col].dropna()
            assert not cells.str.match(r"^[=+\-@]").any(), col
    assert set(book) == {"responses", "answers", "texts", "problems", "quarantine"}
    # manifest.json is plain JSON with the Dutch keys, and reads back as the same object
    manifest = json.loads((a / "manifest.json").read_text("utf-8"))
    assert manifest["bron"]["sha256"] == hashlib.sha256(EXAMPLE_EXPORT.read_bytes()).hexdigest()
    assert manifest["vragenlijst_versie"] == INSTRUMENT.version
    assert manifest["excel"] == "pmg_schoon.xlsx"
    assert Manifest.read(a / "manifest.json") == dataclasses.replace(example.manifest,
                                                                      excel="pmg_schoon.xlsx")


def test_html_in_free_text_is_kept_as_text(example):
    # escaping is the job of the HTML output; the data keeps what was typed
    assert example.texts["text"].str.contains("<script>", regex=False).any()


# -- hand-made exports -------------------------------------------------------------------------

def _write_generic(path: Path, rows: list[dict]) -> Path:
    header = ["Tijdstempel", Q["gemeente"].text, Q["naam"].text, Q["email"].text,
              Q["EA_urgentie"].text, Q["EA_kansen"].text, *[f"{Q['prioriteit'].text} [{t.name}]"
                                                     for t in INSTRUMENT.themes]]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in ["t", "g", "n", "e", "u", "k", "r1", "r2", "r3",
                                              "r4"]])
    return path


def test_duplicates_keep_latest_complete_and_several_respondents_per_municipality(tmp_path):
    rows = [
        dict(t="2017-02-10 10:00", g="Zeist", n="Jan Jansen", e="jan@zeist.example.nl",
             u="Urgent", k="eerste versie"),
        dict(t="2017-02-11 10:00", g="Gemeente Zeist", n="Jan Jansen", e="JAN@zeist.example.nl",
             u="Zeer urgent", k="tweede versie, volledig", r1="1", r2="2", r3="3", r4="4"),
        dict(t="2017-02-12 10:00", g="zeist", n="Jan Jansen", e="jan@zeist.example.nl",
             u="Urgent", k=""),  # later but partial: the complete one wins
        dict(t="2017-02-10 11:00", g="Zeist", n="Piet Pieters", e="piet@zeist.example.nl",
             u="Urgent", k="andere collega"),
        dict(t="2017-02-10 12:00", g="Bergen", u="Urgent"),  # ambiguous: NH or L
    ]
    export = read_export(_write_generic(tmp_path / "dubbel.csv", rows))
    result = clean_export(export)
    r = result.responses
    assert len(r) == 2 and set(r["gemeente_naam"]) == {"Zeist"}
    q = result.quarantine.set_index("rij")
    assert q.loc[2, "reden_code"] == "herinzending" and q.loc[2, "vervangen_door_rij"] == 3
    assert q.loc[4, "reden_code"] == "herinzending" and q.loc[4, "vervangen_door_rij"] == 3
    assert q.loc[6, "reden_code"] == "gemeente_dubbelzinnig"
    assert "Bergen" in q.loc[6, "kandidaten"]
    texts = result.texts["text"].tolist()
    assert "tweede versie, volledig" in texts and "andere collega" in texts


def test_invalid_ranking_is_na_and_logged(tmp_path):
    rows = [dict(t="2017-02-10 10:00", g="Soest", u="Urgent", r1="1", r2="1", r3="3", r4="4"),
            dict(t="2017-02-10 11:00", g="Oss", u="3", r1="2", r2="1", r3="4", r4="3")]
    result = clean_export(read_export(_write_generic(tmp_path / "rank.csv", rows)))
    by_name = result.responses.set_index("gemeente_naam")["response_id"]
    ranks = result.answers[result.answers["question_id"] == "prioriteit"]
    assert set(ranks["response_id"].astype(str)) == {by_name["Oss"]}
    assert ranks.set_index(ranks["item"].astype(str))["value"].astype(int).to_dict() == \
        {"EA": 2, "LD": 1, "SV": 4, "EF": 3}
    assert result.problems["response_id"].astype(str).tolist() == [by_name["Soest"]]
    urg = result.answers[result.answers["question_id"] == "EA_urgentie"]
    assert sorted(urg["value"].astype(int)) == [3, 4]  # "3" as a number, "Urgent" as a label


def test_no_municipality_question_is_a_clear_error(tmp_path):
    path = tmp_path / "geen_gemeente.csv"
    path.write_text("Tijdstempel,Wat is uw functie?\n2017-02-10 10:00,Beleidsmedewerker\n",
                    encoding="utf-8")
    from pmg_analysis.errors import InputError
    with pytest.raises(InputError, match="gemeentevraag"):
        clean_export(read_export(path))


def test_example_in_repo_is_the_documented_one():
    assert EXAMPLE_EXPORT == ROOT / "data" / "raw" / "pmg_enquete_2017_synthetisch.xlsx"
    assert EXAMPLE_EXPORT.exists()


def test_categorical_or_text_answer_columns_clean_the_same(example):
    """CSV answer columns arrive dictionary-encoded (categoricals), xlsx ones as text: the
    cleaned tables must not depend on it (here with sorted categories, not file order)."""
    export = read_export(EXAMPLE_EXPORT)
    assert not any(isinstance(d, pd.CategoricalDtype) for d in export.data.dtypes)
    data = export.data.copy()
    for col in export.answer_columns:
        data[col.key] = data[col.key].astype("category")
    coded = clean_export(dataclasses.replace(export, data=data))
    for name in ("responses", "answers", "texts", "problems", "quarantine"):
        pd.testing.assert_frame_equal(getattr(coded, name), getattr(example, name), obj=name)
    assert coded.manifest == example.manifest


def test_personal_data_in_free_text_never_reaches_texts_parquet(tmp_path):
    """The phone number with spaces around the dash, a name another respondent gave (in lower
    case) and a wethouder's name are replaced in texts.parquet; the municipalities stay."""
    rows = [
        dict(t="2017-02-10 10:00", g="Zeist", n="Jan Jansen", u="Urgent",
             k="Ons nummer is 010 - 498 7654."),
        dict(t="2017-02-10 11:00", g="Ede", n="Anne Bos", u="Urgent",
             k="Bel met jan over de regiodeal van Ede en Zeist; wethouder Pietersen weet ervan."),
        dict(t="2017-02-10 12:00", g="Soest", n="Anoniem", u="Urgent",
             k="Samen met Amersfoort en anoniem ingevuld"),
    ]
    result = clean_export(read_export(_write_generic(tmp_path / "pii.csv", rows)))
    write_clean_outputs(result, tmp_path / "out")
    texts = pd.read_parquet(tmp_path / "out" / "texts.parquet")["text"].astype(str).tolist()
    assert texts == ["Ons nummer is [telefoon].",
                     "Bel met [naam] over de regiodeal van Ede en Zeist; wethouder [naam] weet "
                     "ervan.",
                     "Samen met Amersfoort en anoniem ingevuld"]


def test_resubmissions_are_recognised_by_the_survey_name_and_email_when_contact_is_empty(
        tmp_path):
    """An anonymous form: the respondent typed name and e-mail in the survey's own questions;
    the second time only the name, in other case and spacing, with a corrected urgency."""
    rows = [
        dict(t="2017-02-10 10:00", g="Ede", n="Gert van Leeuwen", e="g.vanleeuwen@ede.nl",
             u="Niet urgent", k="eerste keer"),
        dict(t="2017-02-10 11:00", g="Ede", n="Anne Bos", e="a.bos@ede.nl", u="Niet urgent",
             k="een collega"),
        dict(t="2017-02-11 10:00", g="Ede", n="gert  VAN leeuwen", u="Zeer urgent",
             k="tweede keer"),
    ]
    result = clean_export(read_export(_write_generic(tmp_path / "her.csv", rows)))
    q = result.quarantine.set_index("rij")
    assert q["reden_code"].tolist() == ["herinzending"] and q.loc[2, "vervangen_door_rij"] == 4
    urg = result.answers[result.answers["question_id"] == "EA_urgentie"]
    assert sorted(urg["value"].astype(int)) == [1, 5]  # the correction counts, not averaged


def test_a_ranking_written_as_ordinals_is_read_and_an_unreadable_one_is_reported(tmp_path):
    rows = [dict(t="2017-02-10 10:00", g="Soest", u="Urgent", r1="1e", r2="2e", r3="3e",
                 r4="4e"),
            dict(t="2017-02-10 11:00", g="Oss", u="Urgent", r1="tweede", r2="eerste",
                 r3="4th", r4="3rd"),
            dict(t="2017-02-10 12:00", g="Ede", u="Urgent", r1="1e", r2="hoog", r3="", r4="")]
    result = clean_export(read_export(_write_generic(tmp_path / "rang.csv", rows)))
    by_name = result.responses.set_index("gemeente_naam")["response_id"].astype(str)
    ranks = result.answers[result.answers["question_id"] == "prioriteit"]
    per = {rid: dict(zip(g["item"].astype(str), g["value"].astype(int), strict=True))
           for rid, g in ranks.groupby(ranks["response_id"].astype(str), observed=True)}
    assert per[by_name["Soest"]] == {"EA": 1, "LD": 2, "SV": 3, "EF": 4}
    assert per[by_name["Oss"]] == {"EA": 2, "LD": 1, "SV": 4, "EF": 3}
    assert by_name["Ede"] not in per
    problems = result.problems
    assert problems["response_id"].astype(str).tolist() == [by_name["Ede"]]
    assert problems["code"].tolist() == ["rangschikking_ongeldig"]

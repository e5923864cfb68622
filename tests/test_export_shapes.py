"""Every plausible export gives every page: the matrix of export shapes derived from the bundled
example (``pmg_analysis.example.shapes``), each cleaned and run through the sections of every
report (``pmg_analysis.sections.PAGES``: the functions the notebooks call, without papermill).

A page where a figure cannot be computed says so in one Dutch sentence; no step may raise, and
no sentence may show a missing number. The full chain (papermill, HTML, browser) runs on a few
of these shapes in tests/test_browser.py.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pmg_analysis import catalog, quality, regions, themes
from pmg_analysis.context import RunContext
from pmg_analysis.example import generate
from pmg_analysis.example.msforms import sheet_columns
from pmg_analysis.example.shapes import (
    export_shapes,
    municipality_codes,
    national,
    typed_people,
    without_open_answers,
    without_theme,
)
from pmg_analysis.instrument import load_instrument
from pmg_analysis.paths import PROCESSED
from pmg_analysis.pipeline import load_manifest, run_clean
from pmg_analysis.sections import ReportData, Section, output_defects, report_sections

SHAPES = {s.name: s for s in export_shapes()}
# every shape with the CBS data when it is there (else on self-reported positions), and the
# ones marked for it also without
CASES = [(name, True) for name in SHAPES] + [
    (name, False) for name, s in SHAPES.items() if s.without_cbs]
PAGES = {"00_samenvatting", "01_datakwaliteit", "03_themas", "04_leervragen",
         "05_werkprogramma"}
EMBEDDINGS = "tekst_embeddings.parquet"  # cached by text hash: every shape reuses the example's
# Municipality pages per shape: they share one code path and one computation, and a page costs
# about 0.13 s, so every page of every shape cost CI two and a half minutes; the first three of
# each shape here, all of them for the example in the browser test (tests/test_browser.py).
MUNICIPALITY_PAGES = 3


@pytest.fixture(scope="module")
def sheet() -> pd.DataFrame:
    return generate()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("vormen")
    if (PROCESSED / EMBEDDINGS).is_file():
        shutil.copy(PROCESSED / EMBEDDINGS, root / EMBEDDINGS)
    return root


_RESULTS: dict[tuple[str, bool], tuple[Path, dict[str, dict[str, Section]]]] = {}


def load(out: Path) -> ReportData:
    """The processed tables of one shape, with the default settings."""
    return ReportData.read(RunContext(processed=out))


def flat(pages: dict[str, dict[str, Section]]) -> dict[str, list]:
    """Per page what its sections show, in order: sentences, frames, figures."""
    return {page: [o for section in sections.values() for o in section.outputs()]
            for page, sections in pages.items()}


@pytest.fixture
def shape_result(sheet, workdir, monkeypatch):
    """``(processed folder, outputs per page)`` of a shape (``sections=True``: the sections
    per page), computed once per module."""
    def run(name: str, cbs: bool = True, sections: bool = False) -> tuple[Path, dict]:
        key = (name, cbs)
        if key not in _RESULTS:
            if not cbs:
                monkeypatch.setenv(regions.sources.ENV_VAR, "")
                if regions.resolve_source().available:
                    pytest.skip("data/raw/cbs holds CBS data: the run without it cannot be made")
            folder = workdir / f"{name}-{'cbs' if cbs else 'zonder-cbs'}"
            folder.mkdir()
            export = SHAPES[name].write(SHAPES[name].derive(sheet), folder / name)
            out = folder / "verwerkt"
            out.mkdir()
            if (workdir / EMBEDDINGS).is_file():
                shutil.copy(workdir / EMBEDDINGS, out / EMBEDDINGS)
            run_clean(export, out)
            _RESULTS[key] = (out, report_sections(load(out), municipalities=MUNICIPALITY_PAGES))
            if (out / EMBEDDINGS).is_file():
                shutil.copy(out / EMBEDDINGS, workdir / EMBEDDINGS)
        out, pages = _RESULTS[key]
        return out, pages if sections else flat(pages)
    return run


@pytest.mark.parametrize(("name", "cbs"), CASES,
                         ids=[f"{n}{'' if c else '-zonder-cbs'}" for n, c in CASES])
def test_every_export_shape_gives_every_page_with_sentences_instead_of_missing_figures(
        shape_result, name, cbs):
    out, pages = shape_result(name, cbs, sections=True)
    expected = PAGES | ({"02_positie_in_de_regio"} if load(out).cbs else set())
    assert expected <= set(pages)
    municipality_pages = [p for p in pages if p.startswith("gemeenten/")]
    n_codes = load(out).responses["gemeente_code"].nunique()
    assert len(municipality_pages) == min(n_codes, MUNICIPALITY_PAGES) >= 1
    assert output_defects(pages) == []


def test_a_pilot_of_three_municipalities_says_why_positions_cannot_be_compared(shape_result):
    _, pages = shape_result("3_gemeenten_pilot")
    sentences = [o for o in pages["03_themas"] if isinstance(o, str)]
    assert ("Met 3 gemeenten met een bekende positie is een vergelijking tussen de posities niet "
            "mogelijk: daarvoor zijn in minstens twee posities minstens 2 gemeenten nodig."
            in sentences)


def test_a_statistic_on_groups_of_one_municipality_is_not_computed(shape_result):
    out, _ = shape_result("3_gemeenten_pilot")
    data = load(out)
    tests = themes.group_tests(data.answers, data.responses)
    assert tests["statistic"].isna().all() and tests["p_waarde"].isna().all()
    assert (tests["n_gemeenten"] == 3).any()


def test_a_questionnaire_without_a_theme_names_it_once_and_leaves_it_out(shape_result):
    out, pages = shape_result("zonder_thema_LD")
    manifest = load_manifest(out)
    assert manifest.round_themes == ("EA", "SV", "EF")
    name = load_instrument().theme_name("LD")
    sentence = quality.round_sentence(manifest)
    assert sentence.startswith(f"Deze ronde had geen vragen over {name}.")
    assert sentence in [o for o in pages["01_datakwaliteit"] if isinstance(o, str)]
    data = load(out)
    scores = themes.theme_scores(data.answers, data.responses)
    assert list(scores["theme"].cat.categories) == ["EA", "SV", "EF"]
    # borda from a ranking of three themes: 2 points for a first place
    assert scores.loc[scores["measure"] == "borda", "estimate"].max() <= 2
    completeness = quality.completeness(data.tables["responses"], data.answers,
                                        data.tables["texts"],
                                        absent=manifest.columns.questions_without_column)
    assert not completeness["vraag"].str.startswith("LD_").any()
    assert "EA_urgentie" in set(completeness["vraag"])
    text = "\n".join(o for page in pages.values() for o in page if isinstance(o, str))
    assert f"Over {name} antwoordde niemand" not in text
    profile_tables = [o for p, page in pages.items() if p.startswith("gemeenten/")
                      for o in page if isinstance(o, pd.DataFrame) and "Thema" in o.columns
                      and "Urgentie (1–5)" in o.columns]
    assert profile_tables and all(len(t) == 3 for t in profile_tables)


def test_a_questionnaire_without_the_ranking_shows_no_priority_and_says_so(shape_result):
    out, pages = shape_result("zonder_rangschikking")
    sentence = quality.round_sentence(load_manifest(out))
    assert "niet de vraag 'Rangschik de vier thema's" in sentence
    tables = [o for p, page in pages.items() if p.startswith("gemeenten/") for o in page
              if isinstance(o, pd.DataFrame) and "Prioriteit PMG" in o.columns]
    assert tables and all(t["Prioriteit PMG"].isna().all() for t in tables)


def test_an_export_with_every_question_says_the_round_had_them_all(shape_result):
    out, _ = shape_result("5_gemeenten")
    assert quality.round_sentence(load_manifest(out)) == (
        "Deze ronde had alle vragen van de vragenlijst (versie 2017.1).")


def test_only_partial_responses_give_municipality_pages_without_an_empty_chart(shape_result):
    _, pages = shape_result("alleen_onvolledig")
    page = next(v for k, v in pages.items() if k.startswith("gemeenten/"))
    assert any(isinstance(o, str) and o.startswith("Geen gemeente beantwoordde in deze export "
                                                   "de vragen naar de urgentie") for o in page)


# --- the shapes themselves ---------------------------------------------------------------------

def test_removing_a_theme_drops_its_five_columns_and_its_place_in_the_ranking(sheet):
    instrument = load_instrument()
    shortened = without_theme(sheet, "LD", instrument=instrument)
    assert sheet.shape[1] - shortened.shape[1] == 5
    ranking = shortened[instrument["prioriteit"].text].dropna()
    assert (ranking.str.count(";") == 3).mean() > 0.9  # the example has a few odd rankings too
    assert not ranking.str.contains(instrument.theme_name("LD"), regex=False).any()


def test_emptying_open_answers_keeps_the_municipality_and_the_ticked_options(sheet):
    instrument = load_instrument()
    empty = without_open_answers(sheet, instrument=instrument)
    opens = [c.header for c in sheet_columns(instrument) if c.question
             and instrument[c.question].type == "open" and instrument[c.question].role == "answer"]
    assert empty[opens].isna().all().all()
    municipality = instrument.municipality_question.text
    assert empty[municipality].equals(sheet[municipality])
    ticked = instrument["EA_opgaven"].text
    assert empty[ticked].notna().sum() == sheet[ticked].notna().sum()


def test_the_national_export_has_every_municipality_three_times(sheet):
    big = national(sheet)
    codes = municipality_codes(big)
    assert len(big) == 388 * 3
    assert codes.notna().all() and codes.nunique() == 388
    assert big["ID"].is_unique


# --- long answers and other languages (issue 24) -------------------------------------------------

def test_a_pasted_table_gives_only_its_question_as_a_learning_question(shape_result):
    from pmg_analysis.example.shapes import PASTED_QUESTION
    from pmg_analysis.text.questions import set_aside, set_aside_sentence

    out, pages = shape_result("geplakte_tabel")
    data = load(out)
    needs = data.results().needs
    aside = set_aside(data.tables["texts"])
    assert set(aside["question_id"]) == {"EF_leervraag"}
    members = needs.members[needs.members["response_id"].isin(set(aside["response_id"]))
                            & (needs.members["question_id"] == "EF_leervraag")]
    assert members["text"].tolist() == [PASTED_QUESTION]
    shown = "\n".join(str(o) for o in pages["04_leervragen"])
    assert "LV15" not in shown and "Bolsward" not in shown
    assert not needs.needs["label"].str.contains("LV1|prognose|rogat").any()
    assert set_aside_sentence(aside).startswith(
        "20 zinnen uit de antwoorden op de leervragen tellen niet als leervraag")


def test_a_frisian_answer_is_marked_shown_apart_and_forms_no_suggested_need(shape_result):
    from pmg_analysis.example.shapes import FRISIAN_ANSWER
    from pmg_analysis.text.questions import non_dutch_answers

    out, _ = shape_result("fries_antwoord")
    data = load(out)
    texts = data.tables["texts"]
    frisian = texts[texts["text"].astype(str) == FRISIAN_ANSWER]
    assert frisian["taal"].astype(str).tolist() == ["fy"]
    assert set(texts["taal"].astype(str)) == {"nl", "fy"}
    needs = data.results().needs
    assert not needs.members["text"].str.contains("wy ", regex=False).any()
    table = non_dutch_answers(texts, data.tables["responses"])
    assert table[["Gemeente", "Taal"]].values.tolist() == [["Heerenveen", "Fries"]]


# --- personal data, resubmissions, title rows, ordinal ranks (issue 24) ------------------------

# The municipality table built from CBS/PDOK (not from the export): its place names ("Beneden-
# Leeuwen", a core of West Maas en Waal) are reference data, which no respondent can put there.
REFERENCE_FILES = {d.file for d in (catalog.GEMEENTEN, catalog.BUREN, catalog.GRENSGEVALLEN)}


def _output_text(out: Path, pages: dict) -> str:
    """Every text the processed folder (parquet, csv, json, xlsx) and the pages hold, but the
    CBS reference tables (:data:`REFERENCE_FILES`)."""
    parts: list[str] = []
    for path in sorted(p for p in out.rglob("*") if p.name not in REFERENCE_FILES):
        if path.suffix == ".parquet":
            frame = pd.read_parquet(path)
            parts += [frame[c].astype(str).str.cat(sep="\n") for c in frame.columns
                      if not pd.api.types.is_numeric_dtype(frame[c])]
        elif path.suffix in (".csv", ".json"):
            parts.append(path.read_text("utf-8"))
        elif path.suffix == ".xlsx":
            for frame in pd.read_excel(path, sheet_name=None, dtype=str).values():
                parts.append(frame.to_csv())
    for page in pages.values():
        for o in page:
            parts.append(o.to_csv() if isinstance(o, pd.DataFrame)
                         else o if isinstance(o, str) else getattr(o, "to_json", str)())
    return "\n".join(parts)


def personal_data_found(text: str, people) -> list[str]:
    """Which names (each part of them), e-mail addresses and phone numbers of ``people``
    stand in ``text``: a name part as typed (capitalised) or, unless it is an ordinary word,
    in any case; a phone number in any writing."""
    from pmg_analysis.clean.names import PARTICLES, name_words
    from pmg_analysis.municipalities import is_municipality_name

    ordinary = name_words().ordinary
    digits = re.sub(r"[\s().\-/+]", "", text)
    found = []
    for p in people:
        # municipality names stay, also when they are part of someone's name ("ter Horst")
        parts = {w for w in re.split(r"[\s-]+", p.full) if w.casefold() not in PARTICLES
                 and not is_municipality_name(w)}
        for word in parts | {p.full, p.last}:
            flags = 0 if word.casefold() in ordinary else re.IGNORECASE
            if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, flags):
                found.append(word)
        if p.email.casefold() in text.casefold():
            found.append(p.email)
        number = re.sub(r"\D", "", p.phone)
        found += [n for n in (number, "31" + number[1:]) if n in digits]
    return found


PERSONAL_SHAPES = [name for name in SHAPES if name.startswith("anoniem_namen_")]


@pytest.mark.parametrize("name", PERSONAL_SHAPES)
def test_names_emails_and_numbers_typed_in_an_anonymous_form_never_reach_an_output(
        shape_result, name):
    out, pages = shape_result(name)
    people = typed_people()
    texts = pd.read_parquet(out / "texts.parquet")["text"].astype(str)
    assert texts.str.contains("[naam]", regex=False).sum() >= len(people)
    assert personal_data_found(_output_text(out, pages), people) == []
    # municipality names stay: the five municipalities are named in the processed tables
    assert load(out).responses["gemeente_naam"].nunique() == 5


def test_a_respondent_who_submits_again_counts_once_with_the_later_answers(shape_result, sheet):
    out, _ = shape_result("herinzendingen")
    quarantine = pd.read_csv(out / "quarantine.csv")
    n = len(SHAPES["herinzendingen"].derive(sheet))
    # rows 2, 3, 4 of the file (the first three respondents) are replaced by their second
    # submission (rows n - 2 .. n); the colleague's row (n + 1) is kept
    assert quarantine["reden_code"].tolist() == ["herinzending"] * 3
    assert quarantine["rij"].tolist() == [2, 3, 4]
    assert quarantine["vervangen_door_rij"].tolist() == [n - 2, n - 1, n]
    assert quarantine["reden"].str.startswith("Herinzending").all()
    data = load(out)
    assert len(data.responses) == n - 3 and n + 1 in set(data.responses["rij"])
    urgency = data.answers[data.answers["question_id"] == "EA_urgentie"]
    resubmitted = data.responses.loc[data.responses["rij"].isin([n - 2, n - 1, n]),
                                     "response_id"].astype(str)
    values = urgency.set_index(urgency["response_id"].astype(str))["value"]
    assert values.loc[list(resubmitted)].tolist() == [5, 5, 5]  # the correction, not averaged


def test_title_rows_above_the_header_are_skipped_and_named(shape_result, sheet):
    out, _ = shape_result("titelrijen_boven_kop")
    manifest = load_manifest(out)
    assert "Kopregel gevonden in rij 3 (2 rijen erboven overgeslagen)." in manifest.source.notes
    data = load(out)
    assert len(data.responses) + len(pd.read_csv(out / "quarantine.csv")) == len(
        SHAPES["titelrijen_boven_kop"].derive(sheet))
    assert data.responses["rij"].min() == 4  # the row numbers a spreadsheet shows


def test_a_ranking_typed_as_ordinals_is_read_and_an_unreadable_place_is_a_problem_row(
        shape_result):
    out, _ = shape_result("rangschikking_rangtelwoorden")
    data = load(out)
    problems = pd.read_parquet(out / "problems.parquet")
    unreadable = problems[problems["code"] == "rangschikking_ongeldig"]
    assert len(unreadable) == 1 and unreadable["question_id"].tolist() == ["prioriteit"]
    ranked = data.answers[data.answers["question_id"] == "prioriteit"]
    first = data.responses.sort_values("rij")["response_id"].astype(str).iloc[0]
    assert first not in set(ranked["response_id"].astype(str))
    # every other complete ranking counts: each respondent gives 1..4 once
    per_response = ranked.groupby(ranked["response_id"].astype(str))["value"].apply(sorted)
    assert len(per_response) >= len(data.responses) - 3
    assert all(v == [1, 2, 3, 4] for v in per_response)

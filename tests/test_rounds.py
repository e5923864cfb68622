"""Comparing two survey rounds (issue 17): municipal changes, instrument versions, honest
change statistics, learning needs across rounds and bad input, recovered on the synthetic
second round with known truth (pmg_analysis.example.second_round)."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pytest

from pmg_analysis import rounds
from pmg_analysis.clean import clean_export
from pmg_analysis.errors import InputError
from pmg_analysis.example.second_round import (
    NEW_NEED_MUNICIPALITIES,
    SecondRoundTruth,
    write_rounds,
)
from pmg_analysis.instrument import Option, load_instrument, load_instrument_version
from pmg_analysis.io import read_export
from pmg_analysis.municipalities import load_register
from pmg_analysis.rounds import sentences

TRUTH = SecondRoundTruth()


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    old_path, new_path = write_rounds(tmp_path_factory.mktemp("rondes"))
    old = clean_export(read_export(old_path))
    new = clean_export(read_export(new_path), load_instrument_version("2019"))
    comparison = rounds.compare_rounds(
        {"responses": old.responses, "answers": old.answers},
        {"responses": new.responses, "answers": new.answers},
        new_instrument=load_instrument_version("2019"))
    return {"old": old, "new": new, "cmp": comparison, "paths": (old_path, new_path)}


# ----------------------------------------------------------------- the table of changes
def test_every_old_municipality_in_the_changes_table_is_a_2017_municipality_by_code_and_name():
    changes = rounds.load_changes()
    register = load_register().set_index("gemeente_code")["gemeente_naam"]
    assert changes["oude_code"].isin(register.index).all()
    assert (changes["oude_naam"].to_numpy() == register[changes["oude_code"]].to_numpy()).all()
    assert changes["datum"].between("2017-01-01", "2024-01-01").all()
    assert changes["bron"].notna().all()


def test_every_split_names_its_main_town_successor_among_its_own_successors():
    changes = rounds.load_changes()
    splits = changes[changes["soort"] == "splitsing"]
    for _, rows in splits.groupby("oude_code"):
        assert rows["hoofdkern_naar"].nunique() == 1
        assert rows["hoofdkern_naar"].iloc[0] in set(rows["nieuwe_code"])
    littenseradiel = splits[splits["oude_naam"] == "Littenseradiel"]
    assert set(littenseradiel["nieuwe_naam"]) == {"Leeuwarden", "Súdwest-Fryslân", "Waadhoeke"}
    assert littenseradiel["hoofdkern"].iloc[0] == "Wommels"


def test_the_2018_mergers_of_the_issue_are_in_the_table_with_their_cbs_codes():
    changes = rounds.load_changes()
    changes = changes[changes["datum"] == pd.Timestamp("2018-01-01")]
    pairs = set(zip(changes["oude_naam"], changes["nieuwe_code"], strict=True))
    assert {("Rijnwaarden", "GM0299"), ("Menterwolde", "GM1952"), ("het Bildt", "GM1949"),
            ("Vlagtwedde", "GM1950")} <= pairs


# ----------------------------------------------------------------- the register per round
def test_the_second_round_keeps_the_municipalities_formed_after_2017_with_their_cbs_codes(
        example):
    new = example["new"].responses
    codes = new.groupby("gemeente_naam", observed=True)["gemeente_code"].first().astype(str)
    assert set(TRUTH.formed_after_2017) <= set(codes.index)
    assert codes[list(TRUTH.formed_after_2017)].tolist() == ["GM1952", "GM1963", "GM1959",
                                                             "GM1966"]
    altena = new[new["gemeente_code"] == "GM1959"]
    assert len(altena) == 2 and set(altena["gemeente_match"].astype(str)) == {"exact", "alias"}


def test_a_respondent_naming_a_split_municipality_is_quarantined_with_its_successors(example):
    quarantine = example["new"].quarantine
    row = quarantine[quarantine["gemeente_invoer"] == TRUTH.split_typed]
    assert len(row) == 1 and row["reden_code"].astype(str).iloc[0] == "gemeente_dubbelzinnig"
    assert [c.split(" (")[0] for c in row["kandidaten"].iloc[0].split("; ")] == list(
        TRUTH.split_candidates)
    assert len(quarantine) == 1  # nothing else of the second round is lost


def test_the_first_round_is_matched_on_the_2017_register_exactly(example):
    from pmg_analysis.municipalities import round_date

    old = example["old"].responses
    assert round_date(old["submitted_at"]).year == 2017
    assert load_register(round_date(old["submitted_at"])).equals(load_register())
    assert len(old["gemeente_code"].cat.categories) == 388
    assert {"GM0018", "GM0196", "GM0140"} <= set(old["gemeente_code"].astype(str))


def test_the_register_of_a_date_holds_the_new_municipalities_and_maps_the_dissolved_ones():
    from pmg_analysis.municipalities import load_register, match_municipalities

    typed = pd.Series(["Dijk en Waard", "Land van Cuijk", "Maashorst", "Voorne aan Zee",
                       "Midden-Groningen", "Weesp", "Hellevoetsluis", "Haaren", "Zeist"])
    on_2023 = match_municipalities(typed, at=dt.date(2023, 5, 1))
    assert on_2023["gemeente_code"].astype(str).tolist()[:7] == [
        "GM1980", "GM1982", "GM1991", "GM1992", "GM1952", "GM0363", "GM1992"]
    assert on_2023["match"].astype(str).tolist() == ["exact"] * 5 + ["alias"] * 2 + [
        "ambiguous", "exact"]
    assert on_2023["candidates"].iloc[7] == ("Boxtel (GM0757); Oisterwijk (GM0824); "
                                             "Tilburg (GM0855); Vught (GM0865)")
    on_2019 = match_municipalities(typed, at=dt.date(2019, 3, 1))
    assert on_2019["match"].astype(str).tolist()[:4] == ["unknown"] * 4  # not formed yet
    assert on_2019["gemeente_code"].astype(str).tolist()[5:7] == ["GM0457", "GM0530"]
    assert len(load_register(dt.date(2019, 3, 1))) == 355
    assert len(load_register(dt.date(2023, 5, 1))) == 342  # CBS: 342 municipalities in 2023


def test_a_municipality_formed_after_2017_takes_the_position_of_its_most_populous_predecessor():
    from pmg_analysis.rounds.municipalities import (
        derived_positions_sentence,
        position_predecessors,
    )

    # CBS 2017 inhabitants (Gebieden in Nederland 2017) of the five Hoeksche Waard
    # municipalities and of Zeist, which stayed
    gemeenten = pd.DataFrame({
        "gemeente_code": ["GM0584", "GM0585", "GM0588", "GM0611", "GM0617", "GM0355"],
        "inwoners": [24_044, 29_212, 11_045, 12_819, 8_830, 62_926]})
    derived = position_predecessors(pd.Series(["GM1963", "GM0355", "GM1952", pd.NA]), gemeenten)
    assert derived == {"GM1963": "GM0585"}  # Binnenmaas; Midden-Groningen has no row here
    sentence = derived_positions_sentence(derived, {"GM1963": "Hoeksche Waard",
                                                    "GM0585": "Binnenmaas"})
    assert sentence.endswith("(Hoeksche Waard van Binnenmaas).")


# ----------------------------------------------------------------- mapping municipalities
def test_the_example_maps_exactly_the_merger_and_the_split_it_was_built_with(example):
    mapping = example["cmp"].mapping
    assert dict(zip(mapping["oude_naam"], mapping["nieuwe_naam"], strict=True)) == TRUTH.mapped
    split = mapping.set_index("oude_naam").loc["Littenseradiel", "uitleg"]
    assert "hoofdkern Wommels" in split and "gesplitst" in split


def test_a_merged_municipality_counts_once_with_the_mean_of_both_former_municipalities(example):
    old = example["cmp"].scores_old
    zevenaar = old[(old["gemeente_code"] == "GM0299") & (old["theme"] == "LD")]
    assert len(zevenaar) == 1
    assert zevenaar["n_respondenten"].iloc[0] == 2
    assert zevenaar["urgentie"].iloc[0] == pytest.approx(2.5)  # Zevenaar 3, Rijnwaarden 2


def test_changes_are_followed_in_date_order_and_only_up_to_the_newer_round():
    responses = pd.DataFrame({"gemeente_code": ["GM0017", "GM0053", "GM0355"],
                              "gemeente_naam": ["Haren", "Winsum", "Zeist"]})
    early = rounds.map_municipalities(responses, to_date=dt.date(2018, 6, 1))
    assert early.mapping.empty
    late = rounds.map_municipalities(responses, to_date=dt.date(2019, 6, 1))
    assert late.responses["gemeente_code"].tolist() == ["GM0014", "GM1966", "GM0355"]
    assert late.responses["gemeente_code_oud"].tolist() == ["GM0017", "GM0053", "GM0355"]
    assert late.mapping["soort"].tolist() == ["samenvoeging", "splitsing"]


# ----------------------------------------------------------------- instrument versions
def test_the_revised_questionnaire_is_compared_by_id_and_lists_exactly_what_changed():
    table = rounds.compare_instruments(load_instrument(), load_instrument_version("2019"))
    not_comparable = table[~table["vergelijkbaar"]]
    assert list(zip(not_comparable["question_id"], not_comparable["item"], strict=True)) == [
        TRUTH.reworded, TRUTH.added_option]
    assert rounds.comparable(table, "LD_urgentie")
    assert rounds.comparable(table, "stelling", "K1") and not rounds.comparable(table, "stelling",
                                                                                "Z1")
    assert "voorbehoud" in table.set_index(["question_id", "item"]).loc[
        ("EF_opgaven", ""), "reden"]


def test_an_added_removed_or_retyped_question_is_listed_never_dropped():
    old = load_instrument()
    questions = [q for q in old.questions if q.id != "opmerkingen"]
    ld = old["LD_urgentie"]
    questions = [type(ld)(**{**q.__dict__, "type": "single",
                             "options": (Option("ja", "Ja"),)}) if q.id == ld.id else q
                 for q in questions]
    extra = type(ld)(id="thuiswerk", type="open", text="Nieuw?", section="D")
    new = type(old)(version="x", title=old.title, themes=old.themes,
                    questions=(*questions, extra))
    table = rounds.compare_instruments(old, new).set_index(["question_id", "item"])
    assert table.loc[("thuiswerk", ""), "status"] == "nieuw"
    assert table.loc[("opmerkingen", ""), "status"] == "vervallen"
    assert table.loc[("LD_urgentie", ""), "status"] == "ander type"
    assert not table.loc[[("thuiswerk", ""), ("opmerkingen", ""), ("LD_urgentie", "")],
                         "vergelijkbaar"].any()


# ----------------------------------------------------------------- change statistics
def test_the_paired_change_recovers_the_known_rise_of_ld_urgency_exactly(example):
    paired = example["cmp"].paired.set_index(["theme", "measure"])
    ld = paired.loc[(TRUTH.theme, "urgentie")]
    assert ld["verschil"] == pytest.approx(TRUTH.shift, abs=1e-12)
    assert (ld["ci_laag"], ld["ci_hoog"]) == pytest.approx((TRUTH.shift, TRUTH.shift))
    assert ld["p_waarde"] <= 0.001
    others = paired.loc[[(t, "urgentie") for t in ("EA", "SV", "EF")]]
    assert (others["ci_laag"] < 0).all() and (others["ci_hoog"] > 0).all()


def test_who_joined_and_who_left_is_exactly_the_design(example):
    members = example["cmp"].membership
    assert set(members.query("status == 'nieuw'")["gemeente_naam"]) == set(TRUTH.joiners)
    assert set(members.query("status == 'vertrokken'")["gemeente_naam"]) == set(TRUTH.leavers)


def test_the_membership_effect_splits_the_total_change_exactly(example):
    effect = example["cmp"].effect.dropna(subset=["totaal"])
    parts = effect["binnen"] + effect["instroom"] + effect["uitstroom"]
    assert np.allclose(parts, effect["totaal"])
    ld = effect.set_index(["theme", "measure"]).loc[(TRUTH.theme, "urgentie")]
    assert ld["binnen"] == pytest.approx(TRUTH.shift)
    assert ld["totaal"] != pytest.approx(TRUTH.shift)  # membership moves the headline figure


def test_position_groups_below_five_municipalities_are_flagged(example):
    by = example["cmp"].paired_by_position
    sizes = by.groupby("group")["klein"].first()
    assert sizes["onbekend"] and not sizes["monocentrisch"]


def test_opgaven_and_stellingen_recover_a_known_change_and_find_none_elsewhere(example):
    old = example["old"]
    answers = old.answers.copy()
    ea1 = answers["question_id"].eq("EA_opgaven") & answers["item"].eq("EA1")
    k1 = answers["question_id"].eq("stelling") & answers["item"].eq("K1")
    later = answers.copy()
    later.loc[ea1, "value"] = 0  # nobody ticks EA1 any more (the others ticked stay)
    later.loc[k1, "value"] = 5   # everybody fully agrees with K1
    table = rounds.compare_instruments(load_instrument(), load_instrument())
    est, paired = rounds.compare_items({"answers": answers, "responses": old.responses},
                                       {"answers": later, "responses": old.responses},
                                       table, load_instrument())
    pair = paired.set_index(["item", "measure"])
    before = est[est["ronde"] == "vorige"].set_index(["item", "measure"])["schatting"]
    assert pair.loc[("EA1", "gekozen"), "nieuw"] == 0
    assert pair.loc[("EA1", "gekozen"), "verschil"] == pytest.approx(
        -before[("EA1", "gekozen")])
    assert pair.loc[("K1", "eens"), "nieuw"] == 1 and pair.loc[("K1", "gemiddelde"), "nieuw"] == 5
    changed = [("EA1", "gekozen"), ("K1", "eens"), ("K1", "gemiddelde")]
    assert (pair.loc[changed, "p_waarde"] <= 0.001).all()
    rest = pair.drop(index=changed)
    assert (rest["verschil"] == 0).all() and (rest["ci_laag"] == 0).all()
    assert (rest["ci_hoog"] == 0).all()
    text = sentences.item_sentences(paired, "opgave")
    assert text[0].startswith("26 opgaven vergeleken") and "bij 1 is de verandering" in text[0]
    assert text[1].startswith("Versterken van de regionale economie") and "gedaald" in text[1]


def test_the_example_compares_every_opgave_and_stelling_except_the_revised_ones(example):
    est, paired = example["cmp"].item_estimates, example["cmp"].item_paired
    compared = set(zip(paired["soort"], paired["item"], strict=True))
    assert ("stelling", TRUTH.reworded[1]) not in compared
    assert ("opgave", TRUTH.added_option[1]) not in compared
    assert {("stelling", "K1"), ("opgave", "EF6")} <= compared
    # every one of the 39 municipalities in both rounds answered every theme's opgaven
    assert (paired.loc[paired["soort"] == "opgave", "n"] == 39).all()
    assert paired.loc[paired["soort"] == "stelling", "n"].between(30, 39).all()
    assert ((est["ci_laag"] <= est["schatting"]) & (est["schatting"] <= est["ci_hoog"])).all()
    assert set(est["ronde"]) == {"vorige", "nieuwe"}
    from pmg_analysis.rounds import display

    table = display.item_table(est, paired, "stelling")
    assert len(table) == 12 and table["Onderdeel"].str.startswith("Stelling ‘").all()


def test_the_sign_flip_p_value_is_large_for_symmetric_noise_and_nan_without_pairs():
    d = np.array([[0.5, np.nan], [-0.5, np.nan], [1.0, np.nan], [-1.0, np.nan]])
    p = rounds.sign_flip_pvalue(d)
    assert p[0] == pytest.approx(1.0) and np.isnan(p[1])


def test_each_rounds_estimate_has_an_interval_around_it(example):
    est = example["cmp"].estimates.dropna(subset=["schatting"])
    assert ((est["ci_laag"] <= est["schatting"]) & (est["schatting"] <= est["ci_hoog"])).all()
    assert set(est["ronde"]) == {"vorige", "nieuwe"}


# ----------------------------------------------------------------- learning needs, ranks
def test_the_new_learning_need_is_found_with_its_known_number_of_municipalities(example):
    from pmg_analysis.text.coder import TextConfig
    from pmg_analysis.text.needs import NeedConfig, learning_needs

    cfg = NeedConfig(text=TextConfig(use_embeddings=False))
    old, new = example["old"], example["new"]
    needs_old = learning_needs(old.texts, old.responses, config=cfg, cache_dir=None).needs
    needs_new = learning_needs(new.texts, new.responses, config=cfg, cache_dir=None).needs
    changes = rounds.need_changes(needs_old, needs_new).set_index("need")
    row = changes.loc[TRUTH.new_need]
    assert (row["status"], row["n_oud"], row["n_nieuw"]) == ("nieuw", 0, TRUTH.new_need_count)
    assert row["verschil"] == TRUTH.new_need_count
    assert TRUTH.new_need_count == len(NEW_NEED_MUNICIPALITIES)
    assert any("Nieuw gevraagd" in s for s in sentences.need_sentences(changes.reset_index()))


def test_rank_changes_say_who_moved_up_and_what_dropped_out():
    old = pd.DataFrame({"soort": ["thema", "thema", "leervraag"], "item": ["EA", "LD", "x"],
                        "rang": [1, 2, 3], "score": [0.9, 0.8, 0.5]})
    new = pd.DataFrame({"soort": ["thema", "thema"], "item": ["LD", "EA"], "rang": [1, 2],
                        "score": [0.95, 0.7]})
    out = rounds.rank_changes(old, new).set_index("item")
    assert out.loc["LD", "stijging"] == 1 and out.loc["EA", "stijging"] == -1
    assert pd.isna(out.loc["x", "rang_nieuw"])


# ----------------------------------------------------------------- bad input
def _info(name, sha, day):
    return rounds.RoundInfo(name, sha, pd.Series(pd.to_datetime([day])))


def test_the_same_file_twice_is_refused_in_one_dutch_sentence():
    with pytest.raises(InputError, match="hetzelfde bestand"):
        rounds.check_rounds(_info("a.xlsx", "ab" * 32, "2017-03-01"),
                            _info("b.xlsx", "ab" * 32, "2019-03-01"))


def test_rounds_in_the_wrong_order_are_refused_in_one_dutch_sentence():
    with pytest.raises(InputError, match="verkeerde volgorde"):
        rounds.check_rounds(_info("nieuw.xlsx", "ab" * 32, "2019-03-01"),
                            _info("oud.xlsx", "cd" * 32, "2017-03-01"))
    rounds.check_rounds(_info("oud.xlsx", "cd" * 32, "2017-03-01"),
                        _info("nieuw.xlsx", "ab" * 32, "2019-03-01"))


def test_no_municipality_in_common_gives_the_reason_instead_of_paired_figures():
    old = pd.Series(["GM0355"], dtype="string")
    new = pd.Series(["GM0632"], dtype="string")
    assert "Geen enkele gemeente" in rounds.comparison_problem(old, new)
    with pytest.raises(InputError, match="geen enkele gemeente"):
        rounds.require_common(old, new)
    assert rounds.comparison_problem(old, old) is None


def test_the_example_files_in_the_wrong_order_are_refused(example):
    old_path, new_path = example["paths"]
    old, new = example["old"], example["new"]
    with pytest.raises(InputError, match="verkeerde volgorde"):
        rounds.check_rounds(rounds.RoundInfo.of(new_path.name, new.manifest.source.sha256,
                                                new.responses),
                            rounds.RoundInfo.of(old_path.name, old.manifest.source.sha256,
                                                old.responses))


def test_a_round_of_another_survey_is_refused_by_the_reader_or_cleaner(tmp_path):
    other = tmp_path / "klanttevredenheid.csv"
    other.write_text("Tijdstip;Hoe tevreden bent u?;Opmerking\n2019-01-01 10:00;8;prima\n",
                     encoding="utf-8")
    with pytest.raises(InputError):
        clean_export(read_export(other), load_instrument_version("2019"))


def test_the_change_sentences_read_as_dutch_for_a_director(example):
    text = sentences.change_sentences(example["cmp"].paired)
    ld = next(s for s in text if s.startswith("Lokale democratie"))
    assert "gestegen" in ld and "+1,00" in ld
    mapped = sentences.mapping_sentences(example["cmp"].mapping)
    assert [s.split(" ")[0] for s in mapped] == ["Hoogezand-Sappemeer", "Littenseradiel",
                                                  "Rijnwaarden", "Oud-Beijerland"]  # by code
    own = sentences.municipality_change(example["cmp"].scores_old, example["cmp"].scores_new,
                                        "GM0299")
    assert any("urgentie van 2,50 naar 3,50" in s for s in own)


# ----------------------------------------------------------------- storing, CLI, summary
def test_a_stored_comparison_reads_back_equal(example, tmp_path):
    from pmg_analysis.rounds.store import load_comparison, stored, write_comparison

    cmp = example["cmp"]
    write_comparison(cmp, {}, tmp_path, meta={"vorige": "a.xlsx", "nieuwe": "b.xlsx"})
    assert stored(tmp_path)
    back, extra, meta = load_comparison(tmp_path)
    pd.testing.assert_frame_equal(back.paired, cmp.paired)
    pd.testing.assert_frame_equal(back.mapping, cmp.mapping)
    assert meta["nieuwe"] == "b.xlsx" and back.problem is None and extra == {}


@pytest.mark.parametrize("swap, message", [(False, "hetzelfde bestand"),
                                           (True, "verkeerde volgorde")])
def test_the_report_command_refuses_bad_rounds_with_exit_2_and_writes_nothing(
        example, tmp_path, capsys, swap, message):
    from pmg_analysis.cli import main

    old_path, new_path = example["paths"]
    args = ([str(old_path), "--vorige", str(new_path), "--vragenlijst-vorige", "2019"] if swap
            else [str(new_path), "--vorige", str(new_path), "--vragenlijst", "2019"])
    out, reports = tmp_path / "processed", tmp_path / "reports"
    code = main(["report", *args, "--out", str(out), "--reports", str(reports)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists() and not reports.exists()


def test_the_summary_part_names_the_clear_change_and_the_new_need(example):
    needs = pd.DataFrame({"need": ["n1"], "label": ["Integratie van statushouders"],
                          "theme": ["SV"], "n_oud": [0], "n_nieuw": [6], "verschil": [6],
                          "status": ["nieuw"], "ronde": [pd.NA]})
    text = sentences.summary_sentences(example["cmp"].paired, example["cmp"].membership, needs)
    # the largest change first: the urgency of LD rose by exactly 1 for every pair
    assert text[0] == ("De urgentie veranderde duidelijk voor: Lokale democratie & regionale "
                       "samenwerking (steeg 1,00 op de schaal van 1 tot 5).")
    assert "Integratie van statushouders (6 gemeenten)" in text[1]
    # 37 of the 2017 municipalities and Midden-Groningen and Hoeksche Waard (formed after 2017)
    assert text[-1] == "39 gemeenten antwoordden in beide rondes."


def test_summary_and_municipality_parts_are_empty_without_a_stored_comparison(example, tmp_path):
    from pmg_analysis.rounds.store import municipality_part, summary_part, write_comparison

    assert summary_part(tmp_path) == [] and municipality_part(tmp_path, "GM0299") == []
    write_comparison(example["cmp"], {}, tmp_path, meta={})
    assert summary_part(tmp_path)[-1] == "39 gemeenten antwoordden in beide rondes."
    assert municipality_part(tmp_path, "GM0299")[1].startswith("Lokale democratie")
    assert "niet in beide rondes" in municipality_part(tmp_path, "GM0321")[0]  # Houten joined


def test_an_unknown_questionnaire_year_is_one_dutch_sentence(tmp_path, capsys):
    from pmg_analysis.cli import main

    code = main(["report", "--vragenlijst", "2031", "--out", str(tmp_path / "p"),
                 "--reports", str(tmp_path / "r")])
    assert code == 2
    assert "geen vragenlijst van 2031" in capsys.readouterr().err
    with pytest.raises(KeyError):
        load_instrument_version("2031")
    assert load_instrument_version("2017") is load_instrument()


def test_a_report_on_a_revised_questionnaire_reads_that_version_everywhere_inside_the_block():
    from pmg_analysis.instrument import instrument_version

    assert "EF7" not in [o.id for o in load_instrument()["EF_opgaven"].options]
    with instrument_version("2019"):
        assert "EF7" in [o.id for o in load_instrument()["EF_opgaven"].options]
    assert load_instrument().version == "2017.1"
    with pytest.raises(KeyError), instrument_version("2031"):
        pass


def test_clearing_removes_the_comparison_and_the_previous_rounds_tables(example, tmp_path):
    from pmg_analysis.rounds.store import clear_comparison, stored, write_comparison

    write_comparison(example["cmp"], {}, tmp_path, meta={})
    (tmp_path / "vorige").mkdir()
    (tmp_path / "vorige" / "responses.parquet").write_bytes(b"x")
    (tmp_path / "responses.parquet").write_bytes(b"this round")
    clear_comparison(tmp_path)
    assert not stored(tmp_path) and not (tmp_path / "vorige").exists()
    assert (tmp_path / "responses.parquet").read_bytes() == b"this round"


# ----------------------------------------------------------------- what the reader sees in 06
RANKS = pd.DataFrame({
    "soort": ["thema", "thema", "thema", "thema", "leervraag", "leervraag", "leervraag",
              "leervraag"],
    "item": ["LD", "EF", "SV", "EA", "sv_eenzaamheid_ouderen", "ef_omgevingswet",
             "nieuw_3 (nieuwe ronde)", "ea_talent"],
    "rang_oud": pd.array([4, 3, 1, 2, 1, 17, None, 2], dtype="Int64"),
    "rang_nieuw": pd.array([1, 2, 3, 4, 1, 2, 3, None], dtype="Int64")})
RANKS["stijging"] = (RANKS["rang_oud"] - RANKS["rang_nieuw"]).astype("Int64")
NEEDS = pd.DataFrame({
    "need": ["sv_eenzaamheid_ouderen", "ef_omgevingswet", "ea_talent", "nieuw_3", "nieuw_4"],
    "label": ["Eenzaamheid en ouder worden", "Invoering van de Omgevingswet", "Talent",
              "snelheden, optrekt", "snelheden, optrekt"],
    "theme": ["SV", "EF", "EA", "SV", "SV"], "n_oud": [19, 2, 5, 0, 6],
    "n_nieuw": [16, 9, 0, 5, 0], "verschil": [-3, 7, -5, 0, 0],
    "status": ["gedaald", "gestegen", "verdwenen", "voorstel", "voorstel"],
    "ronde": [pd.NA, pd.NA, pd.NA, "nieuwe", "vorige"]})
IDS = re.compile(r"\b(?:[A-Z]{2}_\w+|[a-z]{2}_[a-z_]+|nieuw_\d+|nabij_grotere_stad)\b|\d,0\b")


def test_in_het_kort_leads_with_the_programme_reshuffle_in_words(example):
    text = sentences.summary_sentences(example["cmp"].paired, example["cmp"].membership,
                                       NEEDS, ranks=RANKS)
    assert text[0] == (
        "In het werkprogramma staat nu Lokale democratie & regionale samenwerking voorop. De "
        "thema's schoven: Lokale democratie & regionale samenwerking van plaats 4 naar 1; "
        "Sociale veerkracht & relatie burger-overheid van plaats 1 naar 3; Economie & "
        "arbeidsmarkt van plaats 2 naar 4; Energietransitie & fysieke leefomgeving van plaats 3 "
        "naar 2.")
    assert "Invoering van de Omgevingswet (van plaats 17 naar 2)" in " ".join(text)
    for sentence in text:
        assert not IDS.search(sentence), sentence


def test_the_ranks_table_names_every_subject_in_words_with_whole_places():
    from pmg_analysis.rounds import display

    table = display.ranks_table(RANKS, NEEDS)
    assert table["Onderwerp"].tolist()[:4] == [
        "Lokale democratie & regionale samenwerking", "Energietransitie & fysieke leefomgeving",
        "Sociale veerkracht & relatie burger-overheid", "Economie & arbeidsmarkt"]
    assert table["Plaats vorige ronde"].tolist()[:4] == ["4", "3", "1", "2"]
    assert table["Verschuiving"].tolist()[:4] == ["3 plaatsen hoger", "1 plaats hoger",
                                                  "2 plaatsen lager", "2 plaatsen lager"]
    # a suggestion is numbered per round: not in the comparison of places
    assert not table["Onderwerp"].str.contains("snelheden|nieuw_", regex=True).any()
    assert table.set_index("Onderwerp").loc["Talent", "Verschuiving"] == (
        "niet meer in het programma")
    assert not table.astype(str).apply(lambda c: c.str.contains(IDS)).any().any()


def test_a_suggested_need_of_both_rounds_is_listed_once():
    from pmg_analysis.rounds import display

    table = display.suggestions_table(NEEDS)
    assert table.to_dict("records") == [{
        "Voorgestelde behoefte (kernwoorden)": "snelheden, optrekt",
        "Thema": "Sociale veerkracht & relatie burger-overheid",
        "Gemeenten vorige ronde": 6, "Gemeenten nieuwe ronde": 5}]
    assert "snelheden" not in " ".join(display.needs_table(NEEDS)["Leerbehoefte"])


def test_the_questionnaire_comparison_names_versions_and_changes_in_words():
    table = rounds.compare_instruments(load_instrument(), load_instrument_version("2019"))
    text = sentences.instrument_sentences(
        table, {"vragenlijst_vorige": "2017", "vragenlijst_nieuwe": "2019"})
    assert text[0] == "De vorige ronde gebruikte de vragenlijst van 2017, de nieuwe die van 2019."
    assert not any("gelijk gesteld" in t for t in text)
    assert any("‘Klimaatadaptatie: wateroverlast, hitte en droogte’ is nieuw" in t for t in text)
    for sentence in text:
        assert not re.search(r"EF_opgaven|\bEF7\b|\bZ1\b|stelling/", sentence), sentence
    same = rounds.compare_instruments(load_instrument(), load_instrument())
    assert sentences.instrument_sentences(
        same, {"vragenlijst_vorige": "2017", "vragenlijst_nieuwe": "2017"})[0] == (
        "Beide rondes gebruikten de vragenlijst van 2017.")


def test_the_questionnaire_version_is_recognised_from_the_export_columns(example):
    from pmg_analysis.rounds.instruments import detect_version

    old_path, new_path = example["paths"]
    old, new = detect_version(read_export(old_path)), detect_version(read_export(new_path))
    assert (old.year, new.year) == ("2017", "2019")
    assert "Klimaatadaptatie: wateroverlast, hitte en droogte" in new.found["2019"]


def test_a_version_the_export_contradicts_is_refused_with_the_option_to_use(
        example, tmp_path, capsys):
    from pmg_analysis.cli import main

    old_path, new_path = example["paths"]
    out, reports = tmp_path / "processed", tmp_path / "reports"
    code = main(["report", str(new_path), "--vorige", str(old_path), "--vragenlijst", "2017",
                 "--out", str(out), "--reports", str(reports)])
    assert code == 2
    [error] = [line for line in capsys.readouterr().err.splitlines()
               if line.startswith("Fout:")]
    assert "volgt de vragenlijst van 2019" in error and error.endswith("--vragenlijst 2019 op.")
    assert not out.exists() and not reports.exists()


def test_without_the_option_the_versions_come_from_the_columns(example):
    from pmg_analysis.pipeline import _round_version

    old_path, new_path = example["paths"]
    assert _round_version(read_export(new_path), None, "--vragenlijst") == "2019"
    assert _round_version(read_export(old_path), None, "--vragenlijst-vorige") == "2017"


def test_an_export_without_the_questions_that_differ_is_refused_when_no_version_is_given(
        tmp_path):
    from pmg_analysis.example.second_round import generate_rounds
    from pmg_analysis.example.shapes import without_questions
    from pmg_analysis.rounds.instruments import detect_version, version_refusal

    sheet = without_questions(generate_rounds().new, ["stelling", "EF_opgaven"],
                              instrument=load_instrument_version("2019"))
    path = tmp_path / "zonder.csv"
    sheet.to_csv(path, index=False)
    match = detect_version(read_export(path))
    assert match.year is None
    assert version_refusal(match, path.name, None, "--vragenlijst") == (
        "Van zonder.csv is niet te zien welke vragenlijst is gebruikt (de vragen waarin de "
        "versies verschillen staan er niet in): geef die op met --vragenlijst (2017 of 2019).")
    # given explicitly, nothing in the export contradicts it
    assert version_refusal(match, path.name, "2019", "--vragenlijst") is None

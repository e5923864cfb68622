"""Learning needs on every development set in tests/data: one line of figures per set.

Run ``python benchmarks/needs_sets.py`` (``-e`` also prints each wrong question of the sets whose
errors may be read; ``--book PATH`` another codebook). ``--proef NEED TERM [TERM ...]`` tries
proposed terms of NEED with :func:`pmg_analysis.text.term_trial` on every labelled question of the
readable sets (the researcher loop: keep a term only when its verdict, ``oordeel``, is "helpt":
it moves questions to their true need only and fires in at most one question of another need);
``--zelfde EIGEN=SET ...`` maps the researcher's own new need ids to the sets' ids. The first
two sets have needs of their own: they are laid on the packaged codebook's needs where they are
the same need (27 of 31). The second set's errors are not printed: it is the check that a change
helps beyond the data it was read from.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from pmg_analysis.text import NeedConfig, load_codebook, term_trial
from pmg_analysis.text.coded import without_own
from pmg_analysis.text.evaluate import evaluate, load_eval, part_tables, question_needs
from pmg_analysis.text.needs import learning_needs

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
# the first two sets' needs laid on the packaged codebook's (the others stay their own)
SAME_NEED = dict(
    n01="ea_onderwijs_arbeidsmarkt", n02="ea_regionale_economie", n03="ea_talent",
    n04="ea_bijstand_werk", n05="ea_innovatie_mkb", n06="ea_innovatie_mkb",
    n08="ld_democratische_controle", n09="ld_positie_stad", n10="ld_participatie",
    n11="ld_right_to_challenge", n13="ld_rijk_provincie", n15="sv_sociaal_domein",
    n16="sv_armoede_schulden", n17="sv_eenzaamheid_ouderen", n18="sv_integratie_statushouders",
    n19="sv_wijkgericht", n20="sv_identiteit_trots", n21="ef_woningbouw_starters",
    n22="ef_corporaties", n23="ef_energietransitie", n24="ef_energietransitie",
    n25="ef_klimaatadaptatie", n26="ef_omgevingswet", n27="ef_binnenstad",
    n28="ef_vastgoed_transformatie", n29="ef_mobiliteit", n31="sv_preventie_gezondheid")


def _laid(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    es = load_eval(path)
    q = es.questions.assign(behoefte=es.questions["behoefte"].replace(SAME_NEED))
    n = es.needs.assign(id=es.needs["id"].replace(SAME_NEED)).drop_duplicates("id")
    return q.reset_index(drop=True), n


def _part(path: Path, part: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    es = load_eval(path)
    return es.questions[es.questions["deel"] == part].reset_index(drop=True), es.needs


# the blind sets written after the first two: (Dutch ordinal, file)
LATER = [(ordinal, f"leervragen_toets{i}.yaml") for ordinal, i in
         (("achtste", 8), ("zevende", 7), ("zesde", 6), ("vijfde", 5), ("vierde", 4), ("derde", 3))]


def sets() -> list[tuple[str, pd.DataFrame, pd.DataFrame, bool]]:
    """(name, questions, needs, errors may be read) of every development set (measuring one
    leaves its own coded questions out: :func:`pmg_analysis.text.coded.without_own`)."""
    out = []
    for ordinal, file in LATER:
        for part, label in (("toets", "toetsdeel"), ("ontwikkeling", "ontwikkeldeel")):
            out.append((f"{ordinal} set, {label}", *_part(DATA / file, part), True))
    return [*out, ("eerste set, gelegd", *_laid(DATA / "leervragen_eval.yaml"), True),
            ("tweede set, gelegd", *_laid(DATA / "leervragen_toets2.yaml"), False)]


def labelled_pool() -> pd.DataFrame:
    """Every labelled question of the readable sets, as :func:`term_trial` reads them: ``text``,
    ``question_id`` (the theme asked), ``gemeente`` and ``behoefte`` (the true need)."""
    q = pd.concat([q for _, q, _, readable in sets() if readable], ignore_index=True)
    return pd.DataFrame({"text": q["tekst"], "question_id": q["gevraagd_onder"] + "_leervraag",
                         "gemeente": q["gemeente"], "behoefte": q["behoefte"]})


def errors(q: pd.DataFrame, book, config: NeedConfig, cache: Path) -> None:
    """Print every question of a need in the codebook that got another need."""
    texts, responses = part_tables(q)
    res = learning_needs(texts, responses, config=config, codebook=book, cache_dir=cache)
    found = question_needs(res, q).merge(q[["id", "tekst", "gevraagd_onder"]], on="id")
    m = res.members.assign(id=res.members["response_id"].str.slice(1))
    m = m.sort_values(["id", "score"], ascending=[True, False]).drop_duplicates("id")
    m = m.set_index("id")
    for _, r in found.iterrows():
        if r.behoefte in book.ids and r.need != r.behoefte:
            mm = m.loc[str(r.id)] if str(r.id) in m.index else None
            terms = list(mm.termen) if mm is not None and mm.termen is not None else []
            score = f"{mm.score:.2f}" if mm is not None else "-"
            print(f"  FOUT [{r.gevraagd_onder}] {r.behoefte} -> {r.need} termen={terms} "
                  f"score={score} :: {r.tekst}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-e", action="store_true", help="print the errors of the readable sets")
    ap.add_argument("--book", type=Path, default=None)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/pmg-needs-cache"))
    ap.add_argument("--proef", nargs="+", metavar="NEED TERM", default=None)
    ap.add_argument("--zelfde", nargs="*", metavar="EIGEN=SET", default=[],
                    help="with --proef: own need ids that are a need of the sets (same_need)")
    ap.add_argument("only", nargs="*")
    a = ap.parse_args()
    book, config = load_codebook(a.book), NeedConfig()
    if a.proef:
        same = dict(pair.split("=", 1) for pair in a.zelfde)
        trial = term_trial(book, a.proef[0], a.proef[1:], labelled_pool(), config=config,
                           cache_dir=a.cache, same_need=same)
        print(trial.to_string())
        return
    t = time.time()
    for name, q, needs, readable in sets():
        if a.only and not any(o in name for o in a.only):
            continue
        f = evaluate(q, needs, book, config=config, cache_dir=a.cache)
        print(f"{name:28s} n={f.n_questions:3d} goed={f.share_right:.3f} ari={f.ari:.3f} "
              f"top5={f.top5_found}/{f.top5_within_2} thema={f.theme_right:.3f} "
              f"voorstel={f.new_to_suggestion:.2f}", flush=True)
        if a.e and readable:
            errors(q, book, without_own(config, q["tekst"]), a.cache)
    print(f"tijd {time.time() - t:.0f} s")


if __name__ == "__main__":
    main()

"""Measure the learning-need assignment against a hand-labelled evaluation set.

The set (``tests/data/leervragen_eval.yaml``) was written by someone who had not seen the code:
learning questions of real Dutch municipalities' kind, each labelled with its true need, in a
development part and a test part (the test part measured once, after the method was fixed).
This module turns one part into the ``texts`` and ``responses`` tables the library reads, runs
:func:`.needs.learning_needs` and computes the figures the issue names: the share of questions
given the right need, the adjusted Rand index, whether the five most-asked needs come out among
the five highest-ranked groups with their number of municipalities within ±2, and the share of
questions whose theme is right.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from pmg_analysis.text.codebook import Codebook
from pmg_analysis.text.coded import without_own
from pmg_analysis.text.needs import LearningNeeds, NeedConfig, agreement, learning_needs


@dataclass(frozen=True)
class EvalSet:
    """The needs and questions of an evaluation set."""

    needs: pd.DataFrame  # id, naam, thema, beschrijving, deel
    questions: pd.DataFrame  # id, deel, gemeente, gevraagd_onder, behoefte, tekst


def load_eval(path: str | Path) -> EvalSet:
    """Read an evaluation set in the layout of ``tests/data/leervragen_eval.yaml``."""
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    needs, questions = pd.DataFrame(doc["needs"]), pd.DataFrame(doc["questions"])
    # codebook ids are lower case: the set's "N01" is the codebook's "n01"
    needs["id"] = needs["id"].str.lower()
    questions["behoefte"] = questions["behoefte"].str.lower()
    return EvalSet(needs, questions)


def part_tables(questions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``texts`` and ``responses`` tables for a set of questions: each question its own response
    (so that its need can be read back), with its municipality as ``gemeente_code``."""
    rid = "Q" + questions["id"].astype(str)
    texts = pd.DataFrame({"response_id": rid.to_numpy(),
                          "question_id": (questions["gevraagd_onder"] + "_leervraag").to_numpy(),
                          "text": questions["tekst"].to_numpy()})
    responses = pd.DataFrame({"response_id": rid.to_numpy(),
                              "gemeente_code": questions["gemeente"].to_numpy()})
    return texts, responses


def question_needs(result: LearningNeeds, questions: pd.DataFrame) -> pd.DataFrame:
    """The need found per question: its best-scoring sentence's need (``need``, ``bron``,
    ``theme``); NA when every sentence was context."""
    m = result.members.copy()
    m["id"] = m["response_id"].str.slice(1)
    best = (m.sort_values(["id", "score"], ascending=[True, False], kind="stable")
            .drop_duplicates("id").set_index("id"))
    info = result.needs.set_index("need")
    out = questions[["id", "behoefte"]].copy()
    out["need"] = out["id"].astype(str).map(best["need"])
    out["bron"] = out["need"].map(info["bron"].astype(str))
    out["theme"] = out["need"].map(info["theme"].astype(str))
    return out


@dataclass(frozen=True)
class Figures:
    """The measured figures of one part."""

    n_questions: int
    share_right: float  # questions whose true need is in the codebook: right need
    n_in_codebook: int
    new_to_suggestion: float  # questions of needs not in the codebook: put in a suggestion
    ari: float
    top5_found: int  # of the five most-asked needs, found among the five highest groups
    top5_within_2: int  # ... with their number of municipalities within ±2
    theme_right: float
    n_groups: int

    def line(self, name: str) -> str:
        """One line for the 'gemeten' section of the test run."""
        right = round(self.share_right * self.n_in_codebook)
        return (f"leerbehoeften {name}: {self.n_questions} vragen, goede behoefte "
                f"{self.share_right:.3f} ({right} van {self.n_in_codebook} met een behoefte in "
                f"het codeboek), nieuwe behoefte als voorstel "
                f"{_share(self.new_to_suggestion)}, ARI {self.ari:.2f}, top-5 gevonden "
                f"{self.top5_found}/5 (aantal ±2: "
                f"{self.top5_within_2}/5), thema goed {self.theme_right:.2f}, "
                f"{self.n_groups} groepen")


def _share(x: float) -> str:
    return "–" if x != x else f"{x:.2f}"


def evaluate(questions: pd.DataFrame, needs: pd.DataFrame, codebook: Codebook, *,
             config: NeedConfig = NeedConfig(), cache_dir: Path | None = None,
             same_need: dict[str, str] | None = None) -> Figures:
    """Run the assignment on ``questions`` with ``codebook`` and compute the figures.

    ``same_need`` maps codebook ids to the set's ids where a researcher added a need the set
    has under another id (the researcher loop's "Gemeentelijke herindeling" is the set's
    ``n4_02``): its questions then count as in the codebook, right when they get that need.
    """
    config = without_own(config, questions["tekst"])  # no question scored by itself
    texts, responses = part_tables(questions)
    result = learning_needs(texts, responses, config=config, codebook=codebook,
                            cache_dir=cache_dir)
    same = same_need or {}
    if same:
        result = LearningNeeds(result.needs.assign(need=result.needs["need"].replace(same)),
                               result.members.assign(need=result.members["need"].replace(same)),
                               result.quotes, result.context)
    found = question_needs(result, questions)
    in_book = found["behoefte"].isin([same.get(i, i) for i in codebook.ids])
    # a question left without a need (every sentence context) is not right: the comparison
    # gives NA there, which a mean would skip
    right = (found["need"] == found["behoefte"]).fillna(False).astype(bool)[in_book]
    new = found.loc[~in_book, "bron"].eq("voorstel")
    # groups: one label per question; a question without a sentence of its own gets its own
    groups = found["need"].fillna("geen:" + found["id"].astype(str))
    truth_theme = found["behoefte"].map(needs.set_index("id")["thema"])
    # the five most-asked true needs, by municipalities
    q = questions.assign(need=found["need"].to_numpy())
    true_n = q.groupby("behoefte")["gemeente"].nunique().sort_values(ascending=False,
                                                                      kind="stable")
    top5 = true_n.head(5)
    ranked = result.needs.head(5)
    majority = {}
    for need_id in ranked["need"]:
        members = q[q["need"] == need_id]
        majority[need_id] = members["behoefte"].mode().iloc[0] if len(members) else None
    found_n = dict(zip(ranked["need"], ranked["n_gemeenten"].astype(int), strict=True))
    hit = within = 0
    for truth, n in top5.items():
        groups_for = [g for g, t in majority.items() if t == truth]
        if groups_for:
            hit += 1
            within += int(abs(found_n[groups_for[0]] - n) <= 2)
    return Figures(
        n_questions=len(questions), share_right=float(right.mean()) if len(right) else 0.0,
        n_in_codebook=int(in_book.sum()),
        new_to_suggestion=float(new.mean()) if len(new) else float("nan"),
        ari=agreement(found["behoefte"], groups), top5_found=hit, top5_within_2=within,
        theme_right=float((found["theme"] == truth_theme).mean()),
        n_groups=int(result.needs.shape[0]))

"""Write src/pmg_analysis/text/data/gecodeerde_leervragen.csv from the blind evaluation sets.

Every question of sets 1-7 (tests/data/leervragen_eval.yaml, leervragen_toets2..7.yaml, both
parts) with its true need, where that need is one of the packaged codebook: the first two sets'
own needs laid on the codebook's where they are the same need (benchmarks/needs_sets.py,
SAME_NEED), the needs a set has outside the codebook left out. ``bron`` names the set, so that
measuring on a set can leave its own questions out. Run ``python scripts/gecodeerde_leervragen.py``
and then ``make embeddings`` (their vectors ship with the package).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from needs_sets import SAME_NEED  # noqa: E402

from pmg_analysis.text import load_codebook  # noqa: E402
from pmg_analysis.text.codebook import _packaged  # noqa: E402
from pmg_analysis.text.evaluate import load_eval  # noqa: E402

SETS = {"eval": "leervragen_eval.yaml", **{f"toets{i}": f"leervragen_toets{i}.yaml"
                                          for i in range(2, 8)}}


def main() -> None:
    ids = set(_packaged().ids)
    parts = []
    for bron, name in SETS.items():
        q = load_eval(ROOT / "tests" / "data" / name).questions
        need = q["behoefte"].replace(SAME_NEED) if bron in ("eval", "toets2") else q["behoefte"]
        parts.append(pd.DataFrame({"behoefte": need, "tekst": q["tekst"].str.strip(),
                                   "bron": bron}))
    table = pd.concat(parts, ignore_index=True)
    table = table[table["behoefte"].isin(ids)].drop_duplicates(["behoefte", "tekst"])
    table = table.sort_values(["bron", "behoefte", "tekst"], kind="stable")
    out = ROOT / "src" / "pmg_analysis" / "text" / "data" / "gecodeerde_leervragen.csv"
    table.to_csv(out, index=False, encoding="utf-8", lineterminator="\n")
    print(f"{len(table)} vragen uit {table['bron'].nunique()} sets, "
          f"{table['behoefte'].nunique()} behoeften van {len(load_codebook(None))} -> {out}")


if __name__ == "__main__":
    main()

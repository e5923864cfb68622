"""The comparison of two rounds on disk: tidy Parquet tables in ``<processed>/ontwikkeling/``
with the SHA-256 of both exports, written by ``pmg-analysis report --vorige`` and read by
notebook 06 (which computes the synthetic example in memory when nothing is stored)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.rounds.compare import RoundComparison

TABLES = ("mapping", "instrument", "estimates", "paired", "paired_by_position", "membership",
          "effect", "not_comparable", "scores_old", "scores_new", "item_estimates",
          "item_paired")
EXTRA = ("needs", "ranks")


def comparison_dir(out_dir: str | Path) -> Path:
    """The folder of the stored comparison (``catalog.COMPARISON_META``'s folder)."""
    return catalog.COMPARISON_META.path(out_dir).parent


def _table(out_dir: str | Path, name: str) -> Path:
    return catalog.COMPARISON_TABLE.path(out_dir, table=name)


def write_comparison(comparison: RoundComparison, extra: dict[str, pd.DataFrame],
                     out_dir: str | Path, *, meta: dict[str, str]) -> list[Path]:
    """Write every table of ``comparison`` and the ``extra`` ones (``needs``: need changes,
    ``ranks``: programme rank changes) with ``meta`` (file names and SHA-256 of both rounds)."""
    folder = comparison_dir(out_dir)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    written = []
    frames = {name: getattr(comparison, name) for name in TABLES} | extra
    for name, frame in frames.items():
        path = _table(out_dir, name)
        frame.to_parquet(path, index=False)
        written.append(path)
    path = catalog.COMPARISON_META.path(out_dir)
    path.write_text(json.dumps({**meta, "probleem": comparison.problem}, ensure_ascii=False,
                               indent=1, sort_keys=True), encoding="utf-8")
    return [*written, path]


PREVIOUS_SUBDIR = catalog.PREVIOUS_ROUND_DIR  # the previous round's processed tables


def clear_comparison(out_dir: str | Path) -> None:
    """Remove a stored comparison and the previous round's tables (a report without --vorige
    must not show or keep an old comparison)."""
    for folder in (comparison_dir(out_dir), Path(out_dir) / PREVIOUS_SUBDIR):
        if folder.exists():
            shutil.rmtree(folder)


def stored(out_dir: str | Path) -> bool:
    return catalog.COMPARISON_META.path(out_dir).is_file()


def load_comparison(out_dir: str | Path) -> tuple[RoundComparison, dict[str, pd.DataFrame],
                                                  dict[str, str]]:
    """The stored comparison, its extra tables and its meta data."""
    meta = json.loads(catalog.COMPARISON_META.path(out_dir).read_text("utf-8"))
    frames = {name: pd.read_parquet(_table(out_dir, name)) for name in TABLES}
    extra = {name: pd.read_parquet(_table(out_dir, name)) for name in EXTRA
             if _table(out_dir, name).is_file()}
    return RoundComparison(**frames, problem=meta.get("probleem")), extra, meta


def summary_part(out_dir: str | Path) -> list[str]:
    """The 'wat is er veranderd' sentences for the summary (00) when a comparison is stored,
    else nothing (without --vorige the summary does not change)."""
    from pmg_analysis.rounds.sentences import summary_sentences

    if not stored(out_dir):
        return []
    comparison, extra, _ = load_comparison(out_dir)
    if comparison.problem:
        return [comparison.problem]
    return summary_sentences(comparison.paired, comparison.membership, extra.get("needs"),
                             ranks=extra.get("ranks"))


def municipality_part(out_dir: str | Path, code: str) -> list[str]:
    """A municipality page's own change (urgency per theme) when a comparison is stored and it
    answered both rounds; one sentence when it did not; nothing without a comparison."""
    from pmg_analysis.rounds.sentences import municipality_change

    if not stored(out_dir):
        return []
    comparison, _, _ = load_comparison(out_dir)
    return municipality_change(comparison.scores_old, comparison.scores_new, code)

"""Coded questions: learning questions a person assigned to a need, and what they add to a score.

A codebook describes a need in a name, a description, terms and one to three examples. A
researcher who has coded questions by hand has more: every coded question says how members
word that need. This module reads those questions and scores a new question by its nearest
coded questions of each need (the mean of the ``k`` highest centred cosines), which
:func:`.needs.need_scores` mixes with the similarity to the codebook's own passages.

Two files, one layout (UTF-8 CSV, columns ``behoefte``, ``tekst``, ``bron``):

- the packaged ``text/data/gecodeerde_leervragen.csv``: the 1,6xx questions of the seven
  evaluation sets written blind for this project (sets 1-7, both parts; ``bron`` names the set),
  with the needs of the packaged codebook (the needs a set has outside the codebook are left
  out). Their vectors ship with the package, so the neighbours are the same on every machine;
- the researcher's own ``data/raw/gecodeerde_leervragen.csv`` (:func:`add_coded`), read as
  well when it exists, or the file of ``NeedConfig.coded_path``.

A coded question counts for the need whose id it names, or for the need that lists that id
under ``ook`` (a need merged into it by :func:`.codebook.merge_needs`); a question of a need
the codebook does not have is ignored. Measuring on an evaluation set leaves that set's own
questions out (``NeedConfig.coded_leave_out``).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator

from pmg_analysis import catalog
from pmg_analysis.text.codebook import Codebook, CodebookError

COLUMNS = ("behoefte", "tekst", "bron")


def _read(path: Path) -> pd.DataFrame:
    try:
        table = pd.read_csv(path, dtype="string", keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as err:
        raise CodebookError(f"{path}: de gecodeerde vragen kunnen niet worden gelezen "
                            f"({err}).") from None
    missing = [c for c in COLUMNS[:2] if c not in table.columns]
    if missing:
        raise CodebookError(f"{path}: kolom {', '.join(missing)} ontbreekt (nodig: behoefte, "
                            f"tekst; bron mag).")
    if "bron" not in table.columns:
        table["bron"] = path.name
    table = table.loc[table["tekst"].str.strip() != "", list(COLUMNS)]
    return table.reset_index(drop=True)


@cache
def _packaged() -> pd.DataFrame:
    return _read(catalog.CODED.path())


def coded_questions(path: str | Path | None = None, *, own: bool = True) -> pd.DataFrame:
    """The coded questions: the packaged ones and (``own``) those of ``path`` (None: the
    project's own ``data/raw/gecodeerde_leervragen.csv``) when that file exists.

    Examples
    --------
    >>> coded = coded_questions(own=False)
    >>> list(coded.columns), len(coded) > 1000
    (['behoefte', 'tekst', 'bron'], True)
    """
    mine = catalog.CODED_OWN.path() if path is None else Path(path)
    parts = [_packaged()]
    if own and mine.is_file():
        parts.append(_read(mine))
    return pd.concat(parts, ignore_index=True).drop_duplicates(["behoefte", "tekst"],
                                                               ignore_index=True)


def add_coded(rows: pd.DataFrame, *, bron: str = "eigen codering",
              write_to: str | Path | None = None) -> pd.DataFrame:
    """Add hand-coded questions (``rows``: columns ``tekst`` and ``behoefte``) to the project's
    own file (``write_to``, default ``data/raw/gecodeerde_leervragen.csv``) and return what it
    now holds; a question coded before keeps its newest need. The next run scores new questions
    by these too.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "gecodeerd.csv"
    >>> rows = pd.DataFrame({"tekst": ["Hoe houden we de markt levendig?"],
    ...                      "behoefte": ["ef_binnenstad"]})
    >>> add_coded(rows, write_to=out)[["behoefte", "tekst"]].values.tolist()
    [['ef_binnenstad', 'Hoe houden we de markt levendig?']]
    """
    path = catalog.CODED_OWN.path() if write_to is None else Path(write_to)
    new = pd.DataFrame({"behoefte": rows["behoefte"].astype("string"),
                        "tekst": rows["tekst"].astype("string").str.strip(),
                        "bron": bron}).astype("string")
    old = _read(path) if path.is_file() else new.iloc[0:0]
    table = (pd.concat([old, new], ignore_index=True)
             .drop_duplicates("tekst", keep="last", ignore_index=True))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    table.to_csv(tmp, index=False, encoding="utf-8", lineterminator="\n")
    tmp.replace(path)
    return table


class CodedNeighbours(BaseEstimator):
    """Per need, the mean of the ``k`` highest cosines of a question to that need's coded
    questions (vectors centred on ``centre`` first, as the passages are).

    A scikit-learn estimator: :meth:`fit` keeps the coded vectors and their needs,
    :meth:`score_needs` gives the n × needs matrix (NaN for a need without coded questions).
    Nothing is learned beyond the vectors, so the same vectors give the same scores.

    Examples
    --------
    >>> x = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]])
    >>> knn = CodedNeighbours(k=2).fit(x, np.array(["a", "a", "b"]))
    >>> knn.score_needs(np.array([[1.0, 0.05]]), ["a", "b", "c"]).round(2).tolist()
    [[1.0, 0.05, nan]]
    """

    def __init__(self, k: int = 3, centre: np.ndarray | None = None) -> None:
        self.k = k
        self.centre = centre

    def _unit(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=np.float64)
        if self.centre is not None:
            x = x - self.centre
        return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)

    def fit(self, x: np.ndarray, y: np.ndarray) -> CodedNeighbours:
        self.vectors_ = self._unit(x)
        self.labels_ = np.asarray(y, dtype=object)
        return self

    def score_needs(self, x: np.ndarray, need_ids: list[str] | tuple[str, ...]) -> np.ndarray:
        sims = self._unit(x) @ self.vectors_.T
        out = np.full((len(sims), len(need_ids)), np.nan)
        for j, need_id in enumerate(need_ids):
            cols = self.labels_ == need_id
            if cols.any():
                # sorted descending, the k best (or all a need has) averaged
                top = -np.sort(-sims[:, cols], axis=1)[:, :self.k]
                out[:, j] = top.mean(axis=1)
        return out


def resolved(coded: pd.DataFrame, book: Codebook, leave_out: tuple[str, ...] = ()
             ) -> pd.DataFrame:
    """``coded`` with each question's need as a need of ``book`` (an id it has, or one it lists
    under ``ook``), without questions of other needs or of the sources in ``leave_out``."""
    alias = {i: need.id for need in book.needs for i in (need.id, *need.ook)}
    out = coded[~coded["bron"].isin(list(leave_out))].copy()
    out["behoefte"] = out["behoefte"].map(alias)
    return out.dropna(subset=["behoefte"]).reset_index(drop=True)


def sources_of(texts, path: str | Path | None = None) -> tuple[str, ...]:
    """The sources (``bron``) of the coded questions among ``texts``.

    Examples
    --------
    >>> first = coded_questions(own=False).iloc[0]
    >>> sources_of([first["tekst"], "Een vraag die niemand codeerde?"]) == (first["bron"],)
    True
    """
    coded = coded_questions(path)
    mine = {str(t).strip() for t in texts}
    return tuple(sorted(set(coded.loc[coded["tekst"].isin(mine), "bron"])))


def without_own(config, texts):
    """``config`` (a :class:`.needs.NeedConfig`) that also leaves out the coded questions of
    every source some of ``texts`` come from: measuring on labelled questions, no question is
    scored by itself or by the other questions of its own set.

    Examples
    --------
    >>> from pmg_analysis.text.needs import NeedConfig
    >>> first = coded_questions(own=False).iloc[0]
    >>> without_own(NeedConfig(), [first["tekst"]]).coded_leave_out == (first["bron"],)
    True
    """
    own = sources_of(texts, config.coded_path)
    return replace(config, coded_leave_out=tuple(sorted({*config.coded_leave_out, *own})))

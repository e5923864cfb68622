"""A realistic, SYNTHETIC Microsoft Forms export of the PMG survey, and a large benchmark CSV.

``generate()`` builds the export sheet (about 60 responses from 40 medium-sized municipalities,
including the 17 of the February 2017 meet-ups, with the mess real exports have: see
:mod:`.mess`; learning questions written per need of the codebook: see :mod:`.leervragen`);
``learning_question_truth()`` says which need each learning-question sentence was written for;
``write_example()`` writes it as a byte-stable .xlsx; ``write_benchmark_csv()``
writes a million-row CSV with the same columns. Nothing here is real survey data.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from pmg_analysis.catalog import EXAMPLE_EXPORT
from pmg_analysis.example.benchmark import BenchmarkConfig, write_benchmark_csv
from pmg_analysis.example.leervragen import NEW_NEEDS, Asker, LeervraagConfig
from pmg_analysis.example.mess import add_mess
from pmg_analysis.example.msforms import sheet_columns, to_sheet, write_xlsx
from pmg_analysis.example.profiles import MEETUP_MUNICIPALITIES
from pmg_analysis.example.responses import ExampleConfig, Response, regular_responses
from pmg_analysis.instrument import load_instrument

DEFAULT_PATH = EXAMPLE_EXPORT.path()

__all__ = ["BenchmarkConfig", "DEFAULT_PATH", "ExampleConfig", "LeervraagConfig",
           "MEETUP_MUNICIPALITIES", "generate", "learning_question_truth", "sheet_columns",
           "write_benchmark_csv", "write_example"]


def _responses(seed: int, config: ExampleConfig) -> tuple[list[Response], Asker]:
    """The responses in submission order with their IDs, and the writer of their learning
    questions (which holds the need of every learning-question sentence)."""
    instrument = load_instrument()
    rng = np.random.default_rng(seed)
    # learning questions come from a second stream of the same seed: how they are phrased
    # never changes any other answer
    asker = Asker(np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0]),
                  config.leervragen)
    responses = add_mess(regular_responses(rng, instrument, config, asker), rng, instrument,
                         config, asker)
    responses.sort(key=lambda r: (r.end, r.start))
    ids = (i for i in range(1, 10 * len(responses)) if i not in config.deleted_ids)
    for r, i in zip(responses, ids, strict=False):
        r.id = i
    return responses, asker


def generate(seed: int = 2017, config: ExampleConfig = ExampleConfig()) -> pd.DataFrame:
    """The synthetic export sheet: one row per response in submission order, the export's
    header texts as columns (ID Int64, times datetime64, all other cells string/NA)."""
    return to_sheet(_responses(seed, config)[0], load_instrument())


TRUTH_SOURCES: tuple[str, ...] = ("codeboek", "nieuw", "context", "rommel")


def learning_question_truth(seed: int = 2017,
                            config: ExampleConfig = ExampleConfig()) -> pd.DataFrame:
    """Every sentence of every learning-question answer (``{theme}_leervraag``,
    ``{theme}_samen``) of :func:`generate`, with the need it was written for.

    Returns
    -------
    pandas.DataFrame
        One row per sentence, in submission order: ``id`` (the export's ID, Int64),
        ``gemeente`` (the municipality's official name; "" for the test response), ``question_id``,
        ``text`` (the sentence as it stands in the export), ``need`` (a codebook need id, a
        ``nieuw_...`` id for a need that is not in the codebook, NA otherwise) and ``bron``
        (category: ``codeboek``, ``nieuw``, ``context`` for a sentence that only frames the
        wish, ``rommel`` for the sentences of an answer the mess replaced, such as the formula
        text).

    Examples
    --------
    >>> truth = learning_question_truth()
    >>> bool(truth.loc[truth["bron"] == "context", "need"].isna().all())
    True
    """
    responses, asker = _responses(seed, config)
    kinds = ("leervraag", "samen")
    records = []
    for r in responses:
        for qid, answer in r.answers.items():
            if not (isinstance(answer, str) and qid.endswith(tuple(f"_{k}" for k in kinds))):
                continue
            parts = asker.records.get((r.municipality, qid, answer))
            if parts is None:
                parts = tuple((s, None) for s in _SENTENCE_END.split(answer) if s.strip())
                bron = ["rommel"] * len(parts)
            else:
                bron = ["context" if n is None else "nieuw" if n in NEW_NEEDS else "codeboek"
                        for _, n in parts]
            records += [(r.id, r.municipality, qid, s, n, b)
                        for (s, n), b in zip(parts, bron, strict=True)]
    out = pd.DataFrame.from_records(
        records, columns=["id", "gemeente", "question_id", "text", "need", "bron"])
    return out.astype({"id": "Int64", "gemeente": "string", "question_id": "string",
                       "text": "string", "need": "string",
                       "bron": pd.CategoricalDtype(list(TRUTH_SOURCES))})


# the sentence split of pmg_analysis.text.questions.sentences (after . ? ! and at line breaks)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\s*\n+\s*")


def write_example(path: str | Path = DEFAULT_PATH, seed: int = 2017,
                  config: ExampleConfig = ExampleConfig()) -> Path:
    """Write the synthetic export as an .xlsx in the Microsoft Forms layout; same bytes on
    every run for the same seed and config."""
    return write_xlsx(generate(seed, config), path, config.title)

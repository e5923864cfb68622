"""A realistic, SYNTHETIC Microsoft Forms export of the PMG survey, and a large benchmark CSV.

``generate()`` builds the export sheet (about 60 responses from 40 medium-sized municipalities,
including the 17 of the February 2017 meet-ups, with the mess real exports have: see
:mod:`.mess`); ``write_example()`` writes it as a byte-stable .xlsx; ``write_benchmark_csv()``
writes a million-row CSV with the same columns. Nothing here is real survey data.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from pmg_analysis.example.benchmark import BenchmarkConfig, write_benchmark_csv
from pmg_analysis.example.mess import add_mess
from pmg_analysis.example.msforms import sheet_columns, to_sheet, write_xlsx
from pmg_analysis.example.profiles import MEETUP_MUNICIPALITIES
from pmg_analysis.example.responses import ExampleConfig, regular_responses
from pmg_analysis.instrument import load_instrument
from pmg_analysis.paths import EXAMPLE_EXPORT

DEFAULT_PATH = EXAMPLE_EXPORT

__all__ = ["BenchmarkConfig", "DEFAULT_PATH", "ExampleConfig", "MEETUP_MUNICIPALITIES",
           "generate", "sheet_columns", "write_benchmark_csv", "write_example"]


def generate(seed: int = 2017, config: ExampleConfig = ExampleConfig()) -> pd.DataFrame:
    """The synthetic export sheet: one row per response in submission order, the export's
    header texts as columns (ID Int64, times datetime64, all other cells string/NA)."""
    instrument = load_instrument()
    rng = np.random.default_rng(seed)
    responses = add_mess(regular_responses(rng, instrument, config), rng, instrument, config)
    responses.sort(key=lambda r: (r.end, r.start))
    ids = (i for i in range(1, 10 * len(responses)) if i not in config.deleted_ids)
    for r, i in zip(responses, ids, strict=False):
        r.id = i
    return to_sheet(responses, instrument)


def write_example(path: str | Path = DEFAULT_PATH, seed: int = 2017,
                  config: ExampleConfig = ExampleConfig()) -> Path:
    """Write the synthetic export as an .xlsx in the Microsoft Forms layout; same bytes on
    every run for the same seed and config."""
    return write_xlsx(generate(seed, config), path, config.title)

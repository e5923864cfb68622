"""pandera schemas of the frames other modules build on (see the interface contract):
checked where they leave :func:`gemeente_scores`, :func:`theme_scores` and
:func:`opgave_scores`."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from pmg_analysis.clean.schemas import categorical_column


def _ordered_interval(frame: pd.DataFrame) -> bool:
    """lower <= upper wherever both are known."""
    both = frame["lower"].notna() & frame["upper"].notna()
    return bool((frame.loc[both, "lower"] <= frame.loc[both, "upper"]).all())


def gemeente_scores_schema(themes: list[str]) -> pa.DataFrameSchema:
    share = [pa.Check.in_range(0, 1)]
    return pa.DataFrameSchema({
        "gemeente_code": pa.Column("string"),
        "theme": categorical_column(allowed=themes, nullable=True),
        "urgentie": pa.Column("Float64", pa.Check.in_range(1, 5), nullable=True),
        "urgent": pa.Column("Float64", share, nullable=True),
        "borda": pa.Column("Float64", pa.Check.in_range(0, len(themes) - 1), nullable=True),
        "eerste": pa.Column("Float64", share, nullable=True),
        "trekker": pa.Column("boolean", nullable=True),
        "positie": categorical_column(nullable=True),
        "n_respondenten": pa.Column("Int64", pa.Check.ge(1)),
    }, strict=True, unique=["gemeente_code", "theme"])


def estimates_schema(keys: dict[str, list[str] | None]) -> pa.DataFrameSchema:
    """Tidy estimates: ``keys`` (categoricals) then group, estimate, lower, upper, n, klein."""
    columns = {k: categorical_column(allowed=v, nullable=True) for k, v in keys.items()}
    columns.update({
        "group": categorical_column(nullable=True),
        "estimate": pa.Column("Float64", nullable=True),
        "lower": pa.Column("Float64", nullable=True),
        "upper": pa.Column("Float64", nullable=True),
        "n_gemeenten": pa.Column("Int64", pa.Check.ge(0)),
        "klein": pa.Column("boolean"),
    })
    return pa.DataFrameSchema(columns, checks=[pa.Check(_ordered_interval, error="lower > upper")],
                              unique=[*keys, "group"])

"""pandera schemas of what ``prioritise`` hands on: checked where the frames leave the module
(the ranked programme and the proposed leerkringen), so a reader of the Excel file or a report
can rely on the documented ranges."""

from __future__ import annotations

import pandera.pandas as pa

from pmg_analysis.prioritise.config import PARTS, PriorityConfig

_SHARE = [pa.Check.in_range(0.0, 1.0)]


def programme_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "rang": pa.Column("int64", pa.Check.ge(1)),
            "soort": pa.Column("category", pa.Check.isin(["thema", "leervraag"])),
            "item": pa.Column("string", unique=True),
            "score": pa.Column("float64", _SHARE),
            **{part: pa.Column("float64", _SHARE) for part in PARTS},
            "n_gemeenten": pa.Column("int64", pa.Check.ge(0)),
            "gevoelig": pa.Column(bool),
            "blijft_in_top": pa.Column(bool),
        },
        checks=pa.Check(lambda df: (df["rang_min"] <= df["rang"]).all()
                        and (df["rang"] <= df["rang_max"]).all(),
                        error="rang outside rang_min..rang_max"),
    )


def groups_schema(config: PriorityConfig = PriorityConfig()) -> pa.DataFrameSchema:
    return pa.DataFrameSchema({
        "leerkring": pa.Column("Int64", pa.Check.ge(1), unique=True),
        "item": pa.Column("string"),
        "n_gemeenten": pa.Column("Int64", pa.Check.in_range(config.group_min,
                                                             config.group_max)),
        "trekker": pa.Column("string"),
    })

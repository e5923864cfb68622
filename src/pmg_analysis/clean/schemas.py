"""pandera schemas of the processed tables: checked where they leave ``clean``."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from pmg_analysis.instrument import load_instrument

_RID = r"^R[0-9a-f]{12}$"


def responses_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "response_id": pa.Column(str, pa.Check.str_matches(_RID), unique=True),
            "raw_row": pa.Column("Int32", pa.Check.ge(1), unique=True),
            "submitted_at": pa.Column("datetime64[ns]", nullable=True),
            "gemeente_code": pa.Column("category", pa.Check.str_matches(r"^GM\d{4}$")),
            "gemeente_naam": pa.Column(str),
            "gemeente_match": pa.Column("category"),
            "functie": pa.Column("category", nullable=True),
            "positie_zelf": pa.Column("category", nullable=True),
            "is_partial": pa.Column(bool),
            "n_beantwoord": pa.Column("Int16", pa.Check.ge(1)),
            "source_sha256": pa.Column(str, pa.Check.str_length(64, 64)),
        },
        strict=True, ordered=True, name="responses",
    )


def answers_schema() -> pa.DataFrameSchema:
    inst = load_instrument()
    return pa.DataFrameSchema(
        {
            "response_id": pa.Column("category"),
            "question_id": pa.Column("category", pa.Check.isin([q.id for q in inst.questions])),
            "theme": pa.Column("category", nullable=True),
            "item": pa.Column("category", nullable=True),
            "value": pa.Column("Int8", pa.Check.in_range(1, 8), nullable=True),
            "label": pa.Column("category", nullable=True),
        },
        strict=True, ordered=True, name="answers",
    )


def texts_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "response_id": pa.Column("category"),
            "question_id": pa.Column("category"),
            "theme": pa.Column("category", nullable=True),
            "item": pa.Column("category", nullable=True),
            "text": pa.Column(str, pa.Check.str_length(min_value=1)),
        },
        strict=True, ordered=True, name="texts",
    )


def validate_tables(responses: pd.DataFrame, answers: pd.DataFrame, texts: pd.DataFrame,
                    rid_dtype) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Validate the three tables and that the long tables refer to known responses only."""
    responses = responses_schema().validate(responses)
    answers = answers_schema().validate(answers)
    texts = texts_schema().validate(texts)
    known = set(responses["response_id"])
    for name, table in (("answers", answers), ("texts", texts)):
        if not set(table["response_id"].astype("str").unique()) <= known:
            raise pa.errors.SchemaError(None, table, f"{name} refers to unknown responses")
    return responses, answers, texts

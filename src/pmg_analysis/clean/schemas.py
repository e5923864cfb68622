"""pandera schemas of the processed tables: checked where they leave ``clean``.

Checks on categorical columns look at the categories (a few hundred values) rather than at
every row, so validating a million responses costs little; dtype, nullability, uniqueness and
ranges are checked on the rows themselves.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa

from pmg_analysis.instrument import Instrument, load_instrument

_RID = r"^R[0-9a-f]{16}$"


def categorical_column(*, allowed: list[str] | None = None, pattern: str | None = None,
                 nullable: bool = False) -> pa.Column:
    """A categorical column whose categories are ``allowed`` / match ``pattern``.

    The checks look at the dtype and categories only, so missing values do not matter to
    them: ``ignore_na=False`` spares pandera's dropna (a copy of every row of a long table)."""
    checks = [pa.Check(lambda s: isinstance(s.dtype, pd.CategoricalDtype), ignore_na=False,
                       element_wise=False, error="not categorical")]
    if allowed is not None:
        allowed_set = set(allowed)
        checks.append(pa.Check(lambda s: set(s.cat.categories) <= allowed_set,
                               element_wise=False, ignore_na=False,
                               error=f"categories outside {sorted(allowed)}"))
    if pattern is not None:
        checks.append(pa.Check(lambda s: s.cat.categories.astype(str).str.match(pattern).all(),
                               element_wise=False, ignore_na=False,
                               error=f"categories not like {pattern}"))
    return pa.Column(checks=checks, nullable=nullable)


def _in_1_to_8(values: pd.Series) -> bool:
    data = values.to_numpy(dtype=np.int8, na_value=1)
    return bool(((data >= 1) & (data <= 8)).all())


def responses_schema(instrument: Instrument | None = None) -> pa.DataFrameSchema:
    inst = instrument or load_instrument()
    return pa.DataFrameSchema(
        {
            # one vectorised check (pandera's str_matches + unique=True cost 2.5x as much)
            "response_id": pa.Column(str, pa.Check(
                lambda s: bool(s.str.fullmatch(_RID.strip("^$")).all()) and s.is_unique,
                element_wise=False, error=f"response ids not unique or not like {_RID}")),
            "rij": pa.Column("Int32", pa.Check.ge(1), unique=True),
            "submitted_at": pa.Column("datetime64[ns]", nullable=True),
            "gemeente_code": categorical_column(pattern=r"^GM\d{4}$"),
            "gemeente_naam": categorical_column(),
            "gemeente_match": categorical_column(allowed=["exact", "alias", "fuzzy"]),
            "functie": categorical_column(allowed=[o.id for o in inst["functie"].all_options],
                                    nullable=True),
            "positie_zelf": categorical_column(allowed=[o.id for o in inst["positie"].all_options],
                                         nullable=True),
            "is_partial": pa.Column(bool),
            "n_beantwoord": pa.Column("Int16", pa.Check.ge(1)),
            "source_sha256": categorical_column(pattern=r"^[0-9a-f]{64}$"),
        },
        strict=True, ordered=True, name="responses",
    )


def answers_schema(instrument: Instrument | None = None) -> pa.DataFrameSchema:
    inst = instrument or load_instrument()
    items = sorted({o.id for q in inst.questions for o in q.all_options + q.items})
    return pa.DataFrameSchema(
        {
            # its categories are the responses' ids (checked in validate_tables)
            "response_id": categorical_column(),
            "question_id": categorical_column(allowed=[q.id for q in inst.questions]),
            "theme": categorical_column(allowed=list(inst.theme_codes), nullable=True),
            "item": categorical_column(allowed=items, nullable=True),
            # on plain int8 data: pandera's in_range drops the NAs first (a 28M-row copy)
            "value": pa.Column("Int8", pa.Check(_in_1_to_8, element_wise=False, ignore_na=False,
                                                error="values outside 1..8"), nullable=True),
            "label": pa.Column("category", nullable=True),
        },
        strict=True, ordered=True, name="answers",
    )


def texts_schema(instrument: Instrument | None = None) -> pa.DataFrameSchema:
    inst = instrument or load_instrument()
    return pa.DataFrameSchema(
        {
            # its categories are the responses' ids (checked in validate_tables)
            "response_id": categorical_column(),
            "question_id": categorical_column(allowed=[q.id for q in inst.questions]),
            "theme": categorical_column(allowed=list(inst.theme_codes), nullable=True),
            "item": pa.Column("category", nullable=True),
            # the distinct texts that rows use, each with something other than whitespace
            "text": categorical_column(pattern=r"(?s).*\S"),
            # the language of the answer, an ISO 639-1 code (pmg_analysis.language)
            "taal": categorical_column(pattern=r"^[a-z]{2,3}$"),
        },
        strict=True, ordered=True, name="texts",
    )


def validate_tables(responses: pd.DataFrame, answers: pd.DataFrame, texts: pd.DataFrame,
                    instrument: Instrument | None = None,
                    ) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Validate the three tables, and that every row of the long tables belongs to a response
    (their ``response_id`` categories are exactly the responses, no row is missing one).
    ``instrument``: the questionnaire version the export was cleaned with (default 2017)."""
    # inplace: the schemas coerce nothing, and a copy of 26 million answer rows is not free
    responses = responses_schema(instrument).validate(responses, inplace=True)
    answers = answers_schema(instrument).validate(answers, inplace=True)
    texts = texts_schema(instrument).validate(texts, inplace=True)
    ids = pd.Index(responses["response_id"])
    for name, table in (("answers", answers), ("texts", texts)):
        rid = table["response_id"]
        if not rid.cat.categories.equals(ids) or (rid.cat.codes < 0).any():
            raise pa.errors.SchemaError(None, table, f"{name} refers to unknown responses")
    return responses, answers, texts

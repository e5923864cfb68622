"""The typology checked against an independent labelling from published sources.

``data/positie_validatie.csv`` (package data) holds medium-sized municipalities (25,000-150,000
inhabitants in 2017, all twelve provinces) with the position that published regional
structures support: CBS's COROP-plus areas (stadsgewesten and agglomeraties around the large
cities) for *nabij een grotere stad*; regional cooperation (Regio Foodvalley, Netwerkstad
Twente, Stedendriehoek, Parkstad Limburg, ...), the Nota Ruimte's urban networks and provincial
plans for *polycentrisch* and *monocentrisch*. Columns: ``gemeente_code``, ``gemeente_naam``,
``provincie``, ``positie``, ``deel``, ``bron`` (the source) and ``toelichting`` (one Dutch
sentence). Every label was written before the rules were applied to that municipality.

``deel`` says how the row has been used since:

* ``ontwikkeling`` (58 municipalities, written first): the rules of issue 10 were designed while
  their misses on these municipalities were looked at, so their accuracy here flatters the rules;
* ``toets`` (28 municipalities, written after those rules were fixed and measured only once,
  with the rules unchanged): the held-out figure, the honest estimate for municipalities the
  rules have not seen.

:func:`validate` joins the set to the municipality table; :func:`accuracy` is the share right,
:func:`accuracy_per_part` the share per ``deel`` and in all.
"""

from __future__ import annotations

import io

import pandas as pd
import pandera.pandas as pa
from scipy.stats import binomtest

from pmg_analysis import catalog
from pmg_analysis.regions.typology import POSITIE_TYPES, PositieDtype

DELEN: tuple[str, ...] = ("ontwikkeling", "toets")

VALIDATIE_SCHEMA = pa.DataFrameSchema(
    {
        "gemeente_code": pa.Column("string", pa.Check.str_matches(r"^GM\d{4}$"), unique=True),
        "gemeente_naam": pa.Column("string"),
        "provincie": pa.Column("string"),
        "positie": pa.Column(PositieDtype),
        "deel": pa.Column("string", pa.Check.isin(list(DELEN))),
        "bron": pa.Column("string", pa.Check.str_length(min_value=10)),
        "toelichting": pa.Column("string", pa.Check.str_length(min_value=20)),
    },
    strict=True,
    ordered=True,
)


def load_validation() -> pd.DataFrame:
    """The validation set (one row per municipality), checked against its schema.

    Examples
    --------
    >>> v = load_validation()
    >>> v["provincie"].nunique()
    12
    """
    text = catalog.POSITION_VALIDATION.path().read_text("utf-8")
    frame = pd.read_csv(io.StringIO(text), dtype="string", keep_default_na=False)
    frame["positie"] = frame["positie"].astype(PositieDtype)
    return VALIDATIE_SCHEMA.validate(frame)


def validate(gemeenten: pd.DataFrame, validatie: pd.DataFrame | None = None) -> pd.DataFrame:
    """The validation set beside what the rules derive, one row per municipality.

    Columns: those of the validation set, ``positie_cbs``, ``goed`` (bool), ``grensgeval`` and
    the indicator columns the explanations need. Rows in the order of the validation file.
    A code missing from ``gemeenten`` raises ``KeyError`` (nothing is dropped silently).
    """
    validatie = load_validation() if validatie is None else validatie
    g = gemeenten.assign(gemeente_code=gemeenten["gemeente_code"].astype("string"))
    missing = sorted(set(validatie["gemeente_code"]) - set(g["gemeente_code"]))
    if missing:
        raise KeyError(f"validation codes not in the municipality table: {missing}")
    keep = ["gemeente_code", "inwoners", "oad", "positie_cbs", "grensgeval",
            "grotere_stad_naam", "afstand_grotere_stad_km",
            "bereik_grotere_stad", "dominantie", "stedelijke_buur_naam", "n_steden",
            "centrum_code", "centrum_naam", "stad", "grootste_kern", "kern_inwoners",
            "kern_bron"]
    keep = [c for c in keep if c in g.columns]  # hand-made tables may lack core columns
    out = validatie.merge(g[keep], on="gemeente_code", how="left", validate="one_to_one")
    out["positie"] = out["positie"].astype(PositieDtype)
    out["positie_cbs"] = out["positie_cbs"].astype(PositieDtype)
    out["goed"] = (out["positie"].astype("string") == out["positie_cbs"].astype("string")
                   ).fillna(False).astype(bool)
    return out


def accuracy(validated: pd.DataFrame) -> float:
    """Share of the validation set the rules get right (0..1)."""
    return float(validated["goed"].mean())


def _right_per(validated: pd.DataFrame, column: str, categories: tuple[str, ...],
               ) -> pd.DataFrame:
    """Per category of ``column`` (all of them, also when empty): ``column``, ``aantal``,
    ``goed``."""
    per = (validated.assign(**{column: pd.Categorical(validated[column],
                                                      categories=list(categories))})
           .groupby(column, observed=False)["goed"].agg(["size", "sum"]))
    return pd.DataFrame({column: per.index.astype("string"),
                         "aantal": per["size"].astype("Int64").to_numpy(),
                         "goed": per["sum"].astype("Int64").to_numpy()})


def accuracy_per_type(validated: pd.DataFrame) -> pd.DataFrame:
    """Per position in the validation set: number, number right, share right."""
    return _right_per(validated, "positie", POSITIE_TYPES)


def accuracy_per_part(validated: pd.DataFrame, confidence: float = 0.95) -> pd.DataFrame:
    """Per part of the set (``DELEN``) and in all: number, number right, share right and its
    Wilson interval (``laag``, ``hoog``; 28 municipalities give a wide one, so it is shown).

    Examples
    --------
    >>> v = pd.DataFrame({"deel": ["ontwikkeling", "ontwikkeling", "toets"],
    ...                   "goed": [True, False, True]})
    >>> accuracy_per_part(v)["aandeel"].tolist()
    [0.5, 1.0, 0.6666666666666666]
    """
    per = _right_per(validated, "deel", DELEN)
    totaal = pd.DataFrame({"deel": ["totaal"], "aantal": [per["aantal"].sum()],
                           "goed": [per["goed"].sum()]}).astype(per.dtypes.to_dict())
    per = pd.concat([per, totaal], ignore_index=True)
    intervals = [binomtest(int(k), int(n)).proportion_ci(confidence, method="wilson")
                 if n else None for k, n in zip(per["goed"], per["aantal"], strict=True)]
    return per.assign(
        aandeel=(per["goed"] / per["aantal"]).astype(float).to_numpy(),
        laag=[ci.low if ci else float("nan") for ci in intervals],
        hoog=[ci.high if ci else float("nan") for ci in intervals])

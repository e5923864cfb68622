"""What the score is computed from, gathered into small tidy frames (:class:`PriorityInputs`).

The municipality is the unit throughout: several respondents of one municipality count once.
The scoring (:mod:`.score`) and the leerkringen (:mod:`.leerkringen`) only read these frames, so
tests can hand-make them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.prioritise.config import PriorityConfig
from pmg_analysis.regions.typology import PositieDtype

THEMA, LEERVRAAG = "thema", "leervraag"
SoortDtype = pd.CategoricalDtype([THEMA, LEERVRAAG], ordered=True)


@dataclass(frozen=True)
class PriorityInputs:
    """The inputs of the score, one frame per kind of fact.

    * ``items``: ``soort`` ("thema"/"leervraag"), ``item`` (theme code or ``LV<n>``),
      ``label``, ``theme`` (the item's theme code), ``cluster`` (Int64, NA for themes),
      ``volgorde`` (int, the tie order: instrument order, then cluster number);
    * ``interest``: ``item``, ``gemeente_code`` - the municipalities interested in an item;
    * ``municipalities``: ``gemeente_code``, ``gemeente_naam``, ``positie`` (NA = unknown);
    * ``municipality_themes``: ``gemeente_code``, ``theme``, ``urgentie`` (1-5, NA = not
      rated), ``urgent`` (share 0-1 of its respondents finding the theme urgent), ``trekker``
      (bool: wants to lead the theme), ``borda`` (optional: Borda points of the theme in the
      ranking ``prioriteit``, 0 = last .. number of themes - 1 = first, NA = not ranked) - as
      in :func:`pmg_analysis.themes.gemeente_scores`, so several respondents of one
      municipality count once (the mean over those who answered);
    * ``forms``: ``gemeente_code``, ``vorm`` (option id of the ``vorm`` question, chosen by
      at least one respondent of the municipality).
    """

    items: pd.DataFrame
    interest: pd.DataFrame
    municipalities: pd.DataFrame
    municipality_themes: pd.DataFrame
    forms: pd.DataFrame


def form_labels() -> dict[str, str]:
    """Option id -> Dutch text of the ``vorm`` question, in questionnaire order."""
    return {o.id: o.text for o in load_instrument()["vorm"].options}


def cluster_item(cluster: int) -> str:
    """The item id of a learning-question cluster: ``LV1``, ``LV2`` ..."""
    return f"LV{int(cluster)}"


def _gemeente_per_response(responses: pd.DataFrame) -> pd.DataFrame:
    return (responses[["response_id", "gemeente_code"]]
            .astype({"response_id": "string", "gemeente_code": "string"})
            .dropna())


def learning_interest(members: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """Distinct (``cluster``, ``question_theme``, ``gemeente_code``) of the clustered texts;
    ``question_theme`` is the theme of the question answered (prefix of ``question_id``)."""
    cols = ["cluster", "question_theme", "gemeente_code"]
    if members.empty:
        return pd.DataFrame({c: pd.Series(dtype="string") for c in cols}).astype(
            {"cluster": "Int64"})
    out = (members[["response_id", "question_id", "cluster"]]
           .astype({"response_id": "string", "question_id": "string", "cluster": "Int64"})
           .merge(_gemeente_per_response(responses), on="response_id", how="inner"))
    out["question_theme"] = out["question_id"].str.split("_").str[0]
    return (out[cols].dropna().drop_duplicates()
            .sort_values(cols, ignore_index=True))


def theme_interest(municipality_themes: pd.DataFrame, learning: pd.DataFrame,
                   config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """``theme``, ``gemeente_code``: a municipality is interested in a theme when at least
    ``config.urgent_share`` of its respondents find it urgent, it wants to lead it, or it asked
    a learning question within it."""
    mt = municipality_themes
    urgent = mt["urgent"].astype("Float64").ge(config.urgent_share).fillna(False)
    lead = mt["trekker"].astype("boolean").fillna(False)
    chosen = mt.loc[(urgent | lead).astype(bool), ["theme", "gemeente_code"]]
    asked = learning.rename(columns={"question_theme": "theme"})[["theme", "gemeente_code"]]
    return (pd.concat([chosen.astype("string"), asked.astype("string")], ignore_index=True)
            .drop_duplicates().sort_values(["theme", "gemeente_code"], ignore_index=True))


def cluster_themes(clusters: pd.DataFrame, learning: pd.DataFrame,
                   theme_order: tuple[str, ...]) -> pd.Series:
    """The theme of each cluster (index ``cluster``): the cluster's own ``theme``, else the
    theme most of its municipalities answered in (ties: instrument order)."""
    own = clusters.set_index(clusters["cluster"].astype("Int64"))["theme"].astype("string")
    rank = {code: i for i, code in enumerate(theme_order)}
    counts = (learning.groupby(["cluster", "question_theme"], observed=True).size()
              .rename("n").reset_index())
    counts["order"] = counts["question_theme"].map(rank)
    best = (counts.sort_values(["cluster", "n", "order"], ascending=[True, False, True])
            .drop_duplicates("cluster").set_index("cluster")["question_theme"])
    return own.fillna(best.astype("string").reindex(own.index)).rename("theme")


def build_items(clusters: pd.DataFrame, learning: pd.DataFrame) -> pd.DataFrame:
    """One row per theme (instrument order) and per learning-question cluster."""
    instrument = load_instrument()
    codes = instrument.theme_codes
    themes = pd.DataFrame({"soort": THEMA, "item": list(codes),
                           "label": [instrument.theme_name(c) for c in codes],
                           "theme": list(codes), "cluster": pd.array([pd.NA] * len(codes),
                                                                     dtype="Int64")})
    cl = clusters.sort_values("cluster", ignore_index=True)
    nrs = cl["cluster"].astype("Int64")
    theme_of = cluster_themes(cl, learning, codes)
    questions = pd.DataFrame({"soort": LEERVRAAG,
                              "item": [cluster_item(n) for n in nrs],
                              "label": cl["label"].astype("string").to_numpy(),
                              "theme": theme_of.reindex(nrs).to_numpy(),
                              "cluster": nrs.to_numpy()})
    items = pd.concat([themes, questions], ignore_index=True)
    items["volgorde"] = range(len(items))
    return items.astype({"soort": SoortDtype, "item": "string", "label": "string",
                         "theme": "string", "cluster": "Int64", "volgorde": "int64"})


def build_interest(items: pd.DataFrame, themes_interest: pd.DataFrame,
                   learning: pd.DataFrame) -> pd.DataFrame:
    """``item``, ``gemeente_code`` for every item of ``items``."""
    per_theme = themes_interest.rename(columns={"theme": "item"})[["item", "gemeente_code"]]
    per_cluster = pd.DataFrame({
        "item": [cluster_item(c) for c in learning["cluster"]],
        "gemeente_code": learning["gemeente_code"].to_numpy()})
    both = pd.concat([per_theme.astype("string"), per_cluster.astype("string")],
                     ignore_index=True)
    both = both[both["item"].isin(items["item"])]
    return both.drop_duplicates().sort_values(["item", "gemeente_code"], ignore_index=True)


def municipality_forms(answers: pd.DataFrame, responses: pd.DataFrame) -> pd.DataFrame:
    """``gemeente_code``, ``vorm``: the forms chosen by any respondent of the municipality."""
    a = answers.loc[answers["question_id"].astype("string") == "vorm",
                    ["response_id", "item", "value"]]
    a = a[a["value"].astype("Float64").fillna(1).gt(0)]
    out = (a.astype({"response_id": "string", "item": "string"})
           .merge(_gemeente_per_response(responses), on="response_id")
           [["gemeente_code", "item"]].rename(columns={"item": "vorm"}))
    out = out[out["vorm"].isin(list(form_labels()))]
    return out.drop_duplicates().sort_values(["gemeente_code", "vorm"], ignore_index=True)


def from_theme_scores(scores: pd.DataFrame, responses: pd.DataFrame
                      ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``municipalities`` and ``municipality_themes`` from ``themes.gemeente_scores``."""
    names = (responses[["gemeente_code", "gemeente_naam"]]
             .astype({"gemeente_code": "string", "gemeente_naam": "string"})
             .dropna(subset=["gemeente_code"])
             .sort_values(["gemeente_code", "gemeente_naam"])
             .drop_duplicates("gemeente_code"))
    if "borda" not in scores.columns:
        scores = scores.assign(borda=pd.NA)
    mt = scores[["gemeente_code", "theme", "urgentie", "urgent", "trekker", "borda"]].astype(
        {"gemeente_code": "string", "theme": "string", "urgentie": "Float64",
         "urgent": "Float64", "trekker": "boolean", "borda": "Float64"})
    positions = (scores[["gemeente_code", "positie"]].astype({"gemeente_code": "string"})
                 .dropna(subset=["gemeente_code"])
                 .sort_values("gemeente_code", kind="stable")
                 .drop_duplicates("gemeente_code"))
    municipalities = names.merge(positions, on="gemeente_code", how="left")
    municipalities["positie"] = municipalities["positie"].astype("string").astype(PositieDtype)
    municipalities["gemeente_naam"] = municipalities["gemeente_naam"].fillna(
        municipalities["gemeente_code"])
    return (municipalities.sort_values("gemeente_code", ignore_index=True),
            mt.sort_values(["gemeente_code", "theme"], ignore_index=True))

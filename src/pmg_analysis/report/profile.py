"""The municipality pages (``notebooks/gemeenteprofiel.ipynb``): one municipality's answers
next to the PMG average and its position group, its learning questions and the clusters they
fall in, and the leerkringen it is proposed for.

The computations are the other modules' (:func:`pmg_analysis.themes.gemeente_scores` and
:func:`~pmg_analysis.themes.theme_scores`, :func:`pmg_analysis.text.learning_needs`,
:func:`pmg_analysis.prioritise.plan`), computed once per run (:mod:`pmg_analysis.results`);
:func:`compute_profile_data` gathers them once for all municipality pages of a run (the report
build runs them in one kernel: :func:`pmg_analysis.sections.load`), and the functions below
only select one municipality's rows and give them Dutch column names. Sentences are in
:func:`intro_sentence` and friends, apart from the frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pmg_analysis.paths import PROCESSED

ALL_GROUP = "Alle gemeenten"  # the group label of theme_scores without ``by``
MEASURE = "urgentie"  # the comparison chart shows the combined urgency (1..5) per theme
QUESTION_KINDS = {"leervraag": "Leervraag", "samen": "Samen oppakken"}


@dataclass(frozen=True)
class ProfileData:
    """Everything the municipality pages need, computed once from the processed tables."""

    responses: pd.DataFrame
    texts: pd.DataFrame
    gemeente: pd.DataFrame  # themes.gemeente_scores: gemeente_code x theme
    pmg: pd.DataFrame  # themes.theme_scores, all municipalities
    per_positie: pd.DataFrame  # themes.theme_scores by position type
    clusters: pd.DataFrame  # text.learning_needs(...).needs
    members: pd.DataFrame  # text.learning_needs(...).members
    groepen: pd.DataFrame  # prioritise leerkringen: one row per proposed group
    leden: pd.DataFrame  # prioritise leerkringen: leerkring x gemeente_code (rol)
    positions_sentence: str  # where the positions come from (manifest)


def compute_profile_data(tables: dict[str, pd.DataFrame], manifest, results) -> ProfileData:
    """:class:`ProfileData` from the processed tables, their manifest and the analysis results
    computed once for them (:func:`pmg_analysis.results.load_results`)."""
    return ProfileData(
        responses=tables["responses"], texts=tables["texts"],
        gemeente=results.gemeente_scores, pmg=results.theme_scores,
        per_positie=results.theme_scores_positie,
        clusters=results.needs.needs, members=results.needs.members,
        groepen=results.plan.leerkringen.groepen, leden=results.plan.leerkringen.leden,
        positions_sentence=manifest.positions.sentence if manifest.positions else "",
    )


def municipality(data: ProfileData, code: str) -> dict[str, object]:
    """Name, position type and number of respondents of one municipality."""
    from pmg_analysis.regions.respondents import positie

    rows = data.responses[data.responses["gemeente_code"].astype("string") == code]
    if rows.empty:
        raise KeyError(f"no responses from municipality {code}")
    types = positie(rows).dropna()
    return {"code": code, "naam": str(rows["gemeente_naam"].iloc[0]),
            "positie": str(types.iloc[0]) if len(types) else None,
            "n_respondenten": len(rows)}


def theme_comparison(data: ProfileData, code: str, measure: str = MEASURE) -> pd.DataFrame:
    """Long: per theme the municipality's value, its position group's and the PMG average
    (``theme``, ``reeks`` in that order, ``waarde``) for ``measure``."""
    from pmg_analysis.plots import POSITION_LABELS

    info = municipality(data, code)
    own = data.gemeente[data.gemeente["gemeente_code"].astype("string") == code]
    series = [(f"{info['naam']}", own.set_index("theme")[measure])]
    if info["positie"] is not None:
        group = data.per_positie[(data.per_positie["measure"] == measure)
                                 & (data.per_positie["group"].astype("string")
                                    == info["positie"])]
        label = POSITION_LABELS.get(info["positie"], info["positie"])
        series.append((f"Gemiddelde {label.lower()}", group.set_index("theme")["estimate"]))
    pmg = data.pmg[data.pmg["measure"] == measure]
    series.append(("Gemiddelde alle PMG-gemeenten", pmg.set_index("theme")["estimate"]))
    themes = list(data.gemeente["theme"].cat.categories)
    frames = [pd.DataFrame({"theme": themes, "reeks": name,
                            "waarde": values.reindex(themes).astype("Float64").to_numpy()})
              for name, values in series]
    out = pd.concat(frames, ignore_index=True)
    out["theme"] = pd.Categorical(out["theme"], categories=themes)
    out["reeks"] = pd.Categorical(out["reeks"], categories=[n for n, _ in series])
    return out


def theme_table(data: ProfileData, code: str) -> pd.DataFrame:
    """Per theme: the municipality's urgency, share ranked first, Borda points and whether it
    offered to lead, beside the PMG averages (Dutch column names)."""
    from pmg_analysis.plots import THEME_LABELS

    own = data.gemeente[data.gemeente["gemeente_code"].astype("string") == code]
    own = own.set_index("theme")
    from pmg_analysis.themes import MEASURES

    # a measure nobody answered (no ranking in this round, say) has no rows: its column is NA
    pmg = data.pmg.pivot_table(index="theme", columns="measure", values="estimate",
                               observed=True, aggfunc="first").reindex(columns=list(MEASURES))
    themes = list(data.gemeente["theme"].cat.categories)
    out = pd.DataFrame({
        "Thema": [THEME_LABELS.get(t, t) for t in themes],
        "Urgentie (1–5)": own["urgentie"].reindex(themes).to_numpy(),
        "Urgentie PMG": pmg["urgentie"].reindex(themes).astype("Float64").to_numpy(),
        "Prioriteit (Borda 0–3)": own["borda"].reindex(themes).to_numpy(),
        "Prioriteit PMG": pmg["borda"].reindex(themes).astype("Float64").to_numpy(),
        "Wil trekker zijn": own["trekker"].reindex(themes).map(
            {True: "ja", False: "nee"}).fillna("–").to_numpy(),
    })
    return out


def comparison_chart(data: ProfileData, code: str, measure: str = MEASURE):
    """The dot chart of :func:`theme_comparison`, or, when nobody in this export answered the
    urgency questions, the Dutch sentence saying so and what would make the chart possible."""
    from pmg_analysis import plots

    frame = theme_comparison(data, code, measure)
    if frame["waarde"].isna().all():
        return ("Geen gemeente beantwoordde in deze export de vragen naar de urgentie van de "
                "thema's; met antwoorden op die vragen staat hier de urgentie van de gemeente "
                "naast het gemiddelde.")
    return plots.dot_comparison(frame, category="theme", series="reeks", value="waarde",
                                labels=plots.THEME_LABELS, value_range=(1, 5),
                                title="Urgentie per thema", value_title="urgentie (1–5)")


def learning_questions(data: ProfileData, code: str) -> pd.DataFrame:
    """The municipality's own learning questions ({theme}_leervraag and {theme}_samen texts,
    redacted as in ``texts``), one row per text, with the needs its sentences fall in."""
    from pmg_analysis.plots import THEME_LABELS

    ids = data.responses.loc[data.responses["gemeente_code"].astype("string") == code,
                             "response_id"].astype("string")
    texts = data.texts[data.texts["response_id"].astype("string").isin(set(ids))].copy()
    qid = texts["question_id"].astype("string")
    kind = qid.str.split("_", n=1).str[1]
    texts = texts[kind.isin(list(QUESTION_KINDS))]
    kind = kind[texts.index]
    members = data.members.assign(response_id=data.members["response_id"].astype("string"),
                                  question_id=data.members["question_id"].astype("string"))
    labels = data.clusters.set_index("cluster")["label"]
    merged = texts.assign(response_id=texts["response_id"].astype("string"),
                          question_id=texts["question_id"].astype("string"),
                          soort=kind.map(QUESTION_KINDS)).merge(
        members[["response_id", "question_id", "cluster"]], how="left",
        on=["response_id", "question_id"])
    # a text's sentences can fall in different needs: one row per text, its needs listed
    merged["cluster"] = [f"{c}: {labels.get(c, '')}" if pd.notna(c) else None
                         for c in merged["cluster"].astype("Int64")]
    merged = (merged.groupby(["response_id", "question_id"], sort=False, observed=True)
              .agg(soort=("soort", "first"), text=("text", "first"),
                   cluster=("cluster", lambda c: "; ".join(dict.fromkeys(c.dropna())) or "–"))
              .reset_index())
    theme = merged["question_id"].str.split("_").str[0]
    out = pd.DataFrame({
        "Thema": theme.map(lambda t: THEME_LABELS.get(t, t)),
        "Vraag": merged["soort"],
        "Tekst": merged["text"].astype("string"),
        "Leerbehoeften": merged["cluster"],
    })
    order = {t: i for i, t in enumerate(THEME_LABELS.values())}
    return (out.assign(_t=out["Thema"].map(order), _v=out["Vraag"])
            .sort_values(["_t", "_v", "Tekst"], kind="stable")
            .drop(columns=["_t", "_v"]).reset_index(drop=True))


def needs_of(data: ProfileData, code: str) -> pd.DataFrame:
    """The learning needs the municipality's questions fall in, with how many municipalities
    share them (rank 1 = asked by most)."""
    from pmg_analysis.plots import THEME_LABELS

    ids = set(data.responses.loc[data.responses["gemeente_code"].astype("string") == code,
                                 "response_id"].astype("string"))
    own = data.members[data.members["response_id"].astype("string").isin(ids)]
    chosen = data.clusters[data.clusters["cluster"].isin(own["cluster"].dropna().unique())]
    return pd.DataFrame({
        "Rang": chosen["cluster"].astype("Int64").to_numpy(),
        "Leerbehoefte": chosen["label"].astype("string").to_numpy(),
        "Thema": chosen["theme"].astype("string").map(
            lambda t: THEME_LABELS.get(t, t)).to_numpy(),
        "Opgave": chosen["opgave_tekst"].astype("string").to_numpy(),
        "Gemeenten met deze vraag": chosen["n_gemeenten"].astype("Int64").to_numpy(),
    }).sort_values("Rang", kind="stable").reset_index(drop=True)


def leerkringen_of(data: ProfileData, code: str) -> pd.DataFrame:
    """The proposed leerkringen the municipality is in: its role, the learning question, the
    form and the other members."""
    rows = data.leden[data.leden["gemeente_code"].astype("string") == code]
    groups = data.groepen.set_index("leerkring")
    out = []
    for _, row in rows.sort_values("leerkring", kind="stable").iterrows():
        group = groups.loc[row["leerkring"]]
        others = data.leden[(data.leden["leerkring"] == row["leerkring"])
                            & (data.leden["gemeente_code"].astype("string") != code)]
        out.append({
            "Leerkring": int(row["leerkring"]),
            "Leervraag": str(group["label"]),
            "Rol": str(row["rol"]),
            "Vorm": str(group["vorm"]),
            "Trekker": str(group["trekker"]) or "–",
            "Andere gemeenten": "; ".join(sorted(others["gemeente_naam"].astype(str))),
        })
    return pd.DataFrame(out, columns=["Leerkring", "Leervraag", "Rol", "Vorm", "Trekker",
                                      "Andere gemeenten"])


# --- Dutch sentences ------------------------------------------------------------------------

def intro_sentence(data: ProfileData, code: str) -> str:
    """"Woerden: 2 respondenten; positie in de regio: ...". The municipality by name only;
    where the positions come from stands once, at the foot of the page."""
    from pmg_analysis.plots import POSITION_LABELS

    info = municipality(data, code)
    n = info["n_respondenten"]
    who = f"{n} respondent" + ("en" if n != 1 else "")
    where = (POSITION_LABELS.get(info["positie"], info["positie"]).lower()
             if info["positie"] else "onbekend")
    return f"{info['naam']}: {who}; positie in de regio: {where}."


COMPARISON_HEADING = "Verandering sinds de vorige ronde"  # its own section on the page


def comparison_lines(out_dir: str | Path | None, code: str) -> list[str]:
    """The municipality's own change since the previous round when a comparison is stored
    (``pmg-analysis report --vorige``), else nothing. A municipality formed after the previous
    round first says whose answers it has then ("De antwoorden van 2017 kwamen van
    Hoogezand-Sappemeer."), named from the stored mapping of the municipalities."""
    from pmg_analysis.rounds.store import load_comparison, municipality_part, stored

    out_dir = Path(out_dir or PROCESSED)
    if not stored(out_dir):
        return []
    comparison, _, _ = load_comparison(out_dir)
    lines = municipality_part(out_dir, code)
    sentence = predecessors_sentence(comparison.mapping, code, _previous_round(out_dir))
    return [sentence, *lines] if sentence else lines


def predecessors_sentence(mapping: pd.DataFrame, code: str,
                          previous: tuple[set[str], str]) -> str | None:
    """Whose answers of the previous round count for ``code`` now, when any came from a
    municipality that has since joined it; ``previous`` is (the codes that answered the
    previous round, its name such as "2017"). None when none did.

    >>> mapping = pd.DataFrame({"oude_code": ["GM0018", "GM1987"], "nieuwe_code": ["GM1952"] * 2,
    ...                         "oude_naam": ["Hoogezand-Sappemeer", "Menterwolde"]})
    >>> predecessors_sentence(mapping, "GM1952", ({"GM0018", "GM1987"}, "2017"))
    'De antwoorden van 2017 kwamen van Hoogezand-Sappemeer en Menterwolde.'
    """
    from pmg_analysis.report.index import municipality_names

    if mapping.empty or "nieuwe_code" not in mapping:
        return None
    rows = mapping[mapping["nieuwe_code"].astype("string") == code]
    if rows.empty:
        return None
    codes, label = previous
    names = list(dict.fromkeys(rows["oude_naam"].astype(str)))
    if code in codes:  # it existed then too and answered itself
        names.insert(0, municipality_names().get(code, code))
    joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"
    return f"De antwoorden van {label} kwamen van {joined}."


def _previous_round(out_dir: Path) -> tuple[set[str], str]:
    """The municipality codes of the previous round's responses and its name for a sentence:
    the year of its last submission, else "de vorige ronde"."""
    from pmg_analysis import catalog
    from pmg_analysis.rounds.store import PREVIOUS_SUBDIR

    path = catalog.RESPONSES.path(Path(out_dir) / PREVIOUS_SUBDIR)
    if not path.is_file():
        return set(), "de vorige ronde"
    old = pd.read_parquet(path, columns=["gemeente_code", "submitted_at"])
    last = pd.to_datetime(old["submitted_at"], errors="coerce").max()
    label = f"{last.year}" if pd.notna(last) else "de vorige ronde"
    return set(old["gemeente_code"].dropna().astype(str)), label


def leerkringen_sentence(table: pd.DataFrame, naam: str) -> str:
    """One line above the leerkringen table (or saying there are none)."""
    if table.empty:
        return (f"{naam} is (nog) niet voorgesteld voor een leerkring: de leerkringen gaan over "
                "de leervragen met de meeste belangstelling, en elke gemeente zit in een beperkt "
                "aantal groepen.")
    n = len(table)
    return f"{naam} is voorgesteld voor {n} leerkring{'en' if n != 1 else ''}."

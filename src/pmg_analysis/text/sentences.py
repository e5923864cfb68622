"""Dutch sentences and readable tables for the learning-needs report (notebook 04).

Kept apart from the computations: every function takes frames computed by :mod:`.coder` or
:mod:`.needs` and returns Dutch text or a table with Dutch column names.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from pmg_analysis.instrument import load_instrument
from pmg_analysis.text.codebook import Codebook
from pmg_analysis.text.needs import VOORSTEL, LearningNeeds, terms_of
from pmg_analysis.text.terms import TermCheck
from pmg_analysis.text.ties import Choice, tie_text

NO_QUESTIONS = ("Er zijn geen leervragen ingevuld (de open vragen naar leervragen en naar wat "
                "gemeenten samen willen oppakken zijn leeg), dus er zijn geen leerbehoeften om "
                "te tonen.")


def _gemeenten(n: int) -> str:
    return f"{n} gemeente" if n == 1 else f"{n} gemeenten"


def needs_summary(result: LearningNeeds) -> str:
    """One paragraph: how many questions, from how many municipalities, in how many needs of the
    codebook and how many suggested new needs, and how many were near ties.

    Examples
    --------
    >>> from pmg_analysis.text.needs import _empty
    >>> needs_summary(_empty()).startswith("Er zijn geen leervragen")
    True
    """
    if result.empty:
        return NO_QUESTIONS
    n = result.needs
    m = result.members
    book = n[n["bron"] != VOORSTEL]
    sugg = n[n["bron"] == VOORSTEL]
    in_book = int(m["need"].isin(book["need"]).sum())
    top = n.iloc[0]
    tie = m["tie"].fillna(False).astype(bool)
    two_needs = tie & m["alternatief"].notna() & ~m["need"].astype(str).str.startswith("nieuw_")
    ties, near_threshold = int(two_needs.sum()), int((tie & ~two_needs).sum())
    context = len(result.context)
    parts = [
        f"{len(m)} leervragen uit {m['response_id'].nunique()} ingevulde vragenlijsten: "
        f"{in_book} passen bij {len(book)} leerbehoeften uit het codeboek, {len(m) - in_book} "
        f"bij geen ervan; die zijn gegroepeerd in {len(sugg)} voorgestelde nieuwe "
        f"leerbehoeften.",
        f"De leerbehoefte die de meeste gemeenten noemen is \u201c{top['label']}\u201d "
        f"({_gemeenten(int(top['n_gemeenten']))}).",
    ]
    if ties:
        parts.append(f"Bij {_vragen(ties)} lagen twee leerbehoeften te dicht bij elkaar om te "
                     f"kiezen; de tabel noemt ze allebei.")
    if near_threshold:
        parts.append(f"Bij {_vragen(near_threshold)} lag de score te dicht bij de drempel om te "
                     f"kiezen tussen een leerbehoefte uit het codeboek en geen; de tabel noemt "
                     f"die leerbehoefte.")
    if context:
        parts.append(f"{context} {'zin had' if context == 1 else 'zinnen hadden'} geen eigen "
                     f"onderwerp (zoals \u201cGraag een leerkring hierover.\u201d) of "
                     f"{'lichtte' if context == 1 else 'lichtten'} een andere vraag in hetzelfde "
                     f"antwoord toe; {'die telt' if context == 1 else 'ze tellen'} niet als "
                     f"leerbehoefte.")
    return " ".join(parts)


def _vragen(n: int) -> str:
    return f"{n} vraag" if n == 1 else f"{n} vragen"


def _theme_names() -> dict[str, str]:
    return {t.code: t.name for t in load_instrument().themes}


def _opgave_names() -> dict[str, str]:
    """Opgave code -> its text in the questionnaire ("EF1" -> "Wonen: doorstroming, ...")."""
    instrument = load_instrument()
    return {o.id: o.text for t in instrument.theme_codes
            for o in instrument[f"{t}_opgaven"].options}


NEED_COLUMNS = ["Rang", "Leerbehoefte", "Bron", "Thema", "Opgave", "Gemeenten", "Vragen",
                "Twijfel", "Voorbeelden"]


def needs_table(result: LearningNeeds, *, top: int | None = None,
                bron: str | None = None, after: int = 0) -> pd.DataFrame:
    """The ranked needs as a readable table, with up to three example quotes each.

    Columns: ``Rang``, ``Leerbehoefte``, ``Bron`` (codeboek / voorstel), ``Thema``, ``Opgave``,
    ``Gemeenten``, ``Vragen``, ``Twijfel`` (questions that were a near tie with another need),
    ``Voorbeelden`` (quotes separated by " · "). ``bron`` keeps one source only; ``after``
    leaves out the needs ranked up to it (the rest after a top 15 shown already).
    """
    if result.empty:
        return pd.DataFrame(columns=NEED_COLUMNS)
    quotes = (result.quotes.sort_values(["cluster", "rank"])
              .groupby("cluster")["text"].agg(lambda q: " · ".join(q)))
    c = result.needs if bron is None else result.needs[result.needs["bron"] == bron]
    c = c[c["cluster"] > after]
    c = c if top is None else c.head(top)
    names = _theme_names()
    return pd.DataFrame({
        "Rang": c["cluster"].astype("Int64"),
        "Leerbehoefte": c["label"],
        "Bron": c["bron"].astype(str),
        "Thema": c["theme"].astype(object).map(names.get),
        "Opgave": c["opgave_tekst"],
        "Gemeenten": c["n_gemeenten"],
        "Vragen": c["n_teksten"],
        "Twijfel": c["n_twijfel"],
        "Voorbeelden": c["cluster"].map(quotes),
    }).reset_index(drop=True)


def near_ties_table(result: LearningNeeds) -> pd.DataFrame:
    """The questions where two needs lay too close to choose: the question and both needs.

    Examples
    --------
    >>> from pmg_analysis.text.needs import _empty
    >>> near_ties_table(_empty()).columns.tolist()
    ['Vraag', 'Leerbehoefte']
    """
    m = result.members[result.members["tie"].fillna(False)]
    names = dict(zip(result.needs["need"], result.needs["label"], strict=True))
    rows = [(t, _tie_words(str(n), None if pd.isna(a) else str(a), names))
            for t, n, a in zip(m["text"], m["need"], m["alternatief"], strict=True)]
    return pd.DataFrame(rows, columns=["Vraag", "Leerbehoefte"])


def _tie_words(need: str, other: str | None, names: dict[str, str]) -> str:
    """Two needs too close to choose, or a need and none: a score near the lowest score that
    assigns a need (the question then goes to a suggested new need, or stays with the need).

    Examples
    --------
    Names only: a reader sees no need ids.

    >>> _tie_words("n1", "n2", {"n1": "Wonen", "n2": "Werk"})
    'Wonen of Werk (te dicht bij elkaar om te kiezen)'
    >>> _tie_words("n1", None, {"n1": "Wonen"})
    'Wonen of geen behoefte uit het codeboek (te dicht bij de drempel om te kiezen)'
    """
    if other is not None and other in names and need in names and \
            not (need.startswith("nieuw_") or other.startswith("nieuw_")):
        return (f"{names[need]} of {names[other]} (te dicht bij elkaar om te kiezen)")
    codebook_need = other if need.startswith("nieuw_") and other else need
    name = names.get(codebook_need, "een leerbehoefte uit het codeboek")
    return f"{name} of geen behoefte uit het codeboek (te dicht bij de drempel om te kiezen)"


def why_table(result: LearningNeeds, *, n: int = 10) -> pd.DataFrame:
    """Why questions got their need: the terms found and the closest example, for the ``n``
    clearest assignments of the codebook (most terms found, then alphabetical: an order that
    does not hinge on the processor)."""
    m = result.members[result.members["need"].isin(
        result.needs.loc[result.needs["bron"] != VOORSTEL, "need"])]
    n_terms = m["termen"].map(lambda t: len(terms_of(t)))
    m = m.assign(_terms=n_terms).sort_values(["_terms", "text"], ascending=[False, True]).head(n)
    names = dict(zip(result.needs["need"], result.needs["label"], strict=True))
    return pd.DataFrame({
        "Vraag": m["text"].astype(str),
        "Leerbehoefte": m["need"].map(names),
        "Gevonden termen": m["termen"].map(lambda t: "; ".join(terms_of(t))),
        "Dichtstbijzijnde voorbeeld": m["voorbeeld"].fillna(""),
        "Score": m["score"].round(2),
    }).reset_index(drop=True)


def ranking_table(ranking: pd.DataFrame, *, top: int = 5,
                  group_labels: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The ``top`` needs per group (position type) side by side, as readable text.

    One row per rank, one column per group: "leerbehoefte (n gemeenten)".
    """
    if ranking.empty:
        return pd.DataFrame(columns=["Rang"])
    labels = group_labels or {}
    best = ranking[ranking["rank"] <= top].copy()
    best["cel"] = [f"{lab} ({_gemeenten(int(n))})"
                   for lab, n in zip(best["label"], best["n_gemeenten"], strict=True)]
    best["groep"] = best["group"].astype(str).map(lambda g: labels.get(g, g))
    wide = best.pivot(index="rank", columns="groep", values="cel")
    order = [labels.get(str(g), str(g)) for g in best["group"].drop_duplicates()]
    wide = wide[[g for g in order if g in wide.columns]].fillna("")
    return wide.rename_axis(None, axis=1).rename_axis("Rang").reset_index()


def theme_vs_question(coded: pd.DataFrame) -> pd.DataFrame:
    """Crosstab: the theme of the question answered (rows) × the theme the text is about.

    Only texts with both (opmerkingen have no question theme, empty texts no text theme).
    """
    themes = list(_theme_names())
    names = _theme_names()
    both = coded.dropna(subset=["question_theme", "theme"])
    table = pd.crosstab(pd.Categorical(both["question_theme"], categories=themes),
                        pd.Categorical(both["theme"], categories=themes), dropna=False)
    table.index = [names[t] for t in table.index]
    table.columns = [names[t] for t in table.columns]
    return table


def theme_vs_question_summary(coded: pd.DataFrame) -> str:
    """A sentence on how many texts are about another theme than the question they answer."""
    both = coded.dropna(subset=["question_theme", "theme"])
    if both.empty:
        return "Er zijn geen open antwoorden bij de thema's om te vergelijken."
    other = both[both["question_theme"].astype(str) != both["theme"].astype(str)]
    share = len(other) / len(both)
    ties = int(both["theme_tie"].sum())
    noun = "antwoord" if ties == 1 else "antwoorden"
    said = (f" Bij {ties} {noun} liggen twee of meer thema's te dicht bij elkaar om te kiezen; "
            f"die tellen bij het eerste daarvan in de volgorde van de vragenlijst, zodat de "
            f"uitkomst op elke computer dezelfde is." if ties else "")
    return (f"Van de {len(both)} open antwoorden bij een thema gaan er {len(other)} "
            f"({share:.0%}) volgens de tekstcodering vooral over een ander thema dan de vraag "
            f"waarop ze antwoorden. Zulke antwoorden tellen bij het thema waar ze over gaan."
            + said)


def _choice(row: pd.Series, kind: str) -> Choice:
    best = row[kind]
    if pd.isna(best):
        return Choice(None, False, ())
    return Choice(str(best), bool(row[f"{kind}_tie"]), tuple(row[f"{kind}_candidates"]))


def other_theme_examples(coded: pd.DataFrame, *, n: int = 8) -> pd.DataFrame:
    """Texts about another theme than their question: the clearest ``n`` (highest score)."""
    names = _theme_names()
    both = coded.dropna(subset=["question_theme", "theme"])
    other = both[both["question_theme"].astype(str) != both["theme"].astype(str)].copy()
    other["score"] = [row[str(t)] for t, (_, row) in zip(other["theme"], other.iterrows(),
                                                          strict=True)]
    other = other.sort_values(["score", "text"], ascending=[False, True]).head(n)
    return pd.DataFrame({
        "Vraag bij thema": other["question_theme"].astype(str).map(names.get),
        "Tekst gaat over": [tie_text(_choice(row, "theme"), names)
                            for _, row in other.iterrows()],
        "Opgave": [tie_text(_choice(row, "opgave"), _opgave_names())
                   for _, row in other.iterrows()],
        "Tekst": other["text"].astype(str),
    }).reset_index(drop=True)


def lexicon_table(found: pd.DataFrame, *, top: int = 15) -> pd.DataFrame:
    """The lexicon words found most often, per theme: what the explainable part relies on.

    ``found`` is the output of :func:`pmg_analysis.text.explain`.
    """
    if found.empty:
        return pd.DataFrame(columns=["Thema", "Lexiconwoord", "Gevonden als", "Teksten"])
    names = _theme_names()
    counts = (found.groupby(["theme", "term"], observed=True)
              .agg(teksten=("tekst", "nunique"),
                   vormen=("gevonden", lambda v: ", ".join(sorted(set(v))[:4])))
              .reset_index()
              .sort_values(["teksten", "theme", "term"], ascending=[False, True, True])
              .head(top))
    return pd.DataFrame({
        "Thema": counts["theme"].astype(str).map(names.get),
        "Lexiconwoord": counts["term"],
        "Gevonden als": counts["vormen"],
        "Teksten": counts["teksten"],
    }).reset_index(drop=True)


def unmatched_table(coded: pd.DataFrame, found: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """Answers to theme questions in which the lexicon found nothing (the embedding alone
    labelled them): candidates for new lexicon words. Closing remarks (opmerkingen) are left
    out: they are about the survey, not a theme. ``coded`` and ``found`` share the text index."""
    names = _theme_names()
    texts = coded[(coded["text"].astype(str).str.strip() != "")
                  & coded["question_theme"].notna()]
    missing = texts[~texts.index.isin(found["tekst"])]
    missing = missing.drop_duplicates("text").sort_values("text").head(n)
    return pd.DataFrame({
        "Tekst": missing["text"].astype(str),
        "Thema (embedding)": [tie_text(_choice(row, "theme"), names)
                              for _, row in missing.iterrows()],
    }).reset_index(drop=True)


def lexicon_summary(coded: pd.DataFrame, found: pd.DataFrame) -> str:
    """A sentence on how many texts the lexicon explains."""
    texts = coded[coded["text"].astype(str).str.strip() != ""]
    if texts.empty:
        return "Er zijn geen open antwoorden."
    hit = texts.index.isin(found["tekst"]).sum()
    return (f"In {hit} van de {len(texts)} open antwoorden ({hit / len(texts):.0%}) vond het "
            f"lexicon minstens één woord; die woorden verklaren (mede) het gekozen thema. Voor "
            f"de overige antwoorden besliste de vergelijking met de themabeschrijvingen "
            f"(embedding) alleen. Een onderzoeker kan woorden aan het lexicon toevoegen.")


# ------------------------------------------------------------------------------ the term check
def term_check_summary(check: TermCheck) -> str:
    """One paragraph on the codebook's terms: how many found questions, which never can, which
    repeat another, which stand in several needs and how many decide a need on their own.

    Examples
    --------
    >>> from pmg_analysis.text.terms import term_check
    >>> from pmg_analysis.text.codebook import load_codebook
    >>> q = pd.DataFrame({"text": ["Hoe komen we van het gas af?"]})
    >>> from pmg_analysis.text.needs import NeedConfig
    >>> from pmg_analysis.text.coder import TextConfig
    >>> cfg = NeedConfig(text=TextConfig(use_embeddings=False))
    >>> term_check_summary(term_check(load_codebook(), q, config=cfg)).split(";")[0]
    '1 termen uit het codeboek vonden samen 1 vragen'
    """
    m = check.matches
    parts = [f"{m['term'].nunique() if len(m) else 0} termen uit het codeboek vonden samen "
             f"{m['text'].nunique() if len(m) else 0} vragen"]
    parts.append(f"{len(check.never)} termen kunnen nooit iets vinden" if len(check.never)
                 else "elke term kan iets vinden")
    if len(check.duplicates):
        parts.append(f"{len(check.duplicates)} termen vinden niets meer dan een andere vorm "
                     f"van hetzelfde woord bij dezelfde leerbehoefte")
    if len(check.shared):
        parts.append(f"{check.shared['term_key'].nunique()} woorden staan bij meer dan één "
                     f"leerbehoefte")
    changed = check.without
    parts.append(f"zonder één term zou bij {changed['text'].nunique()} vragen de leerbehoefte "
                 f"veranderen (tabel)" if len(changed) else
                 "geen enkele term beslist op zichzelf over een leerbehoefte")
    return "; ".join(parts) + "."


def term_table(check: TermCheck, book: Codebook) -> pd.DataFrame:
    """Per term that found something: its need (by name), how many questions it found, in what
    form, and at how many of them the need would change without it.

    Examples
    --------
    >>> from pmg_analysis.text.terms import TermCheck
    >>> empty = TermCheck(*[pd.DataFrame(columns=c) for c in (
    ...     ["need", "term", "text", "gevonden"], ["need", "term", "reden"],
    ...     ["need", "term", "zelfde_als"], ["term_key", "term", "need"],
    ...     ["need", "term", "text", "nu", "zonder"])])
    >>> term_table(empty, Codebook((), "")).columns.tolist()
    ['Term', 'Leerbehoefte', 'Vragen', 'Gevonden als', 'Beslissend']
    """
    cols = ["Term", "Leerbehoefte", "Vragen", "Gevonden als", "Beslissend"]
    m = check.matches
    if m.empty:
        return pd.DataFrame(columns=cols)
    names = {n.id: n.naam for n in book.needs}
    per = (m.groupby(["need", "term"])
           .agg(vragen=("text", "nunique"),
                vormen=("gevonden", lambda v: ", ".join(sorted(set(v))[:3])))
           .reset_index())
    decisive = check.without.groupby(["need", "term"])["text"].nunique()
    per["beslissend"] = [int(decisive.get((n, t), 0)) for n, t in zip(per["need"], per["term"],
                                                                     strict=True)]
    per = per.sort_values(["vragen", "need", "term"], ascending=[False, True, True])
    return pd.DataFrame({"Term": per["term"], "Leerbehoefte": per["need"].map(names),
                         "Vragen": per["vragen"], "Gevonden als": per["vormen"],
                         "Beslissend": per["beslissend"]}, columns=cols).reset_index(drop=True)


def term_problems_table(check: TermCheck, book: Codebook) -> pd.DataFrame:
    """Terms a researcher may want to change: never found, a repeat of another form, or listed
    in several needs, with the reason in words."""
    names = {n.id: n.naam for n in book.needs}
    why = {"geen_woorden": "heeft geen letters", "vindt_zichzelf_niet": "vindt zichzelf niet"}
    rows = [(t, names.get(n, n), f"kan nooit iets vinden: {why.get(r, r)}")
            for n, t, r in check.never[["need", "term", "reden"]].itertuples(index=False)]
    rows += [(t, names.get(n, n), f"andere vorm van '{s}', telt niet extra")
             for n, t, s in check.duplicates[["need", "term", "zelfde_als"]].itertuples(
                 index=False)]
    for _, group in check.shared.groupby("term_key", sort=True):
        needs = [names.get(n, n) for n in group["need"]]
        rows += [(str(group["term"].iloc[0]), " · ".join(needs),
                  "staat bij meer leerbehoeften")]
    return pd.DataFrame(rows, columns=["Term", "Leerbehoefte", "Opmerking"])


def term_changes_table(check: TermCheck, book: Codebook, *, n: int = 15) -> pd.DataFrame:
    """Questions whose need would change without one term: the term, the need now and without
    it (by name; "geen" when the question would fit no need)."""
    names = {n_.id: n_.naam for n_ in book.needs}
    w = check.without.head(n)
    return pd.DataFrame({
        "Vraag": w["text"].astype(str),
        "Term": w["term"].astype(str),
        "Nu": w["nu"].map(lambda x: names.get(x, x) if pd.notna(x) else "geen"),
        "Zonder de term": w["zonder"].map(lambda x: names.get(x, x) if pd.notna(x) else "geen"),
    }).reset_index(drop=True)

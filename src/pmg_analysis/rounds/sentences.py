"""Dutch sentences about the change between two rounds; they only format computed tables."""

from __future__ import annotations

import math

import pandas as pd

from pmg_analysis.instrument import load_instrument

MEASURE_NAMES = {"urgentie": "de gemiddelde urgentie", "urgent": "het aandeel dat het urgent vindt",
                 "borda": "de gemiddelde Bordascore", "eerste": "het aandeel met dit thema op 1"}
ITEM_MEASURE_NAMES = {"gekozen": "het aandeel dat deze opgave koos",
                      "eens": "het aandeel dat het (helemaal) eens is",
                      "gemiddelde": "het gemiddelde antwoord (1-5)"}
SHARES = frozenset({"urgent", "eerste", "gekozen", "eens"})


def _num(value: float, measure: str) -> str:
    if measure in SHARES:
        return f"{value * 100:.0f}%".replace(".", ",")
    return f"{value:.2f}".replace(".", ",")


def _diff(value: float, measure: str) -> str:
    if measure in SHARES:
        return f"{value * 100:+.0f} procentpunt".replace(".", ",")
    return f"{value:+.2f}".replace(".", ",")


def _theme(code: str) -> str:
    try:
        return load_instrument().theme_name(code)
    except StopIteration:
        return code


def mapping_sentences(mapping: pd.DataFrame) -> list[str]:
    """One sentence per mapping applied to the older round, or one that none was needed."""
    if mapping.empty:
        return ["Geen gemeente uit de vorige ronde is sindsdien heringedeeld."]
    return [f"{u} ({n} respondent{'en' if n != 1 else ''}; bron: {b.split(',')[0]})."
            for u, n, b in zip(mapping["uitleg"], mapping["n_respondenten"], mapping["bron"],
                               strict=True)]


def _question_text(question_id: str) -> str:
    """The question as respondents read it (the questionnaire of this round), or its id when
    this round's questionnaire does not have it."""
    instrument = load_instrument()
    return instrument[question_id].text if question_id in instrument else question_id


def instrument_sentences(table: pd.DataFrame, meta: dict[str, str] | None = None) -> list[str]:
    """What of the questionnaire cannot be compared, one sentence per row, in words. With
    ``meta`` (the stored comparison's: ``vragenlijst_vorige``, ``vragenlijst_nieuwe``) the
    first sentence says which questionnaire each round used, so "the same" is only said when
    it was recognised."""
    rows = table[~table["vergelijkbaar"] | table["reden"].str.contains("voorbehoud")]
    old = (meta or {}).get("vragenlijst_vorige")
    new = (meta or {}).get("vragenlijst_nieuwe")
    if old and new:
        head = ([f"Beide rondes gebruikten de vragenlijst van {new}."] if old == new else
                [f"De vorige ronde gebruikte de vragenlijst van {old}, de nieuwe die van "
                 f"{new}."])
    else:
        head = []
    if rows.empty:
        return head + ["De vragen zijn in beide rondes gelijk gesteld: alle vragen zijn te "
                       "vergelijken."]
    out = []
    for qid, item, reden in zip(rows["question_id"], rows["item"], rows["reden"], strict=True):
        if item:
            out.append(str(reden))
            continue
        reden = (str(reden).replace("De vraag is gelijk; de onderdelen hieronder niet. ", "")
                 .replace("Met voorbehoud: ", "de andere keuzes zijn met voorbehoud te "
                          "vergelijken: "))
        out.append(f"Bij de vraag ‘{_question_text(str(qid))}’: {reden[:1].lower()}{reden[1:]}")
    return head + out


def change_sentences(paired: pd.DataFrame, *, measure: str = "urgentie",
                     alpha: float = 0.05) -> list[str]:
    """Per theme: the paired change of one measure, with interval and p-value, in words."""
    out = []
    rows = paired[(paired["measure"] == measure) & (paired["group"] == "Alle gemeenten")]
    for r in rows.itertuples():
        if r.n == 0 or math.isnan(r.verschil):
            continue
        word = ("gestegen" if r.verschil > 0 else "gedaald") if r.p_waarde < alpha else (
            "niet duidelijk veranderd")
        out.append(
            f"{_theme(r.theme)}: bij de {r.n} gemeenten die beide keren antwoordden is "
            f"{MEASURE_NAMES[measure]} {word} (van {_num(r.oud, measure)} naar "
            f"{_num(r.nieuw, measure)}, verschil {_diff(r.verschil, measure)}, 95%-interval "
            f"{_diff(r.ci_laag, measure)} tot {_diff(r.ci_hoog, measure)}).")
    return out


def item_label(kind: str, item: str, text: str | None, theme: str | None) -> str:
    """How an opgave or stelling is named in a sentence or table."""
    if kind == "opgave":
        return f"{text or item} ({_theme(str(theme))})"
    return f"Stelling ‘{text}’" if text else f"Stelling {item}"


def item_sentences(item_paired: pd.DataFrame, kind: str, *, measure: str | None = None,
                   alpha: float = 0.05) -> list[str]:
    """The opgaven (``kind="opgave"``) or stellingen (``"stelling"``) whose paired change is
    clear (p < ``alpha``), in words, after one sentence saying how many were compared and how
    many clear changes chance alone would give (no correction for the number of tests)."""
    measure = measure or ("gekozen" if kind == "opgave" else "eens")
    rows = item_paired[(item_paired["soort"] == kind) & (item_paired["measure"] == measure)
                       & (item_paired["n"] > 0)]
    what = "opgaven" if kind == "opgave" else "stellingen"
    if rows.empty:
        return [f"Er zijn geen {what} die in beide rondes te vergelijken zijn."]
    clear = rows[rows["p_waarde"] < alpha]
    clear = clear.iloc[clear["verschil"].abs().to_numpy().argsort(kind="stable")[::-1]]
    chance = len(rows) * alpha
    head = (f"{len(rows)} {what} vergeleken bij de gemeenten die beide keren antwoordden "
            f"({ITEM_MEASURE_NAMES[measure]}); ")
    if clear.empty:
        return [head + "bij geen ervan is de verandering duidelijk (groter dan toeval goed kan "
                "verklaren)."]
    expected = f"{chance:.1f}".replace(".", ",")
    out = [head + f"bij {len(clear)} is de verandering duidelijk (groter dan toeval goed kan "
           f"verklaren). Bij {len(rows)} vergelijkingen is door toeval alleen al ongeveer "
           f"{expected} duidelijke verandering te verwachten: lees ze als aanwijzing, niet "
           "als bewijs."]
    for r in clear.itertuples():
        word = "gestegen" if r.verschil > 0 else "gedaald"
        out.append(
            f"{item_label(kind, r.item, r.tekst, r.theme)}: {word} van {_num(r.oud, measure)} "
            f"naar {_num(r.nieuw, measure)} bij {r.n} gemeenten (verschil "
            f"{_diff(r.verschil, measure)}, 95%-interval {_diff(r.ci_laag, measure)} tot "
            f"{_diff(r.ci_hoog, measure)}).")
    return out


def membership_sentences(members: pd.DataFrame, effect: pd.DataFrame, *,
                         measure: str = "urgentie") -> list[str]:
    """Who joined and who left, and how much that moves the headline figures."""
    def names(status: str) -> str:
        n = members.loc[members["status"] == status, "gemeente_naam"].tolist()
        return ", ".join(n) if n else "geen"

    out = [f"{(members['status'] == 'beide').sum()} gemeenten antwoordden in beide rondes. "
           f"Nieuw: {names('nieuw')}. Niet meer: {names('vertrokken')}."]
    for r in effect[effect["measure"] == measure].itertuples():
        if math.isnan(r.totaal):
            continue
        out.append(f"{_theme(r.theme)}: {MEASURE_NAMES[measure]} van alle gemeenten ging van "
                   f"{_num(r.oud_alle, measure)} naar {_num(r.nieuw_alle, measure)}; daarvan "
                   f"komt {_diff(r.binnen, measure)} door verandering bij dezelfde gemeenten en "
                   f"{_diff(r.instroom + r.uitstroom, measure)} doordat andere gemeenten "
                   "meededen.")
    return out


def need_sentences(changes: pd.DataFrame, top: int = 5) -> list[str]:
    """The new, vanished, rising and falling learning needs in words."""
    out = []
    for status, word in (("nieuw", "Nieuw gevraagd"), ("verdwenen", "Niet meer gevraagd"),
                         ("gestegen", "Vaker gevraagd"), ("gedaald", "Minder vaak gevraagd")):
        rows = changes[changes["status"] == status].head(top)
        if rows.empty:
            continue
        items = "; ".join(f"{r.label} ({r.n_oud} → {r.n_nieuw} gemeenten)"
                          for r in rows.itertuples())
        out.append(f"{word}: {items}.")
    return out or ["De leerbehoeften zijn in beide rondes even vaak gevraagd."]


def municipality_change(paired_scores_old: pd.DataFrame, paired_scores_new: pd.DataFrame,
                        code: str) -> list[str]:
    """For one municipality's page: its own change in urgency per theme, when it answered both
    rounds; otherwise one sentence that it did not."""
    old = paired_scores_old[paired_scores_old["gemeente_code"] == code]
    new = paired_scores_new[paired_scores_new["gemeente_code"] == code]
    if old.empty or new.empty:
        return ["Uw gemeente antwoordde niet in beide rondes; een verandering is er dus niet."]
    both = old[["theme", "urgentie"]].merge(new[["theme", "urgentie"]], on="theme",
                                            suffixes=("_oud", "_nieuw")).dropna()
    return [f"{_theme(str(r.theme))}: urgentie van {_num(r.urgentie_oud, 'urgentie')} naar "
            f"{_num(r.urgentie_nieuw, 'urgentie')}." for r in both.itertuples()]


def source_sentence(meta: dict[str, str]) -> str:
    """Which two exports are compared, in one sentence (their fingerprints:
    :func:`source_hashes_sentence`, for the collapsed details)."""
    return (f"Vergeleken: de vorige ronde {meta.get('vorige')} met de nieuwe ronde "
            f"{meta.get('nieuwe')}; bron: {meta.get('bron')}.")


def source_hashes_sentence(meta: dict[str, str]) -> str:
    """The SHA-256 of both compared exports, so a reader can check which files these were."""
    return (f"SHA-256 van {meta.get('vorige')}: {meta.get('vorige_sha256')}; van "
            f"{meta.get('nieuwe')}: {meta.get('nieuwe_sha256')}.")


def rank_names(ranks: pd.DataFrame, needs: pd.DataFrame | None = None) -> pd.Series:
    """Each row of :func:`~pmg_analysis.rounds.needs.rank_changes` named in words: a theme by
    its name, a learning need by its label (from ``needs``, :func:`need_changes`), a suggested
    need of one round ("nieuw_3 (nieuwe ronde)") as "voorstel: <its key words>"."""
    labels: dict[str, str] = {}
    suggested: dict[tuple[str, str], str] = {}
    if needs is not None:
        for r in needs.itertuples():
            if r.status == "voorstel":
                suggested[(str(r.need), str(r.ronde))] = str(r.label)
            else:
                labels[str(r.need)] = str(r.label)

    def name(kind: str, item: str) -> str:
        if kind == "thema":
            return _theme(item)
        if item in labels:
            return labels[item]
        need, _, rest = item.partition(" (")
        ronde = rest.split(" ")[0] if rest else ""
        if (need, ronde) in suggested:
            return f"voorstel: {suggested[(need, ronde)]}"
        return item

    return pd.Series([name(str(k), str(i)) for k, i in zip(ranks["soort"], ranks["item"],
                                                             strict=True)],
                     index=ranks.index, dtype="string")


def _place_move(old: object, new: object) -> str:
    return f"van plaats {int(old)} naar {int(new)}"


def programme_sentences(ranks: pd.DataFrame, needs: pd.DataFrame | None = None,
                        top: int = 10) -> list[str]:
    """How the programme's order changed, largest moves first: the themes whose place changed,
    and the learning questions that entered or left the top ``top`` or moved most within it."""
    if ranks is None or ranks.empty:
        return []
    names = rank_names(ranks, needs)
    out = []
    themes = ranks[(ranks["soort"] == "thema") & ranks["stijging"].fillna(0).ne(0)]
    if not themes.empty:
        order = themes["stijging"].astype("int64").abs().sort_values(
            ascending=False, kind="stable").index
        moves = [f"{names[i]} {_place_move(ranks.at[i, 'rang_oud'], ranks.at[i, 'rang_nieuw'])}"
                 for i in order]
        first = ranks[(ranks["soort"] == "thema") & ranks["rang_nieuw"].eq(1)]
        lead = (f"In het werkprogramma staat nu {names[first.index[0]]} voorop. "
                if not first.empty and first.index[0] in set(order) else "")
        out.append(f"{lead}De thema's schoven: {'; '.join(moves)}.")
    else:
        out.append("De thema's staan in het werkprogramma in dezelfde volgorde.")
    needs_rows = ranks[(ranks["soort"] != "thema") & ~ranks["item"].str.contains(" (",
                                                                              regex=False)]
    both = needs_rows.dropna(subset=["rang_oud", "rang_nieuw"])
    came = both[(both["rang_nieuw"] <= top) & (both["rang_oud"] > top)]
    went = both[(both["rang_oud"] <= top) & (both["rang_nieuw"] > top)]
    fresh = needs_rows[needs_rows["rang_oud"].isna() & (needs_rows["rang_nieuw"] <= top)]
    parts = []
    if not came.empty or not fresh.empty:
        listed = [f"{names[i]} ({_place_move(r.rang_oud, r.rang_nieuw)})"
                  for i, r in came.iterrows()]
        listed += [f"{names[i]} (nieuw, plaats {int(r.rang_nieuw)})" for i, r in fresh.iterrows()]
        parts.append(f"nieuw in de top {top} van de leervragen: " + "; ".join(listed))
    if not went.empty:
        parts.append(f"uit de top {top}: " + "; ".join(
            f"{names[i]} ({_place_move(r.rang_oud, r.rang_nieuw)})" for i, r in went.iterrows()))
    if parts:
        text = "; ".join(parts)
        out.append(text[:1].upper() + text[1:] + ".")
    return out


def summary_sentences(paired: pd.DataFrame, members: pd.DataFrame, needs: pd.DataFrame | None,
                      *, ranks: pd.DataFrame | None = None, alpha: float = 0.05) -> list[str]:
    """The short 'wat is er veranderd' part (06's "In het kort" and the summary 00), the largest
    changes first: how the programme's order changed (with ``ranks``), the urgencies that
    clearly moved, new learning needs, and who answered both rounds."""
    both = int((members["status"] == "beide").sum())
    rows = paired[(paired["measure"] == "urgentie") & (paired["group"] == "Alle gemeenten")
                  & (paired["p_waarde"] < alpha)]
    rows = rows.iloc[rows["verschil"].abs().to_numpy().argsort(kind="stable")[::-1]]
    out = programme_sentences(ranks, needs)[:1] if ranks is not None else []
    if rows.empty:
        out.append("Bij de gemeenten die beide keren antwoordden veranderde de urgentie van "
                   "geen thema duidelijk.")
    else:
        moved = [f"{_theme(r.theme)} ({'steeg' if r.verschil > 0 else 'daalde'} "
                 f"{_diff(abs(r.verschil), 'urgentie')[1:]} op de schaal van 1 tot 5)"
                 for r in rows.itertuples()]
        out.append("De urgentie veranderde duidelijk voor: " + "; ".join(moved) + ".")
    if needs is not None:
        new = needs[needs["status"] == "nieuw"]
        if not new.empty:
            out.append("Nieuwe leerbehoeften: " + "; ".join(
                f"{r.label} ({r.n_nieuw} gemeenten)" for r in new.itertuples()) + ".")
    if ranks is not None:
        out += programme_sentences(ranks, needs)[1:]
    out.append(f"{both} gemeenten antwoordden in beide rondes.")
    return out

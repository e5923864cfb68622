"""Dutch sentences for the work programme, kept apart from the computations: every function
takes computed frames or numbers and returns text."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from pmg_analysis.prioritise.config import PriorityConfig

if TYPE_CHECKING:
    from pmg_analysis.prioritise.leerkringen import Leerkringen

POSITIE_NAMEN: dict[str, str] = {
    "nabij_grotere_stad": "nabij een grotere stad",
    "polycentrisch": "polycentrische regio",
    "monocentrisch": "monocentrische regio",
}
ONBEKEND = "positie onbekend"

DEEL_UITLEG: dict[str, tuple[str, str]] = {
    "deel_vraag": ("Vraag", "Hoeveel gemeenten dit willen oppakken, vergeleken met het meest "
                   "gevraagde onderwerp van dezelfde soort (dat krijgt 1)."),
    "deel_urgentie": ("Urgentie", "Hoe urgent deze gemeenten het thema vinden: 0 = niet "
                      "urgent, 1 = zeer urgent."),
    "deel_rangschikking": ("Rangschikking", "Hoe hoog de leden het thema zetten als ze de vier "
                           "thema's naar prioriteit rangschikken: 1 = altijd eerst, 0 = altijd "
                           "laatst (bij een leervraag: zoals de gemeenten die haar stelden "
                           "haar thema rangschikken)."),
    "deel_breedte": ("Breedte", "Uit hoeveel van de drie soorten posities in de regio deze "
                     "gemeenten komen (1 = alle drie)."),
    "deel_trekker": ("Trekker", "Of er gemeenten zijn die willen trekken: 1 bij twee of meer "
                     "kandidaat-trekkers, 0,5 bij één."),
    "deel_vorm": ("Vorm", "Welk deel van deze gemeenten de voorgestelde werkvorm koos "
                  "(1 = allemaal dezelfde)."),
}


def names(values: Sequence[str]) -> str:
    """``["A", "B", "C"]`` -> ``"A, B en C"``."""
    values = [str(v) for v in values]
    if len(values) <= 1:
        return "".join(values)
    return f"{', '.join(values[:-1])} en {values[-1]}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def weights_table(config: PriorityConfig = PriorityConfig()) -> pd.DataFrame:
    """The five parts with their weight (share of the total) and what they measure."""
    weights = config.weights
    total = sum(weights.values())
    return pd.DataFrame({
        "onderdeel": [DEEL_UITLEG[p][0] for p in weights],
        "gewicht": [w / total for w in weights.values()],
        "wat het meet": [DEEL_UITLEG[p][1] for p in weights],
    })


def position_mix(counts: Mapping[str, int], unknown: int = 0) -> str:
    """``{"polycentrisch": 2, ...}`` -> ``"2 polycentrische regio, 1 monocentrische regio"``."""
    parts = [f"{counts[key]} {label}" for key, label in POSITIE_NAMEN.items()
             if counts.get(key, 0)]
    if unknown:
        parts.append(f"{unknown} {ONBEKEND}")
    return ", ".join(parts) if parts else "geen posities bekend"


def no_lead(theme_name: str | None, elsewhere: Sequence[str] = ()) -> str:
    """No member wants to lead; ``elsewhere``: municipalities outside the group that do."""
    theme = f"het thema {theme_name}" if theme_name else "dit thema"
    text = f"Geen gemeente in deze groep wil trekker zijn van {theme}; "
    if elsewhere:
        return text + (f"wel {names(elsewhere)}, buiten de groep. Vraag een van hen, of laat het "
                       "programmateam trekken.")
    return text + "het programmateam zoekt een trekker of trekt zelf."


def not_placed(gemeenten: Sequence[str], limit: int) -> str:
    if not gemeenten:
        return ""
    return (f"Niet ingedeeld omdat ze al in {limit} leerkringen zitten: {names(gemeenten)}.")


def too_few(n_interested: int, n_available: int, gemeenten: Sequence[str],
            config: PriorityConfig = PriorityConfig()) -> str:
    """Why no leerkring is proposed for a learning question, and what to do instead."""
    who = f" ({names(gemeenten)})" if gemeenten else ""
    asked = _count(n_interested, "gemeente heeft", "gemeenten hebben")
    text = f"Te weinig gemeenten voor een leerkring: {asked} deze leervraag{who}"
    if n_available < n_interested:
        busy = n_interested - n_available
        text += (f", waarvan {busy} al in {config.max_groups_per_municipality} leerkringen "
                 f"{'zit' if busy == 1 else 'zitten'}")
    return (text + f". Een leerkring vraagt minstens {config.group_min} gemeenten. Voorstel: "
            "bespreek de vraag in een netwerkbijeenkomst of voeg haar samen met een verwante "
            "leervraag.")


def decimal(value: float, digits: int = 1) -> str:
    """``3.25`` -> ``"3,3"`` (Dutch decimal comma, half up)."""
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-digits)
    return str(Decimal(str(float(value))).quantize(quantum, rounding=ROUND_HALF_UP)).replace(
        ".", ",")


NUMBERS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht",
           9: "negen", 10: "tien"}
# how a part's advantage reads in words: (phrase, how its facts are shown)
_ADVANTAGE = {
    "deel_vraag": "meer gemeenten het willen oppakken ({a} tegen {b})",
    "deel_urgentie": "de gemeenten die het willen oppakken het urgenter vinden (gemiddeld {a} "
                     "tegen {b} op 5)",
    "deel_rangschikking": "de gemeenten die het willen oppakken het thema hoger zetten "
                          "(gemiddeld plaats {a} tegen {b})",
    "deel_breedte": "het gemeenten uit meer soorten posities in de regio aanspreekt ({a} tegen "
                    "{b} van 3)",
    "deel_trekker": "meer gemeenten het willen trekken ({a} tegen {b})",
    "deel_vorm": "de gemeenten het meer eens zijn over de werkvorm ({a} tegen {b})",
}


def _facts(row: pd.Series, part: str) -> str:
    if part == "deel_vraag":
        return str(int(row["n_gemeenten"]))
    if part == "deel_urgentie":
        return decimal(1 + 4 * float(row[part]))
    if part == "deel_rangschikking":
        return decimal(float(row["plaats_rangschikking"])) if pd.notna(
            row.get("plaats_rangschikking")) else "–"
    if part == "deel_breedte":
        return str(int(row["n_posities"]))
    if part == "deel_trekker":
        return str(int(row["n_trekkers"]))
    return f"{round(float(row[part]) * 100)}%"


def why_ahead(ahead: pd.Series, behind: pd.Series, config: PriorityConfig = PriorityConfig(),
              *, leave_out: tuple[str, ...] = (), parts: pd.DataFrame | None = None) -> str:
    """Why ``ahead`` scores above ``behind`` (two rows of the programme): the one or two parts
    that add most to its lead (weight x difference; parts left out of the kind's score and
    ``leave_out`` do not count), in words with their facts, e.g. "meer gemeenten het willen
    oppakken (39 tegen 35)"."""
    from pmg_analysis.prioritise.config import PARTS
    from pmg_analysis.prioritise.score import constant_parts

    dropped = set(leave_out)
    if parts is not None:
        dropped |= set(constant_parts(parts).get(str(ahead["soort"]), []))
    weights = config.weights
    gains = {p: weights[p] * (float(ahead[p]) - float(behind[p])) for p in PARTS
             if p not in dropped}
    best = [p for p, g in sorted(gains.items(), key=lambda kv: -kv[1]) if round(g, 9) > 0][:2]
    if not best:
        return "de scores liggen gelijk; de volgorde volgt het aantal gemeenten"
    return names([_ADVANTAGE[p].format(a=_facts(ahead, p), b=_facts(behind, p)) for p in best])


def ranking_difference(programme: pd.DataFrame, config: PriorityConfig = PriorityConfig()
                       ) -> str:
    """One sentence where the programme's order of the themes differs from the members' own
    ranking of them (``rang_leden``), saying why; "" when the orders agree or nobody ranked.

    Examples
    --------
    >>> p = pd.DataFrame({"soort": ["thema"] * 2, "label": ["Sociaal", "Economie"],
    ...     "rang": [1, 2], "rang_leden": [2, 1], "n_gemeenten": [39, 35],
    ...     "plaats_rangschikking": [2.5, 2.0], "deel_vraag": [1.0, 0.9],
    ...     "deel_urgentie": [0.6, 0.6], "deel_rangschikking": [0.5, 0.67],
    ...     "deel_breedte": [1.0, 1.0], "deel_trekker": [1.0, 1.0], "deel_vorm": [0.7, 0.7]})
    >>> ranking_difference(p)  # doctest: +NORMALIZE_WHITESPACE
    'De leden zetten Economie vóór Sociaal (gemiddeld plaats 2,0 tegen 2,5, waarbij 1 de eerste
    plaats is); het programma zet Sociaal eerst omdat meer gemeenten het willen oppakken
    (39 tegen 35).'
    """
    themes = programme[programme["soort"].astype("string") == "thema"]
    themes = themes[themes["rang_leden"].notna()].sort_values("rang")
    if len(themes) < 2:
        return ""
    pairs = [(a, b) for _, a in themes.iterrows() for _, b in themes.iterrows()
             if a["rang"] < b["rang"] and a["rang_leden"] > b["rang_leden"]]
    if not pairs:
        return ""
    ahead, behind = min(pairs, key=lambda ab: (ab[1]["rang_leden"], ab[0]["rang"]))
    reason = why_ahead(ahead, behind, config, leave_out=("deel_rangschikking",), parts=themes)
    text = (f"De leden zetten {behind['label']} vóór {ahead['label']} (gemiddeld plaats "
            f"{decimal(behind['plaats_rangschikking'])} tegen "
            f"{decimal(ahead['plaats_rangschikking'])}, waarbij 1 de eerste plaats is); het "
            f"programma zet {ahead['label']} "
            f"eerst omdat {reason}")
    others = len(pairs) - 1
    if others:
        text += (f"; ook {_count(others, 'ander paar', 'andere paren')} van thema's "
                 f"{'staat' if others == 1 else 'staan'} anders dan in de rangschikking")
    return text + "."


def needs_difference(needs: pd.DataFrame, programme: pd.DataFrame, n: int = 5,
                     config: PriorityConfig = PriorityConfig()) -> str:
    """One sentence on why the ``n`` learning needs asked by most municipalities (``needs``, as
    :func:`pmg_analysis.text.learning_needs` orders them) differ from the programme's top
    ``n`` learning questions; "" when the two lists hold the same needs.

    Examples
    --------
    >>> needs = pd.DataFrame({"cluster": [1, 2], "label": ["A", "B"], "n_gemeenten": [12, 11]})
    >>> p = pd.DataFrame({"soort": ["leervraag"] * 2, "item": ["LV2", "LV1"],
    ...     "label": ["B", "A"], "rang": [1, 2], "n_gemeenten": [11, 12],
    ...     "plaats_rangschikking": [1.5, 2.5], "deel_vraag": [0.9, 1.0],
    ...     "deel_urgentie": [0.9, 0.5], "deel_rangschikking": [0.8, 0.5],
    ...     "deel_breedte": [1.0, 1.0], "deel_trekker": [1.0, 1.0], "deel_vorm": [0.7, 0.7]})
    >>> needs_difference(needs, p, n=1)  # doctest: +NORMALIZE_WHITESPACE
    'De leerbehoeften staan op het aantal gemeenten; in het werkprogramma tellen ook
    urgentie, rangschikking, trekkers en werkvorm: daarom staat B (11 gemeenten) daar in de
    top 1 en A (12 gemeenten) op plaats 2, omdat de gemeenten die het willen oppakken het
    urgenter vinden (gemiddeld 4,6 tegen 3,0 op 5) en de gemeenten die het willen oppakken
    het thema hoger zetten (gemiddeld plaats 1,5 tegen 2,5).'
    """
    questions = programme[programme["soort"].astype("string") == "leervraag"]
    if questions.empty or needs.empty:
        return ""
    by_need = needs.sort_values(["n_gemeenten", "cluster"], ascending=[False, True],
                                kind="stable").head(n)
    need_items = [f"LV{int(c)}" for c in by_need["cluster"]]
    prog = questions.sort_values("rang")
    prog_items = prog["item"].astype(str).head(n).tolist()
    only_programme = [i for i in prog_items if i not in need_items]
    only_needs = [i for i in need_items if i not in prog_items]
    if not only_programme or not only_needs:
        return ""
    rows = prog.set_index(prog["item"].astype(str))
    ahead, behind = rows.loc[only_programme[-1]], rows.loc[only_needs[0]]
    reason = why_ahead(ahead, behind, config, parts=questions)
    return ("De leerbehoeften staan op het aantal gemeenten; in het werkprogramma tellen ook "
            "urgentie, rangschikking, trekkers en werkvorm: daarom staat "
            f"{ahead['label']} ({int(ahead['n_gemeenten'])} gemeenten) daar in de top {n} en "
            f"{behind['label']} ({int(behind['n_gemeenten'])} gemeenten) op plaats "
            f"{int(behind['rang'])}, omdat {reason}.")


def constant_parts_sentence(programme: pd.DataFrame) -> str:
    """Which parts do not separate the items of a kind (the same value for all), and that they
    are therefore left out of that kind's score; or that every part counts.

    Examples
    --------
    >>> p = pd.DataFrame({"soort": ["thema"] * 2, "deel_vraag": [1.0, 0.8],
    ...     "deel_breedte": [1.0, 1.0], "deel_trekker": [1.0, 1.0]})
    >>> print(constant_parts_sentence(p))  # doctest: +NORMALIZE_WHITESPACE
    Bij de thema's tellen breedte en trekker niet mee: alle thema's scoren daar 100%, dus ze
    maken geen verschil.
    """
    from pmg_analysis.prioritise.score import constant_parts

    out = []
    for soort, parts in constant_parts(programme).items():
        plural = "thema's" if soort == "thema" else "leervragen"
        kind = programme[programme["soort"].astype("string") == soort]
        levels = {p: f"{round(float(kind[p].iloc[0]) * 100)}%" for p in parts}
        verb = "telt" if len(parts) == 1 else "tellen"
        it = "het maakt" if len(parts) == 1 else "ze maken"
        if len(set(levels.values())) == 1:
            what = names([DEEL_UITLEG[p][0].lower() for p in parts])
            out.append(f"Bij de {plural} {verb} {what} niet mee: alle {plural} scoren daar "
                       f"{next(iter(levels.values()))}, dus {it} geen verschil.")
        else:
            what = names([f"{DEEL_UITLEG[p][0].lower()} ({levels[p]})" for p in parts])
            out.append(f"Bij de {plural} {verb} {what} niet mee: alle {plural} scoren daar "
                       f"gelijk, dus {it} geen verschil.")
    return " ".join(out) or "Elk onderdeel maakt verschil tussen de onderwerpen en telt mee."


def groups_shown(proposal: Leerkringen, config: PriorityConfig = PriorityConfig()
                 ) -> pd.DataFrame:
    """The groups as they are shown: ``groepen`` with, per group, ``gemeenten`` (names, "; "),
    ``gemeente_codes`` (";"), ``posities`` (e.g. "3 nabij een grotere stad, 2 polycentrische
    regio") and ``toelichting`` (no trekker; municipalities left out for the limit), written
    from the long ``leden`` and ``buiten``."""
    from pmg_analysis.instrument import load_instrument
    from pmg_analysis.prioritise.leerkringen import AL_VOL, ELDERS_TREKKER

    groups, leden, buiten = proposal.groepen, proposal.leden, proposal.buiten
    instrument = load_instrument()
    rows = []
    for group in groups.itertuples():
        members = leden[leden["leerkring"] == group.leerkring]
        positions = members["positie"].dropna().astype(str)
        beside = buiten[buiten["leerkring"] == group.leerkring]
        elsewhere = beside.loc[beside["reden"] == ELDERS_TREKKER, "gemeente_naam"].astype(str)
        busy = beside.loc[beside["reden"] == AL_VOL, "gemeente_naam"].astype(str)
        notes = [] if group.trekker else [no_lead(
            instrument.theme_name(group.theme) if group.theme else None, list(elsewhere))]
        notes.append(not_placed(list(busy), config.max_groups_per_municipality))
        rows.append({
            "gemeenten": "; ".join(members["gemeente_naam"].astype(str)),
            "gemeente_codes": ";".join(sorted(members["gemeente_code"].astype(str))),
            "posities": position_mix(positions.value_counts().to_dict(),
                                     int(members["positie"].isna().sum())),
            "toelichting": " ".join(n for n in notes if n)})
    shown = pd.DataFrame(rows, columns=["gemeenten", "gemeente_codes", "posities",
                                        "toelichting"], dtype="string")
    out = groups.reset_index(drop=True).join(shown)
    return out[["leerkring", "item", "label", "theme", "rang", "n_gemeenten", "gemeenten",
                "gemeente_codes", "trekker", "vorm", "posities", "toelichting"]]


def without_shown(proposal: Leerkringen, config: PriorityConfig = PriorityConfig()
                  ) -> pd.DataFrame:
    """The top learning questions without a group as they are shown: ``zonder_groep`` with
    ``toelichting`` (too few municipalities, who asked, what to do instead)."""
    from pmg_analysis.prioritise.leerkringen import GEVRAAGD

    without, buiten = proposal.zonder_groep, proposal.buiten
    asked = buiten[buiten["leerkring"].isna() & (buiten["reden"] == GEVRAAGD)]
    text = [too_few(int(row.n_gemeenten), int(row.n_beschikbaar),
                    list(asked.loc[asked["item"] == row.item, "gemeente_naam"].astype(str)),
                    config) for row in without.itertuples()]
    return without.reset_index(drop=True).assign(
        toelichting=pd.array(text, dtype="string"))


_PART_SUBJECT = {"deel_vraag": "de vraag", "deel_urgentie": "de urgentie",
                 "deel_rangschikking": "de rangschikking door de leden",
                 "deel_breedte": "de breedte", "deel_trekker": "de trekkers",
                 "deel_vorm": "de werkvorm"}


def stability_sentence(ranks: pd.DataFrame, rang: int, n_items: int,
                       config: PriorityConfig = PriorityConfig()) -> str:
    """How firm one item's place is, in one sentence: ``ranks`` holds its rows of the long
    sensitivity table (``deel``, ``factor``, ``rang``) in variant order.

    Examples
    --------
    >>> r = pd.DataFrame({"deel": ["", "deel_urgentie", "deel_urgentie"],
    ...                   "factor": [1.0, 0.75, 1.25], "rang": [4, 7, 4]})
    >>> stability_sentence(r, 4, 20)
    'zakt naar plaats 7 als de urgentie 25% minder weegt'
    >>> stability_sentence(r.assign(rang=[4, 5, 3]), 4, 20)
    'blijft in de top 5 bij elke gewichtswijziging van ±25% (plaats 3 tot 5)'
    """
    pct = round(config.sensitivity_step * 100)
    low, high = int(ranks["rang"].min()), int(ranks["rang"].max())
    if low == high:
        return f"blijft op plaats {rang} bij elke gewichtswijziging van ±{pct}%"
    if n_items > config.top_n and rang <= config.top_n and high <= config.top_n:
        return (f"blijft in de top {config.top_n} bij elke gewichtswijziging van ±{pct}% "
                f"(plaats {low} tot {high})")

    def change(row: pd.Series) -> str:
        more = "meer" if float(row["factor"]) > 1 else "minder"
        return f"als {_PART_SUBJECT[str(row['deel'])]} {pct}% {more} weegt"

    out = []
    if high > rang:
        worst = ranks[ranks["rang"] == high].iloc[0]
        out.append(f"zakt naar plaats {high} {change(worst)}")
    if low < rang:
        best = ranks[ranks["rang"] == low].iloc[0]
        out.append(f"stijgt naar plaats {low} {change(best)}")
    return " en ".join(out)


def stability_sentences(long: pd.DataFrame, programme: pd.DataFrame,
                        config: PriorityConfig = PriorityConfig()) -> pd.Series:
    """:func:`stability_sentence` for every item of ``programme`` (index ``item``); ``long``
    is the sensitivity table (:func:`~pmg_analysis.prioritise.sensitivity`)."""
    sizes = programme["soort"].astype("string").value_counts()
    out = {}
    for row in programme.itertuples():
        ranks = long[long["item"].astype("string") == row.item]
        if ranks.empty:
            out[row.item] = ""
            continue
        out[row.item] = stability_sentence(ranks, int(row.rang), int(sizes[str(row.soort)]),
                                           config)
    return pd.Series(out, dtype="string", name="hoe_vast").rename_axis("item")


# a form in words: (one group of n municipalities, how k groups of it are counted)
_FORM_WORDS = {
    "leerkringen": ("leerkring van {n} gemeenten", "{k} leerkringen"),
    "werkgroepen": ("werkgroep van {n} gemeenten", "{k} werkgroepen"),
    "praktijkonderzoek": ("praktijkonderzoek met {n} gemeenten", "{k} voor praktijkonderzoek"),
    "experimenten": ("experiment met {n} gemeenten", "{k} voor experimenten"),
    "excursies": ("excursies en netwerkbijeenkomsten met {n} gemeenten",
                  "{k} voor excursies en netwerkbijeenkomsten"),
}
_NO_FORM = ("groep van {n} gemeenten (nog zonder werkvorm)", "{k} nog zonder werkvorm")


def _sizes(sizes: list[int]) -> str:
    low, high = min(sizes), max(sizes)
    if low == high:
        return str(low)
    if len(sizes) == 2:
        return f"{low} en {high}"
    return f"{low} of {high}" if len(set(sizes)) == 2 else f"{low} tot {high}"


def form_in_words(groups: Sequence[tuple[str, int]]) -> str:
    """The groups of one item in words, from (form as the questionnaire says it, number of
    municipalities) per group: one group "leerkring van 6 gemeenten"; more "twee leerkringen
    van 6 en 7 gemeenten", or with different forms "drie groepen van 6 en 7 gemeenten: twee
    voor praktijkonderzoek en één leerkring".

    Examples
    --------
    >>> form_in_words([("Leerkringen", 6)])
    'leerkring van 6 gemeenten'
    >>> form_in_words([("Leerkringen", 7), ("Leerkringen", 6)])
    'twee leerkringen van 6 en 7 gemeenten'
    >>> form_in_words([("Leerkringen", 7), ("Praktijkonderzoek", 6), ("Leerkringen", 6)])
    'drie groepen van 6 of 7 gemeenten: twee leerkringen en één voor praktijkonderzoek'
    """
    from pmg_analysis.prioritise.inputs import form_labels

    ids = {text: code for code, text in form_labels().items()}
    groups = [(ids.get(str(form), ""), int(size)) for form, size in groups]
    if not groups:
        return ""
    if len(groups) == 1:
        code, size = groups[0]
        return _FORM_WORDS.get(code, _NO_FORM)[0].format(n=size)
    counts: dict[str, int] = {}
    for code, _ in groups:
        counts[code] = counts.get(code, 0) + 1
    sizes = _sizes([size for _, size in groups])
    k = NUMBERS.get(len(groups), str(len(groups)))
    if len(counts) == 1:
        code = next(iter(counts))
        return f"{_FORM_WORDS.get(code, _NO_FORM)[1].format(k=k)} van {sizes} gemeenten"
    parts = [_FORM_WORDS.get(code, _NO_FORM)[1].format(
        k=NUMBERS.get(n, str(n)) if n > 1 else "één").replace("één leerkringen", "één leerkring")
        .replace("één werkgroepen", "één werkgroep") for code, n in counts.items()]
    return f"{k} groepen van {sizes} gemeenten: {names(parts)}"


def trekker_reason(code: str, candidates: pd.DataFrame) -> str:
    """Why the proposed trekker was chosen, in words: ``code`` is its ``trekker_reden`` and
    ``candidates`` the willing municipalities of the item in order of preference
    (``gemeente_naam``, ``urgentie``, ``plaats``; the proposed one first).

    Examples
    --------
    >>> c = pd.DataFrame({"gemeente_naam": ["Ede", "Oss"], "urgentie": [5.0, 4.0],
    ...                   "plaats": [1.0, 2.0]})
    >>> trekker_reason("urgentst", c)
    'vindt het thema het urgentst (5,0 op 5) van de 2 die willen trekken'
    """
    from pmg_analysis.prioritise import trekkers

    first = candidates.iloc[0]
    nxt = candidates.iloc[1] if len(candidates) > 1 else None
    if code == trekkers.ENIGE or nxt is None:
        return "de enige gemeente die wil trekken"
    if code == trekkers.URGENTST:
        return (f"vindt het thema het urgentst ({decimal(first['urgentie'])} op 5) van de "
                f"{len(candidates)} die willen trekken")
    if code == trekkers.HOOGST:
        place = (f" (gemiddeld plaats {decimal(first['plaats'])})"
                 if pd.notna(first["plaats"]) else "")
        return (f"even urgent als {nxt['gemeente_naam']}, maar zet het thema hoger{place}")
    if code == trekkers.GERICHTST:
        mine, theirs = int(first["n_thema_trekker"]), int(nxt["n_thema_trekker"])
        focus = ("wil alleen dit thema trekken" if mine == 1 else
                 f"wil {mine} thema's trekken, {nxt['gemeente_naam']} {theirs}")
        return (f"even urgent en even hoog gerangschikt als {nxt['gemeente_naam']}, maar "
                f"{focus}")
    if code == trekkers.LEERKRING:
        return ("trekker van de eerste groep; wie eerder aan de beurt was, zit al in het "
                "maximum aantal groepen")
    return f"even urgent en even hoog gerangschikt als {nxt['gemeente_naam']}: gekozen op naam"


def alternates(names_in_order: Sequence[str], limit: int = 3) -> str:
    """The alternates after the proposed trekker: at most ``limit`` names, then how many more.

    Examples
    --------
    >>> alternates(["A", "B", "C", "D", "E"])
    'A, B, C en 2 andere'
    >>> alternates([])
    'geen'
    """
    values = list(names_in_order)
    if not values:
        return "geen"
    if len(values) <= limit:
        return names(values)
    return f"{', '.join(values[:limit])} en {len(values) - limit} andere"

"""Population per core (kern): CBS "Bevolkingskernen 2011" linked to the municipalities of 2017.

Two CBS StatLine tables, as their CSV download (Latin-1, ``;``-separated, several header lines
naming the topic levels, a units line, ``-`` for nil)::

    <dir>/cbs-kernen/bevolkingskernen_2011.csv   one row per core, no municipality column
    <dir>/cbs-kernen/woonplaatsen_2016.csv       one row per place (woonplaats), with its
                                                 municipality of 2016

A core is linked by name: core -> woonplaats -> municipality (2016) -> municipality (2017). The
name of a core is read with care:

* a province in brackets (``Aalst (Gld.)``) chooses among places of the same name;
* another name in brackets is the Frisian name (``Sneek (Snits)``); both are tried, because
  the place register of 2016 uses the Frisian name in some municipalities (``Burgum``);
* ``-Kern``, ``-Noord``, ``-Stadshage`` … are parts of a place (``Zwolle-Kern``), and
  ``Hoogezand/Sappemeer`` is one core of two places: the part before ``-`` or ``/`` is tried
  when the whole name is not a place;
* a name that matches places in more than one municipality (after the province) stays unlinked;
* ``Groot - …`` rows are agglomerations that span municipalities (``Groot - Leiden``): they are
  no core of one municipality and stay unlinked, and so does the closing aggregate row
  (``1 000 tot 2 000 inwoners``), which is dropped on reading;
* municipalities merged on 1 January 2017 (``KernenConfig.samengevoegd_2017``) are mapped to
  their successor (GM0844, GM0846, GM0860 -> GM1948 Meierijstad).

Per municipality of 2017 (:func:`kern_figures`): the population and address density of its
largest core, its number of cores of at least ``KernenConfig.min_inwoners_kern`` inhabitants,
the share of its population living in its largest core, and ``kern_bron``: ``"kernen"`` or,
when no core is linked or the linked cores cannot hold its town (they cover less than
``KernenConfig.min_dekking`` of the inhabitants of an urban municipality, or less than
``min_dekking_landelijk`` of any: its main place lies in an agglomeration row), the
municipal figures as fallback (``"gemeente"``), with the reason as a code in ``kern_reden``
(and the share of inhabitants in the linked cores in ``kern_dekking``).
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import numpy as np
import pandas as pd
from annotated_types import Ge, Interval

from pmg_analysis import catalog
from pmg_analysis.errors import InputError
from pmg_analysis.reasons import setting

STATLINE_ENCODING = "latin-1"  # StatLine's CSV download (ISO-8859-1)

# The province abbreviations of core names, as the place table names the provinces.
PROVINCIE_AFKORTINGEN: dict[str, str] = {
    "D": "Drenthe", "F": "Friesland", "Fl": "Flevoland", "Gld": "Gelderland",
    "Gr": "Groningen", "L": "Limburg", "NB": "Noord-Brabant", "NH": "Noord-Holland",
    "O": "Overijssel", "U": "Utrecht", "Z": "Zeeland", "ZH": "Zuid-Holland",
}
_PROV_IN_CORE = re.compile(r"\s*\((" + "|".join(PROVINCIE_AFKORTINGEN) + r")\.\)")
# Place names with a province suffix: "Bergen (NH)", "Hengelo (Gld)", "Rijswijk (GLD)", "Loo Gld".
_PROV_IN_PLACE = re.compile(r"\s*\(?\b(" + "|".join(PROVINCIE_AFKORTINGEN) + r")\b\)?$",
                            re.IGNORECASE)
_BRACKET = re.compile(r"\s*\(([^)]*)\)")
_AGGLOMERATIE = re.compile(r"^Groot - ")
_AGGREGATE = re.compile(r"^[\d ]+ tot [\d ]+ inwoners$")

KERN_COLUMNS: tuple[str, ...] = (
    "grootste_kern", "kern_inwoners", "kern_oad", "n_kernen_5000", "aandeel_grootste_kern",
    "kern_bron", "kern_reden", "kern_dekking",
)
# Why a municipality keeps its municipal figures (``kern_reden``); the Dutch text is made where
# it is shown (:func:`kern_reason_text`), from the code and ``kern_dekking``.
KERN_REDENEN: tuple[str, ...] = ("geen_kerntabellen", "geen_kern", "lage_dekking")


@dataclass(frozen=True)
class KernenConfig:
    samengevoegd_2017: tuple[tuple[str, str], ...] = setting(
        (("GM0844", "GM1948"), ("GM0846", "GM1948"), ("GM0860", "GM1948")),
        reason=(
            "Municipalities of the place table (2016) merged on 1 January 2017, as (old, new) "
            "code pairs: Schijndel, Sint-Oedenrode and Veghel became Meierijstad. Every other "
            "code of 2016 must exist in 2017; an unknown one is an error, not a silent loss."))
    min_inwoners_kern: Annotated[int, Ge(0)] = setting(5_000, reason=(
        "\"A core of some size\": CBS's size class of 5,000 inhabitants and more, the size of a "
        "village with a full range of daily facilities (``n_kernen_5000``)."))
    min_dekking: Annotated[float, Interval(ge=0, le=1)] = setting(0.5, reason=(
        "An urban municipality (OAD >= ``dekking_min_oad``) whose linked cores hold less than "
        "``min_dekking`` of its inhabitants (2011 core figures against 2017 municipal ones) has "
        "its town elsewhere: in an agglomeration row (Zaanstad in \"Groot - Amsterdam\", Velsen "
        "in \"IJmond\") or under a name the place table of 2016 no longer has; its largest "
        "linked core is then a village, so the municipal figures are used. Urban municipalities "
        "whose town is linked have 60-100% of their people in cores, those whose town is missing "
        "0-48%. A rural municipality of villages keeps many people in small cores and scattered "
        "houses, so a low share there is expected and its cores are used (De Wolden 48%, "
        "Oirschot 46%)."))
    dekking_min_oad: Annotated[int, Ge(0)] = setting(1_000, reason=(
        "CBS's lower bound of \"matig stedelijk\", as for towns"))
    min_dekking_landelijk: Annotated[float, Interval(ge=0, le=1)] = setting(0.25, reason=(
        "Any municipality, rural or not, whose linked cores hold under a quarter of its "
        "inhabitants misses its main place: rural municipalities of villages have 26-100% of "
        "their people in linked cores, those below lost their main place to an agglomeration row "
        "(Haren 8% in \"Groot - Groningen\", Beek 19% in \"Groot - Geleen\") or to a name the "
        "place table does not give (Vianen 10%, \"Vianen (ZH.)\")."))


@dataclass(frozen=True)
class KernenData:
    """The two tables as read: cores (with agglomeration rows flagged) and places."""

    kernen: pd.DataFrame
    woonplaatsen: pd.DataFrame


def kernen_path(source_dir: Path) -> Path:
    return catalog.CBS_CORES.path(source_dir)


def woonplaatsen_path(source_dir: Path) -> Path:
    return catalog.CBS_PLACES.path(source_dir)


def kernen_available(source_dir: Path | None) -> bool:
    """True when both core tables are present under ``source_dir``."""
    return source_dir is not None and all(
        p.is_file() for p in (kernen_path(source_dir), woonplaatsen_path(source_dir)))


# -- reading -------------------------------------------------------------------------------------

def read_statline(path: Path, dimension: str) -> tuple[list[list[str]], pd.DataFrame]:
    """A StatLine CSV download: (the header lines below the title, the data rows as strings).

    The header ends with the units line, the line whose first cell is ``dimension``
    ("Bevolkingskernen", "Woonplaatsen"); every cell of the data is a string (``-`` kept).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError("het CBS-bestand met kernen of woonplaatsen ontbreekt.", path=path)
    try:
        text = path.read_bytes().decode(STATLINE_ENCODING)
        raw = pd.read_csv(io.StringIO(text), sep=";", header=None, dtype=str,
                          keep_default_na=False, skip_blank_lines=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(f"het bestand is geen leesbare StatLine-download ({exc}).",
                         path=path) from None
    first = raw.iloc[:, 0].str.strip()
    units = first.index[first == dimension]
    if len(units) == 0:
        raise InputError(f"dit lijkt geen StatLine-download met '{dimension}': de kopregel "
                         "met eenheden ontbreekt.", path=path, column=dimension)
    end = int(units[0])
    header = [list(raw.iloc[i]) for i in range(1, end + 1)]
    data = raw.iloc[end + 1:].reset_index(drop=True)
    data = data[data.iloc[:, 0].str.strip().ne("")].reset_index(drop=True)
    return header, data


def _column(header: list[list[str]], *labels: str, path: Path) -> int:
    """The first column whose header lines contain all ``labels``, in this order of levels."""
    for j in range(1, len(header[0])):
        cells = [row[j].strip() for row in header]
        at = 0
        for label in labels:
            try:
                at = cells.index(label, at) + 1
            except ValueError:
                break
        else:
            return j
    raise InputError(f"de kolom '{' / '.join(labels)}' ontbreekt.", path=path,
                     column=labels[-1])


def _numbers(values: pd.Series, path: Path, column: str, offset: int) -> pd.Series:
    """StatLine numbers: ``-`` (nil) and ``.`` (unknown) are NA; anything else must be a number."""
    cleaned = values.str.strip().replace({"-": None, ".": None, "": None})
    out = pd.to_numeric(cleaned, errors="coerce")
    bad = out.isna() & cleaned.notna()
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"'{values.iloc[first]}' is geen getal.", path=path,
                         row=offset + first + 1, column=column)
    return out


def read_kernen(path: Path) -> pd.DataFrame:
    """The cores of "Bevolkingskernen 2011": ``kern`` (name as written), ``inwoners`` (persons
    in private households, Int64), ``oad`` (addresses/km², Int64), ``stedelijkheid`` (Int8)
    and ``agglomeratie`` (bool: a "Groot - …" row). The closing aggregate row is dropped.
    """
    path = Path(path)
    header, data = read_statline(path, "Bevolkingskernen")
    cols = {"inwoners": _column(header, "Personen in particuliere huishoudens", "Totaal",
                                path=path),
            "oad": _column(header, "Omgevingsadressendichtheid", path=path),
            "stedelijkheid": _column(header, "Stedelijkheid", path=path)}
    names = data.iloc[:, 0].str.strip()
    keep = ~names.str.match(_AGGREGATE)
    offset = len(header) + 1  # title line + header lines, 1-based rows in the file
    out = pd.DataFrame({"kern": names.astype("string")})
    for name, j in cols.items():
        out[name] = _numbers(data.iloc[:, j], path, name, offset)
    out = out[keep.to_numpy()].reset_index(drop=True)
    out = out.astype({"inwoners": "Int64", "oad": "Int64", "stedelijkheid": "Int8"})
    out["agglomeratie"] = out["kern"].str.match(_AGGLOMERATIE).astype(bool)
    if out.empty:
        raise InputError("het bestand met bevolkingskernen bevat geen kernen.", path=path)
    return out


def read_woonplaatsen(path: Path) -> pd.DataFrame:
    """The places of "Woonplaatsen in Nederland 2016": ``woonplaats``, ``woonplaats_code``,
    ``gemeente_naam``, ``gemeente_code`` (2016) and ``provincie`` (strings, stripped)."""
    path = Path(path)
    header, data = read_statline(path, "Woonplaatsen")
    cols = {"woonplaats_code": _column(header, "Woonplaatscode", path=path),
            "gemeente_naam": _column(header, "Gemeente", "Naam", path=path),
            "gemeente_code": _column(header, "Gemeente", "Code", path=path),
            "provincie": _column(header, "Provincie", "Naam", path=path)}
    out = pd.DataFrame({"woonplaats": data.iloc[:, 0].str.strip()})
    for name, j in cols.items():
        out[name] = data.iloc[:, j].str.strip()
    bad = ~out["gemeente_code"].str.match(r"^GM\d{4}$")
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"'{out['gemeente_code'].iloc[first]}' is geen gemeentecode.",
                         path=path, row=len(header) + 2 + first, column="Gemeente/Code")
    return out.astype("string")


def read_kernen_data(source_dir: Path) -> KernenData:
    """Both tables from ``<source_dir>/cbs-kernen/``."""
    return KernenData(read_kernen(kernen_path(source_dir)),
                      read_woonplaatsen(woonplaatsen_path(source_dir)))


# -- linking -------------------------------------------------------------------------------------

def name_key(name: str) -> str:
    """A name for matching: accents, case, spaces and punctuation removed ("'s-Gravenzande"
    and "'s Gravenzande" meet)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _place_key(name: str) -> tuple[str, str | None]:
    """A place name's key and the province its suffix names ("Bergen (NH)")."""
    match = _PROV_IN_PLACE.search(name)
    if match and match.start() > 0:
        prov = next(v for k, v in PROVINCIE_AFKORTINGEN.items()
                    if k.lower() == match.group(1).lower())
        return name_key(name[:match.start()]), prov
    return name_key(name), None


def core_candidates(kern: str) -> tuple[str | None, list[tuple[str, str]]]:
    """The province a core's name gives (or None) and the names to try, best first, each with
    how it was read: ``naam`` (the name, without province or Frisian name), ``deel`` (the part
    before ``-`` or ``/``).

    Examples
    --------
    >>> core_candidates("Sneek (Snits)")
    (None, [('Sneek', 'naam'), ('Snits', 'naam')])
    >>> core_candidates("Zwolle-Kern (O.)")
    ('Overijssel', [('Zwolle-Kern', 'naam'), ('Zwolle', 'deel')])
    """
    prov = None
    match = _PROV_IN_CORE.search(kern)
    if match:
        prov = PROVINCIE_AFKORTINGEN[match.group(1)]
    name = _PROV_IN_CORE.sub("", kern).strip()
    bracket = _BRACKET.search(name)
    whole = [_BRACKET.sub("", name).strip()]
    if bracket:  # "A (B) C": A C, then B C
        whole.append((bracket.group(1) + name[bracket.end():]).strip())
    out: list[tuple[str, str]] = [(w, "naam") for w in whole]
    for w in whole:
        parts = [p.strip() for p in w.split("/")] if "/" in w else [w]
        for part in parts:
            if part != w:
                out.append((part, "deel"))
            while "-" in part:
                part = part.rsplit("-", 1)[0].strip()
                out.append((part, "deel"))
    seen: set[str] = set()
    unique = []
    for cand, how in out:
        if cand and cand not in seen:
            seen.add(cand)
            unique.append((cand, how))
    return prov, unique


def link_kernen(data: KernenData, gemeente_codes: pd.Series,
                config: KernenConfig = KernenConfig()) -> pd.DataFrame:
    """Every core with the municipality (2017) it is linked to, or why it is not.

    Columns: those of the core table, ``woonplaats`` and ``gemeente_code`` (NA when unlinked),
    ``koppeling`` (``naam``: the place of that name; ``deel``: the place the core is a part of;
    NA when unlinked) and ``reden`` (Dutch, NA when linked). ``gemeente_codes``: the codes of
    2017. A municipality code of 2016 that is neither in 2017 nor in
    ``config.samengevoegd_2017`` raises :class:`InputError`.
    """
    places = data.woonplaatsen.astype(str).copy()
    merged = dict(config.samengevoegd_2017)
    places["gemeente_2017"] = places["gemeente_code"].map(lambda c: merged.get(c, c))
    known = set(gemeente_codes.astype(str))
    unknown = sorted(set(places["gemeente_2017"]) - known)
    if unknown:
        raise InputError("de woonplaatsentabel noemt gemeenten die in 2017 niet bestaan en "
                         f"niet als samengevoegd bekend zijn: {', '.join(unknown[:5])}.")
    keys = places["woonplaats"].map(_place_key)
    places["key"] = keys.str[0]
    places["suffix_prov"] = keys.str[1]
    index: dict[str, pd.DataFrame] = dict(tuple(places.groupby("key", sort=False)))

    rows = []
    for kern, agglo in zip(data.kernen["kern"].astype(str), data.kernen["agglomeratie"],
                           strict=True):
        if agglo:
            rows.append((None, None, None, "agglomeratie over meer gemeenten"))
            continue
        prov, candidates = core_candidates(kern)
        result = (None, None, None, "geen woonplaats met deze naam")
        for cand, how in candidates:
            hits = index.get(name_key(cand))
            if hits is None:
                continue
            if prov is not None:
                hits = hits[hits["provincie"].eq(prov) | hits["suffix_prov"].eq(prov)]
                if hits.empty:
                    continue
            codes = hits["gemeente_2017"].unique()
            if len(codes) == 1:
                result = (hits["woonplaats"].iloc[0], codes[0], how, None)
            else:
                result = (None, None, None, "naam van woonplaatsen in "
                          f"{len(codes)} gemeenten")
            break
        rows.append(result)
    links = pd.DataFrame(rows, columns=["woonplaats", "gemeente_code", "koppeling", "reden"],
                         dtype="string")
    return pd.concat([data.kernen.reset_index(drop=True), links], axis=1)


def kern_figures(gemeenten: pd.DataFrame, links: pd.DataFrame | None,
                 config: KernenConfig = KernenConfig()) -> pd.DataFrame:
    """Per municipality (rows of ``gemeenten``: ``gemeente_code``, ``inwoners``, ``oad``) the
    core columns ``KERN_COLUMNS``, with the municipal figures where no usable core is linked.

    ``links`` from :func:`link_kernen`; None (no core tables): every row falls back.
    Fallback: ``kern_inwoners`` = ``inwoners``, ``kern_oad`` = ``oad``, ``n_kernen_5000`` = 1
    when ``inwoners`` reaches the bound, ``aandeel_grootste_kern`` = 1, ``grootste_kern`` NA.
    """
    codes = gemeenten["gemeente_code"].astype(str)
    pop = gemeenten["inwoners"].astype("Float64")
    out = pd.DataFrame(index=gemeenten.index)
    reason = pd.Series("geen_kerntabellen", index=gemeenten.index, dtype="string")
    dekking = pd.Series(pd.NA, index=gemeenten.index, dtype="Float64")
    use = pd.Series(False, index=gemeenten.index, dtype=bool)
    largest = pd.DataFrame(index=gemeenten.index,
                           columns=["kern", "inwoners", "oad", "n", "som"])
    if links is not None:
        linked = links[links["gemeente_code"].notna()].copy()
        linked["gemeente_code"] = linked["gemeente_code"].astype(str)
        linked = linked.sort_values(["gemeente_code", "inwoners", "kern"],
                                    ascending=[True, False, True], na_position="last")
        first = linked.drop_duplicates("gemeente_code").set_index("gemeente_code")
        stats = linked.groupby("gemeente_code").agg(
            n=("inwoners", lambda s: int((s >= config.min_inwoners_kern).sum())),
            som=("inwoners", "sum"))
        largest = pd.DataFrame({"kern": codes.map(first["kern"]),
                                "inwoners": codes.map(first["inwoners"]),
                                "oad": codes.map(first["oad"]),
                                "n": codes.map(stats["n"]),
                                "som": codes.map(stats["som"])}, index=gemeenten.index)
        has = largest["kern"].notna()
        dekking = largest["som"].astype("Float64") / pop
        rural = (gemeenten["oad"] < config.dekking_min_oad).fillna(True).astype(bool)
        enough = has & ((dekking >= config.min_dekking).fillna(False)
                        | (rural & (dekking >= config.min_dekking_landelijk).fillna(False)))
        use = enough.astype(bool)
        reason = pd.Series(pd.NA, index=gemeenten.index, dtype="string")
        reason[~has] = "geen_kern"
        reason[has & ~enough] = "lage_dekking"
    municipal_oad = gemeenten["oad"].astype("Float64")
    n_municipal = (pop >= config.min_inwoners_kern).astype("Float64")
    share = (largest["inwoners"].astype("Float64") / pop).clip(upper=1.0)
    out["grootste_kern"] = largest["kern"].astype("string").where(use)
    out["kern_inwoners"] = (largest["inwoners"].astype("Float64").where(use, pop)
                            .round().astype("Int64"))
    out["kern_oad"] = (largest["oad"].astype("Float64").where(use, municipal_oad)
                       .round().astype("Int64"))
    out["n_kernen_5000"] = largest["n"].astype("Float64").where(use, n_municipal).astype("Int16")
    out["aandeel_grootste_kern"] = share.where(use, 1.0).astype("Float64")
    out["kern_bron"] = pd.Series("gemeente", index=gemeenten.index, dtype="string").mask(
        use, "kernen")
    out["kern_reden"] = reason.where(~use).astype("string")
    out["kern_dekking"] = dekking.astype("Float64")
    return out


def kern_reason_text(reden: object, dekking: object = None) -> str:
    """Why a municipality keeps its municipal figures, in Dutch (``kern_reden`` and
    ``kern_dekking`` of :func:`kern_figures`).

    Examples
    --------
    >>> kern_reason_text("lage_dekking", 0.49)[:47]
    'de gekoppelde kernen hebben maar 49% van de inw'
    >>> kern_reason_text("geen_kern")
    'geen kern gekoppeld'
    """
    if reden == "geen_kern":
        return "geen kern gekoppeld"
    if reden == "lage_dekking" and dekking is not None and not pd.isna(dekking):
        return (f"de gekoppelde kernen hebben maar {_pct(float(dekking))} van de inwoners; de "
                "grootste plaats ligt in een agglomeratie of heeft geen eigen woonplaats")
    return "geen kerncijfers beschikbaar"


def kernen_sentence(gemeenten: pd.DataFrame) -> str:
    """Dutch sentences for report 02: whether the table has core figures, and for how many
    municipalities (the others use municipal figures).

    Without core figures it is the one sentence saying they are missing
    (:data:`~pmg_analysis.regions.sources.ZIN_KERNEN_ONTBREEKT`).
    """
    from pmg_analysis.regions.sources import kernen_zin

    bron = (gemeenten["kern_bron"].astype("string") if "kern_bron" in gemeenten.columns
            else pd.Series("gemeente", index=gemeenten.index, dtype="string"))
    n_kern = int(bron.eq("kernen").sum())
    if n_kern == 0:
        return kernen_zin(False)
    rest = len(bron) - n_kern
    return (kernen_zin(True) + f" Van de {len(bron)} gemeenten hebben er {n_kern} kerncijfers; "
            + (f"de andere {rest} krijgen" if rest != 1 else "de andere krijgt")
            + " de cijfers van de hele gemeente (de tabel hieronder zegt waarom).")


def kern_fallback_table(gemeenten: pd.DataFrame) -> pd.DataFrame:
    """The municipalities without usable core figures, with why (Dutch columns, by name)."""
    bron = (gemeenten["kern_bron"].astype("string") if "kern_bron" in gemeenten.columns
            else pd.Series("gemeente", index=gemeenten.index, dtype="string"))
    g = gemeenten[bron.ne("kernen").to_numpy(bool)].sort_values("gemeente_naam")
    reden = pd.Series([kern_reason_text(r, d) for r, d in zip(
        g.get("kern_reden", pd.Series(pd.NA, index=g.index)),
        g.get("kern_dekking", pd.Series(pd.NA, index=g.index)), strict=True)],
        index=g.index, dtype="string")
    return pd.DataFrame({
        "Gemeente": g["gemeente_naam"].astype("string").to_numpy(),
        "Inwoners": g["inwoners"].astype("Int64").to_numpy(),
        "Omgevingsadressendichtheid": g["oad"].astype("Int64").to_numpy(),
        "Waarom gemeentecijfers": reden.to_numpy(),
    })


def _pct(share: float) -> str:
    """A share as a Dutch whole percentage ("37%")."""
    return f"{round(100 * float(share))}%"


def unlinked_kernen_table(links: pd.DataFrame) -> pd.DataFrame:
    """The cores that are not linked to a municipality, with the reason (largest first)."""
    miss = links[links["gemeente_code"].isna()]
    return (miss[["kern", "inwoners", "reden"]]
            .sort_values(["inwoners", "kern"], ascending=[False, True], na_position="last")
            .reset_index(drop=True))

"""Write ``src/pmg_analysis/data/regio_namen_2017.csv``: names of regions that are no municipality.

A learning question about the region names it as civil servants do: "de Achterhoek",
"Drechtsteden", "Twente", "Holland Rijnland", "Zuid-Limburg". Those names come from CBS
"Gebieden in Nederland 2017" (table 83553NED, the same table as the municipality register), of
the kinds of region municipalities work together in: labour-market regions (arbeidsmarktregio's,
where the work-and-income cooperation is organised), the COROP areas with their sub and plus
areas (the statistical regions, named after the landscapes people say: Twente, Veluwe,
Achterhoek, Zaanstreek), youth-care regions (jeugdzorgregio's: Holland Rijnland, Lekstroom,
Food Valley) and safety regions (veiligheidsregio's: IJsselland, Kennemerland). Left out:

- provinces (Drenthe, Flevoland, Friesland/Fryslân, Groningen, Utrecht, Zeeland, ...): a
  province is a government of its own (the codebook's need about the Rijk and the province);
- names that are a municipality (Amersfoort, Twenterand is not one, Almere, Waterland, ...): the
  municipality register finds those, and the asking municipality's own name does not count;
- CBS bookkeeping names ("Overig Zeeland", "Aggl. 's-Gravenhage excl. Zoetermeer", "Alkmaar en
  omgeving", "Utrecht Stad"): nobody writes them;
- landsdelen and NUTS areas ("Noord-Nederland"), tourist and farming areas: not regions of
  cooperation.

A name of two regions ("Zuid-Kennemerland en IJmond", "Midden IJssel / Oost Veluwe",
"Alkmaar (Noord-Kennemerland)") gives each part that is a name by these rules.

Run from the repository root: ``python scripts/regio_namen.py [CBS_DIR]`` (default
``../shared/reference/cbs-83553NED``). The package reads the CSV it writes; it never needs the
CBS table itself.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "pmg_analysis" / "data" / "regio_namen_2017.csv"  # catalog.REGION_NAMES
# CBS column of the name -> the kind of region (Dutch, as written in the CSV)
KINDS = {
    "Naam_5": "arbeidsmarktregio",
    "Naam_9": "COROP-gebied",
    "Naam_11": "COROP-subgebied",
    "Naam_13": "COROP-plusgebied",
    "Naam_17": "jeugdzorgregio",
    "Naam_41": "veiligheidsregio",
}
PROVINCE_COLUMN = "Naam_33"
# provinces in other spellings than CBS's (Friesland is Fryslân since 1997)
PROVINCE_FORMS = {"Friesland", "Fryslân", "Brabant", "Limburg", "Holland", "Gelderland"}
BOOKKEEPING = re.compile(r"^(Overig|Aggl\.|Agglomeratie|Stadsgewest)\b|excl\.|en omgeving$| Stad$")


def parts(name: str) -> list[str]:
    """The names in one CBS name: split at " / ", "/", " en " between two names, and a
    parenthesised second name."""
    name = " ".join(name.split())
    out: list[str] = []
    m = re.fullmatch(r"(.+?) \((.+)\)", name)
    pieces = [m.group(1), m.group(2)] if m else [name]
    for piece in pieces:
        for p in re.split(r"\s*/\s*", piece):
            out.append(p)
            # "Zuid-Kennemerland en IJmond", "Stedendriehoek en Noordwest Veluwe": both names
            halves = p.split(" en ")
            if len(halves) == 2 and all(h[:1].isupper() and not h.endswith("-") for h in halves):
                out += halves
    return out


def region_names(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(name, kinds) of every region name kept, sorted by name."""
    sys.path.insert(0, str(ROOT / "src"))
    from pmg_analysis.municipalities import is_municipality_name

    provinces = {r[PROVINCE_COLUMN].strip() for r in rows} | PROVINCE_FORMS
    kinds: dict[str, set[str]] = {}
    for column, kind in KINDS.items():
        for r in rows:
            full = " ".join(r[column].split())
            if BOOKKEEPING.search(full):
                continue
            for name in parts(full):
                if (name in provinces or is_municipality_name(name) or BOOKKEEPING.search(name)
                        or len(name) < 4):
                    continue
                kinds.setdefault(name, set()).add(kind)
    return sorted((n, "; ".join(sorted(k))) for n, k in kinds.items())


def main() -> None:
    cbs = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "reference" / \
        "cbs-83553NED"
    with (cbs / "data.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    names = region_names(rows)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        f.write("# Namen van regio's die geen gemeente of provincie zijn (indeling 1 januari "
                "2017).\n# Bron: CBS, 'Gebieden in Nederland 2017', tabel 83553NED: "
                "arbeidsmarktregio's, COROP-(sub/plus)gebieden,\n# jeugdzorgregio's en "
                "veiligheidsregio's. Geschreven door scripts/regio_namen.py (zie daar wat is "
                "weggelaten).\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["naam", "soort"])
        w.writerows(names)
    print(f"{len(names)} regionamen -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

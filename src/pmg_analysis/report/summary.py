"""The one-page summary for a director (``notebooks/00_samenvatting.ipynb``): response, top
themes, top learning questions and the proposed programme, each linking to the report that
explains it.

The figures come from the other modules; here they are only cut to the top rows, given Dutch
column names, and linked. A link is made only to a report that the same build writes (the
notebook exists and is not left out for lack of CBS data) and to a heading that exists in it,
so every link on the page resolves (the browser test checks this).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from pmg_analysis import catalog
from pmg_analysis.paths import NOTEBOOKS

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def report_target(prefix: str, heading: str | None = None, *, cbs_available: bool = True,
                  notebooks_dir: Path = NOTEBOOKS) -> tuple[str, str] | None:
    """``(href, text)`` of the report page whose notebook name starts with ``prefix`` (e.g.
    ``"03_"``), at ``heading`` when that heading exists there; None when the build writes no
    such page."""
    import nbformat

    from pmg_analysis.report.html import anchor
    from pmg_analysis.report.notebook import notebook_title
    from pmg_analysis.reportconfig import ReportConfig

    config = ReportConfig()
    found = sorted(p for p in Path(notebooks_dir).glob(f"{prefix}*.ipynb")
                   if p.stem not in config.skip
                   and (cbs_available or p.stem not in config.needs_cbs))
    if not found:
        return None
    nb = nbformat.read(found[0], as_version=4)
    title = notebook_title(nb, found[0].stem)
    headings = [m.group(1) for cell in nb.cells if cell.cell_type == "markdown"
                for m in _HEADING.finditer(cell.source)]
    page = catalog.REPORT_PAGE.file.format(notebook=found[0].stem)
    if heading and heading in headings[1:]:
        return f"{page}#{anchor(heading)}", f"{title} – {heading}"
    return page, title


def link_html(target: tuple[str, str] | None) -> str:
    """A Dutch "Meer hierover" line linking ``target`` (escaped), or a line saying the report
    is not part of this build."""
    if target is None:
        return '<p class="pmg-meer">(Het rapport met de uitleg hoort niet bij deze verwerking.)</p>'
    href, text = target
    return (f'<p class="pmg-meer">Meer hierover: <a href="{html.escape(href)}">'
            f"{html.escape(text)}</a></p>")


def show_link(prefix: str, heading: str | None = None, *, cbs_available: bool = True) -> None:
    """Display :func:`link_html` for :func:`report_target` in a notebook."""
    from IPython.display import display

    target = report_target(prefix, heading, cbs_available=cbs_available)
    text = f"Meer hierover: {target[1]}" if target else "Geen rapport."
    display({"text/html": link_html(target), "text/plain": text}, raw=True)


def response_table(responses: pd.DataFrame) -> pd.DataFrame:
    """Municipalities and responses per position type (and in total)."""
    from pmg_analysis.plots import POSITION_LABELS
    from pmg_analysis.regions.respondents import positie

    group = positie(responses).astype("string").fillna("onbekend")
    frame = pd.DataFrame({"positie": group.to_numpy(),
                          "gemeente": responses["gemeente_code"].astype("string").to_numpy()})
    order = [*POSITION_LABELS]
    counts = (frame.groupby("positie", sort=False)
              .agg(gemeenten=("gemeente", "nunique"), antwoorden=("gemeente", "size"))
              .reindex([k for k in order if k in set(frame["positie"])]))
    out = pd.DataFrame({
        "Positie in de regio": [POSITION_LABELS.get(k, k) for k in counts.index],
        "Gemeenten": counts["gemeenten"].astype("Int64").to_numpy(),
        "Antwoorden": counts["antwoorden"].astype("Int64").to_numpy(),
    })
    total = pd.DataFrame({"Positie in de regio": ["Totaal"],
                          "Gemeenten": pd.array([frame["gemeente"].nunique()], dtype="Int64"),
                          "Antwoorden": pd.array([len(frame)], dtype="Int64")})
    return pd.concat([out, total], ignore_index=True)


def response_sentence(manifest, responses: pd.DataFrame) -> str:
    """"57 van de 60 inzendingen tellen mee, uit 40 gemeenten; 3 staan in quarantaine"."""
    counts = manifest.counts
    return (f"{counts.clean} van de {counts.rows_in} inzendingen tellen mee, uit "
            f"{responses['gemeente_code'].nunique()} gemeenten; {counts.quarantined} "
            f"{'staat' if counts.quarantined == 1 else 'staan'} in quarantaine (met de reden "
            "in het rapport over de datakwaliteit).")


def top_needs(needs: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` learning needs asked by most municipalities (``text.learning_needs().needs``)."""
    from pmg_analysis.plots import THEME_LABELS

    top = needs.sort_values("cluster", kind="stable").head(n)
    return pd.DataFrame({
        "Leerbehoefte": top["label"].astype("string").to_numpy(),
        "Thema": top["theme"].astype("string").map(lambda t: THEME_LABELS.get(t, t)).to_numpy(),
        "Opgave": top["opgave_tekst"].astype("string").to_numpy(),
        "Gemeenten": top["n_gemeenten"].astype("Int64").to_numpy(),
    })


def programme_top(programme: pd.DataFrame, members: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The proposed programme: every theme and the top ``n`` learning questions, with score,
    suggested form, candidate trekkers (from ``members``, ``WorkProgramme.gemeenten``) and
    whether the rank is sensitive to the weights."""
    from pmg_analysis.prioritise.tables import joined_names

    kinds = {"thema": "Thema", "leervraag": "Leervraag"}
    top = pd.concat([programme[programme["soort"] == "thema"],
                     programme[programme["soort"] == "leervraag"].head(n)])
    return pd.DataFrame({
        "Soort": top["soort"].astype("string").map(kinds).to_numpy(),
        "Rang": top["rang"].astype("Int64").to_numpy(),
        "Onderwerp": top["label"].astype("string").to_numpy(),
        "Score (0–100)": (top["score"].astype("Float64") * 100).round(0).astype("Int64")
        .to_numpy(),
        "Gemeenten": top["n_gemeenten"].astype("Int64").to_numpy(),
        "Voorgestelde vorm": top["vorm"].astype("string").to_numpy(),
        "Kandidaat-trekkers": joined_names(members, top["item"], leads=True).replace(
            "", "–").to_numpy(),
        "Gevoelig voor de weging": top["gevoelig"].map({True: "ja", False: "nee"}).to_numpy(),
    })

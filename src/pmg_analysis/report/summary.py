"""The one-page summary for a director (``notebooks/00_samenvatting.ipynb``): the answer at a
glance (leading themes, what differs by position, the leading learning needs and where they
stand in the programme), response, each linking to the report that explains it.

Every block of the page is one function here returning a sentence or a table; the notebook
cell calls it and shows it.

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


def show_link(prefix: str, heading: str | None = None, *, cbs_available: bool = True,
              when: bool = True) -> None:
    """Display :func:`link_html` for :func:`report_target` in a notebook; nothing when
    ``when`` is false (e.g. the link to the comparison when there is none)."""
    from IPython.display import display

    if not when:
        return
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


def theme_headline(scores: pd.DataFrame) -> str:
    """The leading themes in words (members' first places and urgency, with how sure the lead
    is): :func:`pmg_analysis.themes.sentences.theme_headline`."""
    from pmg_analysis.themes.sentences import theme_headline as headline

    return headline(scores)


def theme_table(scores: pd.DataFrame, programme: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per theme, in the members' order (most often first): how often it is put first,
    its mean urgency and, with ``programme`` (``WorkProgramme.programma``), its place in the
    programme."""
    from pmg_analysis.themes.sentences import short_value, theme_name

    wide = (scores.assign(theme=scores["theme"].astype(str), measure=scores["measure"]
                          .astype(str))
            .pivot_table(index="theme", columns="measure", values="estimate", aggfunc="first",
                         observed=True))
    codes = [str(t) for t in dict.fromkeys(scores["theme"].astype(str))]
    wide = wide.reindex(codes)
    for column in ("eerste", "urgentie"):
        if column not in wide.columns:
            wide[column] = float("nan")
    wide = wide.astype("float64").sort_values(["eerste", "urgentie"], ascending=False,
                                              kind="stable", na_position="last")
    out = pd.DataFrame({
        "Thema": pd.array([theme_name(t) for t in wide.index], dtype="string"),
        "Vaakst op de eerste plaats": pd.array(
            [short_value(v, "eerste") for v in wide["eerste"]], dtype="string"),
        "Urgentie (1–5)": pd.array([short_value(v, "urgentie") for v in wide["urgentie"]],
                                   dtype="string"),
    })
    if programme is not None:
        ranks = programme[programme["soort"] == "thema"].set_index(
            programme.loc[programme["soort"] == "thema", "item"].astype(str))["rang"]
        out["Plaats in het werkprogramma"] = pd.array(
            [ranks.get(t) for t in wide.index], dtype="Int64")
    return out


def _programme_needs(programme: pd.DataFrame) -> pd.DataFrame:
    """The programme's learning-question rows with the need cluster they score."""
    rows = programme[programme["soort"] == "leervraag"]
    return rows[rows["cluster"].notna()]


def needs_table(needs: pd.DataFrame, programme: pd.DataFrame | None = None,
                n: int = 5) -> pd.DataFrame:
    """The ``n`` learning needs asked by most municipalities (``text.learning_needs().needs``),
    in words, with their place in the programme (``WorkProgramme.programma``) when given: one
    list for both."""
    from pmg_analysis.plots import THEME_LABELS

    top = needs.sort_values("cluster", kind="stable").head(n)
    out = pd.DataFrame({
        "Leerbehoefte": top["label"].astype("string").to_numpy(),
        "Thema": top["theme"].astype("string").map(lambda t: THEME_LABELS.get(t, t)).to_numpy(),
        "Gemeenten": top["n_gemeenten"].astype("Int64").to_numpy(),
    })
    if programme is not None:
        place = _programme_needs(programme).set_index(
            _programme_needs(programme)["cluster"].astype("int64"))["rang"]
        out["Plaats in het werkprogramma"] = pd.array(
            [place.get(int(c)) for c in top["cluster"]], dtype="Int64")
    return out


def has_comparison(out_dir: str | Path | None) -> bool:
    """Whether this build compared the round with a previous one (then report 06 exists and the
    summary links to it); False without a folder."""
    from pmg_analysis.rounds.store import stored

    return out_dir is not None and stored(out_dir)

"""Tables in notebooks and reports: Dutch number formats, every text HTML-escaped.

pandas' ``Styler`` does not escape cell texts by default; :func:`table_html` always passes
``escape="html"`` for cells, index and column labels, and a fixed table id derived from the
table's name (Styler otherwise draws a random uuid), so outputs are deterministic.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd


@dataclass(frozen=True)
class TableStyle:
    """Number formats for tables."""

    decimal: str = ","
    thousands: str = "."
    precision: int = 1
    percent_decimals: int = 0
    na_rep: str = "–"


def percent_formatter(decimals: int) -> Callable[[float], str]:
    """Share (0..1) -> ``"12.5%"``, rounding half up like plotly's d3-format (so a table and
    a chart of the same share agree: 0.625 -> 63%, not Python's half-even 62%). Styler then
    swaps the separators to Dutch."""
    quantum = Decimal(1).scaleb(-decimals)

    def fmt(value: float) -> str:
        exact = Decimal(float(value)) * 100  # exact binary value, as JavaScript's toFixed
        return f"{exact.quantize(quantum, rounding=ROUND_HALF_UP)}%"

    return fmt


def table_html(data: pd.DataFrame, *, name: str, caption: str | None = None,
               percent: Sequence[str] = (), precision: int | None = None,
               percent_decimals: int | None = None, index: bool = False,
               style: TableStyle = TableStyle()) -> str:
    """``data`` as an HTML table; ``percent`` lists columns holding shares (0..1), shown with
    ``percent_decimals`` (default ``style.percent_decimals``; 1 where 84.9% must not read as
    85%); the index is shown only when ``index`` (a default RangeIndex means nothing to a
    reader)."""
    uid = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "tabel"
    numbers = dict(decimal=style.decimal, thousands=style.thousands, na_rep=style.na_rep,
                   escape="html")
    styler = (data.style.set_uuid(uid)
              .format(precision=style.precision if precision is None else precision, **numbers)
              .format_index(escape="html", axis=0)
              .format_index(escape="html", axis=1))
    if percent:
        decimals = style.percent_decimals if percent_decimals is None else percent_decimals
        styler = styler.format(percent_formatter(decimals), subset=list(percent), **numbers)
    if caption:
        styler = styler.set_caption(html.escape(caption))
    if not index:
        styler = styler.hide(axis="index")
    return styler.to_html()


def show_table(data: pd.DataFrame, *, name: str, caption: str | None = None,
               percent: Sequence[str] = (), precision: int | None = None,
               percent_decimals: int | None = None, index: bool = False,
               empty: str | None = "Geen.") -> None:
    """Display ``data`` with :func:`table_html` (plain text fallback for the console); an
    empty table as ``empty``, or nothing when ``empty`` is None (a sentence above already
    says there is none)."""
    from IPython.display import display

    if data.empty and empty is None:
        return
    if data.empty:  # an empty table with only headers reads as an error
        bundle = {"text/html": f"<p><em>{html.escape(empty)}</em></p>", "text/plain": empty}
    else:
        bundle = {"text/html": table_html(data, name=name, caption=caption, percent=percent,
                                          precision=precision,
                                          percent_decimals=percent_decimals, index=index),
                  "text/plain": data.to_string(index=index)}
    display(bundle, raw=True)


def show_sentences(lines: Sequence[str], *, heading: str | None = None, level: int = 2) -> None:
    """Display Dutch sentences as paragraphs (escaped), under ``heading`` as a section of its
    own (a heading with an anchor, in the page's table of contents); nothing at all when there
    are no (non-empty) ``lines``, so a section that does not apply leaves no empty heading."""
    from IPython.display import display

    from pmg_analysis.report.html import anchor

    lines = [line for line in lines if line]  # a sentence that does not apply is ""
    if not lines:
        return
    parts = []
    if heading:
        slug = anchor(heading)
        parts.append(f'<h{level} id="{slug}">{html.escape(heading)}<a class="anchor-link" '
                     f'href="#{slug}">¶</a></h{level}>')
    parts += [f"<p>{html.escape(line)}</p>" for line in lines]
    plain = "\n".join([*([heading] if heading else []), *lines])
    display({"text/html": "\n".join(parts), "text/plain": plain}, raw=True)

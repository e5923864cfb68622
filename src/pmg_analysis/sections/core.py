"""The parts every section shares: the data of one run (:class:`ReportData`), the blocks a
section returns (sentences, tables, figures, links) and :func:`show`, which displays them in a
notebook exactly as the report pages expect.

A section is a library function ``section(data)`` (a municipality page's: ``(data, code)``)
returning a :class:`Section`: its blocks in page order. The notebook cell calls one and shows
it; the export-shape tests call the same functions without a kernel. Computation and Dutch
display stay in the modules below (``themes``, ``text``, ``prioritise``, ...); a section only
picks the page's calls and says how each result is shown.

Examples
--------
>>> import pandas as pd
>>> s = Section.of("Eerste zin.", "", Table(pd.DataFrame({"a": [1]}), name="t"), None)
>>> [type(b).__name__ for b in s.blocks]
['Text', 'Table']
>>> s.sentences, s.table("t")["a"].tolist()
(['Eerste zin.'], [1])
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from pmg_analysis.context import RunContext

if TYPE_CHECKING:
    import plotly.graph_objects as go

    from pmg_analysis.clean.manifest import Manifest
    from pmg_analysis.results import Results


# --- blocks ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    """Sentences printed as plain text, ``sep`` between them (a notebook's
    ``print(*lines, sep=sep)``); empty sentences are dropped."""

    lines: tuple[str, ...]
    sep: str = "\n"

    def show(self) -> None:
        print(*self.lines, sep=self.sep)

    def outputs(self) -> list[object]:
        return list(self.lines)


@dataclass(frozen=True)
class Paragraphs:
    """Sentences as HTML paragraphs, under ``heading`` as a section of its own
    (:func:`pmg_analysis.report.show_sentences`); nothing when there are none."""

    lines: tuple[str, ...]
    heading: str | None = None

    def show(self) -> None:
        from pmg_analysis.report.tables import show_sentences

        show_sentences(self.lines, heading=self.heading)

    def outputs(self) -> list[object]:
        return list(self.lines)


@dataclass(frozen=True)
class Table:
    """A table and how it is displayed (:func:`pmg_analysis.report.show_table`): its ``name``
    (the HTML table id), share columns shown as percentages, precision, caption, and the
    sentence shown instead of an empty table (None: nothing, a sentence above says so)."""

    data: pd.DataFrame
    name: str
    caption: str | None = None
    percent: tuple[str, ...] = ()
    precision: int | None = None
    percent_decimals: int | None = None
    empty: str | None = "Geen."

    def show(self) -> None:
        from pmg_analysis.report.tables import show_table

        show_table(self.data, name=self.name, caption=self.caption, percent=self.percent,
                   precision=self.precision, percent_decimals=self.percent_decimals,
                   empty=self.empty)

    def outputs(self) -> list[object]:
        return [self.data]


@dataclass(frozen=True)
class Chart:
    """A plotly figure (or the sentence that replaces a figure that cannot be made), shown
    with :func:`pmg_analysis.plots.show` under ``name``."""

    figure: go.Figure | str
    name: str
    empty: str | None = None

    def show(self) -> None:
        from pmg_analysis import plots

        plots.show(self.figure, name=self.name, empty=self.empty)

    def outputs(self) -> list[object]:
        return [self.figure]


@dataclass(frozen=True)
class Link:
    """The summary's "Meer hierover" link to the report page starting with ``prefix``, at
    ``heading`` (:func:`pmg_analysis.report.summary.show_link`); nothing when not ``when``."""

    prefix: str
    heading: str | None = None
    cbs_available: bool = True
    when: bool = True

    def show(self) -> None:
        from pmg_analysis.report import summary

        summary.show_link(self.prefix, self.heading, cbs_available=self.cbs_available,
                          when=self.when)

    def outputs(self) -> list[object]:
        return []  # a link computes nothing a page could fail on


Block = Text | Paragraphs | Table | Chart | Link


@dataclass(frozen=True)
class Section:
    """The blocks of one report section, in page order."""

    blocks: tuple[Block, ...]

    @classmethod
    def of(cls, *blocks: Block | str | None) -> Section:
        """A section of ``blocks``; a ``str`` is a :class:`Text` of one sentence; None, empty
        sentences and a text without sentences are dropped (a part that does not apply)."""
        kept: list[Block] = []
        for block in blocks:
            if isinstance(block, str):
                block = Text((block,))
            if isinstance(block, Text | Paragraphs):
                lines = tuple(line for line in block.lines if line)
                block = replace(block, lines=lines) if lines else None
            if block is not None:
                kept.append(block)
        return cls(tuple(kept))

    def __iter__(self) -> Iterator[Block]:
        return iter(self.blocks)

    @property
    def sentences(self) -> list[str]:
        """Every sentence of the section, in order."""
        return [line for b in self.blocks if isinstance(b, Text | Paragraphs)
                for line in b.lines]

    def table(self, name: str) -> pd.DataFrame:
        """The table named ``name``."""
        for b in self.blocks:
            if isinstance(b, Table) and b.name == name:
                return b.data
        raise KeyError(f"no table {name!r} in this section")

    def outputs(self) -> list[object]:
        """What the section shows, in order: sentences, frames, figures."""
        return [out for b in self.blocks for out in b.outputs()]


def text(lines: Sequence[str], sep: str = "\n\n") -> Text:
    """Sentences printed with a blank line between them."""
    return Text(tuple(lines), sep)


def show(section: Section) -> None:
    """Display every block of ``section`` in a notebook, in order."""
    for block in section.blocks:
        block.show()


# --- the data of one run -----------------------------------------------------------------------

@dataclass(frozen=True)
class ReportData:
    """The processed tables and manifest of one run with its context (settings, folders),
    and what several sections share, computed once (:meth:`once`)."""

    tables: Mapping[str, pd.DataFrame]
    manifest: Manifest
    run: RunContext = field(default_factory=RunContext)
    # True: the analysis results are read where ``make report`` stored them for this export
    # and these settings (load_results); False: computed from ``tables`` (tables changed in
    # memory, as the property tests do, must not be matched with stored results)
    stored_results: bool = True
    _memo: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def once(self, key: str, compute: Callable[[], Any]) -> Any:
        """``compute()`` the first time ``key`` is asked for, the stored result after."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def results(self) -> Results:
        """Every analysis result of these tables (:class:`pmg_analysis.results.Results`)."""
        from pmg_analysis.results import compute_results, load_results

        if self.stored_results:
            return self.once("results", lambda: load_results(self.run, tables=self.tables))
        return self.once("results", lambda: compute_results(
            dict(self.tables), cache_dir=self.cache_dir, settings=self.settings))

    @classmethod
    def read(cls, run: RunContext) -> ReportData:
        """The processed tables and manifest in ``run.processed``, read now (:func:`load`
        reads them once per process)."""
        from pmg_analysis.processed import load_manifest, load_processed

        return cls(load_processed(run.processed), load_manifest(run.processed), run)

    @property
    def settings(self):
        return self.run.settings

    @property
    def cache_dir(self) -> Path:
        """The processed folder: text embeddings, stored results, the previous round."""
        return Path(self.run.processed)

    @property
    def responses(self) -> pd.DataFrame:
        return self.tables["responses"]

    @property
    def answers(self) -> pd.DataFrame:
        return self.tables["answers"]

    @property
    def texts(self) -> pd.DataFrame:
        return self.tables["texts"]

    @property
    def cbs(self) -> bool:
        """Whether the positions come from the CBS/PDOK data."""
        return bool(self.manifest.positions and self.manifest.positions.cbs_available)


def load(run: RunContext) -> ReportData:
    """The :class:`ReportData` of ``run``'s processed folder; loaded once per process for the
    same folder, export (SHA-256), settings and questionnaire version (the municipality pages
    run one after another in one kernel)."""
    from pmg_analysis.processed import load_manifest

    folder = Path(run.processed).resolve()
    key = json.dumps([str(folder), load_manifest(folder).source.sha256,
                      run.settings.overrides(), run.version], sort_keys=True)
    if key not in _LOADED:
        _LOADED[key] = ReportData.read(run)
    return _LOADED[key]


_LOADED: dict[str, ReportData] = {}  # per process: folder, export, settings, version


# --- what a reader would see as broken ---------------------------------------------------------

_NOT_A_NUMBER = ("nan", "NaN", "<NA>", "None", "inf")
_MISSING = re.compile(r"\b(" + "|".join(re.escape(w) for w in _NOT_A_NUMBER) + r")\b")


def output_defects(pages: Mapping[str, Mapping[str, Section]]) -> list[str]:
    """What a reader would see as broken in the sections of ``pages`` (page -> section name
    -> section): a sentence that is empty or shows a missing number ("nan", "<NA>"), or an
    output that is neither a frame, a sentence, a number nor a figure. (A figure without
    values is not a defect here: :func:`pmg_analysis.plots.show` replaces it by a sentence.)

    >>> output_defects({"p": {"s": Section((Text(("Er zijn nan gemeenten.",)),))}})
    ['p.s[0]: Er zijn nan gemeenten.']
    """
    import plotly.graph_objects as go

    defects = []
    for page, sections in pages.items():
        for name, section in sections.items():
            for i, out in enumerate(section.outputs()):
                where = f"{page}.{name}[{i}]"
                if isinstance(out, str):
                    if not out.strip():
                        defects.append(f"{where}: lege zin")
                    elif _MISSING.search(out.replace("<NA>", " NaN ")):
                        defects.append(f"{where}: {out[:120]}")
                elif not isinstance(out, pd.DataFrame | go.Figure | int | float):
                    defects.append(f"{where}: {type(out).__name__}")
    return defects

"""Settings of the report build and the HTML export, apart from the code that uses them
(:mod:`pmg_analysis.report`): the settings file (:mod:`pmg_analysis.settings`) holds them as one
section, below the report pages in the layers (they read the settings and results), and without
loading nbformat and nbconvert."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from annotated_types import Ge

from pmg_analysis import catalog


@dataclass(frozen=True)
class HtmlConfig:
    """Settings of the HTML export."""

    # The project's own nbconvert template (templates/pmg): Dutch page frame and data stamp.
    template_name: str = "pmg"
    language: str = "nl"  # the reports are Dutch: the lang attribute of every page
    # Cells with these tags are left out of the page: "verbergen" as notebooks tag them, and
    # papermill's parameter cells (the defaults and the injected values), which show nothing.
    remove_cell_tags: tuple[str, ...] = ("verbergen", "remove_cell", "parameters",
                                         "injected-parameters")

    # Cells with these tags run, but their output is not shown.
    remove_output_tags: tuple[str, ...] = ("verberg-uitvoer", "remove_output")
    index_text: str = "Overzicht van de rapporten"  # title of the entry page, in Dutch
    plotlyjs_file: str = catalog.PLOTLYJS.file  # written once beside the reports
    # Heading levels listed in the table of contents: the sections only, so that the contents
    # stay a few lines above the answer (subheadings keep their anchors for links).
    toc_levels: tuple[int, ...] = (2,)
    toc_title: str = "Inhoud"  # heading of the table of contents, in Dutch
    # Cells with this tag (method, statistics, sources) are shown in a collapsed block at the
    # end of their section: the reader sees the answer first and opens the method when wanted.
    verantwoording_tag: str = "verantwoording"
    verantwoording_title: str = "Verantwoording"  # its summary, unless it starts with a heading
    # The summary of the collapsed block under the foot line (hash and settings).
    stamp_details_title: str = "Herkomst en instellingen"


@dataclass(frozen=True)
class ReportConfig:
    """Settings of the report build."""

    kernel_name: str = "python3"  # the kernel `make setup` installs into .venv
    build_dir: Path | None = None  # executed copies; None: a temporary directory
    skip: tuple[str, ...] = ("gemeenteprofiel",)  # parameterised, built per municipality
    # notebooks that need the CBS/PDOK data; left out (and said so) when it is unavailable
    needs_cbs: tuple[str, ...] = ("02_positie_in_de_regio",)
    cell_timeout: Annotated[int, Ge(1)] | None = 1800  # seconds per cell
    # Pages built at the same time, each in a process with its own kernel: 2 keeps both cores
    # of a small machine busy (the national export's largest kernel takes 0.8 GB); 1 builds
    # one page after another. The pages are the same either way.
    workers: Annotated[int, Ge(1)] = 2
    # The municipality pages in a folder of their own: the index and notebook pages stay a
    # short list beside it.
    profiles_subdir: str = "gemeenten"
    profile_notebook: str = "gemeenteprofiel"  # its `parameters` cell sets `profile_parameter`
    # The variable in the profile notebook's `parameters` cell; the two must match.
    profile_parameter: str = "gemeente_code"
    html: HtmlConfig = field(default_factory=HtmlConfig)  # how each page is exported

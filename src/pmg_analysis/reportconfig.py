"""Settings of the report build and the HTML export, apart from the code that uses them
(:mod:`pmg_analysis.report`): the settings file (:mod:`pmg_analysis.settings`) holds them as one
section, below the report pages in the layers (they read the settings and results), and without
loading nbformat and nbconvert."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from annotated_types import Ge

from pmg_analysis import catalog
from pmg_analysis.reasons import setting


@dataclass(frozen=True)
class HtmlConfig:
    """Settings of the HTML export."""

    template_name: str = setting("pmg", reason=(
        "The project's own nbconvert template (templates/pmg): Dutch page frame and data stamp."))
    language: str = setting("nl", reason="the reports are Dutch: the lang attribute of every page")
    remove_cell_tags: tuple[str, ...] = setting(
        ("verbergen", "remove_cell", "parameters", "injected-parameters"),
        reason=(
            "Cells with these tags are left out of the page: \"verbergen\" as notebooks tag "
            "them, and papermill's parameter cells (the defaults and the injected values), which "
            "show nothing."))

    remove_output_tags: tuple[str, ...] = setting(("verberg-uitvoer", "remove_output"), reason=(
        "Cells with these tags run, but their output is not shown."))
    index_text: str = setting("Overzicht van de rapporten", reason=(
        "title of the entry page, in Dutch"))
    plotlyjs_file: str = setting(catalog.PLOTLYJS.file, reason="written once beside the reports")
    toc_levels: tuple[int, ...] = setting((2,), reason=(
        "Heading levels listed in the table of contents: the sections only, so that the contents "
        "stay a few lines above the answer (subheadings keep their anchors for links)."))
    toc_title: str = setting("Inhoud", reason="heading of the table of contents, in Dutch")
    verantwoording_tag: str = setting("verantwoording", reason=(
        "Cells with this tag (method, statistics, sources) are shown in a collapsed block at the "
        "end of their section: the reader sees the answer first and opens the method when "
        "wanted."))
    verantwoording_title: str = setting("Verantwoording", reason=(
        "its summary, unless it starts with a heading"))
    stamp_details_title: str = setting("Herkomst en instellingen", reason=(
        "The summary of the collapsed block under the foot line (hash and settings)."))


@dataclass(frozen=True)
class ReportConfig:
    """Settings of the report build."""

    kernel_name: str = setting("python3", reason="the kernel `make setup` installs into .venv")
    build_dir: Path | None = setting(None, reason="executed copies; None: a temporary directory")
    skip: tuple[str, ...] = setting(("gemeenteprofiel",), reason=(
        "parameterised, built per municipality"))
    needs_cbs: tuple[str, ...] = setting(("02_positie_in_de_regio",), reason=(
        "notebooks that need the CBS/PDOK data; left out (and said so) when it is unavailable"))
    cell_timeout: Annotated[int, Ge(1)] | None = setting(1800, reason="seconds per cell")
    workers: Annotated[int, Ge(1)] = setting(2, reason=(
        "Pages built at the same time, each in a process with its own kernel: 2 keeps both cores "
        "of a small machine busy (the national export's largest kernel takes 0.8 GB); 1 builds "
        "one page after another. The pages are the same either way."))
    profiles_subdir: str = setting("gemeenten", reason=(
        "The municipality pages in a folder of their own: the index and notebook pages stay a "
        "short list beside it."))
    profile_notebook: str = setting("gemeenteprofiel", reason=(
        "its `parameters` cell sets `profile_parameter`"))
    profile_parameter: str = setting("gemeente_code", reason=(
        "The variable in the profile notebook's `parameters` cell; the two must match."))
    html: HtmlConfig = setting(factory=HtmlConfig, reason="how each page is exported")

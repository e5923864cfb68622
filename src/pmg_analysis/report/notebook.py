"""Executing a notebook with papermill into a build copy, and normalising the copy for export.

The committed notebook is only read. The executed copy is stripped of volatile metadata
(execution timings, papermill's bookkeeping) and gets stable cell ids, so the same input gives
the same HTML.
"""

from __future__ import annotations

import copy
import re
from pathlib import Path

import nbformat
import papermill
from papermill.exceptions import PapermillExecutionError

VOLATILE_NOTEBOOK_METADATA = ("papermill", "widgets")
VOLATILE_CELL_METADATA = ("papermill", "execution", "ExecuteTime", "collapsed", "scrolled")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def kernel_config():
    """The kernel talks to the build over local sockets (ZeroMQ's ``ipc`` transport) where
    the system has them: over TCP every kernel logged "Kernel is running over TCP without
    encryption" to the terminal (8-9 lines on every ``make report``), and local sockets are
    what that warning advises. Each kernel gets sockets of its own in the temporary folder
    (by default they would be ``kernel-ipc-N`` in the notebooks' folder, shared by the
    kernels running side by side). Windows has no ``ipc``: there it stays TCP."""
    import os
    import tempfile
    import uuid

    from traitlets.config import Config

    if os.name != "posix":
        return Config()
    sockets = os.path.join(tempfile.gettempdir(), f"pmg-kernel-{uuid.uuid4().hex[:12]}")
    return Config({"KernelManager": {"transport": "ipc", "ip": sockets}})


class ReportBuildError(RuntimeError):
    """A notebook could not be executed or exported; the message is Dutch."""


def execute_notebook(source: Path, target: Path, *, cwd: Path, parameters: dict | None = None,
                     kernel_name: str = "python3",
                     cell_timeout: int | None = None) -> nbformat.NotebookNode:
    """Run ``source`` with papermill (working directory ``cwd``), save the normalised result
    as ``target`` and return it. ``source`` is never written."""
    if Path(target).resolve() == Path(source).resolve():
        raise ValueError("the executed copy must not overwrite the committed notebook")
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=parameters or {}, kernel_name=kernel_name,
            cwd=str(cwd), progress_bar=False, log_output=False, execution_timeout=cell_timeout,
            config=kernel_config(),
        )
    except PapermillExecutionError as exc:
        raise ReportBuildError(
            f"Notebook {Path(source).name} stopte met een fout in cel {exc.exec_count}: "
            f"{exc.ename}: {exc.evalue}. De uitgevoerde kopie staat in {target}."
        ) from exc
    nb = normalise(nbformat.read(target, as_version=4))
    nbformat.write(nb, target)
    return nb


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy without volatile metadata, with cell ids ``c000``, ``c001``, ... and printed
    text merged into one output per stream."""
    nb = copy.deepcopy(nb)
    for key in VOLATILE_NOTEBOOK_METADATA:
        nb.metadata.pop(key, None)
    for i, cell in enumerate(nb.cells):
        cell.id = f"c{i:03d}"
        for key in VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        if "outputs" in cell:
            cell.outputs = coalesce_streams(cell.outputs)
    return nb


def coalesce_streams(outputs: list) -> list:
    """Consecutive stdout (or stderr) chunks as one output: how the kernel happens to flush
    printed text must not change the page."""
    merged: list = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (previous is not None and output.get("output_type") == "stream"
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] = previous["text"] + output["text"]
        else:
            merged.append(output)
    return merged


def _plain(markdown: str) -> str:
    """Markdown inline text as plain text (links, emphasis and code marks removed)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*_`]+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def notebook_title(nb: nbformat.NotebookNode, default: str) -> str:
    """The text of the first markdown heading, or ``default``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _HEADING.search(cell.source)
            if match:
                return _plain(match.group(1))
    return default


def notebook_description(nb: nbformat.NotebookNode) -> str:
    r"""One whole description of the notebook for the index: ``metadata.pmg.beschrijving``, or
    else the first paragraph after the first heading (all its lines, never cut off).

    >>> from nbformat.v4 import new_markdown_cell, new_notebook
    >>> notebook_description(new_notebook(cells=[new_markdown_cell(
    ...     "# Titel\n\nEen zin die over\ntwee regels loopt.\n\nTweede alinea.")]))
    'Een zin die over twee regels loopt.'
    """
    explicit = nb.metadata.get("pmg", {}).get("beschrijving")
    if explicit:
        return _plain(explicit)
    for cell in nb.cells:
        heading = _HEADING.search(cell.source) if cell.cell_type == "markdown" else None
        if heading is None:
            continue
        paragraph: list[str] = []
        for line in cell.source[heading.end():].splitlines():
            if _HEADING.match(line) or (not line.strip() and paragraph):
                break
            if line.strip():
                paragraph.append(line)
        return _plain(" ".join(paragraph))
    return ""


def execute_parameterised(source: Path, runs: list[tuple[dict, Path]], *, cwd: Path,
                          kernel_name: str = "python3",
                          cell_timeout: int | None = None) -> list[nbformat.NotebookNode]:
    """Run the papermill-parameterised notebook ``source`` once per ``(parameters, target)``
    in ONE kernel (a kernel start and the imports cost more than a municipality's page), save
    each normalised result as its ``target`` and return them. The parameters are injected as
    papermill does (a cell tagged ``injected-parameters`` after the ``parameters`` cell), so
    ``papermill source out.ipynb -p ...`` gives the same notebook."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
    from papermill.iorw import load_notebook_node
    from papermill.parameterize import parameterize_notebook

    template = load_notebook_node(str(source))  # as papermill reads it (every cell has tags)
    client = NotebookClient(copy.deepcopy(template), kernel_name=kernel_name,
                            timeout=cell_timeout, resources={"metadata": {"path": str(cwd)}},
                            config=kernel_config())
    results = []
    with client.setup_kernel():
        for parameters, target in runs:
            if Path(target).resolve() == Path(source).resolve():
                raise ValueError("the executed copy must not overwrite the committed notebook")
            nb = parameterize_notebook(copy.deepcopy(template), parameters,
                                       kernel_name=kernel_name)
            client.nb = nb
            client.reset_execution_trackers()
            try:
                for index, cell in enumerate(nb.cells):
                    client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
            except CellExecutionError as exc:
                raise ReportBuildError(
                    f"Notebook {Path(source).name} met {parameters} stopte met een fout: "
                    f"{exc.ename}: {exc.evalue}.") from exc
            nb = normalise(nb)
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
            results.append(nb)
    return results

"""One run of the chain, described once: :class:`RunContext`.

The settings in force, the folders, the questionnaire version and the previous round of one run
are built once — by the CLI from its command line, by a notebook from its papermill parameters
(:func:`notebook_context`) — and handed to every step: cleaning both rounds, the analysis, the
comparison and the report build. No step falls back to a default or the environment where the
run has a value.

Examples
--------
>>> run = RunContext(processed=Path("verwerkt"), version="2019")
>>> run.parameters()["vragenlijst"], run.parameters()["instellingen"]
('2019', {})
>>> run.previous_dir
PosixPath('verwerkt/vorige')
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmg_analysis import catalog
from pmg_analysis.paths import NOTEBOOKS, PROCESSED, REPORTS
from pmg_analysis.settings import Settings, settings_from_mapping

# A notebook opened without the parameter ``verwerkt`` (JupyterLab, nbval) reads the processed
# tables from this folder when the variable is set (the tests set it to the example's tables in
# a temporary folder), else from data/processed. Nothing else reads it.
PROCESSED_ENV = "PMG_VERWERKT"


@dataclass(frozen=True)
class RunContext:
    """Everything one run shares: settings, folders, questionnaire version, previous round.

    Attributes
    ----------
    settings : Settings
        The settings in force (:func:`pmg_analysis.settings.read_settings`), for both rounds.
    processed, reports, notebooks : Path
        The folders of the processed tables (and results), the reports, the notebooks.
    version : str or None
        The questionnaire year of this round's export (None: the packaged 2017 one).
    previous : Path or None
        The previous round's export (``--vorige``); None: no comparison.
    previous_version : str or None
        The questionnaire year of the previous round (None: 2017).
    """

    settings: Settings = field(default_factory=Settings)
    processed: Path = PROCESSED
    reports: Path = REPORTS
    notebooks: Path = NOTEBOOKS
    version: str | None = None
    previous: Path | None = None
    previous_version: str | None = None

    @property
    def previous_dir(self) -> Path:
        """Where the previous round's processed tables go (``<processed>/vorige``)."""
        return Path(self.processed) / catalog.PREVIOUS_ROUND_DIR

    def parameters(self) -> dict[str, Any]:
        """The papermill parameters every notebook gets: the folder of the processed tables
        (``verwerkt``), the settings that differ from the defaults (``instellingen``; never the
        pseudonym key) and the questionnaire year (``vragenlijst``)."""
        return {"verwerkt": str(Path(self.processed).resolve()),
                "instellingen": self.settings.overrides(), "vragenlijst": self.version}


def context_from_parameters(verwerkt: str | Path | None = None,
                            instellingen: Mapping[str, Any] | None = None,
                            vragenlijst: str | None = None) -> RunContext:
    """The run context a notebook's parameters describe (the inverse of
    :meth:`RunContext.parameters`); ``verwerkt`` None: :data:`PROCESSED_ENV` if set, else
    data/processed.

    >>> run = RunContext(settings=settings_from_mapping({"themes": {"seed": 1}}))
    >>> context_from_parameters(**run.parameters()).settings == run.settings
    True
    """
    if verwerkt:
        processed = Path(verwerkt)
    else:
        processed = Path(os.environ.get(PROCESSED_ENV) or PROCESSED)
    return RunContext(settings=settings_from_mapping(instellingen), processed=processed,
                      version=str(vragenlijst) if vragenlijst else None)


def notebook_context(verwerkt: str | Path | None = None,
                     instellingen: Mapping[str, Any] | None = None,
                     vragenlijst: str | None = None) -> RunContext:
    """A notebook's first call: its run context from its parameters
    (:func:`context_from_parameters`), with the run's questionnaire version made the one
    :func:`pmg_analysis.instrument.load_instrument` returns in this kernel."""
    from pmg_analysis.instrument import use_instrument_version

    run = context_from_parameters(verwerkt, instellingen, vragenlijst)
    use_instrument_version(run.version)
    return run

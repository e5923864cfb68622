"""Where the CBS/PDOK files come from, and the sentence reports show about it.

Order: ``$PMG_CBS_DIR``; ``data/raw/cbs/`` under the repository root (where
``pmg-analysis cbs fetch`` writes); otherwise none, and the pipeline falls back to the positions
respondents ticked. A directory counts only when it holds both files in the expected layout::

    <dir>/cbs-83553NED/data.csv
    <dir>/pdok/gemeente_2017_gegeneraliseerd.geojson

The population per core is optional, in the same directory (see
:mod:`pmg_analysis.regions.kernen`)::

    <dir>/cbs-kernen/bevolkingskernen_2011.csv
    <dir>/cbs-kernen/woonplaatsen_2016.csv

Without it everything works on municipal figures, and :func:`kernen_zin` says so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pmg_analysis.paths import repo_root
from pmg_analysis.regions.kernen import kernen_available
from pmg_analysis.regions.load import cbs_data_path, pdok_path

ENV_VAR = "PMG_CBS_DIR"
RAW_SUBDIR = Path("data") / "raw" / "cbs"

ZIN_CBS = ("De positie in de regio is afgeleid uit openbare gegevens van het CBS "
           "(Gebieden in Nederland 2017) en de gemeentegrenzen van PDOK.")
ZIN_KERNEN = ("Steden zijn beoordeeld met de inwoners van hun grootste kern (CBS Bevolkingskernen "
              "2011, via Woonplaatsen in Nederland 2016 aan de gemeenten van 2017 gekoppeld).")
ZIN_KERNEN_ONTBREEKT = ("De inwoners per kern (CBS Bevolkingskernen 2011 en Woonplaatsen in "
                        "Nederland 2016) ontbreken, dus is elke gemeente als geheel beoordeeld, "
                        "ook een stad die met veel dorpen één gemeente vormt.")
ZIN_ZELF = ("De positie in de regio is alleen gebaseerd op wat respondenten zelf aankruisten; "
            "CBS-gegevens waren niet beschikbaar.")


@dataclass(frozen=True)
class CbsSource:
    """The resolved source directory (None when no complete one exists) and why."""

    directory: Path | None
    origin: str | None  # "PMG_CBS_DIR", "data/raw/cbs" or None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def available(self) -> bool:
        return self.directory is not None

    @property
    def sentence(self) -> str:
        """The one plain Dutch sentence every report shows about the position's source."""
        return positie_bron_zin(self.available)

    @property
    def kernen_available(self) -> bool:
        """The optional core tables (``cbs-kernen/``) are there too."""
        return kernen_available(self.directory)

    @property
    def kernen_sentence(self) -> str:
        """The one Dutch sentence about the population per core: used, or missing."""
        return kernen_zin(self.kernen_available)


def positie_bron_zin(cbs_available: bool) -> str:
    """The Dutch sentence for reports: derived from CBS/PDOK, or self-reported only."""
    return ZIN_CBS if cbs_available else ZIN_ZELF


def kernen_zin(available: bool) -> str:
    """The Dutch sentence about the population per core: used, or missing (then every
    municipality is judged as a whole)."""
    return ZIN_KERNEN if available else ZIN_KERNEN_ONTBREEKT


def _missing_files(directory: Path) -> list[str]:
    return [str(p.relative_to(directory)) for p in (cbs_data_path(directory), pdok_path(directory))
            if not p.is_file()]


def resolve_source(env: Mapping[str, str] | None = None, root: Path | None = None) -> CbsSource:
    """Find the CBS/PDOK directory; never raises. Unusable candidates are explained in ``notes``."""
    env = os.environ if env is None else env
    root = repo_root() if root is None else Path(root)
    notes: list[str] = []
    candidates: list[tuple[str, Path]] = []
    if env.get(ENV_VAR):
        candidates.append((ENV_VAR, Path(env[ENV_VAR]).expanduser()))
    candidates.append((RAW_SUBDIR.as_posix(), root / RAW_SUBDIR))
    for origin, directory in candidates:
        if not directory.is_dir():
            if origin == ENV_VAR:
                notes.append(f"{ENV_VAR} wijst naar {directory}, maar die map bestaat niet.")
            continue
        missing = _missing_files(directory)
        if missing:
            notes.append(f"In {directory} ontbreekt {', '.join(missing)}.")
            continue
        return CbsSource(directory.resolve(), origin, tuple(notes))
    notes.append("Geen CBS/PDOK-bestanden gevonden; haal ze op met 'pmg-analysis cbs fetch'.")
    return CbsSource(None, None, tuple(notes))

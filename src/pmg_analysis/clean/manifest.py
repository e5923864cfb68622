"""The manifest of a clean run: what came in, what came out, and where positions come from.

One typed object, built by :func:`build_manifest` during cleaning; later steps fill their own
fields with :func:`dataclasses.replace` (``positions`` by the regions step, ``excel`` and
``data_date`` by the writer). On disk it is ``manifest.json`` with the Dutch keys users read::

    manifest = Manifest.read(path)
    manifest.counts.clean, manifest.source.file, manifest.positions.sentence
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pmg_analysis import __version__
from pmg_analysis.clean.outputs import write_json
from pmg_analysis.clean.rows import REASONS
from pmg_analysis.clean.tables import PROBLEMS
from pmg_analysis.instrument import Instrument, round_themes
from pmg_analysis.io.export import Export
from pmg_analysis.io.mapping import ColumnMapping


@dataclass(frozen=True)
class Source:
    """The export that was read (JSON key ``bron``)."""

    file: str  # bestand
    sha256: str
    tool: str
    layout: str
    encoding: str | None = None
    delimiter: str | None = None  # scheidingsteken
    notes: tuple[str, ...] = ()  # opmerkingen

    def to_json(self) -> dict[str, Any]:
        return {"bestand": self.file, "sha256": self.sha256, "tool": self.tool,
                "layout": self.layout, "encoding": self.encoding,
                "scheidingsteken": self.delimiter, "opmerkingen": list(self.notes)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Source:
        return cls(file=data["bestand"], sha256=data["sha256"], tool=data["tool"],
                   layout=data["layout"], encoding=data.get("encoding"),
                   delimiter=data.get("scheidingsteken"),
                   notes=tuple(data.get("opmerkingen", ())))


@dataclass(frozen=True)
class Counts:
    """Rows in and out (JSON key ``aantallen``): ``rows_in == clean + quarantined``."""

    rows_in: int  # rijen_in
    clean: int  # schoon
    quarantined: int  # quarantaine
    per_reason: dict[str, int] = field(default_factory=dict)  # quarantaine_per_reden

    @property
    def add_up(self) -> bool:
        """Nothing lost: clean + quarantined = rows in, and the reasons sum to the quarantine."""
        return (self.clean + self.quarantined == self.rows_in
                and sum(self.per_reason.values()) == self.quarantined)

    def to_json(self) -> dict[str, Any]:
        return {"rijen_in": self.rows_in, "schoon": self.clean, "quarantaine": self.quarantined,
                "quarantaine_per_reden": dict(self.per_reason)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Counts:
        return cls(rows_in=data["rijen_in"], clean=data["schoon"],
                   quarantined=data["quarantaine"],
                   per_reason=dict(data.get("quarantaine_per_reden", {})))


@dataclass(frozen=True)
class Columns:
    """How the export's columns were linked to questions (JSON key ``kolommen``)."""

    mapped: int  # gekoppeld: number of columns linked to a question
    unmapped: tuple[str, ...] = ()  # niet_gekoppeld
    questions_without_column: tuple[str, ...] = ()  # vragen_zonder_kolom

    def to_json(self) -> dict[str, Any]:
        return {"gekoppeld": self.mapped, "niet_gekoppeld": list(self.unmapped),
                "vragen_zonder_kolom": list(self.questions_without_column)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Columns:
        return cls(mapped=data["gekoppeld"], unmapped=tuple(data.get("niet_gekoppeld", ())),
                   questions_without_column=tuple(data.get("vragen_zonder_kolom", ())))


@dataclass(frozen=True)
class Positions:
    """Where the positions in the region come from (JSON key ``positie_in_de_regio``)."""

    cbs_available: bool  # cbs_beschikbaar
    sentence: str  # zin: the one plain Dutch sentence every report shows

    def to_json(self) -> dict[str, Any]:
        return {"cbs_beschikbaar": self.cbs_available, "zin": self.sentence}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Positions:
        return cls(cbs_available=bool(data["cbs_beschikbaar"]), sentence=data["zin"])


@dataclass(frozen=True)
class SettingsInForce:
    """The settings a run used (JSON key ``instellingen``): what differs from the defaults
    (dotted key -> value; the pseudonym key never, only "eigen sleutel"), the Dutch sentence
    every report shows, and the sentence saying the pseudonyms use the public default key
    (None with a key of the user's own). See :mod:`pmg_analysis.settings`."""

    changes: dict[str, Any] = field(default_factory=dict)  # gewijzigd
    sentence: str = "Instellingen: standaardinstellingen."  # zin
    pseudonym_sentence: str | None = None  # pseudoniemen

    def to_json(self) -> dict[str, Any]:
        return {"gewijzigd": dict(self.changes), "zin": self.sentence,
                "pseudoniemen": self.pseudonym_sentence}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SettingsInForce:
        return cls(changes=dict(data.get("gewijzigd", {})), sentence=data["zin"],
                   pseudonym_sentence=data.get("pseudoniemen"))


@dataclass(frozen=True)
class Manifest:
    """Everything a report needs to say about the data it was made from."""

    source: Source  # bron
    counts: Counts  # aantallen
    columns: Columns  # kolommen
    instrument_version: str  # vragenlijst_versie
    package_version: str  # pmg_analysis_versie
    problems_per_kind: dict[str, int] = field(default_factory=dict)  # meldingen_per_soort
    reasons: dict[str, str] = field(default_factory=dict)  # redenen: code -> Dutch text
    # themas_in_ronde: the themes this round asked about (its export has their questions);
    # empty in a manifest written before this was recorded, meaning all themes
    round_themes: tuple[str, ...] = ()
    # filled by later steps (None until then)
    positions: Positions | None = None  # positie_in_de_regio (regions step)
    excel: str | None = None  # workbook file name, or why it was not written
    data_date: str | None = None  # one Dutch line identifying the data (no wall-clock time)
    settings: SettingsInForce | None = None  # instellingen (the run's settings, see above)

    def to_json(self) -> dict[str, Any]:
        """The manifest as JSON-ready data with the Dutch keys of ``manifest.json``."""
        data: dict[str, Any] = {
            "bron": self.source.to_json(),
            "aantallen": self.counts.to_json(),
            "kolommen": self.columns.to_json(),
            "vragenlijst_versie": self.instrument_version,
            "pmg_analysis_versie": self.package_version,
            "meldingen_per_soort": dict(self.problems_per_kind),
            "redenen": dict(self.reasons),
            "themas_in_ronde": list(self.round_themes),
        }
        if self.positions is not None:
            data["positie_in_de_regio"] = self.positions.to_json()
        if self.excel is not None:
            data["excel"] = self.excel
        if self.data_date is not None:
            data["data_date"] = self.data_date
        if self.settings is not None:
            data["instellingen"] = self.settings.to_json()
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        positions = data.get("positie_in_de_regio")
        settings = data.get("instellingen")
        return cls(
            source=Source.from_json(data["bron"]),
            counts=Counts.from_json(data["aantallen"]),
            columns=Columns.from_json(data["kolommen"]),
            instrument_version=data["vragenlijst_versie"],
            package_version=data["pmg_analysis_versie"],
            problems_per_kind=dict(data.get("meldingen_per_soort", {})),
            reasons=dict(data.get("redenen", {})),
            round_themes=tuple(data.get("themas_in_ronde", ())),
            positions=Positions.from_json(positions) if positions else None,
            excel=data.get("excel"),
            data_date=data.get("data_date"),
            settings=SettingsInForce.from_json(settings) if settings else None,
        )

    def write(self, path: Path) -> Path:
        """Write ``manifest.json`` (sorted keys, UTF-8: same manifest, same bytes)."""
        return write_json(self.to_json(), Path(path))

    @classmethod
    def read(cls, path: Path) -> Manifest:
        return cls.from_json(json.loads(Path(path).read_text("utf-8")))


def build_manifest(export: Export, instrument: Instrument, mapping: ColumnMapping,
                   reason: pd.Series, problems: pd.DataFrame) -> Manifest:
    """The manifest of one clean run, from the export, the row decisions (``reason``: NA for a
    kept row, else a quarantine code) and the problems found in kept answers.

    Examples
    --------
    ``clean_export`` builds it (``cleaned`` is the cleaned example export):

    >>> manifest = cleaned.manifest
    >>> manifest.counts.clean + manifest.counts.quarantined == manifest.counts.rows_in
    True
    >>> Manifest.from_json(manifest.to_json()) == manifest
    True
    """
    per_reason = reason.value_counts(sort=False).reindex(list(REASONS), fill_value=0)
    return Manifest(
        source=Source(file=export.path.name, sha256=export.sha256, tool=export.tool,
                      layout=export.layout, encoding=export.encoding,
                      delimiter=export.delimiter, notes=tuple(export.notes)),
        counts=Counts(rows_in=int(len(reason)), clean=int(reason.isna().sum()),
                      quarantined=int(reason.notna().sum()),
                      per_reason={k: int(v) for k, v in per_reason.items()}),
        columns=Columns(mapped=len(mapping.mapped), unmapped=tuple(mapping.unmapped),
                        questions_without_column=tuple(mapping.missing)),
        instrument_version=instrument.version,
        package_version=__version__,
        problems_per_kind={k: int((problems["code"] == k).sum()) for k in PROBLEMS},
        reasons=dict(REASONS),
        round_themes=round_themes(instrument, [c.question_id for c in mapping.mapped]),
    )

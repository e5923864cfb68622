"""The canonical form every survey-tool reader returns.

A reader turns one export file into an :class:`Export`: the responses as a frame (one row per
response, answer cells as text exactly as exported — columns with few distinct values as
categoricals of those texts —, metadata dates parsed), and a description
of every column (question text, sub-item, the tool's own code, which standard metadata field it
holds). Readers do not clean, judge or drop anything; mapping columns to the instrument's
question ids is done by :mod:`pmg_analysis.io.mapping`.
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pandas as pd

Tool = Literal["msforms", "limesurvey", "qualtrics", "surveymonkey", "googleforms", "generic"]
TOOLS: tuple[str, ...] = ("msforms", "limesurvey", "qualtrics", "surveymonkey", "googleforms",
                          "generic")

# Standard metadata fields a column can hold. Personal fields are dropped by `clean`.
MetaField = Literal[
    "response_id",   # the tool's own response id (ResponseId, RespondentID, id, ID ...)
    "started_at",    # datetime64
    "submitted_at",  # datetime64 (completion / submit / timestamp)
    "finished",      # tool's completion flag as exported (1/0, True/False, lastpage ...)
    "progress",      # percentage completed, where the tool exports it
    "status",        # tool's response type (preview, spam, IP Address ...)
    "ip",            # personal
    "email",         # personal
    "name",          # personal (respondent or recipient name)
    "location",      # personal (latitude/longitude)
    "other_meta",    # any other tool metadata (language, channel, duration, score ...)
]
PERSONAL_META: frozenset[str] = frozenset({"ip", "email", "name", "location"})


@dataclass(frozen=True)
class ExportColumn:
    """One column of an export, described in tool-independent terms."""

    key: str                 # the column's name in ``Export.data`` (unique)
    header: str              # the header as exported (label row for multi-row headers)
    question: str            # the question text, with tool prefixes/suffixes removed
    item: str | None = None  # sub-item text when a question is split over columns
    code: str | None = None  # the tool's own column id (Q1_2, QID1, V3, activities[SQ001] ...)
    meta: str | None = None  # a MetaField, or None for an answer column
    is_other_text: bool = False  # free text belonging to an "Other / Anders" option


@dataclass
class Export:
    """An export file read into the canonical form.

    ``data`` has one row per response in file order. Its index, named ``rij``, is the row
    number a user sees when opening the file in a spreadsheet (1-based, header rows counted), so
    messages and the quarantine can point at it. Answer columns hold text (pandas' string
    dtype, or a categorical of texts where a column has few distinct values) with missing values
    as NA (empty cells are NA); metadata date columns are ``datetime64``.

    ``digest`` is the file's SHA-256, or the future that is still computing it (the reader
    hashes the file on a second core while the caller gets on with the data): :attr:`sha256`
    gives the digest itself, waiting for it if need be.
    """

    path: Path
    tool: str
    layout: str
    digest: str | Future[str]
    data: pd.DataFrame
    columns: tuple[ExportColumn, ...]
    encoding: str | None = None
    delimiter: str | None = None
    header_rows: int = 1
    notes: list[str] = field(default_factory=list)
    timezone: str | None = None  # time zone the export declares for its dates (dates stay naive)
    rows_above_header: int = 0  # title and empty rows skipped above the header

    @property
    def sha256(self) -> str:
        return self.digest if isinstance(self.digest, str) else self.digest.result()

    def column(self, key: str) -> ExportColumn:
        return next(c for c in self.columns if c.key == key)

    def meta_key(self, meta: str) -> str | None:
        """The key of the first column holding metadata field ``meta``, or None."""
        return next((c.key for c in self.columns if c.meta == meta), None)

    @property
    def answer_columns(self) -> tuple[ExportColumn, ...]:
        return tuple(c for c in self.columns if c.meta is None)

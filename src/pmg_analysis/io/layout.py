"""What a tool-specific header parser returns: how many header rows, and one ExportColumn per
physical column (keys are made unique by the reader)."""

from __future__ import annotations

from dataclasses import dataclass, field

from pmg_analysis.io.export import ExportColumn


class NotThisTool(ValueError):
    """Raised by a layout parser when the header rows do not fit its tool."""


@dataclass
class Layout:
    tool: str
    layout: str
    header_rows: int
    columns: list[ExportColumn]
    notes: list[str] = field(default_factory=list)
    timezone: str | None = None

    def __post_init__(self) -> None:
        if not self.columns:
            raise NotThisTool("no columns")


def cell(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""

"""Errors caused by the user's input, reported as one clear Dutch message (never a traceback)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class InputError(Exception):
    """Bad input: a missing, empty, corrupt or unrecognisable file, or a missing question.

    ``message`` is Dutch and written for the person who supplied the file; ``row`` is the row
    number as the user sees it in the file (1-based, header rows included) and ``column`` the
    column header, where they apply. The CLI prints :meth:`describe` and exits with code 2.
    """

    message: str
    path: str | Path | None = None
    row: int | None = None
    column: str | None = None

    def __post_init__(self) -> None:
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"bestand {Path(self.path).name}")
        if self.row is not None:
            where.append(f"rij {self.row}")
        if self.column is not None:
            where.append(f"kolom '{self.column}'")
        prefix = f"Fout in {', '.join(where)}: " if where else "Fout: "
        return prefix + self.message

    def __str__(self) -> str:
        return self.describe()

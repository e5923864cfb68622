"""Survey-export readers (one entry point, tool detection) and header -> question mapping."""

from pmg_analysis.io.choices import split_choices, split_ranking
from pmg_analysis.io.export import TOOLS, Export, ExportColumn
from pmg_analysis.io.mapping import ColumnMapping, MappedColumn, MappingConfig, map_columns
from pmg_analysis.io.reader import read_export

__all__ = ["TOOLS", "ColumnMapping", "Export", "ExportColumn", "MappedColumn", "MappingConfig",
           "map_columns", "read_export", "split_choices", "split_ranking"]

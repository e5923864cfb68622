"""Writing the processed tables: Parquet, quarantine/meldingen CSV, manifest JSON and one Excel
workbook for Excel users. Same result => byte-identical files; no cell can start a formula."""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

_W3CDTF = re.compile(rb"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(values: pd.Series) -> pd.Series:
    """Text that a spreadsheet could read as a formula gets a leading apostrophe (OWASP)."""
    if not (pd.api.types.is_string_dtype(values) or isinstance(values.dtype, pd.CategoricalDtype)
            or values.dtype == object):
        return values
    text = values.astype("str")
    risky = text.str.startswith(FORMULA_START).fillna(False)
    return text.mask(risky, "'" + text) if risky.any() else values


def excel_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(formula_safe)


@dataclass(frozen=True)
class ParquetSettings:
    compression: str = "zstd"  # smallest files; the codec is not what makes writing slow
    # A dictionary column (categorical) stores its whole dictionary again in every row group:
    # with a million response ids and the default 1M-row groups, ``answers`` would repeat it
    # ~29 times. One group per table keeps files small and writing fast.
    row_group_rows: int = 64_000_000
    # Min/max statistics of text and categorical columns (codes, pseudonymous ids) in one row
    # group prune nothing and cost ~0.7 s for the answers of a million responses: only numbers,
    # dates and booleans get them.
    text_statistics: bool = False


def write_parquet(frame: pd.DataFrame, path: Path,
                  settings: ParquetSettings = ParquetSettings()) -> Path:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    stats = [f.name for f in table.schema if settings.text_statistics
             or pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
             or pa.types.is_temporal(f.type) or pa.types.is_boolean(f.type)]
    pq.write_table(table, path, compression=settings.compression, write_statistics=stats,
                   row_group_size=settings.row_group_rows)
    return path


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    excel_safe_frame(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path


def write_json(data: dict, path: Path) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str)
                    + "\n", encoding="utf-8")
    return path


def write_xlsx(sheets: dict[str, pd.DataFrame], path: Path) -> Path:
    """One workbook, a sheet per table, formula-safe, with fixed metadata and zip timestamps."""
    tmp = path.with_suffix(".tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            out = excel_safe_frame(frame)
            for col in out.columns:  # Excel has no categorical or nullable types
                if isinstance(out[col].dtype, pd.CategoricalDtype):
                    out[col] = out[col].astype("str")
            out.to_excel(writer, sheet_name=name, index=False)
        props = writer.book.properties
        props.creator = props.lastModifiedBy = "pmg-analysis"
    _normalise_zip(tmp, path)
    tmp.unlink()
    return path


def _normalise_zip(src: Path, dst: Path) -> None:
    """Rewrite a zip container with fixed timestamps and member order (byte-identical output)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():  # openpyxl writes members in a fixed order
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" at save
                data = _W3CDTF.sub(b"2017-01-01T00:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2017, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, data)

"""Parse metadata date columns to naive datetime64, whatever date style the tool wrote.

Works on Arrow arrays with ``pyarrow.compute.strptime`` (vectorised); the format is chosen on a
sample of distinct values and then applied to the whole column. Time-zone suffixes ("GMT+1",
"+01:00", "Z") are removed, keeping local wall-clock time, and reported back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

# Tried in this order; the first one that parses every sampled value wins. Month-first slash
# dates (Google Sheets, US locale) come before day-first ones.
FORMATS: tuple[str, ...] = (
    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d",
    "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y",
    "%Y/%m/%d %I:%M:%S %p", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d",
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y", "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y",
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y",
)
_TZ_SUFFIX = r"\s*(?:(?:GMT|UTC)\s*[+-]?\d{0,2}(?::?\d{2})?|Z|[+-]\d{2}:?\d{2})$"
_FRACTION = r"(\d:\d\d)\.\d+"
_SERIAL = re.compile(r"^\d{4,5}(?:\.\d+)?$")
_EXCEL_EPOCH = np.datetime64("1899-12-30T00:00:00", "ms")
SAMPLE_SIZE = 500


@dataclass(frozen=True)
class ParsedDates:
    values: pd.Series        # datetime64[s]; NA where the cell was empty
    format: str              # the format used ("excel-serial", "xlsx", or a strptime format)
    timezone: str | None     # the zone suffix the cells carried, if any


def _sample(arr: pa.ChunkedArray | pa.Array) -> pa.Array:
    """Distinct non-empty values from the first rows (cheap on a million rows)."""
    head = arr.slice(0, 20 * SAMPLE_SIZE)
    uniques = pc.unique(head.drop_null())
    uniques = uniques.filter(pc.not_equal(pc.utf8_trim_whitespace(uniques), ""))
    return uniques.slice(0, SAMPLE_SIZE)


def parse_text_dates(arr: pa.ChunkedArray | pa.Array, *, allow_serial: bool = False,
                     ) -> ParsedDates | None:
    """Parse a string column; None when the values are not all dates in one known format.

    Whole-column passes are kept to a minimum (1M rows): clean-ups (trimming, zone suffixes,
    fractional seconds) run only when the sample shows they are needed.
    """
    sample = _sample(arr)
    values = [v for v in sample.to_pylist() if v and v.strip()]
    if not values:
        return None
    if allow_serial and all(_SERIAL.match(v.strip()) for v in values):
        return _from_serial(arr)
    if any(v != v.strip() for v in values):
        arr = pc.utf8_trim_whitespace(arr)
    zone = None
    tz = pc.extract_regex(pa.array(values, pa.string()), r"(?P<tz>" + _TZ_SUFFIX[3:] + r")")
    if tz.null_count == 0:
        zone = ", ".join(sorted({z["tz"].strip() for z in tz.to_pylist()}))
        arr = pc.replace_substring_regex(arr, _TZ_SUFFIX, "")
    if any(re.search(_FRACTION, v) for v in values):
        arr = pc.replace_substring_regex(arr, _FRACTION, r"\1")
    sample = _sample(arr)
    for fmt in FORMATS:
        if pc.strptime(sample, format=fmt, unit="s", error_is_null=True).null_count:
            continue
        full = pc.strptime(arr, format=fmt, unit="s", error_is_null=True)
        if full.null_count != arr.null_count:
            failed = pc.and_(pc.is_null(full), pc.invert(pc.equal(pc.utf8_trim_whitespace(arr),
                                                                 "")))
            if pc.any(failed).as_py():
                return None
        return ParsedDates(_to_series(full), fmt, zone)
    return None


def _from_serial(arr: pa.ChunkedArray | pa.Array) -> ParsedDates:
    days = pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
    millis = np.round(days * 86_400_000).astype("float64")
    stamps = pd.Series(_EXCEL_EPOCH + pd.to_timedelta(millis, unit="ms").to_numpy())
    return ParsedDates(stamps.dt.round("s").astype("datetime64[s]"), "excel-serial", None)


def parse_object_dates(values: pd.Series) -> ParsedDates | None:
    """Parse an xlsx column (datetime objects, Excel serial numbers or text)."""
    non_null = values.dropna()
    if non_null.empty:
        return None
    if all(isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "year")
           for v in non_null.iloc[:SAMPLE_SIZE]):
        parsed = pd.to_datetime(values, errors="coerce")
        if parsed.notna().sum() == len(non_null):
            return ParsedDates(parsed.dt.round("s").astype("datetime64[s]").reset_index(drop=True),
                               "xlsx", None)
        return None
    if all(isinstance(v, (int, float)) for v in non_null.iloc[:SAMPLE_SIZE]):
        return _from_serial(pa.array(values.astype("Float64").astype(object).tolist(),
                                     pa.float64()).cast(pa.string()))
    return parse_text_dates(pa.array(values.map(lambda v: None if v is None else str(v))
                                     .tolist(), pa.string()))


def _to_series(arr: pa.ChunkedArray | pa.Array) -> pd.Series:
    return pd.Series(arr.to_pandas() if isinstance(arr, pa.ChunkedArray) else arr.to_pandas(),
                     dtype="datetime64[s]")

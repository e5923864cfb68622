"""Byte-stable .xlsx output from openpyxl, with shared strings as Excel and MS Forms write them.

openpyxl stamps ``docProps/core.xml`` with the current time and zip entries with the local
clock, and writes text as inline strings. :func:`stable_xlsx_bytes` fixes the times and moves
the text into ``xl/sharedStrings.xml`` (first occurrence order), so equal content gives equal
bytes and the file looks like an Excel-written export to low-level readers.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

FIXED_ZIP_TIME = (2017, 3, 31, 12, 0, 0)
FIXED_DOC_TIME = dt.datetime(2017, 3, 31, 12, 0, 0)

_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"((?: s="[0-9]+")?) t="inlineStr"><is>'
                     rb'(<t(?: xml:space="preserve")?>.*?</t>|<t ?/>)</is></c>', re.S)
_MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_SST_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def _share_strings(sheets: dict[str, bytes]) -> tuple[dict[str, bytes], bytes, int]:
    """Replace inline strings by shared-string references; return sheets, sst xml, count."""
    index: dict[bytes, int] = {}
    total = 0

    def repl(m: re.Match[bytes]) -> bytes:
        nonlocal total
        total += 1
        i = index.setdefault(m.group(3), len(index))
        return b'<c r="' + m.group(1) + b'"' + m.group(2) + b' t="s"><v>' + str(i).encode() \
            + b"</v></c>"

    out = {name: _INLINE.sub(repl, xml) for name, xml in sheets.items()}
    items = b"".join(b"<si>" + t + b"</si>" for t in index)
    sst = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="' + _MAIN_NS
           + b'" count="' + str(total).encode() + b'" uniqueCount="'
           + str(len(index)).encode() + b'">' + items + b"</sst>")
    return out, sst, len(index)


def stable_xlsx_bytes(wb: Workbook) -> bytes:
    """Serialise ``wb``: fixed timestamps, shared strings, same bytes for the same content."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    with zipfile.ZipFile(raw) as src:
        parts = {info.filename: src.read(info.filename) for info in src.infolist()}
    stamp = FIXED_DOC_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    parts["docProps/core.xml"] = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*",
                                        rb"\g<1>" + stamp, parts["docProps/core.xml"])
    sheets = {k: v for k, v in parts.items() if k.startswith("xl/worksheets/sheet")}
    shared, sst, unique = _share_strings(sheets)
    if unique:
        parts.update(shared)
        parts["xl/sharedStrings.xml"] = sst
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="'
            + _SST_TYPE + b'" /></Types>')
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Type="' + _SST_REL
            + b'" Target="sharedStrings.xml" Id="rIdSharedStrings" /></Relationships>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            dst.writestr(info, data)
    return out.getvalue()

"""Look at a file's bytes before reading it: existence, size, container, encoding, line endings
and delimiter. Only the first ``HEAD_BYTES`` are inspected; :func:`file_sha256` streams the rest."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pmg_analysis.errors import InputError

HEAD_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")

_BINARY_MAGIC = {
    b"\x89PNG": "een PNG-afbeelding",
    b"GIF8": "een GIF-afbeelding",
    b"\xff\xd8\xff": "een JPEG-afbeelding",
    b"%PDF": "een PDF-document",
    b"\x1f\x8b": "een gzip-archief",
    b"PAR1": "een Parquet-bestand",
}


@dataclass(frozen=True)
class Source:
    """What :func:`inspect_source` learned about a file."""

    path: Path
    size: int
    kind: str                      # "csv" or "xlsx"
    head: bytes                    # first HEAD_BYTES bytes
    is_complete: bool              # head holds the whole file
    encoding: str | None = None    # csv only: codec ("utf-8", "utf-8-sig", "cp1252" ...)
    text: str = ""                 # csv only: decoded head (BOM removed, partial char dropped)
    newline: str | None = None     # "\r\n", "\n" or "\r"
    delimiter: str | None = None


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def inspect_source(path: Path) -> Source:
    """Check the file exists and looks like a survey export; detect container and text format."""
    if not path.exists():
        raise InputError("het bestand bestaat niet.", path=path)
    if path.is_dir():
        raise InputError("dit is een map, geen exportbestand.", path=path)
    size = path.stat().st_size
    if size == 0:
        raise InputError("het bestand is leeg (0 bytes).", path=path)
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    complete = size <= HEAD_BYTES
    if head.startswith(b"PK\x03\x04"):
        return Source(path, size, "xlsx", head, complete)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("dit is een oud Excel-bestand (.xls); sla het op als .xlsx of .csv.",
                         path=path)
    for magic, what in _BINARY_MAGIC.items():
        if head.startswith(magic):
            raise InputError(f"dit is geen enquête-export maar {what}.", path=path)
    encoding = detect_encoding(head)
    if encoding is None:
        raise InputError("dit is geen enquête-export maar een binair bestand.", path=path)
    text = _decode_head(head, encoding, complete)
    stripped = text.lstrip()
    if not stripped:
        raise InputError("het bestand bevat alleen witruimte (leeg).", path=path)
    if stripped[0] in "{[" and _looks_like_json(stripped):
        raise InputError("dit is geen enquête-export maar een JSON-bestand; exporteer de "
                         "antwoorden als CSV of Excel (xlsx).", path=path)
    newline = detect_newline(text)
    delimiter = sniff_delimiter(text, complete)
    if delimiter is None:
        raise InputError("geen herkenbare tabel gevonden: het bestand heeft geen kolommen "
                         "gescheiden door komma, puntkomma of tab (geen enquête-export?).",
                         path=path)
    return Source(path, size, "csv", head, complete, encoding, text, newline, delimiter)


def detect_encoding(head: bytes) -> str | None:
    """utf-8-sig / utf-16 by BOM, else utf-8 when the head decodes, else cp1252 (Dutch Excel);
    None for binary content (NUL bytes without a UTF-16 BOM)."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head:
        return None
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        head.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"


def _decode_head(head: bytes, encoding: str, complete: bool) -> str:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    return decoder.decode(head, final=complete)


def _looks_like_json(text: str) -> bool:
    first_line = text.split("\n", 1)[0]
    return ('":' in first_line or first_line.strip() in ("{", "[")
            or first_line.startswith(("[{", "[[")))


def detect_newline(text: str) -> str | None:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    counts = {"\r\n": crlf, "\r": cr, "\n": lf}
    best = max(counts, key=counts.__getitem__)
    return best if counts[best] else None


def sample_rows(text: str, delimiter: str, complete: bool, limit: int = 30) -> list[list[str]]:
    """Parse up to ``limit`` CSV records from the decoded head (dropping a cut-off last one)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
            if len(rows) > limit:
                break
    except csv.Error:
        pass
    if not complete and len(rows) <= limit and rows:
        rows.pop()  # the head probably cut the last record
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows[:limit]


def sniff_delimiter(text: str, complete: bool) -> str | None:
    """The delimiter giving the most consistent multi-column table over the first records."""
    best, best_score = None, (0.0, 0)
    for delim in DELIMITERS:
        if delim not in text:
            continue
        rows = sample_rows(text, delim, complete)
        if not rows:
            continue
        widths = Counter(len(r) for r in rows)
        width, count = widths.most_common(1)[0]
        if width < 2:
            continue
        score = (count / len(rows), width)
        if score > best_score:
            best, best_score = delim, score
    if best is None or best_score[0] < 0.5:
        return None
    return best

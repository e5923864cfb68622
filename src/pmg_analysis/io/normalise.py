"""Text normalisation shared by the readers (header cleanup) and the column mapping."""

from __future__ import annotations

import html
import re
import unicodedata

_TAG = re.compile(r"<[^>]+>")
_WS = re.compile(r"\s+")
# "12. ", "12) ", "Q12. ", "Q12: ", "Vraag 12 - ", "12 - " at the start of a question text.
_NUMBERING = re.compile(r"^\s*(?:(?:vraag|question|q)\s*)?\d+[a-z]?\s*(?:[.):]|\s-)\s*", re.I)
_QUOTES = str.maketrans({c: "'" for c in "\u2018\u2019\u201a\u201b\u2032\u00b4`"}
                        | {c: '"' for c in "\u201c\u201d\u201e\u201f\u2033"}
                        | {c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
# Suffixes tools append to a question or item label.
_TOOL_SUFFIX = re.compile(r"\s*(?:-\s*(?:selected choice|text|topics)|\*|\(verplicht\)|"
                          r"\(required\))\s*$", re.I)


def tidy_label(text: str) -> str:
    """A header as exported, minus HTML tags/entities and repeated whitespace."""
    text = html.unescape(_TAG.sub(" ", text))
    return _WS.sub(" ", text.replace("\u00a0", " ")).strip()


def clean_label(text: str) -> str:
    """A question text as a person would read it: tidied and without numbering ("12. ")."""
    return _NUMBERING.sub("", tidy_label(text), count=1).strip()


def strip_diacritics(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_text(text: str) -> str:
    """Comparison key for question/option texts: casefolded, no numbering/HTML/diacritics/tool
    suffixes, unified quotes and dashes, collapsed whitespace."""
    text = clean_label(text).translate(_QUOTES)
    previous = None
    while previous != text:
        previous = text
        text = _TOOL_SUFFIX.sub("", text)
    text = strip_diacritics(text).casefold()
    return _WS.sub(" ", text).strip()


def meta_key(text: str) -> str:
    """A compact key for metadata headers: letters and digits only ("Start time" -> "starttime")."""
    return re.sub(r"[^0-9a-z]", "", strip_diacritics(text).casefold())

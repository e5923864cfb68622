"""Which tool wrote an export, decided from its first rows (content, never the file name)."""

from __future__ import annotations

from collections.abc import Callable

from pmg_analysis.errors import InputError
from pmg_analysis.io import limesurvey, onerow, qualtrics, surveymonkey
from pmg_analysis.io.export import TOOLS
from pmg_analysis.io.layout import Layout, NotThisTool

Parser = Callable[[list[list[str]], str], Layout]

PARSERS: dict[str, Parser] = {
    "qualtrics": lambda rows, container: qualtrics.parse(rows),
    "limesurvey": lambda rows, container: limesurvey.parse(rows),
    "surveymonkey": lambda rows, container: surveymonkey.parse(rows),
    "msforms": onerow.parse_msforms,
    "googleforms": onerow.parse_googleforms,
    "generic": onerow.parse_generic,
}
_MATCHERS: tuple[tuple[str, Callable[[list[list[str]]], bool]], ...] = (
    ("qualtrics", qualtrics.matches),
    ("limesurvey", limesurvey.matches),
    ("surveymonkey", surveymonkey.matches),
    ("msforms", onerow.matches_msforms),
    ("googleforms", onerow.matches_googleforms),
)


def detect_tool(rows: list[list[str]]) -> str:
    for tool, match in _MATCHERS:
        if match(rows):
            return tool
    return "generic"


def parse_layout(rows: list[list[str]], container: str, tool: str | None, path) -> Layout:
    """The layout of the header rows; ``tool`` (one of TOOLS) overrides detection."""
    if tool is not None and tool not in TOOLS:
        raise InputError(f"onbekend exportformaat '{tool}'; kies uit: {', '.join(TOOLS)}.",
                         path=path)
    chosen = tool or detect_tool(rows)
    try:
        return PARSERS[chosen](rows, container)
    except NotThisTool as exc:
        if tool is None:
            raise InputError("geen herkenbare enquête-export: de kopregel heeft te weinig "
                             "kolommen.", path=path) from exc
        raise InputError(f"het bestand heeft niet de kopregels van een {tool}-export.",
                         path=path) from exc

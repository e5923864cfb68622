"""The house a newcomer can change: no function in the library is longer than a screen."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "pmg_analysis"
MAX_LINES = 80


def long_functions(package: Path = PACKAGE, limit: int = MAX_LINES) -> list[str]:
    """``file:line name (n lines)`` of every function or method under ``package`` longer than
    ``limit`` lines, counted from ``def`` to its last line, docstring included."""
    found = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > limit:
                    found.append(f"{path.relative_to(package)}:{node.lineno} {node.name} "
                                 f"({lines} lines)")
    return found


def test_no_function_in_the_library_is_longer_than_80_lines():
    assert long_functions() == []


def test_the_length_check_finds_a_long_function_and_passes_a_short_one(tmp_path):
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_LINES))
    (tmp_path / "long.py").write_text(f"def long():\n{body}\n", encoding="utf-8")
    (tmp_path / "short.py").write_text("def short():\n    return 1\n", encoding="utf-8")
    assert long_functions(tmp_path) == [f"long.py:1 long ({MAX_LINES + 1} lines)"]

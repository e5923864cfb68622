"""The library's parts form layers: a part imports only from parts below it, never from its own
layer's siblings or from above, counting every import (also inside a function or under
``TYPE_CHECKING``: that is how cycles hide). The layers are written down once, here."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "pmg_analysis"

# Top to bottom. A part is a module or subpackage directly under pmg_analysis; parts in one
# tuple are independent of each other.
LAYERS: list[tuple[str, ...]] = [
    ("__main__",),
    ("cli",),
    ("bench",),  # the benchmarks: the whole chain on generated exports
    ("pipeline",),  # the steps wired together
    ("sections",),  # each report section as a function returning its blocks (the notebooks')
    ("report",),  # notebooks to pages; the page data of the profiles and the summary
    ("results",),  # every analysis once
    ("context",),  # one run: settings, folders, questionnaire version, previous round
    ("settings",),  # the settings file on the config objects of the steps below
    ("rounds",),
    ("prioritise",),
    ("themes", "text"),
    ("plots", "quality", "processed", "regions"),
    ("clean",),
    ("municipalities", "language"),  # language: the language of an open answer
    ("io",),
    ("reportconfig", "instrument"),
    ("catalog",),
    ("paths", "errors", "parallel", "reasons"),  # reasons: a config field's default and why
]
# The synthetic example generator sits beside the layers: it may use the library, the library
# never uses it. Only the benchmarks generate their inputs with it.
EXAMPLE = "example"
MAY_IMPORT_EXAMPLE = {"bench"}


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports() -> list[tuple[str, str, str]]:
    """(importing part, imported part, file:line) for every import between two parts."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, node.module] if node.module else base)
                else:
                    target = node.module or ""
                # "from pmg_analysis import catalog" imports the part catalog
                targets = ([f"{target}.{alias.name}" for alias in node.names]
                           if target == "pmg_analysis" else [target])
            else:
                continue
            for target in targets:
                if not target.startswith("pmg_analysis."):
                    continue
                a, b = _part(module), _part(target)
                if a != b:
                    found.append((a, b, f"{path.relative_to(SRC)}:{node.lineno}"))
    return found


def _rank() -> dict[str, int]:
    return {part: i for i, layer in enumerate(LAYERS) for part in layer}


def test_every_part_of_the_library_is_in_exactly_one_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()
             if (p.suffix == ".py" or (p / "__init__.py").is_file())}
    listed = [part for layer in LAYERS for part in layer]
    assert len(listed) == len(set(listed))
    assert parts - {"__init__", EXAMPLE} == set(listed)


def test_no_part_imports_a_part_above_it_or_beside_it_in_its_layer():
    rank = _rank()
    wrong = [f"{where}: {a} imports {b}" for a, b, where in imports()
             if a in rank and b in rank and rank[b] <= rank[a]]
    assert wrong == []


def test_library_code_never_imports_the_synthetic_example_generator():
    wrong = [f"{where}: {a} imports {b}" for a, b, where in imports()
             if b == EXAMPLE and a not in MAY_IMPORT_EXAMPLE | {EXAMPLE}]
    assert wrong == []


def test_the_parts_have_no_import_cycle():
    edges: dict[str, set[str]] = {}
    for a, b, _ in imports():
        edges.setdefault(a, set()).add(b)

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            node = todo.pop()
            for nxt in edges.get(node, ()):
                if nxt == goal:
                    return True
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return False

    cycles = sorted({tuple(sorted((a, b))) for a, b, _ in imports() if reaches(b, a)})
    assert cycles == []


@pytest.mark.parametrize(("source", "expected"), [
    ("def f():\n    from pmg_analysis.report import build\n", ("results", "report")),
    ("from pmg_analysis import pipeline\n", ("results", "pipeline")),
    ("from ..pipeline import run_report\n", ("results", "pipeline")),
])
def test_an_import_inside_a_function_or_relative_is_counted(tmp_path, monkeypatch, source,
                                                            expected):
    package = tmp_path / "pmg_analysis"
    (package / "results").mkdir(parents=True)
    (package / "results" / "__init__.py").write_text("")
    (package / "results" / "x.py").write_text(source)
    monkeypatch.setitem(globals(), "SRC", tmp_path)
    monkeypatch.setitem(globals(), "PACKAGE", package)
    assert [(a, b) for a, b, _ in imports()] == [expected]

"""The Makefile: `make` alone lists the verbs; `make lint` checks what `make test` lints."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def _make(*args: str) -> str:
    proc = subprocess.run(["make", "-s", "--no-print-directory", *args], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return proc.stdout


def test_make_without_a_target_lists_every_verb_with_a_dutch_line():
    listed = dict(re.findall(r"^\s+make (\S+)\s+(.+)$", _make(), flags=re.M))
    for verb in ("report", "test", "setup", "lab", "bench", "lint", "notebooks", "processed"):
        assert verb in listed, verb
    assert "rapporten" in listed["report"] or "reports/" in listed["report"]


def test_make_lint_checks_the_folders_make_test_lints():
    def ruff_line(target: str) -> str:
        dry = _make("-n", target)
        return next(line for line in dry.splitlines() if "ruff check" in line)

    assert ruff_line("lint") == ruff_line("test")
    assert ruff_line("lint").split("ruff check", 1)[1].split() == ["src", "tests", "notebooks"]


def test_make_test_runs_ruff_and_pytest_without_rebuilding_data_processed():
    dry = _make("-n", "test")
    assert "ruff check" in dry and "pytest" in dry
    assert "pmg-analysis clean" not in dry and "pmg-analysis analyse" not in dry


def test_make_test_fast_runs_the_unit_tests_without_notebooks_or_slow_tests():
    dry = _make("-n", "test-fast")
    pytest_line = next(line for line in dry.splitlines() if "pytest" in line)
    assert '-m "not slow"' in pytest_line
    assert pytest_line.split("pytest", 1)[1].split()[:2] == ["tests", "src"]  # no notebooks/
    assert "pmg-analysis" not in dry
    listed = dict(re.findall(r"^\s+make (\S+)\s+(.+)$", _make(), flags=re.M))
    assert "test-fast" in listed


def test_the_tests_read_the_example_tables_from_a_temporary_folder(processed_dir):
    from pmg_analysis.context import PROCESSED_ENV, context_from_parameters
    from pmg_analysis.paths import PROCESSED

    assert processed_dir.resolve() != PROCESSED.resolve()
    assert (processed_dir / "manifest.json").is_file()
    # a notebook without the parameter verwerkt (nbval) reads this folder
    import os

    assert os.environ[PROCESSED_ENV] == str(processed_dir)
    assert context_from_parameters(None).processed == processed_dir

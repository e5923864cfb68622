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

"""The pmg-analysis command: a Dutch summary on success, one clear message and exit code 2 on
bad input (never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT
from pmg_analysis import load_instrument
from pmg_analysis.pipeline import EXAMPLE_EXPORT

FIXTURES = ROOT / "tests" / "fixtures" / "io"


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pmg_analysis", *args], capture_output=True,
                          text=True, cwd=cwd, check=False)


def test_clean_example_prints_a_dutch_summary(tmp_path):
    proc = run("clean", str(EXAMPLE_EXPORT), "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Rijen in:     60" in out
    assert "Schoon:       57 antwoorden van 40 gemeenten" in out
    assert "Controle:     57 + 3 = 60 (niets kwijtgeraakt)" in out
    assert "Testinzending: 1" in out
    manifest = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert manifest["aantallen"]["schoon"] == 57


def _no_muni(tmp_path):
    path = tmp_path / "geen_gemeente.csv"
    path.write_text(f"Tijdstempel,{load_instrument()['functie'].text}\n"
                    "2017-02-10 10:00,Beleidsmedewerker\n", encoding="utf-8")
    return path


def _empty(tmp_path):
    path = tmp_path / "leeg.csv"
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(("make", "expected"), [
    (lambda tmp: tmp / "bestaat_niet.csv", "bestaat_niet.csv"),
    (_empty, "leeg"),
    (lambda tmp: FIXTURES / "image.png", "geen enquête-export"),
    (lambda tmp: FIXTURES / "not_survey.json", "geen enquête-export"),
    (lambda tmp: FIXTURES / "corrupt.xlsx", "corrupt.xlsx"),
    (_no_muni, "gemeentevraag"),
], ids=["ontbreekt", "leeg", "png", "json", "kapotte-xlsx", "geen-gemeentevraag"])
def test_bad_input_gives_one_clear_message_and_exit_2(tmp_path, make, expected):
    path = make(tmp_path)
    proc = run("clean", str(path), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    message = proc.stderr.strip()
    assert message.startswith("Fout in bestand "), message
    assert expected in message
    assert len(message.splitlines()) == 1
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_unknown_format_option_is_refused_by_the_parser(tmp_path):
    proc = run("clean", str(EXAMPLE_EXPORT), "--format", "excel97")
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr


# --- report: the whole chain on one export -------------------------------------------------

def _previous_run(tmp_path):
    """A folder with processed tables and reports of an earlier run (made up, recognisable)."""
    out, reports = tmp_path / "verwerkt", tmp_path / "rapporten"
    out.mkdir()
    reports.mkdir()
    (out / "manifest.json").write_text(json.dumps(
        {"bron": {"bestand": "mijn_export.csv", "sha256": "ab" * 32}}), "utf-8")
    (reports / "index.html").write_text("vorige rapporten", "utf-8")
    return out, reports


@pytest.mark.parametrize(("make", "expected"), [
    (lambda tmp: tmp / "bestaat_niet.xlsx", "bestaat_niet.xlsx"),
    (lambda tmp: FIXTURES / "not_survey.json", "geen enquête-export"),
    (lambda tmp: FIXTURES / "corrupt.xlsx", "corrupt.xlsx"),
], ids=["ontbreekt", "geen-export", "kapotte-xlsx"])
def test_report_on_bad_input_gives_the_clean_message_and_leaves_everything(tmp_path, make,
                                                                           expected):
    out, reports = _previous_run(tmp_path)
    before = {p: p.read_bytes() for p in (*out.iterdir(), *reports.iterdir())}
    path = make(tmp_path)
    proc = run("report", str(path), "--out", str(out), "--reports", str(reports))
    clean = run("clean", str(path), "--out", str(out))
    assert proc.returncode == 2 and clean.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == clean.stderr.strip()
    assert expected in proc.stderr
    assert {p: p.read_bytes() for p in (*out.iterdir(), *reports.iterdir())} == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != path.name) == [
        "rapporten", "verwerkt"]


def test_clean_says_whose_processed_tables_it_replaces(tmp_path):
    out, _ = _previous_run(tmp_path)
    proc = run("clean", str(EXAMPLE_EXPORT), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert (f"Let op: de verwerkte tabellen in {out} kwamen van mijn_export.csv (sha256 "
            f"abababababab); ze worden nu vervangen door die van {EXAMPLE_EXPORT.name}") \
        in proc.stderr
    again = run("clean", str(EXAMPLE_EXPORT), "--out", str(out))
    assert "Let op" not in again.stderr  # same file: nothing to warn about


def test_report_help_shows_input_format_and_mapping():
    proc = run("report", "--help")
    assert proc.returncode == 0
    for option in ("input", "--format", "--mapping", "voorbeelddata"):
        assert option in proc.stdout

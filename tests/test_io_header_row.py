"""Title and empty rows above the header (issue 24): the header is the row holding the most
question texts; ``--kopregel`` names it when that is not enough."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from conftest import ROOT
from pmg_analysis.clean import clean_export
from pmg_analysis.errors import InputError
from pmg_analysis.example import generate
from pmg_analysis.example.shapes import municipalities, write_with_title_rows
from pmg_analysis.instrument import load_instrument
from pmg_analysis.io import read_export
from pmg_analysis.io.headers import header_start

INSTR = load_instrument()
TEXTS = [q.text for q in INSTR.questions]


@pytest.fixture(scope="module")
def small_sheet():
    return municipalities(generate(), 2, per_municipality=1)


def test_an_xlsx_with_a_title_and_an_empty_row_is_read_from_row_3(small_sheet, tmp_path):
    export = read_export(write_with_title_rows(small_sheet, tmp_path / "titel"))
    assert export.tool == "msforms" and export.rows_above_header == 2
    assert export.notes[0] == "Kopregel gevonden in rij 3 (2 rijen erboven overgeslagen)."
    assert list(export.data.index) == [4, 5]  # row numbers as the spreadsheet shows them
    result = clean_export(export)
    assert len(result.responses) == 2 and result.responses["rij"].tolist() == [4, 5]


def test_a_csv_with_title_rows_is_read_below_them(tmp_path):
    path = tmp_path / "titel.csv"
    header = f"Tijdstempel,{INSTR['gemeente'].text},{INSTR['EA_urgentie'].text}"
    path.write_text(f"PMG-enquete 2017,,\nExport van 31-3-2017,,\n,,\n{header}\n"
                    "10-02-2017 10:00:00,Zeist,Urgent\n10-02-2017 11:00:00,Ede,Niet urgent\n",
                    encoding="utf-8")
    export = read_export(path)
    assert export.rows_above_header == 3 and list(export.data.index) == [5, 6]
    assert export.notes[0] == "Kopregel gevonden in rij 4 (3 rijen erboven overgeslagen)."
    assert len(clean_export(export).responses) == 2


def test_the_header_row_can_be_given_and_a_wrong_one_is_a_clear_error(small_sheet, tmp_path):
    path = write_with_title_rows(small_sheet, tmp_path / "titel")
    export = read_export(path, header_row=3)
    assert export.rows_above_header == 2
    assert export.notes[0] == "Kopregel in rij 3, zoals opgegeven (2 rijen erboven overgeslagen)."
    with pytest.raises(InputError, match="rij 99 kan geen kopregel zijn"):
        read_export(path, header_row=99)
    with pytest.raises(InputError, match="--kopregel"):  # the title row as header
        clean_export(read_export(path, header_row=1))


def test_files_that_start_with_their_header_are_read_as_before():
    # Qualtrics: codes above the question texts; a full first row is never skipped
    assert header_start([["StartDate", "Q1", "Q2"], ["Start Date", TEXTS[0], TEXTS[1]],
                         ['{"ImportId":"startDate"}', "", ""]], TEXTS) == 0
    assert header_start([["ID", TEXTS[0]], ["1", "Zeist"]], TEXTS) == 0
    assert header_start([["a", "b"], ["1", "2"]], TEXTS) == 0  # nothing known: as it was


def test_the_kopregel_option_reaches_the_reader(small_sheet, tmp_path):
    path = write_with_title_rows(small_sheet, tmp_path / "titel")
    book = openpyxl.load_workbook(path)
    book.active["B1"] = "rapportage"  # a title over two cells is still found
    book.save(path)
    proc = subprocess.run([sys.executable, "-m", "pmg_analysis", "clean", str(path), "--out",
                           str(tmp_path / "uit"), "--kopregel", "3"], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Schoon:       2 antwoorden" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "pmg_analysis", "report", "--help"],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert "--kopregel" in proc.stdout

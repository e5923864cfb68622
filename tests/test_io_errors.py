"""Bad input: one clear Dutch InputError naming the file (and row where it applies)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from pmg_analysis.errors import InputError
from pmg_analysis.io import read_export

FIX = Path(__file__).parent / "fixtures" / "io"


def _error(path: Path, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        read_export(path, **kwargs)
    err = info.value
    assert Path(err.path).name == path.name
    assert str(err).startswith(f"Fout in bestand {path.name}")
    return err


def test_missing_file(tmp_path):
    assert "bestaat niet" in _error(tmp_path / "weg.csv").message


def test_zero_bytes(tmp_path):
    empty = tmp_path / "leeg.csv"
    empty.write_bytes(b"")
    assert "leeg (0 bytes)" in _error(empty).message


def test_header_only_csv():
    err = _error(FIX / "header_only.csv")
    assert "alleen de kopregel" in err.message and "geen antwoorden" in err.message


def test_header_only_qualtrics_counts_three_rows(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text('StartDate,ResponseId,Q1\nStart Date,Response ID,Vraag\n'
                    '"{""ImportId"":""startDate""}","{""ImportId"":""_recordId""}",'
                    '"{""ImportId"":""QID1""}"\n', encoding="utf-8")
    assert "3 kopregels" in _error(path).message


def test_png_is_not_an_export():
    assert "PNG-afbeelding" in _error(FIX / "image.png").message


def test_json_is_not_an_export():
    assert "JSON-bestand" in _error(FIX / "not_survey.json").message


def test_text_without_table_structure():
    assert "geen herkenbare tabel" in _error(FIX / "prose.txt").message


def test_corrupt_xlsx():
    assert "beschadigd" in _error(FIX / "corrupt.xlsx").message


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "archief.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "geen werkmap")
    assert "Excel" in _error(path).message


def test_xlsx_without_data(tmp_path):
    path = tmp_path / "leeg.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Blad1"
    wb.create_sheet("Blad2")
    wb.save(path)
    assert "geen gegevens" in _error(path).message


def test_xlsx_header_only(tmp_path):
    path = tmp_path / "kop.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["ID", "Start time", "Completion time", "Email", "Name", "Vraag"])
    wb.save(path)
    assert "alleen de kopregel" in _error(path).message


def test_xlsx_unknown_sheet(tmp_path):
    path = tmp_path / "blad.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["a", "b"])
    wb.active.append(["1", "2"])
    wb.save(path)
    assert "werkblad 'Antwoorden' bestaat niet" in _error(path, sheet="Antwoorden").message


def test_old_xls(tmp_path):
    path = tmp_path / "oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert ".xls" in _error(path).message


def test_row_with_too_many_fields_names_the_row(tmp_path):
    path = tmp_path / "scheef.csv"
    path.write_text("Timestamp,Vraag\n2019/10/28 10:00:00,ja\n2019/10/28 10:01:00,nee,extra\n",
                    encoding="utf-8")
    err = _error(path)
    assert err.row == 3 and "3 velden" in err.message


def test_unknown_format_name():
    err = _error(FIX / "bare_cr.csv", format="typeform")
    assert "onbekend exportformaat 'typeform'" in err.message


def test_format_override_that_does_not_fit():
    err = _error(FIX / "bare_cr.csv", format="qualtrics")
    assert "qualtrics-export" in err.message

"""map_columns: exact, fuzzy and mapping-file matches; per-theme questions never cross-map."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmg_analysis.errors import InputError
from pmg_analysis.instrument import load_instrument
from pmg_analysis.io import MappingConfig, map_columns, read_export
from pmg_analysis.io.normalise import normalise_text

INSTR = load_instrument()


def _csv(tmp_path: Path, headers: list[str]) -> Path:
    import csv
    path = tmp_path / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Timestamp", *headers])
        w.writerow(["2017/02/16 10:00:00", *["x"] * len(headers)])
    return path


def test_normalise_text():
    assert normalise_text("12. <b>Wat  is uw\u00a0functie?</b> *") == "wat is uw functie?"
    assert normalise_text("Differentiëren – “variatie”") == 'differentieren - "variatie"'
    assert normalise_text("Q3: Hoe urgent - Selected Choice") == "hoe urgent"


def test_edited_texts_map_fuzzily_without_theme_cross_mapping(tmp_path):
    headers = [
        "3. Hoe urgent is het thema Economie en arbeidsmarkt voor uw gemeente?",
        "Hoe urgent is het thema Energietransitie en fysieke leefomgeving voor uw gemeente?",
        "Welke opgaven binnen Energietransitie & fysieke leefomgeving zijn voor uw gemeente "
        "het belangrijkst?",
        "Wat is uw functie",
        "Hoeveel inwoners heeft uw gemeente?",
    ]
    e = read_export(_csv(tmp_path, headers))
    m = map_columns(e, INSTR)
    by_key = {c.key: c for c in m.mapped}
    assert by_key[headers[0]].question_id == "EA_urgentie"
    assert by_key[headers[0]].method == "fuzzy" and by_key[headers[0]].score >= 90
    assert by_key[headers[1]].question_id == "EF_urgentie"
    assert by_key[headers[2]].question_id == "EF_opgaven"  # "(maximaal 3)" dropped
    assert by_key[headers[3]].question_id == "functie"
    assert m.unmapped == (headers[4],)
    assert "EA_urgentie" not in m.missing and "LD_urgentie" in m.missing


def test_threshold_is_configurable(tmp_path):
    e = read_export(_csv(tmp_path, ["Wat is uw functie"]))
    assert map_columns(e, INSTR).mapped[0].question_id == "functie"
    strict = map_columns(e, INSTR, config=MappingConfig(threshold=99))
    assert strict.mapped == () and strict.unmapped == ("Wat is uw functie",)


def test_theme_name_decides_between_per_theme_questions(tmp_path):
    # Same text apart from a theme name that is not in the instrument: no guess.
    e = read_export(_csv(tmp_path, ["Hoe urgent is het thema Cultuur & sport voor uw gemeente?"]))
    m = map_columns(e, INSTR)
    assert m.mapped == () and len(m.unmapped) == 1


def test_mapping_file_wins(tmp_path):
    headers = ["Vraag 7", "Stelling dubbeltje", "Opgave EF (anders)", "Interne code"]
    e = read_export(_csv(tmp_path, headers))
    mapping = tmp_path / "koppeling.yaml"
    mapping.write_text(
        '"Vraag 7": EA_urgentie\n'
        '"Stelling dubbeltje": {question: stelling, item: Z1}\n'
        '"Opgave EF (anders)": {question: EF_opgaven, item: anders, part: other_text}\n'
        '"Interne code": null\n'
        '"Bestaat niet": functie\n', encoding="utf-8")
    m = map_columns(e, INSTR, mapping=mapping)
    by_key = {c.key: c for c in m.mapped}
    assert by_key["Vraag 7"].question_id == "EA_urgentie"
    assert by_key["Vraag 7"].method == "mapping_file"
    assert (by_key["Stelling dubbeltje"].question_id, by_key["Stelling dubbeltje"].item_id) == (
        "stelling", "Z1")
    assert by_key["Opgave EF (anders)"].part == "other_text"
    assert m.ignored == ("Interne code",) and m.unmapped == ()
    assert any("Bestaat niet" in n for n in m.notes)
    assert m.for_question("stelling")[0].key == "Stelling dubbeltje"
    assert map_columns(e, INSTR, mapping={"Vraag 7": "LD_urgentie"}).for_key(
        "Vraag 7").question_id == "LD_urgentie"


def test_mapping_file_errors(tmp_path):
    e = read_export(_csv(tmp_path, ["Vraag 7"]))
    bad = tmp_path / "fout.yaml"
    bad.write_text('"Vraag 7": XX_urgentie\n', encoding="utf-8")
    with pytest.raises(InputError, match="onbekende vraag-id 'XX_urgentie'"):
        map_columns(e, INSTR, mapping=bad)
    with pytest.raises(InputError, match="geen optie 'Q9'"):
        map_columns(e, INSTR, mapping={"Vraag 7": {"question": "stelling", "item": "Q9"}})
    with pytest.raises(InputError, match="bestaat niet"):
        map_columns(e, INSTR, mapping=tmp_path / "weg.yaml")


def test_unknown_item_of_known_question_is_reported(tmp_path):
    stelling = INSTR["stelling"].text
    e = read_export(_csv(tmp_path, [f"{stelling} [{INSTR['stelling'].items[0].text}]",
                                    f"{stelling} [Iets heel anders dan de stellingen]"]))
    m = map_columns(e, INSTR)
    assert [c.item_id for c in m.mapped] == ["K1"]
    assert len(m.unmapped) == 1 and "hoort bij geen optie" in m.notes[0]


def test_metadata_columns_are_not_mapped(tmp_path):
    e = read_export(_csv(tmp_path, ["Email Address", INSTR["functie"].text]))
    m = map_columns(e, INSTR)
    assert [c.key for c in m.mapped] == [INSTR["functie"].text]
    assert "Email Address" not in m.unmapped and "Timestamp" not in m.unmapped

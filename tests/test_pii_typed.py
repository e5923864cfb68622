"""Property (issue 24): names, e-mail addresses and phone numbers typed in any personal field
(the survey's own name and e-mail questions, the platform's contact columns: one name column,
first and last name apart, an e-mail column) never reach an output, in whatever case or
writing they come back in the free text; municipality names stay."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pmg_analysis.clean import clean_export
from pmg_analysis.clean.names import name_words
from pmg_analysis.instrument import load_instrument
from pmg_analysis.io import read_export
from pmg_analysis.municipalities import is_municipality_name

INSTR = load_instrument()
SYLLABLES = ("ka", "mel", "dor", "vi", "sen", "tru", "lo", "bex", "ri", "nau", "zé", "qui",
             "fen", "ë", "wol", "jip", "ston", "grü")
FIELDS = ("naam", "email", "contact_naam", "contact_voor_achter", "contact_email")


def _word(n: tuple[str, ...]) -> str:
    return "".join(n).capitalize()


words = st.lists(st.sampled_from(SYLLABLES), min_size=2, max_size=3).map(tuple).map(_word)
person = st.fixed_dictionaries({
    "first": words, "last": words,
    "particle": st.sampled_from(["", "van", "de", "van der", "ter", "el"]),
    "number": st.integers(10_000_000, 99_999_999),
    "name_field": st.sampled_from(FIELDS[:4]),
    "email_field": st.sampled_from(["email", "contact_email"]),
    "number_field": st.sampled_from(["naam", "email"]),
    "template": st.integers(0, 4),
})


def _ascii(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.casefold().replace("é", "e").replace("ë", "e")
                  .replace("ü", "u"))


def _write(path: Path, p: dict) -> tuple[Path, list[str], str]:
    """A generic CSV of two respondents (one with the personal data) and what must not leak."""
    last = f"{p['particle']} {p['last']}".strip()
    full = f"{p['first']} {last}"
    email = f"{_ascii(p['first'])}.{_ascii(p['last'])}@gemeente.example.nl"
    number = f"06-{p['number']}"
    spaced = f"06 {str(p['number'])[:4]} {str(p['number'])[4:]}"
    international = f"+31 6 {p['number']}"
    cells = {f: "" for f in FIELDS}
    for field, value in ((p["name_field"], full), (p["email_field"], email),
                         (p["number_field"], number)):  # one field may get two of them
        cells[field] = f"{cells[field]} {value}".strip()
    if p["name_field"] == "contact_voor_achter":
        cells["contact_voornaam"], cells["contact_achternaam"] = p["first"], last
    texts = [f"Met vriendelijke groet, {full}. Tel. {spaced}",
             f"Bel {p['first'].lower()} of {p['last'].upper()} op {international}.",
             f"Graag contact via {last} ({email.upper()})",
             f"Vraag het {p['first']}, nummer {number}; Zeist en Ede doen mee.",
             f"{full.lower()} weet ervan: {spaced}"]
    header = ["Tijdstempel", "Naam", "Voornaam", "Achternaam", "E-mailadres",
              INSTR["gemeente"].text, INSTR["naam"].text, INSTR["email"].text,
              INSTR["EA_urgentie"].text, INSTR["EA_kansen"].text, INSTR["opmerkingen"].text]
    rows = [["10-02-2017 10:00:00", cells["contact_naam"], cells.get("contact_voornaam", ""),
             cells.get("contact_achternaam", ""), cells["contact_email"], "Zeist",
             cells["naam"], cells["email"], "Urgent", texts[p["template"]],
             texts[(p["template"] + 1) % len(texts)]],
            ["10-02-2017 11:00:00", "", "", "", "", "Ede", "", "", "Urgent",
             f"In Ede en Zeist noemt men {p['first']} {last}.", ""]]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return path, [full, p["first"], p["last"], email, str(p["number"])], last


def _output(result) -> str:
    frames = [result.responses, result.answers, result.texts, result.problems,
              result.quarantine]
    return "\n".join(f.astype(str).to_csv() for f in frames)


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(p=person)
def test_whatever_is_typed_in_a_personal_field_never_reaches_an_output(tmp_path, p):
    ordinary = name_words().ordinary | name_words().not_names
    for word in (p["first"], p["last"]):
        assume(not is_municipality_name(word) and word.casefold() not in ordinary)
    path, secrets, _ = _write(tmp_path / "export.csv", p)
    result = clean_export(read_export(path))
    out = _output(result)
    digits = re.sub(r"[\s().\-/+]", "", out)
    for secret in secrets:
        if secret.isdigit():
            assert secret not in digits
        else:
            assert not re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", out, re.IGNORECASE), \
                secret
    assert "Zeist" in out and "Ede" in out
    assert len(result.responses) == 2


def test_a_sign_off_name_typed_in_no_field_is_found_but_places_stay(tmp_path):
    texts = pd.Series(["Met vriendelijke groet, Mehmet Bakker",
                       "Graag contact via Gert van Leeuwen.",
                       "Met vriendelijke groet,\nJoost Bos\nGemeente Zeist",
                       "Groeten uit Ede en met vriendelijke groet namens Zeist",
                       "Graag contact via de gemeente Ede of via Zeist"])
    from pmg_analysis.clean.pii import redact_text

    assert redact_text(texts).tolist() == [
        "Met vriendelijke groet, [naam]", "Graag contact via [naam].",
        "Met vriendelijke groet,\n[naam]\nGemeente Zeist",
        "Groeten uit Ede en met vriendelijke groet namens Zeist",
        "Graag contact via de gemeente Ede of via Zeist"]


def test_filled_contact_columns_give_the_whole_name_first_and_last(tmp_path):
    """Qualtrics with the recipient's first and last name in two columns: "Groet, Joost Bos"
    loses the whole name, not only the last name ("Groet, Joost [naam]" before)."""
    from pmg_analysis.example import generate
    from pmg_analysis.example.shapes import municipalities
    from pmg_analysis.example.tool_layouts import qualtrics_csv

    sheet = municipalities(generate(), 2, per_municipality=1)
    sheet[INSTR["opmerkingen"].text] = ["Groet, Joost Bos", "Vraag het joost of Pieter."]
    rows = list(csv.reader(qualtrics_csv(sheet, tmp_path / "q.csv").open(encoding="utf-8")))
    first, last = rows[0].index("RecipientFirstName"), rows[0].index("RecipientLastName")
    rows[3][first], rows[3][last] = "Joost", "Bos"
    rows[4][first], rows[4][last] = "Pieter", "van Dam"
    with (tmp_path / "q.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    texts = clean_export(read_export(tmp_path / "q.csv")).texts
    remarks = texts.loc[texts["question_id"] == "opmerkingen", "text"].astype(str).tolist()
    assert remarks == ["Groet, [naam]", "Vraag het [naam] of [naam]."]

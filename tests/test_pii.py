"""Personal data in free text: e-mail addresses, Dutch phone numbers, IP addresses and the
respondent's own name are replaced; ordinary words, years and amounts are not."""

from __future__ import annotations

import pandas as pd
import pytest

from pmg_analysis.clean.pii import pseudonymise, redact_names, redact_patterns, redact_text


@pytest.mark.parametrize(("text", "expected"), [
    ("Mail naar j.jansen@zeist.nl voor meer info", "Mail naar [e-mail] voor meer info"),
    ("Bel 06-12345678.", "Bel [telefoon]."),
    ("Bel 0612345678 of 06 1234 5678", "Bel [telefoon] of [telefoon]"),
    ("Tel. +31 30 123 4567", "Tel. [telefoon]"),
    ("Tel. +31 (0)30 1234567", "Tel. [telefoon]"),
    ("Secretariaat: 030-1234567", "Secretariaat: [telefoon]"),
    ("(030) 123 45 67 is het nummer", "[telefoon] is het nummer"),
    ("Server 192.168.10.1 logt", "Server [ip-adres] logt"),
    # not personal data: years, ranges, amounts, postcodes, percentages
    ("In 2017-2018 bouwen we 1.200 woningen voor € 250.000", None),
    ("Postcode 3701 AB, 45% van de inwoners", None),
    ("Programma 2017 t/m 2020", None),
])
def test_patterns(text, expected):
    out = redact_patterns(pd.Series([text]))
    assert out.iloc[0] == (expected if expected is not None else text)


def test_missing_and_index_are_kept():
    s = pd.Series(["a@b.nl", None, "geen"], index=[10, 20, 30])
    out = redact_patterns(s)
    assert list(out.index) == [10, 20, 30]
    assert out.iloc[0] == "[e-mail]" and pd.isna(out.iloc[1]) and out.iloc[2] == "geen"


def test_own_name_replaced_but_not_ordinary_words_or_other_rows():
    texts = pd.Series([
        "Met vriendelijke groet, Jeroen de Groot",
        "Dit is een groot probleem voor Jeroen",  # other respondent: untouched
        "groot werk, zegt De Groot zelf",
    ])
    names = pd.Series(["Jeroen de Groot", "Anne Bos", "Jeroen de Groot"])
    out = redact_names(texts, names).tolist()
    assert out[0] == "Met vriendelijke groet, [naam]"
    assert out[1] == "Dit is een groot probleem voor Jeroen"
    assert out[2] == "groot werk, zegt De [naam] zelf"


def test_pseudonyms_are_stable_distinct_and_keyed():
    keys = pd.Series(["msforms|1|2017-02-03", "msforms|2|2017-02-03", "msforms|1|2017-02-03"])
    ids = pseudonymise(keys)
    assert ids.iloc[0] == ids.iloc[2] != ids.iloc[1]
    assert ids.str.fullmatch(r"R[0-9a-f]{16}").all()
    assert pseudonymise(keys).equals(ids)  # same input, same ids
    from pmg_analysis.clean.config import CleanConfig
    other = pseudonymise(keys, CleanConfig(pseudonym_key="ander project"))
    assert not other.equals(ids)  # another key gives unlinkable ids


def test_categorical_texts_keep_no_unredacted_category():
    """Texts kept as a categorical (as in the texts table): the redacted result has only the
    redacted texts as categories, so no original with personal data is written as a category,
    and the own name of each row is redacted where that row's respondent wrote it."""
    texts = pd.Series(["Mail j.jansen@zeist.nl", "Groet, Jan Jansen", "Groet, Jan Jansen", "Geen"],
                      dtype="category")
    names = pd.Series(["Jan Jansen", "Jan Jansen", "Piet Bakker", None])
    out = redact_text(texts, names)
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert out.tolist() == ["Mail [e-mail]", "Groet, [naam]", "Groet, Jan Jansen", "Geen"]
    assert sorted(out.cat.categories) == ["Geen", "Groet, Jan Jansen", "Groet, [naam]",
                                          "Mail [e-mail]"]
    assert not any("@" in c for c in out.cat.categories)

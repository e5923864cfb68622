"""Personal data in free text: e-mail addresses, IP addresses and the respondents' names are
replaced; ordinary words are not. Phone numbers and names in their own files:
test_pii_phone_numbers.py and test_pii_names.py."""

from __future__ import annotations

import pandas as pd
import pytest

from pmg_analysis.clean.pii import pseudonymise, redact_text


@pytest.mark.parametrize(("text", "expected"), [
    ("Mail naar j.jansen@zeist.nl voor meer info", "Mail naar [e-mail] voor meer info"),
    ("Server 192.168.10.1 logt", "Server [ip-adres] logt"),
    ("Versie 1.2.3 van het plan", "Versie 1.2.3 van het plan"),
])
def test_email_and_ip_addresses_are_replaced(text, expected):
    assert redact_text(pd.Series([text])).iloc[0] == expected


def test_missing_and_index_are_kept():
    s = pd.Series(["a@b.nl", None, "geen"], index=[10, 20, 30])
    out = redact_text(s)
    assert list(out.index) == [10, 20, 30]
    assert out.iloc[0] == "[e-mail]" and pd.isna(out.iloc[1]) and out.iloc[2] == "geen"


def test_names_from_any_name_field_are_replaced_in_any_case_but_not_ordinary_words():
    texts = pd.Series([
        "Met vriendelijke groet, Jeroen de Groot",
        "Dit is een groot probleem, zegt jeroen",  # lower case, another respondent's text
        "groot werk, zegt De Groot zelf",
        "JEROEN DE GROOT belt morgen",
    ])
    out = redact_text(texts, ["Jeroen de Groot", "Anne Bos"]).tolist()
    assert out[0] == "Met vriendelijke groet, [naam]"
    assert out[1] == "Dit is een groot probleem, zegt [naam]"
    assert out[2] == "groot werk, zegt [naam] zelf"  # the surname with its particle
    assert out[3] == "[naam] belt morgen"


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
    redacted texts as categories, so no original with personal data is written as a category."""
    texts = pd.Series(["Mail j.jansen@zeist.nl", "Groet, Jan Jansen", "Groet, Jan Jansen", "Geen"],
                      dtype="category")
    out = redact_text(texts, ["Jan Jansen", "Piet Bakker"])
    assert isinstance(out.dtype, pd.CategoricalDtype)
    assert out.tolist() == ["Mail [e-mail]", "Groet, [naam]", "Groet, [naam]", "Geen"]
    assert sorted(out.cat.categories) == ["Geen", "Groet, [naam]", "Mail [e-mail]"]
    assert not any("@" in c or "Jansen" in c for c in out.cat.categories)


def test_an_organisation_typed_as_a_name_does_not_remove_municipalities_or_words():
    texts = pd.Series(["De gemeente Zeist en de Gemeente Ede werken samen met Jansen."])
    out = redact_text(texts, ["Gemeente Zeist", "Jansen"]).iloc[0]
    assert out == "De gemeente Zeist en de Gemeente Ede werken samen met [naam]."

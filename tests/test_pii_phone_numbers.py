"""Phone numbers in free text, found by libphonenumber: every way Dutch people write them goes,
numbers that are not phone numbers stay."""

from __future__ import annotations

import pandas as pd
import pytest

from pmg_analysis.clean.pii import redact_text

# Dutch ways of writing phone numbers: mobile, area codes of 2 and 3 digits, service numbers,
# international forms, with spaces, dashes (also with spaces around them), dots, brackets.
PHONE_NUMBERS = [
    "010 - 498 7654", "06-12345678", "+31 (0)30 123 45 67", "0031 30 1234567", "0612345678",
    "06 1234 5678", "06 12 34 56 78", "06-1234 5678", "06 - 12 34 56 78", "06–12345678",
    "06.12.34.56.78", "+31 6 12345678", "+31612345678", "+31-6-12345678", "+31 (0)6-12345678",
    "+31 (0) 6 1234 5678", "0031 6 12345678", "0031612345678", "030-1234567", "030 123 4567",
    "030 - 123 45 67", "030.123.4567", "(030) 123 45 67", "(030) 1234567", "020-5551234",
    "020 555 12 34", "0201234567", "+31 20 555 1234", "+31(0)20-5551234", "0031-(0)30-1234567",
    "0318-123456", "0318 12 34 56", "(0318) 123456", "0412 - 65 43 21", "050-3123456",
    "088-1234567", "085 123 4567", "0800-1234", "0800 0123", "0900-1234567", "0900 1234",
    "+32 2 555 12 34",
]

# Number-like text that is not a phone number.
NOT_PHONE_NUMBERS = [
    "2017-2018", "2015-2020", "2017/2018", "2017 t/m 2020", "€ 250.000", "€250.000,-",
    "€ 1.234.567,89", "€ 12.345.678", "2.000.000 euro", "1.200 woningen", "1.234.567 inwoners",
    "21 000 inwoners", "45%", "12,5%", "10-15%", "3701 AB", "3701AB", "postcode 1234 AB 12",
    "12-03-2017", "12 maart 2017", "01-02-2017 t/m 31-12-2018", "20 december 2016 om 10:30",
    "10:00-12:00", "Stationsstraat 12", "Kerkstraat 123a", "artikel 2.3.4",
    "art. 125 Gemeentewet", "zaaknummer 2017-012345", "kenmerk Z/17/123456", "versie 1.2.3",
    "ISBN 978-90-1234-567-8", "KvK 12345678", "motie M-2017-012", "1.500 m2", "0,5 fte",
]


@pytest.mark.parametrize("number", PHONE_NUMBERS)
def test_phone_number_is_replaced(number):
    text = f"Ons nummer is {number}, bel gerust."
    assert redact_text(pd.Series([text])).iloc[0] == "Ons nummer is [telefoon], bel gerust."


@pytest.mark.parametrize("value", NOT_PHONE_NUMBERS)
def test_number_that_is_no_phone_number_stays(value):
    text = f"In de begroting van 2017 staat {value} voor dit plan."
    assert redact_text(pd.Series([text])).iloc[0] == text


def test_the_tables_are_long_enough():
    assert len(PHONE_NUMBERS) >= 30 and len(NOT_PHONE_NUMBERS) >= 15
    assert len(set(PHONE_NUMBERS)) == len(PHONE_NUMBERS)


def test_two_numbers_and_an_address_in_one_text():
    text = "Bel 06-12345678 of (030) 123 45 67, of mail a.bos@ede.nl."
    assert redact_text(pd.Series([text])).iloc[0] == \
        "Bel [telefoon] of [telefoon], of mail [e-mail]."

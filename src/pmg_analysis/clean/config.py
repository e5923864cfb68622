"""Settings of the cleaning step, in one place, with the reasoning beside them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated

from annotated_types import Ge, Interval, MinLen

from pmg_analysis.io.mapping import MappingConfig
from pmg_analysis.municipalities import MatchConfig


@dataclass(frozen=True)
class CleanConfig:
    """Settings of the cleaning step (:func:`pmg_analysis.clean.clean_export`)."""

    # A response that answered fewer than this share of the instrument's answer questions counts
    # as partial (kept, flagged `is_partial`). 0.5: someone who stopped after section B has
    # answered about a quarter of the questions.
    partial_below: Annotated[float, Interval(ge=0, le=1)] = 0.5
    # Labels that do not match an option or scale label exactly (after normalisation) are matched
    # fuzzily with rapidfuzz; below this score they stay unmatched and are reported.
    label_threshold: Annotated[float, Interval(ge=0, le=100)] = 90.0
    # Free text that marks a test submission (whole-word, case-insensitive) when found in the
    # municipality field, or when every filled-in free-text answer consists only of such words.
    test_words: tuple[str, ...] = ("test", "testje", "testing", "proef", "probeer", "asdf", "xxx")
    # Free text longer than this is never "only test words" (and is not searched for them).
    test_text_max: Annotated[int, Ge(0)] = 60
    # Values the tools use for "no e-mail / no name" in anonymous forms: not a person.
    anonymous_values: tuple[str, ...] = ("anonymous", "anoniem", "anonym", "anonyme")
    # Cell values that mean "this option was chosen" in one-column-per-option layouts.
    truthy: tuple[str, ...] = ("1", "y", "yes", "ja", "j", "x", "true", "waar", "checked",
                               "selected")
    # Cell values that mean "this option was not chosen". Any other non-empty cell counts as
    # ticked (kept as typed text), so tools that write 0 / No / Nee in unticked columns need these.
    falsy: tuple[str, ...] = ("0", "n", "no", "nee", "false", "onwaar", "not selected")
    # Key of the keyed hash that turns a tool's response id into a pseudonymous response id.
    # The default is public: set your own in the settings file (clean.pseudonym_key) or in the
    # environment variable PMG_PSEUDONYM_KEY, so that ids cannot be linked back or across projects.
    pseudonym_key: Annotated[str, MinLen(1)] = "pmg-analysis/2017"
    # Phone numbers are found by libphonenumber as numbers of this region (national forms such
    # as "030 123 4567"; international ones such as "+32 ..." are found too).
    phone_region: str = "NL"
    # Only texts with at least this many digits go to the phone-number matcher (slow per call):
    # the shortest Dutch subscriber number without area code has 7 digits.
    phone_min_digits: Annotated[int, Ge(1)] = 7
    # Words that introduce a person in Dutch free text: the name that follows is redacted
    # ("wethouder Jansen", "bel met anne"), unless it is a municipality ("burgemeester van Ede").
    # Sign-offs and contact requests name the writer ("Met vriendelijke groet, Mehmet Bakker",
    # "Graag contact via Gert van Leeuwen"), also when no name question was filled in.
    name_cues: tuple[str, ...] = (
        "wethouder", "burgemeester", "collega", "mevrouw", "mevr.", "mw.", "meneer", "mijnheer",
        "dhr.", "de heer", "contactpersoon", "mijn naam is", "bel met", "bellen met", "mail met",
        "mailen met", "groet", "groeten", "groetjes", "mvg", "m.v.g.", "contact via",
        "contact met", "contact op met", "contact opnemen met",
    )
    # How column headers are matched to the questions (fuzzy thresholds, see io.mapping).
    columns: MappingConfig = field(default_factory=MappingConfig)
    # How the municipality a respondent typed is matched to the 2017 register.
    municipalities: MatchConfig = field(default_factory=MatchConfig)
    # Redaction markers written in place of personal data found in free text.
    markers: dict[str, str] = field(default_factory=lambda: {
        "email": "[e-mail]", "phone": "[telefoon]", "name": "[naam]", "ip": "[ip-adres]",
    })

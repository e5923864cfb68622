"""Settings of the cleaning step, in one place, with the reasoning beside them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from annotated_types import Ge, Interval, MinLen

from pmg_analysis.io.mapping import MappingConfig
from pmg_analysis.municipalities import MatchConfig
from pmg_analysis.reasons import setting


@dataclass(frozen=True)
class CleanConfig:
    """Settings of the cleaning step (:func:`pmg_analysis.clean.clean_export`)."""

    partial_below: Annotated[float, Interval(ge=0, le=1)] = setting(0.5, reason=(
        "A response that answered fewer than this share of the instrument's answer questions "
        "counts as partial (kept, flagged `is_partial`). 0.5: someone who stopped after section "
        "B has answered about a quarter of the questions."))
    label_threshold: Annotated[float, Interval(ge=0, le=100)] = setting(90.0, reason=(
        "Labels that do not match an option or scale label exactly (after normalisation) are "
        "matched fuzzily with rapidfuzz; below this score they stay unmatched and are reported."))
    test_words: tuple[str, ...] = setting(
        ("test", "testje", "testing", "proef", "probeer", "asdf", "xxx"),
        reason=(
            "Free text that marks a test submission (whole-word, case-insensitive) when found in "
            "the municipality field, or when every filled-in free-text answer consists only of "
            "such words."))
    test_text_max: Annotated[int, Ge(0)] = setting(60, reason=(
        "Free text longer than this is never \"only test words\" (and is not searched for them)."))
    anonymous_values: tuple[str, ...] = setting(
        ("anonymous", "anoniem", "anonym", "anonyme"),
        reason=(
            "Values the tools use for \"no e-mail / no name\" in anonymous forms: not a person."))
    truthy: tuple[str, ...] = setting(
        ("1", "y", "yes", "ja", "j", "x", "true", "waar", "checked", "selected"),
        reason=(
            "Cell values that mean \"this option was chosen\" in one-column-per-option layouts."))
    falsy: tuple[str, ...] = setting(
        ("0", "n", "no", "nee", "false", "onwaar", "not selected"),
        reason=(
            "Cell values that mean \"this option was not chosen\". Any other non-empty cell "
            "counts as ticked (kept as typed text), so tools that write 0 / No / Nee in unticked "
            "columns need these."))
    pseudonym_key: Annotated[str, MinLen(1)] = setting("pmg-analysis/2017", reason=(
        "Key of the keyed hash that turns a tool's response id into a pseudonymous response id. "
        "The default is public: set your own in the settings file (clean.pseudonym_key) or in "
        "the environment variable PMG_PSEUDONYM_KEY, so that ids cannot be linked back or across "
        "projects."))
    phone_region: str = setting("NL", reason=(
        "Phone numbers are found by libphonenumber as numbers of this region (national forms "
        "such as \"030 123 4567\"; international ones such as \"+32 ...\" are found too)."))
    phone_min_digits: Annotated[int, Ge(1)] = setting(7, reason=(
        "Only texts with at least this many digits go to the phone-number matcher (slow per "
        "call): the shortest Dutch subscriber number without area code has 7 digits."))
    name_cues: tuple[str, ...] = setting(
        (
            "wethouder", "burgemeester", "collega", "mevrouw", "mevr.", "mw.", "meneer",
            "mijnheer", "dhr.", "de heer", "contactpersoon", "mijn naam is", "bel met",
            "bellen met", "mail met", "mailen met", "groet", "groeten", "groetjes", "mvg",
            "m.v.g.", "contact via", "contact met", "contact op met", "contact opnemen met",
        ),
        reason=(
            "Words that introduce a person in Dutch free text: the name that follows is redacted "
            "(\"wethouder Jansen\", \"bel met anne\"), unless it is a municipality "
            "(\"burgemeester van Ede\"). Sign-offs and contact requests name the writer (\"Met "
            "vriendelijke groet, Mehmet Bakker\", \"Graag contact via Gert van Leeuwen\"), also "
            "when no name question was filled in."))
    columns: MappingConfig = setting(factory=MappingConfig, reason=(
        "How column headers are matched to the questions (fuzzy thresholds, see io.mapping)."))
    municipalities: MatchConfig = setting(factory=MatchConfig, reason=(
        "How the municipality a respondent typed is matched to the 2017 register."))
    markers: dict[str, str] = setting(
        factory=lambda: {
            "email": "[e-mail]", "phone": "[telefoon]", "name": "[naam]", "ip": "[ip-adres]",
        },
        reason=(
            "Redaction markers written in place of personal data found in free text."))

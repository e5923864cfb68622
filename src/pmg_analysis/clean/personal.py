"""Personal data in an export: the platform's contact columns and the survey's own personal
questions.

Two uses, one source. *Who submitted* (for resubmissions, :func:`pmg_analysis.clean.rows.
resubmissions`): the platform's contact fields when they hold a person, else what the respondent
typed in the survey's own name and e-mail questions, normalised (case, whitespace, accents).
*What was typed* (to scrub free text, :func:`pmg_analysis.clean.pii.redact_text`): every value
of every personal column, filled or not, plus the full name joined from a first-name and a
last-name column; an anonymous form's empty or "anonymous" contact columns never hide what the
respondent typed in the survey's own name question.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pmg_analysis.clean.config import CleanConfig
from pmg_analysis.clean.pii import EMAIL
from pmg_analysis.instrument import Instrument
from pmg_analysis.io.distinct import distinct
from pmg_analysis.io.export import Export
from pmg_analysis.io.mapping import ColumnMapping
from pmg_analysis.io.normalise import meta_key

# a header of a first-name contact column (Qualtrics RecipientFirstName, SurveyMonkey First Name)
_FIRST = ("first", "voornaam", "vorname")


@dataclass(frozen=True)
class Personal:
    """Per row: the normalised e-mail address and name that identify the respondent (NA when
    anonymous); and every distinct value typed in a personal field."""

    email: pd.Series
    name: pd.Series
    typed: tuple[str, ...]


def _columns(export: Export, mapping: ColumnMapping, instrument: Instrument
             ) -> tuple[list[str], list[str], list[str], list[str]]:
    """Keys of the contact e-mail and name columns (first names first) and of the survey's
    own e-mail and name questions."""
    contact_email = [c.key for c in export.columns if c.meta == "email"]
    contact_name = sorted((c.key for c in export.columns if c.meta == "name"),
                          key=lambda k: not any(w in meta_key(k) for w in _FIRST))
    personal = {q.id for q in instrument.personal_questions}
    asked = [c for c in mapping.mapped if c.question_id in personal and c.part == "value"]
    own_email = [c.key for c in asked if "mail" in c.question_id]
    own_name = [c.key for c in asked if "mail" not in c.question_id]
    return contact_email, contact_name, own_email, own_name


def _text(col: pd.Series) -> pa.Array:
    codes, uniques = distinct(col)
    return uniques.take(pa.array(codes, mask=codes < 0))


def _joined(frame: pd.DataFrame, keys: list[str]) -> pa.Array | None:
    """The row-wise join of ``keys`` (a first and a last name) with a space, skipping empty
    cells; None without columns."""
    if not keys:
        return None
    parts = [pd.Series(pd.array(_text(frame[k]), dtype="str")).str.strip() for k in keys]
    joined = parts[0].str.cat(parts[1:], sep=" ", na_rep="").str.strip() if len(parts) > 1 \
        else parts[0]
    return pa.array(joined.where(joined.str.len() > 0), type=pa.large_string(), from_pandas=True)


def normalise_identity(values: pa.Array, config: CleanConfig) -> pd.Series:
    """Case, whitespace and accents evened out ("  José  de Vries" -> "jose de vries"); the
    tools' words for "anonymous" and empty cells become NA.

    Examples
    --------
    >>> import pyarrow as pa
    >>> normalise_identity(pa.array([" José  DE Vries", "anonymous", None]), CleanConfig()
    ...                    ).tolist()
    ['jose de vries', nan, nan]
    """
    folded = pc.utf8_lower(pc.utf8_trim_whitespace(values))
    # only texts with a double space or a tab or line break need squeezing (few)
    spaced = pc.fill_null(pc.match_substring_regex(folded, r"\s\s|[\t\r\n]"), False)
    if pc.any(spaced).as_py():
        folded = pc.replace_substring_regex(folded, r"\s+", " ")
    other = pc.fill_null(pc.invert(pc.string_is_ascii(folded)), False)
    if pc.any(other).as_py():  # few: accents and the like, in Python
        at = pa.array(other)
        folded = pc.replace_with_mask(folded, at, pa.array(
            [_strip_accents(v) for v in folded.filter(at).to_pylist()], folded.type))
    anonymous = pa.array(sorted({_strip_accents(a) for a in config.anonymous_values}),
                         folded.type)
    gone = pc.or_(pc.is_in(folded, value_set=anonymous), pc.equal(pc.utf8_length(folded), 0))
    return pd.Series(pd.array(pc.if_else(pc.fill_null(gone, False),
                                         pa.scalar(None, folded.type), folded), dtype="str"))


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _first_filled(columns: list[pd.Series], index: pd.Index) -> pd.Series:
    out = pd.Series(pd.NA, index=index, dtype="str")
    for col in reversed(columns):  # applied last wins: the first column has priority
        out = col.set_axis(index).fillna(out)
    return out


def personal_data(frame: pd.DataFrame, export: Export, mapping: ColumnMapping,
                  instrument: Instrument, config: CleanConfig = CleanConfig()) -> Personal:
    """Who submitted each row and what was typed in any personal field (see the module)."""
    contact_email, contact_name, own_email, own_name = _columns(export, mapping, instrument)
    full_name = _joined(frame, contact_name)
    emails = [normalise_identity(_text(frame[k]), config) for k in contact_email + own_email]
    names = [normalise_identity(a, config) for a in
             ([full_name] if full_name is not None else []) + [_text(frame[k])
                                                              for k in own_name]]
    typed: dict[str, None] = {}
    for values in ([full_name] if full_name is not None else []) + [
            distinct(frame[k])[1] for k in contact_name + contact_email + own_email + own_name]:
        values = pc.unique(values.drop_null())
        # a whole e-mail address is found anywhere by its pattern (pii.EMAIL): only the rest
        # (a name, a phone number, an address with a typo) is needed as typed
        address = pc.match_substring_regex(pc.utf8_trim_whitespace(values), f"^{EMAIL}$")
        typed.update(dict.fromkeys(v for v in values.filter(pc.invert(address)).to_pylist()
                                   if v.strip()))
    return Personal(email=_first_filled(emails, frame.index),
                    name=_first_filled(names, frame.index), typed=tuple(typed))


__all__ = ["Personal", "normalise_identity", "personal_data"]

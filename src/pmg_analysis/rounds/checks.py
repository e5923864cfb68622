"""Bad input for a comparison of two rounds, each said in one Dutch sentence.

:func:`check_rounds` raises :class:`~pmg_analysis.errors.InputError` for the mistakes a user
can make when passing two exports (the same file twice, the rounds in the wrong order);
:func:`comparison_problem` returns the sentence for a comparison that is impossible on the data
(no municipality in common), so a report can say why instead of failing. A file of another
survey is refused earlier, by the reader and the cleaner (no municipality question).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from pmg_analysis.errors import InputError


@dataclass(frozen=True)
class RoundInfo:
    """What the checks need to know of one round: the file name, its SHA-256 and the
    submission times of its clean responses."""

    name: str
    sha256: str
    submitted: pd.Series

    @classmethod
    def of(cls, name: str, sha256: str, responses: pd.DataFrame) -> RoundInfo:
        return cls(name, sha256, pd.to_datetime(responses["submitted_at"]).dropna())


def _day(ts: pd.Timestamp) -> str:
    return ts.strftime("%d-%m-%Y")


def check_rounds(old: RoundInfo, new: RoundInfo) -> None:
    """Raise an InputError (one Dutch sentence) when the two rounds cannot be the older and the
    newer round of the same survey: the same file twice (same SHA-256) or the older export
    given as the new one (its median submission date is later)."""
    if old.sha256 == new.sha256:
        raise InputError(
            f"{new.name} en {old.name} zijn hetzelfde bestand (SHA-256 {new.sha256[:12]}…); "
            "geef met --vorige de export van de vorige ronde op.", path=old.name)
    if old.submitted.empty or new.submitted.empty:
        return
    old_mid, new_mid = old.submitted.median(), new.submitted.median()
    if old_mid >= new_mid:
        raise InputError(
            f"de rondes staan in de verkeerde volgorde: {old.name} (ingevuld rond "
            f"{_day(old_mid)}) is niet ouder dan {new.name} (rond {_day(new_mid)}); geef de "
            "nieuwe export als eerste op en de oudere met --vorige.", path=old.name)


def comparison_problem(codes_old: pd.Series, codes_new: pd.Series) -> str | None:
    """The Dutch sentence why the rounds cannot be compared per municipality (no municipality
    answered both, after mapping), or None when they can."""
    common = set(codes_old.dropna().astype(str)) & set(codes_new.dropna().astype(str))
    if not common:
        return ("Geen enkele gemeente antwoordde in beide rondes (ook niet na het omzetten "
                "naar de gemeentelijke indeling van de nieuwe ronde), dus de verandering per "
                "gemeente kan niet worden berekend; alleen de cijfers per ronde staan naast "
                "elkaar.")
    return None


def require_common(codes_old: pd.Series, codes_new: pd.Series) -> None:
    """:func:`comparison_problem` as an InputError, for callers that need paired data."""
    problem = comparison_problem(codes_old, codes_new)
    if problem:
        raise InputError(problem[0].lower() + problem[1:])

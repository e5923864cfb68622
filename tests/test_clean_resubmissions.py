"""Resubmissions: one respondent is one row, recognised by e-mail address or name within a
municipality (issue 24). Identical closed answers alone never make two people one."""

from __future__ import annotations

import pandas as pd
import pytest

from pmg_analysis.clean.rows import REASONS, decide, resubmissions

T = pd.Timestamp("2017-02-10 10:00")


def _candidates(rows: list[dict]) -> pd.DataFrame:
    """Candidate rows (raw row numbers from 2), with defaults: Zeist, anonymous, complete,
    each its own answers and no free text, an hour apart."""
    frame = pd.DataFrame([{"gemeente_code": "GM0355", "email": pd.NA, "name": pd.NA,
                           "content_hash": i, "has_text": False, "is_partial": False,
                           "submitted_at": T + pd.Timedelta(hours=i), **r}
                          for i, r in enumerate(rows)], index=range(2, 2 + len(rows)))
    return frame.astype({"email": "str", "name": "str", "content_hash": "uint64"})


def _outcome(rows: list[dict]) -> list[tuple[object, object]]:
    out = resubmissions(_candidates(rows))
    return [(None if pd.isna(s) else s, None if pd.isna(r) else int(r))
            for s, r in zip(out["soort"], out["vervangen_door"], strict=True)]


def test_a_second_submission_with_the_same_email_replaces_the_first():
    assert _outcome([{"email": "gert@ede.nl", "name": "gert van leeuwen"},
                     {"email": "gert@ede.nl"}]) == [("herinzending", 3), (None, None)]


def test_a_name_only_second_submission_matches_a_first_one_with_name_and_email():
    assert _outcome([{"email": "joost@ede.nl", "name": "joost bos"},
                     {"name": "joost bos"}]) == [("herinzending", 3), (None, None)]


def test_two_people_with_the_same_name_but_other_emails_stay_two():
    assert _outcome([{"email": "jan@ede.nl", "name": "jan jansen"},
                     {"email": "j.jansen@ede.nl", "name": "jan jansen"},
                     {"name": "jan jansen"}])[:2] == [(None, None), (None, None)]


def test_colleagues_with_identical_closed_answers_and_other_emails_are_both_kept():
    assert _outcome([{"email": "a@ede.nl", "content_hash": 7},
                     {"email": "b@ede.nl", "content_hash": 7}]) == [(None, None), (None, None)]


def test_identical_closed_answers_of_anonymous_respondents_never_make_one_person():
    assert _outcome([{"content_hash": 7}, {"content_hash": 7}]) == [(None, None), (None, None)]


def test_the_same_form_sent_twice_anonymously_with_the_same_free_text_is_a_duplicate():
    assert _outcome([{"content_hash": 7, "has_text": True},
                     {"content_hash": 7, "has_text": True}]) == [("dubbel", 3), (None, None)]


def test_the_same_person_in_another_municipality_is_another_response():
    assert _outcome([{"email": "gert@ede.nl"},
                     {"email": "gert@ede.nl", "gemeente_code": "GM0228"}]) == [
        (None, None), (None, None)]


def test_a_complete_submission_wins_over_a_later_partial_one():
    assert _outcome([{"email": "gert@ede.nl"}, {"email": "gert@ede.nl", "is_partial": True}]) \
        == [(None, None), ("herinzending", 2)]


def test_links_chain_through_name_and_email():
    # first by e-mail, second adds the name, third gives only the name
    assert _outcome([{"email": "gert@ede.nl"}, {"email": "gert@ede.nl", "name": "gert"},
                     {"name": "gert"}]) == [("herinzending", 4), ("herinzending", 4),
                                            (None, None)]


@pytest.mark.parametrize("code", ["herinzending", "dubbel"])
def test_each_kind_has_its_own_reason_after_the_municipality_checks(code):
    idx = pd.RangeIndex(2, 4)
    reason = decide(empty=pd.Series([False, False], index=idx),
                    test=pd.Series([False, False], index=idx),
                    match=pd.Series(["exact", "unknown"], index=idx),
                    replaced=pd.Series([code, code], index=idx))
    assert reason.tolist() == [code, "gemeente_onbekend"]
    assert list(REASONS).index("gemeente_dubbelzinnig") < list(REASONS).index(code)


def test_no_candidates_gives_an_empty_outcome():
    out = resubmissions(_candidates([{}]).iloc[:0])
    assert out.empty and list(out.columns) == ["vervangen_door", "soort"]

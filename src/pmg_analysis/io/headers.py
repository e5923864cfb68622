"""Header helpers shared by all tool layouts: metadata recognition, question/item splitting
and unique column keys."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from pmg_analysis.io.normalise import meta_key, normalise_text, tidy_label

# Metadata headers (as `meta_key`) in the languages the tools export: EN, NL, DE, some JA/AR.
_META: dict[str, tuple[str, ...]] = {
    "response_id": ("id", "responseid", "respondentid", "antwoordid", "antwoordnummer",
                    "recordid", "antwortid", "responsid", "respondent", "respondentnummer"),
    "started_at": ("startdate", "starttime", "begintijd", "starttijd", "startzeit", "startdatum",
                   "datestarted", "datumgestart", "startdatum", "anfangsdatum", "開始時刻",
                   "وقتالبدء"),
    "submitted_at": ("enddate", "completiontime", "tijdstipvanvoltooien", "voltooiingstijd",
                     "eindtijd", "abschlusszeit", "submitdate", "datesubmitted", "tijdvanvoltooien",
                     "datumverstuurd", "datumingediend", "timestamp", "tijdstempel",
                     "zeitstempel", "enddatum", "einddatum", "submitted", "submittedat",
                     "ingediend", "ingediendop", "verzonden", "完了時刻", "وقتالانتهاء"),
    "finished": ("finished", "lastpage", "laatstepagina", "beendet", "voltooid", "afgerond",
                 "complete", "completed"),
    "progress": ("progress", "voortgang", "aktuellerstand", "fortschritt"),
    "status": ("status", "responsetype", "antworttyp", "antwoordtype"),
    "ip": ("ipaddress", "ipaddr", "ipadres", "ipadresse"),
    "email": ("email", "emailaddress", "recipientemail", "emailadres", "emaildesempfangers",
              "メール", "البريدالإلكتروني"),
    "name": ("name", "naam", "recipientlastname", "recipientfirstname", "firstname", "lastname",
             "voornaam", "achternaam", "nachnamedesempfangers", "vornamedesempfangers",
             "名前", "الاسم"),
    "location": ("locationlatitude", "locationlongitude", "locationaccuracy",
                 "breitengraddesstandorts", "langengraddesstandorts", "latitude", "longitude"),
    "other_meta": ("duration", "durationinseconds", "dauerinsekunden", "recordeddate",
                   "erfassungsdatum", "externalreference", "externaldatareference",
                   "externedatenreferenz", "distributionchannel", "verteilungskanal",
                   "userlanguage", "benutzersprache", "responseset", "startlanguage", "starttaal",
                   "seed", "datestamp", "datelastaction", "datumlaatsteactie", "refurl",
                   "referrerurl", "verwijzendeurl", "token", "lastmodifiedtime",
                   "tijdstiplaatstgewijzigd", "laatstgewijzigd", "tijdstipvanlaatstewijziging",
                   "totalpoints",
                   "totaalaantalpunten", "quizfeedback", "score", "totalscore", "totaalscore",
                   "collectorid", "customdata1", "customdata", "totaltime", "totaletijd",
                   "interviewtime", "locationaccuracy"),
}
META_BY_KEY: dict[str, str] = {key: field for field, keys in _META.items() for key in keys}
_META_PREFIXES = ("grouptime", "questiontime", "groeptijd", "vraagtijd", "filecount",
                  "points", "punten", "feedback")
_PREFIX_LABEL = re.compile(r"^(points|punten|feedback|filecount)\s*-\s", re.I)

# "<question> [<item>]" with one or more trailing bracket groups.
_BRACKETS = re.compile(r"^(?P<q>.*?\S)\s*(?P<items>(?:\[[^\[\]]*\])+)\s*$")
DEFAULT_SEPARATORS = (" - ", ": ", ".")
MIN_QUESTION_CHARS = 8


def meta_field(header: str, *extra: dict[str, str]) -> str | None:
    """The MetaField a header holds, or None for an answer column."""
    key = meta_key(header)
    for table in (*extra, META_BY_KEY):
        if key in table:
            return table[key]
    if key.startswith(("grouptime", "questiontime", "groeptijd", "vraagtijd")):
        return "other_meta"
    if _PREFIX_LABEL.match(header.strip()):
        return "other_meta"
    return None


def split_brackets(label: str) -> tuple[str, str | None]:
    """``"Question [Item]"`` -> ``("Question", "Item")``; several groups are joined with " / "."""
    m = _BRACKETS.match(label)
    if not m or not m.group("q"):
        return label, None
    items = [part.strip() for part in m.group("items")[1:-1].split("][")]
    return m.group("q").strip(), " / ".join(items)


def _cut(prefix: str, seps: Sequence[str]) -> int | None:
    """The rightmost separator position in ``prefix`` leaving a question of a sensible length."""
    best = None
    for sep in seps:
        pos = prefix.rfind(sep)
        if pos >= MIN_QUESTION_CHARS and (best is None or pos > best[0]):
            best = (pos, sep)
    return None if best is None else best[0]


def split_runs(labels: Sequence[str], seps: Sequence[str] = DEFAULT_SEPARATORS,
               ) -> list[tuple[str, str | None]]:
    """Split consecutive labels that share ``"<question><sep>"`` into (question, item).

    A run needs at least two adjacent labels with the same question part (e.g. MS Forms Likert
    ``"Stellingen.Statement 1"``, ``"Stellingen.Statement 2"``); lone labels stay whole.
    """
    out: list[tuple[str, str | None]] = [(label, None) for label in labels]
    i, n = 0, len(labels)
    while i < n - 1:
        question, j = None, i + 1
        while j < n:
            cut = _cut(os.path.commonprefix([labels[i], labels[j]]), seps)
            if cut is None:
                break
            candidate = labels[i][:cut]
            if question is not None and candidate != question:
                break
            if not labels[j][cut:].strip(" -:.") or not labels[i][cut:].strip(" -:."):
                break
            question, j = candidate, j + 1
        if question is None:
            i += 1
            continue
        for k in range(i, j):
            item = labels[k][len(question):]
            for sep in sorted(seps, key=len, reverse=True):
                if item.startswith(sep):
                    item = item[len(sep):]
                    break
            out[k] = (question.strip(), item.strip())
        i = j
    return out


def split_last(label: str, seps: Sequence[str]) -> tuple[str, str | None]:
    """Split one label at its last separator (used when a tool says the column is a sub-item)."""
    best = None
    for sep in seps:
        pos = label.rfind(sep)
        if pos > 0 and (best is None or pos > best[0]):
            best = (pos, sep)
    if best is None:
        return label, None
    return label[:best[0]].strip(), label[best[0] + len(best[1]):].strip() or None


def unique_keys(names: Iterable[str]) -> list[str]:
    """Make column keys unique by appending " (2)", " (3)" ... to repeats."""
    seen: dict[str, int] = {}
    used: set[str] = set()
    keys = []
    for name in names:
        name = name or "kolom"
        key, n = name, seen.get(name, 1)
        while key in used:
            n += 1
            key = f"{name} ({n})"
        seen[name] = n
        used.add(key)
        keys.append(key)
    return keys


def clean(label: str | None) -> str:
    """Tidy a header cell (numbering is kept here; the reader strips it from questions)."""
    return tidy_label(label or "")


# At most this many title and empty rows above the header are looked for.
MAX_ROWS_ABOVE_HEADER = 10


def header_start(rows: Sequence[Sequence[str]], question_texts: Iterable[str]) -> int:
    """How many title and empty rows stand above the header (0 for a file that starts with it).

    The header is the row holding the most question texts (or metadata headers such as "ID",
    "Start time") among the first rows; the rows above it are skipped when each of them is
    sparse (one cell, or fewer than half the header's filled cells: a title, a date, an empty
    row). A header of several rows (Qualtrics: codes above the question texts) has a full row
    on top and stays as it is.

    Examples
    --------
    >>> rows = [["PMG-enquête 2017", ""], ["", ""], ["ID", "Uw naam (optioneel)"], ["1", "x"]]
    >>> header_start(rows, ["Uw naam (optioneel)"])
    2
    """
    texts = {normalise_text(t) for t in question_texts}

    def is_header(cell: str) -> bool:
        text = normalise_text(cell)
        return bool(text) and (meta_field(clean(cell)) is not None or text in texts
                               or any(t in text for t in texts if len(t) >= 15))

    rows = [list(r) for r in rows[:MAX_ROWS_ABOVE_HEADER + 1]]
    scores = [sum(is_header(c) for c in r) for r in rows]
    if not scores or max(scores) == 0:
        return 0
    best = scores.index(max(scores))
    filled = [sum(bool(c.strip()) for c in r) for r in rows]
    skip = 0
    while skip < best and (filled[skip] <= 1 or filled[skip] * 2 < filled[best]):
        skip += 1
    return skip

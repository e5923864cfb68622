"""Data-quality summaries of a clean run, as small tables for notebook 01 and the reports.

Reads nothing itself: takes the processed tables (see :func:`pmg_analysis.pipeline.load_processed`)
and the manifest, returns DataFrames with Dutch column names ready to show.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from pmg_analysis.clean.manifest import Manifest
from pmg_analysis.instrument import Instrument, load_instrument

TYPE_LABELS = {"open": "open", "single": "één keuze", "multi": "meerkeuze",
               "likert": "stellingen", "scale": "schaal", "ranking": "rangorde"}
# the part after the theme code of a per-theme question id, in words
KIND_LABELS = {"samen": "samen oppakken"}


def question_label(question_id: str, instrument: Instrument | None = None) -> str:
    """A question as the reader names it: a per-theme question by its theme's name and its
    kind, any other by its id (already a Dutch word).

    >>> question_label("EA_urgentie"), question_label("functie")
    ('Economie & arbeidsmarkt: urgentie', 'functie')
    >>> question_label("LD_samen")
    'Lokale democratie & regionale samenwerking: samen oppakken'
    """
    instrument = instrument or load_instrument()
    theme, _, kind = str(question_id).partition("_")
    if kind and theme in instrument.theme_codes:
        return f"{instrument.theme_name(theme)}: {KIND_LABELS.get(kind, kind)}"
    return str(question_id).replace("_", " ")


def intake(manifest: Manifest) -> pd.DataFrame:
    """Counts in and out: rows read, clean, quarantined per reason — and that they add up."""
    n = manifest.counts
    rows = [("Rijen in de export", n.rows_in), ("Schoon (telt mee)", n.clean)]
    rows += [(f"Quarantaine: {manifest.reasons[code]}", count)
             for code, count in n.per_reason.items() if count]
    frame = pd.DataFrame(rows, columns=["stap", "aantal"])
    frame["aantal"] = frame["aantal"].astype("Int64")
    return frame


def quarantine_table(quarantine: pd.DataFrame) -> pd.DataFrame:
    """The quarantined rows as a user reads them: row number, reason, what was typed."""
    out = quarantine.rename(columns={"rij": "Rij", "reden": "Reden",
                                     "gemeente_invoer": "Ingevulde gemeente",
                                     "kandidaten": "Mogelijke gemeenten",
                                     "vervangen_door_rij": "Vervangen door rij"})
    # the candidates by name: "Best (GM0753)" -> "Best" (the reader knows no CBS codes)
    out["Mogelijke gemeenten"] = out["Mogelijke gemeenten"].astype("string").str.replace(
        r"\s*\(GM\d{4}\)", "", regex=True)
    return out[["Rij", "Reden", "Ingevulde gemeente", "Mogelijke gemeenten",
                "Vervangen door rij"]].sort_values("Rij").reset_index(drop=True)


def responses_per_municipality(responses: pd.DataFrame) -> pd.DataFrame:
    """Number of (clean) responses per municipality, most first, then by name."""
    counts = (responses.groupby("gemeente_naam", observed=True)
              .agg(antwoorden=("response_id", "size"),
                   gedeeltelijk=("is_partial", "sum"))
              .reset_index()
              .rename(columns={"gemeente_naam": "gemeente"}))
    # names as text: a categorical would sort in register order, not alphabetically
    counts = counts.astype({"gemeente": "str", "antwoorden": "Int64", "gedeeltelijk": "Int64"})
    return counts.sort_values(["antwoorden", "gemeente"], ascending=[False, True],
                              kind="stable").reset_index(drop=True)


def responses_sentence(per_municipality: pd.DataFrame) -> str:
    """"57 antwoorden uit 40 gemeenten." from :func:`responses_per_municipality`.

    >>> responses_sentence(pd.DataFrame({"gemeente": ["Goes"], "antwoorden": [1]}))
    '1 antwoord uit 1 gemeente.'
    """
    total = int(per_municipality["antwoorden"].sum())
    return (f"{counted(total, 'antwoord', 'antwoorden')} uit "
            f"{counted(len(per_municipality), 'gemeente', 'gemeenten')}.")


def completeness(responses: pd.DataFrame, answers: pd.DataFrame, texts: pd.DataFrame,
                 instrument: Instrument | None = None, *,
                 absent: Iterable[str] = ()) -> pd.DataFrame:
    """Per question of the instrument: how many clean responses answered it, and the share.
    Questions this round did not have (``absent``: ``manifest.columns.questions_without_column``)
    are left out: not asked is not unanswered."""
    instrument = instrument or load_instrument()
    absent = set(absent)
    answered = pd.concat([
        answers[["response_id", "question_id"]].astype("str"),
        texts.loc[texts["item"].isna(), ["response_id", "question_id"]].astype("str"),
    ]).drop_duplicates()
    per_q = answered.groupby("question_id").size()
    n = len(responses)
    rows = []
    for q in instrument.questions:
        if q.role != "answer" or q.id in absent:
            continue
        count = int(per_q.get(q.id, 0)) if q.role == "answer" else n
        rows.append({"vraag": q.id, "thema": q.theme or "", "soort": TYPE_LABELS[q.type],
                     "vraagtekst": q.text, "beantwoord": count,
                     "aandeel": count / n if n else float("nan")})
    frame = pd.DataFrame(rows, columns=["vraag", "thema", "soort", "vraagtekst", "beantwoord",
                                        "aandeel"])
    frame["beantwoord"] = frame["beantwoord"].astype("Int64")
    return frame


def completeness_display(completeness_table: pd.DataFrame,
                         instrument: Instrument | None = None) -> pd.DataFrame:
    """:func:`completeness` for the page: each question by :func:`question_label` instead of
    its id (the theme is then in the label)."""
    out = completeness_table.drop(columns=["thema"])
    out["vraag"] = [question_label(q, instrument) for q in out["vraag"]]
    return out


def round_sentence(manifest: Manifest, instrument: Instrument | None = None) -> str:
    """Which themes and questions this survey round did not have, named once in Dutch ("Deze
    ronde had geen vragen over …"); they are left out of every comparison, not counted as
    unanswered."""
    instrument = instrument or load_instrument()
    asked = set(manifest.round_themes or instrument.theme_codes)
    themes = [t for t in instrument.theme_codes if t not in asked]
    missing = set(manifest.columns.questions_without_column)
    questions = [q for q in instrument.questions if q.id in missing and q.role == "answer"
                 and (q.theme is None or q.theme in asked)]
    if not themes and not questions:
        return (f"Deze ronde had alle vragen van de vragenlijst (versie "
                f"{manifest.instrument_version}).")
    parts = []
    if themes:
        names = [instrument.theme_name(t) for t in themes]
        joined = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} en {names[-1]}"
        parts.append(f"geen vragen over {joined}")
    if questions:
        texts = "; ".join(f"'{q.text}'" for q in questions)
        parts.append(f"niet de vraag {texts}" if len(questions) == 1
                     else f"niet de vragen {texts}")
    return (f"Deze ronde had {', en '.join(parts)}. Wat niet gevraagd is, telt nergens als "
            "onbeantwoord en valt buiten elke vergelijking.")


def problems_summary(problems: pd.DataFrame) -> pd.DataFrame:
    """Problems found in answers that were kept: kind, question, count."""
    if problems.empty:
        return pd.DataFrame({"melding": pd.Series(dtype="str"), "vraag": pd.Series(dtype="str"),
                             "aantal": pd.Series(dtype="Int64")})
    out = (problems.groupby(["melding", "question_id"], observed=True).size()
           .rename("aantal").reset_index().rename(columns={"question_id": "vraag"}))
    out["aantal"] = out["aantal"].astype("Int64")
    out["vraag"] = [question_label(q) for q in out["vraag"]]
    return out.sort_values(["aantal", "vraag"], ascending=[False, True]).reset_index(drop=True)


def counted(n: int, singular: str, plural: str) -> str:
    """``n`` with the Dutch noun or verb in the right number.

    >>> counted(1, "kolom", "kolommen"), counted(0, "kolom", "kolommen")
    ('1 kolom', '0 kolommen')
    """
    return f"{n} {singular if n == 1 else plural}"


def counts_sentence(manifest: Manifest) -> str:
    """The check that nothing was lost, as one Dutch sentence for the report.

    >>> from pmg_analysis.clean.manifest import Columns, Counts, Manifest, Source
    >>> one = Manifest(source=Source(file="a.csv", sha256="0", tool="csv", layout="wide"),
    ...                counts=Counts(rows_in=61, clean=60, quarantined=1,
    ...                              per_reason={"leeg": 1}),
    ...                columns=Columns(mapped=1), instrument_version="2017",
    ...                package_version="0")
    >>> counts_sentence(one)  # doctest: +NORMALIZE_WHITESPACE
    'Van de 61 rijen in de export tellen er 60 mee en staat er 1 in quarantaine:
     60 + 1 = 61. Er is niets kwijtgeraakt.'
    >>> columns_sentence(one)
    '1 kolom gekoppeld aan een vraag; 0 kolommen of vragen zonder koppeling.'
    """
    n = manifest.counts
    verdict = ("Er is niets kwijtgeraakt." if n.add_up
               else "LET OP: de aantallen sluiten niet; neem contact op met de beheerder.")
    rows = "de 1 rij" if n.rows_in == 1 else f"de {n.rows_in} rijen"
    return (f"Van {rows} in de export {'telt' if n.clean == 1 else 'tellen'} er {n.clean} mee "
            f"en {'staat' if n.quarantined == 1 else 'staan'} er {n.quarantined} in "
            f"quarantaine: {n.clean} + {n.quarantined} = {n.rows_in}. {verdict}")


def columns_sentence(manifest: Manifest) -> str:
    """How many columns were linked to a question and how many columns or questions were not,
    in one Dutch sentence (singular and plural right)."""
    cols = manifest.columns
    loose = len(cols.unmapped) + len(cols.questions_without_column)
    return (f"{counted(cols.mapped, 'kolom', 'kolommen')} gekoppeld aan een vraag; "
            f"{loose} {'kolom of vraag' if loose == 1 else 'kolommen of vragen'} zonder "
            "koppeling.")


def source_table(manifest: Manifest) -> pd.DataFrame:
    """What came in: file, tool and layout, checksum, codebook version."""
    b = manifest.source
    rows = [("Bestand", b.file), ("Programma (herkend)", b.tool),
            ("Indeling", b.layout), ("SHA-256", b.sha256),
            ("Versie vragenlijst", manifest.instrument_version)]
    rows += [("Opmerking bij inlezen", note) for note in b.notes]
    return pd.DataFrame(rows, columns=["", "waarde"])


def columns_table(manifest: Manifest) -> pd.DataFrame:
    """Columns that could not be linked to a question, and questions without a column."""
    cols = manifest.columns
    rows = [("Kolom zonder vraag", key) for key in cols.unmapped]
    rows += [("Vraag zonder kolom", question_label(qid))
             for qid in cols.questions_without_column]
    return pd.DataFrame(rows, columns=["soort", "naam"])


def replaced_tables_sentence(previous: dict | None, file: str, sha256: str,
                             out_dir) -> str | None:
    """The Dutch line saying that the processed tables of one export are replaced by those of
    another (None when nothing was there or it came from the same file). ``previous`` is the
    old manifest's ``bron`` (``{}`` when it cannot be read)."""
    if previous is None or previous.get("sha256") == sha256:
        return None
    before = (f"{previous['bestand']} (sha256 {str(previous.get('sha256', ''))[:12]})"
              if previous.get("bestand") else "een eerdere verwerking")
    return (f"Let op: de verwerkte tabellen in {out_dir} kwamen van {before}; ze worden nu "
            f"vervangen door die van {file} (sha256 {sha256[:12]}).")


def settings_sentences(manifest: Manifest) -> list[str]:
    """The settings the data was processed with ("standaardinstellingen" or what was
    changed) and, when the pseudonyms use the public default key, the sentence saying so."""
    if manifest.settings is None:
        return []
    return [manifest.settings.sentence,
            *([manifest.settings.pseudonym_sentence] if manifest.settings.pseudonym_sentence
              else [])]

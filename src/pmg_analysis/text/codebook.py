"""The codebook of learning needs (``text/data/leerbehoeften.yaml``): read, check, edit, write.

A researcher codes open answers with a codebook, as in NVivo, MAXQDA or Atlas.ti: per need an
id, a Dutch name, its theme and opgave, a short description, terms and synonyms, and one to
three example questions. :func:`load_codebook` reads and validates one (pydantic: a wrong theme,
an unknown opgave or a duplicate id is one Dutch line naming the need); :func:`accept_suggestion`,
:func:`rename_need` and :func:`merge_needs` change it and :func:`write_codebook` writes it back,
so the next run uses the updated codebook.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from pmg_analysis import catalog
from pmg_analysis.instrument import load_instrument

# The project's own codebook (data/raw/leerbehoeften.yaml): written by accept_suggestion,
# rename_need and merge_needs (with ``write_to=USER_CODEBOOK``) and read instead of the packaged
# one when it exists, so that reruns use the researcher's edits.
USER_CODEBOOK = catalog.CODEBOOK_OWN.path()

ID = re.compile(r"^[a-z][a-z0-9_]*$")


class CodebookError(ValueError):
    """A codebook that cannot be used; the message is one Dutch line naming file and need."""


class Need(BaseModel):
    """One learning need of the codebook."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    naam: str = Field(min_length=1)
    thema: str
    opgave: str | None = None
    beschrijving: str = ""
    termen: tuple[str, ...] = ()
    voorbeelden: tuple[str, ...] = ()

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not ID.match(value):
            raise ValueError("alleen kleine letters, cijfers en '_', beginnend met een letter")
        return value

    @field_validator("thema")
    @classmethod
    def _theme(cls, value: str) -> str:
        codes = load_instrument().theme_codes
        if value not in codes:
            raise ValueError(f"thema moet een van {', '.join(codes)} zijn")
        return value

    @field_validator("opgave")
    @classmethod
    def _opgave(cls, value: str | None) -> str | None:
        if value is not None and value not in _opgaven():
            raise ValueError("onbekende opgave (zie de opgaven in de vragenlijst, EA1 ... EF6)")
        return value

    def passages(self) -> tuple[str, ...]:
        """The texts that stand for this need in the embedding: name + description, examples."""
        head = f"{self.naam}. {self.beschrijving}".strip()
        return (head, *self.voorbeelden)


@dataclass(frozen=True)
class Codebook:
    """The needs in file order (the order that resolves near ties) and where they came from."""

    needs: tuple[Need, ...]
    source: str

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(n.id for n in self.needs)

    def __getitem__(self, need_id: str) -> Need:
        for need in self.needs:
            if need.id == need_id:
                return need
        raise KeyError(need_id)

    def __len__(self) -> int:
        return len(self.needs)


@cache
def _opgaven() -> frozenset[str]:
    ins = load_instrument()
    return frozenset(o.id for t in ins.theme_codes for o in ins[f"{t}_opgaven"].options)


def _parse(doc: object, source: str) -> Codebook:
    if not isinstance(doc, dict) or not isinstance(doc.get("behoeften"), list):
        raise CodebookError(f"{source}: het codeboek moet een lijst 'behoeften' bevatten.")
    needs = []
    for i, raw in enumerate(doc["behoeften"], start=1):
        name = raw.get("id", f"nummer {i}") if isinstance(raw, dict) else f"nummer {i}"
        try:
            needs.append(Need.model_validate(raw))
        except ValidationError as err:
            first = err.errors()[0]
            field = ".".join(str(p) for p in first["loc"]) or "behoefte"
            raise CodebookError(f"{source}: behoefte {name}, veld {field}: {first['msg']}"
                                ) from None
    seen: set[str] = set()
    for need in needs:
        if need.id in seen:
            raise CodebookError(f"{source}: behoefte {need.id} staat er twee keer in.")
        seen.add(need.id)
    return Codebook(tuple(needs), source)


@cache
def _packaged() -> Codebook:
    text = catalog.CODEBOOK.path().read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text), "leerbehoeften.yaml (meegeleverd)")


def load_codebook(path: str | Path | None = None) -> Codebook:
    """The codebook at ``path``; without a path the project's own (:data:`USER_CODEBOOK`,
    ``data/raw/leerbehoeften.yaml``) when it exists, else the packaged PMG codebook.

    Raises
    ------
    CodebookError
        One Dutch line naming the file, the need and the field that is wrong.

    Examples
    --------
    >>> book = load_codebook()
    >>> book["ef_binnenstad"].naam
    'Vitale binnenstad en leegstand'
    """
    if path is None:
        if not USER_CODEBOOK.is_file():
            return _packaged()
        path = USER_CODEBOOK
    path = Path(path)
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise CodebookError(f"{path}: het codeboek kan niet worden gelezen ({err}).") from None
    return _parse(doc, str(path))


def codebook_yaml(book: Codebook) -> str:
    """The codebook as YAML text in the packaged layout (field order as in :class:`Need`).

    Examples
    --------
    >>> load_codebook(None).needs[0].id in codebook_yaml(load_codebook())
    True
    """
    needs = [{k: (list(v) if isinstance(v, tuple) else v)
              for k, v in n.model_dump().items() if v not in (None, "", ())} for n in book.needs]
    header = ("# Codeboek van leerbehoeften (zie pmg_analysis/text/data/leerbehoeften.yaml voor "
              "uitleg per veld).\n")
    return header + yaml.safe_dump({"behoeften": needs}, allow_unicode=True, sort_keys=False,
                                   width=100)


def write_codebook(book: Codebook, path: str | Path) -> Path:
    """Write ``book`` to ``path`` (atomically) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(codebook_yaml(book), encoding="utf-8")
    tmp.replace(path)
    return path


def with_need(book: Codebook, need: Need, *, write_to: str | Path | None = None) -> Codebook:
    """``book`` with ``need`` added at the end (its id must be new; written to ``write_to``)."""
    if need.id in book.ids:
        raise CodebookError(f"{book.source}: behoefte {need.id} bestaat al.")
    return _written(Codebook((*book.needs, need), book.source), write_to)


def _written(book: Codebook, path: str | Path | None) -> Codebook:
    if path is not None:
        write_codebook(book, path)
        return Codebook(book.needs, str(path))
    return book


def rename_need(book: Codebook, need_id: str, naam: str, *,
                write_to: str | Path | None = None) -> Codebook:
    """``book`` with the Dutch name of ``need_id`` changed (and written to ``write_to``).

    Examples
    --------
    >>> rename_need(load_codebook(), "ef_binnenstad", "Binnenstad")["ef_binnenstad"].naam
    'Binnenstad'
    """
    if need_id not in book.ids:
        _missing(book, need_id)
    out = Codebook(tuple(n.model_copy(update={"naam": naam}) if n.id == need_id else n
                         for n in book.needs), book.source)
    return _written(out, write_to)


def merge_needs(book: Codebook, keep: str, into_it: str, *,
                write_to: str | Path | None = None) -> Codebook:
    """``book`` with need ``into_it`` merged into ``keep``: its terms and examples join those of
    ``keep`` (without repeats) and ``into_it`` is removed (written to ``write_to`` if given).

    Examples
    --------
    >>> merged = merge_needs(load_codebook(), "ef_binnenstad", "ef_vastgoed_transformatie")
    >>> "ef_vastgoed_transformatie" in merged.ids, "kantoren" in merged["ef_binnenstad"].termen
    (False, True)
    """
    for need_id in (keep, into_it):
        if need_id not in book.ids:
            _missing(book, need_id)
    a, b = book[keep], book[into_it]
    merged = a.model_copy(update={
        "termen": tuple(dict.fromkeys((*a.termen, *b.termen))),
        "voorbeelden": tuple(dict.fromkeys((*a.voorbeelden, *b.voorbeelden)))})
    out = Codebook(tuple(merged if n.id == keep else n for n in book.needs if n.id != into_it),
                   book.source)
    return _written(out, write_to)


def _missing(book: Codebook, need_id: str) -> Codebook:
    raise CodebookError(f"{book.source}: behoefte {need_id} staat niet in het codeboek.")
